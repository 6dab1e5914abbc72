//! Time: stored in UTC, shown in local time, around daylight-saving changes in Paris and
//! New York, and with a clock set back. A local time the change skips is refused; one it
//! repeats is the earlier; a gap is measured in real time and is never negative.

mod common;

use std::path::Path;

use common::{Home, json, sid, utc};
use tether::timeline::materialize;

/// A zone by name when the system has its rules, else the same rules as a POSIX TZ string
/// (which needs no tz database).
fn zone(name: &str, posix: &'static str) -> String {
    if Path::new("/usr/share/zoneinfo").join(name).exists() {
        name.to_string()
    } else {
        posix.to_string()
    }
}

fn paris() -> String {
    zone("Europe/Paris", "CET-1CEST,M3.5.0,M10.5.0/3")
}

fn new_york() -> String {
    zone("America/New_York", "EST5EDT,M3.2.0,M11.1.0")
}

/// Runs `tether ARGS` in time zone `tz` at `now`; returns (success, stdout, stderr).
fn run_in(home: &Home, tz: &str, now: &str, args: &[&str]) -> (bool, String, String) {
    let out = home.cmd(now).env("TZ", tz).args(args).output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.success(), text(out.stdout), text(out.stderr))
}

/// The stored times of the session's interactions whose text is `text`.
fn stored_at(home: &Home, text: &str) -> Vec<chrono::DateTime<chrono::Utc>> {
    let read = home.store().timeline(&sid("00001")).unwrap();
    materialize(read.records)
        .into_iter()
        .filter(|i| i.text == text)
        .map(|i| i.at)
        .collect()
}

#[test]
fn around_daylight_saving_changes_a_skipped_time_is_refused_and_a_repeated_one_is_the_earlier() {
    // (zone, a skipped local time, a repeated one, the repeated one's first instant in UTC)
    let cases = [
        (
            paris(),
            "2025-03-30 02:30",
            "2025-10-26 02:30",
            "2025-10-26T00:30:00Z",
        ),
        (
            new_york(),
            "2025-03-09 02:30",
            "2025-11-02 01:30",
            "2025-11-02T05:30:00Z",
        ),
    ];
    let now = "2025-11-05T12:00:00Z";
    for (tz, skipped, repeated, earlier) in cases {
        let home = Home::new();
        run_in(&home, &tz, "2025-01-02T00:00:00Z", &["start", "Clocks"]);
        let before = home.files();
        let (ok, out, err) = run_in(&home, &tz, now, &["log", "--at", skipped, "skipped"]);
        assert!(!ok && out.is_empty(), "{tz}: {out}");
        assert!(
            err.contains(&format!("'{skipped}' does not exist in local time"))
                && err.contains("daylight-saving"),
            "{tz}: {err}"
        );
        assert_eq!(home.files(), before, "{tz}: nothing written");

        let (ok, _, err) = run_in(&home, &tz, now, &["log", "--at", repeated, "repeated"]);
        assert!(ok, "{tz}: {err}");
        assert_eq!(
            stored_at(&home, "repeated"),
            [utc(earlier)],
            "{tz}: stored in UTC"
        );
        let (_, log, _) = run_in(&home, &tz, now, &["report", "--format", "log"]);
        assert!(
            log.contains(&format!("[{repeated}:00] repeated")),
            "{tz}: shown local: {log}"
        );
        let (_, utc_log, _) = run_in(&home, "UTC", now, &["report", "--format", "log"]);
        let shown = earlier.replace('T', " ").replace('Z', "");
        assert!(
            utc_log.contains(&format!("[{shown}] repeated")),
            "{utc_log}"
        );
    }
}

