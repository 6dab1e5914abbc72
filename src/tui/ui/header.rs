//! The header: session, mission, progress, active time, and time since the last interaction.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::fit;
use crate::duration::human;
use crate::sanitize;
use crate::text::{DateStyle, ago};
use crate::tui::app::App;
use crate::tui::pages::gauge;

/// The widest the progress gauge gets, in cells.
const GAUGE_CELLS: usize = 8;

/// The widest the left part keeps when the right part competes for room.
const MIN_TITLE: usize = 28;

/// Draws the header line.
pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    if area.is_empty() {
        return;
    }
    let theme = &app.settings.theme;
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
    let status = match session.mission.status {
        crate::session::MissionStatus::Active => String::new(),
        other => format!(" ({})", other.as_str()),
    };
    let mut left = format!(
        " Session {} · {}{status}",
        session.id,
        sanitize::line(&session.mission.title)
    );
    // the description gives way first: the title is cut only once it is gone
    if let Some(description) = &session.mission.description {
        left.push_str(&format!(" — {}", sanitize::line(description)));
    }
    // Each part of the right side with its rank: the lowest ranks go first when room is short.
    let mut parts: Vec<(u8, Vec<Span>)> = Vec::new();
    let progress = session.progress();
    if progress.total > 0 {
        let (filled, empty) = gauge(progress, GAUGE_CELLS);
        parts.push((
            1,
            vec![
                Span::styled(filled, theme.accent),
                Span::styled(format!("{empty} "), theme.dim),
            ],
        ));
        parts.push((3, vec![Span::styled(progress.to_string(), theme.text)]));
    }
    parts.push((
        2,
        vec![Span::styled(
            match data.complete {
                true => format!("active {}", human(data.active_seconds)),
                false => "active …".to_string(),
            },
            theme.text,
        )],
    ));
    if let Some(since) = app.since_last() {
        let style = if app.in_gap() { theme.gap } else { theme.text };
        parts.push((
            4,
            vec![Span::styled(
                format!(
                    "last {}",
                    ago(
                        crate::time_range::minus(app.now, since),
                        app.now,
                        app.settings.zone,
                        DateStyle::Short
                    )
                ),
                style,
            )],
        ));
    }
    let room = width.saturating_sub(left.width().min(MIN_TITLE.min(width / 2)) + 1);
    while right_width(&parts) > room && !parts.is_empty() {
        let lowest = (0..parts.len())
            .min_by_key(|&i| parts[i].0)
            .expect("parts is not empty");
        parts.remove(lowest);
    }
    let mut right: Vec<Span> = Vec::new();
    for (n, (rank, spans)) in parts.iter().enumerate() {
        let joined = n > 0 && !(parts[n - 1].0 == 1 && *rank == 3);
        if joined {
            right.push(Span::styled(" · ", theme.dim));
        }
        right.extend(spans.iter().cloned());
    }
    right.push(Span::raw(" "));
    let used: usize = right.iter().map(|s| s.content.width()).sum();
    let title = fit(&left, width.saturating_sub(used + 1));
    let mut spans = vec![Span::styled(title, theme.title), Span::raw(" ")];
    spans.extend(right);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The width the right side takes with these parts.
fn right_width(parts: &[(u8, Vec<Span>)]) -> usize {
    let spans: usize = parts
        .iter()
        .flat_map(|(_, s)| s)
        .map(|s| s.content.width())
        .sum();
    spans + parts.len().saturating_sub(1) * 3 + 2
}
