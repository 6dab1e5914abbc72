//! `assets/session.mk`: the seed's make targets, run by the real `make` against the real
//! binary. Reported as ignored when `make` was not on `PATH` at build time (`build.rs`).

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use common::{BIN, Home, sid};
use tether::session::MissionStatus;
use tether::timeline::materialize;

const NOW: &str = "2025-08-16T08:08:02Z";

fn makefile() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/session.mk")
}

/// `make -f assets/session.mk ARGS TETHER=<the built binary>` in `home`.
fn make(home: &Home, args: &[&str]) -> Output {
    let work = tempfile::tempdir().unwrap();
    let mut cmd = Command::new("make");
    cmd.current_dir(work.path())
        .arg("-s")
        .arg("-f")
        .arg(makefile())
        .args(args)
        .arg(format!("TETHER={BIN}"))
        .env("TETHER_HOME", home.path())
        .env("TETHER_NOW", NOW)
        .env("TZ", "UTC");
    for name in [
        "MAKEFLAGS",
        "MFLAGS",
        "MAKELEVEL",
        "MAKEFILES",
        "GNUMAKEFLAGS",
    ] {
        cmd.env_remove(name);
    }
    cmd.output().expect("make runs")
}

fn make_ok(home: &Home, args: &[&str]) -> String {
    let out = make(home, args);
    assert!(
        out.status.success(),
        "make {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
#[cfg_attr(not(has_make), ignore = "make not installed")]
fn a_mission_from_start_to_complete_through_make() {
    let home = Home::new();
    let out = make_ok(
        &home,
        &["session-start", "MISSION=Implement Reality Agents"],
    );
    assert_eq!(out, "Started session 00001 · Implement Reality Agents\n");
    make_ok(
        &home,
        &["session-log", "MSG=Don't panic, it's `fine`; -x \"quoted\""],
    );
    let status = make_ok(&home, &["session-status"]);
    assert!(status.contains("Implement Reality Agents"), "{status}");
    let briefing = make_ok(&home, &["session-resume"]);
    assert!(briefing.contains("Don't panic"), "{briefing}");

    let store = home.store();
    let texts: Vec<String> = materialize(store.timeline(&sid("1")).unwrap().records)
        .into_iter()
        .map(|i| i.text)
        .collect();
    assert_eq!(
        texts,
        [
            "Mission started: Implement Reality Agents",
            "Don't panic, it's `fine`; -x \"quoted\"",
        ]
    );

    make_ok(&home, &["session-complete"]);
    let session = home.store().session(&sid("1")).unwrap();
    assert_eq!(session.mission.status, MissionStatus::Complete);
}

#[test]
#[cfg_attr(not(has_make), ignore = "make not installed")]
fn session_resume_switches_to_the_session_named() {
    let home = Home::new();
    make_ok(&home, &["session-start", "MISSION=First"]);
    make_ok(&home, &["session-start", "MISSION=Second"]);
    let out = make_ok(&home, &["session-resume", "SESSION=1"]);
    assert!(
        out.starts_with("Switched to session 00001 · First"),
        "{out}"
    );
    assert_eq!(home.store().active().unwrap(), sid("00001"));
}

#[test]
#[cfg_attr(not(has_make), ignore = "make not installed")]
fn a_missing_mission_or_message_is_refused_before_tether_runs() {
    let home = Home::new();
    let out = make(&home, &["session-start"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("usage: make session-start MISSION="),
        "{out:?}"
    );
    assert!(home.files().is_empty(), "something was written");
    make_ok(&home, &["session-start", "MISSION=Something"]);
    let before = home.files();
    assert!(!make(&home, &["session-log", "MSG="]).status.success());
    assert_eq!(home.files(), before);
}
