//! Sync when things go wrong: killed half way, a stale git lock, a remote that refuses the
//! push, two machines pushing at once, and the background sync `sync = "auto"` starts.

mod common;
mod sync_support;

use std::time::{Duration, Instant};

use common::{FAILPOINT, Home, assert_fired};
use sync_support::{Remote, assert_each_once, machine, records, shown};

/// Two machines synced with one remote, each with the mission of the first.
fn pair(remote: &Remote) -> (Home, Home) {
    let a = machine();
    let b = machine();
    a.run("2025-08-15T09:00:00Z", &["start", "Faults"]);
    a.run("2025-08-15T09:01:00Z", &["log", "before sync"]);
    a.run("2025-08-15T09:02:00Z", &["sync", "init", &remote.url()]);
    b.run("2025-08-15T09:03:00Z", &["sync", "init", &remote.url()]);
    b.run("2025-08-15T09:04:00Z", &["switch", "1"]);
    (a, b)
}

#[test]
fn a_sync_killed_before_its_merge_is_concluded_resumes_and_loses_nothing() {
    let remote = Remote::new();
    let (a, b) = pair(&remote);
    b.run("2025-08-15T10:00:00Z", &["log", "from b"]);
    b.run("2025-08-15T10:01:00Z", &["sync"]);
    a.run("2025-08-15T10:02:00Z", &["log", "from a"]);
    let out = a
        .cmd("2025-08-15T10:03:00Z")
        .env(FAILPOINT, "sync:merged")
        .args(["sync"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_fired("sync:merged", &out.stderr);
    // the store works meanwhile, and what is written then is kept
    a.run("2025-08-15T10:04:00Z", &["log", "after the crash"]);
    let report = a.run("2025-08-15T10:05:00Z", &["report", "--format", "log"]);
    assert!(
        report.contains("from b") && report.contains("after the crash"),
        "{report}"
    );
    // a stale git lock too, as a kill inside git leaves it
    std::fs::write(a.path().join(".git/index.lock"), b"").unwrap();
    a.run("2025-08-15T10:06:00Z", &["sync"]);
    b.run("2025-08-15T10:07:00Z", &["sync"]);
    assert_eq!(
        shown(&a, "2025-08-15T11:00:00Z", "1"),
        shown(&b, "2025-08-15T11:00:00Z", "1")
    );
    let log = b.run("2025-08-15T11:00:00Z", &["report", "--format", "log"]);
    for text in ["before sync", "from b", "from a", "after the crash"] {
        assert!(log.contains(text), "{text} lost: {log}");
    }
    assert_each_once(&a);
    assert_eq!(records(&a), records(&b));
}

#[test]
fn a_remote_that_refuses_the_push_is_a_clear_error_and_the_next_sync_completes() {
    let remote = Remote::new();
    let (a, b) = pair(&remote);
    let hook = remote.dir.path().join("remote.git/hooks/pre-receive");
    std::fs::write(&hook, "#!/bin/sh\necho 'read-only for now' >&2\nexit 1\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    a.run("2025-08-15T10:00:00Z", &["log", "refused once"]);
    let (ok, _, err) = a.try_run("2025-08-15T10:01:00Z", &["sync"]);
    assert!(!ok);
    assert!(err.contains("refused the records of this machine"), "{err}");
    assert!(err.contains("Everything stays here"), "{err}");
    std::fs::remove_file(&hook).unwrap();
    a.run("2025-08-15T10:02:00Z", &["sync"]);
    b.run("2025-08-15T10:03:00Z", &["sync"]);
    let log = b.run("2025-08-15T10:04:00Z", &["report", "--format", "log"]);
    assert!(log.contains("refused once"), "{log}");
}

#[test]
fn two_machines_pushing_at_once_both_get_through() {
    let remote = Remote::new();
    let (a, b) = pair(&remote);
    for round in 0..3 {
        a.run(
            &format!("2025-08-15T1{round}:00:00Z"),
            &["log", &format!("a {round}")],
        );
        b.run(
            &format!("2025-08-15T1{round}:00:30Z"),
            &["log", &format!("b {round}")],
        );
        let now = format!("2025-08-15T1{round}:30:00Z");
        let mut first = a.cmd(&now);
        let mut second = b.cmd(&now);
        let (one, two) = std::thread::scope(|s| {
            let one = s.spawn(|| first.arg("sync").output().unwrap());
            let two = s.spawn(|| second.arg("sync").output().unwrap());
            (one.join().unwrap(), two.join().unwrap())
        });
        assert!(one.status.success(), "{one:?}");
        assert!(two.status.success(), "{two:?}");
    }
    a.run("2025-08-15T14:00:00Z", &["sync"]);
    b.run("2025-08-15T14:00:00Z", &["sync"]);
    assert_eq!(records(&a), records(&b));
    assert_eq!(
        shown(&a, "2025-08-15T15:00:00Z", "1"),
        shown(&b, "2025-08-15T15:00:00Z", "1")
    );
}

/// Waits for the background sync of `home` to have written `sync.log` `lines` lines.
fn background_synced(home: &Home, lines: usize) -> String {
    let log = home.path().join("sync.log");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let said = std::fs::read_to_string(&log).unwrap_or_default();
        if said.lines().count() >= lines || Instant::now() >= deadline {
            return said;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn auto_sync_sends_a_write_in_the_background_and_tells_a_new_id_once() {
    let remote = Remote::new();
    let (a, b) = pair(&remote);
    std::fs::write(b.path().join("config.toml"), "sync = \"auto\"\n").unwrap();
    let out = b.run("2025-08-15T10:00:00Z", &["log", "sent by itself"]);
    assert!(out.starts_with("Logged"), "{out}");
    let said = background_synced(&b, 1);
    assert!(said.contains("synced with"), "{said}");
    a.run("2025-08-15T10:05:00Z", &["sync"]);
    let report = a.run("2025-08-15T10:06:00Z", &["report", "--format", "log"]);
    assert!(report.contains("sent by itself"), "{report}");

    // the same number taken on both; the background sync finds the other machine's first
    a.run("2025-08-15T11:00:00Z", &["start", "First of two"]);
    a.run("2025-08-15T11:01:00Z", &["sync"]);
    b.run("2025-08-15T11:30:00Z", &["start", "Second of two"]);
    let said = background_synced(&b, 2);
    assert!(said.contains("is now 00002B"), "{said}");
    // a tmux status line, whose stderr nobody reads, leaves it to be told
    let (_, _, quiet) = b.try_run("2025-08-15T11:39:00Z", &["status", "--format", "tmux"]);
    assert!(!quiet.contains("is now"), "{quiet}");
    let (ok, _, told) = b.try_run("2025-08-15T11:40:00Z", &["status"]);
    assert!(ok);
    assert!(
        told.contains("Session 00002 “Second of two” is now 00002B"),
        "{told}"
    );
    let (_, status, again) = b.try_run("2025-08-15T11:41:00Z", &["status"]);
    assert!(!again.contains("is now"), "told once: {again}");
    assert!(status.contains("00002B"), "{status}");
}
