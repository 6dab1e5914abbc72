//! Keys inside popups: typing in a form, answering a question, moving in a list.

use ratatui::crossterm::event::{Event, KeyEvent};
use tui_input::InputRequest;
use tui_input::backend::crossterm::to_input_request;

use super::{nav, on, reading};
use crate::ops::{Change, Entry, StartRequest};
use crate::tui::app::{App, InputForm, Popup, Purpose};
use crate::tui::effect::{Effect, History};
use crate::tui::keymap::{ConfirmCommand, FormCommand, MissionsCommand};

/// Handles a key while a popup is open: the keymap's mode for the popup says what it means.
pub fn key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    match &app.popup {
        None => Vec::new(),
        Some(Popup::Input(_)) => form_key(app, key),
        Some(Popup::Confirm(_)) => confirm_key(app, key),
        Some(Popup::Briefing { .. }) => reading::briefing_key(app, key),
        Some(Popup::Help { .. } | Popup::Stats { .. } | Popup::Text { .. }) => {
            reading::scroll_key(app, key)
        }
        Some(Popup::Missions { .. }) => missions_key(app, key),
        Some(Popup::Search(_)) => super::search::key(app, key),
    }
}

/// A yes/no question: only yes goes ahead; any other key means no.
fn confirm_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Some(Popup::Confirm(confirm)) = &app.popup else {
        return Vec::new();
    };
    let yes = app.settings.keymap.confirm.command_or_plain(&key) == Some(ConfirmCommand::Yes);
    let change = confirm.change.clone();
    app.close_popup();
    app.brief_on_load |= yes && matches!(change, Change::Switch { .. } | Change::Reopen { .. });
    match yes {
        true => vec![Effect::Apply {
            change,
            history: History::Record,
        }],
        false => Vec::new(),
    }
}

/// The missions list: move, start a new mission, or come back to one (a paused mission is
/// switched to, an ended one reopened); its briefing shows once it is loaded.
fn missions_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let command = app.settings.keymap.missions.command_or_plain(&key);
    let Some(Popup::Missions { rows, selected }) = &mut app.popup else {
        return Vec::new();
    };
    let len = rows.as_ref().map_or(0, Vec::len);
    match command {
        Some(MissionsCommand::Down) => *selected = (*selected + 1).min(len.saturating_sub(1)),
        Some(MissionsCommand::Up) => *selected = selected.saturating_sub(1),
        Some(MissionsCommand::New) => {
            let form = InputForm::new(
                Purpose::StartMission,
                "Start a new mission",
                &[("Mission", "")],
            );
            app.open(Popup::Input(form));
        }
        Some(MissionsCommand::Switch) => {
            let row = rows.as_ref().and_then(|r| r.get(*selected)).cloned();
            app.close_popup();
            let Some(row) = row else { return Vec::new() };
            if app.data.as_ref().is_some_and(|d| d.session.id == row.id) {
                return Vec::new();
            }
            let change = if row.status.is_ended() {
                Change::Reopen { session: row.id }
            } else {
                Change::Switch { session: row.id }
            };
            app.brief_on_load = true;
            return vec![Effect::Apply {
                change,
                history: History::Record,
            }];
        }
        Some(MissionsCommand::Close) => app.close_popup(),
        None => {}
    }
    Vec::new()
}

fn form_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Some(Popup::Input(form)) = app.popup.as_mut() else {
        return Vec::new();
    };
    if form.pending {
        return Vec::new();
    }
    let several = form.fields.len() > 1;
    match app.settings.keymap.form.command_or_plain(&key) {
        Some(FormCommand::Cancel) => {
            let filtering = form.purpose == Purpose::Filter;
            app.close_popup();
            if filtering {
                app.filter.clear();
                nav::filter_changed(app);
            }
            Vec::new()
        }
        Some(FormCommand::Submit) => submit(app),
        Some(step @ (FormCommand::NextField | FormCommand::PreviousField)) if several => {
            let n = form.fields.len();
            form.focus = if step == FormCommand::NextField {
                (form.focus + 1) % n
            } else {
                (form.focus + n - 1) % n
            };
            Vec::new()
        }
        _ => {
            if let Some(request) = to_input_request(&Event::Key(key)) {
                edit_field(app, request);
            }
            Vec::new()
        }
    }
}

/// Applies an edit to the focused field; a filter follows the typing.
fn edit_field(app: &mut App, request: InputRequest) {
    let Some(Popup::Input(form)) = app.popup.as_mut() else {
        return;
    };
    form.error = None;
    if let Some(field) = form.fields.get_mut(form.focus) {
        field.input.handle(request);
    }
    if form.purpose == Purpose::Filter {
        app.filter = form.value(0).to_string();
        nav::filter_changed(app);
    }
}

/// Pasted text goes into the focused field, line breaks as spaces.
pub fn paste(app: &mut App, text: &str) {
    if !matches!(app.popup, Some(Popup::Input(_))) {
        return;
    }
    for c in text.chars() {
        let c = if c == '\n' || c == '\r' || c == '\t' {
            ' '
        } else {
            c
        };
        edit_field(app, InputRequest::InsertChar(c));
    }
}

fn submit(app: &mut App) -> Vec<Effect> {
    let Some(Popup::Input(form)) = app.popup.as_mut() else {
        return Vec::new();
    };
    let text = form.value(0).trim().to_string();
    if text.is_empty() && form.purpose != Purpose::Filter {
        let cancel = app.settings.keymap.form.label(FormCommand::Cancel, 1);
        form.error = Some(format!("Type something first ({cancel} cancels)"));
        return Vec::new();
    }
    let why = Some(form.value(1).trim().to_string()).filter(|w| !w.is_empty());
    let Some(session) = app.data.as_ref().map(|d| on(&d.session.id)) else {
        if form.purpose == Purpose::StartMission {
            form.pending = true;
            let change = start(text, app.settings.here.clone());
            return vec![Effect::Apply {
                change,
                history: History::Skip,
            }];
        }
        return Vec::new();
    };
    let change = match &form.purpose {
        Purpose::Log => Change::Log {
            session,
            entry: Entry::note(text),
        },
        Purpose::AddStep => Change::AddStep { session, text },
        Purpose::Decide => Change::Decide { session, text, why },
        Purpose::EditInteraction(id) => Change::EditInteraction {
            session,
            interaction: *id,
            text,
        },
        Purpose::EditStep(id) => Change::EditStep {
            session,
            step: *id,
            text,
        },
        Purpose::EditDecision(id) => Change::EditDecision {
            session,
            decision: *id,
            text,
            why,
        },
        Purpose::StartMission => start(text, app.settings.here.clone()),
        Purpose::Filter => {
            app.close_popup();
            return Vec::new();
        }
    };
    form.pending = true;
    let history = match form.purpose {
        Purpose::StartMission => History::Skip,
        _ => History::Record,
    };
    vec![Effect::Apply { change, history }]
}

/// Starting a mission from the dashboard: it follows the folder the dashboard was opened
/// in, when that is in a git repository.
fn start(title: String, workspace: Option<std::path::PathBuf>) -> Change {
    Change::Start(StartRequest {
        title,
        workspace,
        ..StartRequest::default()
    })
}
