//! Rendering: a pure function of `&App` onto a frame, one file per region.

mod activity;
mod briefing;
mod footer;
mod header;
pub mod layout;
pub mod lists;
mod missions;
pub mod popup;
mod stats;
pub mod timeline;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

use super::app::{App, Pane};

/// Draws the whole dashboard.
pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < 2 || area.height < 2 {
        return;
    }
    let areas = layout::areas(area, app.focus);
    header::render(frame, app, areas.header);
    if app.data.is_none() {
        let body = Rect {
            height: area
                .height
                .saturating_sub(areas.header.height + areas.footer.height),
            y: areas.header.bottom(),
            ..area
        };
        empty(frame, app, body);
    } else {
        activity::render(frame, app, areas.activity);
        timeline::render(frame, app, areas.timeline);
        lists::render_steps(frame, app, areas.steps);
        lists::render_decisions(frame, app, areas.decisions);
    }
    footer::render(frame, app, areas.footer);
    popup::render(frame, app, area);
}

/// The inviting empty state: no session is active.
fn empty(frame: &mut Frame, app: &App, area: Rect) {
    let theme = &app.settings.theme;
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = vec![
        Line::styled("No mission is active.", theme.title),
        Line::raw(""),
    ];
    if let Some(error) = &app.load_error {
        lines = vec![Line::styled(
            crate::sanitize::line(error).into_owned(),
            theme.error,
        )];
    } else {
        let key = |c| app.settings.keymap.first_label(c).unwrap_or_default();
        lines.push(Line::raw(
            "A session is a container for one mission: it lasts until the mission",
        ));
        lines.push(Line::raw("is done, however long you are away in between."));
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!(
                "Press {} to start a mission (or switch to a paused one).",
                key(super::action::Command::Missions)
            ),
            theme.key,
        ));
        lines.push(Line::styled(
            format!(
                "Press {} for help, {} to quit.",
                key(super::action::Command::Help),
                key(super::action::Command::Quit)
            ),
            theme.dim,
        ));
    }
    let top = inner.height.saturating_sub(lines.len() as u16) / 2;
    let text_area = Rect {
        y: inner.y + top,
        height: inner.height - top,
        ..inner
    };
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        text_area,
    );
}

/// The bordered block of a pane, its border bright when it has focus.
pub fn pane_block(app: &App, pane: Pane, title: String) -> Block<'static> {
    let focused = app.focus == pane;
    let (border, title_style) = if focused {
        (
            app.settings.theme.border_focused,
            app.settings
                .theme
                .border_focused
                .patch(app.settings.theme.title),
        )
    } else {
        (app.settings.theme.border, app.settings.theme.dim)
    };
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(border)
        .title(Line::styled(title, title_style))
}

/// A dim, centred hint inside an empty pane.
pub fn placeholder(frame: &mut Frame, app: &App, area: Rect, text: &str) {
    let paragraph = Paragraph::new(Line::styled(text.to_string(), app.settings.theme.dim))
        .wrap(Wrap { trim: true })
        .alignment(Alignment::Center);
    let top = area.height.saturating_sub(1) / 2;
    frame.render_widget(
        paragraph,
        Rect {
            y: area.y + top,
            height: area.height - top,
            ..area
        },
    );
}

/// Word-wraps text to `width` columns (at least one row, even for empty text).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let (text, cut) = first_chars(text, WRAP_LIMIT);
    let mut rows: Vec<String> = textwrap::wrap(text, width.max(1))
        .into_iter()
        .map(|c| c.into_owned())
        .collect();
    if rows.is_empty() {
        rows.push(String::new());
    }
    if cut {
        rows.last_mut().expect("a row").push('…');
    }
    rows
}

/// The most characters of one text the dashboard wraps: what a note may hold at most. A
/// longer text (written by another program) is shown cut, with `…`: wrapping megabytes on
/// every frame would freeze the dashboard.
const WRAP_LIMIT: usize = crate::session::MAX_TEXT_BYTES;

/// The first `n` characters of `text`, and whether that cut anything.
fn first_chars(text: &str, n: usize) -> (&str, bool) {
    match text.char_indices().nth(n) {
        Some((end, _)) => (&text[..end], true),
        None => (text, false),
    }
}

/// A lead (a time, a number) then text wrapped to `width`, later rows indented under the
/// text.
pub fn hanging(
    lead: String,
    lead_style: Style,
    text: &str,
    style: Style,
    width: usize,
) -> Vec<Line<'static>> {
    let indent = unicode_width::UnicodeWidthStr::width(lead.as_str());
    wrap(text, width.saturating_sub(indent).max(8))
        .into_iter()
        .enumerate()
        .map(|(n, row)| {
            let lead = if n == 0 {
                Span::styled(lead.clone(), lead_style)
            } else {
                Span::raw(" ".repeat(indent))
            };
            Line::from(vec![lead, Span::styled(row, style)])
        })
        .collect()
}

/// Word-wraps text to at most `max_rows` rows, marking a cut with `…`.
pub fn wrap_at_most(text: &str, width: usize, max_rows: usize) -> Vec<String> {
    // more than enough to fill the rows (a character takes a column or two, rarely none)
    let (shown, cut) = first_chars(text, (max_rows + 1) * width.max(1) * 2);
    let mut rows = wrap(shown, width);
    if rows.len() > max_rows || cut {
        rows.truncate(max_rows.max(1));
        let last = rows.last_mut().expect("at least one row is kept");
        *last = fit(&format!("{last} …"), width).trim_end().to_string();
        if !last.ends_with('…') {
            last.push('…');
        }
    }
    rows
}

/// Pads or cuts `text` to exactly `width` columns, marking a cut with `…`.
pub fn fit(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut used = 0;
    let total = unicode_width::UnicodeWidthStr::width(text);
    let budget = if total > width {
        width.saturating_sub(1)
    } else {
        width
    };
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > budget {
            break;
        }
        out.push(c);
        used += w;
    }
    if total > width && width > 0 {
        out.push('…');
        used += 1;
    }
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

/// The style of a selected row: bright in the pane with focus.
pub fn selection_style(app: &App, pane: Pane) -> Style {
    if app.focus == pane {
        app.settings.theme.selected
    } else {
        app.settings.theme.selected_unfocused
    }
}
