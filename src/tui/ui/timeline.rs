//! The timeline pane: interactions with date rows at day changes and gap rows standing out.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use super::list::{self, Item};
use super::{fit, pane_block, placeholder};
use crate::sanitize;
use crate::session::Kind;
use crate::text::resumed_after;
use crate::tui::action::Command;
use crate::tui::app::{App, Pane};
use crate::tui::keymap::FormCommand;
use crate::tui::measure::timeline_row;

/// The mark that tells an interaction's kind at a glance.
fn mark(kind: Kind) -> &'static str {
    match kind {
        Kind::Note => "·",
        Kind::Progress => "✓",
        Kind::Decision => "◆",
        Kind::Step => "+",
        Kind::Commit => "●",
        Kind::Resume => "↻",
    }
}

/// The rows of timeline item `view` at `width` columns: a gap row and a date row when
/// due, then the text.
pub fn item(app: &App, view: usize, width: u16) -> Item {
    let Some(row) = timeline_row(app, view, width) else {
        return Item::from(Vec::new());
    };
    let theme = &app.settings.theme;
    let mut lines = Vec::new();
    if let Some(pause) = row.gap {
        let label = format!(" {} ", resumed_after(pause));
        lines.push(rule(&label, width, '━', theme.gap));
    }
    if row.new_day {
        let date = format!(" {}", app.date(row.interaction.at));
        lines.push(Line::styled(date, theme.date));
    }
    let selectable_from = lines.len();
    for (i, text) in row.text().into_iter().enumerate() {
        let mut spans = if i == 0 {
            vec![
                Span::styled(format!(" {} ", row.time), theme.dim),
                Span::styled(format!("{} ", mark(row.interaction.kind)), theme.accent),
            ]
        } else {
            vec![Span::raw(" ".repeat(row.prefix))]
        };
        if i == 0 && !row.tag.is_empty() {
            spans.push(Span::styled(fit(&text, row.text_width), theme.text));
            spans.push(Span::styled(row.tag.clone(), theme.dim));
        } else {
            spans.push(Span::styled(text, theme.text));
        }
        lines.push(Line::from(spans));
    }
    Item {
        lines,
        selectable_from,
    }
}

/// A centred label on a rule across `width` columns.
fn rule(label: &str, width: u16, fill: char, style: Style) -> Line<'static> {
    let width = width as usize;
    let label_width = unicode_width::UnicodeWidthStr::width(label);
    let left = width.saturating_sub(label_width) / 2;
    let right = width.saturating_sub(label_width + left);
    let text = format!(
        "{}{label}{}",
        fill.to_string().repeat(left),
        fill.to_string().repeat(right)
    );
    Line::styled(text, style)
}

/// What an empty timeline says, with the keys that help.
fn empty_text(app: &App) -> String {
    let keymap = &app.settings.keymap;
    if app.filtered.is_some() {
        let filter = keymap.first_label(Command::Filter).unwrap_or_default();
        let cancel = keymap.form.label(FormCommand::Cancel, 1);
        return format!(
            "Nothing matches the filter. {filter} changes it, {cancel} in the filter clears it."
        );
    }
    match keymap.first_label(Command::Log) {
        Some(log) => format!("Nothing logged yet. Press {log} to log what you are doing."),
        None => "Nothing logged yet.".to_string(),
    }
}

/// Draws the timeline pane.
pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    if area.is_empty() {
        return;
    }
    let mut title = " Timeline ".to_string();
    if app.filtered.is_some() {
        let total = app.data.as_ref().map_or(0, |d| d.interactions.len());
        title = format!(
            " Timeline · /{} · {} of {total} ",
            sanitize::line(&app.filter),
            app.timeline_len()
        );
    }
    let block: Block = pane_block(app, Pane::Timeline, title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let len = app.timeline_len();
    if len == 0 {
        placeholder(frame, app, inner, &empty_text(app));
        return;
    }
    list::render(
        frame,
        app,
        Pane::Timeline,
        inner,
        (&app.timeline, len),
        |view| item(app, view, inner.width),
    );
}
