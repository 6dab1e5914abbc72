//! Applying a [`Change`]: each kind of change made, with the change that takes it back, so
//! every front end, undo and redo share one path.

use chrono::{DateTime, Utc};
use ulid::Ulid;

use super::change::{Applied, Change, Outcome};
use super::ending;
use super::lifecycle::{self, StartRequest};
use super::log::{self, Entry};
use super::plan::{self, Pick};
use super::{Result, Target, session_edit, timeline_edit};
use crate::session::{Decision, MissionStatus, SessionId, Source, Step};
use crate::store::Store;
use crate::store::StoreError;

/// Makes a change at `now` on behalf of `source`; on an error, nothing was written.
pub fn apply(store: &Store, now: DateTime<Utc>, source: Source, change: Change) -> Result<Applied> {
    let on = Op { store, now, source };
    match change {
        Change::Log { session, entry } => on.log(&session, entry),
        Change::AddStep { session, text } => on.add_step(&session, &text),
        Change::SetStepDone {
            session,
            step,
            done,
        } => on.set_step_done(&session, step, done),
        Change::EditStep {
            session,
            step,
            text,
        } => on.edit_step(&session, step, &text),
        Change::DeleteStep { session, step } => on.delete_step(&session, step),
        Change::RestoreStep {
            session,
            position,
            step,
        } => on.restore_step(&session, position, step),
        Change::Decide { session, text, why } => on.decide(&session, &text, why.as_deref()),
        Change::EditDecision {
            session,
            decision,
            text,
            why,
        } => on.edit_decision(&session, decision, &text, why.as_deref()),
        Change::DeleteDecision { session, decision } => on.delete_decision(&session, decision),
        Change::RestoreDecision {
            session,
            position,
            decision,
        } => on.restore_decision(&session, position, decision),
        Change::EditInteraction {
            session,
            interaction,
            edit,
        } => timeline_edit::edit_interaction(store, now, &session, interaction, edit),
        Change::DeleteInteraction {
            session,
            interaction,
        } => on.delete_interaction(&session, interaction),
        Change::RestoreInteraction {
            session,
            interaction,
        } => on.restore_interaction(&session, interaction),
        Change::Freeze {
            session,
            interactions,
        } => on.freeze(&session, interactions),
        Change::Complete { session, status } => on.complete(&session, status),
        Change::Switch { session } => on.switch(&session),
        Change::Reopen { session } => on.reopen(&session),
        Change::See { session } => on.see(&session),
        Change::Start(request) => on.start(request),
        Change::SetSession { session, fields } => session_edit::set(store, now, &session, fields),
    }
}

/// Where, when and for whom a change is made.
struct Op<'a> {
    store: &'a Store,
    now: DateTime<Utc>,
    source: Source,
}

/// A change made on `session` that `inverse` takes back.
fn undoable(session: SessionId, outcome: Outcome, inverse: Change) -> Result<Applied> {
    Ok(Applied {
        session,
        outcome,
        inverse: Some(inverse),
    })
}

/// A change made on `session` that is not taken back.
fn final_(session: SessionId, outcome: Outcome) -> Result<Applied> {
    Ok(Applied {
        session,
        outcome,
        inverse: None,
    })
}

