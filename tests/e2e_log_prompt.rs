//! `tether log` asking for a line in a terminal (the tmux popup's way in) never loses the
//! words typed: a store that cannot take them says so before anything is typed, a store
//! busy past the lock timeout keeps them in the spool, and any other refusal shows them
//! back; on a failure the prompt waits for enter, so a popup that closes with the command
//! is read first.

#[allow(dead_code)] // the harness serves several test binaries, each using a part
mod e2e_support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use e2e_support::{BIN, Tui, seeded_home};

/// A process killed when the test ends, however it ends (a stopped lock holder left
/// behind would keep the test run from finishing).
struct Holder(std::process::Child);

impl Drop for Holder {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn texts(home: &e2e_support::Home) -> Vec<String> {
    home.timeline()
        .iter()
        .filter_map(|l| l["text"].as_str().map(String::from))
        .collect()
}

#[test]
fn a_damaged_timeline_is_said_before_anything_is_typed() {
    let home = seeded_home();
    let timeline = home.timeline_path();
    let mut bytes = std::fs::read(&timeline).unwrap();
    bytes.extend_from_slice(b"{\"id\":garbage\n");
    std::fs::write(&timeline, &bytes).unwrap();
    let mut prompt = Tui::spawn_args(&home, 8, 100, &[], &["log"]);
    let screen = prompt.wait_for_text(&["cannot read this store file", "(enter closes)"]);
    assert!(
        !screen.contains("log:"),
        "no prompt to type into:\n{screen}"
    );
    prompt.type_text("\r");
    assert!(!prompt.wait_exit().success());
    assert_eq!(std::fs::read(&timeline).unwrap(), bytes);
}

#[test]
fn words_typed_while_the_store_is_busy_wait_in_the_spool() {
    let home = seeded_home();
    std::fs::write(home.path().join("config.toml"), "lock_timeout = \"1s\"\n").unwrap();
    // a writer stopped while it holds the lock (a debug build's failpoint)
    let mut holder = Holder(
        Command::new(BIN)
            .args(["log", "the holder"])
            .env("TETHER_HOME", home.path())
            .env("TETHER_FAILPOINT", "lock:held=pause")
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut line = String::new();
    BufReader::new(holder.0.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim_end(), "tether: failpoint lock:held fired (pause)");

    let mut prompt = Tui::spawn_args(&home, 6, 100, &[], &["log"]);
    prompt.wait_for_text(&["log: "]);
    prompt.type_text("typed while another writer is stuck\r");
    prompt.wait_for_text(&["left for session 00001 in the spool"]);
    assert!(prompt.wait_exit().success());

    drop(holder);
    home.cli(&["log", "the next write"]);
    let texts = texts(&home);
    assert!(
        texts.contains(&"typed while another writer is stuck".to_string()),
        "{texts:?}"
    );
}

#[test]
fn words_refused_after_they_were_typed_are_shown_back() {
    let home = seeded_home();
    home.cli(&["complete"]);
    let mut prompt = Tui::spawn_args(&home, 8, 100, &[], &["log", "--session", "00001"]);
    prompt.wait_for_text(&["log: "]);
    prompt.type_text("a thought for an ended mission\r");
    prompt.wait_for_text(&[
        "Not logged: a thought for an ended mission",
        "(enter closes)",
    ]);
    prompt.type_text("\r");
    assert!(!prompt.wait_exit().success());
    assert!(
        !texts(&home).contains(&"a thought for an ended mission".to_string()),
        "nothing was written"
    );
}
