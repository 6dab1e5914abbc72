//! The missions list in the dashboard's pure update: typing after `/` narrows it, ended
//! missions hide until asked, enter comes back to the mission selected.

mod tui_support;

use ratatui::crossterm::event::KeyCode;
use tether::ops::Change;
use tether::session::{MissionStatus, Progress};
use tether::tui::action::{Action, Command};
use tether::tui::app::{App, Popup, Purpose};
use tether::tui::data::MissionRow;
use tether::tui::effect::{Effect, History};
use tether::tui::update::update;
use tui_support::*;

fn row(n: u64, title: &str, status: MissionStatus) -> MissionRow {
    MissionRow {
        id: tether::session::SessionId::from_number(n).unwrap(),
        title: title.into(),
        status,
        progress: Progress::default(),
        last: None,
    }
}

/// The dashboard on session 4 with the list open: 4 active, 3 paused, 2 and 1 ended,
/// and 300 paused missions more.
fn open_list() -> App {
    let mut app = app();
    assert_eq!(
        command(&mut app, Command::Missions),
        vec![Effect::LoadMissions]
    );
    let mut rows = vec![
        row(4, "Implement Reality Agents", MissionStatus::Active),
        row(3, "Benchmark the store", MissionStatus::Paused),
        row(2, "Store format v1", MissionStatus::Complete),
        row(1, "Old store idea", MissionStatus::Abandoned),
    ];
    rows.extend((10..310).map(|n| row(n, &format!("Filler {n}"), MissionStatus::Paused)));
    update(&mut app, Action::MissionsLoaded(Ok(rows.into())));
    app
}

/// The ids listed, in order.
fn listed(app: &App) -> Vec<String> {
    let Some(Popup::Missions(list)) = &app.popup else {
        panic!("the missions list is not open");
    };
    list.listed().map(|r| r.id.to_string()).collect()
}

fn selected(app: &App) -> Option<String> {
    let Some(Popup::Missions(list)) = &app.popup else {
        return None;
    };
    list.selected_row().map(|r| r.id.to_string())
}

fn change(effects: &[Effect]) -> Option<&Change> {
    match effects {
        [Effect::Apply { change, history }] if *history == History::Record => Some(change),
        _ => None,
    }
}

#[test]
fn typing_after_slash_narrows_and_enter_switches() {
    let mut app = open_list();
    assert_eq!(listed(&app).len(), 302, "the ended ones are hidden");
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "store");
    assert_eq!(listed(&app), ["00003"]);
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(
        change(&effects),
        Some(&Change::Switch {
            session: "3".parse().unwrap()
        })
    );
    assert!(app.popup.is_none() && app.brief_on_load);
}

#[test]
fn ended_missions_show_when_asked_and_enter_reopens_one() {
    let mut app = open_list();
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "old");
    assert!(listed(&app).is_empty());
    key(&mut app, KeyCode::Tab);
    assert_eq!(
        listed(&app),
        ["00001"],
        "tab shows the ended ones while typing"
    );
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(
        change(&effects),
        Some(&Change::Reopen {
            session: "1".parse().unwrap()
        })
    );
    let mut app = open_list();
    key(&mut app, KeyCode::Char('e'));
    assert_eq!(listed(&app).len(), 304, "e shows them when not typing");
    key(&mut app, KeyCode::Char('e'));
    assert_eq!(listed(&app).len(), 302);
}

#[test]
fn while_typing_letters_are_text_and_arrows_still_move() {
    let mut app = open_list();
    key(&mut app, KeyCode::Char('/'));
    // the list's own letters (j k n q m e) are text here
    type_text(&mut app, "filler 12");
    assert!(matches!(&app.popup, Some(Popup::Missions(_))));
    assert_eq!(listed(&app).len(), 13, "12, 112, 120 to 129 and 212");
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    assert_eq!(selected(&app).as_deref(), Some("00120"));
    type_text(&mut app, "0");
    assert_eq!(listed(&app), ["00120"]);
    assert_eq!(
        selected(&app).as_deref(),
        Some("00120"),
        "it stays while listed"
    );
    key(&mut app, KeyCode::Backspace);
    type_text(&mut app, "9");
    assert_eq!(listed(&app), ["00129"]);
    assert_eq!(selected(&app).as_deref(), Some("00129"));
}

#[test]
fn esc_clears_the_filter_then_closes_and_backspace_stops_typing() {
    let mut app = open_list();
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "bench");
    assert_eq!(listed(&app).len(), 1);
    key(&mut app, KeyCode::Esc);
    assert_eq!(listed(&app).len(), 302, "esc clears the filter");
    assert_eq!(
        selected(&app).as_deref(),
        Some("00003"),
        "its selection kept"
    );
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(selected(&app).as_deref(), Some("00010"), "j moves again");
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "x");
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(
        selected(&app).as_deref(),
        Some("00003"),
        "j moves: typing stopped"
    );
    key(&mut app, KeyCode::Char('n'));
    assert!(
        matches!(&app.popup, Some(Popup::Input(f)) if f.purpose == Purpose::StartMission),
        "n starts a mission when not typing"
    );
    let mut app = open_list();
    key(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none(), "esc closes when not typing");
}

