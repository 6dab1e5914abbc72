//! Table-driven tests of the log reader: the line forms, dates and rollover, skipped lines.

use super::*;
use chrono::FixedOffset;

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn day(s: &str) -> Option<NaiveDate> {
    Some(s.parse().unwrap())
}

#[test]
fn every_line_form_is_read() {
    let cases = [
        ("[23:50:34] Creating gift", "2025-08-15T23:50:34Z"),
        ("[23:50] Creating gift", "2025-08-15T23:50:00Z"),
        ("[9:05] Creating gift", "2025-08-15T09:05:00Z"),
        (
            "[2025-08-14 23:50:34] Creating gift",
            "2025-08-14T23:50:34Z",
        ),
        ("[2025-08-14 23:50] Creating gift", "2025-08-14T23:50:00Z"),
        (
            "[2025-08-14T23:50:34] Creating gift",
            "2025-08-14T23:50:34Z",
        ),
        (
            "[2025-08-15T01:50:34+02:00] Creating gift",
            "2025-08-14T23:50:34Z",
        ),
        ("  [23:50:34]   Creating gift  \r", "2025-08-15T23:50:34Z"),
        ("[ 23:50:34 ]Creating gift", "2025-08-15T23:50:34Z"),
    ];
    for (line, want) in cases {
        let parsed = parse(line, day("2025-08-15"), &Utc);
        let got: Vec<_> = parsed.entries.into_iter().map(|e| (e.at, e.text)).collect();
        assert_eq!(got, [(utc(want), "Creating gift".to_string())], "{line:?}");
    }
}

