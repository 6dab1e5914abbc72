//! The readers of a timeline's end are right for every record tether can write: a note of
//! 64 KiB of control characters, six times longer once escaped in JSON, never hides the
//! latest activity from `status`, the gap of the next log, or a retried commit.

mod common;

use common::{Home, json};

const T0: &str = "2025-08-16T08:00:00Z";
const T1: &str = "2025-08-16T08:01:00Z";
const LATER: &str = "2025-08-16T13:00:00Z";

/// A note as long as a note may be, every byte a control character.
fn longest_escaped_note() -> String {
    "\u{1}".repeat(tether::session::MAX_TEXT_BYTES - 1) + "x"
}

#[test]
fn a_long_last_record_never_hides_the_latest_activity() {
    let home = Home::new();
    home.run(T0, &["start", "Long"]);
    home.run(T0, &["log", "--kind", "commit", "a1b2c3d Fix the parser"]);
    home.cmd(T1)
        .arg("log")
        .write_stdin(longest_escaped_note())
        .assert()
        .success();
    let line = std::fs::read_to_string(home.timeline("00001")).unwrap();
    let longest = line.lines().map(str::len).max().unwrap();
    assert!(longest > 6 * 64 * 1024, "the record is {longest} bytes");

    let status = json(&home.run(LATER, &["status", "--format", "json"]));
    assert_eq!(status["last_interaction"], T1, "{status:#}");
    assert_eq!(status["gap"], true);
    let tmux = home.run(LATER, &["status", "--format", "tmux"]);
    assert!(tmux.contains("4h 59m ago"), "{tmux}");

    let again = home.run(
        LATER,
        &["log", "--kind", "commit", "a1b2c3d Fix the parser"],
    );
    assert!(
        again.starts_with("Already logged"),
        "a retried commit: {again}"
    );
    let back = home.run(LATER, &["log", "Back"]);
    assert!(back.contains("resumed after 4h 59m"), "{back}");
}
