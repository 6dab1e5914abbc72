//! The text of `config.toml`, for turning values into settings and positions into lines.

use std::ops::Range;
use std::path::Path;
use std::time::Duration;

use chrono::TimeDelta;
use chrono::format::StrftimeItems;
use toml::Spanned;
use toml::de::{DeString, DeValue};

use super::written::{Written, WrittenValue, ignored};
use super::{ConfigError, DEFAULT_TICK_RATE};

/// A config file's path and text.
pub struct Source<'a> {
    /// The file.
    pub path: &'a Path,
    /// Its text.
    pub text: &'a str,
}

impl Source<'_> {
    /// An error about `key` at `span`.
    pub fn invalid(&self, key: &str, span: Option<Range<usize>>, message: &str) -> ConfigError {
        ConfigError::Invalid {
            path: self.path.to_path_buf(),
            key: key.to_string(),
            line: span.map_or(1, |s| self.line_of(s.start)),
            message: message.to_string(),
        }
    }

    /// A warning that `key` at `span` is ignored.
    pub fn warning(&self, key: &str, span: Range<usize>, why: &str) -> String {
        ignored(self.path, self.line_of(span.start), key, why)
    }

    /// A string, or an error naming the type found.
    pub fn string<'v>(
        &self,
        key: &str,
        value: &'v Spanned<DeValue<'_>>,
    ) -> Result<&'v str, ConfigError> {
        value.get_ref().as_str().ok_or_else(|| {
            let found = value.get_ref().type_str();
            self.invalid(
                key,
                Some(value.span()),
                &format!("invalid type: {found}, expected a string"),
            )
        })
    }

    /// A positive duration like `2h`.
    pub fn duration(
        &self,
        key: &str,
        value: &Spanned<DeValue<'_>>,
    ) -> Result<TimeDelta, ConfigError> {
        crate::duration::parse(self.string(key, value)?)
            .map_err(|e| self.invalid(key, Some(value.span()), &e.to_string()))
    }

    /// The dashboard's clock refresh: a duration of at most a minute.
    pub fn tick_rate(&self, value: &Spanned<DeValue<'_>>) -> Result<Duration, ConfigError> {
        let rate = self.duration("tick_rate", value)?;
        if rate > TimeDelta::minutes(1) {
            return Err(self.invalid(
                "tick_rate",
                Some(value.span()),
                "at most 1m, so the clock stays current",
            ));
        }
        Ok(rate.to_std().unwrap_or(DEFAULT_TICK_RATE))
    }

    /// A chrono strftime format, checked.
    pub fn strftime(&self, key: &str, value: &Spanned<DeValue<'_>>) -> Result<String, ConfigError> {
        let format = self.string(key, value)?;
        match StrftimeItems::new(format).parse() {
            Ok(_) if !format.trim().is_empty() => Ok(format.to_string()),
            _ => Err(self.invalid(
                key,
                Some(value.span()),
                &format!("'{format}' is not a strftime format like %H:%M"),
            )),
        }
    }

    /// A value kept as written, with the line of its key (and of each entry of a table).
    pub fn written(&self, key: &Spanned<DeString<'_>>, value: &Spanned<DeValue<'_>>) -> Written {
        let value = match value.get_ref() {
            DeValue::String(text) => WrittenValue::Text(text.to_string()),
            DeValue::Table(table) => {
                let mut entries: Vec<(String, Written)> = table
                    .iter()
                    .map(|(k, v)| (k.get_ref().to_string(), self.written(k, v)))
                    .collect();
                entries.sort_by_key(|(_, w)| w.line);
                WrittenValue::Table(entries)
            }
            DeValue::Array(items) => {
                let texts: Option<Vec<String>> = items
                    .iter()
                    .map(|i| i.get_ref().as_str().map(str::to_string))
                    .collect();
                texts.map_or(WrittenValue::Other("array"), WrittenValue::Texts)
            }
            other => WrittenValue::Other(other.type_str()),
        };
        Written {
            line: self.line_of(key.span().start),
            value,
        }
    }

    /// The key assigned on the line holding byte offset `at` (`key = value`), if any.
    pub fn key_at(&self, at: usize) -> Option<&str> {
        let text = self.text;
        let start = text[..at.min(text.len())].rfind('\n').map_or(0, |n| n + 1);
        let line = text[start..].lines().next()?;
        let key = line.split_once('=')?.0.trim();
        (!key.is_empty()).then_some(key)
    }

    /// The 1-based line of byte offset `at`.
    pub fn line_of(&self, at: usize) -> usize {
        self.text[..at.min(self.text.len())].matches('\n').count() + 1
    }

    /// The `[agent]` table: its bad values are warnings (`warnings`), their defaults kept.
    pub fn agent(&self, value: &Spanned<DeValue<'_>>, warnings: &mut Vec<String>) -> super::Agent {
        let mut agent = super::Agent::default();
        let Some(table) = value.get_ref().as_table() else {
            warnings.push(self.warning("agent", value.span(), "is not a table ([agent])"));
            return agent;
        };
        for (key, value) in table {
            let name: &str = key.get_ref();
            let at = format!("agent.{name}");
            match (name, value.get_ref()) {
                ("budget", DeValue::Integer(n)) => match n.as_str().parse::<usize>() {
                    Ok(n) if (100..=100_000).contains(&n) => agent.budget = n,
                    _ => warnings.push(self.warning(
                        &at,
                        value.span(),
                        "is not 100 to 100000 tokens",
                    )),
                },
                ("prompts", DeValue::String(text)) => match text.as_ref() {
                    "none" => agent.prompts = super::Prompts::None,
                    "first-line" => agent.prompts = super::Prompts::FirstLine,
                    "full" => agent.prompts = super::Prompts::Full,
                    _ => warnings.push(self.warning(
                        &at,
                        value.span(),
                        "is not none, first-line or full",
                    )),
                },
                _ => {
                    warnings.push(self.warning(&at, value.span(), "is not a setting tether knows"))
                }
            }
        }
        agent
    }
}