impl Op<'_> {
    fn log(&self, target: &Target, entry: Entry) -> Result<Applied> {
        let (id, logged) = log::log(self.store, self.now, self.source, target, entry)?;
        let inverse = (!logged.duplicate).then(|| Change::DeleteInteraction {
            session: id.clone().into(),
            interaction: logged.interaction.id,
        });
        Ok(Applied {
            session: id,
            outcome: Outcome::Logged(logged),
            inverse,
        })
    }

    fn add_step(&self, target: &Target, text: &str) -> Result<Applied> {
        let (id, step) = plan::add_step(self.store, self.now, self.source, target, text)?;
        let number = step.number;
        let inverse = Change::DeleteStep {
            session: id.clone().into(),
            step: Pick::Id(step.id),
        };
        undoable(id, Outcome::StepAdded { number, step }, inverse)
    }

    fn set_step_done(&self, target: &Target, pick: Pick, done: bool) -> Result<Applied> {
        let (id, set) = plan::set_step_done(self.store, self.now, self.source, target, pick, done)?;
        let changed = set.was_done != done;
        let inverse = changed.then(|| Change::SetStepDone {
            session: id.clone().into(),
            step: Pick::Id(set.step.id),
            done: set.was_done,
        });
        let outcome = Outcome::StepSet {
            number: set.number,
            step: set.step,
            progress: set.progress,
            changed,
        };
        Ok(Applied {
            session: id,
            outcome,
            inverse,
        })
    }

    fn edit_step(&self, target: &Target, step: Pick, text: &str) -> Result<Applied> {
        let (id, before) = plan::edit_step(self.store, self.now, self.source, target, step, text)?;
        let inverse = Change::EditStep {
            session: id.clone().into(),
            step: Pick::Id(before.id),
            text: before.text.clone(),
        };
        undoable(id, Outcome::StepEdited { before }, inverse)
    }

    fn delete_step(&self, target: &Target, step: Pick) -> Result<Applied> {
        let (id, (position, step)) =
            plan::delete_step(self.store, self.now, self.source, target, step)?;
        let inverse = Change::RestoreStep {
            session: id.clone().into(),
            position,
            step: step.clone(),
        };
        undoable(id, Outcome::StepDeleted { step }, inverse)
    }

    fn restore_step(&self, target: &Target, position: usize, step: Step) -> Result<Applied> {
        let id = plan::restore_step(
            self.store,
            self.now,
            self.source,
            target,
            position,
            step.clone(),
        )?;
        let inverse = Change::DeleteStep {
            session: id.clone().into(),
            step: Pick::Id(step.id),
        };
        undoable(id, Outcome::StepRestored { step }, inverse)
    }

    fn decide(&self, target: &Target, text: &str, why: Option<&str>) -> Result<Applied> {
        let (id, decision) = plan::decide(self.store, self.now, self.source, target, text, why)?;
        let inverse = Change::DeleteDecision {
            session: id.clone().into(),
            decision: decision.id,
        };
        undoable(id, Outcome::Decided { decision }, inverse)
    }

    fn edit_decision(
        &self,
        target: &Target,
        decision: Ulid,
        text: &str,
        why: Option<&str>,
    ) -> Result<Applied> {
        let (id, before) = plan::edit_decision(
            self.store,
            self.now,
            self.source,
            target,
            decision,
            text,
            why,
        )?;
        let inverse = Change::EditDecision {
            session: id.clone().into(),
            decision,
            text: before.text.clone(),
            why: before.why.clone(),
        };
        undoable(id, Outcome::DecisionEdited { before }, inverse)
    }

    fn delete_decision(&self, target: &Target, decision: Ulid) -> Result<Applied> {
        let (id, (position, decision)) =
            plan::delete_decision(self.store, self.now, self.source, target, decision)?;
        let inverse = Change::RestoreDecision {
            session: id.clone().into(),
            position,
            decision: decision.clone(),
        };
        undoable(id, Outcome::DecisionDeleted { decision }, inverse)
    }

    fn restore_decision(
        &self,
        target: &Target,
        position: usize,
        decision: Decision,
    ) -> Result<Applied> {
        let id = plan::restore_decision(
            self.store,
            self.now,
            self.source,
            target,
            position,
            decision.clone(),
        )?;
        let inverse = Change::DeleteDecision {
            session: id.clone().into(),
            decision: decision.id,
        };
        undoable(id, Outcome::DecisionRestored { decision }, inverse)
    }

    fn delete_interaction(&self, target: &Target, interaction: Ulid) -> Result<Applied> {
        let (id, interaction) =
            timeline_edit::delete_interaction(self.store, self.now, target, interaction)?;
        let inverse = Change::RestoreInteraction {
            session: id.clone().into(),
            interaction: interaction.id,
        };
        undoable(id, Outcome::InteractionDeleted { interaction }, inverse)
    }

    fn restore_interaction(&self, target: &Target, interaction: Ulid) -> Result<Applied> {
        let (id, interaction) =
            timeline_edit::restore_interaction(self.store, self.now, target, interaction)?;
        let inverse = Change::DeleteInteraction {
            session: id.clone().into(),
            interaction: interaction.id,
        };
        undoable(id, Outcome::InteractionRestored { interaction }, inverse)
    }

    fn freeze(&self, target: &Target, interactions: Option<usize>) -> Result<Applied> {
        let (id, snapshot) =
            ending::freeze(self.store, self.now, self.source, target, interactions)?;
        final_(id, Outcome::Frozen { snapshot })
    }

    /// Freezes the session a change (already made) left, so its next briefing is exact.
    /// Best effort: a failed freeze never fails the change that left it.
    fn freeze_left(&self, left: Option<SessionId>) {
        if let Some(id) = left {
            let _ = ending::freeze(self.store, self.now, self.source, &id.into(), None);
        }
    }

    fn complete(&self, target: &Target, status: MissionStatus) -> Result<Applied> {
        let ended = ending::complete(self.store, self.now, self.source, target, status)?;
        let outcome = Outcome::Completed {
            progress: ended.progress(),
            open_steps: ended.open_steps().map(|s| s.text.clone()).collect(),
            next: next_paused(self.store, &ended.id).unwrap_or_default(),
            mission: ended.mission,
        };
        let inverse = Change::Reopen {
            session: ended.id.clone(),
        };
        undoable(ended.id, outcome, inverse)
    }

    fn switch(&self, id: &SessionId) -> Result<Applied> {
        let switched = lifecycle::switch(self.store, self.now, self.source, id)?;
        self.freeze_left(switched.paused.clone());
        let outcome = Outcome::Switched {
            paused: switched.paused,
            already: switched.already,
        };
        final_(switched.id, outcome)
    }

    fn reopen(&self, id: &SessionId) -> Result<Applied> {
        let (reopened, was) = lifecycle::reopen(self.store, self.now, self.source, id)?;
        self.freeze_left(reopened.paused.clone());
        let outcome = Outcome::Reopened {
            was,
            paused: reopened.paused,
        };
        let inverse = Change::Complete {
            session: reopened.id.clone().into(),
            status: was,
        };
        undoable(reopened.id, outcome, inverse)
    }

    fn see(&self, target: &Target) -> Result<Applied> {
        let id = ending::see(self.store, self.now, self.source, target)?;
        final_(id, Outcome::Seen)
    }

    fn start(&self, request: StartRequest) -> Result<Applied> {
        let started = lifecycle::start(self.store, self.now, self.source, request)?;
        self.freeze_left(started.paused.clone());
        let outcome = Outcome::Started {
            paused: started.paused,
        };
        final_(started.id, outcome)
    }
}

/// The paused mission most recently worked on, other than `ended`: its session and title.
fn next_paused(
    store: &Store,
    ended: &SessionId,
) -> std::result::Result<Option<(SessionId, String)>, StoreError> {
    let mut best = None;
    for id in store.session_ids()?.into_iter().filter(|id| id != ended) {
        let head = store.session_head(&id)?;
        if head.mission.status != MissionStatus::Paused {
            continue;
        }
        let last = super::latest_interaction(store, &id)?;
        if best.as_ref().is_none_or(|(at, _, _)| last > *at) {
            best = Some((last, id, head.mission.title));
        }
    }
    Ok(best.map(|(_, id, title)| (id, title)))
}
