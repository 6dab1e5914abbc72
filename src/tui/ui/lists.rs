//! The next-steps and key-decisions panes: wrapped rows, the selection highlighted.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::list::{self, Item};
use super::{pane_block, placeholder};
use crate::tui::action::Command;
use crate::tui::app::{App, Pane};
use crate::tui::measure::{
    decision_indent, decision_text, step_lead, step_number_width, step_text,
};

/// The rows of step `i` at `width` columns.
fn step_lines(app: &App, i: usize, width: u16) -> Vec<Line<'static>> {
    let Some(step) = app.data.as_ref().and_then(|d| d.session.steps.get(i)) else {
        return Vec::new();
    };
    let theme = &app.settings.theme;
    let (mark, mark_style, style) = if step.done {
        ("[x]", theme.accent, theme.done)
    } else {
        ("[ ]", theme.dim, theme.text)
    };
    let digits = step_number_width(app);
    step_text(app, i, width)
        .into_iter()
        .enumerate()
        .map(|(n, row)| {
            let lead = if n == 0 {
                vec![
                    Span::styled(format!(" {:>digits$} ", step.number), theme.dim),
                    Span::styled(format!("{mark} "), mark_style),
                ]
            } else {
                vec![Span::raw(" ".repeat(step_lead(app)))]
            };
            Line::from([lead, vec![Span::styled(row, style)]].concat())
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
fn decision_lines(app: &App, i: usize, width: u16) -> Vec<Line<'static>> {
    let Some(d) = app.data.as_ref().and_then(|d| d.session.decisions.get(i)) else {
        return Vec::new();
    };
    let theme = &app.settings.theme;
    let indent = decision_indent(app);
    let column = indent - 3;
    let (text, why) = decision_text(app, i, width);
    let mut lines: Vec<Line> = text
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
    lines.extend(why.into_iter().enumerate().map(|(n, row)| {
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
    lines
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
    list::render(frame, app, Pane::Steps, inner, (&app.steps, len), |i| {
        Item::from(step_lines(app, i, inner.width))
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
    let view = (&app.decisions, len);
    list::render(frame, app, Pane::Decisions, inner, view, |i| {
        Item::from(decision_lines(app, i, inner.width))
    });
}
