//! The header: session, mission, progress, active time, and time since the last interaction.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::fit;
use crate::duration::{human, human_delta};
use crate::sanitize;
use crate::session::Progress;
use crate::tui::app::App;

/// The widest the progress gauge gets, in cells.
const GAUGE_CELLS: usize = 8;

/// A progress gauge: `■■■□□□□□`.
pub fn gauge(progress: Progress, cells: usize) -> (String, String) {
    let filled = (progress.done * cells + progress.total / 2)
        .checked_div(progress.total)
        .unwrap_or(0);
    (
        "■".repeat(filled.min(cells)),
        "□".repeat(cells - filled.min(cells)),
    )
}

/// Draws the header line.
pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    if area.is_empty() {
        return;
    }
    let theme = &app.theme;
    let width = area.width as usize;
    let Some(data) = &app.data else {
        let line = Line::from(vec![
            Span::styled(" tether", theme.title),
            Span::styled(" · no active mission", theme.dim),
        ]);
        frame.render_widget(Paragraph::new(line), area);
        return;
    };
    let session = &data.session;
    let mut right: Vec<Span> = Vec::new();
    let progress = session.progress();
    if progress.total > 0 {
        let (filled, empty) = gauge(progress, GAUGE_CELLS);
        right.push(Span::styled(filled, theme.accent));
        right.push(Span::styled(empty, theme.dim));
        right.push(Span::styled(format!(" {progress}"), theme.text));
        right.push(Span::styled(" · ", theme.dim));
    }
    right.push(Span::styled(
        format!("active {}", human(data.active_seconds)),
        theme.text,
    ));
    if let Some(since) = app.since_last() {
        right.push(Span::styled(" · ", theme.dim));
        let style = if app.in_gap() { theme.gap } else { theme.text };
        right.push(Span::styled(
            format!("last {} ago", human_delta(since)),
            style,
        ));
    }
    right.push(Span::raw(" "));
    let mut right_width: usize = right.iter().map(|s| s.content.width()).sum();
    while right_width + 12 > width && right.len() > 2 {
        let dropped = right.remove(0);
        right_width -= dropped.content.width();
    }
    let status = match session.mission.status {
        crate::session::MissionStatus::Active => String::new(),
        other => format!(" ({})", other.as_str()),
    };
    let left = format!(
        " Session {} · {}{status}",
        session.id,
        sanitize::line(&session.mission.title)
    );
    let left_width = width.saturating_sub(right_width);
    let mut spans = vec![Span::styled(fit(&left, left_width), theme.title)];
    if right_width <= width {
        spans.extend(right);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
