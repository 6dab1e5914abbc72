//! The pure update: an action in, the new state and the effects out. No clock, no IO.

mod nav;
mod popup_keys;
mod results;

use ratatui::crossterm::event::MouseEventKind;

use super::action::{Action, Command};
use super::app::{App, InputForm, Pane, Popup, Purpose};
use super::data::Data;
use super::effect::Effect;
use crate::context::{briefing, left_at};
use crate::ops::{Change, Pick, Target};
use crate::sanitize;
use crate::session::{MissionStatus, SessionId};

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
            match (result, &mut app.popup) {
                (Ok(figures), Some(Popup::Stats { stats })) => *stats = Some(figures),
                (Err(error), _) => app.flash(error, true),
                _ => {}
            }
            Vec::new()
        }
        Action::MissionsLoaded(result) => {
            results::missions_loaded(app, result);
            Vec::new()
        }
        Action::Applied(result, undoable) => {
            results::applied(app, *result, undoable);
            vec![reload(app, false)]
        }
        Action::Paste(text) => {
            popup_keys::paste(app, &text);
            Vec::new()
        }
        Action::Key(key) => {
            if let Some(effects) = wake(app) {
                return effects;
            }
            popup_keys::key(app, key)
        }
        Action::Mouse { kind, column, row } => {
            if let Some(effects) = wake(app) {
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
        Action::Command(command) => {
            if let Some(effects) = wake(app) {
                return effects;
            }
            self::command(app, command)
        }
    }
}

/// Notes a key press; after an idle stretch past the threshold with a gap since the last
/// interaction, shows the briefing instead (the key is consumed). Returns whether it did.
fn wake(app: &mut App) -> Option<Vec<Effect>> {
    let idle = app.now - app.last_key;
    app.last_key = app.now;
    let asleep = crate::timeline::is_gap(idle, app.settings.threshold);
    (app.popup.is_none() && asleep && app.in_gap()).then(|| open_briefing(app))
}

/// Reads the store again (only when a file changed, with `if_changed`).
fn reload(app: &App, if_changed: bool) -> Effect {
    Effect::Reload {
        shown: app.data.as_ref().map(Data::shown),
        if_changed,
    }
}

/// Opens the briefing; asks for what changed in the workspace, if one is followed.
pub(super) fn open_briefing(app: &mut App) -> Vec<Effect> {
    let Some(data) = &app.data else {
        return Vec::new();
    };
    let b = briefing(
        &data.session,
        &data.interactions,
        app.now,
        app.settings.threshold,
    );
    let effects = match &data.session.workspace {
        Some(workspace) => vec![Effect::LoadWorkspace {
            workspace: workspace.clone(),
            left: left_at(&data.session, &data.interactions),
        }],
        None => Vec::new(),
    };
    app.popup = Some(Popup::Briefing {
        briefing: Box::new(b),
        scroll: 0,
    });
    effects
}

fn command(app: &mut App, command: Command) -> Vec<Effect> {
    let needs_session = !matches!(
        command,
        Command::Quit
            | Command::Help
            | Command::Missions
            | Command::NextPane
            | Command::PreviousPane
    );
    if needs_session && app.data.is_none() {
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
        Command::Help => app.popup = Some(Popup::Help { scroll: 0 }),
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
        Command::Briefing => return open_briefing(app),
        Command::Missions => {
            app.popup = Some(Popup::Missions {
                rows: None,
                selected: 0,
            });
            return vec![Effect::LoadMissions];
        }
        Command::Stats => {
            app.popup = Some(Popup::Stats { stats: None });
            return vec![Effect::LoadStats];
        }
        Command::Complete => {
            if let Some(data) = &app.data {
                let question = format!(
                    "Complete the mission “{}”? Its session ends.",
                    sanitize::line(&data.session.mission.title)
                );
                let change = Change::Complete {
                    session: on(&data.session.id),
                    status: MissionStatus::Complete,
                };
                app.popup = Some(Popup::Confirm(super::app::Confirm { question, change }));
            }
        }
        Command::NextPane => app.focus = app.focus.next(),
        Command::PreviousPane => app.focus = app.focus.previous(),
        Command::Down => nav::move_by(app, app.focus, 1),
        Command::Up => nav::move_by(app, app.focus, -1),
        Command::Top => nav::move_to(app, app.focus, 0),
        Command::Bottom => nav::move_to(app, app.focus, usize::MAX),
        Command::PageDown => nav::move_by(app, app.focus, nav::page(app, app.focus) as isize),
        Command::PageUp => nav::move_by(app, app.focus, -(nav::page(app, app.focus) as isize)),
    }
    keep_all_visible(app);
    Vec::new()
}

fn open_form(app: &mut App, purpose: Purpose, title: &str, fields: &[(&'static str, &str)]) {
    app.popup = Some(Popup::Input(InputForm::new(purpose, title, fields)));
}

/// The session shown, as the target of a change.
pub(super) fn on(id: &SessionId) -> Target {
    Target::Session(id.clone())
}

/// An undoable change on the session shown.
fn change(app: &mut App, make: impl FnOnce(Target) -> Change) -> Vec<Effect> {
    match &app.data {
        Some(data) => vec![Effect::Apply {
            change: make(on(&data.session.id)),
            undoable: true,
        }],
        None => Vec::new(),
    }
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
        Some((question, change)) => {
            app.popup = Some(Popup::Confirm(super::app::Confirm { question, change }))
        }
        None => app.flash("Nothing selected to delete", true),
    }
}

/// User text cut short for a question.
fn short(text: &str) -> String {
    sanitize::truncate(&sanitize::line(text), 40)
}

fn undo(app: &mut App) -> Vec<Effect> {
    match app.undo.pop() {
        Some(change) => vec![Effect::Apply {
            change,
            undoable: false,
        }],
        None => {
            app.flash("Nothing to undo", true);
            Vec::new()
        }
    }
}