#[test]
fn a_bare_clock_time_on_the_day_of_the_change_follows_the_same_rules() {
    let tz = paris();
    let home = Home::new();
    run_in(&home, &tz, "2025-03-29T12:00:00Z", &["start", "Clocks"]);
    let (ok, _, err) = run_in(
        &home,
        &tz,
        "2025-03-30T12:00:00Z",
        &["log", "--at", "02:15", "x"],
    );
    assert!(!ok && err.contains("does not exist in local time"), "{err}");
    let (ok, _, err) = run_in(
        &home,
        &tz,
        "2025-10-26T12:00:00Z",
        &["log", "--at", "02:15", "y"],
    );
    assert!(ok, "{err}");
    assert_eq!(stored_at(&home, "y"), [utc("2025-10-26T00:15:00Z")]);
}

#[test]
fn gaps_across_a_change_are_real_time_not_wall_clock_time() {
    let tz = paris();
    let home = Home::new();
    run_in(&home, &tz, "2025-10-25T20:00:00Z", &["start", "Clocks"]);
    // 02:00 CEST, then 03:30 CET: the wall clock says 1h 30m, 2h 30m passed (a gap)
    // 02:50 CEST, then 02:10 CET: the wall clock goes back 40m, 20m passed
    for (at, text) in [
        ("2025-10-26T00:00:00+00:00", "before the change"),
        ("2025-10-26T00:50:00Z", "02:50 summer time"),
        ("2025-10-26T01:10:00Z", "02:10 winter time"),
        ("2025-10-26T02:30:00Z", "03:30 winter time"),
    ] {
        let (ok, _, err) = run_in(
            &home,
            &tz,
            "2025-10-26T12:00:00Z",
            &["log", "--at", at, text],
        );
        assert!(ok, "{err}");
    }
    let (_, out, _) = run_in(
        &home,
        &tz,
        "2025-10-26T12:00:00Z",
        &["report", "--format", "json"],
    );
    let report = json(&out);
    let gaps: Vec<i64> = report["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["seconds"].as_i64().unwrap())
        .collect();
    // 20:00 start → 00:00 (4h), 01:10 → 02:30 (1h 20m is no gap), so one gap of 4h
    assert_eq!(gaps, [4 * 3600], "{report}");
    assert_eq!(
        report["active_seconds"],
        50 * 60 + 20 * 60 + 80 * 60,
        "{report}"
    );
    let (_, log, _) = run_in(
        &home,
        &tz,
        "2025-10-26T12:00:00Z",
        &["report", "--format", "log"],
    );
    let shown: Vec<&str> = log.lines().filter(|l| l.contains("time")).collect();
    assert_eq!(
        shown,
        [
            "[2025-10-26 02:50:00] 02:50 summer time",
            "[2025-10-26 02:10:00] 02:10 winter time",
            "[2025-10-26 03:30:00] 03:30 winter time",
        ],
        "shown in local time, in the order they happened"
    );
}

#[test]
fn a_clock_set_back_never_shows_a_negative_silence() {
    let home = Home::new();
    home.run("2025-08-16T10:00:00Z", &["start", "Clocks"]);
    home.run("2025-08-16T10:00:00Z", &["log", "at ten"]);
    // the system clock is set back an hour, then two
    let out = home.run("2025-08-16T09:00:00Z", &["log", "at nine"]);
    assert!(out.starts_with("Logged") && !out.contains('-'), "{out}");
    let status = json(&home.run("2025-08-16T08:00:00Z", &["status", "--format", "json"]));
    assert_eq!(status["seconds_since_last"], 0, "{status}");
    let status = home.run("2025-08-16T08:00:00Z", &["status"]);
    assert!(!status.contains("-1h"), "{status}");
    let report = json(&home.run("2025-08-16T08:00:00Z", &["report", "--format", "json"]));
    assert!(report["active_seconds"].as_i64().unwrap() >= 0, "{report}");
    assert_eq!(report["gap_count"], 0, "{report}");
    let texts: Vec<String> = materialize(home.store().timeline(&sid("00001")).unwrap().records)
        .into_iter()
        .map(|i| i.text)
        .collect();
    assert_eq!(
        texts,
        ["at nine", "Mission started: Clocks", "at ten"],
        "in time order"
    );
    let resume = home.run("2025-08-16T08:00:00Z", &["resume"]);
    assert!(!resume.contains(" -"), "{resume}");
}
