//! End to end: the real `tether` dashboard in a pseudo-terminal, read as a person sees it.
//!
//! Every wait polls a condition until a generous deadline; nothing sleeps a fixed time and
//! nothing asserts on how long something took.

mod e2e_support;

use chrono::{TimeDelta, Utc};
use e2e_support::clock::TestClock;
use e2e_support::{ENTER_ALT, Home, LEAVE_ALT, SHOW_CURSOR, Tui, contains, find_last, seeded_home};

/// The title of the log form (the popup `l` opens).
const LOG_FORM: &str = "Log what just happened";

/// The header row: the first line of the screen.
fn header(screen: &str) -> &str {
    screen.lines().next().unwrap_or_default()
}

/// Whether the dashboard is up: the mission in the header and the timeline pane.
fn dashboard_shown(screen: &str) -> bool {
    header(screen).contains("E2E mission") && screen.contains("Timeline")
}

/// Opens the dashboard on `home` at 100×30 and waits until it is drawn.
fn open(home: &Home) -> Tui {
    let tui = Tui::spawn(home, 30, 100);
    tui.wait_for("the dashboard", dashboard_shown);
    tui
}

/// Quits with `q` and checks the exit was clean.
fn quit(mut tui: Tui) {
    tui.send(b"q");
    let status = tui.wait_exit();
    assert!(status.success(), "q should exit with 0, got {status:?}");
}

/// Asserts that the program left the alternate screen after it last entered it.
fn assert_terminal_restored(tui: &Tui) {
    tui.wait_for_raw("leaving the alternate screen", |raw| {
        find_last(raw, LEAVE_ALT) > find_last(raw, ENTER_ALT)
    });
    let raw = tui.raw();
    assert!(
        find_last(&raw, SHOW_CURSOR) > find_last(&raw, ENTER_ALT),
        "the cursor was not shown again after the dashboard"
    );
    assert!(
        !tui.on_alternate_screen(),
        "the terminal was left on the alternate screen"
    );
    assert!(
        !String::from_utf8_lossy(&raw).contains("panicked"),
        "the output mentions a panic"
    );
}

#[test]
fn it_opens_on_the_active_mission() {
    let home = seeded_home();
    let tui = open(&home);
    let screen = tui.wait_for_text(&["Seeded from the CLI", "Write the end-to-end tests"]);
    assert!(
        !screen.contains("resuming after"),
        "no briefing is due right after the last log:\n{screen}"
    );
    quit(tui);
}

#[test]
fn a_typed_log_shows_on_screen_and_on_disk() {
    let home = seeded_home();
    let mut tui = open(&home);
    tui.send(b"l");
    tui.wait_for_text(&[LOG_FORM]);
    tui.type_text("typed in the pty");
    tui.wait_for_text(&["typed in the pty"]);
    tui.send(b"\r");
    tui.wait_for("the log in the timeline, the form closed", |s| {
        s.contains("typed in the pty") && !s.contains(LOG_FORM)
    });

    let timeline = home.timeline();
    assert!(
        timeline
            .iter()
            .any(|i| i["text"] == "typed in the pty" && i["source"] == "tui"),
        "no interaction from the dashboard on disk: {timeline:#?}"
    );
    quit(tui);
}

#[test]
fn a_log_from_another_process_appears() {
    let home = seeded_home();
    let tui = open(&home);
    home.cli(&["log", "from another pane"]);
    tui.wait_for_text(&["from another pane"]);
    quit(tui);
}

#[test]
fn live_reload_does_not_disturb_typing() {
    let home = seeded_home();
    let mut tui = open(&home);
    tui.send(b"l");
    tui.wait_for_text(&[LOG_FORM]);
    tui.type_text("half typ");
    tui.wait_for_text(&["half typ"]);

    home.cli(&["log", "from another pane"]);
    // The reload lands while the form stays open with what was typed so far.
    tui.wait_for_text(&["from another pane", LOG_FORM, "half typ"]);

    tui.type_text("ed");
    tui.wait_for_text(&["half typed"]);
    tui.send(b"\r");
    tui.wait_for("the typed log in the timeline, the form closed", |s| {
        s.contains("half typed") && s.contains("from another pane") && !s.contains(LOG_FORM)
    });

    let timeline = home.timeline();
    let texts: Vec<&str> = timeline.iter().filter_map(|i| i["text"].as_str()).collect();
    assert!(
        timeline
            .iter()
            .any(|i| i["text"] == "from another pane" && i["source"] == "cli"),
        "the other process's log is missing: {texts:?}"
    );
    assert!(
        timeline
            .iter()
            .any(|i| i["text"] == "half typed" && i["source"] == "tui"),
        "the typed log is missing or incomplete: {texts:?}"
    );
    assert!(
        !texts
            .iter()
            .any(|t| t.starts_with("half") && *t != "half typed"),
        "a partial log was written: {texts:?}"
    );
    quit(tui);
}

