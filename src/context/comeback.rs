//! The comeback: the silence before the person came back, and whether they have seen the
//! briefing it owes them. Resume markers ("Resumed mission") are not the person's work:
//! they never shorten a silence.

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

use crate::session::{Interaction, Kind};
use crate::timeline::{Gap, is_gap};

/// A silence past the gap threshold: when the person left, and when they came back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Return {
    /// The last interaction before the silence: when the person left.
    pub left: DateTime<Utc>,
    /// The first interaction after it, when they have logged since (from a popup, a
    /// script); `None` while they are only now coming back.
    pub back: Option<DateTime<Utc>>,
    /// How long the silence lasted (until `back`, or until now).
    pub seconds: i64,
    /// Whether the person has not seen a briefing since the silence began.
    pub unseen: bool,
    /// How many earlier gaps went unseen too.
    pub earlier_unseen: usize,
}

impl Return {
    /// The silence's length.
    pub fn length(&self) -> TimeDelta {
        crate::time_range::seconds(self.seconds)
    }
}

/// Whether an interaction is the person's work (not a marker of a resumption).
pub fn is_work(interaction: &Interaction) -> bool {
    interaction.kind != Kind::Resume
}

/// The latest of the person's interactions (resume markers left out).
pub fn last_work(interactions: &[Interaction]) -> Option<&Interaction> {
    interactions.iter().rev().find(|i| is_work(i))
}

/// The return a briefing states, if any: the current silence when it is a gap, otherwise
/// the latest gap the person has not seen a briefing for (they logged after it from a
/// popup or a script). `seen` is when the person last saw a briefing; a gap counts as seen
/// when that was after the silence had become a gap. `interactions` are in time order.
pub fn latest_return(
    interactions: &[Interaction],
    seen: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    threshold: TimeDelta,
) -> Option<Return> {
    let times: Vec<DateTime<Utc>> = interactions
        .iter()
        .filter(|i| is_work(i))
        .map(|i| i.at)
        .collect();
    let gaps = crate::timeline::gaps(&times, threshold);
    return_from(&gaps, times.last().copied(), seen, now, threshold)
}

/// Like [`latest_return`], from the gaps between the person's work and its latest time.
pub fn return_from(
    gaps: &[Gap],
    last: Option<DateTime<Utc>>,
    seen: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    threshold: TimeDelta,
) -> Option<Return> {
    let unseen =
        |left: DateTime<Utc>| seen.is_none_or(|s| s <= crate::time_range::plus(left, threshold));
    let before = last?;
    let current = is_gap(now - before, threshold).then_some((before, None));
    let stated = match current {
        Some(silence) => silence,
        None => gaps
            .iter()
            .rev()
            .map(|g| (g.start, Some(g.end)))
            .find(|(left, _)| unseen(*left))?,
    };
    let earlier_unseen = gaps
        .iter()
        .filter(|g| g.start < stated.0 && unseen(g.start))
        .count();
    let (left, back) = stated;
    Some(Return {
        left,
        back,
        seconds: (back.unwrap_or(now) - left).num_seconds().max(0),
        unseen: unseen(left),
        earlier_unseen,
    })
}

/// [`latest_return`] over any [`Timeline`] (the dashboard's compact one).
pub fn latest_return_in<T: super::Timeline + ?Sized>(
    interactions: &T,
    seen: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    threshold: TimeDelta,
) -> Option<Return> {
    let times: Vec<DateTime<Utc>> = super::view::work_back(interactions)
        .map(|i| interactions.at(i))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let gaps = crate::timeline::gaps(&times, threshold);
    return_from(&gaps, times.last().copied(), seen, now, threshold)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Source;

    fn t(s: &str) -> DateTime<Utc> {
        format!("2025-08-{s}Z").parse().unwrap()
    }

    fn at(s: &str, kind: Kind) -> Interaction {
        Interaction {
            id: crate::id::new(),
            at: t(s),
            kind,
            source: Source::Cli,
            text: s.into(),
            head: None,
            branch: None,
        }
    }

    fn notes(times: &[&str]) -> Vec<Interaction> {
        times.iter().map(|s| at(s, Kind::Note)).collect()
    }

    const H2: TimeDelta = TimeDelta::hours(2);

    #[test]
    fn coming_back_now_states_the_silence_until_now() {
        let timeline = notes(&["15T23:41:00", "15T23:50:34"]);
        let r = latest_return(&timeline, None, t("16T08:08:02"), H2).unwrap();
        assert_eq!((r.left, r.back), (t("15T23:50:34"), None));
        assert_eq!(r.seconds, 8 * 3600 + 17 * 60 + 28);
        assert!(r.unseen);
    }

    #[test]
    fn a_log_from_a_popup_after_the_gap_leaves_it_owed_until_seen() {
        let timeline = notes(&["15T23:50:34", "16T08:08:02"]);
        let now = t("16T08:20:00");
        let r = latest_return(&timeline, None, now, H2).unwrap();
        assert_eq!(r.back, Some(t("16T08:08:02")));
        assert!(r.unseen);
        let seen_later = latest_return(&timeline, Some(t("16T08:10:00")), now, H2);
        assert_eq!(seen_later, None, "seen after the return: nothing is owed");
        let seen_before = latest_return(&timeline, Some(t("15T23:55:00")), now, H2);
        assert!(
            seen_before.is_some_and(|r| r.unseen),
            "seen before it was a gap"
        );
    }

    #[test]
    fn resume_markers_never_shorten_the_silence() {
        let mut timeline = notes(&["14T12:00:00"]);
        timeline.push(at("16T07:59:30", Kind::Resume));
        let r = latest_return(&timeline, None, t("16T08:00:00"), H2).unwrap();
        assert_eq!(r.left, t("14T12:00:00"));
        assert_eq!(r.seconds, TimeDelta::hours(44).num_seconds());
    }

    #[test]
    fn the_latest_unseen_gap_is_stated_with_a_count_of_the_earlier_ones() {
        let timeline = notes(&["14T09:00:00", "14T20:00:00", "15T09:00:00", "16T09:00:00"]);
        let now = t("16T09:30:00");
        let r = latest_return(&timeline, None, now, H2).unwrap();
        assert_eq!((r.left, r.back), (t("15T09:00:00"), Some(t("16T09:00:00"))));
        assert_eq!(r.earlier_unseen, 2);
        let r = latest_return(&timeline, Some(t("15T10:00:00")), now, H2).unwrap();
        assert_eq!(
            r.earlier_unseen, 0,
            "the gaps before the last look were seen"
        );
    }

    #[test]
    fn a_seen_current_silence_is_still_stated_but_not_owed() {
        let timeline = notes(&["15T23:50:34"]);
        let r = latest_return(&timeline, Some(t("16T08:00:00")), t("16T08:08:02"), H2).unwrap();
        assert!(!r.unseen);
        assert_eq!(latest_return(&[], None, t("16T08:00:00"), H2), None);
    }
}
