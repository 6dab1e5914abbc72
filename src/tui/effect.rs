//! Effects: what `update` asks the loop to do. Store writes go through the same `ops`
//! functions as the CLI.

use chrono::{DateTime, TimeDelta, Utc};
use ulid::Ulid;

use crate::duration::human_delta;
use crate::ops::{self, Entry, Pick, StartRequest, Target};
use crate::session::{Decision, Kind, MissionStatus, SessionId, Source, Step};
use crate::store::Store;
use crate::timeline::is_gap;

/// Something for the loop to do after an update.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Change the store, then reload; `undoable` keeps its undo on the stack.
    Write {
        /// The change.
        write: Write,
        /// Whether `u` can take it back afterwards (false for undos themselves).
        undoable: bool,
    },
    /// Read the store again.
    Reload,
    /// Read the list of missions.
    LoadMissions,
    /// Read every session and compute the stats.
    LoadStats,
    /// Work out what changed in the workspace since the last interaction (runs git).
    LoadWorkspace,
}

/// A change to the store, on the session the dashboard shows (or on the store itself).
#[derive(Clone, Debug, PartialEq)]
pub enum Write {
    /// Log an interaction.
    Log(SessionId, String),
    /// Plan a step.
    AddStep(SessionId, String),
    /// Record a decision.
    Decide(SessionId, String, Option<String>),
    /// Mark a step done or not.
    SetStep(SessionId, Ulid, bool),
    /// Replace an interaction's text (the previous text, for undo).
    EditInteraction(SessionId, Ulid, String, String),
    /// Delete an interaction.
    DeleteInteraction(SessionId, Ulid),
    /// Restore a deleted interaction.
    RestoreInteraction(SessionId, Ulid),
    /// Replace a step's text (the previous text, for undo).
    EditStep(SessionId, Ulid, String, String),
    /// Delete a step.
    DeleteStep(SessionId, Ulid),
    /// Put a deleted step back at its place.
    RestoreStep(SessionId, usize, Step),
    /// Replace a decision's text and rationale (the previous decision, for undo).
    EditDecision(SessionId, Ulid, String, Option<String>, Box<Decision>),
    /// Delete a decision.
    DeleteDecision(SessionId, Ulid),
    /// Put a deleted decision back at its place.
    RestoreDecision(SessionId, usize, Decision),
    /// Freeze the context (with the number of interactions, when all are loaded).
    Freeze(SessionId, Option<usize>),
    /// Complete the mission.
    Complete(SessionId),
    /// Make another session active.
    Switch(SessionId),
    /// Start a new mission.
    Start(String),
}

/// What a finished write says, and how to take it back.
#[derive(Clone, Debug, PartialEq)]
pub struct Done {
    /// A short message for the footer.
    pub message: String,
    /// The write that undoes this one, when there is one.
    pub undo: Option<Write>,
}

impl Done {
    fn new(message: impl Into<String>, undo: Option<Write>) -> Self {
        Done {
            message: message.into(),
            undo,
        }
    }
}

/// Performs a write; an error comes back as the one-line message the CLI would print.
pub fn perform(
    store: &Store,
    now: DateTime<Utc>,
    threshold: TimeDelta,
    write: Write,
) -> Result<Done, String> {
    perform_inner(store, now, threshold, write).map_err(|e| e.to_string())
}

