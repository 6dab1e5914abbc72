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
