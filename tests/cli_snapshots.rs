//! Snapshots of the help and of every report and briefing format, from the seed's night:
//! session 00004 started at 23:00, logs at 23:41:00 and 23:50:34, then 08:08:02 the next
//! morning (8h 17m 28s later), a decision and a step done.
//!
//! Update with `INSTA_UPDATE=always cargo test --test cli_snapshots`, then read every
//! changed `.snap` file before keeping it.

mod common;

use common::{END, Home, MORNING, START, json, redact_ids};

fn help(args: &[&str]) -> String {
    let home = Home::new();
    let out = home.run(START, args);
    assert!(!out.contains(&home.path_str()), "no temp path in help");
    out
}

#[test]
fn help_snapshots() {
    insta::assert_snapshot!("help", help(&["--help"]));
    insta::assert_snapshot!("help_log", help(&["log", "--help"]));
    insta::assert_snapshot!("help_start", help(&["start", "--help"]));
    insta::assert_snapshot!("help_report", help(&["report", "--help"]));
}

/// The whole scenario, read at `END` (08:12 the next morning).
fn scenario() -> Home {
    let home = Home::new();
    home.night_before();
    home.morning_after();
    home
}

#[test]
fn report_snapshots() {
    let home = scenario();
    let report = |format: &str| {
        let out = home.run(END, &["report", "--format", format]);
        assert!(!out.contains(&home.path_str()), "{out}");
        out
    };
    insta::assert_snapshot!("report_text", report("text"));
    insta::assert_snapshot!("report_md", report("md"));
    insta::assert_snapshot!("report_log", report("log"));
    let mut value = json(&report("json"));
    redact_ids(&mut value);
    insta::assert_json_snapshot!("report_json", value);
}

#[test]
fn resume_snapshots_after_the_gap() {
    let home = Home::new();
    home.night_before();
    let resume = |format: &str| home.run(MORNING, &["resume", "--format", format]);
    insta::assert_snapshot!("resume_text_after_gap", resume("text"));
    insta::assert_snapshot!("resume_md_after_gap", resume("md"));
    let mut value = json(&resume("json"));
    redact_ids(&mut value);
    insta::assert_json_snapshot!("resume_json_after_gap", value);
}

#[test]
fn resume_snapshots_after_the_mornings_work() {
    let home = scenario();
    let resume = |format: &str| home.run(END, &["resume", "--format", format]);
    insta::assert_snapshot!("resume_text_after_work", resume("text"));
    insta::assert_snapshot!("resume_md_after_work", resume("md"));
    let mut value = json(&resume("json"));
    redact_ids(&mut value);
    insta::assert_json_snapshot!("resume_json_after_work", value);
}
