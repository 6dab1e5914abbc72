//! The tools that record work: each makes one `Change` on this folder's session and says
//! what came of it, as the command line does.

use color_eyre::eyre::{Result, bail};

use super::args::{DecideArgs, LogArgs, StepAddArgs, StepDoneArgs};
use super::call::{Call, clean, when};
use crate::ops::{Change, Entry, OpError, Outcome, Pick};
use crate::store::StoreError;
use crate::text::{progress_phrase, resumed_after};
use crate::timeline::is_gap;

/// `log`: an interaction, now, from the agent.
pub fn log(call: &Call, args: LogArgs) -> Result<String> {
    let entry = Entry {
        at: None,
        kind: args.kind.unwrap_or_default().into(),
        text: args.text,
    };
    let applied = call.apply(Change::Log {
        session: call.target()?,
        entry,
    })?;
    let Outcome::Logged(logged) = applied.outcome else {
        unreachable!("a log logs")
    };
    let id = &applied.session;
    if logged.duplicate {
        return Ok(format!(
            "Already logged in session {id}: {}",
            clean(&logged.interaction.text)
        ));
    }
    let mut text = format!("Logged to session {id} at {}", when(logged.interaction.at));
    let threshold = call.ctx.config.gap_threshold;
    if let Some(since) = logged.since_last.filter(|d| is_gap(*d, threshold)) {
        text.push_str(&format!(" · {}", resumed_after(since)));
    }
    Ok(text)
}

/// `step_add`.
pub fn step_add(call: &Call, args: StepAddArgs) -> Result<String> {
    let change = Change::AddStep {
        session: call.target()?,
        text: args.text,
    };
    let applied = call.apply(change)?;
    let Outcome::StepAdded { number, step } = applied.outcome else {
        unreachable!("adding a step adds one")
    };
    Ok(format!(
        "Added step {number} to session {}: {}",
        applied.session,
        clean(&step.text)
    ))
}

/// `step_done`.
pub fn step_done(call: &Call, args: StepDoneArgs) -> Result<String> {
    let n = args.number;
    let change = Change::SetStepDone {
        session: call.target()?,
        step: Pick::Number(n),
        done: true,
    };
    let Outcome::StepSet {
        step,
        progress,
        changed,
        ..
    } = call.apply(change)?.outcome
    else {
        unreachable!("setting a step sets it")
    };
    if !changed {
        return Ok(format!("Step {n} is already done: {}", clean(&step.text)));
    }
    Ok(format!(
        "Done step {n}: {} ({})",
        clean(&step.text),
        progress_phrase(progress)
    ))
}

/// `decide`.
pub fn decide(call: &Call, args: DecideArgs) -> Result<String> {
    let change = Change::Decide {
        session: call.target()?,
        text: args.text,
        why: args.why,
    };
    let applied = call.apply(change)?;
    let Outcome::Decided { decision } = applied.outcome else {
        unreachable!("deciding records a decision")
    };
    let mut out = format!(
        "Decided in session {}: {}",
        applied.session,
        clean(&decision.text)
    );
    if let Some(why) = &decision.why {
        out.push_str(&format!("\n  why: {}", clean(why)));
    }
    Ok(out)
}

/// `freeze`.
pub fn freeze(call: &Call) -> Result<String> {
    let change = Change::Freeze {
        session: call.target()?,
        interactions: None,
    };
    let applied = call.apply(change)?;
    let Outcome::Frozen { snapshot } = applied.outcome else {
        unreachable!("freezing takes a snapshot")
    };
    Ok(format!(
        "Froze the context of session {} at {}: {}, {} open steps, {} decisions, {} interactions",
        applied.session,
        when(snapshot.at),
        progress_phrase(snapshot.progress),
        snapshot.next_steps.len(),
        snapshot.key_decisions.len(),
        snapshot.interactions
    ))
}

/// `undo`: takes back the last change made through this server. A change that can no
/// longer be taken back (changed meanwhile by another process) is dropped with its reason;
/// one refused only because the store was busy stays, to be tried again.
pub fn undo(call: &Call) -> Result<String> {
    let Some(last) = call.undo.pop() else {
        bail!(
            "nothing to undo: no change made through this server is left to take back (starting, switching and freezing are not taken back)"
        );
    };
    let now = call.now();
    let source = crate::session::Source::Agent;
    match crate::ops::apply(&call.ctx.store, now, source, last.inverse.clone()) {
        Ok(applied) => Ok(format!(
            "Undid: {} (session {})",
            last.what, applied.session
        )),
        Err(e) => {
            if matches!(e, OpError::Store(StoreError::LockTimeout { .. })) {
                call.undo.push(last);
            }
            Err(e.into())
        }
    }
}
