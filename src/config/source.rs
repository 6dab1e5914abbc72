//! The text of `config.toml`, for turning values into settings and positions into lines.

use std::ops::Range;
use std::path::Path;

use chrono::TimeDelta;
use chrono::format::StrftimeItems;
use toml::Spanned;

use super::ConfigError;

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

    /// A warning that `key` (in `section`, if any) is ignored.
    pub fn warning(&self, section: Option<&str>, key: &str, why: &str) -> String {
        let name = section.map_or_else(|| key.to_string(), |s| format!("{s}.{key}"));
        let line = self.line_of_key(section, key);
        format!(
            "{}:{line}: '{name}' {why}; it is ignored",
            self.path.display()
        )
    }

    /// A positive duration like `2h`.
    pub fn duration(&self, key: &str, value: &Spanned<String>) -> Result<TimeDelta, ConfigError> {
        crate::duration::parse(value.get_ref())
            .map_err(|e| self.invalid(key, Some(value.span()), &e.to_string()))
    }

    /// A chrono strftime format, checked.
    pub fn strftime(&self, key: &str, value: &Spanned<String>) -> Result<String, ConfigError> {
        let format = value.get_ref();
        match StrftimeItems::new(format).parse() {
            Ok(_) if !format.trim().is_empty() => Ok(format.clone()),
            _ => Err(self.invalid(
                key,
                Some(value.span()),
                &format!("'{format}' is not a strftime format like %H:%M"),
            )),
        }
    }

    /// The keys of the top-level table.
    pub fn top_level_keys(&self) -> Vec<String> {
        self.text
            .parse::<toml::Table>()
            .map(|t| t.keys().cloned().collect())
            .unwrap_or_default()
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

    /// The line where `key` is set, in `[section]` or at the top.
    fn line_of_key(&self, section: Option<&str>, key: &str) -> usize {
        let mut current: Option<String> = None;
        for (n, line) in self.text.lines().enumerate() {
            let trimmed = line.trim();
            if let Some(name) = trimmed.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
                current = Some(name.trim().to_string());
                continue;
            }
            let assigned = trimmed
                .split_once('=')
                .map(|(k, _)| k.trim().trim_matches('"'));
            if assigned == Some(key) && current.as_deref() == section {
                return n + 1;
            }
        }
        1
    }
}
