//! The dashboard's words for what happened: a change made, undone or redone, said with the
//! key that takes it back; a refusal said with the key that helps.

use crate::hint::Hint;
use crate::ops::{Applied, Outcome};
use crate::record::SessionField;
use crate::sanitize;
use crate::session::Interaction;
use crate::text::resuming_after;
use crate::timeline::is_gap;
use crate::tui::action::Command;
use crate::tui::app::App;
use crate::tui::effect::{Failure, History};

/// The footer's words for a change made, undone or redone (none for a briefing seen).
pub(super) fn outcome(app: &App, applied: &Applied, history: &History) -> Option<String> {
    let key = |command| app.settings.keymap.first_label(command).unwrap_or_default();
    match history {
        History::Undo(what) => {
            return Some(format!("Undid: {what} · {} redoes", key(Command::Redo)));
        }
        History::Redo(what) => {
            return Some(format!("Redid: {what} · {} undoes", key(Command::Undo)));
        }
        History::Record | History::Skip => {}
    }
    let mut message = made(app, applied)?;
    if applied.inverse.is_some() && *history == History::Record {
        message.push_str(&format!(" · {} undoes", key(Command::Undo)));
    }
    Some(message)
}

/// What a change did, in a few words.
fn made(app: &App, applied: &Applied) -> Option<String> {
    let key = |command| app.settings.keymap.first_label(command).unwrap_or_default();
    Some(match &applied.outcome {
        Outcome::Logged(logged) => match logged
            .since_last
            .filter(|d| is_gap(*d, app.settings.threshold))
        {
            Some(since) => format!("Logged, {}", resuming_after(since)),
            None => "Logged".into(),
        },
        Outcome::StepAdded { number, .. } => format!("Added step {number}"),
        Outcome::StepSet {
            step,
            changed: false,
            ..
        } => {
            let state = if step.done { "done" } else { "not done" };
            format!("Step {} was already {state}", step.number)
        }
        Outcome::StepSet { step, progress, .. } => {
            let verb = if step.done { "Done" } else { "Reopened" };
            format!("{verb} · {progress} steps done")
        }
        Outcome::StepEdited { .. } => "Step edited".into(),
        Outcome::StepDeleted { .. } => "Step deleted".into(),
        Outcome::StepRestored { .. } => "Step restored".into(),
        Outcome::Decided { .. } => "Decision recorded".into(),
        Outcome::DecisionEdited { .. } => "Decision edited".into(),
        Outcome::DecisionDeleted { .. } => "Decision deleted".into(),
        Outcome::DecisionRestored { .. } => "Decision restored".into(),
        Outcome::InteractionEdited { before, after } => edited(app, before, after),
        Outcome::InteractionDeleted { .. } => "Deleted".into(),
        Outcome::InteractionRestored { .. } => "Restored".into(),
        Outcome::Frozen { snapshot } => {
            format!("Context frozen · {} steps done", snapshot.progress)
        }
        Outcome::Completed { mission, .. } => format!(
            "Session {} {} · {} starts the next mission",
            applied.session,
            mission.status.as_str(),
            key(Command::Missions)
        ),
        Outcome::Switched { already: true, .. } => {
            format!("Session {} is already the active one", applied.session)
        }
        Outcome::Switched { .. } => format!("Switched to session {}", applied.session),
        Outcome::Reopened { .. } => format!("Reopened session {}", applied.session),
        Outcome::Started { .. } => format!("Started session {}", applied.session),
        Outcome::SessionSet { changed } => session_set(changed),
        Outcome::Seen => return None,
    })
}

/// What an edit of an interaction changed: `Edited: moved to 15 Aug 23:10, now progress`.
fn edited(app: &App, before: &Interaction, after: &Interaction) -> String {
    let mut parts = Vec::new();
    if before.text != after.text {
        parts.push("new words".to_string());
    }
    if before.at != after.at {
        parts.push(format!("moved to {}", app.moment(after.at)));
    }
    if before.kind != after.kind {
        parts.push(format!("now {}", after.kind.as_str()));
    }
    match parts.is_empty() {
        true => "Nothing to change".into(),
        false => format!("Edited: {}", parts.join(", ")),
    }
}

