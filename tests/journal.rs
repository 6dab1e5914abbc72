//! `tether journal`: what happened across missions, day by day in local time, with the
//! gaps acknowledged, each day's active time and missions; in text, Markdown, JSON and log
//! lines, at a fixed clock in Paris.

mod common;
mod journal_support;

use chrono::NaiveDate;
use common::{Home, utc};
use journal_support::{NOW, delete, edit, move_to, paris, run, run_in, three_missions};
use tether::journal::{Entry, Journal};

fn journal_json(home: &Home, args: &[&str]) -> Journal {
    let mut all = vec!["journal", "--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&run(home, &all)).expect("the journal's JSON reads back")
}

/// Each entry of each day: `G seconds` for a gap, `session text` for an interaction.
fn entries(j: &Journal) -> Vec<Vec<String>> {
    j.days
        .iter()
        .map(|d| {
            d.entries
                .iter()
                .map(|e| match e {
                    Entry::Gap(g) => format!("G {}", g.seconds),
                    Entry::Interaction(l) => format!("{} {}", l.session, l.interaction.text),
                })
                .collect()
        })
        .collect()
}

#[test]
fn text_and_markdown_show_each_local_day_its_missions_and_the_gap() {
    let home = Home::new();
    three_missions(&home);
    insta::assert_snapshot!("journal_text", run(&home, &["journal"]));
    insta::assert_snapshot!("journal_md", run(&home, &["journal", "--format", "md"]));
}

#[test]
fn json_has_days_of_entries_in_time_order_across_missions() {
    let home = Home::new();
    three_missions(&home);
    let j = journal_json(&home, &[]);
    let dates: Vec<NaiveDate> = j.days.iter().map(|d| d.date).collect();
    assert_eq!(dates, [day("2025-08-14"), day("2025-08-15")]);
    let days = entries(&j);
    assert_eq!(
        days[0],
        [
            "00001 Mission started: Implement Reality Agents",
            "00001 Reviewed the store design"
        ]
    );
    assert_eq!(days[1][0], "00001 Past midnight in Paris");
    assert_eq!(days[1][1], format!("G {}", 8 * 3600 + 50 * 60));
    let sessions: Vec<&str> = days[1][2..].iter().map(|e| &e[..5]).collect();
    assert_eq!(
        sessions,
        ["00002", "00002", "00003", "00001", "00003"],
        "{days:?}"
    );
    // Thursday: 23:30 to 23:50; Friday: the 20 minutes into 00:10, then 09:00 to 10:00
    assert_eq!(j.days[0].active_seconds, 20 * 60);
    assert_eq!(j.days[1].active_seconds, 80 * 60);
    assert_eq!(
        (j.active_seconds, j.gap_count, j.interactions),
        (100 * 60, 1, 8)
    );
    let friday: Vec<(&str, usize, i64)> = j.days[1]
        .missions
        .iter()
        .map(|t| (t.session.as_str(), t.interactions, t.active_seconds))
        .collect();
    // 00001's own pause from 00:10 to 09:45 is a gap: only its pause into Friday counts
    assert_eq!(
        friday,
        [
            ("00001", 2, 20 * 60),
            ("00002", 2, 20 * 60),
            ("00003", 2, 30 * 60)
        ]
    );
    assert_eq!(
        j.since,
        Some(utc("2025-08-09T22:00:00Z")),
        "00:00 six days ago"
    );
    assert_eq!(j.until, None);
}

#[test]
fn days_are_the_local_zones() {
    let home = Home::new();
    three_missions(&home);
    let out = run_in(&home, "UTC", NOW, &["journal", "--format", "json"]);
    let j: Journal = serde_json::from_str(&out).unwrap();
    let sizes: Vec<usize> = j.days.iter().map(|d| d.entries.len()).collect();
    // in UTC, 22:10 is still Thursday, and the gap opens Friday
    assert_eq!(sizes, [3, 6]);
    assert!(matches!(j.days[1].entries[0], Entry::Gap(_)));
}

#[test]
fn log_lines_read_as_the_report_and_import_back() {
    let home = Home::new();
    three_missions(&home);
    let log = run(&home, &["journal", "--format", "log"]);
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines[0], "[SESSION 00001 · Implement Reality Agents]");
    assert_eq!(
        lines[1],
        "[2025-08-14 23:30:00] Mission started: Implement Reality Agents"
    );
    assert_eq!(lines[3], "[2025-08-15 00:10:00] Past midnight in Paris");
    assert_eq!(lines[4], "[SESSION RESUMED after 8h 50m break]");
    assert_eq!(lines[5], "[SESSION 00002 · Gift for Session 00004]");
    assert_eq!(log.lines().filter(|l| l.starts_with("[2025-")).count(), 8);
    let file = home.path().join("week.log");
    std::fs::write(&file, &log).unwrap();
    let out = run(&home, &["import", "--session", "9", file.to_str().unwrap()]);
    assert!(
        out.contains("passed over 1 gap marker and 5 session markers"),
        "{out}"
    );
    assert!(out.contains("Imported 8 interactions"), "{out}");
}

