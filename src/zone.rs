//! The time zone times are shown in: the system's local zone, or a fixed offset (tests).

use chrono::{DateTime, FixedOffset, Local, Offset, Utc};

/// Where times are shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Zone {
    /// The system's local time (honours `TZ`), daylight saving included.
    #[default]
    Local,
    /// A fixed offset from UTC.
    Fixed(FixedOffset),
}

impl Zone {
    /// UTC, for tests.
    pub fn utc() -> Self {
        Zone::Fixed(Utc.fix())
    }

    /// `at` as wall-clock time in this zone. A time outside the range tether keeps (none
    /// enters it) is shown as the nearest end of the range: at chrono's extremes, an offset
    /// would push the wall-clock date past what chrono holds, and reading it would panic.
    pub fn show(self, at: DateTime<Utc>) -> DateTime<FixedOffset> {
        let at = at.clamp(crate::time_range::EARLIEST, crate::time_range::LATEST);
        match self {
            Zone::Local => at.with_timezone(&Local).fixed_offset(),
            Zone::Fixed(offset) => at.with_timezone(&offset),
        }
    }

    /// Reads WHEN as `--at` does ([`crate::when::parse`]), local forms in this zone: past
    /// times only, within the range tether keeps.
    pub fn parse_when(
        self,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, crate::when::InvalidWhen> {
        match self {
            Zone::Local => crate::when::parse(text, now, &Local),
            Zone::Fixed(offset) => crate::when::parse(text, now, &offset),
        }
    }
}
