//! One tool call's world: the context, where the client works, and the server's undo stack.
//! Its changes go through `ops::apply` as the agent's; those that can be taken back are
//! remembered so that `undo` takes back the last change made through this server.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use color_eyre::eyre::Result;

use super::here::Here;
use crate::Ctx;
use crate::ops::{self, Applied, Change, Outcome, Target};
use crate::session::{MissionStatus, SessionId, Source};

/// How long git may take for what changed in the workspace, in a briefing.
const GIT_WAIT: Duration = Duration::from_secs(1);

/// The widest a text quoted in a short message gets.
const QUOTE_WIDTH: usize = 60;

/// What one tool call works with.
pub struct Call {
    /// The home, settings, store and clock.
    pub ctx: Arc<Ctx>,
    /// Where the client works.
    pub here: Here,
    /// The changes made through this server that can be taken back.
    pub undo: UndoStack,
}

/// A change made through this server, and the change that takes it back.
#[derive(Clone, Debug)]
pub struct Undoable {
    /// What it was, in a few words: `log “Reviewed the plan”`.
    pub what: String,
    /// The change that takes it back.
    pub inverse: Change,
}

/// The server's undo stack, shared by its calls (the last change made on top).
#[derive(Clone, Debug, Default)]
pub struct UndoStack(Arc<Mutex<Vec<Undoable>>>);

impl UndoStack {
    /// Remembers a change made.
    pub fn push(&self, undoable: Undoable) {
        self.lock().push(undoable);
    }

    /// The last change made, taken off the stack.
    pub fn pop(&self) -> Option<Undoable> {
        self.lock().pop()
    }

    fn lock(&self) -> MutexGuard<'_, Vec<Undoable>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Call {
    /// The time now (`TETHER_NOW` in tests).
    pub fn now(&self) -> DateTime<Utc> {
        self.ctx.clock.now()
    }

    /// The session this call works on: the one that follows the client's folder, else the
    /// active one.
    pub fn target(&self) -> Result<Target> {
        Ok(self.here.target(&self.ctx.store)?)
    }

    /// Makes `change` as the agent's, and remembers how to take it back.
    pub fn apply(&self, change: Change) -> Result<Applied> {
        let applied = ops::apply(&self.ctx.store, self.now(), Source::Agent, change)?;
        if let Some(inverse) = applied.inverse.clone() {
            self.undo.push(Undoable {
                what: what(&applied),
                inverse,
            });
        }
        Ok(applied)
    }

    /// The agent briefing of session `id`, within the configured budget: read in O(1) of
    /// its history, paying nothing owed to the person.
    pub fn briefing(&self, id: &SessionId) -> Result<String> {
        let config = &self.ctx.config;
        let deadline = Instant::now() + GIT_WAIT;
        let b = ops::agent_briefing(
            &self.ctx.store,
            id,
            self.now(),
            config.gap_threshold,
            deadline,
        )?;
        Ok(crate::context::agent::render(&b, config.agent.budget))
    }
}

/// A change made, in a few words, for `undo` to name.
fn what(applied: &Applied) -> String {
    let session = &applied.session;
    match &applied.outcome {
        Outcome::Logged(logged) => format!("log {}", quoted(&logged.interaction.text)),
        Outcome::StepAdded { number, step } => {
            format!("step {number} planned, {}", quoted(&step.text))
        }
        Outcome::StepSet { number, step, .. } => {
            let state = if step.done { "done" } else { "not done" };
            format!("step {number} marked {state}")
        }
        Outcome::Decided { decision } => format!("decision {}", quoted(&decision.text)),
        Outcome::Completed { mission, .. } if mission.status == MissionStatus::Abandoned => {
            format!("abandoning session {session}")
        }
        Outcome::Completed { .. } => format!("completing session {session}"),
        Outcome::Reopened { .. } => format!("reopening session {session}"),
        _ => format!("the last change to session {session}"),
    }
}

/// A time for an assistant, as the agent briefing writes it: `2025-08-16 08:08 UTC`.
pub fn when(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// User text made safe for one line: control characters and bidi overrides made visible,
/// as the command line shows them.
pub fn clean(text: &str) -> std::borrow::Cow<'_, str> {
    crate::sanitize::line(text)
}

/// User text quoted in a short message, on one line and cut: `“Reviewed the plan”`.
pub fn quoted(text: &str) -> String {
    let line = crate::sanitize::line(text.trim());
    format!("“{}”", crate::sanitize::truncate(&line, QUOTE_WIDTH))
}
