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
        let after = |at| {
            (0..timeline.count())
                .filter(|&i| timeline.at(i) > at)
                .count()
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
