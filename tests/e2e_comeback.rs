//! End to end: the way back into a dashboard left open, and the terminal's ways back, with
//! the real binary in a pseudo-terminal and a clock the test moves. Keys typed at once on
//! the way back never act behind the briefing.

#[allow(dead_code)] // the harness serves several test binaries, each using a part
mod e2e_support;

use chrono::TimeDelta;
use e2e_support::clock::TestClock;
use e2e_support::{Home, Tui};

/// A home with one mission, its last interaction at the clock's time.
fn home_at(clock: &TestClock) -> Home {
    let home = Home::new();
    home.cli_at(&clock.now(), &["start", "Way back"]);
    home.cli_at(&clock.now(), &["step", "add", "An open step"]);
    home.cli_at(&clock.now(), &["log", "Left for the night"]);
    home
}

/// The dashboard on `home`, read through `clock`, once drawn.
fn open(home: &Home, clock: &TestClock, rows: u16, cols: u16) -> Tui {
    let (name, value) = clock.env();
    let tui = Tui::spawn_with(home, rows, cols, &[(name, &value)]);
    tui.wait_for_text(&["Way back", "Left for the night"]);
    tui
}

/// The mission's status, as the CLI reads it.
fn status(home: &Home) -> String {
    let out = home.cli(&["status", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    value["status"].as_str().unwrap_or("none").to_string()
}

#[test]
fn a_burst_typed_on_waking_the_dashboard_logs_what_it_began_with_and_completes_nothing() {
    let mut clock = TestClock::at("2025-08-16T08:00:00Z".parse().unwrap());
    let home = home_at(&clock);
    let mut tui = open(&home, &clock, 30, 100);
    clock.advance(TimeDelta::hours(3));
    tui.wait_for_text(&["last 3h ago"]);
    // typed at once, without looking: the c of "back" and the enter must not complete it
    tui.send(b"lback after coffee\r");
    tui.wait_for("the log written, the form closed over the briefing", |s| {
        s.contains("Session 00001 resuming after 3h") && !s.contains("Log what just happened")
    });
    let logged = home
        .timeline()
        .iter()
        .any(|i| i["text"] == "back after coffee" && i["source"] == "tui");
    assert!(logged, "{:#?}", home.timeline());
    assert_eq!(status(&home), "active");

    // a burst that began with another key is held whole: nothing completes, nothing quits
    clock.advance(TimeDelta::seconds(5));
    tui.send(b"\x1b");
    tui.wait_for("the briefing closed", |s| {
        !s.contains("Session 00001 resuming")
    });
    clock.advance(TimeDelta::hours(3));
    tui.wait_for_text(&["last 3h ago"]);
    tui.send(b"cyq");
    tui.wait_for_text(&["c was held"]);
    assert_eq!(status(&home), "active");
    // the held key, pressed again after reading, asks; enter is no
    clock.advance(TimeDelta::seconds(5));
    tui.send(b"c");
    tui.wait_for_text(&["Are you sure?"]);
    clock.advance(TimeDelta::seconds(1));
    tui.send(b"\r");
    tui.wait_for("the question gone", |s| !s.contains("Are you sure?"));
    assert_eq!(status(&home), "active");
    tui.send(b"q");
    assert!(tui.wait_exit().success());
}

#[test]
fn a_wrapped_question_keeps_its_answers_in_view_at_40_and_80_columns() {
    let clock = TestClock::at("2025-08-16T08:00:00Z".parse().unwrap());
    let home = home_at(&clock);
    home.cli_at(
        &clock.now(),
        &[
            "start",
            "A mission whose title is long enough to wrap the question at any width",
        ],
    );
    for cols in [40, 80] {
        let (name, value) = clock.env();
        let mut tui = Tui::spawn_with(&home, 24, cols, &[(name, &value)]);
        tui.wait_for_text(&["Mission started: A mission"]);
        tui.send(b"c");
        let screen = tui.wait_for_text(&["Are you sure?"]);
        assert!(
            screen.contains("y yes · n / esc no"),
            "the answers at {cols} columns:\n{screen}"
        );
        assert!(
            screen.contains("session ends."),
            "the whole question shows:\n{screen}"
        );
        tui.send(b"n");
        tui.wait_for("the question gone", |s| !s.contains("Are you sure?"));
        tui.send(b"q");
        assert!(tui.wait_exit().success());
    }
}

#[test]
fn a_briefing_read_on_a_terminal_pays_the_gap_and_a_piped_one_does_not() {
    let clock = TestClock::at("2025-08-16T08:00:00Z".parse().unwrap());
    let home = home_at(&clock);
    let later = "2025-08-16T12:00:00Z";
    let unseen = |home: &Home| {
        let out = home.cli_at(later, &["resume", "--format", "json"]);
        let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        value["gap"]["unseen"].clone()
    };
    home.cli_at(later, &["resume"]);
    assert_eq!(unseen(&home), true, "piped: not seen by the person");

    // the tmux popup's way in: the prompt says how long it was, and the briefing stays owed
    let mut prompt = Tui::spawn_args(&home, 5, 80, &[("TETHER_NOW", later)], &["log"]);
    prompt.wait_for_text(&["resuming after 4h"]);
    prompt.type_text("from the popup\r");
    assert!(prompt.wait_exit().success());
    assert_eq!(unseen(&home), true, "a log from a popup pays nothing");

    let tui = Tui::spawn_args(&home, 30, 100, &[("TETHER_NOW", later)], &["resume"]);
    tui.wait_for_text(&["resuming after 4h"]);
    let mut tui = tui;
    assert!(tui.wait_exit().success());
    assert_ne!(
        unseen(&home),
        true,
        "read on a terminal: seen, nothing owed"
    );
}
