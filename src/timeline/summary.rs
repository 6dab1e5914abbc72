//! A timeline's whole-history figures (counts, active time, gaps, the latest work), folded
//! record by record so that a cache of them grows with the timeline instead of being
//! recomputed from its start. Pure: where the cache lives and how it is checked is the
//! store's business.
//!
//! An interaction appended out of time order (`log --at`, a record merged from another
//! device) is folded exactly: a time inside a gap splits it, a time inside an active stretch
//! changes no sum. What cannot be folded without the whole timeline (an amendment that
//! moves, deletes or re-kinds an interaction, or changes the text of one held here) makes
//! [`Summary::fold`] answer `false`: the caller rebuilds from scratch.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::{Gap, Reality, is_gap, whole_seconds};
use crate::context::{RECALL, is_work};
use crate::record::{Change, Record};
use crate::session::{Interaction, Progress};

/// The figures of a set of interaction times, as if they were sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// How many times.
    pub count: usize,
    /// The earliest.
    pub first: Option<DateTime<Utc>>,
    /// The latest.
    pub last: Option<DateTime<Utc>>,
    /// The sum of the pauses that are not gaps, exact.
    #[serde(with = "exact")]
    pub active: TimeDelta,
    /// The gaps, in time order.
    #[serde(with = "flat_gaps")]
    pub gaps: Vec<Gap>,
}

impl Tally {
    /// Adds the time `t`, placed after every equal time (as a later record is).
    pub fn insert(&mut self, t: DateTime<Utc>, threshold: TimeDelta) {
        self.count += 1;
        let (Some(first), Some(last)) = (self.first, self.last) else {
            (self.first, self.last) = (Some(t), Some(t));
            return;
        };
        if t >= last {
            self.pause(last, t, self.gaps.len(), threshold);
            self.last = Some(t);
        } else if t < first {
            self.pause(t, first, 0, threshold);
            self.first = Some(t);
        } else {
            // inside an active stretch both halves stay active and sum to the whole
            let index = self.gaps.partition_point(|g| g.start < t);
            if index > 0 && t < self.gaps[index - 1].end {
                let gap = self.gaps.remove(index - 1);
                self.pause(t, gap.end, index - 1, threshold);
                self.pause(gap.start, t, index - 1, threshold);
            }
        }
    }

    /// Counts the pause from `start` to `end` (in order): a gap at `index`, or active time.
    fn pause(&mut self, start: DateTime<Utc>, end: DateTime<Utc>, index: usize, thr: TimeDelta) {
        let delta = end - start;
        if is_gap(delta, thr) {
            let seconds = delta.num_seconds();
            self.gaps.insert(
                index,
                Gap {
                    start,
                    end,
                    seconds,
                },
            );
        } else {
            self.active = self.active.checked_add(&delta).unwrap_or(TimeDelta::MAX);
        }
    }

    /// The duration-reality report of these times.
    pub fn reality(&self, progress: Progress) -> Reality {
        Reality {
            first_interaction: self.first,
            last_interaction: self.last,
            total_interactions: self.count,
            active: self.active,
            active_seconds: whole_seconds(self.active),
            gap_count: self.gaps.len(),
            gap_seconds: self
                .gaps
                .iter()
                .fold(0i64, |sum, g| sum.saturating_add(g.seconds)),
            gaps: self.gaps.clone(),
            progress,
        }
    }
}

/// How many interactions are later than a given time (the last freeze's).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Watch {
    /// The time watched.
    pub at: DateTime<Utc>,
    /// How many interactions are later.
    pub after: usize,
}

/// Everything `report` and the resume briefing need of a whole timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// The gap threshold the figures were made with.
    #[serde(with = "exact")]
    pub threshold: TimeDelta,
    /// Every interaction.
    pub all: Tally,
    /// The person's work (resume markers left out).
    pub work: Tally,
    /// The latest work, by time (ties in the order written), oldest first; at most
    /// [`RECALL`].
    pub recent: Vec<Interaction>,
    /// The last work interaction at the time the latest work gap starts.
    pub gap_left: Option<Interaction>,
    /// When the person last saw a briefing.
    pub seen: Option<DateTime<Utc>>,
    /// The interactions later than the watched time, when one is watched.
    pub watch: Option<Watch>,
}

impl Summary {
    /// An empty summary under `threshold`, counting what comes after `watch`.
    pub fn new(threshold: TimeDelta, watch: Option<DateTime<Utc>>) -> Self {
        Summary {
            threshold,
            all: Tally::default(),
            work: Tally::default(),
            recent: Vec::new(),
            gap_left: None,
            seen: None,
            watch: watch.map(|at| Watch { at, after: 0 }),
        }
    }

    /// The summary of materialized `interactions` (in time order), briefings last seen at
    /// `seen`.
    pub fn build(
        interactions: Vec<Interaction>,
        seen: Option<DateTime<Utc>>,
        threshold: TimeDelta,
        watch: Option<DateTime<Utc>>,
    ) -> Self {
        let mut summary = Summary::new(threshold, watch);
        summary.seen = seen;
        for interaction in interactions {
            let sound = summary.insert(interaction);
            debug_assert!(sound, "interactions in time order always fold");
        }
        summary
    }

