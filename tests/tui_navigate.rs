//! The dashboard's pure update as a person finds their way: the filter narrowing the
//! timeline, tab and the arrows moving the focus and the selection, a reload keeping
//! both, and quit.

mod tui_support;

use ratatui::crossterm::event::KeyCode;
use tether::tui::action::{Action, Command};
use tether::tui::app::{Pane, Popup};
use tether::tui::update::update;
use tui_support::*;

#[test]
fn the_filter_narrows_the_timeline_as_you_type_and_esc_clears_it() {
    let mut app = app();
    assert_eq!(app.timeline_len(), 7);
    command(&mut app, Command::Filter);
    type_text(&mut app, "REVIEW");
    assert_eq!(app.timeline_len(), 2);
    key(&mut app, KeyCode::Enter);
    assert!(app.popup.is_none());
    assert_eq!(app.timeline_len(), 2, "enter keeps the filter");
    command(&mut app, Command::Filter);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.timeline_len(), 7);
}

/// What a filter lets through, found the long way: every text looked at.
fn every_match(app: &tether::tui::app::App) -> Vec<usize> {
    let needle = app.filter.trim().to_lowercase();
    let entries = &app.data.as_ref().unwrap().interactions;
    (0..entries.len())
        .filter(|&i| entries.text(i).to_lowercase().contains(&needle))
        .collect()
}

/// A filter typed further looks only through what it let through, and still takes what is
/// appended meanwhile; one typed back, or the session loaded again, looks at everything:
/// each time it lets through what looking at every text does.
#[test]
fn a_filter_typed_further_lets_through_what_every_text_would() {
    let mut app = app();
    command(&mut app, Command::Filter);
    let mut seen = Vec::new();
    for typed in ["r", "e", "v", "i", "e", "w"] {
        type_text(&mut app, typed);
        assert_eq!(
            app.filtered.as_ref(),
            Some(&every_match(&app)),
            "{}",
            app.filter
        );
        seen.push(app.filtered.as_ref().unwrap().len());
    }
    assert_eq!(seen.last(), Some(&2));
    assert_eq!(app.filtered_by, Some(("review".to_string(), 7)));

    let data = app.data.as_ref().unwrap();
    let mut appended = data.interactions.get(6).unwrap().to_interaction();
    appended.id = id(8);
    appended.at = t("16T09:00:00");
    appended.text = "Reviewed the appended line".into();
    let mut other = appended.clone();
    other.id = id(9);
    other.text = "Revise the plan".into();
    let growth = tether::tui::data::Growth {
        session: data.session.clone(),
        from: data.end,
        interactions: vec![appended, other],
        seen: None,
        end: data.end,
        last_line: None,
        torn_tail: None,
    };
    update(&mut app, Action::Grew(Box::new(growth)));
    assert_eq!(app.filtered.as_ref(), Some(&every_match(&app)));
    assert_eq!(
        app.filtered.as_ref().map(Vec::len),
        Some(3),
        "the appended match"
    );
    assert_eq!(app.filtered_by, Some(("review".to_string(), 9)));

    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    assert_eq!(app.filter, "revi");
    assert_eq!(app.filtered.as_ref(), Some(&every_match(&app)));
    assert_eq!(
        app.filtered.as_ref().map(Vec::len),
        Some(4),
        "typed back: all again"
    );
    type_text(&mut app, "s");
    assert_eq!(app.filtered.as_ref(), Some(&vec![8]));

    key(&mut app, KeyCode::Enter);
    app.filter = "re".into();
    update(&mut app, Action::Loaded(Ok(Some(Box::new(session_data())))));
    assert_eq!(
        app.filtered.as_ref(),
        Some(&every_match(&app)),
        "loaded again"
    );
    assert_eq!(app.filtered_by, Some(("re".to_string(), 7)));
}

#[test]
fn tab_cycles_the_panes_both_ways() {
    let mut app = app();
    let mut seen = vec![app.focus];
    for _ in 0..3 {
        command(&mut app, Command::NextPane);
        seen.push(app.focus);
    }
    assert_eq!(
        seen,
        [Pane::Timeline, Pane::Steps, Pane::Decisions, Pane::Timeline]
    );
    command(&mut app, Command::PreviousPane);
    assert_eq!(app.focus, Pane::Decisions);
}

#[test]
fn selection_moves_and_stays_in_range() {
    let mut app = app();
    assert_eq!(
        app.timeline.selected, 6,
        "the latest interaction is selected"
    );
    command(&mut app, Command::Down);
    assert_eq!(app.timeline.selected, 6);
    command(&mut app, Command::Top);
    assert_eq!(app.timeline.selected, 0);
    command(&mut app, Command::Up);
    assert_eq!(app.timeline.selected, 0);
    command(&mut app, Command::Bottom);
    assert_eq!(app.timeline.selected, 6);
}

#[test]
fn a_reload_keeps_the_open_form_and_its_text() {
    let mut app = app();
    command(&mut app, Command::Log);
    type_text(&mut app, "half typ");
    let mut data = session_data();
    let mut all = data.interactions.to_vec();
    all.push(all[4].clone());
    all.last_mut().unwrap().id = id(50);
    data.interactions = all.into();
    update(&mut app, Action::Loaded(Ok(Some(Box::new(data)))));
    type_text(&mut app, "ed");
    let Some(Popup::Input(form)) = &app.popup else {
        panic!("the reload closed the form")
    };
    assert_eq!(form.value(0), "half typed");
    assert_eq!(app.timeline_len(), 8);
    assert_eq!(
        app.timeline.selected, 7,
        "following the end, the new line is selected"
    );
}

#[test]
fn a_reload_keeps_a_selection_away_from_the_end() {
    let mut app = app();
    command(&mut app, Command::Top);
    let data = session_data();
    update(&mut app, Action::Loaded(Ok(Some(Box::new(data)))));
    assert_eq!(app.timeline.selected, 0);
}

#[test]
fn quit_quits() {
    let mut app = app();
    command(&mut app, Command::Quit);
    assert!(app.quit);
}
