//! Pure functions over a timeline: amendments applied, gaps found, the duration reality.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::record::Record;
use crate::session::{Interaction, Progress};

mod amendments;
mod materialize;
mod stretch;
mod summary;

pub use amendments::Amendments;
pub use materialize::{Materializer, Moment, Row};
pub use stretch::{Stretch, stretches};
pub use summary::{Summary, Tally, Watch};

/// The default silence after which a pause counts as a gap.
pub const DEFAULT_GAP_THRESHOLD: TimeDelta = TimeDelta::hours(2);

/// Applies amendments to the interactions they target and returns the interactions in time
/// order (ties by id, the order they were made). Deleted interactions are left out.
pub fn materialize(records: impl IntoIterator<Item = Record>) -> Vec<Interaction> {
    let mut materializer = Materializer::default();
    materializer.extend(records);
    materializer.finish()
}

/// A silence between two consecutive interactions longer than the threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    /// The interaction before the silence.
    pub start: DateTime<Utc>,
    /// The interaction after it.
    pub end: DateTime<Utc>,
    /// Its length in seconds.
    pub seconds: i64,
}

impl Gap {
    /// The gap's length.
    pub fn length(&self) -> TimeDelta {
        crate::time_range::seconds(self.seconds)
    }
}

/// Whether a silence of `delta` is a gap under `threshold` (strictly longer).
pub fn is_gap(delta: TimeDelta, threshold: TimeDelta) -> bool {
    delta > threshold
}

/// The gaps between consecutive times (which must be in order).
pub fn gaps(times: &[DateTime<Utc>], threshold: TimeDelta) -> Vec<Gap> {
    gaps_of(times.iter().copied(), threshold)
}

/// Like [`gaps`], for times walked rather than held in a slice.
pub fn gaps_of(times: impl IntoIterator<Item = DateTime<Utc>>, threshold: TimeDelta) -> Vec<Gap> {
    let mut times = times.into_iter();
    let Some(mut before) = times.next() else {
        return Vec::new();
    };
    let mut gaps = Vec::new();
    for at in times {
        let delta = at - before;
        if is_gap(delta, threshold) {
            gaps.push(Gap {
                start: before,
                end: at,
                seconds: delta.num_seconds(),
            });
        }
        before = at;
    }
    gaps
}

/// The duration-reality report: what happened, measured by interactions, not by the clock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reality {
    /// The earliest interaction, if any.
    pub first_interaction: Option<DateTime<Utc>>,
    /// The latest interaction, if any.
    pub last_interaction: Option<DateTime<Utc>>,
    /// How many interactions there are.
    pub total_interactions: usize,
    /// The sum of the silences that are not gaps, exact ([`active_time`]).
    #[serde(skip)]
    pub active: TimeDelta,
    /// The same in whole seconds, floored.
    pub active_seconds: i64,
    /// How many gaps there are.
    pub gap_count: usize,
    /// The sum of the gaps.
    pub gap_seconds: i64,
    /// Each gap, in order.
    pub gaps: Vec<Gap>,
    /// Steps done out of steps planned.
    pub progress: Progress,
}

/// The active time of interactions in time order: the sum of the silences that are not
/// gaps, exact to the stored precision. Every view's active time is this sum (or, for a
/// timeline read in parts, sums of it), floored to whole seconds only when shown.
pub fn active_time(interactions: &[Interaction], threshold: TimeDelta) -> TimeDelta {
    active_time_of(interactions.iter().map(|i| i.at), threshold)
}

/// The sum of the silences between consecutive `times` (in order) that are not gaps,
/// exact: cutting each to whole seconds first would make a burst of logs 0.9 s apart
/// count for nothing.
pub fn active_time_of(
    times: impl IntoIterator<Item = DateTime<Utc>>,
    threshold: TimeDelta,
) -> TimeDelta {
    let mut times = times.into_iter();
    let Some(mut before) = times.next() else {
        return TimeDelta::zero();
    };
    let mut active = TimeDelta::zero();
    for at in times {
        let pause = at - before;
        if !is_gap(pause, threshold) {
            active = active.checked_add(&pause).unwrap_or(TimeDelta::MAX);
        }
        before = at;
    }
    active
}

/// An active time in whole seconds, floored (never negative).
pub fn whole_seconds(active: TimeDelta) -> i64 {
    active.num_seconds().max(0)
}

/// Measures a timeline (in time order) under a gap threshold.
pub fn reality(interactions: &[Interaction], threshold: TimeDelta, progress: Progress) -> Reality {
    let times: Vec<DateTime<Utc>> = interactions.iter().map(|i| i.at).collect();
    reality_of_times(&times, threshold, progress)
}

