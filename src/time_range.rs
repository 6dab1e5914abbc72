//! The times tether keeps: from 1970-01-01 to 9999-12-31 (UTC).
//!
//! Every time that enters (a `--at`, an imported line, `TETHER_NOW`, a record or a
//! `session.json` read from disk, a commit's date) is refused outside this range, so that
//! no arithmetic on times (gaps, weeks, the activity strip) can overflow. What is added to
//! a time still goes through [`plus`] and [`minus`], which saturate instead of panicking.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Deserializer};

/// The earliest time tether keeps: 1970-01-01T00:00:00Z.
pub const EARLIEST: DateTime<Utc> = DateTime::UNIX_EPOCH;

/// The latest time tether keeps: the last instant of 9999-12-31 (UTC).
pub const LATEST: DateTime<Utc> = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(date) => match date.and_hms_nano_opt(23, 59, 59, 999_999_999) {
        Some(time) => time.and_utc(),
        None => panic!("a valid time"),
    },
    None => panic!("a valid date"),
};

/// The range, as people read it in messages.
pub const SAID: &str = "1970-01-01 to 9999-12-31";

/// A time outside [`EARLIEST`]..=[`LATEST`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{} is outside the times tether keeps ({SAID})", .0.format("%Y-%m-%d %H:%M:%S UTC"))]
pub struct OutOfRange(pub DateTime<Utc>);

/// Whether tether keeps `at`.
pub fn contains(at: DateTime<Utc>) -> bool {
    (EARLIEST..=LATEST).contains(&at)
}

/// `at` when tether keeps it.
pub fn check(at: DateTime<Utc>) -> Result<DateTime<Utc>, OutOfRange> {
    if contains(at) {
        Ok(at)
    } else {
        Err(OutOfRange(at))
    }
}

/// `at + delta`, or the earliest or latest time chrono has when that overflows: for
/// comparisons with a threshold that may be huge (a `gap_threshold` of years).
pub fn plus(at: DateTime<Utc>, delta: TimeDelta) -> DateTime<Utc> {
    at.checked_add_signed(delta)
        .unwrap_or(if delta < TimeDelta::zero() {
            DateTime::<Utc>::MIN_UTC
        } else {
            DateTime::<Utc>::MAX_UTC
        })
}

/// `at - delta`, saturating like [`plus`].
pub fn minus(at: DateTime<Utc>, delta: TimeDelta) -> DateTime<Utc> {
    at.checked_sub_signed(delta)
        .unwrap_or(if delta < TimeDelta::zero() {
            DateTime::<Utc>::MAX_UTC
        } else {
            DateTime::<Utc>::MIN_UTC
        })
}

/// A number of seconds as a [`TimeDelta`], the largest one there is past its range.
pub fn seconds(n: i64) -> TimeDelta {
    TimeDelta::try_seconds(n).unwrap_or(if n < 0 {
        TimeDelta::MIN
    } else {
        TimeDelta::MAX
    })
}

/// Reads a time from a file, refusing one outside the range (`deserialize_with`).
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    let at = DateTime::<Utc>::deserialize(d)?;
    check(at).map_err(serde::de::Error::custom)
}

/// Reads an optional time from a file, refusing one outside the range.
pub fn deserialize_option<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    Option::<DateTime<Utc>>::deserialize(d)?
        .map(check)
        .transpose()
        .map_err(serde::de::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_range_is_1970_to_9999() {
        assert!(contains("1970-01-01T00:00:00Z".parse().unwrap()));
        assert!(contains("9999-12-31T23:59:59.999Z".parse().unwrap()));
        assert!(!contains("1969-12-31T23:59:59Z".parse().unwrap()));
        assert!(!contains(DateTime::<Utc>::MIN_UTC));
        assert!(!contains(DateTime::<Utc>::MAX_UTC));
        let err = check(DateTime::<Utc>::MIN_UTC).unwrap_err().to_string();
        assert!(
            err.ends_with("is outside the times tether keeps (1970-01-01 to 9999-12-31)"),
            "{err}"
        );
    }

    #[test]
    fn arithmetic_saturates() {
        assert_eq!(plus(LATEST, TimeDelta::MAX), DateTime::<Utc>::MAX_UTC);
        assert_eq!(minus(EARLIEST, TimeDelta::MAX), DateTime::<Utc>::MIN_UTC);
        assert_eq!(plus(EARLIEST, TimeDelta::MIN), DateTime::<Utc>::MIN_UTC);
        assert_eq!(minus(LATEST, TimeDelta::MIN), DateTime::<Utc>::MAX_UTC);
        let hour = TimeDelta::hours(1);
        assert_eq!(plus(EARLIEST, hour) - EARLIEST, hour);
        assert_eq!(seconds(i64::MAX), TimeDelta::MAX);
        assert_eq!(seconds(i64::MIN), TimeDelta::MIN);
        assert_eq!(seconds(90), TimeDelta::seconds(90));
    }

    #[test]
    fn files_with_times_out_of_range_do_not_read() {
        #[derive(Deserialize)]
        struct T {
            #[serde(deserialize_with = "deserialize")]
            _at: DateTime<Utc>,
            #[serde(default, deserialize_with = "deserialize_option")]
            _maybe: Option<DateTime<Utc>>,
        }
        let read = |json: &str| serde_json::from_str::<T>(json).map(|_| ());
        assert!(read(r#"{"_at":"2025-08-15T23:50:34Z"}"#).is_ok());
        assert!(read(r#"{"_at":"2025-08-15T23:50:34Z","_maybe":null}"#).is_ok());
        let err = read(r#"{"_at":"1969-12-31T23:59:59Z"}"#).unwrap_err();
        assert!(err.to_string().contains("outside the times tether keeps"));
        assert!(
            read(r#"{"_at":"2025-08-15T23:50:34Z","_maybe":"-262143-01-01T00:00:00Z"}"#).is_err()
        );
    }
}
