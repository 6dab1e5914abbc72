//! The dashboard's settings as config.toml has them: kept as written, with their lines, or
//! checked and found wrong. The dashboard judges them (`tui::settings`); config never
//! refuses the file for them.

use std::path::{Path, PathBuf};

use super::ConfigError;

/// A value as written in config.toml, with the line of its key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// The 1-based line.
    pub line: usize,
    /// The value.
    pub value: WrittenValue,
}

/// The shapes a dashboard setting can have, unread.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WrittenValue {
    /// A string.
    Text(String),
    /// A list of strings.
    Texts(Vec<String>),
    /// A table, entry by entry, in the file's order.
    Table(Vec<(String, Written)>),
    /// Anything else, by its TOML type (`integer`, `array`...).
    Other(&'static str),
}

/// A dashboard setting config checked and found wrong; it keeps its default meanwhile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flaw {
    /// The key (`tick_rate`).
    pub key: String,
    /// The 1-based line.
    pub line: usize,
    /// What is wrong and what is expected.
    pub message: String,
}

/// The dashboard's settings in config.toml.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dashboard {
    /// The file they come from, for messages.
    pub path: PathBuf,
    /// `theme`, as written.
    pub theme: Option<Written>,
    /// `[colors]`, as written.
    pub colors: Option<Written>,
    /// `[keys]`, as written.
    pub keys: Option<Written>,
    /// Dashboard settings that config read and found wrong (tick rate, formats).
    pub flaws: Vec<Flaw>,
}

impl Dashboard {
    /// Whether there is anything for the dashboard to read or refuse: without a theme,
    /// colours, keys or a flaw, its defaults stand and cost nothing.
    pub fn is_set(&self) -> bool {
        self.theme.is_some()
            || self.colors.is_some()
            || self.keys.is_some()
            || !self.flaws.is_empty()
    }

    /// The error about `key` at `line`, as config gives it: `…/config.toml:7: theme: …`.
    pub fn invalid(&self, key: &str, line: usize, message: impl Into<String>) -> ConfigError {
        ConfigError::Invalid {
            path: self.path.clone(),
            key: key.to_string(),
            line,
            message: message.into(),
        }
    }

    /// The warning that `name` at `line` is ignored, as config gives it.
    pub fn ignored(&self, name: &str, line: usize, why: &str) -> String {
        ignored(&self.path, line, name, why)
    }

    /// The first flaw, as an error.
    pub fn first_flaw(&self) -> Option<ConfigError> {
        let flaw = self.flaws.first()?;
        Some(self.invalid(&flaw.key, flaw.line, flaw.message.clone()))
    }

    /// A checked value, or `None` with its flaw noted.
    pub(super) fn keep<T>(&mut self, checked: Result<T, ConfigError>) -> Option<T> {
        match checked {
            Ok(value) => Some(value),
            Err(ConfigError::Invalid {
                key, line, message, ..
            }) => {
                self.flaws.push(Flaw { key, line, message });
                None
            }
            Err(ConfigError::Io { .. } | ConfigError::Refused { .. }) => None,
        }
    }
}

/// `…/config.toml:4: 'colors.sidebar' is not an element of the theme; it is ignored`.
pub(super) fn ignored(path: &Path, line: usize, name: &str, why: &str) -> String {
    format!("{}:{line}: '{name}' {why}; it is ignored", path.display())
}
