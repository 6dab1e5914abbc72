//! The footer: the keys that matter most, or a message about what just happened. Help and
//! quit are always there: the others give way first on a narrow screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::sanitize;
use crate::tui::action::Command;
use crate::tui::app::{App, FLASH_FOR, Popup, Purpose};
use crate::tui::keymap::FormCommand;

/// The commands the footer offers, in order, before help and quit.
const SHOWN: [Command; 8] = [
    Command::Log,
    Command::AddStep,
    Command::Decide,
    Command::ToggleStep,
    Command::Freeze,
    Command::Briefing,
    Command::Missions,
    Command::Search,
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
    let pieces = pieces(app);
    let kept = fitting(&pieces, area.width as usize);
    let mut spans = vec![Span::raw(" ")];
    for (n, (key, label)) in kept.into_iter().enumerate() {
        if n > 0 {
            spans.push(Span::styled(" · ", theme.dim));
        }
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(format!(" {label}"), theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The keys to offer now, most wanted first, help and quit last.
fn pieces(app: &App) -> Vec<(String, String)> {
    let keymap = &app.settings.keymap;
    if let Some(Popup::Input(form)) = &app.popup
        && form.purpose == Purpose::Filter
    {
        let keys = &keymap.form;
        return vec![
            ("type".into(), "to filter the timeline".into()),
            (keys.label(FormCommand::Submit, 1), "keeps it".into()),
            (keys.label(FormCommand::Cancel, 1), "clears it".into()),
        ];
    }
    let mut out = Vec::new();
    let key = |c| keymap.first_label(c);
    if !app.filter.is_empty()
        && let Some(clear) = key(Command::ClearFilter)
    {
        out.push((clear, "clear the filter".into()));
    }
    let no_session = app.data.is_none();
    for command in SHOWN
        .into_iter()
        .chain([Command::Help, Command::Quit])
        .filter(|c| !no_session || matches!(c, Command::Missions | Command::Help | Command::Quit))
    {
        if let (Some(k), Some(label)) = (key(command), command.footer_label()) {
            out.push((k, label.to_string()));
        }
    }
    out
}

/// The pieces that fit in `width` columns: the first and the last two (help and quit)
/// always, then as many of the others as there is room for, in order.
fn fitting(pieces: &[(String, String)], width: usize) -> Vec<(String, String)> {
    let cost = |(k, l): &(String, String)| k.width() + 1 + l.width() + 3;
    let tail = pieces.len().min(2);
    let (body, last) = pieces.split_at(pieces.len() - tail);
    let mut room = width.saturating_sub(1 + last.iter().map(cost).sum::<usize>());
    let mut kept = Vec::new();
    for piece in body {
        if cost(piece) > room {
            break;
        }
        room -= cost(piece);
        kept.push(piece.clone());
    }
    kept.extend(last.iter().cloned());
    kept
}