#[test]
fn pages_move_through_hundreds() {
    let mut app = open_list();
    key(&mut app, KeyCode::PageDown);
    let page = app.size.1 as usize - 6;
    let Some(Popup::Missions(list)) = &app.popup else {
        panic!()
    };
    assert_eq!(list.selected, page);
    for _ in 0..100 {
        key(&mut app, KeyCode::PageDown);
    }
    assert_eq!(selected(&app).as_deref(), Some("00309"), "the last one");
    key(&mut app, KeyCode::PageUp);
    let Some(Popup::Missions(list)) = &app.popup else {
        panic!()
    };
    assert_eq!(list.selected, 301 - page);
}

#[test]
fn the_filter_keys_follow_the_keymap() {
    let mut app = open_list();
    configure(
        &mut app,
        "[keys.mission_list]\nfilter = [\"f\"]\nshow_ended = [\"ctrl-e\"]\n",
    );
    update(&mut app, Action::Command(Command::Missions));
    let rows = vec![
        row(4, "Implement Reality Agents", MissionStatus::Active),
        row(2, "Store format v1", MissionStatus::Complete),
    ];
    update(&mut app, Action::MissionsLoaded(Ok(rows.into())));
    key(&mut app, KeyCode::Char('/'));
    assert_eq!(listed(&app).len(), 1, "/ is not bound any more");
    key(&mut app, KeyCode::Char('f'));
    type_text(&mut app, "store");
    assert!(listed(&app).is_empty());
    update(
        &mut app,
        Action::Key(ratatui::crossterm::event::KeyEvent::new(
            KeyCode::Char('e'),
            ratatui::crossterm::event::KeyModifiers::CONTROL,
        )),
    );
    assert_eq!(listed(&app), ["00002"]);
}

#[test]
fn the_list_draws_at_any_size() {
    for (width, height) in [(1, 1), (2, 2), (3, 1), (1, 5), (10, 3), (20, 4), (30, 6)] {
        let mut app = open_list();
        update(&mut app, Action::Resize(width, height));
        screen(&app);
        key(&mut app, KeyCode::Char('/'));
        type_text(
            &mut app,
            "a rather long filter typed past the edge of the box",
        );
        screen(&app);
        key(&mut app, KeyCode::Tab);
        screen(&app);
    }
    let mut app = open_list();
    update(&mut app, Action::Resize(60, 15));
    let shown = screen(&app);
    assert!(shown.contains("302 open · 2 ended hidden"), "{shown}");
    assert!(
        shown.contains("enter switch · / filter · e show ended · esc close"),
        "the keys that matter fit at 60 columns:\n{shown}"
    );
}

#[test]
fn a_mission_that_cannot_be_read_is_told_and_the_others_listed() {
    let mut app = app();
    command(&mut app, Command::Missions);
    let error = "/home/x/sessions/00002/timeline.jsonl:3: cannot read this store file";
    let missions = tether::tui::data::Missions {
        rows: vec![
            row(4, "Implement Reality Agents", MissionStatus::Active),
            row(2, "Store format v1", MissionStatus::Paused),
        ],
        unread: Some(error.into()),
    };
    update(&mut app, Action::MissionsLoaded(Ok(missions)));
    assert_eq!(
        listed(&app),
        ["00004", "00002"],
        "the list is not left loading"
    );
    let flash = app.flash.as_ref().expect("the damage is told");
    assert!(flash.error && flash.text == error, "{flash:?}");
    key(&mut app, KeyCode::Down);
    assert_eq!(selected(&app).as_deref(), Some("00002"));
}

#[test]
fn an_active_mission_that_cannot_be_read_says_how_to_repair_it_and_how_to_leave_it() {
    let mut app = tui_support::app_with(None, t("16T08:45:00"), (100, 24));
    let error = "/home/x/sessions/00002/timeline.jsonl:3: cannot read this store file";
    update(&mut app, Action::Loaded(Err(error.into())));
    let shown = screen(&app);
    for said in [
        error,
        "`tether doctor` shows what is wrong; `tether doctor --repair` keeps",
        "Press m to switch to another mission, q to quit.",
    ] {
        assert!(shown.contains(said), "{said}:\n{shown}");
    }
    assert_eq!(
        command(&mut app, Command::Missions),
        vec![Effect::LoadMissions]
    );
}
