//! Popups: text entry, questions, and the help and the hints generated from the keymap.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::dialog::{self, boxed, hint, scroll_keys};
use super::{briefing, fit, missions, search, stats, wrap};
use crate::sanitize;
use crate::tui::app::{App, InputForm, Popup};
use crate::tui::keymap::{ConfirmCommand, FormCommand, ScrollCommand};
use crate::tui::pages;

/// Draws the open popup, if any, over `area` (over the one behind it, if any).
pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    for popup in [&app.behind, &app.popup].into_iter().flatten() {
        draw(frame, app, area, popup);
    }
}

fn draw(frame: &mut Frame, app: &App, area: Rect, popup: &Popup) {
    match popup {
        Popup::Input(form) => input(frame, app, area, form),
        Popup::Confirm(confirm) => question(frame, app, area, &confirm.question),
        Popup::Help { scroll } => help(frame, app, area, *scroll),
        Popup::Text {
            title,
            body,
            scroll,
        } => text(frame, app, area, (title, body, *scroll)),
        Popup::Briefing {
            briefing,
            scroll,
            held,
        } => briefing::render(frame, app, area, (briefing, *scroll, held.as_deref())),
        Popup::Stats { stats: figures } => stats::render(frame, app, area, figures.as_deref()),
        Popup::Missions(list) => missions::render(frame, app, area, list),
        Popup::Search(view) => search::render(frame, app, area, view),
    }
}

/// A yes/no question: wrapped to the box, its answers always on a line of their own at the
/// bottom, whatever the width.
fn question(frame: &mut Frame, app: &App, area: Rect, question: &str) {
    let keys = &app.settings.keymap.confirm;
    let answers = hint(
        app,
        &[
            (keys.label(ConfirmCommand::Yes, 1), "yes"),
            (keys.label(ConfirmCommand::No, 2), "no"),
        ],
    );
    let width = area.width.min(64);
    let text_width = width.saturating_sub(4).max(1) as usize;
    let mut lines = vec![Line::raw("")];
    for row in wrap(&sanitize::line(question), text_width) {
        lines.push(Line::raw(format!(" {row}")));
    }
    let height = (lines.len() as u16 + 4).min(area.height);
    let rect = boxed(frame, app, area, " Are you sure? ", width, height);
    if rect.is_empty() {
        return;
    }
    // the question gives way first: its last rows are cut, the answers never are
    lines.truncate((rect.height as usize).saturating_sub(2).max(1));
    frame.render_widget(Paragraph::new(lines), rect);
    let bottom = Rect {
        y: rect.bottom() - 1,
        height: 1,
        ..rect
    };
    frame.render_widget(Paragraph::new(answers), bottom);
}

fn input(frame: &mut Frame, app: &App, area: Rect, form: &InputForm) {
    // a refusal is wrapped to the box: it says what to type, and must be read whole
    let error_width = area.width.min(76).saturating_sub(4).max(1) as usize;
    let error = form
        .error
        .as_deref()
        .map(|e| wrap(&sanitize::line(e), error_width))
        .unwrap_or_default();
    let height = 2 + form.fields.len() as u16 * 2 + 2 + error.len() as u16;
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
    for row in error {
        lines.push(Line::styled(format!(" {row}"), app.settings.theme.error));
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

/// An item's whole text, scrolled.
fn text(frame: &mut Frame, app: &App, area: Rect, (title, body, scroll): (&str, &str, u16)) {
    let lines = pages::text(app, body, area.width);
    let keys = &app.settings.keymap.scroll;
    let hint = hint(
        app,
        &[
            (keys.label(ScrollCommand::Close, 1), "closes"),
            (scroll_keys(app), "scroll"),
        ],
    );
    let height = lines.len() as u16 + 3;
    let title = sanitize::line(title).into_owned();
    let scroll = scroll.min(pages::max_scroll(lines.len(), 3, area.height));
    let shown = height.min(area.height).saturating_sub(2);
    let mut hint = hint;
    if let Some(p) = dialog::position(scroll, shown, lines.len()) {
        hint.spans
            .push(Span::styled(format!(" · {p} "), app.settings.theme.dim));
    }
    let inner = dialog::boxed_with_hint(frame, app, area, title, hint, (pages::TEXT_WIDTH, height));
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

fn help(frame: &mut Frame, app: &App, area: Rect, scroll: u16) {
    let lines = pages::help(app);
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
    let height = lines.len() as u16 + 2;
    let scroll = scroll.min(pages::max_scroll(lines.len(), 2, area.height));
    let shown = height.min(area.height).saturating_sub(2);
    let position = dialog::position(scroll, shown, lines.len())
        .map(|p| Line::styled(format!(" {p} "), app.settings.theme.dim))
        .unwrap_or_default();
    let size = (pages::HELP_WIDTH, height);
    let inner = dialog::boxed_with_hint(frame, app, area, title, position, size);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
