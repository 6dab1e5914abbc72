//! Active stretches: the runs of interactions between the gaps, each active from its first
//! interaction to its last.

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

use super::gaps;

/// A run of interactions with no gap inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Stretch {
    /// Its first interaction.
    pub start: DateTime<Utc>,
    /// Its last interaction.
    pub end: DateTime<Utc>,
    /// How many interactions it holds.
    pub interactions: usize,
}

impl Stretch {
    /// Its length: all of it active time.
    pub fn length(&self) -> TimeDelta {
        self.end - self.start
    }
}

/// The active stretches of `times` (in order), cut at each gap ([`gaps`]): their lengths
/// add up to [`super::active_time_of`] the same times, exactly.
pub fn stretches(times: &[DateTime<Utc>], threshold: TimeDelta) -> Vec<Stretch> {
    let mut out = Vec::new();
    let mut first = 0;
    let cuts = gaps(times, threshold)
        .into_iter()
        .map(|gap| times.partition_point(|&t| t < gap.end))
        .chain((!times.is_empty()).then_some(times.len()));
    for after in cuts {
        out.push(Stretch {
            start: times[first],
            end: times[after - 1],
            interactions: after - first,
        });
        first = after;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::active_time_of;

    fn t(s: &str) -> DateTime<Utc> {
        format!("2025-08-{s}Z").parse().unwrap()
    }

    #[test]
    fn stretches_are_cut_at_the_gaps_and_add_up_to_the_active_time() {
        let times = [
            t("15T23:41:00"),
            t("15T23:50:34"),
            t("16T08:08:02"),
            t("16T08:08:02"),
            t("16T08:10:02"),
            t("16T12:00:00"),
        ];
        let threshold = TimeDelta::hours(2);
        let found = stretches(&times, threshold);
        let shape: Vec<(DateTime<Utc>, DateTime<Utc>, usize)> = found
            .iter()
            .map(|s| (s.start, s.end, s.interactions))
            .collect();
        assert_eq!(
            shape,
            [
                (t("15T23:41:00"), t("15T23:50:34"), 2),
                (t("16T08:08:02"), t("16T08:10:02"), 3),
                (t("16T12:00:00"), t("16T12:00:00"), 1),
            ]
        );
        let total = found
            .iter()
            .fold(TimeDelta::zero(), |sum, s| sum + s.length());
        assert_eq!(total, active_time_of(times, threshold));
        assert!(stretches(&[], threshold).is_empty());
    }
}
