//! The timeline pane: interactions with date rows at day changes and gap rows standing out.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{fit, pane_block, placeholder, wrap_at_most};
use crate::duration::human_delta;
use crate::sanitize;
use crate::session::{Kind, Source};
use crate::tui::action::Command;
use crate::tui::app::{App, Pane};
use crate::tui::keymap::FormCommand;

/// The most rows one interaction's text may take.
const MAX_TEXT_ROWS: usize = 4;

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

/// The rows of one timeline item.
pub struct ItemRows {
    /// Every row: a gap row and a date row when due, then the text.
    pub lines: Vec<Line<'static>>,
    /// Where the text rows start.
    pub text_from: usize,
}

/// The rows of timeline item `view` at `width` columns.
pub fn item_lines(app: &App, view: usize, width: u16) -> ItemRows {
    let Some(data) = &app.data else {
        return ItemRows {
            lines: Vec::new(),
            text_from: 0,
        };
    };
    let theme = &app.settings.theme;
    let index = app.interaction_at(view);
    let interaction = &data.interactions[index];
    let local = app.settings.zone.show(interaction.at);
    let mut lines = Vec::new();
    let new_day = view == 0 || {
        let before = &data.interactions[app.interaction_at(view - 1)];
        app.settings.zone.show(before.at).date_naive() != local.date_naive()
    };
    if let Some(pause) = data.gap_before(index, app.settings.threshold) {
        lines.push(rule(
            &format!(" resumed after {} ", human_delta(pause)),
            width,
            '━',
            theme.gap,
        ));
    }
    if new_day {
        lines.push(Line::styled(
            format!(" {}", app.date(interaction.at)),
            theme.date,
        ));
    }
    let text_from = lines.len();
    let tag = match interaction.source {
        Source::Git | Source::Agent | Source::Import => {
            format!("  {}", interaction.source.as_str())
        }
        Source::Cli | Source::Tui => String::new(),
    };
    let time = app.time(interaction.at);
    let prefix = unicode_width::UnicodeWidthStr::width(time.as_str()) + 4;
    let text_width = (width as usize).saturating_sub(prefix + tag.len()).max(1);
    let rows = wrap_at_most(
        &sanitize::line(&interaction.text),
        text_width,
        MAX_TEXT_ROWS,
    );
    for (i, row) in rows.into_iter().enumerate() {
        let mut spans = if i == 0 {
            vec![
                Span::styled(format!(" {time} "), theme.dim),
                Span::styled(format!("{} ", mark(interaction.kind)), theme.accent),
            ]
        } else {
            vec![Span::raw(" ".repeat(prefix))]
        };
        if i == 0 && !tag.is_empty() {
            spans.push(Span::styled(fit(&row, text_width), theme.text));
            spans.push(Span::styled(tag.clone(), theme.dim));
        } else {
            spans.push(Span::styled(row, theme.text));
        }
        lines.push(Line::from(spans));
    }
    ItemRows { lines, text_from }
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

/// How many rows item `view` takes at `width`.
pub fn item_height(app: &App, view: usize, width: u16) -> usize {
    item_lines(app, view, width).lines.len()
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
    let focused = app.focus == Pane::Timeline;
    let mut lines = Vec::new();
    let mut view = app.timeline.offset.min(len - 1);
    while lines.len() < inner.height as usize && view < len {
        let ItemRows {
            lines: mut item,
            text_from,
        } = item_lines(app, view, inner.width);
        if view == app.timeline.selected {
            let style = if focused {
                app.settings.theme.selected
            } else {
                app.settings.theme.selected_unfocused
            };
            for line in item.iter_mut().skip(text_from) {
                *line = std::mem::take(line).patch_style(style);
                let pad = (inner.width as usize).saturating_sub(line.width());
                line.spans.push(Span::styled(" ".repeat(pad), style));
            }
        }
        lines.extend(item);
        view += 1;
    }
    lines.truncate(inner.height as usize);
    frame.render_widget(Paragraph::new(lines), inner);
}
