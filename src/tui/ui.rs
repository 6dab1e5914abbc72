//! Rendering: a pure function of `&App` onto a frame, one file per region.

mod activity;
mod briefing;
mod dialog;
mod footer;
mod header;
mod list;
mod lists;
mod missions;
pub mod popup;
mod search;
mod stats;
mod timeline;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

use super::app::{App, Pane};
use super::layout;
pub use super::wrap::{fit, wrap, wrap_at_most};

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
    if !app.loaded {
        lines = vec![Line::styled("Reading the store…", theme.dim)];
    } else if let Some(error) = &app.load_error {
        let key = |c| app.settings.keymap.first_label(c).unwrap_or_default();
        lines = vec![
            Line::styled(crate::sanitize::line(error).into_owned(), theme.error),
            Line::raw(""),
            Line::raw("`tether doctor` shows what is wrong; `tether doctor --repair` keeps"),
            Line::raw("every readable record and moves the rest aside."),
            Line::raw(""),
            Line::styled(
                format!(
                    "Press {} to switch to another mission, {} to quit.",
                    key(super::action::Command::Missions),
                    key(super::action::Command::Quit)
                ),
                theme.key,
            ),
        ];
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

/// The style of a selected row: bright in the pane with focus.
pub fn selection_style(app: &App, pane: Pane) -> Style {
    if app.focus == pane {
        app.settings.theme.selected
    } else {
        app.settings.theme.selected_unfocused
    }
}
