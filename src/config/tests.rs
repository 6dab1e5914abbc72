use std::path::Path;
use std::time::Duration;

use chrono::TimeDelta;
use ratatui::style::Color;

use super::{Config, ConfigError};
use crate::tui::action::Command;
use crate::tui::theme::Theme;

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::parse(Path::new("/h/config.toml"), text)
}

fn error(text: &str) -> String {
    parse(text).unwrap_err().to_string()
}

#[test]
fn an_empty_file_gives_the_defaults() {
    let config = parse("").unwrap();
    assert_eq!(config.gap_threshold, TimeDelta::hours(2));
    assert_eq!(config.tick_rate, Duration::from_secs(1));
    assert_eq!(config.theme, Theme::dark());
    assert!(config.warnings.is_empty());
}

#[test]
fn the_example_config_is_valid_and_gives_the_defaults() {
    let example = include_str!("../../assets/config.example.toml");
    let config = parse(example).unwrap();
    assert!(config.warnings.is_empty(), "{:?}", config.warnings);
    assert_eq!(config.gap_threshold, TimeDelta::hours(2));
    assert_eq!(config.theme, Theme::dark());
    assert_eq!(config.date_format, super::DEFAULT_DATE_FORMAT);
}

#[test]
fn every_key_is_read() {
    let config = parse(
        "gap_threshold = \"30m\"\nlock_timeout = \"300ms\"\ntick_rate = \"250ms\"\n\
         date_format = \"%d/%m/%Y\"\ntime_format = \"%I:%M %p\"\ntheme = \"light\"\n\
         [colors]\ngap = \"red\"\n[keys]\nlog = [\"L\", \"ctrl-l\"]\n",
    )
    .unwrap();
    assert_eq!(config.gap_threshold, TimeDelta::minutes(30));
    assert_eq!(config.lock_timeout, Duration::from_millis(300));
    assert_eq!(config.tick_rate, Duration::from_millis(250));
    assert_eq!(
        (config.date_format.as_str(), config.time_format.as_str()),
        ("%d/%m/%Y", "%I:%M %p")
    );
    assert_eq!(config.theme.gap.fg, Some(Color::Red));
    assert_eq!(config.theme.accent, Theme::light().accent);
    let labels: Vec<String> = config
        .keymap
        .keys(Command::Log)
        .iter()
        .map(|k| k.label())
        .collect();
    assert_eq!(labels, ["L", "ctrl-l"]);
    assert_eq!(
        config.keymap.keys(Command::Quit).len(),
        2,
        "other bindings keep their defaults"
    );
}

#[test]
fn bad_values_name_the_file_the_key_and_the_line() {
    let cases = [
        (
            "# mine\n\ngap_threshold = \"soon\"\n",
            "/h/config.toml:3: gap_threshold: invalid duration 'soon'",
        ),
        ("gap_threshold = 5\n", "/h/config.toml:1: gap_threshold:"),
        (
            "tick_rate = \"2h\"\n",
            "/h/config.toml:1: tick_rate: at most 1m",
        ),
        (
            "\ntime_format = \"%Q\"\n",
            "/h/config.toml:2: time_format: '%Q' is not a strftime format",
        ),
        (
            "theme = \"neon\"\n",
            "/h/config.toml:1: theme: unknown theme 'neon' (known: dark, light, high-contrast)",
        ),
        (
            "[colors]\ngap = \"blurple\"\n",
            "/h/config.toml:2: colors.gap: 'blurple' is not a colour",
        ),
        (
            "[keys]\nlog = [\"hyper-l\"]\n",
            "/h/config.toml:2: keys.log: unknown key 'hyper-l'",
        ),
        ("gap_threshold = \n", "/h/config.toml:1: gap_threshold:"),
    ];
    for (text, want) in cases {
        let err = error(text);
        assert!(err.starts_with(want), "{text:?} gave {err}");
    }
}

#[test]
fn a_key_bound_twice_is_refused_at_the_users_line() {
    let err = error("[keys]\n\nlog = [\"n\"]\n");
    assert_eq!(
        err,
        "/h/config.toml:3: keys.log: the key 'n' is bound to both log and add_step"
    );
    assert!(
        parse("[keys]\nlog = [\"n\"]\nadd_step = [\"a\"]\n").is_ok(),
        "moving the other binding away is fine"
    );
}

#[test]
fn unknown_keys_are_warned_about_with_their_lines() {
    let config = parse("gap_threshold = \"2h\"\ncolour = \"red\"\n[colors]\nsidebar = \"red\"\n[keys]\nlaunch = [\"x\"]\n").unwrap();
    assert_eq!(
        config.warnings,
        [
            "/h/config.toml:4: 'colors.sidebar' is not an element of the theme; it is ignored",
            "/h/config.toml:6: 'keys.launch' is not a command (see the help, ?); it is ignored",
            "/h/config.toml:2: 'colour' is not a setting tether knows; it is ignored",
        ]
    );
}
