//! The footer: the keys that matter most, or a message about what just happened.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::sanitize;
use crate::tui::action::Command;
use crate::tui::app::{App, FLASH_FOR};

/// The commands the footer offers, in order.
const SHOWN: [Command; 9] = [
    Command::Log,
    Command::AddStep,
    Command::Decide,
    Command::ToggleStep,
    Command::Freeze,
    Command::Briefing,
    Command::Missions,
    Command::Help,
    Command::Quit,
];

/// Draws the footer line.
pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    if area.is_empty() {
        return;
    }
    let theme = &app.settings.theme;
    if let Some(flash) = app.flash.as_ref().filter(|f| app.now - f.at < FLASH_FOR) {
        let style = if flash.error { theme.error } else { theme.ok };
        let line = Line::styled(format!(" {}", sanitize::line(&flash.text)), style);
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    let mut spans = vec![Span::raw(" ")];
    let mut width = 1;
    let no_session = app.data.is_none();
    for command in SHOWN {
        if no_session && !matches!(command, Command::Missions | Command::Help | Command::Quit) {
            continue;
        }
        let (Some(key), Some(label)) = (
            app.settings.keymap.first_label(command),
            command.footer_label(),
        ) else {
            continue;
        };
        let piece = key.chars().count() + 1 + label.len() + 3;
        if width + piece > area.width as usize {
            break;
        }
        if spans.len() > 1 {
            spans.push(Span::styled(" · ", theme.dim));
        }
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(format!(" {label}"), theme.dim));
        width += piece;
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
