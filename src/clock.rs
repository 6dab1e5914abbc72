//! The clock, injected so that every test runs at fixed times.

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
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
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
#[error("{NOW_ENV}='{0}' is not an RFC 3339 time like 2025-08-16T08:08:02Z")]
pub struct InvalidNow(String);

/// The clock the environment asks for: fixed when `TETHER_NOW` is set, the system's otherwise.
pub fn from_env() -> Result<Box<dyn Clock>, InvalidNow> {
    match std::env::var(NOW_ENV) {
        Ok(text) => {
            let at = DateTime::parse_from_rfc3339(text.trim()).map_err(|_| InvalidNow(text))?;
            Ok(Box::new(FixedClock(at.with_timezone(&Utc))))
        }
        Err(_) => Ok(Box::new(SystemClock)),
    }
}
