//! A session's state as the fold of its records, and the records that take one state to
//! another. Pure: no IO, no clock.
//!
//! The fold applies the records in the order of their ids (a clock every machine agrees
//! on), each record once: the latest change to each field wins. Two machines that hold
//! the same records, in any order and however often merged, fold them to the same state.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use ulid::Ulid;

use super::{Decision, MAX_SNAPSHOTS, Session, Snapshot, Step};
use crate::record::state::{DecisionChange, StateChange, StateRecord, StatusChange, StepChange};

/// The session the records describe, or `None` when none of them is its base.
pub fn fold(mut records: Vec<StateRecord>) -> Option<Session> {
    records.sort_by_key(|r| r.id);
    records.dedup_by_key(|r| r.id);
    let base = records
        .iter()
        .position(|r| matches!(r.change, StateChange::Base(_)))?;
    let StateChange::Base(base) = records.remove(base).change else {
        unreachable!("found as a base")
    };
    let mut folding = Folding::new(*base);
    for record in records {
        folding.apply(record);
    }
    Some(folding.finish())
}

/// `session` in the order and form a fold gives: steps by number (a number given twice
/// given again), the latest [`MAX_SNAPSHOTS`] snapshots kept.
pub fn normalize(session: Session) -> Session {
    Folding::new(session).finish()
}

/// The records that take `old` to `new`, in the order to write them.
pub fn diff(old: &Session, new: &Session) -> Vec<StateChange> {
    let mut changes = Vec::new();
    if old.mission.title != new.mission.title {
        changes.push(StateChange::Title(new.mission.title.clone()));
    }
    if old.mission.description != new.mission.description {
        changes.push(StateChange::Description(new.mission.description.clone()));
    }
    if old.workspace != new.workspace {
        changes.push(StateChange::Workspace(new.workspace.clone()));
    }
    if old.mission.status != new.mission.status || old.ended != new.ended {
        changes.push(StateChange::Status(StatusChange {
            to: new.mission.status,
            ended: new.ended,
        }));
    }
    diff_steps(&old.steps, &new.steps, &mut changes);
    diff_decisions(&old.decisions, &new.decisions, &mut changes);
    let known: Vec<Ulid> = old.snapshots.iter().map(|s| s.id).collect();
    for snapshot in new.snapshots.iter().filter(|s| !known.contains(&s.id)) {
        changes.push(StateChange::Snapshot(Box::new(snapshot.clone())));
    }
    changes
}

fn diff_steps(old: &[Step], new: &[Step], changes: &mut Vec<StateChange>) {
    let before: HashMap<Ulid, &Step> = old.iter().map(|s| (s.id, s)).collect();
    for step in new {
        let Some(was) = before.get(&step.id) else {
            changes.push(StateChange::Step(StepChange {
                id: step.id,
                number: Some(step.number),
                created: Some(step.created),
                text: Some(step.text.clone()),
                done: Some(step.done),
                done_at: step.done_at,
                removed: Some(false),
            }));
            continue;
        };
        let mut change = StepChange {
            id: step.id,
            ..StepChange::default()
        };
        if was.text != step.text {
            change.text = Some(step.text.clone());
        }
        if was.done != step.done || was.done_at != step.done_at {
            change.done = Some(step.done);
            change.done_at = step.done_at;
        }
        if change
            != (StepChange {
                id: step.id,
                ..StepChange::default()
            })
        {
            changes.push(StateChange::Step(change));
        }
    }
    let after: Vec<Ulid> = new.iter().map(|s| s.id).collect();
    for step in old.iter().filter(|s| !after.contains(&s.id)) {
        changes.push(StateChange::Step(StepChange {
            id: step.id,
            removed: Some(true),
            ..StepChange::default()
        }));
    }
}

fn diff_decisions(old: &[Decision], new: &[Decision], changes: &mut Vec<StateChange>) {
    let before: HashMap<Ulid, &Decision> = old.iter().map(|d| (d.id, d)).collect();
    for decision in new {
        let was = before.get(&decision.id);
        if was.is_some_and(|was| was.text == decision.text && was.why == decision.why) {
            continue;
        }
        changes.push(StateChange::Decision(DecisionChange {
            id: decision.id,
            decided: was.is_none().then_some(decision.at),
            text: Some(decision.text.clone()),
            why: decision.why.clone(),
            removed: was.is_none().then_some(false),
        }));
    }
    let after: Vec<Ulid> = new.iter().map(|d| d.id).collect();
    for decision in old.iter().filter(|d| !after.contains(&d.id)) {
        changes.push(StateChange::Decision(DecisionChange {
            id: decision.id,
            removed: Some(true),
            ..DecisionChange::default()
        }));
    }
}

