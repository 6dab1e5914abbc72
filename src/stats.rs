//! The protocol's success metrics, computed from every session (pure): mission completion
//! rather than time efficiency, context kept across gaps, and sustainable work patterns.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Timelike, Utc};
use serde::Serialize;

use crate::session::{MissionStatus, Session, SessionId};
use crate::timeline::{reality_of_times, whole_seconds};
use crate::zone::Zone;

/// The upper bounds of the gap-length buckets, in hours; the last bucket is open.
const GAP_BOUNDS: [(i64, &str); 5] = [
    (4, "< 4h"),
    (8, "4-8h"),
    (24, "8h-1d"),
    (72, "1-3d"),
    (168, "3d-1w"),
];

/// One bar of a distribution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Bucket {
    /// What it counts.
    pub label: String,
    /// How many.
    pub count: usize,
}

/// One week of sessions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Week {
    /// Its Monday.
    pub start: NaiveDate,
    /// Sessions started that week.
    pub started: usize,
    /// Missions completed that week.
    pub completed: usize,
    /// Interactions logged that week.
    pub interactions: usize,
}

/// One session's figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SessionFigures {
    /// The session.
    pub session: SessionId,
    /// Where its mission stands.
    pub status: MissionStatus,
    /// Its interactions.
    pub interactions: usize,
    /// Its active time.
    pub active_seconds: i64,
    /// Its gaps, each crossed without ending it.
    pub gaps: usize,
}

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
    /// Active time across every session (the exact sum, floored once).
    pub active_seconds: i64,
    /// Gaps across every session (each crossed without ending its session).
    pub gap_count: usize,
    /// The median gap, if any.
    pub median_gap_seconds: Option<i64>,
    /// The longest gap, if any.
    pub longest_gap_seconds: Option<i64>,
    /// Gaps by length.
    pub gap_lengths: Vec<Bucket>,
    /// Interactions by hour of the day (local), 0 to 23.
    pub by_hour: Vec<usize>,
    /// Interactions by day of the week (local), Monday first.
    pub by_weekday: Vec<usize>,
    /// Sessions started and completed, week by week, oldest first.
    pub weeks: Vec<Week>,
    /// Each session's figures, in id order.
    pub per_session: Vec<SessionFigures>,
}

/// Computes the metrics over `(session, times of its interactions in order)` pairs; hours, days and
/// weeks are read in `zone`.
pub fn compute(
    sessions: &[(Session, Vec<DateTime<Utc>>)],
    threshold: TimeDelta,
    zone: Zone,
) -> Stats {
    let count = |status| {
        sessions
            .iter()
            .filter(|(s, _)| s.mission.status == status)
            .count()
    };
    let (completed, abandoned) = (
        count(MissionStatus::Complete),
        count(MissionStatus::Abandoned),
    );
    let mut stats = Stats {
        sessions: sessions.len(),
        completed,
        abandoned,
        completion_rate: (completed + abandoned > 0)
            .then(|| completed as f64 / (completed + abandoned) as f64),
        by_hour: vec![0; 24],
        by_weekday: vec![0; 7],
        ..Stats::default()
    };
    let mut gaps = Vec::new();
    let mut active = TimeDelta::zero();
    for (session, times) in sessions {
        let r = reality_of_times(times, threshold, session.progress());
        active = active.checked_add(&r.active).unwrap_or(TimeDelta::MAX);
        gaps.extend(r.gaps.iter().map(|g| g.seconds));
        stats.per_session.push(SessionFigures {
            session: session.id.clone(),
            status: session.mission.status,
            interactions: times.len(),
            active_seconds: r.active_seconds,
            gaps: r.gap_count,
        });
        for &at in times {
            let local = zone.show(at);
            stats.by_hour[local.hour() as usize] += 1;
            stats.by_weekday[local.weekday().num_days_from_monday() as usize] += 1;
        }
    }
    stats.active_seconds = whole_seconds(active);
    stats.weeks = weeks(sessions, zone);
    let mut per_session: Vec<usize> = stats.per_session.iter().map(|s| s.interactions).collect();
    per_session.sort_unstable();
    gaps.sort_unstable();
    stats.interactions = per_session.iter().sum();
    stats.median_interactions_per_session = median(&per_session).unwrap_or(0);
    stats.gap_count = gaps.len();
    stats.median_gap_seconds = median(&gaps);
    stats.longest_gap_seconds = gaps.last().copied();
    stats.gap_lengths = gap_lengths(&gaps);
    stats
}

/// Sessions started and completed and interactions logged, week by week.
fn weeks(sessions: &[(Session, Vec<DateTime<Utc>>)], zone: Zone) -> Vec<Week> {
    fn week_of(weeks: &mut BTreeMap<NaiveDate, Week>, zone: Zone, at: DateTime<Utc>) -> &mut Week {
        let date = zone.show(at).date_naive();
        let monday = TimeDelta::days(date.weekday().num_days_from_monday().into());
        let start = date.checked_sub_signed(monday).unwrap_or(NaiveDate::MIN);
        weeks.entry(start).or_insert(Week {
            start,
            started: 0,
            completed: 0,
            interactions: 0,
        })
    }
    let mut weeks = BTreeMap::new();
    for (session, times) in sessions {
        week_of(&mut weeks, zone, session.created).started += 1;
        if let (Some(ended), MissionStatus::Complete) = (session.ended, session.mission.status) {
            week_of(&mut weeks, zone, ended).completed += 1;
        }
        for &at in times {
            week_of(&mut weeks, zone, at).interactions += 1;
        }
    }
    weeks.into_values().collect()
}

/// Counts gaps into the length buckets.
fn gap_lengths(gaps: &[i64]) -> Vec<Bucket> {
    let mut buckets: Vec<Bucket> = GAP_BOUNDS
        .iter()
        .map(|(_, label)| Bucket {
            label: label.to_string(),
            count: 0,
        })
        .chain(std::iter::once(Bucket {
            label: "> 1w".into(),
            count: 0,
        }))
        .collect();
    for &gap in gaps {
        let at = GAP_BOUNDS
            .iter()
            .position(|(hours, _)| gap < hours * 3600)
            .unwrap_or(GAP_BOUNDS.len());
        buckets[at].count += 1;
    }
    buckets
}

/// The middle value of a sorted slice (the lower middle for an even count).
fn median<T: Copy>(sorted: &[T]) -> Option<T> {
    sorted.get(sorted.len().saturating_sub(1) / 2).copied()
}
