//! `config.toml`: read by every command. The settings every command uses are refused when
//! bad, naming the file, key and line; the dashboard's settings are only kept (theme,
//! colours, keys: as written) or checked without refusing (tick rate, formats), for the
//! dashboard to judge, so that a mistake there never stops a command or a git hook.
//! Unknown keys are warned about. `assets/config.example.toml` documents it all.

mod source;
#[cfg(test)]
mod tests;
mod written;

use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::TimeDelta;
use toml::de::DeTable;

use crate::safe_file::{self, ReadError};
use crate::store::DEFAULT_LOCK_TIMEOUT;
use crate::timeline::DEFAULT_GAP_THRESHOLD;
use source::Source;
pub use written::{Dashboard, Flaw, Written, WrittenValue};

/// The settings tether runs with.
#[derive(Clone, Debug)]
pub struct Config {
    /// A silence longer than this is a gap.
    pub gap_threshold: TimeDelta,
    /// How long a writer waits for the store lock.
    pub lock_timeout: Duration,
    /// How often the dashboard refreshes its clock (the default when the file's is bad).
    pub tick_rate: Duration,
    /// How the dashboard shows dates (chrono's strftime; the default when the file's is bad).
    pub date_format: String,
    /// How the dashboard shows times of day (chrono's strftime; the default when bad).
    pub time_format: String,
    /// The dashboard's settings as written, and what is wrong with them, for the
    /// dashboard to read (`tui::settings`).
    pub dashboard: Dashboard,
    /// What coding assistants are handed and what is logged of them (`[agent]`).
    pub agent: Agent,
    /// Whether the store syncs by itself after writes (`sync = "auto"`) or only when asked.
    pub auto_sync: bool,
    /// Keys in the file that tether does not know, with their lines.
    pub warnings: Vec<String>,
}

/// What coding assistants are handed and what is logged of them: `[agent]` in the file. A
/// bad value is a warning and the default is kept: an assistant's hook never fails on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agent {
    /// The most tokens the agent briefing takes.
    pub budget: usize,
    /// What of each prompt an assistant's hook logs.
    pub prompts: Prompts,
}

impl Default for Agent {
    fn default() -> Self {
        Agent {
            budget: crate::context::agent::DEFAULT_BUDGET,
            prompts: Prompts::FirstLine,
        }
    }
}

/// What of each prompt an assistant's hook logs (prompts can be private).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prompts {
    /// Nothing.
    None,
    /// The first line, cut to about 120 characters.
    FirstLine,
    /// All of it.
    Full,
}

/// The dashboard's default date format: `Fri 15 Aug 2025`.
pub const DEFAULT_DATE_FORMAT: &str = "%a %-d %b %Y";

/// The dashboard's default time format: `23:50`.
pub const DEFAULT_TIME_FORMAT: &str = "%H:%M";

/// The dashboard's default clock refresh.
pub const DEFAULT_TICK_RATE: Duration = Duration::from_secs(1);

impl Default for Config {
    fn default() -> Self {
        Config {
            gap_threshold: DEFAULT_GAP_THRESHOLD,
            lock_timeout: DEFAULT_LOCK_TIMEOUT,
            tick_rate: DEFAULT_TICK_RATE,
            agent: Agent::default(),
            auto_sync: false,
            date_format: DEFAULT_DATE_FORMAT.into(),
            time_format: DEFAULT_TIME_FORMAT.into(),
            dashboard: Dashboard::default(),
            warnings: Vec::new(),
        }
    }
}

