//! The protocol's success metrics, computed from every session (pure).

use chrono::TimeDelta;
use serde::Serialize;

use crate::session::{Interaction, MissionStatus, Session};
use crate::timeline::reality;

/// Mission completion, context preservation across gaps, and work patterns.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Stats {
    /// Sessions in the store.
    pub sessions: usize,
    /// Missions completed.
    pub completed: usize,
    /// Missions abandoned.
    pub abandoned: usize,
    /// Completed out of ended missions, if any ended.
    pub completion_rate: Option<f64>,
    /// Interactions across every session.
    pub interactions: usize,
    /// The median number of interactions in a session.
    pub median_interactions_per_session: usize,
    /// Active time across every session.
    pub active_seconds: i64,
    /// Gaps across every session (each crossed without ending its session).
    pub gap_count: usize,
    /// The median gap, if any.
    pub median_gap_seconds: Option<i64>,
    /// The longest gap, if any.
    pub longest_gap_seconds: Option<i64>,
}

/// Computes the metrics over `(session, interactions in time order)` pairs.
pub fn compute(sessions: &[(Session, Vec<Interaction>)], threshold: TimeDelta) -> Stats {
    let count = |status| {
        sessions
            .iter()
            .filter(|(s, _)| s.mission.status == status)
            .count()
    };
    let completed = count(MissionStatus::Complete);
    let abandoned = count(MissionStatus::Abandoned);
    let mut per_session: Vec<usize> = sessions.iter().map(|(_, i)| i.len()).collect();
    let mut gaps = Vec::new();
    let mut active_seconds = 0;
    for (session, interactions) in sessions {
        let r = reality(interactions, threshold, session.progress());
        active_seconds += r.active_seconds;
        gaps.extend(r.gaps.iter().map(|g| g.seconds));
    }
    per_session.sort_unstable();
    gaps.sort_unstable();
    let ended = completed + abandoned;
    Stats {
        sessions: sessions.len(),
        completed,
        abandoned,
        completion_rate: (ended > 0).then(|| completed as f64 / ended as f64),
        interactions: per_session.iter().sum(),
        median_interactions_per_session: median(&per_session).unwrap_or(0),
        active_seconds,
        gap_count: gaps.len(),
        median_gap_seconds: median(&gaps),
        longest_gap_seconds: gaps.last().copied(),
    }
}

/// The middle value of a sorted slice (the lower middle for an even count).
fn median<T: Copy>(sorted: &[T]) -> Option<T> {
    sorted.get(sorted.len().saturating_sub(1) / 2).copied()
}