/// The duration reality of interactions at `times`, in time order.
pub fn reality_of_times(
    times: &[DateTime<Utc>],
    threshold: TimeDelta,
    progress: Progress,
) -> Reality {
    let gaps = gaps(times, threshold);
    let active = active_time_of(times.iter().copied(), threshold);
    let gap_seconds = gaps
        .iter()
        .fold(0i64, |sum, g| sum.saturating_add(g.seconds));
    Reality {
        first_interaction: times.first().copied(),
        last_interaction: times.last().copied(),
        total_interactions: times.len(),
        active,
        active_seconds: whole_seconds(active),
        gap_count: gaps.len(),
        gap_seconds,
        gaps,
        progress,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Amendment, Change};
    use crate::session::{Kind, Source};
    use ulid::Ulid;

    fn t(s: &str) -> DateTime<Utc> {
        format!("2025-08-{s}Z").parse().unwrap()
    }

    fn note(n: u64, at: &str) -> Interaction {
        Interaction {
            id: Ulid::from_parts(n, 0),
            at: t(at),
            kind: Kind::Note,
            source: Source::Cli,
            text: format!("note {n}"),
            head: None,
            branch: None,
        }
    }

    fn measure(ats: &[&str]) -> Reality {
        let records = ats
            .iter()
            .enumerate()
            .map(|(n, at)| Record::Interaction(note(n as u64, at)));
        reality(
            &materialize(records),
            TimeDelta::hours(2),
            Progress::default(),
        )
    }

    #[test]
    fn the_reality_report_is_measured_by_interactions() {
        struct Case {
            name: &'static str,
            ats: &'static [&'static str],
            active: i64,
            gaps: &'static [i64],
        }
        let cases = [
            Case {
                name: "none",
                ats: &[],
                active: 0,
                gaps: &[],
            },
            Case {
                name: "one",
                ats: &["15T23:50:34"],
                active: 0,
                gaps: &[],
            },
            Case {
                name: "the seed's night",
                ats: &["15T23:41:00", "15T23:50:34", "16T08:08:02", "16T08:10:02"],
                active: 574 + 120,
                gaps: &[8 * 3600 + 17 * 60 + 28],
            },
            Case {
                name: "exactly at the threshold is not a gap",
                ats: &["15T10:00:00", "15T12:00:00"],
                active: 7200,
                gaps: &[],
            },
            Case {
                name: "one second past it is",
                ats: &["15T10:00:00", "15T12:00:01"],
                active: 0,
                gaps: &[7201],
            },
            Case {
                name: "logged out of order",
                ats: &["15T12:00:00", "15T09:00:00", "15T12:30:00"],
                active: 1800,
                gaps: &[3 * 3600],
            },
        ];
        for case in cases {
            let r = measure(case.ats);
            let gaps: Vec<i64> = r.gaps.iter().map(|g| g.seconds).collect();
            assert_eq!(r.total_interactions, case.ats.len(), "{}", case.name);
            assert_eq!(r.active_seconds, case.active, "{}", case.name);
            assert_eq!(gaps, case.gaps, "{}", case.name);
            assert_eq!(r.gap_count, case.gaps.len(), "{}", case.name);
            assert_eq!(
                r.gap_seconds,
                case.gaps.iter().sum::<i64>(),
                "{}",
                case.name
            );
            assert!(r.gaps.iter().all(|g| g.seconds > 0), "{}", case.name);
        }
    }

    #[test]
    fn active_time_is_summed_exactly_and_floored_once() {
        // 0.6 s, a gap of 7200.6 s, 0.6 s: 1.2 s of work. Cut to whole seconds first, each
        // pause counts 0 s; the span less the gaps, each cut, makes it 2 s.
        let r = measure(&[
            "15T10:00:00",
            "15T10:00:00.6",
            "15T12:00:01.2",
            "15T12:00:01.8",
        ]);
        assert_eq!(r.active, TimeDelta::milliseconds(1200));
        assert_eq!(r.active_seconds, 1);
        assert_eq!(r.gap_count, 1);
        let bursts: Vec<_> = (0..200)
            .map(|n| t("15T10:00:00") + TimeDelta::milliseconds(900 * n))
            .collect();
        let active = active_time_of(bursts, TimeDelta::hours(2));
        assert_eq!(active, TimeDelta::milliseconds(199 * 900));
        assert_eq!(whole_seconds(active), 179);
    }

    #[test]
    fn first_and_last_are_by_time_not_by_order_written() {
        let r = measure(&["15T12:00:00", "15T09:00:00"]);
        assert_eq!(r.first_interaction, Some(t("15T09:00:00")));
        assert_eq!(r.last_interaction, Some(t("15T12:00:00")));
    }

    #[test]
    fn amendments_edit_delete_and_restore() {
        let amend = |n: u64, target: u64, change: Change| {
            Record::Amend(Amendment {
                id: Ulid::from_parts(100 + n, 0),
                at: t("16T00:00:00"),
                target: Ulid::from_parts(target, 0),
                change,
            })
        };
        let records = vec![
            Record::Interaction(note(1, "15T10:00:00")),
            Record::Interaction(note(2, "15T11:00:00")),
            Record::Interaction(note(3, "15T12:00:00")),
            amend(1, 1, Change::Text("edited".into())),
            amend(2, 2, Change::Deleted(true)),
            amend(3, 3, Change::Deleted(true)),
            amend(4, 3, Change::Deleted(false)),
            amend(5, 99, Change::Deleted(true)),
        ];
        let texts: Vec<String> = materialize(records).into_iter().map(|i| i.text).collect();
        assert_eq!(texts, ["edited", "note 3"]);
    }
}
