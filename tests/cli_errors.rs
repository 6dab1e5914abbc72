//! Bad input: each is refused with one line on stderr, a non-zero exit, no panic, and not
//! one byte of the store changed ([`Home::refuse`] checks all of that).

mod common;

use std::fs;

use common::{END, Home, START};

/// A home with session 00001 active, two steps and one interaction logged.
fn started() -> Home {
    let home = Home::new();
    home.run(START, &["start", "Mission"]);
    home.run(START, &["step", "add", "one"]);
    home.run(START, &["step", "add", "two"]);
    home.run(START, &["log", "something"]);
    home
}

#[test]
fn empty_text_is_refused() {
    let home = started();
    for blank in ["", "   ", "\t\n"] {
        let err = home.refuse(END, &["log", blank]);
        assert!(err.contains("the text is empty"), "{err}");
    }
    let err = home.refuse(END, &["step", "add", " "]);
    assert!(err.contains("the step is empty"), "{err}");
    let err = home.refuse(END, &["decide", ""]);
    assert!(err.contains("the decision is empty"), "{err}");
    let err = home.refuse(END, &["start", "  "]);
    assert!(err.contains("the mission title is empty"), "{err}");
}

#[test]
fn unreadable_and_future_times_are_refused() {
    let home = started();
    for bad in [
        "yesterday-ish",
        "25:00",
        "2025-13-01 10:00",
        "-",
        "-0m",
        "-2 parsecs",
    ] {
        let err = home.refuse(END, &["log", "--at", bad, "text"]);
        assert!(
            err.contains(&format!("cannot read the time '{bad}'")),
            "{err}"
        );
    }
    for future in ["2025-08-16T09:00:00Z", "2026-01-01 00:00", "23:59"] {
        let err = home.refuse(END, &["log", "--at", future, "text"]);
        assert!(err.contains("is in the future"), "{err}");
    }
}

#[test]
fn unknown_sessions_are_refused() {
    let home = started();
    let err = home.refuse(END, &["switch", "00042"]);
    assert_eq!(
        err,
        "tether: there is no session 00042: `tether missions` lists the sessions"
    );
    let err = home.refuse(END, &["report", "--session", "00042"]);
    assert!(err.contains("there is no session 00042"), "{err}");
    let err = home.refuse(END, &["start", "--session", "1", "Again"]);
    assert!(err.contains("session 00001 already exists"), "{err}");
}

#[test]
fn step_numbers_out_of_range_are_refused() {
    let home = started();
    for (args, n) in [
        (["step", "done", "9"], 9),
        (["step", "done", "0"], 0),
        (["step", "undo", "3"], 3),
    ] {
        let err = home.refuse(END, &args);
        assert_eq!(
            err,
            format!(
                "tether: there is no step {n}: the steps are 1 and 2 (`tether step list` numbers them)"
            )
        );
    }
}

#[test]
fn logging_without_an_active_mission_is_refused_and_writes_nothing() {
    let home = Home::new();
    for args in [
        &["log", "hello"][..],
        &["step", "add", "x"],
        &["step", "done", "1"],
        &["decide", "x"],
        &["freeze"],
        &["complete"],
        &["resume"],
        &["report"],
        &["switch", "1"],
    ] {
        let err = home.refuse(END, args);
        assert!(
            err.contains("no active mission") || err.contains("there is no session 00001"),
            "{args:?}: {err}"
        );
    }
    assert!(
        home.files().is_empty(),
        "a fresh home stays empty: {:?}",
        home.files()
    );

    let home = started();
    home.run(END, &["complete"]);
    for args in [
        &["log", "after"][..],
        &["step", "done", "1"],
        &["decide", "x"],
    ] {
        let err = home.refuse(END, args);
        assert!(err.contains("no active mission"), "{args:?}: {err}");
    }
}

#[test]
fn a_corrupt_session_json_is_named_with_its_line_and_kept() {
    let home = started();
    let path = home.session_json("00001");
    fs::write(&path, "{\n  \"format\": 1,\n  garbage here\n}\n").unwrap();
    let at = format!("tether: {}:3: cannot read this store file", path.display());
    for args in [
        &["log", "x"][..],
        &["step", "add", "x"],
        &["decide", "x"],
        &["freeze"],
        &["complete"],
        &["status"],
        &["report"],
        &["resume"],
    ] {
        let err = home.refuse(END, args);
        assert!(err.starts_with(&at), "{args:?}: {err}");
    }
}

