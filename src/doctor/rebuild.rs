//! Rebuilding a `session.json` that cannot be read, from whatever parts of it still read
//! and from the timeline, which logs every step planned, done and reopened, every
//! decision and the mission's start and end.

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::record::Record;
use crate::session::{Decision, Interaction, Kind, MissionStatus, Session, SessionId, Step};
use crate::timeline;

/// A session rebuilt from a damaged file's readable parts (`salvage`) and the timeline.
/// Steps and decisions come from the file when its lists still read, from the timeline's
/// notes otherwise (a step deleted or renamed since may come back: more is kept, never
/// less). The mission is paused unless the timeline says it ended.
pub fn rebuild_session(
    id: &SessionId,
    salvage: Option<&Value>,
    records: Vec<Record>,
    now: DateTime<Utc>,
) -> Session {
    let interactions = timeline::materialize(records);
    let started = interactions.first();
    let title = salvage
        .and_then(|v| v.pointer("/mission/title")?.as_str().map(str::to_string))
        .or_else(|| {
            interactions
                .iter()
                .find_map(|i| i.text.strip_prefix("Mission started: "))
                .map(str::to_string)
        })
        .unwrap_or_else(|| format!("Recovered session {id}"));
    let mut session = Session::new(id.clone(), title, started.map_or(now, |i| i.at));
    session.mission.status = MissionStatus::Paused;
    for i in &interactions {
        let ended = [
            ("Mission complete: ", MissionStatus::Complete),
            ("Mission abandoned: ", MissionStatus::Abandoned),
        ];
        if let Some((_, status)) = ended.iter().find(|(p, _)| i.text.starts_with(p)) {
            session.mission.status = *status;
            session.ended = Some(i.at);
        }
    }
    let items = |key: &str| -> Option<Vec<Value>> { salvage?.get(key)?.as_array().cloned() };
    session.steps = match items("steps") {
        Some(steps) => steps
            .into_iter()
            .filter_map(|v| serde_json::from_value(v).ok())
            .collect(),
        None => steps_from(&interactions),
    };
    session.decisions = match items("decisions") {
        Some(decisions) => decisions
            .into_iter()
            .filter_map(|v| serde_json::from_value(v).ok())
            .collect(),
        None => decisions_from(&interactions),
    };
    session
}

/// The steps the timeline's notes describe: planned, done, reopened.
fn steps_from(interactions: &[Interaction]) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    for i in interactions {
        let text = &i.text;
        if let Some(planned) = text
            .strip_prefix("Next step: ")
            .filter(|_| i.kind == Kind::Step)
        {
            steps.push(Step {
                id: crate::id::new(),
                number: steps.len() as u32 + 1,
                text: planned.to_string(),
                done: false,
                created: i.at,
                done_at: None,
            });
        } else if let Some(done) = text
            .strip_prefix("Done: ")
            .filter(|_| i.kind == Kind::Progress)
        {
            if let Some(step) = steps.iter_mut().find(|s| s.text == done && !s.done) {
                step.done = true;
                step.done_at = Some(i.at);
            }
        } else if let Some(reopened) = text.strip_prefix("Reopened: ")
            && i.kind == Kind::Step
            && let Some(step) = steps.iter_mut().find(|s| s.text == reopened && s.done)
        {
            step.done = false;
            step.done_at = None;
        }
    }
    steps
}

/// The decisions the timeline's notes record (their rationales are only in the file).
fn decisions_from(interactions: &[Interaction]) -> Vec<Decision> {
    interactions
        .iter()
        .filter(|i| i.kind == Kind::Decision)
        .filter_map(|i| {
            Some(Decision {
                id: crate::id::new(),
                at: i.at,
                text: i.text.strip_prefix("Decided: ")?.to_string(),
                why: None,
            })
        })
        .collect()
}
