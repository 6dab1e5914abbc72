//! Restoring context: the resume briefing, built from a session and its timeline (pure).

pub mod agent;
mod comeback;
mod history;
mod view;

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

pub use comeback::{Return, is_work, last_work, latest_return, latest_return_in, return_from};
pub use history::History;
pub use view::Timeline;

use crate::reality::{LeftAt, WorkspaceChange};
use crate::session::{Decision, Interaction, Mission, Progress, Session, SessionId};

/// How many decisions and interactions a briefing recalls.
pub const RECALL: usize = 5;

/// An open step with its number in the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NumberedStep {
    /// Its number (`step done N`).
    pub number: u32,
    /// What is to be done.
    pub text: String,
}

/// What happened since the context was last frozen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SinceFreeze {
    /// When the context was frozen.
    pub frozen_at: DateTime<Utc>,
    /// Steps done since.
    pub steps_done: Vec<String>,
    /// Decisions made since.
    pub decisions_made: usize,
    /// Interactions logged since.
    pub interactions_logged: usize,
}

/// Everything a person needs to pick up a mission cold.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Briefing {
    /// The session.
    pub session: SessionId,
    /// The mission.
    pub mission: Mission,
    /// Steps done out of planned.
    pub progress: Progress,
    /// When the briefing was made.
    pub now: DateTime<Utc>,
    /// The person's latest interaction (resume markers left out), if any.
    pub last_interaction: Option<DateTime<Utc>>,
    /// Seconds since the latest interaction.
    pub seconds_since_last: Option<i64>,
    /// Whether the briefing states a gap: the person is coming back now, or has not seen
    /// a briefing since they came back.
    pub after_gap: bool,
    /// The silence the briefing states, when there is one.
    pub gap: Option<Return>,
    /// The steps still open, in plan order.
    pub next_steps: Vec<NumberedStep>,
    /// The steps done, in plan order.
    pub done_steps: Vec<NumberedStep>,
    /// The latest decisions, oldest first.
    pub recent_decisions: Vec<Decision>,
    /// The latest interactions, oldest first.
    pub recent_interactions: Vec<Interaction>,
    /// What happened since the last freeze, if there was one.
    pub since_freeze: Option<SinceFreeze>,
    /// The workspace the session follows, if any.
    pub workspace: Option<String>,
    /// What changed in the workspace since the last interaction (filled in by the caller,
    /// which can run git).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workspace_changes: Option<WorkspaceChange>,
}

impl Briefing {
    /// The silence since the latest interaction.
    pub fn since_last(&self) -> Option<TimeDelta> {
        self.seconds_since_last.map(crate::time_range::seconds)
    }

    /// Whether the person has yet to see this briefing's gap.
    pub fn owed(&self) -> bool {
        self.gap.is_some_and(|g| g.unseen)
    }
}

/// Builds the briefing for `session` at `now`; `interactions` are in time order, and `seen`
/// is when the person last saw a briefing of this session.
pub fn briefing(
    session: &Session,
    interactions: &[Interaction],
    seen: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    threshold: TimeDelta,
) -> Briefing {
    let frozen = session.last_snapshot().map(|s| s.at);
    let history = History::of(interactions, threshold, frozen);
    briefing_from(session, &history, seen, now, threshold)
}

/// Builds the briefing for `session` at `now` from what it needs of the timeline
/// ([`History`]); `seen` is when the person last saw a briefing of this session.
pub fn briefing_from(
    session: &Session,
    history: &History<'_>,
    seen: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    threshold: TimeDelta,
) -> Briefing {
    let last = history.last().map(|i| i.at);
    let since = last.map(|at| (now - at).max(TimeDelta::zero()));
    let gap = return_from(&history.gaps, last, seen, now, threshold);
    let numbered = |done: bool| -> Vec<NumberedStep> {
        session
            .steps
            .iter()
            .filter(|s| s.done == done)
            .map(|s| NumberedStep {
                number: s.number,
                text: s.text.clone(),
            })
            .collect()
    };
    Briefing {
        session: session.id.clone(),
        mission: session.mission.clone(),
        progress: session.progress(),
        now,
        last_interaction: last,
        seconds_since_last: since.map(|d| d.num_seconds()),
        after_gap: gap.is_some(),
        gap,
        next_steps: numbered(false),
        done_steps: numbered(true),
        recent_decisions: latest_decisions(&session.decisions),
        recent_interactions: history.recent.to_vec(),
        since_freeze: since_freeze(session, history.after_freeze),
        workspace: session.workspace.as_ref().map(|w| w.display().to_string()),
        workspace_changes: None,
    }
}

