//! The way back into a dashboard left open: the first key after it sat idle past the gap
//! threshold, while a gap is owed to the person, shows the briefing. The keys typed on the
//! way back never act behind it: a burst that began with a key opening a text field is
//! typed into that field (over the briefing); any other key is held, and so is the rest of
//! its burst.

use chrono::{DateTime, TimeDelta, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{commands, open_briefing, popup_keys};
use crate::timeline::is_gap;
use crate::tui::action::Command;
use crate::tui::app::{App, Wake};
use crate::tui::effect::Effect;

/// Keys closer together than this are one burst: typed without looking at the screen.
pub const BURST: TimeDelta = TimeDelta::milliseconds(300);

/// A key pressed at `at`.
pub(super) fn press(app: &mut App, key: KeyEvent, at: DateTime<Utc>) -> Vec<Effect> {
    let idle = at - app.last_key;
    app.last_key = at;
    if idle < BURST {
        match &app.wake {
            Some(Wake::Typing) => return popup_keys::key(app, key),
            Some(Wake::Held(_)) => return Vec::new(),
            None => {}
        }
    }
    app.wake = None;
    if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
        return commands::command(app, Command::Quit);
    }
    if asleep(app, idle) {
        return wake_up(app, key);
    }
    route(app, key)
}

/// The mouse after a long idle stretch wakes the dashboard too; `Some` when it did.
pub(super) fn mouse(app: &mut App) -> Option<Vec<Effect>> {
    let idle = app.now - app.last_key;
    app.last_key = app.now;
    app.wake = None;
    asleep(app, idle).then(|| open_briefing(app, None))
}

/// Whether the person was away: the dashboard sat idle past the threshold, nothing is open
/// in front of it, and a gap is owed to them.
fn asleep(app: &App, idle: TimeDelta) -> bool {
    app.popup.is_none() && is_gap(idle, app.settings.threshold) && app.owed()
}

/// Shows the briefing; the waking key opens its text field over it, or is held.
fn wake_up(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let command = app.settings.keymap.command(&key);
    match command {
        Some(opens @ (Command::Log | Command::AddStep | Command::Decide)) => {
            let mut effects = open_briefing(app, None);
            effects.extend(commands::command(app, opens));
            app.wake = Some(Wake::Typing);
            effects
        }
        _ => {
            let label = crate::tui::keymap::Key::from_event(&key).label();
            app.wake = Some(Wake::Held(label.clone()));
            // only a key that would have changed something is worth a word
            let acts = command.is_some_and(|c| !c.only_looks());
            open_briefing(app, acts.then_some(label))
        }
    }
}

/// A key as the screen in front takes it: the open popup's mode, else the dashboard's.
fn route(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if app.popup.is_some() {
        return popup_keys::key(app, key);
    }
    match app.settings.keymap.command(&key) {
        Some(command) => commands::command(app, command),
        None => Vec::new(),
    }
}
