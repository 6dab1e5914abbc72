//! Next steps and key decisions.

use chrono::{DateTime, Utc};
use ulid::Ulid;

use super::{OpError, Result, Target, check_optional, check_text, edit_session};
use crate::session::{Decision, Kind, Progress, SessionId, Source, Step};
use crate::store::Store;

/// Which step: by its number in `step list` (1-based) or by its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    /// The step numbered n (its number stays for its life: see `step list`).
    Number(u32),
    /// The step with this id.
    Id(Ulid),
}

fn find_step(steps: &[Step], pick: Pick) -> Result<usize> {
    match pick {
        Pick::Number(n) => {
            steps
                .iter()
                .position(|s| s.number == n)
                .ok_or_else(|| OpError::NoSuchStep {
                    n,
                    numbers: steps.iter().map(|s| s.number).collect(),
                })
        }
        Pick::Id(id) => steps
            .iter()
            .position(|s| s.id == id)
            .ok_or(OpError::Gone("step")),
    }
}

fn find_decision(decisions: &[Decision], id: Ulid) -> Result<usize> {
    decisions
        .iter()
        .position(|d| d.id == id)
        .ok_or(OpError::Gone("decision"))
}

/// Plans a next step, numbered after every number the session has given; returns the
/// session and the step.
pub(super) fn add_step(
    store: &Store,
    now: DateTime<Utc>,
    source: Source,
    target: &Target,
    text: &str,
) -> Result<(SessionId, Step)> {
    let text = check_text("step", text)?;
    edit_session(store, now, target, source, |session| {
        let step = Step {
            id: crate::id::new(),
            number: session.next_step_number(),
            text: text.clone(),
            done: false,
            created: now,
            done_at: None,
        };
        session.last_step_number = step.number;
        session.steps.push(step.clone());
        let note = (Kind::Step, format!("Next step: {text}"));
        Ok((step, Some(note)))
    })
}

/// A step after [`set_step_done`].
pub(super) struct StepSet {
    /// Its number.
    pub number: u32,
    /// The step as it now is.
    pub step: Step,
    /// The session's progress now.
    pub progress: Progress,
    /// Whether it was done before.
    pub was_done: bool,
}

/// Marks a step done (or not done again).
pub(super) fn set_step_done(
    store: &Store,
    now: DateTime<Utc>,
    source: Source,
    target: &Target,
    pick: Pick,
    done: bool,
) -> Result<(SessionId, StepSet)> {
    edit_session(store, now, target, source, |session| {
        let at = find_step(&session.steps, pick)?;
        let step = &mut session.steps[at];
        let was_done = step.done;
        // A step already as asked stays as it is, its time done included: nothing is written.
        let note = (was_done != done).then(|| {
            step.done = done;
            step.done_at = done.then_some(now);
            let verb = if done { "Done" } else { "Reopened" };
            let kind = if done { Kind::Progress } else { Kind::Step };
            (kind, format!("{verb}: {}", step.text))
        });
        let set = StepSet {
            number: step.number,
            step: step.clone(),
            progress: session.progress(),
            was_done,
        };
        Ok((set, note))
    })
}

/// Changes a step's text; returns the step as it was.
pub(super) fn edit_step(
    store: &Store,
    now: DateTime<Utc>,
    source: Source,
    target: &Target,
    step: Pick,
    text: &str,
) -> Result<(SessionId, Step)> {
    let text = check_text("step", text)?;
    edit_session(store, now, target, source, |session| {
        let at = find_step(&session.steps, step)?;
        let before = session.steps[at].clone();
        session.steps[at].text = text;
        Ok((before, None))
    })
}

/// Deletes a step; returns where it was and what it was, so it can be restored.
pub(super) fn delete_step(
    store: &Store,
    now: DateTime<Utc>,
    source: Source,
    target: &Target,
    step: Pick,
) -> Result<(SessionId, (usize, Step))> {
    edit_session(store, now, target, source, |session| {
        let at = find_step(&session.steps, step)?;
        Ok(((at, session.steps.remove(at)), None))
    })
}

/// Puts a deleted step back where it was (or last, if the plan has shrunk).
pub(super) fn restore_step(
    store: &Store,
    now: DateTime<Utc>,
    source: Source,
    target: &Target,
    position: usize,
    step: Step,
) -> Result<SessionId> {
    let (id, ()) = edit_session(store, now, target, source, |session| {
        if !session.steps.iter().any(|s| s.id == step.id) {
            session
                .steps
                .insert(position.min(session.steps.len()), step);
        }
        Ok(((), None))
    })?;
    Ok(id)
}

/// Records a key decision with an optional rationale.
pub(super) fn decide(
    store: &Store,
    now: DateTime<Utc>,
    source: Source,
    target: &Target,
    text: &str,
    why: Option<&str>,
) -> Result<(SessionId, Decision)> {
    let text = check_text("decision", text)?;
    let why = check_optional("rationale", why)?;
    edit_session(store, now, target, source, |session| {
        let decision = Decision {
            id: crate::id::new(),
            at: now,
            text: text.clone(),
            why,
        };
        session.decisions.push(decision.clone());
        Ok((decision, Some((Kind::Decision, format!("Decided: {text}")))))
    })
}

/// Changes a decision's text and rationale; returns the decision as it was.
pub(super) fn edit_decision(
    store: &Store,
    now: DateTime<Utc>,
    source: Source,
    target: &Target,
    decision: Ulid,
    text: &str,
    why: Option<&str>,
) -> Result<(SessionId, Decision)> {
    let text = check_text("decision", text)?;
    let why = check_optional("rationale", why)?;
    edit_session(store, now, target, source, |session| {
        let at = find_decision(&session.decisions, decision)?;
        let before = session.decisions[at].clone();
        session.decisions[at].text = text;
        session.decisions[at].why = why;
        Ok((before, None))
    })
}

/// Deletes a decision; returns where it was and what it was, so it can be restored.
pub(super) fn delete_decision(
    store: &Store,
    now: DateTime<Utc>,
    source: Source,
    target: &Target,
    decision: Ulid,
) -> Result<(SessionId, (usize, Decision))> {
    edit_session(store, now, target, source, |session| {
        let at = find_decision(&session.decisions, decision)?;
        Ok(((at, session.decisions.remove(at)), None))
    })
}

/// Puts a deleted decision back where it was.
pub(super) fn restore_decision(
    store: &Store,
    now: DateTime<Utc>,
    source: Source,
    target: &Target,
    position: usize,
    decision: Decision,
) -> Result<SessionId> {
    let (id, ()) = edit_session(store, now, target, source, |session| {
        if !session.decisions.iter().any(|d| d.id == decision.id) {
            let at = position.min(session.decisions.len());
            session.decisions.insert(at, decision);
        }
        Ok(((), None))
    })?;
    Ok(id)
}
