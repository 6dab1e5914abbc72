//! User text is shown, never executed: escape sequences, C1 controls and bidi overrides
//! never reach the terminal raw, and JSON still gives back the original text.

mod common;

use common::{END, Home, START, json, unsafe_chars};

/// A note that would set the terminal title, ring the bell, clear the screen, start a C1
/// control sequence and reverse the text after it.
const NOTE: &str =
    "title\x1b]0;pwned\x07 clear\x1b[2J c1\u{9b}31m bidi\u{202e}txt\u{2066}x\u{2069} tab\tdel\x7f";
const TITLE: &str = "Evil \x1b[31mred\x1b[0m\u{202e}title";
const STEP: &str = "step \x1b[1A\u{9b}K";
const WHY: &str = "why \u{202e}\x07";

fn assert_safe(what: &str, stdout: &[u8]) -> String {
    assert!(!stdout.contains(&0x1b), "{what}: raw ESC in {stdout:?}");
    assert!(!stdout.contains(&0x07), "{what}: raw BEL in {stdout:?}");
    let text = String::from_utf8(stdout.to_vec()).expect("UTF-8");
    assert_eq!(unsafe_chars(&text), Vec::<char>::new(), "{what}: {text:?}");
    text
}

fn home_with_evil_text() -> Home {
    let home = Home::new();
    home.run(START, &["start", TITLE]);
    home.run(START, &["log", NOTE]);
    home.run(START, &["step", "add", STEP]);
    home.run(START, &["decide", "decision\x1b[2J", "--why", WHY]);
    home
}

#[test]
fn no_output_carries_control_characters_raw() {
    let home = home_with_evil_text();
    let commands: &[&[&str]] = &[
        &["report"],
        &["report", "--format", "log"],
        &["report", "--format", "md"],
        &["report", "--format", "json"],
        &["resume"],
        &["resume", "--format", "md"],
        &["resume", "--format", "json"],
        &["status"],
        &["status", "--format", "tmux"],
        &["status", "--format", "json"],
        &["missions"],
        &["missions", "--format", "json"],
        &["step", "list"],
        &["step", "list", "--format", "json"],
    ];
    for args in commands {
        let out = home.cmd(END).args(*args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        assert_safe(&format!("{args:?}"), &out.stdout);
        assert_safe(&format!("{args:?} stderr"), &out.stderr);
    }
    // What the writes echo back is safe too.
    for args in [&["log", NOTE][..], &["step", "add", STEP], &["switch", "1"]] {
        let out = home.cmd(END).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        assert_safe(&format!("{args:?}"), &out.stdout);
    }
}

#[test]
fn text_output_shows_the_controls_visibly() {
    let home = home_with_evil_text();
    let log = assert_safe(
        "log",
        &home
            .cmd(END)
            .args(["report", "--format", "log"])
            .output()
            .unwrap()
            .stdout,
    );
    assert!(
        log.contains("title␛]0;pwned␇ clear␛[2J c1<U+009B>31m bidi<U+202E>txt"),
        "{log}"
    );
    let tmux = home.run(END, &["status", "--format", "tmux"]);
    assert!(tmux.contains("00001 Evil ␛[31mred␛[0m<U+202E>"), "{tmux}");
}

#[test]
fn json_output_still_gives_back_the_original_text() {
    let home = home_with_evil_text();
    let report = json(&home.run(END, &["report", "--format", "json"]));
    assert_eq!(report["mission"], TITLE);

    let briefing = json(&home.run(END, &["resume", "--format", "json"]));
    assert_eq!(briefing["mission"]["title"], TITLE);
    let texts: Vec<&str> = briefing["recent_interactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["text"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&NOTE), "{texts:?}");
    assert_eq!(briefing["next_steps"][0]["text"], STEP);
    assert_eq!(briefing["recent_decisions"][0]["text"], "decision\x1b[2J");
    assert_eq!(briefing["recent_decisions"][0]["why"], WHY.trim());

    let status = json(&home.run(END, &["status", "--format", "json"]));
    assert_eq!(status["mission"], TITLE);
    let missions = json(&home.run(END, &["missions", "--format", "json"]));
    assert_eq!(missions[0]["mission"], TITLE);
    let steps = json(&home.run(END, &["step", "list", "--format", "json"]));
    assert_eq!(steps["steps"][0]["text"], STEP);
}

/// Clipboard writes (OSC 52), C1 controls that open an OSC or a CSI, isolates and
/// overrides, a bell alone: each becomes visible text in every output.
const HOSTILE: &str = "copy\x1b]52;c;cHduZWQ=\x07 osc\u{9d}0;t\u{9c} csi\u{9b}2J bell\x07 iso\u{2066}x\u{2069} rlo\u{202e}y";

#[test]
fn clipboard_writes_c1_controls_and_isolates_never_reach_the_terminal() {
    let home = Home::new();
    home.run(START, &["start", HOSTILE]);
    home.run(START, &["log", HOSTILE]);
    home.run(START, &["step", "add", HOSTILE]);
    home.run(START, &["decide", HOSTILE, "--why", HOSTILE]);
    for args in [
        &["report"][..],
        &["report", "--format", "log"],
        &["report", "--format", "md"],
        &["report", "--format", "json"],
        &["resume"],
        &["resume", "--format", "md"],
        &["resume", "--format", "json"],
        &["status", "--format", "tmux"],
        &["missions"],
        &["step", "list"],
        &["stats"],
        &["doctor"],
        &["log", HOSTILE],
    ] {
        let out = home.cmd(END).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = assert_safe(&format!("{args:?}"), &out.stdout);
        assert_safe(&format!("{args:?} stderr"), &out.stderr);
        assert!(
            !text.contains("\u{9d}") && !text.contains("\u{2066}"),
            "{args:?}"
        );
    }
    let log = home.run(END, &["report", "--format", "log"]);
    assert!(
        log.contains("copy␛]52;c;cHduZWQ=␇ osc<U+009D>0;t<U+009C>"),
        "{log}"
    );
    let report = json(&home.run(END, &["report", "--format", "json"]));
    assert_eq!(
        report["mission"], HOSTILE,
        "JSON gives the text back as it was"
    );
}

#[test]
fn what_the_command_line_refuses_is_quoted_safely() {
    let home = Home::new();
    home.run(START, &["start", "Mission"]);
    for args in [
        &["switch", "\x1b]0;pwned\x07\u{9b}2J"][..],
        &["log", "--kind", "\x1b]52;c;cHduZWQ=\x07", "x"],
        &["log", "--at", "\u{202e}\x1b[2J", "x"],
        &["\x1b]0;pwned\x07"],
    ] {
        let out = home.cmd(END).args(args).output().unwrap();
        assert!(!out.status.success(), "{args:?}");
        assert_safe(&format!("{args:?} stdout"), &out.stdout);
        assert_safe(&format!("{args:?} stderr"), &out.stderr);
    }
}

#[test]
fn a_note_of_megabytes_is_refused_at_once_and_stdin_is_never_read() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    let home = Home::new();
    home.run(START, &["start", "Mission"]);
    // one argument may hold 128 KiB at most (Linux): 12 of 125,000 bytes, 1.5 MB in all
    let part = "x".repeat(125_000);
    let huge: Vec<&str> = std::iter::repeat_n(part.as_str(), 12).collect();
    let before = home.files();
    for command in [&["log"][..], &["decide"], &["step", "add"], &["start"]] {
        // stdin stays open and silent: tether must not wait for it
        let mut child = Command::new(common::BIN)
            .args(command)
            .args(&huge)
            .current_dir(home.path())
            .env("TETHER_HOME", home.path())
            .env("TETHER_NOW", END)
            .env_remove("RUST_BACKTRACE")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(15);
        while child.try_wait().unwrap().is_none() {
            assert!(Instant::now() < deadline, "{command:?} waits for stdin");
            std::thread::sleep(Duration::from_millis(10));
        }
        let out = child.wait_with_output().unwrap();
        assert!(
            !out.status.success() && out.stdout.is_empty(),
            "{command:?}"
        );
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains("1500011 bytes, over the limit of 65536"),
            "{command:?}: {err}"
        );
        assert!(err.len() < 400, "the refusal does not echo the text");
    }
    assert_eq!(home.files(), before, "nothing written");
}

