//! The journal across missions (pure): what happened in a span of time, in time order and
//! grouped by local day, with the silences longer than the gap threshold acknowledged, and
//! each day's active time and missions touched.
//!
//! Gaps and active time are the person's, across every mission: a silence is a gap when no
//! mission saw an interaction for longer than the threshold. A pause that crosses midnight
//! counts on the day it ends, so the days' active times add up to the span's.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::session::{Interaction, SessionId};
use crate::timeline::{Gap, active_time_of, gaps, whole_seconds};
use crate::when::Span;
use crate::zone::Zone;

/// An interaction with the mission it belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// The session.
    pub session: SessionId,
    /// Its mission's title.
    pub mission: String,
    /// What happened.
    #[serde(flatten)]
    pub interaction: Interaction,
}

/// One entry of a day, in time order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Entry {
    /// A silence across every mission longer than the gap threshold, before the next
    /// interaction (in the day that interaction is in).
    Gap(Gap),
    /// Something that happened.
    Interaction(Line),
}

/// A mission touched, with its figures over a day or the whole span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Touched {
    /// The session.
    pub session: SessionId,
    /// Its mission's title.
    pub mission: String,
    /// Its interactions there.
    pub interactions: usize,
    /// Its active time there (its own pauses that are not gaps), floored.
    pub active_seconds: i64,
}

/// One local day with at least one interaction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Day {
    /// The date, in local time.
    pub date: NaiveDate,
    /// The active time of the day, floored.
    pub active_seconds: i64,
    /// The missions touched, in the order first touched.
    pub missions: Vec<Touched>,
    /// The gaps and interactions, in time order.
    pub entries: Vec<Entry>,
}

/// The journal of a span of time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journal {
    /// The first instant of the span, if it has a start.
    pub since: Option<DateTime<Utc>>,
    /// The first instant after it, if it has an end.
    pub until: Option<DateTime<Utc>>,
    /// The silence past which a pause is a gap, in seconds.
    pub gap_threshold_seconds: i64,
    /// The interactions in the span.
    pub interactions: usize,
    /// The active time of the span (the exact sum, floored once).
    pub active_seconds: i64,
    /// The gaps in the span.
    pub gap_count: usize,
    /// The missions touched, in the order first touched.
    pub missions: Vec<Touched>,
    /// The days with interactions, oldest first.
    pub days: Vec<Day>,
}

/// The journal of `lines` (in any order; those at the same time keep their order), days
/// read in `zone`.
pub fn build(mut lines: Vec<Line>, span: Span, threshold: TimeDelta, zone: Zone) -> Journal {
    lines.sort_by_key(|l| l.interaction.at);
    let times: Vec<DateTime<Utc>> = lines.iter().map(|l| l.interaction.at).collect();
    let found = gaps(&times, threshold);
    let gap_count = found.len();
    let mut gap_before: HashMap<usize, Gap> = found
        .into_iter()
        .map(|g| (times.partition_point(|&t| t < g.end), g))
        .collect();
    let mut days: Vec<Day> = Vec::new();
    let mut starts = Vec::new();
    for (index, line) in lines.into_iter().enumerate() {
        let date = zone.show(line.interaction.at).date_naive();
        if days.last().is_none_or(|d| d.date != date) {
            days.push(Day {
                date,
                active_seconds: 0,
                missions: Vec::new(),
                entries: Vec::new(),
            });
            starts.push(index);
        }
        let day = days.last_mut().expect("a day was pushed");
        if let Some(gap) = gap_before.remove(&index) {
            day.entries.push(Entry::Gap(gap));
        }
        day.entries.push(Entry::Interaction(line));
    }
    for (n, day) in days.iter_mut().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(times.len());
        // the pause before the day's first interaction counts on this day
        let from = starts[n].saturating_sub(1);
        day.active_seconds =
            whole_seconds(active_time_of(times[from..end].iter().copied(), threshold));
    }
    let missions = touched(&mut days, threshold);
    Journal {
        since: span.since,
        until: span.until,
        gap_threshold_seconds: threshold.num_seconds(),
        interactions: times.len(),
        active_seconds: whole_seconds(active_time_of(times.iter().copied(), threshold)),
        gap_count,
        missions,
        days,
    }
}

/// Fills in each day's missions; returns them over the whole span. A mission's active time
/// is its own (the pauses between its interactions), its pause into a day counted there.
fn touched(days: &mut [Day], threshold: TimeDelta) -> Vec<Touched> {
    let mut last: HashMap<SessionId, DateTime<Utc>> = HashMap::new();
    let mut span: Vec<(Touched, TimeDelta)> = Vec::new();
    for day in days {
        let mut of_day: Vec<(Touched, Vec<DateTime<Utc>>)> = Vec::new();
        for entry in &day.entries {
            let Entry::Interaction(line) = entry else {
                continue;
            };
            let at = line.interaction.at;
            match of_day.iter_mut().find(|(t, _)| t.session == line.session) {
                Some((_, times)) => times.push(at),
                None => of_day.push((
                    touch(line),
                    last.get(&line.session)
                        .into_iter()
                        .copied()
                        .chain([at])
                        .collect(),
                )),
            }
        }
        for (mut mission, times) in of_day {
            let active = active_time_of(times.iter().copied(), threshold);
            mission.interactions = times.len() - usize::from(last.contains_key(&mission.session));
            mission.active_seconds = whole_seconds(active);
            last.insert(
                mission.session.clone(),
                *times.last().expect("one time at least"),
            );
            match span.iter_mut().find(|(t, _)| t.session == mission.session) {
                Some((total, sum)) => {
                    total.interactions += mission.interactions;
                    *sum = sum.checked_add(&active).unwrap_or(TimeDelta::MAX);
                }
                None => span.push((mission.clone(), active)),
            }
            day.missions.push(mission);
        }
    }
    span.into_iter()
        .map(|(mut t, sum)| {
            t.active_seconds = whole_seconds(sum);
            t
        })
        .collect()
}

fn touch(line: &Line) -> Touched {
    Touched {
        session: line.session.clone(),
        mission: line.mission.clone(),
        interactions: 0,
        active_seconds: 0,
    }
}

#[cfg(test)]
mod tests;
