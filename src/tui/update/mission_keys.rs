//! Keys in the missions list: move, narrow it by typing (after `/`), show the ended ones,
//! start a new mission, or come back to one (a paused mission is switched to, an ended one
//! reopened); its briefing shows once it is loaded.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::backend::crossterm::to_input_request;

use crate::ops::Change;
use crate::tui::app::{App, InputForm, Popup, Purpose};
use crate::tui::effect::{Effect, History};
use crate::tui::keymap::MissionsCommand;
use crate::tui::mission_list::MissionList;

/// Rows of the popup that are not missions: its border, filter, status and hint lines.
const CHROME: usize = 6;

/// A key while the missions list is open.
pub(super) fn key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let keys = &app.settings.keymap.missions;
    let page = (app.size.1 as usize).saturating_sub(CHROME).max(1) as isize;
    let Some(Popup::Missions(list)) = &mut app.popup else {
        return Vec::new();
    };
    let command = if list.typing {
        keys.command_not_typing(&key)
    } else {
        keys.command_or_plain(&key)
    };
    match command {
        Some(MissionsCommand::Down) => list.move_by(1),
        Some(MissionsCommand::Up) => list.move_by(-1),
        Some(MissionsCommand::PageDown) => list.move_by(page),
        Some(MissionsCommand::PageUp) => list.move_by(-page),
        Some(MissionsCommand::ShowEnded) => list.toggle_ended(),
        Some(MissionsCommand::Filter) => list.typing = true,
        Some(MissionsCommand::Close) if list.typing => list.clear_filter(),
        Some(MissionsCommand::Close) => app.close_popup(),
        Some(MissionsCommand::New) => {
            let form = InputForm::new(
                Purpose::StartMission,
                "Start a new mission",
                &[("Mission", "")],
            );
            app.open(Popup::Input(form));
        }
        Some(MissionsCommand::Switch) => return switch(app),
        None if list.typing => type_key(list, key),
        None => {}
    }
    Vec::new()
}

/// Types into the filter; backspace in an empty one stops typing.
fn type_key(list: &mut MissionList, key: KeyEvent) {
    if key.code == KeyCode::Backspace && list.filter.value().is_empty() {
        list.typing = false;
        return;
    }
    if let Some(request) = to_input_request(&Event::Key(key))
        && list.filter.handle(request).is_some_and(|s| s.value)
    {
        list.changed();
    }
}

/// Comes back to the selected mission: switches to a paused one, reopens an ended one.
fn switch(app: &mut App) -> Vec<Effect> {
    let Some(Popup::Missions(list)) = &app.popup else {
        return Vec::new();
    };
    let row = list.selected_row().cloned();
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
    vec![Effect::Apply {
        change,
        history: History::Record,
    }]
}
