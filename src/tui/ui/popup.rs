//! Popups: text entry, questions, and the help and the hints generated from the keymap.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::dialog::{boxed, hint, scroll_keys};
use super::{briefing, fit, missions, stats};
use crate::sanitize;
use crate::tui::app::{App, InputForm, Popup};
use crate::tui::keymap::{ConfirmCommand, FormCommand, ScrollCommand};

/// Draws the open popup, if any, over `area`.
pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    match &app.popup {
        None => {}
        Some(Popup::Input(form)) => input(frame, app, area, form),
        Some(Popup::Confirm(confirm)) => {
            let keys = &app.settings.keymap.confirm;
            let lines = vec![
                Line::raw(""),
                Line::raw(format!(" {}", sanitize::line(&confirm.question))),
                Line::raw(""),
                hint(
                    app,
                    &[
                        (keys.label(ConfirmCommand::Yes, 1), "yes"),
                        (keys.label(ConfirmCommand::No, 2), "no"),
                    ],
                ),
            ];
            let rect = boxed(
                frame,
                app,
                area,
                " Are you sure? ",
                64,
                lines.len() as u16 + 2,
            );
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), rect);
        }
        Some(Popup::Help { scroll }) => help(frame, app, area, *scroll),
        Some(Popup::Briefing { briefing, scroll }) => {
            briefing::render(frame, app, area, briefing, *scroll)
        }
        Some(Popup::Stats { stats: figures }) => {
            stats::render(frame, app, area, figures.as_deref())
        }
        Some(Popup::Missions { rows, selected }) => {
            missions::render(frame, app, area, rows.as_deref(), *selected)
        }
    }
}

fn input(frame: &mut Frame, app: &App, area: Rect, form: &InputForm) {
    let height = 2 + form.fields.len() as u16 * 2 + 2 + u16::from(form.error.is_some());
    let inner = boxed(
        frame,
        app,
        area,
        format!(" {} ", form.title),
        76,
        height + 2,
    );
    if inner.is_empty() {
        return;
    }
    let width = inner.width.saturating_sub(2) as usize;
    let mut lines = vec![Line::raw("")];
    let mut cursor = None;
    for (i, field) in form.fields.iter().enumerate() {
        lines.push(Line::styled(
            format!(" {}", field.label),
            app.settings.theme.dim,
        ));
        let scroll = field.input.visual_scroll(width.saturating_sub(1));
        let shown: String = field.input.value().chars().skip(scroll).collect();
        let style = if i == form.focus {
            app.settings.theme.selected
        } else {
            app.settings.theme.selected_unfocused
        };
        lines.push(Line::from(vec![
            Span::raw(" "),
            Span::styled(fit(&sanitize::line(&shown), width), style),
        ]));
        if i == form.focus {
            let x = inner.x + 1 + (field.input.visual_cursor().saturating_sub(scroll)) as u16;
            cursor = Some(Position::new(
                x.min(inner.right().saturating_sub(1)),
                inner.y + lines.len() as u16 - 1,
            ));
        }
    }
    if let Some(error) = &form.error {
        lines.push(Line::styled(
            format!(" {}", sanitize::line(error)),
            app.settings.theme.error,
        ));
    }
    lines.push(Line::raw(""));
    if form.pending {
        // submitted: the words stay on screen until the store has them
        lines.push(Line::styled(" Saving…", app.settings.theme.dim));
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let keys = &app.settings.keymap.form;
    let mut pieces = vec![(keys.label(FormCommand::Submit, 1), "save")];
    if form.fields.len() > 1 {
        pieces.push((keys.label(FormCommand::NextField, 1), "next field"));
    }
    pieces.push((keys.label(FormCommand::Cancel, 1), "cancel"));
    lines.push(hint(app, &pieces));
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(position) = cursor.filter(|p| p.y < inner.bottom()) {
        frame.set_cursor_position(position);
    }
}

/// The help: every binding of the keymap, mode by mode under a heading, then the keys of
/// the line editor.
pub fn help_lines(app: &App) -> Vec<Line<'static>> {
    let theme = &app.settings.theme;
    let mut lines = Vec::new();
    for (mode, entries) in app.settings.keymap.sections() {
        if entries.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(format!(" {}", mode.heading()), theme.title));
        for (keys, what) in entries {
            let keys: Vec<String> = keys.iter().map(|k| k.label()).collect();
            lines.push(Line::from(vec![
                Span::styled(format!("   {:<16}", keys.join(" ")), theme.key),
                Span::styled(what.to_string(), theme.text),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        " In text fields: ctrl-←/→ move a word, ctrl-w deletes one, ctrl-u clears.",
        theme.dim,
    ));
    lines.push(Line::styled(
        " The mouse wheel scrolls the pane under the pointer.",
        theme.dim,
    ));
    lines
}

fn help(frame: &mut Frame, app: &App, area: Rect, scroll: u16) {
    let lines = help_lines(app);
    let keys = &app.settings.keymap.scroll;
    let mut title = " Keys".to_string();
    for (keys, what) in [
        (keys.label(ScrollCommand::Close, 1), "closes"),
        (scroll_keys(app), "scroll"),
    ] {
        if !keys.is_empty() {
            title.push_str(&format!(" · {keys} {what}"));
        }
    }
    title.push(' ');
    let inner = boxed(frame, app, area, title, 78, lines.len() as u16 + 2);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
