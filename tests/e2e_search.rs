//! End to end: searching every mission from the dashboard, in a pseudo-terminal, and
//! opening a hit in another mission.

#[allow(dead_code)] // the harness serves several test binaries, each using a part
mod e2e_support;

use e2e_support::{Home, Tui};

#[test]
fn a_search_typed_in_the_dashboard_opens_its_hit_in_the_other_mission() {
    let home = Home::new();
    home.cli(&["start", "First mission"]);
    home.cli(&["log", "the needle in the first mission"]);
    home.cli(&["log", "hay"]);
    home.cli(&["start", "Second mission"]);
    home.cli(&["log", "nothing to see here"]);
    let mut tui = Tui::spawn(&home, 30, 100);
    tui.wait_for("the second mission", |s| {
        s.lines()
            .next()
            .unwrap_or_default()
            .contains("Second mission")
    });

    tui.send(b"F");
    tui.wait_for_text(&["Search every mission"]);
    tui.type_text("NEEDLE");
    let screen = tui.wait_for_text(&["1 hit, the newest first", "the needle in the first mission"]);
    assert!(screen.contains("00001 First mission"), "{screen}");
    assert!(!screen.contains("nothing to see here"), "{screen}");

    tui.send(b"\r");
    // switched, as the missions list does: its briefing first
    tui.wait_for("the first mission's briefing", |s| {
        s.lines()
            .next()
            .unwrap_or_default()
            .contains("First mission")
            && s.contains("back to work")
    });
    tui.send(b"\x1b");
    tui.wait_for("the briefing closed", |s| !s.contains("back to work"));
    // the hit is the selected entry: enter reads it whole
    tui.send(b"\r");
    let screen = tui.wait_for_text(&["· note · cli"]);
    assert!(
        screen.contains("the needle in the first mission"),
        "{screen}"
    );
    tui.send(b"q");
    tui.wait_for("the text closed", |s| !s.contains("· note · cli"));
    tui.send(b"q");
    assert!(tui.wait_exit().success());

    let status = home.cli(&["status", "--format", "json"]);
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(status["session"], "00001", "{status}");
}