#[test]
fn dates_come_from_the_option_or_a_dated_line_and_roll_over_when_the_clock_goes_back() {
    let cases: [(&str, &str, Option<NaiveDate>, &[&str]); 4] = [
        (
            "the seed's night: the morning is the next day; the same second stays",
            "[23:50:34] a\n[08:08:02] b\n[08:08:02] c\n[07:00] d\n",
            day("2025-08-15"),
            &[
                "2025-08-15T23:50:34Z",
                "2025-08-16T08:08:02Z",
                "2025-08-16T08:08:02Z",
                "2025-08-17T07:00:00Z",
            ],
        ),
        (
            "[HH:MM] compares to the minute: 23:50 after 23:50:34 is the same day",
            "[23:50:34] a\n[23:50] b\n[23:49] c\n",
            day("2025-08-15"),
            &[
                "2025-08-15T23:50:34Z",
                "2025-08-15T23:50:00Z",
                "2025-08-16T23:49:00Z",
            ],
        ),
        (
            "a dated line sets the date of the time-only lines after it",
            "[2025-08-20 22:00] a\n[23:00] b\n[01:00] c\n",
            None,
            &[
                "2025-08-20T22:00:00Z",
                "2025-08-20T23:00:00Z",
                "2025-08-21T01:00:00Z",
            ],
        ),
        (
            "dated lines are taken as written, even out of order",
            "[2025-08-20 22:00] a\n[2025-08-19 10:00] b\n[09:00] c\n",
            day("2025-01-01"),
            &[
                "2025-08-20T22:00:00Z",
                "2025-08-19T10:00:00Z",
                "2025-08-20T09:00:00Z",
            ],
        ),
    ];
    for (name, log, date, want) in cases {
        let parsed = parse(log, date, &Utc);
        assert!(parsed.skipped.is_empty(), "{name}: {:?}", parsed.skipped);
        let got: Vec<DateTime<Utc>> = parsed.entries.iter().map(|e| e.at).collect();
        let want: Vec<DateTime<Utc>> = want.iter().map(|w| utc(w)).collect();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn local_times_are_stored_in_utc() {
    let plus2 = FixedOffset::east_opt(2 * 3600).unwrap();
    let parsed = parse(
        "[01:50:34] a\n[2025-08-16 10:08:02] b\n",
        day("2025-08-16"),
        &plus2,
    );
    let times: Vec<DateTime<Utc>> = parsed.entries.iter().map(|e| e.at).collect();
    assert_eq!(
        times,
        [utc("2025-08-15T23:50:34Z"), utc("2025-08-16T08:08:02Z")]
    );
}

#[test]
fn bad_lines_are_skipped_with_why() {
    let long = format!("[10:00] {}", "x".repeat(MAX_TEXT_BYTES + 1));
    let cases = [
        ("no time here", day("2025-08-15"), "no [time] at the start"),
        (
            "[8 hours of human life - sleeping]",
            day("2025-08-15"),
            "no [time] at the start",
        ),
        (
            "[23:57 unclosed",
            day("2025-08-15"),
            "no [time] at the start",
        ),
        (
            "[25:99] bad clock",
            day("2025-08-15"),
            "[25:99] is not a time: use [HH:MM], [HH:MM:SS] or [YYYY-MM-DD HH:MM:SS]",
        ),
        (
            "[2025-02-30 10:00] no such day",
            None,
            "[2025-02-30 10:00] is not a time: use [HH:MM], [HH:MM:SS] or [YYYY-MM-DD HH:MM:SS]",
        ),
        ("[23:55]", day("2025-08-15"), "empty text"),
        ("[2025-08-15 23:56]   ", None, "empty text"),
        ("[23:50:34] no date", None, "[HH:MM:SS] needs --date"),
        ("[23:50] no date", None, "[HH:MM] needs --date"),
        (
            long.as_str(),
            day("2025-08-15"),
            "the text is 65537 bytes, over the limit of 65536",
        ),
    ];
    for (line, date, want) in cases {
        let parsed = parse(&format!("\n{line}\n"), date, &Utc);
        assert_eq!(parsed.skipped.len(), 1, "{line:?}: {:?}", parsed.skipped);
        assert_eq!(
            parsed.skipped[0].to_string(),
            format!("line 2: {want}"),
            "{line:?}"
        );
    }
}

#[test]
fn gap_markers_and_blank_lines_are_passed_over_and_lines_keep_their_numbers() {
    let log = "\u{feff}[23:50:34] Creating gift for Session 00004\n\n\
               [SESSION RESUMED after 8h 17m break]\n[Session resumed after 8 hours]\n\t\n\
               [08:08:02] Reviewing fix plan";
    let parsed = parse(log, day("2025-08-15"), &Utc);
    assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
    assert_eq!((parsed.gap_markers, parsed.blank), (2, 2));
    let lines: Vec<usize> = parsed.entries.iter().map(|e| e.line).collect();
    assert_eq!(lines, [1, 6]);
    assert_eq!(
        parsed.entries[1].at - parsed.entries[0].at,
        TimeDelta::seconds(29_848)
    );
}

#[test]
fn the_journals_session_markers_are_passed_over_and_nothing_else_is() {
    let log = "[SESSION 00004 · Implement Reality Agents]\n\
               [2025-08-15 23:50:34] Creating gift\n\
               [session 00005B · Gift]\n\
               [Session notes] not a marker\n\
               [2025-08-16 08:08:02] Reviewing fix plan";
    let parsed = parse(log, None, &Utc);
    assert_eq!(parsed.session_markers, 2);
    assert_eq!(parsed.entries.len(), 2);
    let skipped: Vec<usize> = parsed.skipped.iter().map(|s| s.line).collect();
    assert_eq!(skipped, [4]);
}

#[test]
fn future_entries_are_moved_to_the_skipped_lines_in_line_order() {
    let mut parsed = parse(
        "[10:00] past\nnonsense\n[12:00] future\n",
        day("2025-08-15"),
        &Utc,
    );
    parsed.skip_future(utc("2025-08-15T11:00:00Z"));
    assert_eq!(parsed.entries.len(), 1);
    let skipped: Vec<String> = parsed.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        [
            "line 2: no [time] at the start",
            "line 3: in the future (is --date right?)"
        ]
    );
}

#[test]
fn times_outside_the_range_are_skipped_lines_never_a_panic() {
    let log = "[-262143-01-01 00:00:00] the year -262143\n\
               [1969-12-31 23:59:59] before 1970\n\
               [0001-01-01T00:00:00Z] year one\n\
               [9999-12-31 23:59] the last minute\n\
               [23:00] the day after 9999-12-31\n\
               [1970-01-01 00:00] the first minute\n";
    let plus2 = FixedOffset::east_opt(2 * 3600).unwrap();
    let parsed = parse(log, None, &Utc);
    let kept: Vec<&str> = parsed.entries.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(kept, ["the last minute", "the first minute"]);
    let skipped: Vec<String> = parsed.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        [
            "line 1: -262143-01-01 00:00:00 is outside the times tether keeps (1970-01-01 to 9999-12-31)",
            "line 2: 1969-12-31 23:59:59 is outside the times tether keeps (1970-01-01 to 9999-12-31)",
            "line 3: 0001-01-01T00:00:00Z is outside the times tether keeps (1970-01-01 to 9999-12-31)",
            "line 5: +10000-01-01 23:00:00 is outside the times tether keeps (1970-01-01 to 9999-12-31)",
        ]
    );
    // a date at the very end of the calendar rolls over into nothing, without a panic
    let end = Some(NaiveDate::MAX);
    let parsed = parse("[23:00] a\n[22:00] b\n", end, &plus2);
    assert!(parsed.entries.is_empty());
    assert_eq!(parsed.skipped.len(), 2);
    // 1970-01-01 01:00 at +02:00 is 1969 in UTC
    let parsed = parse("[1970-01-01 01:00] a\n", None, &plus2);
    assert_eq!(parsed.skipped.len(), 1);
}
