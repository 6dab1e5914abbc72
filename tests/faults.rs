//! A full disk, a read-only data folder, a failing flush, a writer that holds the lock and
//! stalls, a lock holder killed: each is a clear error, and what was stored stays as it
//! was, byte for byte.
//!
//! The tests run as root, where `chmod` cannot make a folder read-only, and mounting a
//! small file system needs privileges: the errors are injected with the test-only
//! `TETHER_FAILPOINT` (see `src/store/failpoint.rs`), at the very calls that would fail.
//! Each test checks that its failpoint fired: in a build without them (a release build)
//! these tests fail rather than pass without testing anything.

mod common;

use std::fs::{self, File, TryLockError};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use common::{BIN, END, FAILPOINT, Home, LATER, assert_fired, sid};

/// A home with a session, steps, decisions and logs: something to lose.
fn home_with_data() -> Home {
    let home = Home::new();
    home.night_before();
    home.morning_after();
    home
}

#[test]
fn a_full_disk_refuses_every_kind_of_write_and_changes_nothing() {
    let home = home_with_data();
    let cases: &[(&str, &[&str])] = &[
        ("append:write=enospc", &["log", "a note for a full disk"]),
        ("append:write=enospc", &["step", "add", "a step"]),
        ("replace:write=enospc", &["step", "add", "a step"]),
        ("replace:write=enospc", &["step", "done", "2"]),
        (
            "append:write=enospc",
            &["decide", "a decision", "--why", "w"],
        ),
        ("replace:write=enospc", &["freeze"]),
        ("append:write=enospc", &["start", "Another mission"]),
        // the third replace of a start: state.json, after the new session and the pause
        ("replace:write@3=enospc", &["start", "Another mission"]),
        ("append:write=enospc", &["complete"]),
    ];
    for (failpoint, args) in cases {
        let err = home.refuse_at(END, failpoint, args);
        assert!(
            err.contains("No space left on device") && err.contains("the disk is full"),
            "{failpoint} {args:?}: {err}"
        );
    }
    // and with space again, every one of them works
    for (_, args) in cases.iter().filter(|(_, a)| a[0] != "start") {
        home.run(END, args);
    }
}

#[test]
fn a_read_only_folder_and_a_failing_flush_are_clear_errors() {
    let home = home_with_data();
    let cases: &[(&str, &[&str], &str)] = &[
        ("lock:open=erofs", &["log", "x"], "read-only file system"),
        ("append:write=erofs", &["log", "x"], "read-only file system"),
        ("replace:write=erofs", &["freeze"], "read-only file system"),
        ("append:sync=eio", &["log", "x"], "Input/output error"),
        ("append:sync=eio", &["decide", "x"], "Input/output error"),
    ];
    for (failpoint, args, says) in cases {
        let err = home.refuse_at(END, failpoint, args);
        assert!(err.contains(says), "{failpoint} {args:?}: {err}");
        assert!(
            err.contains(&home.path_str()),
            "the error names the file: {err}"
        );
    }
    let timeline = home.store().timeline(&sid("00004")).unwrap();
    assert_eq!(
        timeline.torn_tail, None,
        "no half-written line behind an error"
    );
}

/// Where the stalled writer stops: just after taking the lock.
const STALL: &str = "lock:held=pause";

/// Starts `tether log TEXT` that stops while holding the lock.
fn stalled_writer(home: &Home, text: &str) -> Child {
    Command::new(BIN)
        .args(["log", text])
        .current_dir(home.path())
        .env("TETHER_HOME", home.path())
        .env("TETHER_NOW", LATER)
        .env("TZ", "UTC")
        .env(FAILPOINT, STALL)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tether starts")
}

/// Waits (polling, with a deadline) until someone holds the store lock.
fn wait_until_locked(home: &Home, writer: &mut Child) {
    let lock = File::options()
        .write(true)
        .open(home.path().join("store.lock"))
        .expect("the lock file exists");
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        match lock.try_lock() {
            Err(TryLockError::WouldBlock) => return,
            Ok(()) => lock.unlock().unwrap(),
            Err(TryLockError::Error(e)) => panic!("{e}"),
        }
        assert!(
            writer.try_wait().unwrap().is_none(),
            "the writer ended instead of stopping at its failpoint (a build without failpoints?)"
        );
        assert!(Instant::now() < deadline, "the writer never took the lock");
        thread::sleep(Duration::from_millis(5));
    }
}

