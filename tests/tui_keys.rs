//! Popup keys come from the keymap, mode by mode, and behave as they always have.

mod tui_support;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tether::ops::{Change, Entry, Target};
use tether::session::SessionId;
use tether::tui::action::{Action, Command};
use tether::tui::app::{Popup, Purpose};
use tether::tui::effect::{Effect, History};
use tether::tui::update::update;
use tui_support::*;

fn session() -> SessionId {
    "4".parse().unwrap()
}

fn write(effects: &[Effect]) -> Option<(&Change, bool)> {
    match effects {
        [Effect::Apply { change, history }] => Some((change, *history == History::Record)),
        _ => None,
    }
}

/// Presses a key with modifiers inside a popup.
fn key_with(
    app: &mut tether::tui::app::App,
    code: KeyCode,
    modifiers: KeyModifiers,
) -> Vec<Effect> {
    update(app, Action::Key(KeyEvent::new(code, modifiers)))
}

#[test]
fn popup_keys_come_from_the_keymap_mode_by_mode() {
    let mut app = app();
    configure(
        &mut app,
        "[keys.confirm]\nyes = [\"o\"]\nno = [\"x\"]\n\
         [keys.form]\nsubmit = [\"ctrl-s\"]\n\
         [keys.mission_list]\nnew = [\"a\"]\n",
    );
    command(&mut app, Command::Delete);
    assert!(key(&mut app, KeyCode::Char('y')).is_empty());
    assert!(app.popup.is_none(), "y is no yes now: any other key is no");
    command(&mut app, Command::Delete);
    let effects = key(&mut app, KeyCode::Char('o'));
    assert_eq!(
        write(&effects),
        Some((
            &Change::DeleteInteraction {
                session: Target::Session(session()),
                interaction: id(7)
            },
            true
        ))
    );
    command(&mut app, Command::Complete);
    key(&mut app, KeyCode::Char('x'));
    assert!(app.popup.is_none(), "x says no");

    command(&mut app, Command::Log);
    type_text(&mut app, "Rebound");
    assert!(
        key(&mut app, KeyCode::Enter).is_empty(),
        "enter submits no more"
    );
    let effects = key_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(
        write(&effects),
        Some((
            &Change::Log {
                session: Target::Session(session()),
                entry: Entry::note("Rebound")
            },
            true
        ))
    );

    app.popup = None;
    command(&mut app, Command::Missions);
    key(&mut app, KeyCode::Char('a'));
    assert!(
        matches!(&app.popup, Some(Popup::Input(f)) if f.purpose == Purpose::StartMission),
        "a starts a mission"
    );
}

#[test]
fn popups_take_a_modified_key_for_the_plain_one_as_ever() {
    let mut app = app();
    command(&mut app, Command::Delete);
    assert!(key_with(&mut app, KeyCode::Char('n'), KeyModifiers::ALT).is_empty());
    assert!(app.popup.is_none(), "alt-n is n: no");
    command(&mut app, Command::Decide);
    key_with(&mut app, KeyCode::Down, KeyModifiers::CONTROL);
    assert!(matches!(&app.popup, Some(Popup::Input(f)) if f.focus == 1));
}

#[test]
fn the_help_scrolls_with_its_keys_to_its_end_and_any_other_key_closes_it() {
    let mut app = app();
    command(&mut app, Command::Help);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char(' '));
    assert!(matches!(app.popup, Some(Popup::Help { scroll: 11 })));
    key(&mut app, KeyCode::Home);
    assert!(matches!(app.popup, Some(Popup::Help { scroll: 0 })));
    key(&mut app, KeyCode::Char('G'));
    let Some(Popup::Help { scroll: end }) = app.popup else {
        panic!("G goes to the end")
    };
    assert!(end > 11, "{end}");
    key(&mut app, KeyCode::Char('j'));
    assert!(
        matches!(app.popup, Some(Popup::Help { scroll }) if scroll == end),
        "never past the last line"
    );
    key(&mut app, KeyCode::Char('x'));
    assert!(app.popup.is_none(), "an unbound key closes it, as ever");
}
