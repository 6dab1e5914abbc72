//! The dashboard's pure update for what a person writes: the forms and questions that
//! make a change (log, step, decision, edit, delete, complete, switch, start), what comes
//! back from the write, and pasted text.

mod tui_support;

use ratatui::crossterm::event::KeyCode;
use tether::ops::{
    Applied, Change, Entry, InteractionEdit, Logged, Outcome, Pick, StartRequest, Target,
};
use tether::session::SessionId;
use tether::tui::action::{Action, Command};
use tether::tui::app::{Pane, Popup, Purpose};
use tether::tui::data::MissionRow;
use tether::tui::effect::{Effect, Failure, History};
use tether::tui::update::update;
use tui_support::*;

fn session() -> SessionId {
    "4".parse().unwrap()
}

fn on() -> Target {
    Target::Session(session())
}

fn write(effects: &[Effect]) -> Option<(&Change, bool)> {
    match effects {
        [Effect::Apply { change, history }] => Some((change, *history == History::Record)),
        _ => None,
    }
}

#[test]
fn logging_opens_a_form_and_enter_writes_the_typed_text() {
    let mut app = app();
    assert!(command(&mut app, Command::Log).is_empty());
    assert!(matches!(&app.popup, Some(Popup::Input(f)) if f.purpose == Purpose::Log));
    type_text(&mut app, "Wrote the gap tests");
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(
        write(&effects),
        Some((
            &Change::Log {
                session: on(),
                entry: Entry::note("Wrote the gap tests")
            },
            true
        ))
    );
    assert!(
        matches!(&app.popup, Some(Popup::Input(f)) if f.pending),
        "the form waits for the write"
    );
}

#[test]
fn a_written_log_closes_the_form_and_can_be_undone() {
    let mut app = app();
    command(&mut app, Command::Log);
    type_text(&mut app, "x");
    key(&mut app, KeyCode::Enter);
    let undo = Change::DeleteInteraction {
        session: on(),
        interaction: id(9),
    };
    let logged = Logged {
        interaction: app
            .data
            .as_ref()
            .unwrap()
            .interactions
            .entry(0)
            .to_interaction(),
        since_last: None,
        outcome: Default::default(),
        duplicate: false,
    };
    let done = Applied {
        session: session(),
        outcome: Outcome::Logged(logged),
        inverse: Some(undo.clone()),
    };
    assert!(matches!(
        &update(
            &mut app,
            Action::Applied(Box::new(Ok(done)), History::Record)
        )[..],
        [Effect::Reload {
            if_changed: false,
            ..
        }]
    ));
    assert!(app.popup.is_none());
    let effects = command(&mut app, Command::Undo);
    assert_eq!(
        write(&effects),
        Some((&undo, false)),
        "an undo is not itself undoable"
    );
    assert!(
        command(&mut app, Command::Undo).is_empty(),
        "the stack is empty now"
    );
}

#[test]
fn a_failed_write_keeps_the_typed_words_and_shows_why() {
    let mut app = app();
    command(&mut app, Command::Log);
    type_text(&mut app, "precious words");
    key(&mut app, KeyCode::Enter);
    update(
        &mut app,
        Action::Applied(
            Box::new(Err(Failure {
                message: "the store is busy".into(),
                hint: None,
            })),
            History::Record,
        ),
    );
    let Some(Popup::Input(form)) = &app.popup else {
        panic!("the form was closed")
    };
    assert_eq!(form.value(0), "precious words");
    assert_eq!(form.error.as_deref(), Some("the store is busy"));
    assert!(!form.pending);
}

#[test]
fn an_empty_form_is_not_submitted() {
    let mut app = app();
    command(&mut app, Command::AddStep);
    type_text(&mut app, "   ");
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    assert!(matches!(&app.popup, Some(Popup::Input(f)) if f.error.is_some()));
    key(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none());
}

#[test]
fn a_decision_takes_a_rationale_in_its_second_field() {
    let mut app = app();
    command(&mut app, Command::Decide);
    type_text(&mut app, "Gaps are derived");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "one source of truth");
    let effects = key(&mut app, KeyCode::Enter);
    let want = Change::Decide {
        session: on(),
        text: "Gaps are derived".into(),
        why: Some("one source of truth".into()),
    };
    assert_eq!(write(&effects), Some((&want, true)));
}

