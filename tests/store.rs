//! The on-disk store: round trips through the library, private permissions, many writers
//! at once, torn tails and repair.

mod common;

use std::collections::HashSet;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use common::{BIN, END, Home, LATER, START, sid, utc};
use tether::record::Record;
use tether::session::{Kind, MissionStatus, Source};
use tether::timeline::materialize;

#[test]
fn what_the_cli_writes_the_library_reads_back() {
    let home = Home::new();
    home.night_before();
    home.morning_after();
    home.run(
        END,
        &[
            "log",
            "--kind",
            "commit",
            "--source",
            "git",
            "a1b2c3 Fix the gap math",
        ],
    );

    let store = home.store();
    let id = sid("00004");
    assert_eq!(store.state().unwrap().active, Some(id.clone()));
    assert_eq!(store.session_ids().unwrap(), vec![id.clone()]);
    let session = store.session(&id).unwrap();
    assert_eq!(session.mission.title, "Implement Reality Agents");
    assert_eq!(session.mission.status, MissionStatus::Active);
    assert_eq!(session.created, utc(START));
    let steps: Vec<(&str, bool)> = session
        .steps
        .iter()
        .map(|s| (s.text.as_str(), s.done))
        .collect();
    assert_eq!(
        steps,
        [
            ("Draft the protocol", true),
            ("Implement the interaction logger", false),
            ("Write the gap tests", false),
        ]
    );
    assert_eq!(
        session.decisions[0].why.as_deref(),
        Some("O(1) append, crash-safe")
    );
    assert_eq!(session.snapshots.len(), 1);

    let read = store.timeline(&id).unwrap();
    assert_eq!(read.torn_tail, None);
    let interactions = materialize(read.records);
    assert_eq!(interactions.len(), 10);
    let last = interactions.last().unwrap();
    assert_eq!((last.kind, last.source), (Kind::Commit, Source::Git));
    assert_eq!(last.text, "a1b2c3 Fix the gap math");
    assert_eq!(last.at, utc(END));
    let ids: HashSet<_> = interactions.iter().map(|i| i.id).collect();
    assert_eq!(ids.len(), interactions.len(), "every record has its own id");

    // The file is a header then one JSON object a line, each ending in a newline.
    let bytes = fs::read(home.timeline("00004")).unwrap();
    assert!(bytes.starts_with(b"{\"format\":1}\n"));
    assert!(bytes.ends_with(b"\n"));
    assert_eq!(bytes.iter().filter(|&&b| b == b'\n').count(), 11);
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn files_are_private_even_with_a_permissive_umask() {
    let parent = tempfile::tempdir().unwrap();
    let root = parent.path().join("data");
    // Run under `umask 000` so the modes come from tether alone.
    let run = |args: &[&str]| {
        let out = Command::new("sh")
            .arg("-c")
            .arg("umask 000 && exec \"$0\" \"$@\"")
            .arg(BIN)
            .args(args)
            .env("TETHER_HOME", &root)
            .env("TETHER_NOW", END)
            .env("TZ", "UTC")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
    };
    run(&["start", "Private"]);
    run(&["log", "a secret"]);
    run(&["step", "add", "x"]);
    run(&["decide", "y"]);
    run(&["freeze"]);
    run(&["start", "Second"]);
    // a torn tail set aside by a log, then a damaged line moved aside by repair
    let timeline = root.join("sessions/00002/timeline.jsonl");
    let append = |extra: &[u8]| {
        let mut bytes = fs::read(&timeline).unwrap();
        bytes.extend_from_slice(extra);
        fs::write(&timeline, bytes).unwrap();
    };
    append(b"{\"torn");
    run(&["log", "after the crash"]);
    append(b"garbage\n");
    run(&["doctor", "--repair"]);

    let mut seen = (0, 0);
    let mut stack = vec![root.clone()];
    assert_eq!(mode(&root), 0o700, "the data folder");
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                assert_eq!(mode(&path), 0o700, "{}", path.display());
                seen.0 += 1;
                stack.push(path);
            } else {
                assert_eq!(mode(&path), 0o600, "{}", path.display());
                seen.1 += 1;
            }
        }
    }
    assert!(root.join("sessions/00002/timeline.torn").exists());
    assert!(root.join("sessions/00002/timeline.rejected").exists());
    // sessions, 00001, 00002; store.lock, state.json, places.json, 2 × (session.json,
    // session.jsonl, timeline.jsonl), timeline.torn, timeline.rejected
    assert_eq!(seen, (3, 11), "every file and folder was looked at");
}

#[test]
fn many_processes_logging_at_once_keep_every_line() {
    const WORKERS: usize = 8;
    const LOGS: usize = 25;
    let home = Home::new();
    home.run(START, &["start", "Crowd"]);
    std::thread::scope(|scope| {
        for w in 0..WORKERS {
            let home = &home;
            scope.spawn(move || {
                for n in 0..LOGS {
                    let out = Command::new(BIN)
                        .args(["log", &format!("worker {w} log {n}")])
                        .env("TETHER_HOME", home.path())
                        .env("TETHER_NOW", LATER)
                        .env("TZ", "UTC")
                        .env_remove("RUST_BACKTRACE")
                        .output()
                        .unwrap();
                    common::assert_ok(&out);
                }
            });
        }
    });

    let bytes = fs::read(home.timeline("00001")).unwrap();
    assert!(bytes.ends_with(b"\n"));
    let lines: Vec<&[u8]> = bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(
        lines.len(),
        1 + 1 + WORKERS * LOGS,
        "header, start, every log"
    );
    let records: Vec<Record> = lines[1..]
        .iter()
        .map(|l| serde_json::from_slice(l).expect("every line parses"))
        .collect();
    let ids: HashSet<_> = records.iter().map(Record::id).collect();
    assert_eq!(ids.len(), records.len(), "unique ids");

    let texts: Vec<String> = materialize(records).into_iter().map(|i| i.text).collect();
    let mut want: HashSet<String> = (0..WORKERS)
        .flat_map(|w| (0..LOGS).map(move |n| format!("worker {w} log {n}")))
        .collect();
    want.insert("Mission started: Crowd".into());
    assert_eq!(texts.iter().cloned().collect::<HashSet<_>>(), want);
    // each worker's logs land in the order it wrote them
    for w in 0..WORKERS {
        let prefix = format!("worker {w} log ");
        let order: Vec<usize> = texts
            .iter()
            .filter_map(|t| t.strip_prefix(&prefix)?.parse().ok())
            .collect();
        assert_eq!(order, (0..LOGS).collect::<Vec<_>>(), "worker {w}");
    }
}

