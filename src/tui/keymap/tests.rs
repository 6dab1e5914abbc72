//! The keymap: parsing, modes, lookups and labels.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::*;

fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

fn plain(code: KeyCode) -> KeyEvent {
    press(code, KeyModifiers::NONE)
}

#[test]
fn the_default_keymap_binds_every_documented_key() {
    let keymap = Keymap::default();
    let cases = [
        (plain(KeyCode::Char('l')), Command::Log),
        (plain(KeyCode::Char(' ')), Command::ToggleStep),
        (
            press(KeyCode::Char('D'), KeyModifiers::SHIFT),
            Command::Delete,
        ),
        (
            press(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Command::Quit,
        ),
        (
            press(KeyCode::BackTab, KeyModifiers::SHIFT),
            Command::PreviousPane,
        ),
        (plain(KeyCode::PageDown), Command::PageDown),
        (plain(KeyCode::Char('?')), Command::Help),
    ];
    for (event, want) in cases {
        assert_eq!(keymap.command(&event), Some(want), "{event:?}");
    }
    assert_eq!(keymap.command(&plain(KeyCode::Char('z'))), None);
}

#[test]
fn the_popups_keys() {
    let keymap = Keymap::default();
    let confirm = |code| keymap.confirm.command_or_plain(&plain(code));
    for code in [KeyCode::Char('y'), KeyCode::Char('Y')] {
        assert_eq!(confirm(code), Some(ConfirmCommand::Yes), "{code:?}");
    }
    for code in [
        KeyCode::Char('n'),
        KeyCode::Char('N'),
        KeyCode::Char('q'),
        KeyCode::Esc,
        KeyCode::Enter,
    ] {
        assert_eq!(confirm(code), Some(ConfirmCommand::No), "{code:?}");
    }
    assert_eq!(confirm(KeyCode::Char('x')), None, "unbound: no as well");
    let scroll = |code| keymap.scroll.command_or_plain(&plain(code));
    assert_eq!(scroll(KeyCode::Char(' ')), Some(ScrollCommand::PageDown));
    assert_eq!(scroll(KeyCode::Home), Some(ScrollCommand::Top));
    assert_eq!(scroll(KeyCode::Char('G')), Some(ScrollCommand::Bottom));
    let briefing = |code| keymap.briefing.command_or_plain(&plain(code));
    for code in [
        KeyCode::Esc,
        KeyCode::Enter,
        KeyCode::Char('r'),
        KeyCode::Char('q'),
    ] {
        assert_eq!(briefing(code), Some(BriefingCommand::Close), "{code:?}");
    }
    assert_eq!(briefing(KeyCode::Char('c')), None, "unbound: does nothing");
    let missions = |code| keymap.missions.command_or_plain(&plain(code));
    assert_eq!(missions(KeyCode::Enter), Some(MissionsCommand::Switch));
    assert_eq!(missions(KeyCode::Char('m')), Some(MissionsCommand::Close));
    let form = |code| keymap.form.command_or_plain(&plain(code));
    assert_eq!(form(KeyCode::Down), Some(FormCommand::NextField));
    assert_eq!(form(KeyCode::BackTab), Some(FormCommand::PreviousField));
    assert_eq!(form(KeyCode::Char('q')), None, "letters type");
}

#[test]
fn a_popup_takes_a_modified_key_for_the_plain_one_unless_it_is_bound() {
    let keymap = Keymap::parse("[confirm]\nyes = [\"y\"]\nno = [\"ctrl-y\"]\n").unwrap();
    let ctrl = |c| press(KeyCode::Char(c), KeyModifiers::CONTROL);
    assert_eq!(
        keymap.confirm.command_or_plain(&ctrl('y')),
        Some(ConfirmCommand::No)
    );
    let keymap = Keymap::default();
    assert_eq!(
        keymap.confirm.command_or_plain(&ctrl('y')),
        Some(ConfirmCommand::Yes)
    );
    assert_eq!(keymap.confirm.command(&ctrl('y')), None, "exact lookup");
}

#[test]
fn a_key_bound_twice_is_refused_within_a_mode_only() {
    let err = Keymap::parse("log = [\"l\"]\nquit = [\"l\"]\n").unwrap_err();
    assert_eq!(err, "the key 'l' is bound to both log and quit");
    let err = Keymap::from_names(
        &parse_names("[form]\nsubmit = [\"enter\"]\ncancel = [\"enter\"]\n").unwrap(),
    )
    .unwrap_err();
    assert_eq!(err.mode, Mode::Form);
    assert_eq!(err.commands, ["cancel", "submit"]);
    assert!(Keymap::parse("log = [\"y\"]\n[confirm]\nyes = [\"y\"]\n").is_ok());
}

#[test]
fn unknown_keys_commands_and_modes_are_refused() {
    assert!(Keymap::parse("log = [\"hyper-l\"]").is_err());
    assert!(Keymap::parse("launch = [\"l\"]").is_err());
    assert!(Keymap::parse("[confirm]\nmaybe = [\"m\"]").is_err());
    assert!(Keymap::parse("[popup]\nyes = [\"y\"]").is_err());
    assert!(Keymap::parse("log = \"l\"").is_err());
}

#[test]
fn every_mode_has_keys_a_heading_and_a_table_but_the_main_one() {
    let keymap = Keymap::default();
    let sections = keymap.sections();
    assert_eq!(sections.len(), Mode::ALL.len());
    for (mode, entries) in sections {
        assert!(!entries.is_empty(), "{mode:?}");
        assert!(!mode.heading().is_empty());
        assert_eq!(mode.table().is_none(), mode == Mode::Main);
        assert_eq!(
            mode.table().and_then(Mode::from_table),
            mode.table().map(|_| mode)
        );
    }
    assert_eq!(Mode::Confirm.config_key("yes"), "keys.confirm.yes");
    assert_eq!(Mode::Main.config_key("log"), "keys.log");
}

#[test]
fn hints_show_the_first_keys() {
    let keymap = Keymap::default();
    assert_eq!(keymap.confirm.label(ConfirmCommand::No, 2), "n / esc");
    assert_eq!(keymap.form.label(FormCommand::Submit, 2), "enter");
    let none = Keymap::parse("[form]\nsubmit = []\n").unwrap();
    assert_eq!(none.form.label(FormCommand::Submit, 1), "");
}

#[test]
fn labels_read_naturally() {
    assert_eq!(Key::parse("ctrl-c").unwrap().label(), "ctrl-c");
    assert_eq!(Key::parse("space").unwrap().label(), "space");
    assert_eq!(Key::parse("D").unwrap().label(), "D");
}