#[test]
fn space_toggles_the_selected_step() {
    let mut app = app();
    command(&mut app, Command::NextPane);
    assert_eq!(app.focus, Pane::Steps);
    command(&mut app, Command::Down);
    let effects = command(&mut app, Command::ToggleStep);
    assert_eq!(
        write(&effects),
        Some((
            &Change::SetStepDone {
                session: on(),
                step: Pick::Id(id(101)),
                done: true
            },
            true
        ))
    );
}

#[test]
fn delete_asks_first_and_no_means_nothing_happens() {
    let mut app = app();
    assert!(command(&mut app, Command::Delete).is_empty());
    assert!(matches!(app.popup, Some(Popup::Confirm(_))));
    assert!(key(&mut app, KeyCode::Char('n')).is_empty());
    assert!(app.popup.is_none());
    command(&mut app, Command::Delete);
    let effects = key(&mut app, KeyCode::Char('y'));
    assert_eq!(
        write(&effects),
        Some((
            &Change::DeleteInteraction {
                session: on(),
                interaction: id(7)
            },
            true
        ))
    );
}

#[test]
fn complete_asks_first() {
    let mut app = app();
    command(&mut app, Command::Complete);
    let Some(Popup::Confirm(confirm)) = &app.popup else {
        panic!("no question")
    };
    assert!(confirm.question.contains("Implement Reality Agents"));
    assert!(
        confirm.question.contains("2 steps are still open"),
        "{}",
        confirm.question
    );
    assert!(key(&mut app, KeyCode::Enter).is_empty(), "enter is no");
    assert!(app.popup.is_none());
    command(&mut app, Command::Complete);
    let effects = key(&mut app, KeyCode::Char('y'));
    let complete = Change::Complete {
        session: on(),
        status: tether::session::MissionStatus::Complete,
    };
    assert_eq!(write(&effects), Some((&complete, true)));
}

#[test]
fn edit_prefills_the_selected_interaction_with_its_words_time_and_kind() {
    let mut app = app();
    command(&mut app, Command::Up);
    command(&mut app, Command::Edit);
    let Some(Popup::Input(form)) = &app.popup else {
        panic!("no form")
    };
    let values: Vec<&str> = (0..3).map(|i| form.value(i)).collect();
    assert_eq!(
        values,
        [
            "Decided: JSONL for the timeline",
            "2025-08-16 08:10",
            "decision"
        ]
    );
    type_text(&mut app, "!");
    let effects = key(&mut app, KeyCode::Enter);
    let want = Change::EditInteraction {
        session: on(),
        interaction: id(6),
        edit: InteractionEdit {
            text: Some("Decided: JSONL for the timeline!".into()),
            at: None,
            kind: Some(tether::session::Kind::Decision),
        },
    };
    assert_eq!(write(&effects), Some((&want, true)));
}

#[test]
fn missions_load_then_enter_switches() {
    let mut app = app();
    assert_eq!(
        command(&mut app, Command::Missions),
        vec![Effect::LoadMissions]
    );
    let row = |id: &str| MissionRow {
        id: id.parse().unwrap(),
        title: format!("Mission {id}"),
        status: tether::session::MissionStatus::Paused,
        progress: Default::default(),
        last: None,
    };
    update(
        &mut app,
        Action::MissionsLoaded(Ok(vec![row("4"), row("3B")].into())),
    );
    key(&mut app, KeyCode::Down);
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(
        write(&effects),
        Some((
            &Change::Switch {
                session: "3B".parse().unwrap()
            },
            true
        ))
    );
    assert!(app.brief_on_load, "its briefing shows once it is loaded");
}

#[test]
fn the_empty_store_offers_to_start_a_mission() {
    let mut app = app_with(None, t("16T08:45:00"), (100, 30));
    assert!(command(&mut app, Command::Log).is_empty());
    assert!(app.popup.is_none());
    assert!(app.flash.as_ref().is_some_and(|f| f.error));
    command(&mut app, Command::Missions);
    update(&mut app, Action::MissionsLoaded(Ok(Vec::new().into())));
    key(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "A new mission");
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(
        write(&effects),
        Some((
            &Change::Start(StartRequest {
                title: "A new mission".into(),
                ..StartRequest::default()
            }),
            false
        ))
    );
}

#[test]
fn pasted_text_lands_in_the_field_on_one_line() {
    let mut app = app();
    command(&mut app, Command::Log);
    update(&mut app, Action::Paste("two\nlines".into()));
    let Some(Popup::Input(form)) = &app.popup else {
        panic!("no form")
    };
    assert_eq!(form.value(0), "two lines");
}
