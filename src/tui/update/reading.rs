//! Keys in the popups that are read: the resume briefing, which closes only on a key bound
//! to close it, and the help and the stats, which any other key closes. Scrolling stops at
//! their last line.

use ratatui::crossterm::event::KeyEvent;

use super::{commands, outside};
use crate::tui::action::Command;
use crate::tui::app::{App, Popup};
use crate::tui::effect::Effect;
use crate::tui::keymap::{BriefingCommand, Key, ScrollCommand};
use crate::tui::pages;

/// How far a page moves.
const PAGE: u16 = 10;

/// A key while the briefing is open. Keys not bound to it do nothing, but those that open a
/// text field (opened over it) and the held key pressed again (which closes it and acts).
pub(super) fn briefing_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let bottom = briefing_bottom(app);
    let Some(Popup::Briefing { scroll, held, .. }) = &mut app.popup else {
        return Vec::new();
    };
    let label = Key::from_event(&key).label();
    let again = held.as_deref() == Some(label.as_str());
    match app.settings.keymap.briefing.command_or_plain(&key) {
        _ if again => {
            app.close_popup();
            return match app.settings.keymap.command(&key) {
                Some(command) => commands::command(app, command),
                None => Vec::new(),
            };
        }
        Some(BriefingCommand::Close) => app.close_popup(),
        Some(BriefingCommand::Copy) => return outside::copy_briefing(app),
        Some(command) => *scroll = moved(*scroll, bottom, command.into()),
        None => {
            if let Some(opens @ (Command::Log | Command::AddStep | Command::Decide)) =
                app.settings.keymap.command(&key)
            {
                return commands::command(app, opens);
            }
        }
    }
    Vec::new()
}

/// A key while the help or the stats are open.
pub(super) fn scroll_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let bottom = pages::max_scroll(pages::help(app).len(), 2, app.size.1);
    match (
        &mut app.popup,
        app.settings.keymap.scroll.command_or_plain(&key),
    ) {
        (_, Some(ScrollCommand::Copy)) => return outside::copy_read(app),
        (Some(Popup::Help { scroll }), Some(command)) if command != ScrollCommand::Close => {
            *scroll = moved(*scroll, bottom, command.into());
        }
        _ => app.close_popup(),
    }
    Vec::new()
}

/// The last scroll position of the open briefing at the current size.
fn briefing_bottom(app: &App) -> u16 {
    let Some(Popup::Briefing { briefing, held, .. }) = &app.popup else {
        return 0;
    };
    let width = pages::briefing_text_width(app.size.0);
    let lines = pages::briefing(app, briefing, held.as_deref(), width).len();
    pages::max_scroll(lines, 3, app.size.1)
}

/// A way to move in a page.
#[derive(Clone, Copy)]
enum Move {
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
}

impl From<BriefingCommand> for Move {
    fn from(command: BriefingCommand) -> Self {
        match command {
            BriefingCommand::Down => Move::Down,
            BriefingCommand::Up => Move::Up,
            BriefingCommand::PageDown => Move::PageDown,
            BriefingCommand::PageUp => Move::PageUp,
            BriefingCommand::Top | BriefingCommand::Close | BriefingCommand::Copy => Move::Top,
            BriefingCommand::Bottom => Move::Bottom,
        }
    }
}

impl From<ScrollCommand> for Move {
    fn from(command: ScrollCommand) -> Self {
        match command {
            ScrollCommand::Down => Move::Down,
            ScrollCommand::Up => Move::Up,
            ScrollCommand::PageDown => Move::PageDown,
            ScrollCommand::PageUp => Move::PageUp,
            ScrollCommand::Top | ScrollCommand::Close | ScrollCommand::Copy => Move::Top,
            ScrollCommand::Bottom => Move::Bottom,
        }
    }
}

/// `scroll` moved, never past `bottom`.
fn moved(scroll: u16, bottom: u16, how: Move) -> u16 {
    let scroll = scroll.min(bottom);
    match how {
        Move::Down => scroll.saturating_add(1).min(bottom),
        Move::Up => scroll.saturating_sub(1),
        Move::PageDown => scroll.saturating_add(PAGE).min(bottom),
        Move::PageUp => scroll.saturating_sub(PAGE),
        Move::Top => 0,
        Move::Bottom => bottom,
    }
}