/// Where the person left off, one moment for everything "what changed" compares: the start
/// of the silence the briefing states (the person's latest interaction when it states
/// none). The commit and branch are those that interaction recorded; failing those, what
/// the latest snapshot taken before the person came back saw (switching away, quitting the
/// dashboard and `freeze` take one), which also says what was uncommitted then.
pub fn left_at(session: &Session, interactions: &[Interaction], gap: Option<&Return>) -> LeftAt {
    let left = gap
        .map(|g| g.left)
        .or_else(|| last_work(interactions).map(|i| i.at));
    let last = left.and_then(|left| history::last_until(interactions, left));
    left_with(session, left, last, gap)
}

/// Like [`left_at`], from what a [`History`] holds.
pub fn left_at_from(session: &Session, history: &History<'_>, gap: Option<&Return>) -> LeftAt {
    let left = gap.map(|g| g.left).or_else(|| history.last().map(|i| i.at));
    let back = gap.is_some_and(|g| g.back.is_some());
    let last = left.and_then(|left| history.left_at(left, back));
    left_with(session, left, last, gap)
}

/// Where the person left off, `left`, `last` being their last work then.
fn left_with(
    session: &Session,
    left: Option<DateTime<Utc>>,
    last: Option<&Interaction>,
    gap: Option<&Return>,
) -> LeftAt {
    let until = gap.and_then(|g| g.back);
    let snapshot = session
        .snapshots
        .iter()
        .filter(|s| until.is_none_or(|back| s.at < back))
        .max_by_key(|s| s.at);
    let workspace = snapshot.and_then(|s| s.workspace.as_ref());
    let since_left = snapshot.is_some_and(|s| left.is_none_or(|left| s.at >= left));
    let then = workspace.filter(|_| since_left);
    LeftAt {
        at: left,
        head: last
            .and_then(|i| i.head.clone())
            .or_else(|| then.and_then(|w| w.head.clone())),
        branch: last
            .and_then(|i| i.branch.clone())
            .or_else(|| workspace.and_then(|w| w.branch.clone())),
        dirty: then.map(|w| w.dirty.clone()),
    }
}

/// The latest decisions by time (an undone delete puts one back at its old place), oldest
/// first.
fn latest_decisions(decisions: &[Decision]) -> Vec<Decision> {
    let mut latest = decisions.to_vec();
    latest.sort_by_key(|d| d.at);
    latest.split_off(latest.len().saturating_sub(RECALL))
}

fn since_freeze(session: &Session, after_freeze: Option<usize>) -> Option<SinceFreeze> {
    let frozen_at = session.last_snapshot()?.at;
    Some(SinceFreeze {
        frozen_at,
        steps_done: session
            .steps
            .iter()
            .filter(|s| s.done_at.is_some_and(|at| at > frozen_at))
            .map(|s| s.text.clone())
            .collect(),
        decisions_made: session
            .decisions
            .iter()
            .filter(|d| d.at > frozen_at)
            .count(),
        interactions_logged: after_freeze.unwrap_or_default(),
    })
}

/// [`briefing`] over any [`Timeline`] (the dashboard's compact one).
pub fn briefing_in<T: Timeline + ?Sized>(
    session: &Session,
    interactions: &T,
    seen: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    threshold: TimeDelta,
) -> Briefing {
    let frozen = session.last_snapshot().map(|s| s.at);
    let history = History::of_timeline(interactions, threshold, frozen);
    briefing_from(session, &history, seen, now, threshold)
}