#[test]
fn many_processes_changing_the_session_at_once_lose_no_change() {
    const WORKERS: usize = 4;
    const STEPS: usize = 10;
    let home = Home::new();
    home.run(START, &["start", "Plans"]);
    std::thread::scope(|scope| {
        for w in 0..WORKERS {
            let home = &home;
            scope.spawn(move || {
                for n in 0..STEPS {
                    home.run(LATER, &["step", "add", &format!("step {w}.{n}")]);
                }
            });
        }
    });
    let session = home.store().session(&sid("00001")).unwrap();
    assert_eq!(
        session.steps.len(),
        WORKERS * STEPS,
        "each replace re-read the file"
    );
    let texts: HashSet<_> = session.steps.iter().map(|s| s.text.clone()).collect();
    assert_eq!(texts.len(), WORKERS * STEPS);
}

#[test]
fn a_torn_tail_is_skipped_then_set_aside_by_the_next_write() {
    let home = Home::new();
    home.night_before();
    let path = home.timeline("00004");
    let fragment = b"{\"id\":\"01K2S5Y7W0000000000000000A\",\"at\":\"2025-08-1";
    let mut bytes = fs::read(&path).unwrap();
    let whole = bytes.len();
    bytes.extend_from_slice(fragment);
    fs::write(&path, &bytes).unwrap();

    let out = home
        .cmd(END)
        .args(["report", "--format", "log"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("warning"), "{stderr}");
    assert!(
        stderr.contains(&format!("incomplete last line ({} bytes)", fragment.len())),
        "{stderr}"
    );
    let log = String::from_utf8(out.stdout).unwrap();
    assert_eq!(log.lines().count(), 6, "every whole record: {log}");
    assert_eq!(fs::read(&path).unwrap(), bytes, "reading changes nothing");
    let read = home.store().timeline(&sid("00004")).unwrap();
    assert_eq!(read.torn_tail, Some(fragment.len()));

    let out = home
        .cmd(END)
        .args(["log", "after the crash"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("timeline.torn"), "{stderr}");
    let torn = fs::read(path.with_file_name("timeline.torn")).unwrap();
    assert!(torn.starts_with(fragment), "the fragment's bytes are kept");
    assert_eq!(&torn[fragment.len()..], b"\n");

    let now = fs::read(&path).unwrap();
    assert_eq!(
        &now[..whole],
        &bytes[..whole],
        "the whole lines are untouched"
    );
    let added = &now[whole..];
    assert!(added.ends_with(b"\n") && added.iter().filter(|&&b| b == b'\n').count() == 1);
    let record: Record = serde_json::from_slice(added).expect("the new entry is a whole line");
    assert!(matches!(record, Record::Interaction(i) if i.text == "after the crash"));
    let read = home.store().timeline(&sid("00004")).unwrap();
    assert_eq!((read.torn_tail, read.records.len()), (None, 7));
}

#[test]
fn repair_keeps_every_good_record_and_moves_a_bad_line_aside() {
    let home = Home::new();
    home.night_before();
    let path = home.timeline("00004");
    let original = fs::read_to_string(&path).unwrap();
    let good: Vec<&str> = original.lines().collect();
    let bad = "{\"id\": this is not a record}";
    let mut damaged = good[..3].join("\n");
    damaged.push_str(&format!("\n{bad}\n{}\n", good[3..].join("\n")));
    fs::write(&path, &damaged).unwrap();

    let err = home.refuse(END, &["report"]);
    assert!(
        err.contains(&format!("{}:4: cannot read", path.display())),
        "{err}"
    );

    let out = home.run(END, &["doctor", "--repair"]);
    assert!(
        out.contains("kept 6 records, moved 1 unreadable lines"),
        "{out}"
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        original,
        "every good record kept"
    );
    let rejected = fs::read_to_string(path.with_extension("rejected")).unwrap();
    assert_eq!(rejected, format!("{bad}\n"));
    home.run(END, &["report"]);
    home.run(END, &["log", "works again"]);
}

#[test]
fn repair_rebuilds_a_damaged_session_json_and_keeps_the_old_bytes() {
    let home = Home::new();
    home.night_before();
    let path = home.session_json("00004");
    let original = fs::read_to_string(&path).unwrap();
    let damaged = &original[..original.len() / 2];
    fs::write(&path, damaged).unwrap();
    let out = home.run(END, &["doctor", "--repair"]);
    assert!(out.contains("rebuilt"), "{out}");
    let aside = path.with_extension("json.damaged-20250816T081200");
    assert_eq!(fs::read_to_string(aside).unwrap(), damaged);
    let session = home.store().session(&sid("00004")).unwrap();
    assert_eq!(session.mission.title, "Implement Reality Agents");
    home.run(END, &["report"]);
}
