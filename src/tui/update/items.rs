//! Commands on the selected item of the pane with focus: check a step off, edit, delete
//! (asking first), and read it whole.

use super::commands::open_form;
use super::{change, forms, on};
use crate::ops::{Change, Pick};
use crate::sanitize;
use crate::tui::action::Command;
use crate::tui::app::{App, Confirm, Pane, Popup, Purpose};
use crate::tui::effect::Effect;

pub(super) fn toggle_step(app: &mut App) -> Vec<Effect> {
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

pub(super) fn edit(app: &mut App) {
    let Some(data) = &app.data else { return };
    let purpose_and_fields = match app.focus {
        Pane::Timeline if app.timeline_len() > 0 => {
            let i = data
                .interactions
                .entry(app.interaction_at(app.timeline.selected))
                .to_interaction();
            forms::edit_interaction(app, &i);
            return;
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

pub(super) fn delete(app: &mut App) {
    let Some(data) = &app.data else { return };
    let session = on(&data.session.id);
    let target = match app.focus {
        Pane::Timeline if app.timeline_len() > 0 => {
            let i = data
                .interactions
                .entry(app.interaction_at(app.timeline.selected));
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
                    step: Pick::Id(s.id),
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

/// Opens the selected item's whole text.
pub(super) fn open(app: &mut App) {
    let Some(data) = &app.data else { return };
    let item = match app.focus {
        Pane::Timeline if app.timeline_len() > 0 => {
            let i = data
                .interactions
                .entry(app.interaction_at(app.timeline.selected));
            let title = format!(
                " {} · {} · {} ",
                app.moment(i.at),
                i.kind.as_str(),
                i.source.as_str()
            );
            Some((title, i.text.to_string()))
        }
        Pane::Steps => data.session.steps.get(app.steps.selected).map(|s| {
            let state = if s.done { "done" } else { "open" };
            (format!(" Step {} · {state} ", s.number), s.text.clone())
        }),
        Pane::Decisions => data.session.decisions.get(app.decisions.selected).map(|d| {
            let body = match &d.why {
                Some(why) => format!("{}\n\nWhy: {why}", d.text),
                None => d.text.clone(),
            };
            (format!(" Decision · {} ", app.moment(d.at)), body)
        }),
        Pane::Timeline => None,
    };
    match item {
        Some((title, body)) => app.open(Popup::Text {
            title,
            body,
            scroll: 0,
        }),
        None => app.flash("Nothing selected to read", true),
    }
}
