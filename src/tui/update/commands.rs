//! Bound commands: opening forms and popups, asking before what is destructive, moving
//! the selection, and undo.

use super::nav::{self, keep_all_visible};
use super::{change, on, open_briefing};
use crate::ops::{Change, Pick};
use crate::sanitize;
use crate::session::MissionStatus;
use crate::tui::action::Command;
use crate::tui::app::{App, Confirm, InputForm, Pane, Popup, Purpose, Undoable};
use crate::tui::effect::{Effect, History};

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
        Command::ToggleStep => return toggle_step(app),
        Command::Edit => edit(app),
        Command::Delete => delete(app),
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
            app.open(Popup::Missions {
                rows: None,
                selected: 0,
            });
            return vec![Effect::LoadMissions];
        }
        Command::Stats => {
            app.open(Popup::Stats { stats: None });
            return vec![Effect::LoadStats];
        }
        Command::Complete => ask_to_complete(app),
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
            | Command::NextPane
            | Command::PreviousPane
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

fn open_form(app: &mut App, purpose: Purpose, title: &str, fields: &[(&'static str, &str)]) {
    app.open(Popup::Input(InputForm::new(purpose, title, fields)));
}

fn toggle_step(app: &mut App) -> Vec<Effect> {
    let Some(step) = app
        .data
        .as_ref()
        .and_then(|d| d.session.steps.get(app.steps.selected))
    else {
        let key = app
            .settings
            .keymap
            .first_label(Command::AddStep)
            .unwrap_or_default();
        app.flash(format!("No step to check off: {key} adds one"), true);
        return Vec::new();
    };
    let (id, done) = (step.id, step.done);
    change(app, |session| Change::SetStepDone {
        session,
        step: Pick::Id(id),
        done: !done,
    })
}

fn edit(app: &mut App) {
    let Some(data) = &app.data else { return };
    let purpose_and_fields = match app.focus {
        Pane::Timeline if app.timeline_len() > 0 => {
            let i = &data.interactions[app.interaction_at(app.timeline.selected)];
            Some((
                Purpose::EditInteraction(i.id),
                "Edit the interaction",
                vec![("Text", i.text.clone())],
            ))
        }
        Pane::Steps => data.session.steps.get(app.steps.selected).map(|s| {
            (
                Purpose::EditStep(s.id),
                "Edit the step",
                vec![("Step", s.text.clone())],
            )
        }),
        Pane::Decisions => data.session.decisions.get(app.decisions.selected).map(|d| {
            let fields = vec![
                ("Decision", d.text.clone()),
                ("Why? (optional)", d.why.clone().unwrap_or_default()),
            ];
            (Purpose::EditDecision(d.id), "Edit the decision", fields)
        }),
        Pane::Timeline => None,
    };
    match purpose_and_fields {
        Some((purpose, title, fields)) => {
            let fields: Vec<(&'static str, &str)> =
                fields.iter().map(|(l, v)| (*l, v.as_str())).collect();
            open_form(app, purpose, title, &fields);
        }
        None => app.flash("Nothing selected to edit", true),
    }
}

fn delete(app: &mut App) {
    let Some(data) = &app.data else { return };
    let session = on(&data.session.id);
    let target = match app.focus {
        Pane::Timeline if app.timeline_len() > 0 => {
            let i = &data.interactions[app.interaction_at(app.timeline.selected)];
            Some((
                format!("Delete the interaction “{}”?", short(&i.text)),
                Change::DeleteInteraction {
                    session,
                    interaction: i.id,
                },
            ))
        }
        Pane::Steps => data.session.steps.get(app.steps.selected).map(|s| {
            (
                format!("Delete the step “{}”?", short(&s.text)),
                Change::DeleteStep {
                    session,
                    step: s.id,
                },
            )
        }),
        Pane::Decisions => data.session.decisions.get(app.decisions.selected).map(|d| {
            (
                format!("Delete the decision “{}”?", short(&d.text)),
                Change::DeleteDecision {
                    session,
                    decision: d.id,
                },
            )
        }),
        Pane::Timeline => None,
    };
    match target {
        Some((question, change)) => app.open(Popup::Confirm(Confirm { question, change })),
        None => app.flash("Nothing selected to delete", true),
    }
}

/// User text cut short for a question.
fn short(text: &str) -> String {
    sanitize::truncate(&sanitize::line(text), 40)
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