#[test]
fn a_resize_redraws_in_the_narrow_layout() {
    let home = seeded_home();
    let mut tui = open(&home);
    tui.wait_for_text(&["Next steps"]);
    // The program's terminal shrinks to 60×20 while the screen read here stays 100×30,
    // wiped: what shows next was drawn after the resize, and anything drawn outside 60×20
    // would show too.
    tui.resize_program_only(20, 60);
    let screen = tui.wait_for("the dashboard redrawn at 60×20, down to its footer", |s| {
        dashboard_shown(s) && s.contains("Seeded from the CLI") && s.contains("┛\n ")
    });
    assert!(
        !screen.contains("Next steps"),
        "below 72 columns only the focused pane shows:\n{screen}"
    );
    let rows = tui.rows();
    let width = |row: &str| row.chars().count();
    for (n, row) in rows.iter().enumerate() {
        let row_number = n + 1;
        assert!(
            width(row) <= 60,
            "row {row_number} goes past column 60:\n{screen}"
        );
        assert!(
            n < 20 || row.is_empty(),
            "row {row_number} is drawn, below the 20 rows:\n{screen}"
        );
    }
    // The timeline pane fills the rest: its borders end at the last column, and its
    // bottom is the row above the footer, the last row.
    let top = &rows[2];
    assert!(
        top.starts_with("┏ Timeline") && top.ends_with('┓') && width(top) == 60,
        "the pane's top border should span the 60 columns:\n{screen}"
    );
    let bottom = &rows[18];
    assert!(
        bottom.starts_with('┗') && bottom.ends_with('┛') && width(bottom) == 60,
        "the pane's bottom border should be row 19 of 20 and span the 60 columns:\n{screen}"
    );
    assert!(
        !rows[19].is_empty(),
        "the footer is on the last row:\n{screen}"
    );

    tui.resize(30, 100);
    tui.wait_for("the wide layout again", |s| {
        dashboard_shown(s) && s.contains("Next steps")
    });
    quit(tui);
}

#[test]
fn resizing_down_to_one_cell_and_back_survives() {
    let home = seeded_home();
    let mut tui = open(&home);
    for (rows, cols) in [(1, 1), (2, 1), (1, 2), (3, 5), (12, 40), (1, 100), (30, 1)] {
        tui.resize(rows, cols);
    }
    tui.resize(24, 80);
    tui.wait_for("the dashboard redrawn at 80×24", dashboard_shown);
    quit(tui);
}

#[test]
fn q_exits_cleanly_and_restores_the_terminal() {
    let home = seeded_home();
    let mut tui = open(&home);
    tui.send(b"q");
    let status = tui.wait_exit();
    assert!(status.success(), "q should exit with 0, got {status:?}");
    assert_terminal_restored(&tui);
}

/// Sends `signal` to a running dashboard and checks that it ends and restores the terminal.
fn a_signal_ends_it(signal: &str) {
    let home = seeded_home();
    let mut tui = open(&home);
    tui.signal(signal);
    let status = tui.wait_exit();
    assert!(
        status.success(),
        "SIG{signal} should end the dashboard cleanly, got {status:?}"
    );
    assert_terminal_restored(&tui);
}

#[test]
fn sighup_ends_it() {
    a_signal_ends_it("HUP");
}

#[test]
fn sigterm_ends_it() {
    a_signal_ends_it("TERM");
}

#[test]
fn sigint_ends_it() {
    a_signal_ends_it("INT");
}

#[test]
fn opening_after_a_gap_shows_the_resume_briefing() {
    let home = Home::new();
    let then = (Utc::now() - TimeDelta::hours(5)).to_rfc3339();
    home.cli_at(&then, &["start", "E2E mission"]);
    home.cli_at(&then, &["step", "add", "Write the end-to-end tests"]);
    home.cli_at(&then, &["log", "Seeded from the CLI"]);

    let mut tui = Tui::spawn(&home, 30, 100);
    let screen = tui.wait_for_text(&["resuming after"]);
    assert!(
        screen.contains("resuming after 5h"),
        "the briefing should name the 5h gap:\n{screen}"
    );
    assert!(
        screen.contains("Write the end-to-end tests"),
        "the briefing should list the next step:\n{screen}"
    );

    // Any other key puts it away, showing the dashboard.
    tui.send(b"q");
    tui.wait_for("the dashboard without the briefing", |s| {
        dashboard_shown(s) && !s.contains("resuming after")
    });
    quit(tui);
}

