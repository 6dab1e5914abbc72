//! The dashboard's settings read from config.toml: theme, colours and keys, mode by mode.

use std::path::Path;
use std::time::Duration;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

use super::{Settings, check};
use crate::config::{Config, ConfigError};
use crate::tui::action::Command;
use crate::tui::keymap::{ConfirmCommand, Keymap, MissionsCommand};
use crate::tui::theme::Theme;
use crate::zone::Zone;

fn config(text: &str) -> Config {
    Config::parse(Path::new("/h/config.toml"), text).unwrap()
}

fn load(text: &str) -> Result<(Settings, Vec<String>), ConfigError> {
    Settings::load(&config(text), Zone::utc())
}

fn error(text: &str) -> String {
    load(text).unwrap_err().to_string()
}

fn labels(keys: &[crate::tui::keymap::Key]) -> Vec<String> {
    keys.iter().map(|k| k.label()).collect()
}

#[test]
fn no_dashboard_setting_gives_the_defaults() {
    let (settings, warnings) = load("gap_threshold = \"3h\"\n").unwrap();
    assert_eq!(settings.theme, Theme::dark());
    assert_eq!(settings.threshold, chrono::TimeDelta::hours(3));
    assert_eq!(settings.tick_rate, Duration::from_secs(1));
    assert!(warnings.is_empty());
    assert!(
        check(&config("gap_threshold = \"3h\"\n"))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_example_config_gives_the_default_keys_and_theme() {
    let (settings, warnings) = load(include_str!("../../../assets/config.example.toml")).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(settings.theme, Theme::dark());
    let default = Keymap::default();
    let shown = |k: &Keymap| -> Vec<(String, Vec<String>)> {
        k.sections()
            .into_iter()
            .flat_map(|(mode, entries)| {
                entries
                    .into_iter()
                    .map(move |(keys, what)| (format!("{mode:?} {what}"), labels(keys)))
            })
            .collect()
    };
    assert_eq!(shown(&settings.keymap), shown(&default));
}

#[test]
fn theme_colours_and_keys_are_read_mode_by_mode() {
    let (settings, warnings) = load(
        "tick_rate = \"250ms\"\ntheme = \"light\"\n[colors]\ngap = \"red\"\n\
         [keys]\nlog = [\"L\", \"ctrl-l\"]\n[keys.confirm]\nyes = [\"o\"]\n",
    )
    .unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(settings.tick_rate, Duration::from_millis(250));
    assert_eq!(settings.theme.gap.fg, Some(Color::Red));
    assert_eq!(settings.theme.accent, Theme::light().accent);
    let keymap = &settings.keymap;
    assert_eq!(labels(keymap.keys(Command::Log)), ["L", "ctrl-l"]);
    assert_eq!(
        keymap.keys(Command::Quit).len(),
        2,
        "others keep their keys"
    );
    let o = KeyEvent::new(KeyCode::Char('o'), KeyModifiers::NONE);
    assert_eq!(keymap.confirm.command(&o), Some(ConfirmCommand::Yes));
    assert_eq!(
        labels(keymap.confirm.keys(ConfirmCommand::No)),
        ["n", "esc", "N", "q", "enter"],
        "the mode's other commands keep theirs"
    );
}

#[test]
fn bad_values_name_the_file_the_key_and_the_line() {
    let cases = [
        (
            "theme = \"neon\"\n",
            "/h/config.toml:1: theme: unknown theme 'neon' (known: dark, light, high-contrast)",
        ),
        (
            "\ntheme = 3\n",
            "/h/config.toml:2: theme: invalid type: integer, expected a theme name",
        ),
        (
            "[colors]\ngap = \"blurple\"\n",
            "/h/config.toml:2: colors.gap: 'blurple' is not a colour",
        ),
        (
            "colors = \"red\"\n",
            "/h/config.toml:1: colors: invalid type: string, expected a table ([colors])",
        ),
        (
            "[keys]\nlog = [\"hyper-l\"]\n",
            "/h/config.toml:2: keys.log: unknown key 'hyper-l'",
        ),
        (
            "[keys]\nlog = \"l\"\n",
            "/h/config.toml:2: keys.log: invalid type: string, expected a list of keys",
        ),
        (
            "[keys.confirm]\n\nyes = [\"y\", 5]\n",
            "/h/config.toml:3: keys.confirm.yes: invalid type: array, expected a list of keys",
        ),
        (
            "tick_rate = \"2h\"\ntheme = \"neon\"\n",
            "/h/config.toml:1: tick_rate: at most 1m",
        ),
        (
            "\ntime_format = \"%Q\"\n",
            "/h/config.toml:2: time_format: '%Q' is not a strftime format",
        ),
    ];
    for (text, want) in cases {
        let err = error(text);
        assert!(err.starts_with(want), "{text:?} gave {err}");
        assert_eq!(check(&config(text)).unwrap_err().to_string(), err);
    }
}

#[test]
fn a_key_bound_twice_by_the_config_within_a_mode_is_refused_at_the_users_line() {
    assert_eq!(
        error("[keys]\n\nlog = [\"x\"]\nquit = [\"x\"]\n"),
        "/h/config.toml:4: keys.quit: the key 'x' is bound to both log and quit"
    );
    let (settings, _) =
        load("[keys]\nlog = [\"Y\"]\n[keys.mission_list]\nnew = [\"l\"]\n").unwrap();
    let l = KeyEvent::new(KeyCode::Char('l'), KeyModifiers::NONE);
    assert_eq!(
        settings.keymap.missions.command(&l),
        Some(MissionsCommand::New),
        "modes may share keys"
    );
}

#[test]
fn a_key_the_config_gives_is_taken_from_the_default_that_had_it() {
    // a config written before `y` copied, `F` searched and `o` opened a shell
    let (settings, warnings) = load("[keys]\nlog = [\"y\"]\nfreeze = [\"F\", \"o\"]\n").unwrap();
    let press = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert_eq!(settings.keymap.command(&press('y')), Some(Command::Log));
    assert_eq!(settings.keymap.command(&press('F')), Some(Command::Freeze));
    assert_eq!(settings.keymap.command(&press('o')), Some(Command::Freeze));
    assert!(settings.keymap.keys(Command::Copy).is_empty());
    let said = warnings.join("\n");
    assert!(
        said.contains("keys.copy has no key now: the config gives its keys to log"),
        "{said}"
    );
    assert!(said.contains("keys.search has no key now"), "{said}");
    // a default that keeps another key is not warned about
    let (settings, warnings) = load("[keys]\nlog = [\"x\"]\n").unwrap();
    assert_eq!(settings.keymap.command(&press('x')), Some(Command::Log));
    assert_eq!(
        settings.keymap.keys(Command::ToggleStep).len(),
        1,
        "space stays"
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    let (settings, _) = load("[keys.mission_list]\nnew = [\"enter\"]\n").unwrap();
    let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        settings.keymap.missions.command(&enter),
        Some(MissionsCommand::New)
    );
}

#[test]
fn unknown_elements_commands_and_modes_are_warned_about_with_their_lines() {
    let (_, warnings) = load(
        "[colors]\nsidebar = \"red\"\n[keys]\nlaunch = [\"x\"]\n\
         [keys.popup]\nyes = [\"y\"]\n[keys.confirm]\nmaybe = [\"m\"]\n",
    )
    .unwrap();
    assert_eq!(
        warnings,
        [
            "/h/config.toml:2: 'colors.sidebar' is not an element of the theme; it is ignored",
            "/h/config.toml:4: 'keys.launch' is not a command (see the help); it is ignored",
            "/h/config.toml:5: 'keys.popup' is not a mode of the keymap (confirm, scroll, mission_list, search_view, form); it is ignored",
            "/h/config.toml:8: 'keys.confirm.maybe' is not a command (see the help); it is ignored",
        ]
    );
}

#[test]
fn from_config_falls_back_to_the_defaults_for_a_bad_setting() {
    let bad = config("theme = \"neon\"\ngap_threshold = \"1h\"\n");
    let settings = Settings::from_config(&bad, Zone::utc());
    assert_eq!(settings.theme, Theme::dark());
    assert_eq!(settings.threshold, chrono::TimeDelta::hours(1));
}