/// A bidi mark and every invisible character: each would hide or reorder words.
const INVISIBLE: &str = "arabic\u{061C}mark zero\u{200B}width non\u{200C}joiner joiner\u{200D}x word\u{2060}joiner bom\u{FEFF}x line\u{2028}sep para\u{2029}sep";
/// The same, as every text output shows it.
const SHOWN: &str = "arabic<U+061C>mark zero<U+200B>width non<U+200C>joiner joiner<U+200D>x word<U+2060>joiner bom<U+FEFF>x line<U+2028>sep para<U+2029>sep";

#[test]
fn invisible_characters_are_shown_and_escaped_in_json() {
    let home = Home::new();
    home.run(START, &["start", INVISIBLE]);
    home.run(START, &["log", INVISIBLE]);
    home.run(START, &["step", "add", INVISIBLE]);
    home.run(START, &["decide", INVISIBLE, "--why", INVISIBLE]);
    for args in [
        &["report"][..],
        &["report", "--format", "log"],
        &["report", "--format", "md"],
        &["report", "--format", "json"],
        &["resume"],
        &["resume", "--format", "md"],
        &["resume", "--format", "json"],
        &["status"],
        &["status", "--format", "tmux"],
        &["status", "--format", "json"],
        &["missions"],
        &["missions", "--format", "json"],
        &["step", "list"],
        &["stats"],
        &["log", INVISIBLE],
    ] {
        let out = home.cmd(END).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = assert_safe(&format!("{args:?}"), &out.stdout);
        assert_safe(&format!("{args:?} stderr"), &out.stderr);
        for c in common::INVISIBLE_CHARS {
            assert!(!text.contains(c), "{args:?}: {c:?} raw in {text:?}");
        }
    }
    let log = home.run(END, &["report", "--format", "log"]);
    assert!(log.contains(SHOWN), "{log}");
    let step = home.run(END, &["step", "list"]);
    assert!(step.contains(SHOWN), "{step}");
    let tmux = home.run(END, &["status", "--format", "tmux"]);
    assert!(tmux.contains("00001 arabic<U+061C>mark zero<U+2"), "{tmux}");

    // JSON escapes them, the line and paragraph separators included, and means the same
    let raw = home.run(END, &["report", "--format", "json"]);
    assert!(
        raw.contains(r"line\u2028sep para\u2029sep") && raw.contains(r"zero\u200bwidth"),
        "{raw}"
    );
    assert_eq!(json(&raw)["mission"], INVISIBLE);
    let briefing = json(&home.run(END, &["resume", "--format", "json"]));
    assert_eq!(briefing["next_steps"][0]["text"], INVISIBLE);
    assert_eq!(briefing["recent_decisions"][0]["why"], INVISIBLE);
}
