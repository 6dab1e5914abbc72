//! Unit tests of reading config.toml: values, errors with their lines, warnings.

use std::path::Path;
use std::time::Duration;

use chrono::TimeDelta;

use super::{Config, ConfigError, Flaw, Written, WrittenValue};

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::parse(Path::new("/h/config.toml"), text)
}

fn error(text: &str) -> String {
    parse(text).unwrap_err().to_string()
}

fn text(line: usize, value: &str) -> Written {
    Written {
        line,
        value: WrittenValue::Text(value.into()),
    }
}

#[test]
fn an_empty_file_gives_the_defaults() {
    let config = parse("").unwrap();
    assert_eq!(config.gap_threshold, TimeDelta::hours(2));
    assert_eq!(config.tick_rate, Duration::from_secs(1));
    assert!(!config.dashboard.is_set());
    assert!(config.warnings.is_empty());
}

#[test]
fn the_example_config_is_valid_and_gives_the_defaults() {
    let example = include_str!("../../assets/config.example.toml");
    let config = parse(example).unwrap();
    assert!(config.warnings.is_empty(), "{:?}", config.warnings);
    assert!(config.dashboard.flaws.is_empty());
    assert_eq!(config.gap_threshold, TimeDelta::hours(2));
    let theme = config.dashboard.theme.map(|w| w.value);
    assert_eq!(theme, Some(WrittenValue::Text("dark".into())));
    assert_eq!(config.date_format, super::DEFAULT_DATE_FORMAT);
}

#[test]
fn every_key_is_read_and_the_dashboards_own_are_kept_as_written() {
    let config = parse(
        "gap_threshold = \"30m\"\nlock_timeout = \"300ms\"\ntick_rate = \"250ms\"\n\
         date_format = \"%d/%m/%Y\"\ntime_format = \"%I:%M %p\"\ntheme = \"light\"\n\
         [colors]\ngap = \"red\"\n[keys]\nlog = [\"L\", \"ctrl-l\"]\n[keys.confirm]\nyes = 5\n",
    )
    .unwrap();
    assert_eq!(config.gap_threshold, TimeDelta::minutes(30));
    assert_eq!(config.lock_timeout, Duration::from_millis(300));
    assert_eq!(config.tick_rate, Duration::from_millis(250));
    assert_eq!(
        (config.date_format.as_str(), config.time_format.as_str()),
        ("%d/%m/%Y", "%I:%M %p")
    );
    let dashboard = &config.dashboard;
    assert_eq!(dashboard.path, Path::new("/h/config.toml"));
    assert_eq!(dashboard.theme, Some(text(6, "light")));
    let colors = dashboard.colors.as_ref().unwrap();
    assert_eq!(
        colors.value,
        WrittenValue::Table(vec![("gap".into(), text(8, "red"))])
    );
    let WrittenValue::Table(keys) = &dashboard.keys.as_ref().unwrap().value else {
        panic!("[keys] is a table");
    };
    let log = Written {
        line: 10,
        value: WrittenValue::Texts(vec!["L".into(), "ctrl-l".into()]),
    };
    let confirm = Written {
        line: 11,
        value: WrittenValue::Table(vec![(
            "yes".into(),
            Written {
                line: 12,
                value: WrittenValue::Other("integer"),
            },
        )]),
    };
    assert_eq!(keys, &[("log".into(), log), ("confirm".into(), confirm)]);
    assert!(dashboard.is_set());
}

#[test]
fn a_bad_setting_every_command_uses_names_the_file_the_key_and_the_line() {
    let cases = [
        (
            "# mine\n\ngap_threshold = \"soon\"\n",
            "/h/config.toml:3: gap_threshold: invalid duration 'soon'",
        ),
        (
            "gap_threshold = 5\n",
            "/h/config.toml:1: gap_threshold: invalid type: integer, expected a string",
        ),
        (
            "lock_timeout = \"-2s\"\n",
            "/h/config.toml:1: lock_timeout:",
        ),
        ("gap_threshold = \n", "/h/config.toml:1: gap_threshold:"),
        ("[keys\n", "/h/config.toml:1: toml:"),
    ];
    for (text, want) in cases {
        let err = error(text);
        assert!(err.starts_with(want), "{text:?} gave {err}");
    }
}

#[test]
fn the_dashboards_settings_are_never_refused_here() {
    let config = parse(
        "theme = \"neon\"\n[colors]\ngap = \"blurple\"\n[keys]\nlog = [\"hyper-l\"]\nquit = \"q\"\n",
    )
    .unwrap();
    assert!(config.dashboard.flaws.is_empty(), "read by the dashboard");
    assert!(config.warnings.is_empty());
}

#[test]
fn a_bad_tick_rate_or_format_is_a_flaw_for_the_dashboard_and_keeps_its_default() {
    let config = parse("tick_rate = \"2h\"\n\ntime_format = \"%Q\"\ndate_format = 7\n").unwrap();
    assert_eq!(config.tick_rate, Duration::from_secs(1));
    assert_eq!(config.time_format, super::DEFAULT_TIME_FORMAT);
    assert_eq!(config.date_format, super::DEFAULT_DATE_FORMAT);
    let flaw = |key: &str, line, message: &str| Flaw {
        key: key.into(),
        line,
        message: message.into(),
    };
    assert_eq!(
        config.dashboard.flaws,
        [
            flaw("date_format", 4, "invalid type: integer, expected a string"),
            flaw("tick_rate", 1, "at most 1m, so the clock stays current"),
            flaw("time_format", 3, "'%Q' is not a strftime format like %H:%M"),
        ]
    );
    assert!(config.dashboard.is_set());
    assert_eq!(
        config.dashboard.first_flaw().unwrap().to_string(),
        "/h/config.toml:4: date_format: invalid type: integer, expected a string"
    );
}

#[test]
fn unknown_keys_are_warned_about_with_their_lines() {
    let config =
        parse("gap_threshold = \"2h\"\ncolour = \"red\"\n\n[sidebar]\nwidth = 3\n").unwrap();
    assert_eq!(
        config.warnings,
        [
            "/h/config.toml:2: 'colour' is not a setting tether knows; it is ignored",
            "/h/config.toml:4: 'sidebar' is not a setting tether knows; it is ignored",
        ]
    );
}
