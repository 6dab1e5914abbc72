//! What comes back from the worker: changes made, sessions loaded, missions listed.

use super::{nav, said};
use crate::context::briefing_in;
use crate::ops::{Applied, Change, Outcome};
use crate::session::SessionId;
use crate::tui::app::{App, Confirm, Popup, Undoable};
use crate::tui::data::{Data, Figures, Missions};
use crate::tui::effect::{Effect, Failure, History};

/// A change made (or refused): closes the form that asked for it, keeps the change that
/// takes it back for `u` (or `ctrl-r`), and says what happened in the footer.
pub(super) fn applied(app: &mut App, result: Result<Applied, Failure>, history: History) {
    let form_pending = matches!(&app.popup, Some(Popup::Input(form)) if form.pending);
    let applied = match result {
        Ok(applied) => applied,
        Err(failure) => {
            app.reveal = None; // the mission it was in did not open
            let error = said::explain(app, &failure);
            match &mut app.popup {
                Some(Popup::Input(form)) if form.pending => {
                    form.pending = false;
                    form.error = Some(error);
                }
                _ => app.flash(error, true),
            }
            return;
        }
    };
    if form_pending {
        app.close_popup();
    }
    if let Some(message) = said::outcome(app, &applied, &history) {
        app.flash(message, false);
    }
    if let Outcome::Completed {
        next: Some((paused, title)),
        ..
    } = &applied.outcome
    {
        offer(app, paused, title);
    }
    app.timeline.follow |= matches!(applied.outcome, Outcome::Logged(_));
    let Some(change) = applied.inverse else {
        return;
    };
    match history {
        History::Record => {
            let what = said::what(&applied.outcome);
            app.undo.push(Undoable { change, what });
            app.redo.clear();
        }
        History::Undo(what) => app.redo.push(Undoable { change, what }),
        History::Redo(what) => app.undo.push(Undoable { change, what }),
        History::Skip => {}
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

pub(super) fn loaded(app: &mut App, result: Result<Option<Box<Data>>, String>) -> Vec<Effect> {
    let first = !app.loaded;
    app.loaded = true;
    match result {
        Ok(data) => {
            app.load_error = None;
            nav::replace_data(app, data.map(|d| *d));
            super::search::reveal(app);
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
    let mut fresh = briefing_in(
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

/// The stats read for the stats view: shown when it is still open, and a mission that
/// could not be read told.
pub(super) fn stats_loaded(app: &mut App, result: Result<Box<Figures>, String>) {
    let figures = match result {
        Ok(figures) => *figures,
        Err(error) => return app.flash(error, true),
    };
    if let Some(Popup::Stats { stats }) = &mut app.popup {
        *stats = Some(Box::new(figures.stats));
    }
    if let Some(error) = figures.unread {
        app.flash(error, true);
    }
}

/// The missions read for the list: shown when it is still open, and a mission that could
/// not be read told.
pub(super) fn missions_loaded(app: &mut App, result: Result<Missions, String>) {
    let missions = match result {
        Ok(missions) => missions,
        Err(error) => return app.flash(error, true),
    };
    if let Some(Popup::Missions(list)) = &mut app.popup {
        list.load(missions.rows);
    }
    if let Some(error) = missions.unread {
        app.flash(error, true);
    }
}
