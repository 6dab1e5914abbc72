//! End to end: the dashboard never waits on the store. While another process holds the
//! lock, a submitted log waits on the worker, and the screen still answers.

#[allow(dead_code)] // the harness serves several test binaries, each using a part
mod e2e_support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use e2e_support::{Tui, seeded_home};

/// The line a failpoint prints when it fires (debug builds only).
const HELD: &str = "tether: failpoint lock:held fired (pause)";

#[test]
fn a_write_waiting_for_the_lock_leaves_the_screen_answering() {
    let home = seeded_home();
    // long enough that the write waits for the holder, however slow the machine
    std::fs::write(home.path().join("config.toml"), "lock_timeout = \"60s\"\n").unwrap();
    let mut holder = Command::new(env!("CARGO_BIN_EXE_tether"))
        .args(["log", "holding the lock"])
        .env("TETHER_HOME", home.path())
        .env("TETHER_FAILPOINT", "lock:held=pause")
        .stderr(Stdio::piped())
        .spawn()
        .expect("a process that holds the lock");
    let mut stderr = BufReader::new(holder.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert_eq!(
        line.trim_end(),
        HELD,
        "the holder did not stop holding the lock"
    );

    let mut tui = Tui::spawn(&home, 30, 100);
    tui.wait_for_text(&["E2E mission", "Seeded from the CLI"]);
    tui.send(b"l");
    tui.type_text("written once the lock is free");
    tui.send(b"\r");
    tui.wait_for_text(&["Saving…", "written once the lock is free"]);

    // the loop still draws: a resize is answered while the write waits
    tui.resize(24, 80);
    tui.wait_for("the dashboard redrawn at 80 columns, still saving", |s| {
        let border_at_80 = s.lines().any(|row| {
            let cells: Vec<char> = row.chars().collect();
            cells.len() == 80 && matches!(cells[79], '╮' | '┓' | '╯' | '┛')
        });
        border_at_80 && s.contains("Saving…")
    });
    assert!(
        !home
            .timeline()
            .iter()
            .any(|i| i["text"] == "written once the lock is free"),
        "the log was written while the lock was held"
    );

    holder.kill().unwrap();
    holder.wait().unwrap();
    tui.wait_for("the log in the timeline, the form closed", |s| {
        s.contains("written once the lock is free") && !s.contains("Saving…")
    });
    assert!(
        home.timeline()
            .iter()
            .any(|i| i["text"] == "written once the lock is free"),
        "the log is not on disk"
    );
    tui.send(b"q");
    assert!(tui.wait_exit().success());
}

#[test]
fn quitting_says_so_when_the_context_cannot_be_frozen() {
    let home = seeded_home();
    let mut tui = Tui::spawn_with(
        &home,
        30,
        100,
        &[("TETHER_FAILPOINT", "replace:write=enospc")],
    );
    tui.wait_for_text(&["E2E mission", "Seeded from the CLI"]);
    tui.send(b"q");
    let status = tui.wait_exit();
    assert!(!status.success(), "a failed freeze is not a clean exit");
    let said = String::from_utf8_lossy(&tui.raw()).to_string();
    assert!(
        said.contains("could not freeze the context on the way out"),
        "{said}"
    );
    assert!(said.contains("failpoint replace:write fired"), "{said}");
}
