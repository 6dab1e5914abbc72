//! `tether export`: CSV read back by a CSV parser, JSON lines restored by `tether import`
//! into an empty store with every report the same, calendar events checked against RFC
//! 5545's structure; edits applied, deletions left out, hostile text kept harmless.

mod common;
mod journal_support;

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

use chrono::{DateTime, Utc};
use common::{Home, json, sid, utc};
use journal_support::{NOW, delete, edit, interactions, paris, run, three_missions};
use tether::record::Record;
use tether::session::{Interaction, Kind, Session, Source};
use ulid::Ulid;

/// A text no output may pass on raw: a formula, CSV and iCalendar separators, a line
/// break, an escape sequence.
const HOSTILE: &str = "=HYPERLINK(\"https://e.vil\"), a; b\\c\nsecond line \u{1b}[31m";

/// The week, plus a hostile note, an edited and a deleted one, a step, a decision and
/// a completed mission.
fn week(home: &Home) {
    three_missions(home);
    run(home, &["log", "--session", "2", HOSTILE]);
    run(home, &["step", "add", "Publish the tour"]);
    run(home, &["step", "add", "Proofread"]);
    run(home, &["step", "done", "2"]);
    run(
        home,
        &["decide", "Markdown, not HTML", "--why", "diffs read well"],
    );
    edit(
        home,
        "00001",
        "Back on the agents",
        "Back on the agents, edited",
    );
    delete(home, "00001", "Past midnight in Paris");
    run(home, &["switch", "2"]);
    run(home, &["complete"]);
    run(home, &["switch", "3"]);
}

