//! Forms: opening the edit of an interaction and the rename of the mission, and reading
//! what a submitted form asks of the store. A field that does not read is said in the
//! form, and nothing is written.

use chrono::{DateTime, Utc};
use clap::ValueEnum;
use ulid::Ulid;

use super::commands::open_form;
use super::on;
use crate::ops::{Change, Entry, InteractionEdit, StartRequest};
use crate::session::SessionField;
use crate::session::{Interaction, Kind};
use crate::tui::app::{App, InputForm, Purpose};
use crate::tui::keymap::FormCommand;

/// The label of an interaction's time in its edit form.
const WHEN: &str = "When (local time; 23:50 and -2h work too)";

/// The label of an interaction's kind in its edit form.
const KIND: &str = "Kind (note progress decision step commit resume)";

/// A time as the edit form shows it: `2025-08-15 23:50`, in the dashboard's zone.
fn minute(app: &App, at: DateTime<Utc>) -> String {
    app.settings
        .zone
        .show(at)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// Opens the edit of an interaction: its words, its time and its kind.
pub(super) fn edit_interaction(app: &mut App, interaction: &Interaction) {
    let when = minute(app, interaction.at);
    open_form(
        app,
        Purpose::EditInteraction(interaction.id),
        "Edit the interaction",
        &[
            ("Text", &interaction.text),
            (WHEN, &when),
            (KIND, interaction.kind.as_str()),
        ],
    );
}

/// Opens the rename of the mission shown: its title and description.
pub(super) fn rename(app: &mut App) {
    let Some(data) = &app.data else { return };
    let mission = data.session.mission.clone();
    let description = mission.description.unwrap_or_default();
    open_form(
        app,
        Purpose::Rename,
        "Rename the mission",
        &[
            ("Title", &mission.title),
            ("Description (optional)", &description),
        ],
    );
}

/// The change a submitted form asks for (`None`: nothing to do), or why it cannot be made.
pub(super) fn change(app: &App, form: &InputForm) -> Result<Option<Change>, String> {
    let text = form.value(0).trim().to_string();
    if text.is_empty() {
        let cancel = app.settings.keymap.form.label(FormCommand::Cancel, 1);
        return Err(format!("Type something first ({cancel} cancels)"));
    }
    let second = Some(form.value(1).trim().to_string()).filter(|w| !w.is_empty());
    let Some(session) = app.data.as_ref().map(|d| on(&d.session.id)) else {
        let start = form.purpose == Purpose::StartMission;
        return Ok(start.then(|| start_here(app, text)));
    };
    Ok(Some(match &form.purpose {
        Purpose::Log => Change::Log {
            session,
            entry: Entry::note(text),
        },
        Purpose::AddStep => Change::AddStep { session, text },
        Purpose::Decide => Change::Decide {
            session,
            text,
            why: second,
        },
        Purpose::EditInteraction(id) => Change::EditInteraction {
            session,
            interaction: *id,
            edit: interaction_edit(app, form, *id, text)?,
        },
        Purpose::EditStep(id) => Change::EditStep {
            session,
            step: crate::ops::Pick::Id(*id),
            text,
        },
        Purpose::EditDecision(id) => Change::EditDecision {
            session,
            decision: *id,
            text,
            why: second,
        },
        Purpose::Rename => Change::SetSession {
            session,
            fields: vec![SessionField::Title(text), SessionField::Description(second)],
        },
        Purpose::StartMission => start_here(app, text),
        Purpose::Filter => return Ok(None),
    }))
}

/// The edit the form of interaction `id` asks for: its words, and its time and kind as
/// typed. A time left as shown stays what it is, to the second.
fn interaction_edit(
    app: &App,
    form: &InputForm,
    id: Ulid,
    text: String,
) -> Result<InteractionEdit, String> {
    let shown = app
        .data
        .as_ref()
        .and_then(|d| Some(d.interactions.entry(d.interactions.rposition(id)?)))
        .ok_or_else(|| "That interaction is gone (another process changed it)".to_string())?;
    let when = form.value(1).trim();
    let at = if when == minute(app, shown.at) {
        None
    } else {
        let at = app.settings.zone.parse_when(when, app.now);
        Some(at.map_err(|e| format!("When: {e}"))?)
    };
    Ok(InteractionEdit {
        text: Some(text),
        at,
        kind: Some(kind(form.value(2))?),
    })
}

/// A kind by its name, or the start of it (a first letter is enough).
fn kind(typed: &str) -> Result<Kind, String> {
    let typed = typed.trim().to_lowercase();
    let kinds = Kind::value_variants();
    if let Some(exact) = kinds.iter().find(|k| k.as_str() == typed) {
        return Ok(*exact);
    }
    let starting: Vec<&Kind> = kinds
        .iter()
        .filter(|k| !typed.is_empty() && k.as_str().starts_with(&typed))
        .collect();
    match starting.as_slice() {
        [one] => Ok(**one),
        _ => {
            let names: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
            Err(format!("Kind: type one of {}", names.join(", ")))
        }
    }
}

/// Starting a mission from the dashboard: it follows the folder the dashboard was opened
/// in, when that is in a git repository.
fn start_here(app: &App, title: String) -> Change {
    Change::Start(StartRequest {
        title,
        workspace: app.settings.here.clone(),
        ..StartRequest::default()
    })
}
