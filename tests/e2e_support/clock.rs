//! A clock for the end-to-end tests that the test moves while `tether` runs.

use std::path::PathBuf;

use chrono::{DateTime, TimeDelta, Utc};
use tempfile::TempDir;

/// A clock the test moves: a file holding an RFC 3339 time, which a `tether` started with
/// `TETHER_NOW=@FILE` (see [`TestClock::env`]; debug builds) reads at every look.
pub struct TestClock {
    dir: TempDir,
    now: DateTime<Utc>,
}

impl TestClock {
    /// A clock standing at `now`.
    pub fn at(now: DateTime<Utc>) -> Self {
        let clock = TestClock {
            dir: tempfile::tempdir().expect("a temp dir"),
            now,
        };
        clock.write();
        clock
    }

    /// The time the clock shows, as RFC 3339 (for `Home::cli_at`).
    pub fn now(&self) -> String {
        self.now.to_rfc3339()
    }

    /// The `TETHER_NOW` value that makes tether read this clock.
    pub fn env(&self) -> (&'static str, String) {
        ("TETHER_NOW", format!("@{}", self.path().display()))
    }

    /// Moves the clock forward by `by`.
    pub fn advance(&mut self, by: TimeDelta) {
        self.now += by;
        self.write();
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("now")
    }

    /// Writes the time beside the file, then renames it over: a reader never sees half.
    fn write(&self) {
        let next = self.dir.path().join("now.next");
        std::fs::write(&next, self.now.to_rfc3339()).expect("writing the clock");
        std::fs::rename(&next, self.path()).expect("moving the clock");
    }
}
