//! Wording both front ends share: counts, progress, silences, how long ago.

use chrono::{DateTime, TimeDelta, Utc};

use crate::duration::human_delta;
use crate::session::Progress;
use crate::zone::Zone;

/// How far back "… ago" is said; past it a count of days ("472d 8h ago") reads worse than
/// the date.
pub const AGO_LIMIT: TimeDelta = TimeDelta::days(30);

/// How a front end shows the date of a moment past [`AGO_LIMIT`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateStyle {
    /// `2025-03-04`: the command line's.
    Iso,
    /// `4 Mar 2025`: the dashboard's.
    Short,
}

/// `12m ago` for a moment at most [`AGO_LIMIT`] before `now`; `None` further back.
pub fn recent_ago(at: DateTime<Utc>, now: DateTime<Utc>) -> Option<String> {
    let since = (now - at).max(TimeDelta::zero());
    (since <= AGO_LIMIT).then(|| format!("{} ago", human_delta(since)))
}

/// When something last happened: `12m ago`, `3d 2h ago`, or past [`AGO_LIMIT`] its date in
/// `zone`, `on 2025-03-04` (`on 4 Mar 2025` in the dashboard's style).
pub fn ago(at: DateTime<Utc>, now: DateTime<Utc>, zone: Zone, style: DateStyle) -> String {
    recent_ago(at, now).unwrap_or_else(|| {
        let format = match style {
            DateStyle::Iso => "%Y-%m-%d",
            DateStyle::Short => "%-d %b %Y",
        };
        format!("on {}", zone.show(at).format(format))
    })
}

/// What active time is, said once for every view that shows it.
pub fn active_time_explained(threshold: TimeDelta) -> String {
    format!(
        "Active time is the time between interactions closer than the gap threshold ({}).",
        human_delta(threshold)
    )
}

/// `1 step done`, `3 steps done`: a count with its noun agreeing.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `3/8 steps done` or `no steps planned`.
pub fn progress_phrase(progress: Progress) -> String {
    if progress.total == 0 {
        "no steps planned".to_string()
    } else {
        format!("{progress} steps done")
    }
}

/// `resuming after 8h 17m`: how a gap is announced to the person coming back.
pub fn resuming_after(silence: TimeDelta) -> String {
    format!("resuming after {}", human_delta(silence))
}

/// `resumed after 8h 17m`: how a gap is acknowledged.
pub fn resumed_after(silence: TimeDelta) -> String {
    format!("resumed after {}", human_delta(silence))
}

/// `2 earlier gaps went unseen`: what else a briefing owes, when it states the latest gap.
pub fn earlier_unseen(n: usize) -> Option<String> {
    (n > 0).then(|| {
        let gaps = counted(n, "earlier gap", "earlier gaps");
        format!("{gaps} since you last looked")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn ago_counts_up_to_thirty_days_then_shows_the_date() {
        let at = t("2025-03-04T10:00:00Z");
        let cases = [
            ("2025-03-04T10:12:30Z", "12m 30s ago", "12m 30s ago"),
            ("2025-03-07T12:59:00Z", "3d 2h ago", "3d 2h ago"),
            ("2025-04-03T10:00:00Z", "30d ago", "30d ago"),
            ("2025-04-03T10:00:01Z", "on 2025-03-04", "on 4 Mar 2025"),
            ("2026-06-19T18:00:00Z", "on 2025-03-04", "on 4 Mar 2025"),
            ("2025-03-04T09:00:00Z", "0s ago", "0s ago"),
        ];
        for (now, iso, short) in cases {
            assert_eq!(ago(at, t(now), Zone::utc(), DateStyle::Iso), iso, "{now}");
            assert_eq!(
                ago(at, t(now), Zone::utc(), DateStyle::Short),
                short,
                "{now}"
            );
        }
    }

    #[test]
    fn the_date_is_the_local_one() {
        let paris = Zone::Fixed(chrono::FixedOffset::east_opt(3600).unwrap());
        let at = t("2025-03-04T23:30:00Z");
        let now = t("2025-06-01T00:00:00Z");
        assert_eq!(ago(at, now, paris, DateStyle::Iso), "on 2025-03-05");
    }
}
