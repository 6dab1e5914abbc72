//! A crash at every point of every write: before and after each atomic replace commits
//! (its sync, rename and folder sync), before and after each append's flush. After each,
//! every file is the old version or the new one, whole, never empty or mixed; the next
//! command works; and `tether doctor --repair` clears what the crash left.
//!
//! The crashes are `std::process::abort()` at the test-only failpoints of
//! `TETHER_FAILPOINT` (see `src/store/failpoint.rs`); each crash must say it fired, so
//! that a build without failpoints fails here instead of passing untested.

mod common;

use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::Command;

use common::{BIN, END, FAILPOINT, Home, assert_fired};
use tether::record::Record;
use tether::record::state::StateRecord;
use tether::session::{Session, State};

/// Runs `tether ARGS` armed to abort at `failpoint`, with core dumps off; expects the crash.
fn crash(home: &Home, failpoint: &str, args: &[&str]) {
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -c 0 2>/dev/null; exec \"$0\" \"$@\"")
        .arg(BIN)
        .args(args)
        .current_dir(home.path())
        .env("TETHER_HOME", home.path())
        .env("TETHER_NOW", END)
        .env("TZ", "UTC")
        .env(FAILPOINT, failpoint)
        .output()
        .expect("tether runs");
    assert_fired(failpoint, &out.stderr);
    assert_eq!(
        out.status.signal(),
        Some(6),
        "{failpoint} {args:?} should abort: {out:?}"
    );
    assert!(out.stdout.is_empty(), "a crash acknowledges nothing");
}

type Files = BTreeMap<PathBuf, Option<Vec<u8>>>;

/// Checks every store file after a crash: JSON files are the old bytes or parse whole (and
/// so are the new version), timelines and state logs read whole with the old records
/// first.
fn assert_old_or_new(home: &Home, before: &Files, what: &str) {
    for (path, bytes) in home.files() {
        let Some(bytes) = bytes else { continue };
        let name = path.file_name().unwrap().to_str().unwrap();
        let old = before.get(&path).cloned().flatten();
        if old.as_ref() == Some(&bytes) {
            continue;
        }
        match name {
            "session.json" => {
                let parsed: Result<Session, _> = serde_json::from_slice(&bytes);
                assert!(parsed.is_ok(), "{what}: {} is mixed", path.display());
            }
            "state.json" => {
                let parsed: Result<State, _> = serde_json::from_slice(&bytes);
                assert!(parsed.is_ok(), "{what}: {} is mixed", path.display());
            }
            "timeline.jsonl" | "session.jsonl" => {
                let old = old.unwrap_or_default();
                assert!(bytes.starts_with(&old), "{what}: the old lines are kept");
                assert!(bytes.ends_with(b"\n"), "{what}: only whole lines");
                for line in bytes[old.len()..].split(|&b| b == b'\n') {
                    let whole = line.is_empty() || line.starts_with(b"{\"format\"");
                    let reads = match name {
                        "timeline.jsonl" => serde_json::from_slice::<Record>(line).is_ok(),
                        _ => serde_json::from_slice::<StateRecord>(line).is_ok(),
                    };
                    assert!(whole || reads, "{what}: {line:?}");
                }
            }
            "store.lock" => {}
            // what a crash before the commit leaves: the temporary file of the replace
            other if other.starts_with('.') => {}
            other => panic!("{what}: unexpected change to {other}"),
        }
    }
}

/// A write to crash in.
struct Case {
    /// The command.
    args: &'static [&'static str],
    /// How many replaces it makes.
    replaces: usize,
    /// Whether it appends to a timeline.
    appends: bool,
    /// What makes it a change again after it went through (if anything).
    prepare: Option<&'static [&'static str]>,
}

const CASES: &[Case] = &[
    Case {
        args: &["step", "add", "planned in a crash"],
        replaces: 1,
        appends: true,
        prepare: None,
    },
    Case {
        args: &["step", "done", "2"],
        replaces: 1,
        appends: true,
        prepare: Some(&["step", "undo", "2"]),
    },
    Case {
        args: &["decide", "decided in a crash", "--why", "because"],
        replaces: 1,
        appends: true,
        prepare: None,
    },
    Case {
        args: &["freeze"],
        replaces: 1,
        appends: false,
        prepare: None,
    },
    // the new session.json, the paused session, state.json
    Case {
        args: &["start", "Started in a crash"],
        replaces: 3,
        appends: true,
        prepare: None,
    },
    // the paused session, the resumed one, state.json
    Case {
        args: &["switch", "4"],
        replaces: 3,
        appends: true,
        prepare: Some(&["start", "Elsewhere"]),
    },
];

#[test]
fn a_crash_at_any_point_of_a_write_leaves_old_or_new_and_the_next_command_works() {
    let home = Home::new();
    home.night_before();
    home.morning_after();
    let mut crashes = 0;
    for case in CASES {
        let args = case.args;
        let mut points: Vec<String> = (1..=case.replaces)
            .flat_map(|n| {
                [
                    format!("replace:before-commit@{n}"),
                    format!("replace:after-commit@{n}"),
                ]
            })
            .collect();
        if case.appends {
            points.extend(["append:sync".into(), "append:synced".into()]);
        }
        for point in points {
            let what = format!("{point} in {args:?}");
            if let Some(prepare) = case.prepare {
                home.run(END, prepare);
            }
            let before = home.files();
            crash(&home, &point, args);
            crashes += 1;
            assert_old_or_new(&home, &before, &what);
            // every command reads the store, and the same write goes through now
            home.run(END, &["status"]);
            home.run(END, &["missions"]);
            home.run(END, args);
            home.run(END, &["report", "--format", "json"]);
            // what the crash left, the doctor finds and clears
            let (healthy, out, _) = home.try_run(END, &["doctor"]);
            assert_eq!(healthy, !point.contains("before-commit"), "{what}: {out}");
            if !healthy {
                assert!(out.contains("temporary file"), "{what}: {out}");
                let repaired = home.run(END, &["doctor", "--repair"]);
                assert!(repaired.contains("healthy"), "{what}: {repaired}");
            }
            assert!(home.run(END, &["doctor"]).contains("No problems found"));
        }
    }
    assert_eq!(crashes, 30);
}
