//! The dashboard's edits: an interaction's words, time and kind in one form and one undo
//! step, and the mission's rename. A field that does not read is said in the form, and
//! nothing is written.

mod tui_support;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tether::ops::{Applied, Change, InteractionEdit, Outcome, Target};
use tether::session::Kind;
use tether::session::SessionField;
use tether::tui::action::{Action, Command};
use tether::tui::app::{App, Popup, Purpose};
use tether::tui::effect::{Effect, History};
use tether::tui::update::update;
use tui_support::*;

fn on() -> Target {
    Target::Session("4".parse().unwrap())
}

/// The change a form's submit asks for, recorded for undo.
fn written(effects: &[Effect]) -> &Change {
    match effects {
        [
            Effect::Apply {
                change,
                history: History::Record,
            },
        ] => change,
        other => panic!("not one recorded change: {other:?}"),
    }
}

/// Empties the focused field (ctrl-u, as a person would).
fn clear(app: &mut App) {
    let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
    update(app, Action::Key(ctrl_u));
}

/// Opens the edit of "Reviewed the store design" (23:41 on the 15th, a note).
fn edit_the_review(app: &mut App) {
    for _ in 0..4 {
        command(app, Command::Up);
    }
    command(app, Command::Edit);
    let Some(Popup::Input(form)) = &app.popup else {
        panic!("no form")
    };
    assert_eq!(form.purpose, Purpose::EditInteraction(id(3)));
    assert_eq!(form.value(1), "2025-08-15 23:41");
}

/// The form's error, once a submit was refused (the form still open, nothing pending).
fn refusal(app: &App) -> String {
    match &app.popup {
        Some(Popup::Input(form)) if !form.pending => form.error.clone().expect("an error"),
        other => panic!("the form is gone: {other:?}"),
    }
}

#[test]
fn one_edit_moves_an_interaction_and_changes_its_kind_and_words() {
    let mut app = app();
    edit_the_review(&mut app);
    type_text(&mut app, " again");
    key(&mut app, KeyCode::Tab);
    clear(&mut app);
    type_text(&mut app, "2025-08-15 23:10");
    key(&mut app, KeyCode::Tab);
    clear(&mut app);
    type_text(&mut app, "p");
    let effects = key(&mut app, KeyCode::Enter);
    let want = Change::EditInteraction {
        session: on(),
        interaction: id(3),
        edit: InteractionEdit {
            text: Some("Reviewed the store design again".into()),
            at: Some(t("15T23:10:00")),
            kind: Some(Kind::Progress),
        },
    };
    assert_eq!(written(&effects), &want);
}

#[test]
fn any_at_form_is_read_in_the_dashboards_zone() {
    let mut app = app();
    edit_the_review(&mut app);
    key(&mut app, KeyCode::Tab);
    clear(&mut app);
    type_text(&mut app, "-1h30m");
    let effects = key(&mut app, KeyCode::Enter);
    let Change::EditInteraction { edit, .. } = written(&effects) else {
        panic!("not an edit")
    };
    assert_eq!(edit.at, Some(t("16T07:15:00")), "now is 08:45");
    assert_eq!(edit.kind, Some(Kind::Note));
}

#[test]
fn a_time_or_kind_that_does_not_read_is_said_in_the_form_and_nothing_is_written() {
    let cases = [
        (1, "09:00", "in the future"),
        (1, "2026-01-01 10:00", "in the future"),
        (1, "1969-12-31 23:00", "1970-01-01 to 9999-12-31"),
        (1, "yesterday-ish", "cannot read the time"),
        (
            2,
            "x",
            "Kind: type one of note, progress, decision, step, commit, resume",
        ),
        (2, "", "Kind: type one of"),
    ];
    for (field, typed, said) in cases {
        let mut app = app();
        edit_the_review(&mut app);
        for _ in 0..field {
            key(&mut app, KeyCode::Tab);
        }
        clear(&mut app);
        type_text(&mut app, typed);
        let effects = key(&mut app, KeyCode::Enter);
        assert!(effects.is_empty(), "{typed:?} wrote: {effects:?}");
        let error = refusal(&app);
        assert!(error.contains(said), "{typed:?}: {error}");
        // the words typed stay, to be corrected
        let Some(Popup::Input(form)) = &app.popup else {
            unreachable!()
        };
        assert_eq!(form.value(field), typed);
    }
}

