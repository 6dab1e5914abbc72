//! `tether export --format ics`: one calendar event for each active stretch, titled with
//! the mission, checked against RFC 5545's structure by reading it back: CRLF line ends,
//! lines folded at 75 octets, BEGIN and END nested, the required properties, TEXT escaped.

mod common;
mod journal_support;

use std::collections::HashMap;

use common::Home;
use journal_support::{run, three_missions};

/// The calendar's content lines, unfolded, after checking every physical line.
fn unfolded(ics: &str) -> Vec<String> {
    assert!(ics.ends_with("\r\n"));
    let mut lines: Vec<String> = Vec::new();
    for physical in ics.trim_end_matches("\r\n").split("\r\n") {
        assert!(physical.len() <= 75, "longer than 75 octets: {physical:?}");
        assert!(
            !physical.contains(['\r', '\n']),
            "a bare line break: {physical:?}"
        );
        match physical.strip_prefix(' ') {
            Some(rest) => lines.last_mut().expect("a line to continue").push_str(rest),
            None => lines.push(physical.to_string()),
        }
    }
    lines
}

/// A TEXT value read back: `\\`, `\;`, `\,`, `\n` unescaped; a bare `;` or `,` refused.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some(c @ ('\\' | ';' | ',')) => out.push(c),
                other => panic!("a bad escape \\{other:?} in {value}"),
            },
            ';' | ',' => panic!("unescaped {c} in {value}"),
            c => out.push(c),
        }
    }
    out
}

#[test]
fn ics_has_one_event_a_stretch_titled_with_the_mission() {
    let home = Home::new();
    three_missions(&home);
    let title = "Gift; for, \\Session\\ 00004";
    run(&home, &["start", title]);
    run(&home, &["log", &"a long note ".repeat(10)]);
    let ics = run(&home, &["export", "--all", "--format", "ics"]);
    let lines = unfolded(&ics);
    let mut stack: Vec<String> = Vec::new();
    let mut events: Vec<HashMap<String, String>> = Vec::new();
    for line in &lines {
        let (name, value) = line.split_once(':').expect("NAME:value");
        match name {
            "BEGIN" => {
                stack.push(value.to_string());
                if value == "VEVENT" {
                    events.push(HashMap::new());
                }
            }
            "END" => assert_eq!(stack.pop().as_deref(), Some(value), "nesting"),
            _ if stack.last().map(String::as_str) == Some("VEVENT") => {
                events.last_mut().unwrap().insert(name.into(), value.into());
            }
            _ => {}
        }
    }
    assert!(stack.is_empty(), "every BEGIN has its END");
    assert_eq!(lines[..2], ["BEGIN:VCALENDAR", "VERSION:2.0"]);
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
    let stretches: Vec<(String, String, String)> = events
        .iter()
        .map(|e| {
            for required in ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"] {
                assert!(e.contains_key(required), "{required} missing: {e:?}");
            }
            assert_eq!(e["DTSTAMP"], "20250816T100000Z");
            (
                unescape(&e["SUMMARY"]),
                e["DTSTART"].clone(),
                e["DTEND"].clone(),
            )
        })
        .collect();
    let stretch = |s: &str, a: &str, b: &str| (s.to_string(), a.to_string(), b.to_string());
    let agents = "Implement Reality Agents";
    assert_eq!(
        stretches,
        [
            stretch(agents, "20250814T213000Z", "20250814T221000Z"),
            stretch(
                "Gift for Session 00004",
                "20250815T070000Z",
                "20250815T072000Z"
            ),
            stretch("Write the README", "20250815T073000Z", "20250815T080000Z"),
        ],
        "00001's lone 09:45 note has no active time; nor has the new mission's minute"
    );
    let uids: Vec<&str> = events.iter().map(|e| e["UID"].as_str()).collect();
    assert_eq!(uids[0], "00001-20250814T213000Z@tether");
    // the new mission's two interactions at the same instant: no event
    assert!(!stretches.iter().any(|s| s.0 == title));
}
