//! Parsing `--at WHEN`: absolute, local or relative times; and, in `span`, the edges of
//! a span of time (`--since`, `--until`).

mod span;

pub use span::{Edge, Span, edge};

use chrono::{
    DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Utc,
};

/// Why a time was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidWhen {
    /// Not in any accepted form.
    #[error(
        "cannot read the time '{0}': use 2025-08-15T23:50:34Z, '2025-08-15 23:50', 23:50 or -2h"
    )]
    Unreadable(String),
    /// Not in any form a span's edge (`--since`, `--until`) takes.
    #[error(
        "cannot read the time '{0}': use a date (2025-08-15), today, yesterday, a weekday (monday), 7d, or a time as --at takes it (23:50, -2h)"
    )]
    UnreadableEdge(String),
    /// A local time skipped by a daylight-saving change.
    #[error("'{0}' does not exist in local time (a daylight-saving change skips it)")]
    Skipped(String),
    /// A time after now.
    #[error("'{0}' is in the future: give a past time (with a date for yesterday's times)")]
    Future(String),
    /// A span whose end comes before its start.
    #[error("the span from '{0}' until '{1}' ends before it starts")]
    Backwards(String, String),
    /// A time outside the range tether keeps.
    #[error("'{0}' is outside the times tether keeps ({SAID})", SAID = crate::time_range::SAID)]
    OutOfRange(String),
}

/// How far ahead of the clock a time may be before it counts as the future.
pub const FUTURE_TOLERANCE: TimeDelta = TimeDelta::seconds(60);

/// Parses WHEN relative to `now`, reading local forms in `tz`.
///
/// Accepts RFC 3339, `YYYY-MM-DD HH:MM[:SS]`, `HH:MM[:SS]` (today) and `-2h`, `-1h30m`,
/// `-45m` (before now). Times in the future are refused, and so are times outside the
/// range tether keeps (see [`crate::time_range`]).
pub fn parse<Tz: TimeZone>(
    text: &str,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Result<DateTime<Utc>, InvalidWhen> {
    let at = read(text, now, tz)?;
    if at > crate::time_range::plus(now, FUTURE_TOLERANCE) {
        return Err(InvalidWhen::Future(text.trim().to_string()));
    }
    Ok(at)
}

/// Reads WHEN in any form [`parse`] takes, the future allowed.
fn read<Tz: TimeZone>(
    text: &str,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Result<DateTime<Utc>, InvalidWhen> {
    let text = text.trim();
    let unreadable = || InvalidWhen::Unreadable(text.to_string());
    let out_of_range = || InvalidWhen::OutOfRange(text.to_string());
    let at = if let Some(ago) = text.strip_prefix('-') {
        let delta = crate::duration::parse(ago).map_err(|_| unreadable())?;
        now.checked_sub_signed(delta).ok_or_else(out_of_range)?
    } else if let Ok(exact) = DateTime::parse_from_rfc3339(text) {
        exact.with_timezone(&Utc)
    } else if let Some(naive) = parse_date_time(text) {
        local_to_utc(tz, naive, text)?
    } else if let Some(time) = parse_time(text) {
        let today: NaiveDate = now.with_timezone(tz).date_naive();
        local_to_utc(tz, today.and_time(time), text)?
    } else {
        return Err(unreadable());
    };
    crate::time_range::check(at).map_err(|_| out_of_range())
}

fn parse_date_time(text: &str) -> Option<NaiveDateTime> {
    [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
}

/// Parses `HH:MM` or `HH:MM:SS`.
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    ["%H:%M:%S", "%H:%M"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(text, f).ok())
}

/// Reads a local wall-clock time in `tz`; an ambiguous one (the repeated hour) is the earlier.
pub fn local_to_utc<Tz: TimeZone>(
    tz: &Tz,
    naive: NaiveDateTime,
    text: &str,
) -> Result<DateTime<Utc>, InvalidWhen> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        // chrono's `Local` gives the two in either order (the later first in Europe/Paris
        // in 2025): take the earlier of them, not the first
        LocalResult::Ambiguous(a, b) => Ok(a.with_timezone(&Utc).min(b.with_timezone(&Utc))),
        LocalResult::None => Err(InvalidWhen::Skipped(text.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, FixedOffset};

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn every_form_is_read() {
        let now = utc("2025-08-16T08:08:02Z");
        let plus2 = FixedOffset::east_opt(2 * 3600).unwrap();
        let cases = [
            ("2025-08-15T23:50:34Z", "2025-08-15T23:50:34Z"),
            ("2025-08-16T01:50:34+02:00", "2025-08-15T23:50:34Z"),
            ("2025-08-16 01:50:34", "2025-08-15T23:50:34Z"),
            ("2025-08-16 01:50", "2025-08-15T23:50:00Z"),
            ("09:30", "2025-08-16T07:30:00Z"),
            ("09:30:15", "2025-08-16T07:30:15Z"),
            ("-2h", "2025-08-16T06:08:02Z"),
            ("-1h30m", "2025-08-16T06:38:02Z"),
            ("-45m", "2025-08-16T07:23:02Z"),
        ];
        for (input, want) in cases {
            assert_eq!(parse(input, now, &plus2).unwrap(), utc(want), "{input}");
        }
    }

    #[test]
    fn nonsense_and_the_future_are_refused() {
        let now = utc("2025-08-16T08:08:02Z");
        for bad in ["", "yesterday", "25:00", "-", "-0m", "2025-13-01 10:00"] {
            assert!(
                matches!(parse(bad, now, &Utc), Err(InvalidWhen::Unreadable(_))),
                "{bad:?}"
            );
        }
        assert!(matches!(
            parse("09:00", now, &Utc),
            Err(InvalidWhen::Future(_))
        ));
        assert!(matches!(
            parse("2026-01-01T00:00:00Z", now, &Utc),
            Err(InvalidWhen::Future(_))
        ));
    }

    #[test]
    fn times_outside_the_range_are_refused_without_a_panic() {
        let now = utc("2025-08-16T08:08:02Z");
        for far in [
            "-99999999999h",
            "-9223372036s",
            "-60y",
            "1969-12-31T23:59:59Z",
            "0000-01-01T00:00:00Z",
            "1900-01-01 10:00",
        ] {
            let err = parse(far, now, &Utc).unwrap_err();
            assert_eq!(err, InvalidWhen::OutOfRange(far.into()), "{far}");
            assert!(err.to_string().contains("1970-01-01 to 9999-12-31"));
        }
        // a clock at the end of the range is no reason to panic either
        let last = crate::time_range::LATEST;
        assert_eq!(parse("-1h", last, &Utc), Ok(last - TimeDelta::hours(1)));
        assert_eq!(parse("09:30", last, &Utc).unwrap().year(), 9999);
    }
}