/// Waits (with a deadline) until `writer` prints `line` on its piped stderr.
fn wait_for_stderr(writer: &mut Child, line: &str) {
    let stderr = writer.stderr.take().expect("stderr is piped");
    let (tx, rx) = mpsc::channel();
    // a thread of its own: the writer stops without closing its stderr, so a read blocks
    thread::spawn(move || {
        for got in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(got).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut seen = Vec::new();
    while !seen.iter().any(|l| l == line) {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(got) => seen.push(got),
            Err(_) => panic!("the writer never said {line:?}; it said {seen:?}"),
        }
    }
}

#[test]
fn a_stalled_writer_makes_others_give_up_in_time_and_a_killed_one_blocks_nobody() {
    let home = home_with_data();
    fs::write(
        home.path().join("config.toml"),
        "lock_timeout = \"300ms\"\n",
    )
    .unwrap();
    let mut stalled = stalled_writer(&home, "never written");
    wait_until_locked(&home, &mut stalled);

    let started = Instant::now();
    let err = home.refuse(END, &["log", "while the lock is held"]);
    assert!(
        err.contains("the store is busy") && err.contains("store.lock"),
        "{err}"
    );
    assert!(err.contains("Try again"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10), "bounded wait");
    home.refuse(END, &["step", "add", "also refused"]);

    // kill -9 the holder: the kernel drops its lock, the next writer goes straight on
    stalled.kill().unwrap();
    assert_fired(STALL, &stalled.wait_with_output().unwrap().stderr);
    let out = home.run(END, &["log", "after the kill"]);
    assert!(out.starts_with("Logged"), "{out}");
    let log = home.run(END, &["report", "--format", "log"]);
    assert!(log.contains("after the kill"), "{log}");
    assert!(
        !log.contains("never written"),
        "the killed writer wrote nothing"
    );
    assert!(!log.contains("while the lock is held"));
}

#[test]
fn a_writer_killed_while_holding_the_lock_in_the_middle_of_a_change_loses_nothing_acknowledged() {
    let home = home_with_data();
    let before = home.store().session(&sid("00004")).unwrap();
    // paused after the change went into the session's state log (its commit point),
    // before session.json, the cache of that log, is replaced
    let pause = "replace:before-commit=pause";
    let mut stalled = Command::new(BIN)
        .args(["step", "add", "half done"])
        .current_dir(home.path())
        .env("TETHER_HOME", home.path())
        .env("TETHER_NOW", LATER)
        .env("TZ", "UTC")
        .env(FAILPOINT, pause)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_until_locked(&home, &mut stalled);
    // the lock is taken before the point: wait for the pause itself, which says so first
    wait_for_stderr(&mut stalled, &common::fired(pause));
    stalled.kill().unwrap();
    stalled.wait().unwrap();
    // the change is whole: everything that was there, and the step once (the log is
    // read, session.json being stale), though it was never acknowledged
    let after = home.store().session(&sid("00004")).unwrap();
    assert_eq!(after.steps[..before.steps.len()], before.steps[..]);
    assert_eq!(after.decisions, before.decisions);
    let added: Vec<&str> = after.steps[before.steps.len()..]
        .iter()
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(added, ["half done"]);
    home.run(END, &["step", "add", "whole"]);
    let steps = home.run(END, &["step", "list"]);
    assert_eq!(steps.matches("half done").count(), 1, "{steps}");
    assert!(steps.contains("5 [ ] whole"), "{steps}");
    // the temporary file the killed replace left is found and cleared by the doctor
    let (ok, out, _) = home.try_run(END, &["doctor"]);
    assert!(!ok && out.contains("temporary file"), "{out}");
    home.run(END, &["doctor", "--repair"]);
    assert!(home.run(END, &["doctor"]).contains("No problems found"));
}
