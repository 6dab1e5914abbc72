//! What comes back from the worker: changes made, sessions loaded, missions listed.

use super::nav;
use crate::context::briefing;
use crate::hint::Hint;
use crate::ops::{Applied, Change, Outcome};
use crate::session::SessionId;
use crate::text::resuming_after;
use crate::timeline::is_gap;
use crate::tui::action::Command;
use crate::tui::app::{App, Confirm, Popup};
use crate::tui::data::{Data, MissionRow};
use crate::tui::effect::{Effect, Failure};

/// A change made (or refused): closes the form that asked for it, keeps its inverse for
/// `u`, and says what happened in the footer.
pub(super) fn applied(app: &mut App, result: Result<Applied, Failure>, undoable: bool) {
    let form_pending = matches!(&app.popup, Some(Popup::Input(form)) if form.pending);
    match result {
        Ok(applied) => {
            if form_pending {
                app.close_popup();
            }
            if let Some(message) = said(app, &applied) {
                app.flash(message, false);
            }
            if let Outcome::Completed {
                next: Some((paused, title)),
                ..
            } = &applied.outcome
            {
                offer(app, paused, title);
            }
            if let Some(inverse) = applied.inverse.filter(|_| undoable) {
                app.undo.push(inverse);
            }
            app.timeline.follow |= matches!(applied.outcome, Outcome::Logged(_));
        }
        Err(failure) => {
            let error = explain(app, &failure);
            match &mut app.popup {
                Some(Popup::Input(form)) if form.pending => {
                    form.pending = false;
                    form.error = Some(error);
                }
                _ => app.flash(error, true),
            }
        }
    }
}

/// After a mission ends, asks whether to come back to the paused mission most recently
/// worked on: never switched to by itself.
fn offer(app: &mut App, paused: &SessionId, title: &str) {
    let question = format!(
        "Switch to session {paused} · {} (paused)?",
        crate::sanitize::line(title)
    );
    let change = Change::Switch {
        session: paused.clone(),
    };
    app.open(Popup::Confirm(Confirm { question, change }));
}

/// The footer's words for a change made (none for marking a briefing seen).
fn said(app: &App, applied: &Applied) -> Option<String> {
    let key = |command| app.settings.keymap.first_label(command).unwrap_or_default();
    let undoes = format!("{} undoes", key(Command::Undo));
    Some(match &applied.outcome {
        Outcome::Logged(logged) => match logged
            .since_last
            .filter(|d| is_gap(*d, app.settings.threshold))
        {
            Some(since) => format!("Logged, {}", resuming_after(since)),
            None => "Logged".into(),
        },
        Outcome::StepAdded { number, .. } => format!("Added step {number}"),
        Outcome::StepSet { step, progress, .. } => {
            let verb = if step.done { "Done" } else { "Reopened" };
            format!("{verb} · {progress} steps done")
        }
        Outcome::StepEdited { .. } => "Step edited".into(),
        Outcome::StepDeleted { .. } => format!("Step deleted · {undoes}"),
        Outcome::StepRestored { .. } => "Step restored".into(),
        Outcome::Decided { .. } => "Decision recorded".into(),
        Outcome::DecisionEdited { .. } => "Decision edited".into(),
        Outcome::DecisionDeleted { .. } => format!("Decision deleted · {undoes}"),
        Outcome::DecisionRestored { .. } => "Decision restored".into(),
        Outcome::InteractionEdited { .. } => "Edited".into(),
        Outcome::InteractionDeleted { .. } => format!("Deleted · {undoes}"),
        Outcome::InteractionRestored { .. } => "Restored".into(),
        Outcome::Frozen { snapshot } => {
            format!("Context frozen · {} steps done", snapshot.progress)
        }
        Outcome::Completed { mission, .. } => format!(
            "Session {} {} · {undoes} · {} starts the next mission",
            applied.session,
            mission.status.as_str(),
            key(Command::Missions)
        ),
        Outcome::Switched { already: true, .. } => {
            format!("Session {} is already the active one", applied.session)
        }
        Outcome::Switched { .. } => format!("Switched to session {}", applied.session),
        Outcome::Reopened { .. } => format!("Reopened session {} · {undoes}", applied.session),
        Outcome::Started { .. } => format!("Started session {}", applied.session),
        Outcome::Seen => return None,
    })
}

/// A refusal in the dashboard's words: the message, and what to do as a key to press.
fn explain(app: &App, failure: &Failure) -> String {
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

pub(super) fn loaded(app: &mut App, result: Result<Option<Box<Data>>, String>) -> Vec<Effect> {
    let first = !app.loaded;
    app.loaded = true;
    match result {
        Ok(data) => {
            app.load_error = None;
            nav::replace_data(app, data.map(|d| *d));
            let back = std::mem::take(&mut app.brief_on_load) && app.data.is_some();
            if (first && app.owed()) || back {
                return super::open_briefing(app, None);
            }
            refresh_briefing(app);
        }
        Err(error) => {
            if app.data.is_some() {
                app.flash(format!("Could not reload: {error}"), true);
            } else {
                app.load_error = Some(error);
            }
        }
    }
    Vec::new()
}

/// Rebuilds an open briefing from the data now loaded, keeping what the loop added to it.
fn refresh_briefing(app: &mut App) {
    let (Some(data), Some(Popup::Briefing { briefing: open, .. })) = (&app.data, &mut app.popup)
    else {
        return;
    };
    let mut fresh = briefing(
        &data.session,
        &data.interactions,
        data.seen,
        open.now,
        app.settings.threshold,
    );
    // it keeps stating the gap it was opened for, though being seen has paid it
    fresh.workspace_changes = open.workspace_changes.take();
    fresh.gap = open.gap;
    fresh.after_gap = open.after_gap;
    **open = fresh;
}

pub(super) fn missions_loaded(app: &mut App, result: Result<Vec<MissionRow>, String>) {
    match (result, &mut app.popup) {
        (Ok(list), Some(Popup::Missions { rows, .. })) => *rows = Some(list),
        (Err(error), _) => app.flash(error, true),
        _ => {}
    }
}
