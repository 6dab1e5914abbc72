//! Bound commands: opening forms and popups, asking before what is destructive, moving
//! the selection, and undo.

use super::nav::{self, keep_all_visible};
use super::{change, forms, items, on, open_briefing, outside};
use crate::ops::Change;
use crate::sanitize;
use crate::session::MissionStatus;
use crate::tui::action::Command;
use crate::tui::app::{App, Confirm, InputForm, Popup, Purpose, Undoable};
use crate::tui::effect::{Effect, History};
use crate::tui::mission_list::MissionList;

/// Runs a bound command.
pub(super) fn command(app: &mut App, command: Command) -> Vec<Effect> {
    if needs_session(command) && app.data.is_none() {
        if !matches!(
            command,
            Command::Up | Command::Down | Command::Top | Command::Bottom
        ) {
            let key = app
                .settings
                .keymap
                .first_label(Command::Missions)
                .unwrap_or_default();
            app.flash(format!("No active mission: {key} starts one"), true);
        }
        return Vec::new();
    }
    match command {
        Command::Quit => app.quit = true,
        Command::Help => app.open(Popup::Help { scroll: 0 }),
        Command::Log => open_form(
            app,
            Purpose::Log,
            "Log what just happened",
            &[("What happened?", "")],
        ),
        Command::AddStep => open_form(app, Purpose::AddStep, "Add a next step", &[("Step", "")]),
        Command::Decide => open_form(
            app,
            Purpose::Decide,
            "Record a key decision",
            &[("Decision", ""), ("Why? (optional)", "")],
        ),
        Command::Filter => {
            let current = app.filter.clone();
            open_form(
                app,
                Purpose::Filter,
                "Filter the timeline",
                &[("Show interactions containing", &current)],
            );
        }
        Command::ClearFilter => {
            if !app.filter.is_empty() {
                app.filter.clear();
                nav::filter_changed(app);
            }
        }
        Command::ToggleStep => return items::toggle_step(app),
        Command::Edit => items::edit(app),
        Command::Rename => forms::rename(app),
        Command::Delete => items::delete(app),
        Command::Open => items::open(app),
        Command::Undo => return undo(app),
        Command::Redo => return redo(app),
        Command::Freeze => {
            let interactions = app
                .data
                .as_ref()
                .and_then(|d| d.complete.then_some(d.interactions.len()));
            return change(app, |session| Change::Freeze {
                session,
                interactions,
            });
        }
        Command::Briefing => return open_briefing(app, None),
        Command::Missions => {
            app.open(Popup::Missions(MissionList::loading()));
            return vec![Effect::LoadMissions];
        }
        Command::Stats => {
            app.open(Popup::Stats { stats: None });
            return vec![Effect::LoadStats];
        }
        Command::Search => super::search::open(app),
        Command::Complete => ask_to_complete(app),
        Command::Copy => return outside::copy_selected(app),
        Command::Shell => return outside::open_shell(app),
        Command::NextPane
        | Command::PreviousPane
        | Command::Down
        | Command::Up
        | Command::Top
        | Command::Bottom
        | Command::PageDown
        | Command::PageUp => navigate(app, command),
    }
    keep_all_visible(app);
    Vec::new()
}

/// Whether a command works only on a session shown.
fn needs_session(command: Command) -> bool {
    !matches!(
        command,
        Command::Quit
            | Command::Help
            | Command::Missions
            | Command::Search
            | Command::NextPane
            | Command::PreviousPane
            | Command::ClearFilter
    )
}

/// Moves the focus or the selection.
fn navigate(app: &mut App, command: Command) {
    let page = nav::page(app, app.focus) as isize;
    match command {
        Command::NextPane => app.focus = app.focus.next(),
        Command::PreviousPane => app.focus = app.focus.previous(),
        Command::Down => nav::move_by(app, app.focus, 1),
        Command::Up => nav::move_by(app, app.focus, -1),
        Command::Top => nav::move_to(app, app.focus, 0),
        Command::Bottom => nav::move_to(app, app.focus, usize::MAX),
        Command::PageDown => nav::move_by(app, app.focus, page),
        Command::PageUp => nav::move_by(app, app.focus, -page),
        _ => {}
    }
}

/// Asks before ending the mission shown.
fn ask_to_complete(app: &mut App) {
    let Some(data) = &app.data else { return };
    let open = data.session.open_steps().count();
    let left = match open {
        0 => String::new(),
        n => format!(
            " {} still open.",
            crate::text::counted(n, "step is", "steps are")
        ),
    };
    let question = format!(
        "Complete the mission “{}”?{left} Its session ends.",
        sanitize::line(&data.session.mission.title)
    );
    let change = Change::Complete {
        session: on(&data.session.id),
        status: MissionStatus::Complete,
    };
    app.open(Popup::Confirm(Confirm { question, change }));
}

pub(super) fn open_form(
    app: &mut App,
    purpose: Purpose,
    title: &str,
    fields: &[(&'static str, &str)],
) {
    app.open(Popup::Input(InputForm::new(purpose, title, fields)));
}

fn undo(app: &mut App) -> Vec<Effect> {
    match app.undo.pop() {
        Some(Undoable { change, what }) => vec![Effect::Apply {
            change,
            history: History::Undo(what),
        }],
        None => {
            app.flash("Nothing to undo", true);
            Vec::new()
        }
    }
}

fn redo(app: &mut App) -> Vec<Effect> {
    match app.redo.pop() {
        Some(Undoable { change, what }) => vec![Effect::Apply {
            change,
            history: History::Redo(what),
        }],
        None => {
            app.flash("Nothing to redo", true);
            Vec::new()
        }
    }
}
