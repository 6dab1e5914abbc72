//! `config.toml`: read by every command; a bad value is an error naming the file, key and
//! line, and an unknown key is warned about. `assets/config.example.toml` documents it all.

mod source;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::TimeDelta;
use serde::Deserialize;
use toml::Spanned;

use crate::store::DEFAULT_LOCK_TIMEOUT;
use crate::timeline::DEFAULT_GAP_THRESHOLD;
use crate::tui::action::Command;
use crate::tui::keymap::Keymap;
use crate::tui::theme::{ELEMENTS, THEMES, Theme};
use source::Source;

/// The settings tether runs with.
#[derive(Clone, Debug)]
pub struct Config {
    /// A silence longer than this is a gap.
    pub gap_threshold: TimeDelta,
    /// How long a writer waits for the store lock.
    pub lock_timeout: Duration,
    /// How often the dashboard refreshes its clock.
    pub tick_rate: Duration,
    /// How the dashboard shows dates (chrono's strftime).
    pub date_format: String,
    /// How the dashboard shows times of day (chrono's strftime).
    pub time_format: String,
    /// The dashboard's colours.
    pub theme: Theme,
    /// The dashboard's keys.
    pub keymap: Keymap,
    /// Keys in the file that tether does not know, with their lines.
    pub warnings: Vec<String>,
}

/// The dashboard's default date format: `Fri 15 Aug 2025`.
pub const DEFAULT_DATE_FORMAT: &str = "%a %-d %b %Y";

/// The dashboard's default time format: `23:50`.
pub const DEFAULT_TIME_FORMAT: &str = "%H:%M";

impl Default for Config {
    fn default() -> Self {
        Config {
            gap_threshold: DEFAULT_GAP_THRESHOLD,
            lock_timeout: DEFAULT_LOCK_TIMEOUT,
            tick_rate: Duration::from_secs(1),
            date_format: DEFAULT_DATE_FORMAT.into(),
            time_format: DEFAULT_TIME_FORMAT.into(),
            theme: Theme::default(),
            keymap: Keymap::default(),
            warnings: Vec::new(),
        }
    }
}

/// Why the config was refused.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file exists but cannot be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The config file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// The file is not valid, or a value is not acceptable.
    #[error("{}:{line}: {key}: {message}", path.display())]
    Invalid {
        /// The config file.
        path: PathBuf,
        /// The key concerned (or "toml" for a syntax error).
        key: String,
        /// The 1-based line.
        line: usize,
        /// What is wrong and what is expected.
        message: String,
    },
}

/// The file's shape; every key optional.
#[derive(Deserialize, Default)]
#[serde(default)]
struct RawConfig {
    gap_threshold: Option<Spanned<String>>,
    lock_timeout: Option<Spanned<String>>,
    tick_rate: Option<Spanned<String>>,
    date_format: Option<Spanned<String>>,
    time_format: Option<Spanned<String>>,
    theme: Option<Spanned<String>>,
    colors: BTreeMap<String, Spanned<String>>,
    keys: BTreeMap<String, Spanned<Vec<String>>>,
}

/// The top-level keys tether knows.
const KNOWN_KEYS: &[&str] = &[
    "gap_threshold",
    "lock_timeout",
    "tick_rate",
    "date_format",
    "time_format",
    "theme",
    "colors",
    "keys",
];

impl Config {
    /// Reads `path`; a missing file gives the defaults.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        match fs::read_to_string(path) {
            Ok(text) => Config::parse(path, &text),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Config::default()),
            Err(source) => Err(ConfigError::Io {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    /// Parses the text of `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Self, ConfigError> {
        let src = Source { path, text };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let key = e.span().and_then(|s| src.key_at(s.start)).unwrap_or("toml");
            src.invalid(key, e.span(), e.message().trim())
        })?;
        let mut config = Config::default();
        if let Some(value) = &raw.gap_threshold {
            config.gap_threshold = src.duration("gap_threshold", value)?;
        }
        if let Some(value) = &raw.lock_timeout {
            config.lock_timeout = src
                .duration("lock_timeout", value)?
                .to_std()
                .unwrap_or(DEFAULT_LOCK_TIMEOUT);
        }
        if let Some(value) = &raw.tick_rate {
            let rate = src.duration("tick_rate", value)?;
            if rate > TimeDelta::minutes(1) {
                return Err(src.invalid(
                    "tick_rate",
                    Some(value.span()),
                    "at most 1m, so the clock stays current",
                ));
            }
            config.tick_rate = rate.to_std().unwrap_or(Duration::from_secs(1));
        }
        if let Some(value) = &raw.date_format {
            config.date_format = src.strftime("date_format", value)?;
        }
        if let Some(value) = &raw.time_format {
            config.time_format = src.strftime("time_format", value)?;
        }
        if let Some(value) = &raw.theme {
            config.theme = Theme::by_name(value.get_ref()).ok_or_else(|| {
                let message = format!(
                    "unknown theme '{}' (known: {})",
                    value.get_ref(),
                    THEMES.join(", ")
                );
                src.invalid("theme", Some(value.span()), &message)
            })?;
        }
        for (element, color) in &raw.colors {
            if !ELEMENTS.contains(&element.as_str()) {
                config.warnings.push(src.warning(
                    Some("colors"),
                    element,
                    "is not an element of the theme",
                ));
                continue;
            }
            let key = format!("colors.{element}");
            config
                .theme
                .set(element, color.get_ref())
                .map_err(|m| src.invalid(&key, Some(color.span()), &m))?;
        }
        config.keymap = keymap(&src, &raw.keys, &mut config.warnings)?;
        config.warnings.extend(
            src.top_level_keys()
                .into_iter()
                .filter(|k| !KNOWN_KEYS.contains(&k.as_str()))
                .map(|k| src.warning(None, &k, "is not a setting tether knows")),
        );
        Ok(config)
    }
}

/// The default keymap with `[keys]` laid over it; a key bound twice is refused.
fn keymap(
    src: &Source<'_>,
    keys: &BTreeMap<String, Spanned<Vec<String>>>,
    warnings: &mut Vec<String>,
) -> Result<Keymap, ConfigError> {
    let mut bindings = Keymap::default_bindings();
    let mut spans = BTreeMap::new();
    for (name, value) in keys {
        let Some(command) = Command::from_name(name) else {
            warnings.push(src.warning(Some("keys"), name, "is not a command (see the help, ?)"));
            continue;
        };
        bindings.insert(command, value.get_ref().clone());
        spans.insert(command, value.span());
    }
    Keymap::from_bindings(bindings).map_err(|e| {
        let command = e
            .commands
            .iter()
            .find(|c| spans.contains_key(c))
            .or(e.commands.first());
        let span = command.and_then(|c| spans.get(c)).cloned();
        let key = command.map_or_else(|| "keys".to_string(), |c| format!("keys.{}", c.name()));
        src.invalid(&key, span, &e.message)
    })
}
