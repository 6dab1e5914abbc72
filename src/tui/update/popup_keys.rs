//! Keys inside popups: typing in a form, answering a question, moving in a list.

use ratatui::crossterm::event::{Event, KeyEvent};
use tui_input::InputRequest;
use tui_input::backend::crossterm::to_input_request;

use super::{forms, nav, reading};
use crate::ops::Change;
use crate::tui::app::{App, Popup, Purpose};
use crate::tui::effect::{Effect, History};
use crate::tui::keymap::{ConfirmCommand, FormCommand};

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
        Some(Popup::Missions(_)) => super::mission_keys::key(app, key),
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
    let Some(Popup::Input(form)) = app.popup.as_ref() else {
        return Vec::new();
    };
    if form.purpose == Purpose::Filter {
        app.close_popup();
        return Vec::new();
    }
    let made = forms::change(app, form);
    let Some(Popup::Input(form)) = app.popup.as_mut() else {
        return Vec::new();
    };
    let change = match made {
        Ok(Some(change)) => change,
        Ok(None) => return Vec::new(),
        Err(error) => {
            form.error = Some(error);
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
