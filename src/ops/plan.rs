//! Next steps and key decisions.

use chrono::{DateTime, Utc};
use ulid::Ulid;

use super::{OpError, Result, Target, change_session, check_optional, check_text, precheck};
use crate::session::{Decision, Kind, SessionId, Source, Step};
use crate::store::Store;

/// Which step: by its number in `step list` (1-based) or by its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    /// The n-th step in plan order, counting from 1.
    Number(usize),
    /// The step with this id.
    Id(Ulid),
}

fn find_step(steps: &[Step], pick: Pick) -> Result<usize> {
    match pick {
        Pick::Number(n) if n >= 1 && n <= steps.len() => Ok(n - 1),
        Pick::Number(n) => Err(OpError::NoSuchStep {
            n,
            len: steps.len(),
        }),
        Pick::Id(id) => steps
            .iter()
            .position(|s| s.id == id)
            .ok_or(OpError::Gone("step")),
    }
}

/// Plans a next step; returns the session, the step's number and the step.
pub fn add_step(
    store: &Store,
    now: DateTime<Utc>,
    target: &Target,
    text: &str,
    source: Source,
) -> Result<(SessionId, usize, Step)> {
    let text = check_text("step", text)?;
    let step = Step {
        id: Ulid::generate(),
        text: text.clone(),
        done: false,
        created: now,
        done_at: None,
    };
    precheck(store, target)?;
    store.write(|w| {
        let id = target.resolve(w.store())?;
        let number = change_session(w, &id, now, source, |session| {
            session.steps.push(step.clone());
            let note = (Kind::Step, format!("Next step: {text}"));
            Ok((session.steps.len(), Some(note)))
        })?;
        Ok((id, number, step))
    })
}

/// Marks a step done (or not done again); returns the step as it now is.
pub fn set_step_done(
    store: &Store,
    now: DateTime<Utc>,
    target: &Target,
    pick: Pick,
    done: bool,
    source: Source,
) -> Result<Step> {
    precheck(store, target)?;
    store.write(|w| {
        let id = target.resolve(w.store())?;
        change_session(w, &id, now, source, |session| {
            let at = find_step(&session.steps, pick)?;
            let step = &mut session.steps[at];
            let note = (step.done != done).then(|| {
                let verb = if done { "Done" } else { "Reopened" };
                let kind = if done { Kind::Progress } else { Kind::Step };
                (kind, format!("{verb}: {}", step.text))
            });
            step.done = done;
            step.done_at = done.then_some(now);
            Ok((step.clone(), note))
        })
    })
}

/// Changes a step's text.
pub fn edit_step(
    store: &Store,
    now: DateTime<Utc>,
    target: &Target,
    step: Ulid,
    text: &str,
) -> Result<Step> {
    let text = check_text("step", text)?;
    store.write(|w| {
        let id = target.resolve(w.store())?;
        change_session(w, &id, now, Source::Tui, |session| {
            let at = find_step(&session.steps, Pick::Id(step))?;
            session.steps[at].text = text;
            Ok((session.steps[at].clone(), None))
        })
    })
}

/// Deletes a step; returns where it was and what it was, so it can be restored.
pub fn delete_step(
    store: &Store,
    now: DateTime<Utc>,
    target: &Target,
    step: Ulid,
) -> Result<(usize, Step)> {
    store.write(|w| {
        let id = target.resolve(w.store())?;
        change_session(w, &id, now, Source::Tui, |session| {
            let at = find_step(&session.steps, Pick::Id(step))?;
            Ok(((at, session.steps.remove(at)), None))
        })
    })
}

/// Puts a deleted step back where it was (or last, if the plan has shrunk).
pub fn restore_step(
    store: &Store,
    now: DateTime<Utc>,
    target: &Target,
    at: usize,
    step: Step,
) -> Result<()> {
    store.write(|w| {
        let id = target.resolve(w.store())?;
        change_session(w, &id, now, Source::Tui, |session| {
            if !session.steps.iter().any(|s| s.id == step.id) {
                session.steps.insert(at.min(session.steps.len()), step);
            }
            Ok(((), None))
        })
    })
}

/// Records a key decision with an optional rationale.
pub fn decide(
    store: &Store,
    now: DateTime<Utc>,
    target: &Target,
    text: &str,
    why: Option<&str>,
    source: Source,
) -> Result<(SessionId, Decision)> {
    let text = check_text("decision", text)?;
    let why = check_optional("rationale", why)?;
    precheck(store, target)?;
    store.write(|w| {
        let id = target.resolve(w.store())?;
        let decision = change_session(w, &id, now, source, |session| {
            let decision = Decision {
                id: Ulid::generate(),
                at: now,
                text: text.clone(),
                why,
            };
            session.decisions.push(decision.clone());
            Ok((decision, Some((Kind::Decision, format!("Decided: {text}")))))
        })?;
        Ok((id, decision))
    })
}

/// Changes a decision's text and rationale.
pub fn edit_decision(
    store: &Store,
    now: DateTime<Utc>,
    target: &Target,
    decision: Ulid,
    text: &str,
    why: Option<&str>,
) -> Result<Decision> {
    let text = check_text("decision", text)?;
    let why = check_optional("rationale", why)?;
    store.write(|w| {
        let id = target.resolve(w.store())?;
        change_session(w, &id, now, Source::Tui, |session| {
            let d = session
                .decisions
                .iter_mut()
                .find(|d| d.id == decision)
                .ok_or(OpError::Gone("decision"))?;
            d.text = text;
            d.why = why;
            Ok((d.clone(), None))
        })
    })
}

/// Deletes a decision; returns where it was and what it was, so it can be restored.
pub fn delete_decision(
    store: &Store,
    now: DateTime<Utc>,
    target: &Target,
    decision: Ulid,
) -> Result<(usize, Decision)> {
    store.write(|w| {
        let id = target.resolve(w.store())?;
        change_session(w, &id, now, Source::Tui, |session| {
            let at = session
                .decisions
                .iter()
                .position(|d| d.id == decision)
                .ok_or(OpError::Gone("decision"))?;
            Ok(((at, session.decisions.remove(at)), None))
        })
    })
}

/// Puts a deleted decision back where it was.
pub fn restore_decision(
    store: &Store,
    now: DateTime<Utc>,
    target: &Target,
    at: usize,
    decision: Decision,
) -> Result<()> {
    store.write(|w| {
        let id = target.resolve(w.store())?;
        change_session(w, &id, now, Source::Tui, |session| {
            if !session.decisions.iter().any(|d| d.id == decision.id) {
                session
                    .decisions
                    .insert(at.min(session.decisions.len()), decision);
            }
            Ok(((), None))
        })
    })
}
