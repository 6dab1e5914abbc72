//! End to end: an interaction's time edited in the real dashboard moves it in the timeline
//! on screen, and the move is an amendment on disk; the mission renamed with `R` shows in
//! the header.

#[allow(dead_code)] // the harness serves several test binaries, each using a part
mod e2e_support;

use e2e_support::{Tui, seeded_home};

/// Whether the screen shows `first` on a row above `second`.
fn above(screen: &str, first: &str, second: &str) -> bool {
    let row = |text: &str| screen.lines().position(|line| line.contains(text));
    matches!((row(first), row(second)), (Some(a), Some(b)) if a < b)
}

#[test]
fn an_edited_time_moves_the_entry_in_the_timeline() {
    let home = seeded_home();
    let mut tui = Tui::spawn(&home, 30, 100);
    let screen = tui.wait_for_text(&["Mission started", "Seeded from the CLI"]);
    assert!(above(&screen, "Mission started", "Seeded from the CLI"));
    // the latest entry is selected: edit it, and move it an hour back
    tui.send(b"e");
    tui.wait_for_text(&["Edit the interaction", "When"]);
    tui.send(b"\t\x15");
    tui.type_text("-1h");
    tui.send(b"\r");
    tui.wait_for("the entry moved above the start of the mission", |s| {
        !s.contains("Edit the interaction") && above(s, "Seeded from the CLI", "Mission started")
    });
    let timeline = std::fs::read_to_string(home.timeline_path()).unwrap();
    let amendment: serde_json::Value =
        serde_json::from_str(timeline.lines().last().unwrap()).unwrap();
    assert!(
        amendment["amends"].is_string() && amendment["time"].is_string(),
        "the move is an amendment: {amendment}"
    );
    // one step undoes it
    tui.send(b"u");
    tui.wait_for("the entry back after the start of the mission", |s| {
        above(s, "Mission started", "Seeded from the CLI")
    });
    tui.send(b"R");
    tui.wait_for_text(&["Rename the mission", "Description (optional)"]);
    tui.send(b"\x15");
    tui.type_text("Renamed in the pty");
    tui.send(b"\r");
    tui.wait_for("the new title in the header", |s| {
        s.lines()
            .next()
            .unwrap_or_default()
            .contains("Renamed in the pty")
    });
    tui.send(b"q");
    assert!(tui.wait_exit().success());
}