    /// Folds the next record of the timeline; `false` when the summary can no longer be
    /// kept without the whole timeline (it is then left half-changed: rebuild it).
    pub fn fold(&mut self, record: Record) -> bool {
        match record {
            Record::Interaction(i) => self.insert(i),
            Record::Seen(s) => {
                if s.by_person() {
                    self.seen = self.seen.max(Some(s.at));
                }
                true
            }
            // no figure depends on a text, except those of the interactions held whole
            Record::Amend(a) => matches!(a.change, Change::Text(_)) && !self.holds(a.target),
        }
    }

    /// Whether an interaction of id `id` is held whole.
    fn holds(&self, id: ulid::Ulid) -> bool {
        self.recent.iter().chain(&self.gap_left).any(|i| i.id == id)
    }

    /// Adds an interaction written after every one folded so far.
    fn insert(&mut self, interaction: Interaction) -> bool {
        let t = interaction.at;
        self.all.insert(t, self.threshold);
        if let Some(watch) = &mut self.watch
            && t > watch.at
        {
            watch.after += 1;
        }
        if !is_work(&interaction) {
            return true;
        }
        let latest_before = self.work.gaps.last().map(|g| g.start);
        let last_before = self.work.last;
        self.work.insert(t, self.threshold);
        let sound = match self.work.gaps.last().map(|g| g.start) {
            None => {
                self.gap_left = None;
                true
            }
            Some(left) if left == t => {
                self.gap_left = Some(interaction.clone());
                true
            }
            Some(left) if Some(left) == latest_before => true,
            Some(left) if Some(left) == last_before => {
                self.gap_left = self.recent.last().cloned();
                true
            }
            // an earlier gap became the latest: the interaction it starts at is not held
            Some(_) => false,
        };
        let place = self.recent.partition_point(|i| i.at <= t);
        if self.recent.len() < RECALL || place > 0 {
            self.recent.insert(place, interaction);
            if self.recent.len() > RECALL {
                self.recent.remove(0);
            }
        }
        sound
    }
}

/// Gaps as one flat list of numbers (seconds and nanoseconds of each start and end): a
/// cache of ten thousand gaps reads in well under a millisecond.
mod flat_gaps {
    use chrono::DateTime;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    use crate::timeline::Gap;

    /// Writes each gap as four numbers.
    pub fn serialize<S: Serializer>(gaps: &[Gap], s: S) -> Result<S::Ok, S::Error> {
        let flat: Vec<i64> = gaps
            .iter()
            .flat_map(|g| [g.start, g.end])
            .flat_map(|t| [t.timestamp(), t.timestamp_subsec_nanos().into()])
            .collect();
        flat.serialize(s)
    }

    /// Reads gaps written by [`serialize`].
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Gap>, D::Error> {
        let flat = Vec::<i64>::deserialize(d)?;
        let time = |pair: &[i64]| {
            let nanos = u32::try_from(pair[1]).ok()?;
            DateTime::from_timestamp(pair[0], nanos)
        };
        flat.chunks(4)
            .map(|g| {
                let (start, end) = match g {
                    [_, _, _, _] => (time(&g[..2]), time(&g[2..])),
                    _ => (None, None),
                };
                let (Some(start), Some(end)) = (start, end) else {
                    return Err(D::Error::custom("a gap out of range"));
                };
                let seconds = (end - start).num_seconds();
                Ok(Gap {
                    start,
                    end,
                    seconds,
                })
            })
            .collect()
    }
}

/// A [`TimeDelta`] as whole seconds and nanoseconds, exact.
mod exact {
    use chrono::TimeDelta;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    /// Writes `[seconds, nanoseconds]`.
    pub fn serialize<S: Serializer>(delta: &TimeDelta, s: S) -> Result<S::Ok, S::Error> {
        (delta.num_seconds(), delta.subsec_nanos()).serialize(s)
    }

    /// Reads a duration written by [`serialize`].
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<TimeDelta, D::Error> {
        let (secs, nanos) = <(i64, i32)>::deserialize(d)?;
        TimeDelta::try_seconds(secs)
            .and_then(|s| s.checked_add(&TimeDelta::nanoseconds(nanos.into())))
            .ok_or_else(|| D::Error::custom("a duration out of range"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::reality;

    fn t(minutes: i64) -> DateTime<Utc> {
        "2025-08-15T08:00:00Z".parse::<DateTime<Utc>>().unwrap() + TimeDelta::minutes(minutes)
    }

    #[test]
    fn times_in_any_order_tally_as_if_sorted() {
        let threshold = TimeDelta::hours(2);
        // the second splits the gap into a gap and a pause; the third falls in a stretch
        let written = [0, 600, 150, 610, 605, -300, 1000, 999];
        let mut tally = Tally::default();
        for (n, &minutes) in written.iter().enumerate() {
            tally.insert(t(minutes), threshold);
            let mut sorted: Vec<Interaction> = written[..=n]
                .iter()
                .map(|&m| Interaction {
                    id: ulid::Ulid::nil(),
                    at: t(m),
                    kind: crate::session::Kind::Note,
                    source: crate::session::Source::Cli,
                    text: String::new(),
                    head: None,
                    branch: None,
                })
                .collect();
            sorted.sort_by_key(|i| i.at);
            let whole = reality(&sorted, threshold, Progress::default());
            assert_eq!(tally.reality(Progress::default()), whole, "after {n}");
        }
    }
}
