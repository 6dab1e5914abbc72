//! What comes back from the loop: writes done, sessions loaded, missions listed.

use super::nav;
use crate::context::briefing;
use crate::tui::app::{App, Popup};
use crate::tui::data::{Data, MissionRow};
use crate::tui::effect::{Done, Effect};

pub(super) fn written(app: &mut App, result: Result<Done, String>, undoable: bool) {
    let form_pending = matches!(&app.popup, Some(Popup::Input(form)) if form.pending);
    match result {
        Ok(done) => {
            if form_pending {
                app.popup = None;
            }
            if let Some(inverse) = done.undo.filter(|_| undoable) {
                app.undo.push(inverse);
            }
            app.timeline.follow |= done.message.starts_with("Logged");
            app.flash(done.message, false);
        }
        Err(error) => match &mut app.popup {
            Some(Popup::Input(form)) if form.pending => {
                form.pending = false;
                form.error = Some(error);
            }
            _ => app.flash(error, true),
        },
    }
}

pub(super) fn loaded(app: &mut App, result: Result<Option<Box<Data>>, String>) -> Vec<Effect> {
    let first = !app.loaded;
    app.loaded = true;
    match result {
        Ok(data) => {
            app.load_error = None;
            nav::replace_data(app, data.map(|d| *d));
            if first && app.in_gap() {
                return super::open_briefing(app);
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
        open.now,
        app.settings.threshold,
    );
    fresh.workspace_changes = open.workspace_changes.take();
    **open = fresh;
}

pub(super) fn missions_loaded(app: &mut App, result: Result<Vec<MissionRow>, String>) {
    match (result, &mut app.popup) {
        (Ok(list), Some(Popup::Missions { rows, .. })) => *rows = Some(list),
        (Err(error), _) => app.flash(error, true),
        _ => {}
    }
}