#[test]
fn an_empty_session_json_is_named_with_its_line_and_kept() {
    let home = started();
    let path = home.session_json("00001");
    fs::write(&path, b"").unwrap();
    for args in [&["log", "x"][..], &["step", "done", "1"], &["status"]] {
        let err = home.refuse(END, args);
        let at = format!("tether: {}:1: the file is empty", path.display());
        assert!(err.starts_with(&at), "{args:?}: {err}");
    }
}

#[test]
fn newer_formats_are_refused_not_rewritten() {
    let home = started();
    let state = home.path().join("state.json");
    let original = fs::read_to_string(&state).unwrap();
    fs::write(&state, original.replace("\"format\": 1", "\"format\": 99")).unwrap();
    for args in [&["log", "x"][..], &["status"], &["start", "New"]] {
        let err = home.refuse(END, args);
        let want = format!(
            "{} has format 99, newer than this tether knows",
            state.display()
        );
        assert!(err.contains(&want), "{args:?}: {err}");
    }
    fs::write(&state, original).unwrap();

    let session = home.session_json("00001");
    let original = fs::read_to_string(&session).unwrap();
    assert!(original.contains("\"format\": 1"), "{original}");
    fs::write(
        &session,
        original.replace("\"format\": 1", "\"format\": 99"),
    )
    .unwrap();
    for args in [&["log", "x"][..], &["step", "done", "1"], &["report"]] {
        let err = home.refuse(END, args);
        assert!(
            err.contains("has format 99, newer than this tether knows"),
            "{err}"
        );
        assert!(err.contains(&session.display().to_string()), "{err}");
    }
    fs::write(&session, original).unwrap();

    let timeline = home.timeline("00001");
    let original = fs::read_to_string(&timeline).unwrap();
    let newer = original.replacen("{\"format\":1}", "{\"format\":99}", 1);
    assert_ne!(newer, original, "the header is the first line");
    fs::write(&timeline, newer).unwrap();
    // written to, and read from (a short timeline is read whole, its header checked)
    let want = format!(
        "{} has format 99, newer than this tether knows",
        timeline.display()
    );
    for args in [&["log", "x"][..], &["status"]] {
        let err = home.refuse(END, args);
        assert!(err.contains(&want), "{args:?}: {err}");
    }
    // a status bar shows stdout alone: there, a short line says something is wrong
    let (ok, out, err) = home.try_run(END, &["status", "--format", "tmux"]);
    assert!(!ok && err.contains(&want), "{err}");
    assert_eq!(out, "tether: cannot read the store · tether doctor\n");
}

#[test]
fn a_bad_config_value_names_the_file_the_key_and_the_line() {
    let home = started();
    let config = home.path().join("config.toml");
    fs::write(&config, "# my settings\n\ngap_threshold = \"soon\"\n").unwrap();
    let want = format!(
        "tether: {}:3: gap_threshold: invalid duration 'soon'",
        config.display()
    );
    for args in [&["log", "x"][..], &["status"], &["report"]] {
        let err = home.refuse(END, args);
        assert!(err.starts_with(&want), "{args:?}: {err}");
    }
}

#[test]
fn a_note_over_64_kib_is_refused_and_one_at_the_limit_is_kept() {
    let home = started();
    let over = "x".repeat(64 * 1024 + 1);
    let err = home.refuse(END, &["log", &over]);
    assert!(
        err.contains("65537 bytes, over the limit of 65536"),
        "{err}"
    );
    let err = home.refuse(END, &["step", "add", &over]);
    assert!(err.contains("over the limit"), "{err}");
    let at_limit = "y".repeat(64 * 1024);
    home.run(END, &["log", &at_limit]);
    let records = home
        .store()
        .timeline(&common::sid("00001"))
        .unwrap()
        .records;
    let last = tether::timeline::materialize(records).pop().unwrap();
    assert_eq!(last.text, at_limit);
}

#[test]
fn control_characters_in_an_error_are_not_sent_to_the_terminal() {
    let home = started();
    let err = home.refuse(END, &["log", "--at", "\x1b[2J\x07", "x"]);
    assert!(common::unsafe_chars(&err).is_empty(), "{err:?}");
    assert!(err.contains("␛[2J␇"), "{err}");
}
