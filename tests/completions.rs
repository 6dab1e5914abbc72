//! Shell completion as the shell runs it: the registration scripts call
//! `COMPLETE=SHELL tether -- tether WORDS...`, and what it prints are the candidates.

mod common;

use common::{Home, NIGHT};

/// The candidates `tether` offers for the last of `words`, as fish asks for them: one a
/// line, `value<TAB>help`.
fn fish(home: &Home, words: &[&str]) -> Vec<String> {
    let out = home
        .cmd(NIGHT)
        .env("COMPLETE", "fish")
        .arg("--")
        .arg("tether")
        .args(words)
        .output()
        .expect("tether runs");
    assert!(out.status.success(), "{out:?}");
    assert!(out.stderr.is_empty(), "{out:?}");
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(str::to_string)
        .collect()
}

/// The session ids among the candidates, in order.
fn ids(candidates: &[String]) -> Vec<&str> {
    candidates
        .iter()
        .filter_map(|c| c.split('\t').next())
        .filter(|v| !v.starts_with('-'))
        .collect()
}

/// Three sessions: 1 paused, 2 complete, 3 active.
fn three_sessions() -> Home {
    let home = Home::new();
    home.run(NIGHT, &["start", "Write the parser"]);
    home.run(NIGHT, &["start", "Ship the \x1b[31mstore\x1b[0m"]);
    home.run(NIGHT, &["complete"]);
    home.run(NIGHT, &["start", "Benchmark search"]);
    home
}

#[test]
fn switch_offers_the_open_sessions_with_their_missions() {
    let home = three_sessions();
    let offered = fish(&home, &["switch", ""]);
    assert_eq!(ids(&offered), ["00003", "00001"], "{offered:?}");
    assert!(offered.contains(&"00003\tBenchmark search (active)".to_string()));
    assert!(offered.contains(&"00001\tWrite the parser (paused)".to_string()));
    let reopen = fish(&home, &["reopen", ""]);
    assert_eq!(ids(&reopen), ["00002"], "{reopen:?}");
    assert!(
        reopen[0].starts_with("00002\tShip the ␛[31mstore") && !reopen[0].contains('\x1b'),
        "a title is shown, never acted on: {reopen:?}"
    );
}

#[test]
fn every_session_option_completes_and_start_takes_a_new_id() {
    let home = three_sessions();
    for words in [
        &["report", "--session", ""][..],
        &["resume", "--session", ""],
        &["log", "--session", ""],
        &["--color", "never", "report", "--session", ""],
    ] {
        let offered = fish(&home, words);
        assert_eq!(ids(&offered), ["00003", "00001", "00002"], "{words:?}");
    }
    assert!(ids(&fish(&home, &["start", "--session", ""])).is_empty());
    assert_eq!(
        ids(&fish(&home, &["switch", "3"])),
        ["00003"],
        "no zeros typed"
    );
    assert_eq!(ids(&fish(&home, &["report", "--session", "0000"])).len(), 3);
}

#[test]
fn bash_gets_the_bare_values() {
    let home = three_sessions();
    let out = home
        .cmd(NIGHT)
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "3")
        .args(["--", "tether", "report", "--session", ""])
        .output()
        .expect("tether runs");
    assert!(out.status.success());
    let values: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(values, ["00003", "00001", "00002"]);
}

#[test]
fn the_home_on_the_line_is_the_one_read() {
    let home = three_sessions();
    let elsewhere = Home::new();
    let path = home.path().to_str().unwrap();
    let offered = fish(&elsewhere, &["--home", path, "switch", ""]);
    assert_eq!(ids(&offered), ["00003", "00001"]);
    let offered = fish(&elsewhere, &[&format!("--home={path}"), "switch", ""]);
    assert_eq!(ids(&offered), ["00003", "00001"]);
    assert!(
        ids(&fish(&elsewhere, &["switch", ""])).is_empty(),
        "its own store is empty"
    );
}

#[test]
fn subcommands_and_options_complete_too() {
    let home = Home::new();
    let offered = fish(&home, &["mi"]);
    assert_eq!(ids(&offered), ["missions"]);
    let offered = fish(&home, &["missions", "--status", ""]);
    assert_eq!(ids(&offered), ["open", "active", "paused", "ended", "all"]);
}