#[test]
fn since_and_until_take_any_when_and_a_day_whole() {
    let home = Home::new();
    three_missions(&home);
    let thursday = journal_json(&home, &["--since", "2025-08-14", "--until", "thursday"]);
    assert_eq!(
        entries(&thursday),
        [[
            "00001 Mission started: Implement Reality Agents",
            "00001 Reviewed the store design"
        ]]
    );
    let friday = journal_json(
        &home,
        &["--since", "yesterday", "--until", "2025-08-15 09:30"],
    );
    let texts = entries(&friday);
    assert_eq!(texts[0].first().unwrap(), "00001 Past midnight in Paris");
    assert_eq!(
        texts[0].last().unwrap(),
        "00003 Mission started: Write the README"
    );
    // 7d is seven days back to the minute: Saturday 12:00 is Saturday 9 Aug 12:00
    let week = journal_json(&home, &["--since", "7d"]);
    assert_eq!(week.since, Some(utc("2025-08-09T10:00:00Z")));
    // a day ago, to the minute: Friday from 12:00 has nothing
    let nothing = run(&home, &["journal", "--since", "-1d"]);
    assert_eq!(nothing, "Nothing logged from 2025-08-15 12:00 to now.\n");
}

#[test]
fn the_default_is_the_last_seven_days_whole() {
    let home = Home::new();
    let tz = paris();
    // Saturday 9 August 23:59 in Paris is eight days back; Sunday 10 August 00:00 is in
    run_in(&home, &tz, "2025-08-09T21:59:00Z", &["start", "Long ago"]);
    run_in(
        &home,
        &tz,
        "2025-08-09T22:00:00Z",
        &["log", "Sunday, first minute"],
    );
    let j = journal_json(&home, &[]);
    assert_eq!(entries(&j), [["00001 Sunday, first minute"]]);
}

#[test]
fn edits_are_applied_deletions_left_out_and_moves_followed() {
    let home = Home::new();
    three_missions(&home);
    edit(
        &home,
        "00002",
        "Wrapped the gift, with \"ribbons\"; nicely",
        "Gift wrapped",
    );
    delete(&home, "00003", "Tour written");
    // moved from Thursday night into the span of Friday 10:00 and out of Thursday's
    move_to(
        &home,
        "00001",
        "Reviewed the store design",
        utc("2025-08-15T08:05:00Z"),
    );
    let friday = journal_json(&home, &["--since", "2025-08-15 09:50"]);
    assert_eq!(entries(&friday), [["00001 Reviewed the store design"]]);
    let all: Vec<String> = entries(&journal_json(&home, &[])).concat();
    assert!(all.contains(&"00002 Gift wrapped".to_string()), "{all:?}");
    assert!(
        !all.iter()
            .any(|e| e.contains("Tour written") || e.contains("ribbons"))
    );
    let thursday = journal_json(&home, &["--until", "2025-08-14"]);
    assert_eq!(entries(&thursday)[0].len(), 1, "moved out of Thursday");
}

#[test]
fn hostile_text_is_escaped_in_markdown_and_made_safe_in_text() {
    let home = Home::new();
    let tz = paris();
    run_in(
        &home,
        &tz,
        "2025-08-15T07:00:00Z",
        &["start", "![x](https://e.vil/b.png)"],
    );
    run_in(
        &home,
        &tz,
        "2025-08-15T07:10:00Z",
        &["log", "<img src=x onerror=alert(1)> \u{1b}[31mred"],
    );
    let md = run(&home, &["journal", "--format", "md"]);
    assert!(md.contains(r"\!\[x\]\(https://e.vil/b.png\)"), "{md}");
    assert!(
        md.contains(r"\<img src=x onerror=alert\(1\)\> ␛\[31mred"),
        "{md}"
    );
    assert!(!md.contains('\u{1b}'));
    let text = run(&home, &["journal"]);
    assert!(
        text.contains("␛[31mred") && !text.contains('\u{1b}'),
        "{text}"
    );
}

#[test]
fn a_bad_span_is_refused_in_one_line() {
    let home = Home::new();
    three_missions(&home);
    let err = home.refuse(NOW, &["journal", "--since", "someday"]);
    assert!(err.contains("someday"), "{err}");
    // the forms a span takes, not only those --at takes
    assert!(
        err.contains("a date (2025-08-15), today, yesterday, a weekday (monday), 7d"),
        "{err}"
    );
    let err = home.refuse(
        NOW,
        &["journal", "--since", "today", "--until", "yesterday"],
    );
    assert!(err.contains("ends before it starts"), "{err}");
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// One mission's timeline damaged: the journal is made of the others, the damaged file is
/// named with its line on stderr, and the exit status says the journal is not whole.
#[test]
fn a_damaged_mission_is_named_and_the_journal_made_of_the_others() {
    let home = Home::new();
    three_missions(&home);
    let whole = entries(&journal_json(&home, &[]));
    let (timeline, lines) = home.damage_end("00002");
    let out = home
        .cmd(NOW)
        .env("TZ", paris())
        .args(["journal", "--format", "json"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!("{}:{lines}:", timeline.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "1 mission could not be read whole (said above): the journal shows the others"
        ),
        "{stderr}"
    );
    let partial: Journal = serde_json::from_slice(&out.stdout).unwrap();
    // the gaps between what is left are others; the interactions are the same, less 00002's
    let interactions = |days: Vec<Vec<String>>, left_out: &str| -> Vec<Vec<String>> {
        let kept = |e: &String| !e.starts_with('G') && !e.starts_with(left_out);
        days.into_iter()
            .map(|day| day.into_iter().filter(kept).collect())
            .collect()
    };
    assert_eq!(
        interactions(entries(&partial), "G"),
        interactions(whole.clone(), "00002")
    );
    assert!(whole.iter().flatten().any(|e| e.starts_with("00002")));
}
