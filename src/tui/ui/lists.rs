//! The next-steps and key-decisions panes.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{fit, pane_block, placeholder, selection_style};
use crate::sanitize;
use crate::tui::app::{App, Pane};

/// Rows a decision takes: its text, and its rationale when it has one.
pub fn decision_rows(app: &App, i: usize) -> usize {
    app.data
        .as_ref()
        .and_then(|d| d.session.decisions.get(i))
        .map_or(1, |d| 1 + usize::from(d.why.is_some()))
}

/// Draws the next steps as a checklist.
pub fn render_steps(frame: &mut Frame, app: &App, area: Rect) {
    let Some(data) = &app.data else { return };
    if area.is_empty() {
        return;
    }
    let steps = &data.session.steps;
    let title = if steps.is_empty() {
        " Next steps ".to_string()
    } else {
        format!(" Next steps · {} ", data.session.progress())
    };
    let block = pane_block(app, Pane::Steps, title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if steps.is_empty() {
        let key = app
            .keymap
            .first_label(crate::tui::action::Command::AddStep)
            .unwrap_or_default();
        placeholder(
            frame,
            app,
            inner,
            &format!("No steps planned. {key} adds one."),
        );
        return;
    }
    let theme = &app.theme;
    let width = inner.width as usize;
    let lines: Vec<Line> = steps
        .iter()
        .enumerate()
        .skip(app.steps.offset)
        .take(inner.height as usize)
        .map(|(i, step)| {
            let (mark, style) = if step.done {
                ("[x]", theme.done)
            } else {
                ("[ ]", theme.text)
            };
            let text = fit(&sanitize::line(&step.text), width.saturating_sub(5));
            let line = Line::from(vec![
                Span::styled(
                    format!(" {mark} "),
                    if step.done { theme.accent } else { theme.dim },
                ),
                Span::styled(text, style),
                Span::raw(" "),
            ]);
            if i == app.steps.selected {
                line.patch_style(selection_style(app, Pane::Steps))
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A decision's time: the clock today, the date before.
fn when(app: &App, at: DateTime<Utc>) -> String {
    let local = app.zone.show(at);
    if local.date_naive() == app.zone.show(app.now).date_naive() {
        local.format("%H:%M").to_string()
    } else {
        local.format("%d %b").to_string()
    }
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
    let decisions = &data.session.decisions;
    if decisions.is_empty() {
        let key = app
            .keymap
            .first_label(crate::tui::action::Command::Decide)
            .unwrap_or_default();
        placeholder(
            frame,
            app,
            inner,
            &format!("No decisions yet. {key} records one."),
        );
        return;
    }
    let theme = &app.theme;
    let width = inner.width as usize;
    let mut lines = Vec::new();
    for (i, d) in decisions.iter().enumerate().skip(app.decisions.offset) {
        let mut rows = vec![Line::from(vec![
            Span::styled(format!(" {:<6} ", when(app, d.at)), theme.dim),
            Span::styled(
                fit(&sanitize::line(&d.text), width.saturating_sub(8)),
                theme.text,
            ),
        ])];
        if let Some(why) = &d.why {
            rows.push(Line::from(vec![
                Span::styled("        why: ", theme.dim),
                Span::styled(
                    fit(&sanitize::line(why), width.saturating_sub(13)),
                    theme.dim,
                ),
            ]));
        }
        if i == app.decisions.selected {
            rows = rows
                .into_iter()
                .map(|l| l.patch_style(selection_style(app, Pane::Decisions)))
                .collect();
        }
        lines.extend(rows);
        if lines.len() >= inner.height as usize {
            break;
        }
    }
    lines.truncate(inner.height as usize);
    frame.render_widget(Paragraph::new(lines), inner);
}
