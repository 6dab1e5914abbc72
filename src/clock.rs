//! The clock, injected so that every test runs at fixed times.
//!
//! `TETHER_NOW=2025-08-16T08:08:02Z` stops the clock at that moment (in every build: the
//! benchmarks and scripts use it for reproducible output). In debug builds only,
//! `TETHER_NOW=@FILE` reads the time from FILE at every look, so that a test can move the
//! clock of a running dashboard by rewriting the file.

#[cfg(debug_assertions)]
use std::path::{Path, PathBuf};
#[cfg(debug_assertions)]
use std::sync::{Mutex, PoisonError};

use chrono::{DateTime, Utc};

/// The environment variable that pins the clock (RFC 3339), for tests and reproducible output.
pub const NOW_ENV: &str = "TETHER_NOW";

/// A source of the current time.
pub trait Clock: Send + Sync {
    /// The current time in UTC.
    fn now(&self) -> DateTime<Utc>;
}

/// The system clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    /// The system's time, kept inside the range tether keeps: a clock set before 1970
    /// must not make tether write a time it would refuse to read back.
    fn now(&self) -> DateTime<Utc> {
        Utc::now().clamp(crate::time_range::EARLIEST, crate::time_range::LATEST)
    }
}

/// A clock stopped at one moment.
#[derive(Clone, Copy, Debug)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// Why `TETHER_NOW` was refused.
#[derive(Debug, thiserror::Error)]
pub enum InvalidNow {
    /// The value is not a time.
    #[error("{NOW_ENV}='{0}' is not an RFC 3339 time like 2025-08-16T08:08:02Z")]
    Time(String),
    /// The time is outside the range tether keeps.
    #[error("{NOW_ENV}='{0}' is outside the times tether keeps ({SAID})", SAID = crate::time_range::SAID)]
    OutOfRange(String),
    /// The clock file (`@FILE`, debug builds) cannot be read or holds no time.
    #[error("{NOW_ENV}=@{path}: {why}")]
    File {
        /// The clock file.
        path: String,
        /// What is wrong with it.
        why: String,
    },
}

/// The clock the environment asks for: fixed when `TETHER_NOW` is set, the system's otherwise.
pub fn from_env() -> Result<Box<dyn Clock>, InvalidNow> {
    match std::env::var(NOW_ENV) {
        Ok(text) => from_value(&text),
        Err(_) => Ok(Box::new(SystemClock)),
    }
}

/// The clock a value of `TETHER_NOW` asks for.
pub fn from_value(text: &str) -> Result<Box<dyn Clock>, InvalidNow> {
    #[cfg(debug_assertions)]
    if let Some(path) = text.strip_prefix('@') {
        return Ok(Box::new(FileClock::open(path)?));
    }
    let at = parse(text).map_err(|bad| match bad {
        Bad::NotATime => InvalidNow::Time(text.to_string()),
        Bad::OutOfRange => InvalidNow::OutOfRange(text.to_string()),
    })?;
    Ok(Box::new(FixedClock(at)))
}

/// What is wrong with a value of the clock.
enum Bad {
    NotATime,
    OutOfRange,
}

/// An RFC 3339 time, surrounding white space ignored, in the range tether keeps.
fn parse(text: &str) -> Result<DateTime<Utc>, Bad> {
    let at = DateTime::parse_from_rfc3339(text.trim()).map_err(|_| Bad::NotATime)?;
    crate::time_range::check(at.with_timezone(&Utc)).map_err(|_| Bad::OutOfRange)
}

/// A clock read from a file at every look (tests, debug builds only): the file holds an
/// RFC 3339 time, and a test moves the clock by rewriting it. Should the file stop holding
/// a time, the last good one stays.
#[cfg(debug_assertions)]
#[derive(Debug)]
pub struct FileClock {
    path: PathBuf,
    last: Mutex<DateTime<Utc>>,
}

#[cfg(debug_assertions)]
impl FileClock {
    /// A clock on `path`, which must hold a time now.
    pub fn open(path: impl Into<PathBuf>) -> Result<Self, InvalidNow> {
        let path = path.into();
        let at = read_time(&path).map_err(|why| InvalidNow::File {
            path: path.display().to_string(),
            why,
        })?;
        Ok(FileClock {
            path,
            last: Mutex::new(at),
        })
    }
}

#[cfg(debug_assertions)]
impl Clock for FileClock {
    fn now(&self) -> DateTime<Utc> {
        let mut last = self.last.lock().unwrap_or_else(PoisonError::into_inner);
        if let Ok(at) = read_time(&self.path) {
            *last = at;
        }
        *last
    }
}

/// The time a clock file holds, or why it holds none.
#[cfg(debug_assertions)]
fn read_time(path: &Path) -> Result<DateTime<Utc>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read it: {e}"))?;
    parse(&text).map_err(|bad| match bad {
        Bad::NotATime => format!(
            "it holds '{}', not an RFC 3339 time like 2025-08-16T08:08:02Z",
            text.trim()
        ),
        Bad::OutOfRange => format!(
            "it holds '{}', outside the times tether keeps ({})",
            text.trim(),
            crate::time_range::SAID
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn a_time_stops_the_clock_and_anything_else_is_refused() {
        let clock = from_value(" 2025-08-16T10:08:02+02:00 ").unwrap();
        assert_eq!(clock.now(), utc("2025-08-16T08:08:02Z"));
        let error = from_value("yesterday").err().unwrap().to_string();
        assert!(
            error.contains("'yesterday' is not an RFC 3339 time"),
            "{error}"
        );
        for far in ["1969-12-31T23:59:59Z", "0000-01-01T00:00:00Z"] {
            let error = from_value(far).err().unwrap().to_string();
            assert_eq!(
                error,
                format!(
                    "TETHER_NOW='{far}' is outside the times tether keeps (1970-01-01 to 9999-12-31)"
                )
            );
        }
        let last = from_value("9999-12-31T23:59:59Z").unwrap();
        assert_eq!(last.now(), utc("9999-12-31T23:59:59Z"));
    }

    #[cfg(debug_assertions)]
    #[test]
    fn a_clock_file_is_read_at_every_look_and_keeps_its_last_good_time() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("now");
        std::fs::write(&file, "2025-08-16T08:00:00Z\n").unwrap();
        let clock = from_value(&format!("@{}", file.display())).unwrap();
        assert_eq!(clock.now(), utc("2025-08-16T08:00:00Z"));
        std::fs::write(&file, "2025-08-16T11:00:00Z").unwrap();
        assert_eq!(clock.now(), utc("2025-08-16T11:00:00Z"), "the clock moved");
        std::fs::write(&file, "not a time").unwrap();
        assert_eq!(clock.now(), utc("2025-08-16T11:00:00Z"), "kept");
        std::fs::remove_file(&file).unwrap();
        assert_eq!(clock.now(), utc("2025-08-16T11:00:00Z"), "kept");
    }

    #[cfg(debug_assertions)]
    #[test]
    fn a_clock_file_without_a_time_is_refused_at_the_start() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("now");
        let missing = from_value(&format!("@{}", file.display())).err().unwrap();
        assert!(
            missing.to_string().contains("now: cannot read it"),
            "{missing}"
        );
        std::fs::write(&file, "soon").unwrap();
        let bad = from_value(&format!("@{}", file.display())).err().unwrap();
        assert!(
            bad.to_string()
                .contains("it holds 'soon', not an RFC 3339 time"),
            "{bad}"
        );
    }
}