/// [`left_at`] over any [`Timeline`]: a compact one may leave out the commit and branch
/// of the interaction [`left_interaction`] names.
pub fn left_at_in<T: Timeline + ?Sized>(
    session: &Session,
    interactions: &T,
    gap: Option<&Return>,
) -> LeftAt {
    let left = gap.map(|g| g.left).or_else(|| {
        view::work_back(interactions)
            .next()
            .map(|i| interactions.at(i))
    });
    let last = left_interaction(interactions, gap).map(|i| interactions.interaction(i));
    left_with(session, left, last.as_ref(), gap)
}

/// The index of the interaction the person left at ([`left_at`]): their latest work at or
/// before the start of the silence `gap` states (their latest work when it states none).
pub fn left_interaction<T: Timeline + ?Sized>(
    interactions: &T,
    gap: Option<&Return>,
) -> Option<usize> {
    let left = gap.map(|g| g.left).or_else(|| {
        view::work_back(interactions)
            .next()
            .map(|i| interactions.at(i))
    })?;
    view::work_back(interactions).find(|&i| interactions.at(i) <= left)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{Kind, Snapshot, Source, Step};
    use ulid::Ulid;

    fn t(s: &str) -> DateTime<Utc> {
        format!("2025-08-{s}Z").parse().unwrap()
    }

    fn session() -> Session {
        let mut s = Session::new(
            "4".parse().unwrap(),
            "Implement Reality Agents".into(),
            t("15T20:00:00"),
        );
        for (n, (text, done_at)) in [
            ("Draft", Some("15T23:00:00")),
            ("Logger", None),
            ("Tests", Some("16T08:09:00")),
        ]
        .into_iter()
        .enumerate()
        {
            s.steps.push(Step {
                id: Ulid::from_parts(n as u64, 0),
                number: 0,
                text: text.into(),
                done: done_at.is_some(),
                created: t("15T20:00:00"),
                done_at: done_at.map(t),
            });
        }
        s.number_steps();
        s
    }

    fn note(at: &str) -> Interaction {
        Interaction {
            id: crate::id::new(),
            at: t(at),
            kind: Kind::Note,
            source: Source::Cli,
            text: at.into(),
            head: None,
            branch: None,
        }
    }

    #[test]
    fn a_briefing_after_a_night_names_the_gap_and_the_open_steps() {
        let timeline: Vec<_> = ["15T23:41:00", "15T23:50:34"]
            .into_iter()
            .map(note)
            .collect();
        let b = briefing(
            &session(),
            &timeline,
            None,
            t("16T08:08:02"),
            TimeDelta::hours(2),
        );
        assert_eq!(b.seconds_since_last, Some(8 * 3600 + 17 * 60 + 28));
        assert!(b.after_gap);
        assert_eq!(b.progress, Progress { done: 2, total: 3 });
        assert_eq!(
            b.next_steps,
            [NumberedStep {
                number: 2,
                text: "Logger".into()
            }]
        );
        assert_eq!(b.recent_interactions.len(), 2);
        assert_eq!(b.since_freeze, None);
    }

    #[test]
    fn a_short_pause_is_not_a_gap_and_an_empty_timeline_has_no_last() {
        let timeline = vec![note("16T08:00:00")];
        assert!(
            !briefing(
                &session(),
                &timeline,
                None,
                t("16T09:00:00"),
                TimeDelta::hours(2)
            )
            .after_gap
        );
        let empty = briefing(&session(), &[], None, t("16T09:00:00"), TimeDelta::hours(2));
        assert_eq!((empty.last_interaction, empty.after_gap), (None, false));
    }

    #[test]
    fn since_freeze_counts_what_happened_after_the_snapshot() {
        let mut s = session();
        s.snapshots.push(Snapshot {
            id: crate::id::new(),
            at: t("16T00:00:00"),
            mission: s.mission.clone(),
            progress: Progress { done: 1, total: 3 },
            next_steps: vec![],
            key_decisions: vec![],
            interactions: 2,
            workspace: None,
        });
        let timeline: Vec<_> = ["15T23:50:34", "16T08:08:02", "16T08:09:00"]
            .into_iter()
            .map(note)
            .collect();
        let since = briefing(&s, &timeline, None, t("16T08:10:00"), TimeDelta::hours(2))
            .since_freeze
            .unwrap();
        assert_eq!(since.steps_done, ["Tests"]);
        assert_eq!(since.interactions_logged, 2);
    }
}
