//! Undo and redo in the dashboard: each says what it took back or made again, and each
//! offers the other.

mod tui_support;

use tether::ops::{Applied, Change, Entry, Logged, Outcome, Target};
use tether::tui::action::{Action, Command};
use tether::tui::effect::{Effect, History};
use tether::tui::update::update;
use tui_support::*;

fn session() -> Target {
    Target::Session("4".parse().unwrap())
}

/// The worker's answer to `effects` (one change): made, with `inverse` to take it back.
fn made(effects: &[Effect], outcome: Outcome, inverse: Change) -> Action {
    let [Effect::Apply { history, .. }] = effects else {
        panic!("one change expected: {effects:?}")
    };
    let applied = Applied {
        session: "4".parse().unwrap(),
        outcome,
        inverse: Some(inverse),
    };
    Action::Applied(Box::new(Ok(applied)), history.clone())
}

#[test]
fn undo_says_what_it_took_back_and_redo_makes_it_again() {
    let mut app = app();
    let log = Change::Log {
        session: session(),
        entry: Entry::note("Wrote the gap tests"),
    };
    let interaction = app
        .data
        .as_ref()
        .unwrap()
        .interactions
        .entry(6)
        .to_interaction();
    let logged = Outcome::Logged(Logged {
        interaction: tether::session::Interaction {
            text: "Wrote the gap tests".into(),
            ..interaction.clone()
        },
        since_last: None,
        outcome: Default::default(),
        duplicate: false,
    });
    let delete = Change::DeleteInteraction {
        session: session(),
        interaction: interaction.id,
    };
    let restore = Change::RestoreInteraction {
        session: session(),
        interaction: interaction.id,
    };
    let first = vec![Effect::Apply {
        change: log,
        history: History::Record,
    }];
    update(&mut app, made(&first, logged.clone(), delete.clone()));
    assert_eq!(app.flash.as_ref().unwrap().text, "Logged · u undoes");

    let undo = update(&mut app, Action::Command(Command::Undo));
    let what = "log “Wrote the gap tests”".to_string();
    assert_eq!(
        undo,
        [Effect::Apply {
            change: delete,
            history: History::Undo(what.clone()),
        }]
    );
    let deleted = Outcome::InteractionDeleted {
        interaction: interaction.clone(),
    };
    update(&mut app, made(&undo, deleted, restore.clone()));
    assert_eq!(
        app.flash.as_ref().unwrap().text,
        format!("Undid: {what} · ctrl-r redoes")
    );
    assert!(app.undo.is_empty());

    let redo = update(&mut app, Action::Command(Command::Redo));
    assert_eq!(
        redo,
        [Effect::Apply {
            change: restore,
            history: History::Redo(what.clone()),
        }]
    );
    let restored = Outcome::InteractionRestored { interaction };
    let again = Change::DeleteInteraction {
        session: session(),
        interaction: app.data.as_ref().unwrap().interactions.entry(6).id,
    };
    update(&mut app, made(&redo, restored, again.clone()));
    assert_eq!(
        app.flash.as_ref().unwrap().text,
        format!("Redid: {what} · u undoes")
    );
    assert_eq!(
        update(&mut app, Action::Command(Command::Undo)),
        [Effect::Apply {
            change: again,
            history: History::Undo(what),
        }],
        "what was redone can be undone again"
    );
}

#[test]
fn nothing_to_redo_after_a_new_change() {
    let mut app = app();
    assert!(update(&mut app, Action::Command(Command::Redo)).is_empty());
    assert_eq!(app.flash.as_ref().unwrap().text, "Nothing to redo");
}
