//! What a briefing needs of a session's whole timeline, read either from the interactions
//! themselves or from the timeline's summary: the same briefing comes out of both.

use std::borrow::Cow;

use chrono::{DateTime, TimeDelta, Utc};

use super::view::Timeline;
use super::{RECALL, is_work};
use crate::session::{Interaction, Kind};
use crate::timeline::{Gap, Summary, gaps_of};

/// The history a briefing is made from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct History<'a> {
    /// The latest work (resume markers left out) by time, oldest first; at most [`RECALL`].
    pub recent: Cow<'a, [Interaction]>,
    /// The gaps between the person's work, in time order.
    pub gaps: Cow<'a, [Gap]>,
    /// The last work interaction at the time the latest gap starts.
    pub gap_left: Option<Cow<'a, Interaction>>,
    /// How many interactions are later than the last freeze, when there was one.
    pub after_freeze: Option<usize>,
}

impl<'a> History<'a> {
    /// The history of `interactions` (in time order), the last freeze at `frozen`.
    pub fn of(
        interactions: &'a [Interaction],
        threshold: TimeDelta,
        frozen: Option<DateTime<Utc>>,
    ) -> Self {
        let gaps = gaps_of(work(interactions).map(|i| i.at), threshold);
        let gap_left = gaps
            .last()
            .and_then(|g| last_until(interactions, g.start))
            .map(Cow::Borrowed);
        let mut recent: Vec<Interaction> = work(interactions).rev().take(RECALL).cloned().collect();
        recent.reverse();
        History {
            recent: Cow::Owned(recent),
            gaps: Cow::Owned(gaps),
            gap_left,
            after_freeze: frozen.map(|at| interactions.iter().filter(|i| i.at > at).count()),
        }
    }

    /// The history a summary holds; it must watch the last freeze (`frozen`).
    pub fn from_summary(summary: &'a Summary, frozen: Option<DateTime<Utc>>) -> Self {
        let watched = summary.watch.filter(|w| Some(w.at) == frozen);
        debug_assert_eq!(
            watched.map(|w| w.at),
            frozen,
            "the summary watches the freeze"
        );
        History {
            recent: Cow::Borrowed(&summary.recent),
            gaps: Cow::Borrowed(&summary.work.gaps),
            gap_left: summary.gap_left.as_ref().map(Cow::Borrowed),
            after_freeze: watched.map(|w| w.after),
        }
    }

    /// The history of any [`Timeline`] (the dashboard's compact one), read by index.
    pub fn of_timeline<T: Timeline + ?Sized>(
        timeline: &T,
        threshold: TimeDelta,
        frozen: Option<DateTime<Utc>>,
    ) -> History<'static> {
        // walked, not collected: a million interactions would take tens of megabytes
        let work = || (0..timeline.count()).filter(|&i| timeline.kind(i) != Kind::Resume);
        let work_back = || {
            (0..timeline.count())
                .rev()
                .filter(|&i| timeline.kind(i) != Kind::Resume)
        };
        let gaps = gaps_of(work().map(|i| timeline.at(i)), threshold);
        let gap_left = gaps.last().and_then(|g| {
            let at = work_back().find(|&i| timeline.at(i) <= g.start)?;
            Some(Cow::Owned(timeline.interaction(at)))
        });
        let mut recent: Vec<Interaction> = work_back()
            .take(RECALL)
            .map(|i| timeline.interaction(i))
            .collect();
        recent.reverse();
        // in time order: those after `at` are the ones past the first one after it
        let after = |at| {
            let (mut low, mut high) = (0, timeline.count());
            while low < high {
                let mid = low + (high - low) / 2;
                if timeline.at(mid) > at {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            timeline.count() - low
        };
        History {
            recent: Cow::Owned(recent),
            gaps: Cow::Owned(gaps),
            gap_left,
            after_freeze: frozen.map(after),
        }
    }

    /// The person's latest interaction.
    pub fn last(&self) -> Option<&Interaction> {
        self.recent.last()
    }

    /// The interaction the person left off at: the last work at or before `left`, which is
    /// the latest work or the start of the latest gap.
    pub fn left_at(&self, left: DateTime<Utc>, back: bool) -> Option<&Interaction> {
        match back {
            true => self.gap_left.as_deref().filter(|i| i.at <= left),
            false => self.last().filter(|i| i.at <= left),
        }
    }
}

/// The person's work among `interactions`.
fn work(interactions: &[Interaction]) -> impl DoubleEndedIterator<Item = &Interaction> {
    interactions.iter().filter(|i| is_work(i))
}

/// The last work interaction at or before `left`.
pub(super) fn last_until(
    interactions: &[Interaction],
    left: DateTime<Utc>,
) -> Option<&Interaction> {
    work(interactions).rev().find(|i| i.at <= left)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Source;

    /// Read by index or from the slice, a timeline with ties and resume markers gives the
    /// same history, whichever time the last freeze was at (before all, on a tie, after all).
    #[test]
    fn a_timeline_read_by_index_gives_the_history_of_its_slice() {
        let base: DateTime<Utc> = "2025-08-16T09:00:00Z".parse().unwrap();
        let minutes = [0, 1, 1, 1, 5, 200, 200, 201, 500, 500, 900];
        let interactions: Vec<Interaction> = minutes
            .iter()
            .enumerate()
            .map(|(n, &m)| Interaction {
                id: ulid::Ulid::from_parts(n as u64, 1),
                at: base + TimeDelta::minutes(m),
                kind: if n % 4 == 3 { Kind::Resume } else { Kind::Note },
                source: Source::Cli,
                text: format!("n{n}"),
                head: None,
                branch: None,
            })
            .collect();
        let threshold = TimeDelta::hours(2);
        for frozen in [-10, 0, 1, 3, 200, 500, 900, 1000] {
            let frozen = Some(base + TimeDelta::minutes(frozen));
            let of = History::of(&interactions, threshold, frozen);
            let by_index = History::of_timeline(&interactions[..], threshold, frozen);
            assert_eq!(by_index, of, "frozen at {frozen:?}");
        }
        let none = History::of_timeline(&interactions[..], threshold, None);
        assert_eq!(none.after_freeze, None);
        let empty = History::of_timeline(&interactions[..0], threshold, Some(base));
        assert_eq!(empty.after_freeze, Some(0));
    }
}