/// The longest `lock_timeout` accepted, in seconds.
pub const MAX_LOCK_TIMEOUT_SECONDS: i64 = 60;

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
    /// Something other than a regular file of this user's stands there, or one too large
    /// for a config: refused unread.
    #[error("{} {why}", path.display())]
    Refused {
        /// The config file.
        path: PathBuf,
        /// What stands there and why it is not read.
        why: String,
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

/// The most bytes of `config.toml` read: a config is a few lines.
pub const MAX_BYTES: u64 = 1 << 20;

/// The text of the config file at `path`; `None` when there is none.
fn read(path: &Path) -> Result<Option<String>, ConfigError> {
    let refused = |why: String| ConfigError::Refused {
        path: path.to_path_buf(),
        why,
    };
    let failed = |e: ReadError| match e {
        ReadError::Io(source) => ConfigError::Io {
            path: path.to_path_buf(),
            source,
        },
        ReadError::NotRegular(found) => refused(format!(
            "is {found}, not a regular file; tether reads its config only from a regular file"
        )),
        ReadError::TooLarge(_) => refused(format!(
            "{e}; a config is a few lines (see assets/config.example.toml)"
        )),
    };
    let (file, meta) = match safe_file::open(path) {
        Ok(opened) => opened,
        Err(ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(failed(e)),
    };
    if !safe_file::trusted_owner(&meta) {
        return Err(refused(format!(
            "is owned by another user (uid {}); tether reads only a config of yours",
            meta.uid()
        )));
    }
    let bytes = safe_file::read_bounded(file, &meta, MAX_BYTES).map_err(failed)?;
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| ConfigError::Io {
            path: path.to_path_buf(),
            source: io::Error::new(io::ErrorKind::InvalidData, e.utf8_error()),
        })
}

/// The top-level keys that are the dashboard's alone, kept as written.
const WRITTEN_KEYS: &[&str] = &["theme", "colors", "keys"];

impl Config {
    /// Reads `path`; a missing file gives the defaults. It may be a link (dotfile
    /// managers make them), to a regular file of this user's (or root's) of at most
    /// [`MAX_BYTES`]: anything else is refused unread, so a FIFO or a device there never
    /// hangs a command or fills the memory.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        match read(path)? {
            Some(text) => Config::parse(path, &text),
            None => Ok(Config::default()),
        }
    }

    /// Parses the text of `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Self, ConfigError> {
        let src = Source { path, text };
        let table = DeTable::parse(text).map_err(|e| {
            let key = e.span().and_then(|s| src.key_at(s.start)).unwrap_or("toml");
            src.invalid(key, e.span(), e.message().trim())
        })?;
        let mut config = Config::default();
        config.dashboard.path = path.to_path_buf();
        for (key, value) in table.get_ref() {
            let name: &str = key.get_ref();
            match name {
                "gap_threshold" => config.gap_threshold = src.duration(name, value)?,
                "lock_timeout" => {
                    let timeout = src.duration(name, value)?;
                    if timeout > TimeDelta::seconds(MAX_LOCK_TIMEOUT_SECONDS) {
                        let why = format!(
                            "at most {MAX_LOCK_TIMEOUT_SECONDS}s: a writer that holds the store longer is stuck"
                        );
                        return Err(src.invalid(name, Some(value.span()), &why));
                    }
                    config.lock_timeout = timeout.to_std().unwrap_or(DEFAULT_LOCK_TIMEOUT);
                }
                "tick_rate" => {
                    let rate = src.tick_rate(value);
                    config.tick_rate = config.dashboard.keep(rate).unwrap_or(DEFAULT_TICK_RATE);
                }
                "date_format" | "time_format" => {
                    if let Some(format) = config.dashboard.keep(src.strftime(name, value)) {
                        match name {
                            "date_format" => config.date_format = format,
                            _ => config.time_format = format,
                        }
                    }
                }
                "agent" => config.agent = src.agent(value, &mut config.warnings),
                "sync" => match src.string(name, value) {
                    Ok("auto") => config.auto_sync = true,
                    Ok("manual") => config.auto_sync = false,
                    // a warning, not a refusal: a hook must never stop logging for it
                    _ => config.warnings.push(src.warning(
                        name,
                        value.span(),
                        "is not \"auto\" or \"manual\"; syncing only when asked",
                    )),
                },
                _ if WRITTEN_KEYS.contains(&name) => {
                    let written = Some(src.written(key, value));
                    match name {
                        "theme" => config.dashboard.theme = written,
                        "colors" => config.dashboard.colors = written,
                        _ => config.dashboard.keys = written,
                    }
                }
                _ => config.warnings.push(src.warning(
                    name,
                    key.span(),
                    "is not a setting tether knows",
                )),
            }
        }
        Ok(config)
    }
}