/// Where a decision or snapshot goes in its list: those of the base first, in its order,
/// then the others by the id of the record that brought them (the order they were made
/// in, on whichever machine).
type Place = (Option<Ulid>, usize);

/// A session being folded: steps and decisions by id, the deleted ones kept aside so a
/// later record can put them back.
struct Folding {
    session: Session,
    steps: HashMap<Ulid, (Step, bool)>,
    decisions: HashMap<Ulid, (Decision, bool, Place)>,
    snapshots: BTreeMap<Place, Snapshot>,
}

impl Folding {
    fn new(mut base: Session) -> Self {
        let steps = base.steps.drain(..).map(|s| (s.id, (s, false))).collect();
        let decisions = (base.decisions.drain(..).enumerate())
            .map(|(n, d)| (d.id, (d, false, (None, n))))
            .collect();
        let snapshots = (base.snapshots.drain(..).enumerate())
            .map(|(n, s)| ((None, n), s))
            .collect();
        Folding {
            session: base,
            steps,
            decisions,
            snapshots,
        }
    }

    fn apply(&mut self, record: StateRecord) {
        let session = &mut self.session;
        match record.change {
            StateChange::Base(_) => {} // a session has one base: the earliest
            StateChange::Title(title) => session.mission.title = title,
            StateChange::Description(text) => session.mission.description = text,
            StateChange::Workspace(dir) => session.workspace = dir,
            StateChange::Status(status) => {
                session.mission.status = status.to;
                session.ended = status.ended;
            }
            StateChange::Step(change) => self.apply_step(change, record.at),
            StateChange::Decision(change) => self.apply_decision(change, record.at, record.id),
            StateChange::Snapshot(snapshot) => {
                self.snapshots.insert((Some(record.id), 0), *snapshot);
            }
        }
    }

    fn apply_step(&mut self, change: StepChange, at: DateTime<Utc>) {
        let (step, removed) = self.steps.entry(change.id).or_insert_with(|| {
            let step = Step {
                id: change.id,
                number: 0,
                text: String::new(),
                done: false,
                created: change.created.unwrap_or(at),
                done_at: None,
            };
            (step, false)
        });
        if let Some(number) = change.number {
            step.number = number;
        }
        if let Some(text) = change.text {
            step.text = text;
        }
        if let Some(done) = change.done {
            step.done = done;
            step.done_at = if done {
                change.done_at.or(Some(at))
            } else {
                None
            };
        }
        if let Some(gone) = change.removed {
            *removed = gone;
        }
    }

    fn apply_decision(&mut self, change: DecisionChange, at: DateTime<Utc>, clock: Ulid) {
        let (decision, removed, _) = self.decisions.entry(change.id).or_insert_with(|| {
            let decision = Decision {
                id: change.id,
                at: change.decided.unwrap_or(at),
                text: String::new(),
                why: None,
            };
            (decision, false, (Some(clock), 0))
        });
        if let Some(text) = change.text {
            decision.text = text;
            decision.why = change.why;
        }
        if let Some(gone) = change.removed {
            *removed = gone;
        }
    }

    fn finish(self) -> Session {
        let Folding {
            mut session,
            steps,
            decisions,
            snapshots,
        } = self;
        let mut all: Vec<(Step, bool)> = steps.into_values().collect();
        session.last_step_number = number_once(&mut all, session.last_step_number);
        all.sort_by_key(|(s, _)| (s.number, s.id));
        session.steps = all
            .into_iter()
            .filter(|(_, r)| !r)
            .map(|(s, _)| s)
            .collect();
        let mut kept: Vec<(Decision, bool, Place)> = decisions.into_values().collect();
        kept.sort_by_key(|(_, _, place)| *place);
        session.decisions = (kept.into_iter())
            .filter(|(_, removed, _)| !removed)
            .map(|(d, _, _)| d)
            .collect();
        let excess = snapshots.len().saturating_sub(MAX_SNAPSHOTS);
        session.snapshots = snapshots.into_values().skip(excess).collect();
        session
    }
}

/// Gives every step a number of its own: a number two steps share (planned on two
/// machines at once) stays with the earlier step, and the later ones, like the steps of
/// files written before numbers were, take the next free numbers. Returns the highest.
fn number_once(steps: &mut [(Step, bool)], last: u32) -> u32 {
    steps.sort_by_key(|(s, _)| (s.number == 0, s.number, s.id));
    let highest = steps.iter().map(|(s, _)| s.number).max().unwrap_or(0);
    let mut next = last.max(highest);
    let mut taken = std::collections::HashSet::new();
    for (step, _) in steps.iter_mut() {
        if step.number == 0 || !taken.insert(step.number) {
            next += 1;
            step.number = next;
            taken.insert(next);
        }
    }
    next
}
