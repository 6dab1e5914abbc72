//! `config.toml`: read by every command; a bad value is an error naming the file, key and line.

use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::TimeDelta;
use serde::Deserialize;
use toml::Spanned;

use crate::store::DEFAULT_LOCK_TIMEOUT;
use crate::timeline::DEFAULT_GAP_THRESHOLD;

/// The settings tether runs with.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// A silence longer than this is a gap.
    pub gap_threshold: TimeDelta,
    /// How long a writer waits for the store lock.
    pub lock_timeout: Duration,
    /// Keys in the file that tether does not know, with their lines.
    pub warnings: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            gap_threshold: DEFAULT_GAP_THRESHOLD,
            lock_timeout: DEFAULT_LOCK_TIMEOUT,
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
}

/// The keys tether knows.
const KNOWN_KEYS: &[&str] = &["gap_threshold", "lock_timeout"];

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
        let invalid =
            |key: &str, span: Option<Range<usize>>, message: String| ConfigError::Invalid {
                path: path.to_path_buf(),
                key: key.to_string(),
                line: span.map_or(1, |s| line_of(text, s.start)),
                message,
            };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let key = e
                .span()
                .and_then(|s| key_at(text, s.start))
                .unwrap_or("toml");
            invalid(key, e.span(), e.message().trim().to_string())
        })?;
        let mut config = Config::default();
        if let Some(value) = raw.gap_threshold {
            config.gap_threshold = crate::duration::parse(value.get_ref())
                .map_err(|e| invalid("gap_threshold", Some(value.span()), e.to_string()))?;
        }
        if let Some(value) = raw.lock_timeout {
            let delta = crate::duration::parse(value.get_ref())
                .map_err(|e| invalid("lock_timeout", Some(value.span()), e.to_string()))?;
            config.lock_timeout = delta.to_std().unwrap_or(DEFAULT_LOCK_TIMEOUT);
        }
        config.warnings = unknown_keys(path, text);
        Ok(config)
    }
}

/// Warnings for top-level keys tether does not know.
fn unknown_keys(path: &Path, text: &str) -> Vec<String> {
    let Ok(table) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    table
        .keys()
        .filter(|k| !KNOWN_KEYS.contains(&k.as_str()))
        .map(|k| {
            let line = text.find(k.as_str()).map_or(1, |at| line_of(text, at));
            format!("{}:{line}: unknown key '{k}' is ignored", path.display())
        })
        .collect()
}

/// The key assigned on the line holding byte offset `at` (`key = value`), if any.
fn key_at(text: &str, at: usize) -> Option<&str> {
    let start = text[..at.min(text.len())].rfind('\n').map_or(0, |n| n + 1);
    let line = text[start..].lines().next()?;
    let key = line.split_once('=')?.0.trim();
    (!key.is_empty()).then_some(key)
}

/// The 1-based line of byte offset `at`.
fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("/h/config.toml"), text)
    }

    #[test]
    fn an_empty_file_gives_the_defaults() {
        assert_eq!(parse("").unwrap(), Config::default());
    }

    #[test]
    fn the_gap_threshold_is_read() {
        let config = parse("gap_threshold = \"30m\"\n").unwrap();
        assert_eq!(config.gap_threshold, TimeDelta::minutes(30));
    }

    #[test]
    fn a_bad_value_names_the_file_key_and_line() {
        let err = parse("# mine\n\ngap_threshold = \"soon\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("/h/config.toml:3: gap_threshold: invalid duration 'soon'"),
            "{err}"
        );
        let err = parse("gap_threshold = 5\n").unwrap_err().to_string();
        assert!(err.starts_with("/h/config.toml:1: gap_threshold:"), "{err}");
    }

    #[test]
    fn unknown_keys_are_warned_about() {
        let config = parse("gap_threshold = \"2h\"\ncolour = \"red\"\n").unwrap();
        assert_eq!(
            config.warnings,
            ["/h/config.toml:2: unknown key 'colour' is ignored"]
        );
    }
}