/// What setting the session's fields changed: `Renamed “Gift”`.
fn session_set(changed: &[(SessionField, SessionField)]) -> String {
    let parts: Vec<String> = changed
        .iter()
        .map(|(_, after)| match after {
            SessionField::Title(title) => format!("renamed {}", quote(title)),
            SessionField::Description(Some(_)) => "description set".into(),
            SessionField::Description(None) => "description cleared".into(),
            SessionField::Workspace(Some(dir)) => {
                format!("following {}", quote(&dir.display().to_string()))
            }
            SessionField::Workspace(None) => "following no folder".into(),
        })
        .collect();
    let said = parts.join(", ");
    let mut first = said.chars();
    match first.next() {
        Some(c) => c.to_uppercase().chain(first).collect(),
        None => "Nothing to change".into(),
    }
}

/// User text in quotes, made safe and cut short.
fn quote(text: &str) -> String {
    format!("“{}”", sanitize::truncate(&sanitize::line(text), 40))
}

/// A change said as what `u` takes back: `log “Reviewed the plan”`, `step 2 done`.
pub(super) fn what(outcome: &Outcome) -> String {
    let quoted = quote;
    match outcome {
        Outcome::Logged(logged) => format!("log {}", quoted(&logged.interaction.text)),
        Outcome::StepAdded { step, .. } => format!("step {}", quoted(&step.text)),
        Outcome::StepSet { step, .. } if step.done => format!("{} done", quoted(&step.text)),
        Outcome::StepSet { step, .. } => format!("{} reopened", quoted(&step.text)),
        Outcome::StepEdited { before } => format!("edit of step {}", quoted(&before.text)),
        Outcome::StepDeleted { step } => format!("deletion of step {}", quoted(&step.text)),
        Outcome::StepRestored { step } => format!("restoring step {}", quoted(&step.text)),
        Outcome::Decided { decision } => format!("decision {}", quoted(&decision.text)),
        Outcome::DecisionEdited { before } => {
            format!("edit of decision {}", quoted(&before.text))
        }
        Outcome::DecisionDeleted { decision } => {
            format!("deletion of decision {}", quoted(&decision.text))
        }
        Outcome::DecisionRestored { decision } => {
            format!("restoring decision {}", quoted(&decision.text))
        }
        Outcome::InteractionEdited { before, .. } => format!("edit of {}", quoted(&before.text)),
        Outcome::InteractionDeleted { interaction } => {
            format!("deletion of {}", quoted(&interaction.text))
        }
        Outcome::InteractionRestored { interaction } => {
            format!("restoring {}", quoted(&interaction.text))
        }
        Outcome::Completed { mission, .. } => {
            format!("{} of {}", mission.status.as_str(), quoted(&mission.title))
        }
        Outcome::Reopened { .. } => "reopening".into(),
        Outcome::Frozen { .. } => "freeze".into(),
        Outcome::Switched { .. } => "switch".into(),
        Outcome::Started { .. } => "start".into(),
        Outcome::Seen => "briefing seen".into(),
        Outcome::SessionSet { changed } => match changed.first() {
            Some((_, SessionField::Title(title))) => format!("rename to {}", quoted(title)),
            Some((_, SessionField::Description(_))) => "change of the description".into(),
            Some((_, SessionField::Workspace(_))) => "change of the workspace".into(),
            None => "nothing".into(),
        },
    }
}

/// A refusal in the dashboard's words: the message, and what to do as a key to press.
pub(super) fn explain(app: &App, failure: &Failure) -> String {
    let key = |command| app.settings.keymap.first_label(command).unwrap_or_default();
    let hint = match &failure.hint {
        Some(Hint::StartMission | Hint::NextMission) => {
            format!(
                "{} starts a mission or switches to one",
                key(Command::Missions)
            )
        }
        Some(Hint::ListMissions | Hint::Continue(_) | Hint::SwitchTo(_)) => {
            format!("{} lists the missions", key(Command::Missions))
        }
        Some(Hint::Shorten) => "shorten it".into(),
        Some(Hint::Doctor) => "`tether doctor` shows what is wrong".into(),
        Some(Hint::Repair) => "`tether doctor --repair` rebuilds what it can".into(),
        Some(Hint::TryAgain) => "try again".into(),
        Some(Hint::FollowHere(_)) => format!("{} starts a mission", key(Command::Missions)),
        Some(Hint::ListSteps | Hint::Say(_)) | None => return failure.message.clone(),
    };
    format!("{}: {hint}", failure.message)
}
