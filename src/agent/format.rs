//! One file format's operations (JSON with comments, or TOML), so that installing and
//! uninstalling are written once for both.

use serde_json::Value;

use super::jsonc::{self, Edit};
use super::plan::Format;
use super::toml_file;
use crate::store::Emptied;

/// The operations of one file format.
pub struct Ops {
    format: Format,
}

impl Ops {
    /// The operations of `format`.
    pub fn of(format: Format) -> Self {
        Ops { format }
    }

    /// See `jsonc::check` and `toml_file::check`.
    pub fn check(&self, text: &str) -> Result<(), String> {
        match self.format {
            Format::Json => jsonc::check(text),
            Format::Toml => toml_file::check(text),
        }
    }

    /// See `jsonc::get` and `toml_file::get`.
    pub fn get(&self, text: &str, path: &[String]) -> Result<Option<Value>, String> {
        match self.format {
            Format::Json => jsonc::get(text, path),
            Format::Toml => toml_file::get(text, path),
        }
    }

    /// See `jsonc::set` and `toml_file::set`.
    pub fn set(&self, text: &str, path: &[String], value: &Value) -> Result<Edit, String> {
        match self.format {
            Format::Json => jsonc::set(text, path, value),
            Format::Toml => toml_file::set(text, path, value),
        }
    }

    /// See `jsonc::remove` and `toml_file::remove`.
    pub fn remove(
        &self,
        text: &str,
        path: &[String],
        emptied: &[Emptied],
    ) -> Result<String, String> {
        match self.format {
            Format::Json => jsonc::remove(text, path, emptied),
            Format::Toml => toml_file::remove(text, path),
        }
    }

    /// See `jsonc::is_empty` and `toml_file::is_empty`.
    pub fn is_empty(&self, text: &str, path: &[String]) -> Result<bool, String> {
        match self.format {
            Format::Json => jsonc::is_empty(text, path),
            Format::Toml => toml_file::is_empty(text, path),
        }
    }

    /// Whether nothing is left: `{}` and white space, or an empty TOML file.
    pub fn is_blank(&self, text: &str) -> Result<bool, String> {
        match self.format {
            Format::Json => Ok(jsonc::top_keys(text)?.is_empty() && jsonc::is_empty(text, &[])?),
            Format::Toml => Ok(text.trim().is_empty()),
        }
    }
}