#[test]
fn a_key_after_the_clock_passes_the_gap_threshold_shows_the_resume_briefing() {
    let mut clock = TestClock::at("2025-08-16T08:00:00Z".parse().unwrap());
    let home = Home::new();
    home.cli_at(&clock.now(), &["start", "E2E mission"]);
    home.cli_at(&clock.now(), &["step", "add", "Write the end-to-end tests"]);
    home.cli_at(&clock.now(), &["log", "Seeded from the CLI"]);
    let (name, value) = clock.env();
    let mut tui = Tui::spawn_with(&home, 30, 100, &[(name, &value)]);
    let screen = tui.wait_for("the dashboard, the last log just now", |s| {
        dashboard_shown(s) && header(s).contains("last 0s ago")
    });
    assert!(!screen.contains("resuming after"), "{screen}");

    // Three hours pass with the dashboard open and nobody at the keys: the clock's tick
    // shows them in the header, and the first key brings the briefing instead of moving.
    clock.advance(TimeDelta::hours(3));
    tui.wait_for("the header after three hours", |s| {
        header(s).contains("last 3h ago")
    });
    tui.send(b"j");
    let screen = tui.wait_for_text(&["resuming after 3h"]);
    assert!(
        screen.contains("Write the end-to-end tests"),
        "the briefing should list the next step:\n{screen}"
    );
    // a key pressed after reading (not in the burst that woke it) closes it
    clock.advance(TimeDelta::seconds(5));
    tui.send(b"\x1b");
    tui.wait_for("the dashboard without the briefing", |s| {
        dashboard_shown(s) && !s.contains("resuming after")
    });
    quit(tui);
}

/// Opens the dashboard at a tiny size, quits, and checks nothing panicked.
fn tiny_size_survives(rows: u16, cols: u16) {
    let home = seeded_home();
    let mut tui = Tui::spawn(&home, rows, cols);
    tui.wait_for_raw("entering the alternate screen", |raw| {
        contains(raw, ENTER_ALT)
    });
    tui.send(b"q");
    let status = tui.wait_exit();
    assert!(
        status.success(),
        "q at {cols}×{rows} should exit with 0, got {status:?}\n{}",
        String::from_utf8_lossy(&tui.raw())
    );
    assert_terminal_restored(&tui);
}

#[test]
fn one_by_one_does_not_crash() {
    tiny_size_survives(1, 1);
}

#[test]
fn forty_by_twelve_does_not_crash() {
    tiny_size_survives(12, 40);
}

#[test]
fn closing_the_terminal_ends_it() {
    let home = seeded_home();
    let mut tui = open(&home);
    tui.hang_up();
    // Something to draw, so that the reader wakes up and lets go of the terminal too.
    home.cli(&["log", "while hanging up"]);
    let status = tui.wait_exit();
    assert!(
        status.success(),
        "a hang-up should end the dashboard cleanly, got {status:?}"
    );
}

#[test]
fn no_color_turns_the_colours_off() {
    let home = seeded_home();
    let colourful = open(&home);
    colourful.wait_for_text(&["Seeded from the CLI"]);
    assert!(
        contains(&colourful.raw(), b"38;5;"),
        "the default theme paints in 256 colours"
    );
    quit(colourful);
    let tui = Tui::spawn_with(&home, 30, 100, &[("NO_COLOR", "1")]);
    tui.wait_for_text(&["Seeded from the CLI"]);
    let raw = tui.raw();
    assert!(
        !contains(&raw, b"38;5;") && !contains(&raw, b"48;5;"),
        "NO_COLOR leaves no colour"
    );
    assert!(
        contains(&raw, b"\x1b[7m") || contains(&raw, b"\x1b[1m"),
        "emphasis stays"
    );
    quit(tui);
}

#[test]
fn log_without_text_asks_for_a_line_in_a_terminal() {
    let home = seeded_home();
    let mut prompt = Tui::spawn_args(&home, 5, 80, &[], &["log"]);
    prompt.wait_for_text(&["log: "]);
    prompt.type_text("typed at the prompt\r");
    assert!(prompt.wait_exit().success());
    let texts: Vec<String> = home
        .timeline()
        .iter()
        .filter_map(|l| l["text"].as_str().map(String::from))
        .collect();
    assert!(
        texts.contains(&"typed at the prompt".to_string()),
        "{texts:?}"
    );
}
