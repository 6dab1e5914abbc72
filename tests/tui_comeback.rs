//! The comeback in the dashboard's pure update: the briefing a gap owes, shown on opening
//! and on the first key after the dashboard sat idle.

mod tui_support;

use chrono::TimeDelta;
use ratatui::crossterm::event::KeyCode;
use tether::tui::action::{Action, Command};
use tether::tui::app::Popup;
use tether::tui::update::update;
use tui_support::*;

#[test]
fn opening_after_a_gap_shows_the_briefing() {
    let app = app_with(Some(session_data()), t("16T20:00:00"), (100, 30));
    let Some(Popup::Briefing { briefing, .. }) = &app.popup else {
        panic!("no briefing")
    };
    assert!(briefing.after_gap);
    assert_eq!(briefing.session.as_str(), "00004");
    assert!(
        app_with(Some(session_data()), t("16T08:45:00"), (100, 30))
            .popup
            .is_none()
    );
}

#[test]
fn the_first_key_after_sitting_idle_past_the_threshold_shows_the_briefing() {
    let mut app = app();
    update(&mut app, Action::Tick(t("16T18:00:00")));
    assert!(command(&mut app, Command::Log).is_empty());
    assert!(
        matches!(app.popup, Some(Popup::Briefing { .. })),
        "the key was taken by the briefing"
    );
    key(&mut app, KeyCode::Esc);
    command(&mut app, Command::Log);
    assert!(
        matches!(app.popup, Some(Popup::Input(_))),
        "the next key works as usual"
    );
}

/// The header's colour for it is checked in `tui_render.rs`
/// (`the_header_turns_to_the_gap_colour_past_the_threshold`).
#[test]
fn a_tick_past_the_threshold_turns_the_silence_into_a_gap() {
    let mut app = app(); // the last interaction at 08:30, the threshold 2h
    assert!(!app.in_gap());
    update(&mut app, Action::Tick(t("16T10:30:00")));
    assert!(!app.in_gap(), "exactly the threshold is not yet a gap");
    update(
        &mut app,
        Action::Tick(t("16T10:30:00") + TimeDelta::seconds(1)),
    );
    assert!(app.in_gap());
}
