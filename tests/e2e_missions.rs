//! End to end: the missions list of a store with hundreds of missions, in a pseudo-terminal.
//! Typing after `/` narrows it, and enter switches to the mission found.

#[allow(dead_code)] // the harness serves several test binaries, each using a part
mod e2e_support;

use chrono::{TimeDelta, Utc};
use e2e_support::{Home, Tui};
use tether::session::{MissionStatus, Session, SessionId, State};
use tether::store::{Store, StoreError};

/// How many missions the store holds.
const MISSIONS: u64 = 300;

/// The one mission the test looks for.
const WANTED: u64 = 137;

/// A store of 300 missions written through tether's own store code: the last one active,
/// every tenth before it ended (29), the others paused; mission 137 is the quarterly taxes.
fn crowded_home() -> Home {
    let home = Home::new();
    let store = Store::new(home.path());
    let start = Utc::now() - TimeDelta::days(400);
    store
        .write(|w| -> Result<(), StoreError> {
            for n in 1..=MISSIONS {
                let id = SessionId::from_number(n).expect("a small number");
                let title = match n {
                    WANTED => "Quarterly taxes".to_string(),
                    MISSIONS => "Crowded dashboard".to_string(),
                    n => format!("Errand number {n}"),
                };
                let mut session = Session::new(id, title, start + TimeDelta::days(n as i64));
                session.mission.status = match n {
                    MISSIONS => MissionStatus::Active,
                    n if n % 10 == 0 => MissionStatus::Complete,
                    _ => MissionStatus::Paused,
                };
                w.create_session(&session)?;
            }
            w.put_state(&State {
                active: SessionId::from_number(MISSIONS),
                ..State::default()
            })
        })
        .expect("the store is written");
    home
}

#[test]
fn typing_narrows_hundreds_of_missions_and_enter_switches() {
    let home = crowded_home();
    let mut tui = Tui::spawn(&home, 30, 100);
    tui.wait_for_text(&["Crowded dashboard", "Timeline"]);
    tui.send(b"m");
    tui.wait_for_text(&[
        "Missions",
        "271 open · 29 ended hidden",
        "Errand number 299",
    ]);
    tui.send(b"/");
    tui.type_text("quar");
    let screen = tui.wait_for_text(&["/ quar", "1 of 271 open", "Quarterly taxes"]);
    assert!(!screen.contains("Errand number"), "{screen}");
    tui.send(b"\r");
    let screen = tui.wait_for("the switch, with the briefing", |s| {
        let header = s.lines().next().unwrap_or_default();
        header.contains("Session 00137 · Quarterly taxes") && s.contains("back to work")
    });
    assert!(!screen.contains("Missions"), "the list closed:\n{screen}");
    let state: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(home.path().join("state.json")).expect("state.json"),
    )
    .expect("JSON");
    assert_eq!(state["active"], "00137");
    tui.send(b"\x1b");
    tui.wait_for("the briefing closed", |s| !s.contains("back to work"));
    tui.send(b"q");
    assert!(tui.wait_exit().success());
}

#[test]
fn ended_missions_show_on_request() {
    let home = crowded_home();
    let mut tui = Tui::spawn(&home, 30, 100);
    tui.wait_for_text(&["Crowded dashboard", "Timeline"]);
    tui.send(b"m");
    tui.wait_for_text(&["271 open · 29 ended hidden"]);
    tui.send(b"/");
    tui.type_text("number 29");
    tui.wait_for_text(&["/ number 29", "12 of 271 open · 1 ended hidden"]);
    tui.send(b"\t");
    let screen = tui.wait_for_text(&["13 of 300", "Errand number 290"]);
    assert!(screen.contains("complete"), "{screen}");
    tui.send(b"\x1b");
    tui.wait_for_text(&["/ to filter", "300 missions"]);
    tui.send(b"\x1b");
    tui.wait_for("the list closed", |s| !s.contains("Missions"));
    tui.send(b"q");
    assert!(tui.wait_exit().success());
}