#[test]
fn a_time_left_as_shown_stays_exact_to_the_second() {
    let mut app = app();
    // "Creating gift" was logged at 23:50:34; the form shows 23:50
    for _ in 0..3 {
        command(&mut app, Command::Up);
    }
    command(&mut app, Command::Edit);
    type_text(&mut app, "!");
    let effects = key(&mut app, KeyCode::Enter);
    let Change::EditInteraction {
        interaction, edit, ..
    } = written(&effects)
    else {
        panic!("not an edit")
    };
    assert_eq!(*interaction, id(4));
    assert_eq!(edit.at, None, "not moved to 23:50:00");
}

#[test]
fn the_edit_made_is_said_and_undone_in_one_step() {
    let mut app = app();
    let data = session_data();
    let before = data.interactions.entry(2).to_interaction();
    let after = tether::session::Interaction {
        at: t("15T23:10:00"),
        kind: Kind::Progress,
        ..before.clone()
    };
    let inverse = Change::EditInteraction {
        session: on(),
        interaction: id(3),
        edit: InteractionEdit {
            at: Some(before.at),
            kind: Some(Kind::Note),
            ..InteractionEdit::default()
        },
    };
    let applied = Applied {
        session: "4".parse().unwrap(),
        outcome: Outcome::InteractionEdited { before, after },
        inverse: Some(inverse.clone()),
    };
    update(
        &mut app,
        Action::Applied(Box::new(Ok(applied)), History::Record),
    );
    let flash = app.flash.as_ref().expect("a message").text.clone();
    assert_eq!(
        flash,
        "Edited: moved to 15 Aug 23:10, now progress · u undoes"
    );
    assert_eq!(app.undo.len(), 1);
    let effects = command(&mut app, Command::Undo);
    assert!(matches!(&effects[..], [Effect::Apply { change, .. }] if *change == inverse));
}

#[test]
fn r_renames_the_mission_and_describes_it_in_one_change() {
    let mut app = app();
    let effects = update(
        &mut app,
        Action::Press(
            KeyEvent::new(KeyCode::Char('R'), KeyModifiers::SHIFT),
            t("16T08:45:00"),
        ),
    );
    assert!(effects.is_empty());
    let Some(Popup::Input(form)) = &app.popup else {
        panic!("R opens no form")
    };
    assert_eq!(form.purpose, Purpose::Rename);
    assert_eq!(
        (form.value(0), form.value(1)),
        ("Implement Reality Agents", "")
    );
    clear(&mut app);
    type_text(&mut app, "Gift for Session 00004");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "The seed's night");
    let effects = key(&mut app, KeyCode::Enter);
    let want = Change::SetSession {
        session: on(),
        fields: vec![
            SessionField::Title("Gift for Session 00004".into()),
            SessionField::Description(Some("The seed's night".into())),
        ],
    };
    assert_eq!(written(&effects), &want);
}

#[test]
fn an_empty_title_is_refused_in_the_form() {
    let mut app = app();
    command(&mut app, Command::Rename);
    clear(&mut app);
    let effects = key(&mut app, KeyCode::Enter);
    assert!(effects.is_empty());
    assert!(refusal(&app).starts_with("Type something first"));
}

#[test]
fn a_rename_is_said_with_the_new_title() {
    let mut app = app();
    let applied = Applied {
        session: "4".parse().unwrap(),
        outcome: Outcome::SessionSet {
            changed: vec![(
                SessionField::Title("Implement Reality Agents".into()),
                SessionField::Title("Gift".into()),
            )],
        },
        inverse: Some(Change::SetSession {
            session: on(),
            fields: vec![SessionField::Title("Implement Reality Agents".into())],
        }),
    };
    update(
        &mut app,
        Action::Applied(Box::new(Ok(applied)), History::Record),
    );
    let flash = app.flash.as_ref().expect("a message").text.clone();
    assert_eq!(flash, "Renamed “Gift” · u undoes");
    assert_eq!(app.undo[0].what, "rename to “Gift”");
}

#[test]
fn the_edit_form_fits_a_small_terminal() {
    let mut app = app_with(Some(session_data()), t("16T08:45:00"), (60, 15));
    edit_the_review(&mut app);
    key(&mut app, KeyCode::Tab);
    clear(&mut app);
    type_text(&mut app, "09:00");
    key(&mut app, KeyCode::Enter);
    insta::assert_snapshot!("edit_form_60x15_refused", screen(&app));
    let app = {
        let mut app = app_with(Some(session_data()), t("16T08:45:00"), (120, 40));
        edit_the_review(&mut app);
        app
    };
    insta::assert_snapshot!("edit_form_120x40", screen(&app));
}
