//! Durations as people read them: `8h 17m`, `3d 2h`, `45m`, `12s`.

use chrono::TimeDelta;

/// Why a duration was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid duration '{0}': expected something like 2h, 30m or 1h30m")]
pub struct InvalidDuration(pub String);

/// Formats a number of seconds with its two largest units, dropping a trailing zero unit.
///
/// Negative values are shown as zero: a duration shown to a person is never negative.
pub fn human(seconds: i64) -> String {
    let s = seconds.max(0);
    let units = [(86_400, "d"), (3_600, "h"), (60, "m"), (1, "s")];
    let Some(first) = units.iter().position(|(size, _)| s >= *size) else {
        return "0s".to_string();
    };
    let (size, name) = units[first];
    let mut out = format!("{}{name}", s / size);
    if let Some(&(next_size, next_name)) = units.get(first + 1) {
        let rest = (s % size) / next_size;
        if rest > 0 {
            out.push_str(&format!(" {rest}{next_name}"));
        }
    }
    out
}

/// Formats a [`TimeDelta`] like [`human`].
pub fn human_delta(delta: TimeDelta) -> String {
    human(delta.num_seconds())
}

/// Parses a positive duration like `2h`, `30m`, `1h30m`, `1h 30m` or `90s`.
pub fn parse(text: &str) -> Result<TimeDelta, InvalidDuration> {
    let bad = || InvalidDuration(text.to_string());
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(bad());
    }
    let std = humantime::parse_duration(trimmed).map_err(|_| bad())?;
    let delta = TimeDelta::from_std(std).map_err(|_| bad())?;
    if delta <= TimeDelta::zero() {
        return Err(bad());
    }
    Ok(delta)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_shows_the_two_largest_units() {
        let cases = [
            (0, "0s"),
            (12, "12s"),
            (45 * 60, "45m"),
            (45 * 60 + 10, "45m 10s"),
            (8 * 3600 + 17 * 60 + 28, "8h 17m"),
            (3 * 86_400 + 2 * 3600 + 59, "3d 2h"),
            (3 * 86_400 + 59, "3d"),
            (-5, "0s"),
        ];
        for (secs, want) in cases {
            assert_eq!(human(secs), want, "{secs}");
        }
    }

    #[test]
    fn parse_accepts_common_forms() {
        assert_eq!(parse("2h").unwrap(), TimeDelta::hours(2));
        assert_eq!(parse("30m").unwrap(), TimeDelta::minutes(30));
        assert_eq!(parse("1h30m").unwrap(), TimeDelta::minutes(90));
        assert_eq!(parse("1h 30m").unwrap(), TimeDelta::minutes(90));
    }

    #[test]
    fn parse_refuses_nonsense_and_zero() {
        for bad in ["", "abc", "2", "0s", "-2h", "2 parsecs"] {
            assert!(parse(bad).is_err(), "{bad:?} was accepted");
        }
    }
}
