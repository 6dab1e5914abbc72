//! The pure update: an action in, the new state and the effects out. No clock, no IO.

mod commands;
mod forms;
mod items;
mod mission_keys;
mod nav;
mod outside;
mod popup_keys;
mod reading;
mod results;
mod said;
mod search;
mod wake;

use ratatui::crossterm::event::MouseEventKind;

use super::action::Action;
use super::app::{App, Popup};
use super::data::Data;
use super::effect::{Effect, History};
use crate::context::{briefing_in, left_at_in, left_interaction};
use crate::ops::{Change, Target};
use crate::session::SessionId;

pub use nav::keep_all_visible;

/// Applies `action` to `app`; returns what the loop must do next.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Tick(now) => {
            app.now = now;
            Vec::new()
        }
        Action::Resize(width, height) => {
            app.size = (width, height);
            keep_all_visible(app);
            Vec::new()
        }
        Action::Loaded(result) => results::loaded(app, result),
        Action::Grew(growth) => {
            if app.data.as_ref().is_some_and(|d| d.end == growth.from) {
                nav::grow_data(app, *growth);
                return Vec::new();
            }
            // read from where the data shown no longer ends (an earlier read came first)
            vec![reload(app, false)]
        }
        Action::StoreChanged => vec![reload(app, true)],
        Action::WorkspaceLoaded(change) => {
            if let Some(Popup::Briefing { briefing, .. }) = &mut app.popup {
                briefing.workspace_changes = Some(*change);
            }
            Vec::new()
        }
        Action::StatsLoaded(result) => {
            results::stats_loaded(app, result);
            Vec::new()
        }
        Action::MissionsLoaded(result) => {
            results::missions_loaded(app, result);
            Vec::new()
        }
        Action::ShellDone { dir, split, result } => {
            outside::shell_done(app, dir, split, result);
            Vec::new()
        }
        Action::Found(found) => {
            search::found(app, *found);
            Vec::new()
        }
        Action::Applied(result, history) => {
            results::applied(app, *result, history);
            vec![reload(app, false)]
        }
        Action::Paste(text) if matches!(app.popup, Some(Popup::Search(_))) => {
            search::paste(app, &text)
        }
        Action::Paste(text) => {
            popup_keys::paste(app, &text);
            Vec::new()
        }
        Action::Press(key, at) => wake::press(app, key, at),
        Action::Key(key) => popup_keys::key(app, key),
        Action::Mouse { kind, column, row } => {
            if let Some(effects) = wake::mouse(app) {
                return effects;
            }
            let down = match kind {
                MouseEventKind::ScrollDown => true,
                MouseEventKind::ScrollUp => false,
                _ => return Vec::new(),
            };
            nav::wheel(app, column, row, down);
            Vec::new()
        }
        Action::Command(command) => commands::command(app, command),
    }
}

/// Reads the store again (only when a file changed, with `if_changed`).
fn reload(app: &App, if_changed: bool) -> Effect {
    Effect::Reload {
        shown: app.data.as_ref().map(Data::shown),
        if_changed,
    }
}

/// Opens the briefing; asks for what changed in the workspace, if one is followed, and,
/// when it owes the person a gap, marks it seen. `held` is the key that woke the dashboard
/// and was not acted on.
pub(super) fn open_briefing(app: &mut App, held: Option<String>) -> Vec<Effect> {
    let Some(data) = &app.data else {
        return Vec::new();
    };
    let b = briefing_in(
        &data.session,
        &data.interactions,
        data.seen,
        app.now,
        app.settings.threshold,
    );
    let mut effects = Vec::new();
    if let Some(workspace) = &data.session.workspace {
        effects.push(Effect::LoadWorkspace {
            workspace: workspace.clone(),
            left: left_at_in(&data.session, &data.interactions, b.gap.as_ref()),
            at: left_interaction(&data.interactions, b.gap.as_ref())
                .and_then(|i| Some((data.session.id.clone(), data.interactions.id(i)?))),
        });
    }
    if b.owed() {
        let session = on(&data.session.id);
        effects.push(Effect::Apply {
            change: Change::See { session },
            history: History::Skip,
        });
    }
    app.open(Popup::Briefing {
        briefing: Box::new(b),
        scroll: 0,
        held,
    });
    effects
}

/// The session shown, as the target of a change.
pub(super) fn on(id: &SessionId) -> Target {
    Target::Session(id.clone())
}

/// An undoable change on the session shown.
pub(super) fn change(app: &mut App, make: impl FnOnce(Target) -> Change) -> Vec<Effect> {
    match &app.data {
        Some(data) => vec![Effect::Apply {
            change: make(on(&data.session.id)),
            history: History::Record,
        }],
        None => Vec::new(),
    }
}
