//! The next-steps and key-decisions panes: wrapped rows, the selection highlighted.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{pane_block, placeholder, selection_style, wrap_at_most};
use crate::sanitize;
use crate::tui::action::Command;
use crate::tui::app::{App, Pane};

/// The most rows a step's text takes.
const STEP_ROWS: usize = 2;

/// The most rows a decision's text, and its rationale, take.
const DECISION_ROWS: usize = 2;

/// The rows of step `i` at `width` columns.
pub fn step_lines(app: &App, i: usize, width: u16) -> Vec<Line<'static>> {
    let Some(step) = app.data.as_ref().and_then(|d| d.session.steps.get(i)) else {
        return Vec::new();
    };
    let theme = &app.settings.theme;
    let (mark, mark_style, style) = if step.done {
        ("[x]", theme.accent, theme.done)
    } else {
        ("[ ]", theme.dim, theme.text)
    };
    let rows = wrap_at_most(
        &sanitize::line(&step.text),
        (width as usize).saturating_sub(6),
        STEP_ROWS,
    );
    rows.into_iter()
        .enumerate()
        .map(|(n, row)| {
            let lead = if n == 0 {
                Span::styled(format!(" {mark} "), mark_style)
            } else {
                Span::raw("     ")
            };
            Line::from(vec![lead, Span::styled(row, style)])
        })
        .collect()
}

/// A decision's time: the clock today, the date before.
fn when(app: &App, at: DateTime<Utc>) -> String {
    let local = app.settings.zone.show(at);
    if local.date_naive() == app.settings.zone.show(app.now).date_naive() {
        app.time(at)
    } else {
        local.format("%d %b").to_string()
    }
}

/// The rows of decision `i` at `width` columns: its text, then its rationale.
pub fn decision_lines(app: &App, i: usize, width: u16) -> Vec<Line<'static>> {
    let Some(d) = app.data.as_ref().and_then(|d| d.session.decisions.get(i)) else {
        return Vec::new();
    };
    let theme = &app.settings.theme;
    let width = width as usize;
    let column = unicode_width::UnicodeWidthStr::width(app.time(app.now).as_str()).max(6);
    let indent = column + 3;
    let mut lines: Vec<Line> = wrap_at_most(
        &sanitize::line(&d.text),
        width.saturating_sub(indent),
        DECISION_ROWS,
    )
    .into_iter()
    .enumerate()
    .map(|(n, row)| {
        let lead = if n == 0 {
            format!(" {:<column$}  ", when(app, d.at))
        } else {
            " ".repeat(indent)
        };
        Line::from(vec![
            Span::styled(lead, theme.dim),
            Span::styled(row, theme.text),
        ])
    })
    .collect();
    if let Some(why) = &d.why {
        let rows = wrap_at_most(
            &sanitize::line(why),
            width.saturating_sub(indent + 5),
            DECISION_ROWS,
        );
        lines.extend(rows.into_iter().enumerate().map(|(n, row)| {
            let lead = if n == 0 {
                format!("{}why: ", " ".repeat(indent))
            } else {
                " ".repeat(indent + 5)
            };
            Line::from(vec![
                Span::styled(lead, theme.dim),
                Span::styled(row, theme.dim),
            ])
        }));
    }
    lines
}

/// Draws a list of variable-height items from `offset`, highlighting `selected`.
fn render_items(
    frame: &mut Frame,
    app: &App,
    pane: Pane,
    inner: Rect,
    (offset, selected, len): (usize, usize, usize),
    item: impl Fn(usize) -> Vec<Line<'static>>,
) {
    let mut lines = Vec::new();
    for i in offset..len {
        if lines.len() >= inner.height as usize {
            break;
        }
        let mut rows = item(i);
        if i == selected {
            let style = selection_style(app, pane);
            for row in &mut rows {
                let pad = (inner.width as usize).saturating_sub(row.width());
                row.spans.push(Span::raw(" ".repeat(pad)));
                *row = std::mem::take(row).patch_style(style);
            }
        }
        lines.extend(rows);
    }
    lines.truncate(inner.height as usize);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Draws the next steps as a checklist.
pub fn render_steps(frame: &mut Frame, app: &App, area: Rect) {
    let Some(data) = &app.data else { return };
    if area.is_empty() {
        return;
    }
    let len = data.session.steps.len();
    let title = if len == 0 {
        " Next steps ".to_string()
    } else {
        format!(" Next steps · {} ", data.session.progress())
    };
    let block = pane_block(app, Pane::Steps, title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if len == 0 {
        let key = app
            .settings
            .keymap
            .first_label(Command::AddStep)
            .unwrap_or_default();
        placeholder(
            frame,
            app,
            inner,
            &format!("No steps planned. {key} adds one."),
        );
        return;
    }
    let view = (app.steps.offset, app.steps.selected, len);
    render_items(frame, app, Pane::Steps, inner, view, |i| {
        step_lines(app, i, inner.width)
    });
}

/// Draws the key decisions with their rationale.
pub fn render_decisions(frame: &mut Frame, app: &App, area: Rect) {
    let Some(data) = &app.data else { return };
    if area.is_empty() {
        return;
    }
    let block = pane_block(app, Pane::Decisions, " Key decisions ".to_string());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let len = data.session.decisions.len();
    if len == 0 {
        let key = app
            .settings
            .keymap
            .first_label(Command::Decide)
            .unwrap_or_default();
        placeholder(
            frame,
            app,
            inner,
            &format!("No decisions yet. {key} records one."),
        );
        return;
    }
    let view = (app.decisions.offset, app.decisions.selected, len);
    render_items(frame, app, Pane::Decisions, inner, view, |i| {
        decision_lines(app, i, inner.width)
    });
}