fn csv_rows(out: &str) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let header_line = "session,mission,id,time_utc,local_time,kind,source,text";
    assert_eq!(header.join(","), header_line);
    assert!(
        out.starts_with(&format!("{header_line}\r\n")),
        "CRLF line ends"
    );
    reader
        .records()
        .map(|r| {
            let r = r.expect("RFC 4180 rows");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

#[test]
fn csv_reads_back_with_edits_applied_deletions_left_out_and_text_made_harmless() {
    let home = Home::new();
    week(&home);
    let rows = csv_rows(&run(&home, &["export", "--all"]));
    let mut expected: Vec<(String, Interaction)> = Vec::new();
    for id in ["00001", "00002", "00003"] {
        let mut these = interactions(&home, id);
        these.sort_by_key(|i| i.id); // the export's order is the order written
        expected.extend(these.into_iter().map(|i| (id.to_string(), i)));
    }
    let mut got: Vec<&HashMap<String, String>> = rows.iter().collect();
    got.sort_by_key(|r| (r["session"].clone(), r["id"].clone()));
    assert_eq!(got.len(), expected.len());
    for (row, (session, i)) in got.iter().zip(&expected) {
        assert_eq!(&row["session"], session);
        assert_eq!(row["id"], i.id.to_string());
        assert_eq!(row["time_utc"].parse::<DateTime<Utc>>().unwrap(), i.at);
        assert_eq!(row["kind"], i.kind.as_str());
        assert_eq!(row["source"], i.source.as_str());
        let local =
            i.at.with_timezone(&chrono_tz_paris())
                .format("%Y-%m-%d %H:%M:%S");
        assert_eq!(row["local_time"], local.to_string());
        if i.text != HOSTILE {
            assert_eq!(row["text"], i.text);
        }
    }
    let texts: Vec<&str> = rows.iter().map(|r| r["text"].as_str()).collect();
    assert!(texts.contains(&"Back on the agents, edited"));
    assert!(
        !texts.iter().any(|t| t.contains("Past midnight")),
        "deleted"
    );
    let hostile = "'=HYPERLINK(\"https://e.vil\"), a; b\\c\nsecond line ␛[31m";
    assert!(texts.contains(&hostile), "{texts:?}");
    assert_eq!(rows[0]["mission"], "Implement Reality Agents");
}

/// Paris in August, as a fixed offset: the tests' dates are all in summer time.
fn chrono_tz_paris() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(2 * 3600).unwrap()
}

#[test]
fn jsonl_restored_into_an_empty_store_gives_every_report_back_and_twice_adds_nothing() {
    let home = Home::new();
    week(&home);
    let backup = run(&home, &["export", "--all", "--format", "jsonl"]);
    assert!(backup.lines().all(|l| json(l)["type"].is_string()));
    assert!(!backup.contains('\u{1b}') && backup.contains(r"\u001b[31m"));
    let file = home.path().join("backup.jsonl");
    std::fs::write(&file, &backup).unwrap();
    let fresh = Home::new();
    let said = run(&fresh, &["import", file.to_str().unwrap()]);
    assert!(
        said.contains("a tether export of 3 sessions and 15 interactions"),
        "{said}"
    );
    assert!(said.contains("Session 00003 is the active one"), "{said}");
    for id in ["1", "2", "3"] {
        for args in [
            &["report", "--session", id, "--format", "json"][..],
            &["step", "list", "--format", "json"][..],
            &["resume", "--session", id, "--format", "json"][..],
        ] {
            assert_eq!(run(&fresh, args), run(&home, args), "{args:?}");
        }
    }
    assert_eq!(
        run(&fresh, &["missions", "--format", "json"]),
        run(&home, &["missions", "--format", "json"])
    );
    let again = run(&fresh, &["export", "--all", "--format", "jsonl"]);
    assert_eq!(again, backup, "the restored store exports the same file");
    let before = fresh.files();
    let twice = run(&fresh, &["import", file.to_str().unwrap()]);
    assert_eq!(
        twice.matches("already here, nothing to add").count(),
        3,
        "{twice}"
    );
    assert_eq!(fresh.files(), before, "the second import wrote nothing");
}

#[test]
fn a_session_id_taken_by_another_session_is_restored_under_the_next_number() {
    let home = Home::new();
    week(&home);
    let file = home.path().join("backup.jsonl");
    std::fs::write(&file, run(&home, &["export", "--all", "--format", "jsonl"])).unwrap();
    let other = Home::new();
    run(&other, &["start", "Another mission"]);
    let said = run(&other, &["import", file.to_str().unwrap()]);
    assert!(
        said.contains("Session 00001 (as 00002: 00001 is another session here)"),
        "{said}"
    );
    assert!(
        !said.contains("is the active one"),
        "the store's active session stays: {said}"
    );
    for (from, into) in [("1", "2"), ("2", "3"), ("3", "4")] {
        let mut theirs = json(&run(
            &home,
            &["report", "--session", from, "--format", "json"],
        ));
        let ours = json(&run(
            &other,
            &["report", "--session", into, "--format", "json"],
        ));
        theirs["session"] = ours["session"].clone();
        if from == "3" {
            assert_eq!(theirs["status"], "active");
            // it was active, and the store has an active session of its own
            theirs["status"] = "paused".into();
        }
        assert_eq!(ours, theirs);
    }
    let twice = run(&other, &["import", file.to_str().unwrap()]);
    assert_eq!(twice.matches("nothing to add").count(), 3, "{twice}");
    assert_eq!(other.store().session_ids().unwrap().len(), 4);
}

#[test]
fn an_export_that_is_not_whole_is_refused_naming_the_line_and_nothing_is_written() {
    let home = Home::new();
    week(&home);
    let backup = run(&home, &["export", "--all", "--format", "jsonl"]);
    let fresh = Home::new();
    let mut lines: Vec<&str> = backup.lines().collect();
    lines[4] = r#"{"type":"interaction","session":"00001","id":"nope"}"#;
    let file = fresh.path().join("../broken.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    let err = fresh.refuse(NOW, &["import", file.to_str().unwrap()]);
    assert!(err.contains("broken.jsonl: line 5:"), "{err}");
    let err = fresh.refuse(NOW, &["import", "--session", "7", file.to_str().unwrap()]);
    assert!(err.contains("is a tether export"), "{err}");
}

#[test]
fn a_span_keeps_what_happened_in_it_and_the_sessions_that_had_any() {
    let home = Home::new();
    three_missions(&home);
    let rows = csv_rows(&run(
        &home,
        &["export", "--all", "--since", "2025-08-15 09:30"],
    ));
    let texts: Vec<&str> = rows.iter().map(|r| r["text"].as_str()).collect();
    assert_eq!(
        texts,
        [
            "Back on the agents",
            "Mission started: Write the README",
            "Tour written"
        ]
    );
    let jsonl = run(
        &home,
        &[
            "export", "--all", "--until", "thursday", "--format", "jsonl",
        ],
    );
    let sessions: Vec<String> = jsonl
        .lines()
        .map(json)
        .filter(|l| l["type"] == "session")
        .map(|l| l["session"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(sessions, ["00001"]);
}

#[test]
fn the_active_session_by_default_another_with_session_and_a_clear_refusal_without() {
    let home = Home::new();
    three_missions(&home);
    let only: Vec<String> = csv_rows(&run(&home, &["export"]))
        .into_iter()
        .map(|r| r["session"].clone())
        .collect();
    assert_eq!(only, ["00003", "00003"]);
    let two = csv_rows(&run(&home, &["export", "--session", "2"]));
    assert_eq!(two.len(), 2);
    let err = home.refuse(NOW, &["export", "--session", "9"]);
    assert!(err.contains("there is no session 00009"), "{err}");
    run(&home, &["complete"]);
    let err = home.refuse(NOW, &["export"]);
    assert!(
        err.contains("no active mission to export: `tether export --all`"),
        "{err}"
    );
}

#[test]
fn a_closed_pipe_ends_the_export_quietly() {
    let home = Home::new();
    let store = home.store();
    let id = sid("00001");
    let start = utc("2025-08-01T08:00:00Z");
    let records: Vec<Record> = (0..20_000)
        .map(|n| {
            Record::Interaction(Interaction {
                id: Ulid::from_parts(n, 1),
                at: start + chrono::TimeDelta::seconds(n as i64 * 30),
                kind: Kind::Note,
                source: Source::Cli,
                text: format!("note number {n} of a long export"),
                head: None,
                branch: None,
            })
        })
        .collect();
    store
        .write(|w| {
            w.create_session(&Session::new(id.clone(), "Big".into(), start))?;
            w.append(&id, &records)
        })
        .unwrap();
    for format in ["csv", "jsonl", "ics"] {
        let mut child = std::process::Command::new(common::BIN)
            .args(["export", "--all", "--format", format])
            .env("TETHER_HOME", home.path())
            .env("TETHER_NOW", NOW)
            .env("TZ", paris())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty());
        // the reader is gone: the rest meets a closed pipe
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{format}: {:?}", out.status);
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{format}");
    }
}