fn perform_inner(
    store: &Store,
    now: DateTime<Utc>,
    threshold: TimeDelta,
    write: Write,
) -> ops::Result<Done> {
    let on = |id: &SessionId| Target::Session(id.clone());
    Ok(match write {
        Write::Log(id, text) => {
            let entry = Entry {
                at: None,
                kind: Kind::Note,
                source: Source::Tui,
                text,
            };
            let logged = ops::log(store, now, &on(&id), entry)?;
            let mut message = "Logged".to_string();
            if let Some(since) = logged.since_last.filter(|d| is_gap(*d, threshold)) {
                message.push_str(&format!(", resuming after {}", human_delta(since)));
            }
            Done::new(
                message,
                Some(Write::DeleteInteraction(id, logged.interaction.id)),
            )
        }
        Write::AddStep(id, text) => {
            let (_, number, step) = ops::add_step(store, now, &on(&id), &text, Source::Tui)?;
            Done::new(
                format!("Added step {number}"),
                Some(Write::DeleteStep(id, step.id)),
            )
        }
        Write::Decide(id, text, why) => {
            let (_, decision) =
                ops::decide(store, now, &on(&id), &text, why.as_deref(), Source::Tui)?;
            Done::new(
                "Decision recorded",
                Some(Write::DeleteDecision(id, decision.id)),
            )
        }
        Write::SetStep(id, step, done) => {
            ops::set_step_done(store, now, &on(&id), Pick::Id(step), done, Source::Tui)?;
            let progress = store.session(&id)?.progress();
            let verb = if done { "Done" } else { "Reopened" };
            Done::new(
                format!("{verb} · {progress} steps done"),
                Some(Write::SetStep(id, step, !done)),
            )
        }
        Write::EditInteraction(id, item, text, previous) => {
            ops::edit_interaction(store, now, &on(&id), item, &text)?;
            Done::new(
                "Edited",
                Some(Write::EditInteraction(id, item, previous, text)),
            )
        }
        Write::DeleteInteraction(id, item) => {
            ops::delete_interaction(store, now, &on(&id), item)?;
            Done::new(
                "Deleted · u undoes",
                Some(Write::RestoreInteraction(id, item)),
            )
        }
        Write::RestoreInteraction(id, item) => {
            ops::restore_interaction(store, now, &on(&id), item)?;
            Done::new("Restored", Some(Write::DeleteInteraction(id, item)))
        }
        Write::EditStep(id, step, text, previous) => {
            ops::edit_step(store, now, &on(&id), step, &text)?;
            Done::new(
                "Step edited",
                Some(Write::EditStep(id, step, previous, text)),
            )
        }
        Write::DeleteStep(id, step) => {
            let (at, removed) = ops::delete_step(store, now, &on(&id), step)?;
            Done::new(
                "Step deleted · u undoes",
                Some(Write::RestoreStep(id, at, removed)),
            )
        }
        Write::RestoreStep(id, at, step) => {
            let step_id = step.id;
            ops::restore_step(store, now, &on(&id), at, step)?;
            Done::new("Step restored", Some(Write::DeleteStep(id, step_id)))
        }
        Write::EditDecision(id, item, text, why, previous) => {
            ops::edit_decision(store, now, &on(&id), item, &text, why.as_deref())?;
            let undo = Write::EditDecision(
                id,
                item,
                previous.text.clone(),
                previous.why.clone(),
                previous,
            );
            Done::new("Decision edited", Some(undo))
        }
        Write::DeleteDecision(id, item) => {
            let (at, removed) = ops::delete_decision(store, now, &on(&id), item)?;
            Done::new(
                "Decision deleted · u undoes",
                Some(Write::RestoreDecision(id, at, removed)),
            )
        }
        Write::RestoreDecision(id, at, decision) => {
            let item = decision.id;
            ops::restore_decision(store, now, &on(&id), at, decision)?;
            Done::new("Decision restored", Some(Write::DeleteDecision(id, item)))
        }
        Write::Freeze(id, interactions) => {
            let workspace = ops::capture_workspace(store, &on(&id), now);
            let (_, snapshot) = ops::freeze(store, now, &on(&id), workspace, interactions)?;
            Done::new(
                format!("Context frozen · {} steps done", snapshot.progress),
                None,
            )
        }
        Write::Complete(id) => {
            let session =
                ops::complete(store, now, &on(&id), MissionStatus::Complete, Source::Tui)?;
            Done::new(
                format!(
                    "Session {} complete · m starts the next mission",
                    session.id
                ),
                None,
            )
        }
        Write::Switch(id) => {
            ops::switch(store, now, &id, Source::Tui)?;
            Done::new(format!("Switched to session {id}"), None)
        }
        Write::Start(title) => {
            let request = StartRequest {
                title,
                source: Some(Source::Tui),
                workspace: crate::reality::default_workspace(),
                ..StartRequest::default()
            };
            let started = ops::start(store, now, request)?;
            Done::new(format!("Started session {}", started.id), None)
        }
    })
}
