//! Parsing `--since WHEN` and `--until WHEN`: the edges of a span of time, read by one
//! parser for every command that takes them (search, journal, export).
//!
//! A `WHEN` is any form `--at` takes (an instant), or a day: a date (`2025-08-15`),
//! `today`, `yesterday`, a weekday (`monday`: the most recent one, today included), and
//! a bare duration (`7d`, the same as `-7d`). A day begins a span at its 00:00 local and
//! ends one at its last instant, so `--until 2025-08-15` takes the whole of that day.

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, TimeZone, Utc, Weekday};

use super::{InvalidWhen, local_to_utc, parse, read};

/// Which edge of a span a `WHEN` gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    /// The first instant taken (`--since`).
    Since,
    /// The last instant taken (`--until`).
    Until,
}

/// A span of time: what lies from `since` (taken) to `until` (not taken), either open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    /// The first instant in the span, if it has a start.
    pub since: Option<DateTime<Utc>>,
    /// The first instant after the span, if it has an end.
    pub until: Option<DateTime<Utc>>,
}

impl Span {
    /// Whether `at` lies in the span.
    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        self.since.is_none_or(|s| at >= s) && self.until.is_none_or(|u| at < u)
    }

    /// Reads `--since` and `--until` (either absent); refuses a span that ends before it
    /// starts.
    pub fn parse<Tz: TimeZone>(
        since: Option<&str>,
        until: Option<&str>,
        now: DateTime<Utc>,
        tz: &Tz,
    ) -> Result<Span, InvalidWhen> {
        let since_at = since.map(|t| edge(t, Edge::Since, now, tz)).transpose()?;
        let until_at = until.map(|t| edge(t, Edge::Until, now, tz)).transpose()?;
        if let (Some(s), Some(u)) = (since_at, until_at)
            && u <= s
        {
            return Err(InvalidWhen::Backwards(
                since.unwrap_or_default().to_string(),
                until.unwrap_or_default().to_string(),
            ));
        }
        Ok(Span {
            since: since_at,
            until: until_at,
        })
    }
}

/// The instant `text` puts at `edge` of a span: for `Until`, the first instant after what
/// it names (the next day's 00:00 for a day, the next nanosecond for an instant).
pub fn edge<Tz: TimeZone>(
    text: &str,
    edge: Edge,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Result<DateTime<Utc>, InvalidWhen> {
    let text = text.trim();
    if let Some(day) = day(text, now, tz) {
        let day = match edge {
            Edge::Since => day,
            Edge::Until => day
                .succ_opt()
                .ok_or_else(|| InvalidWhen::OutOfRange(text.to_string()))?,
        };
        let midnight = day.and_hms_opt(0, 0, 0).expect("midnight exists");
        return local_to_utc(tz, midnight, text).or_else(|_| {
            // a day whose midnight a daylight-saving change skips starts an hour later
            local_to_utc(tz, midnight + TimeDelta::hours(1), text)
        });
    }
    let bare_duration = text.starts_with(|c: char| c.is_ascii_digit())
        && crate::duration::parse(text).is_ok()
        && !text.contains(':');
    let at = if bare_duration {
        parse(&format!("-{text}"), now, tz)?
    } else {
        read(text, now, tz).map_err(|e| match e {
            InvalidWhen::Unreadable(text) => InvalidWhen::UnreadableEdge(text),
            other => other,
        })?
    };
    Ok(match edge {
        Edge::Since => at,
        Edge::Until => crate::time_range::plus(at, TimeDelta::nanoseconds(1)),
    })
}

/// The local day `text` names, if it names one.
fn day<Tz: TimeZone>(text: &str, now: DateTime<Utc>, tz: &Tz) -> Option<NaiveDate> {
    let today = now.with_timezone(tz).date_naive();
    let lower = text.to_ascii_lowercase();
    match lower.as_str() {
        "today" => return Some(today),
        "yesterday" => return today.pred_opt(),
        _ => {}
    }
    if let Ok(weekday) = lower.parse::<Weekday>() {
        let back =
            (7 + today.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
        return today.checked_sub_days(chrono::Days::new(u64::from(back)));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    /// Saturday 2025-08-16, 10:08 at UTC+2.
    const NOW: &str = "2025-08-16T08:08:02Z";

    fn at(text: &str, edge_: Edge) -> DateTime<Utc> {
        let plus2 = FixedOffset::east_opt(2 * 3600).unwrap();
        edge(text, edge_, utc(NOW), &plus2).unwrap()
    }

    #[test]
    fn a_day_starts_at_local_midnight_and_ends_with_the_day() {
        let cases = [
            ("2025-08-15", "2025-08-14T22:00:00Z", "2025-08-15T22:00:00Z"),
            ("today", "2025-08-15T22:00:00Z", "2025-08-16T22:00:00Z"),
            ("yesterday", "2025-08-14T22:00:00Z", "2025-08-15T22:00:00Z"),
            ("Monday", "2025-08-10T22:00:00Z", "2025-08-11T22:00:00Z"),
            ("saturday", "2025-08-15T22:00:00Z", "2025-08-16T22:00:00Z"),
            ("sun", "2025-08-09T22:00:00Z", "2025-08-10T22:00:00Z"),
        ];
        for (text, since, until) in cases {
            assert_eq!(at(text, Edge::Since), utc(since), "since {text}");
            assert_eq!(at(text, Edge::Until), utc(until), "until {text}");
        }
    }

    #[test]
    fn an_instant_is_taken_at_either_edge() {
        assert_eq!(at("7d", Edge::Since), utc("2025-08-09T08:08:02Z"));
        assert_eq!(at("-7d", Edge::Since), utc("2025-08-09T08:08:02Z"));
        assert_eq!(at("09:30", Edge::Since), utc("2025-08-16T07:30:00Z"));
        let until = at("2025-08-16 09:30", Edge::Until);
        assert_eq!(until, utc("2025-08-16T07:30:00.000000001Z"));
        // an end after now is fine: the span is what was logged in it
        assert_eq!(
            at("23:00", Edge::Until),
            utc("2025-08-16T21:00:00.000000001Z")
        );
    }

    #[test]
    fn a_span_contains_what_lies_between_its_edges() {
        let plus2 = FixedOffset::east_opt(2 * 3600).unwrap();
        let span = Span::parse(Some("yesterday"), Some("yesterday"), utc(NOW), &plus2).unwrap();
        assert!(span.contains(utc("2025-08-14T22:00:00Z")));
        assert!(span.contains(utc("2025-08-15T21:59:59Z")));
        assert!(!span.contains(utc("2025-08-15T22:00:00Z")));
        assert!(!span.contains(utc("2025-08-14T21:59:59Z")));
        assert!(Span::default().contains(utc(NOW)));
    }

    #[test]
    fn nonsense_and_a_backwards_span_are_refused() {
        let now = utc(NOW);
        for bad in ["", "someday", "2025-13-01", "7x", "funday"] {
            assert!(edge(bad, Edge::Since, now, &Utc).is_err(), "{bad:?}");
        }
        let backwards = Span::parse(Some("today"), Some("yesterday"), now, &Utc).unwrap_err();
        assert!(matches!(backwards, InvalidWhen::Backwards(..)));
        assert!(backwards.to_string().contains("ends before it starts"));
    }
}
