//! The activity strip: the session's whole life across the width, active stretches as bars
//! and gaps shaded, so the shape of the work shows at a glance.

use chrono::{DateTime, TimeDelta, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::duration::human_delta;
use crate::session::Interaction;
use crate::timeline::is_gap;
use crate::tui::app::App;

/// Bar heights, lowest to highest.
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// What one column of the strip shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    /// Interactions happened in this stretch (how many).
    Active(usize),
    /// Nothing happened, but not for long enough to be a gap.
    Quiet,
    /// Inside a gap.
    Gap,
}

/// The strip's cells for `interactions` (in time order) from the first one to `now`, each
/// with the silence around it when it is empty. O(width · log n).
pub fn cells(
    interactions: &[Interaction],
    now: DateTime<Utc>,
    threshold: TimeDelta,
    width: usize,
) -> Vec<(Cell, TimeDelta)> {
    let Some(first) = interactions.first().map(|i| i.at) else {
        return Vec::new();
    };
    let end = now.max(interactions[interactions.len() - 1].at);
    let span = (end - first).num_milliseconds().max(1) as f64;
    let at = |c: usize| first + TimeDelta::milliseconds((span * c as f64 / width as f64) as i64);
    let index = |t: DateTime<Utc>| interactions.partition_point(|i| i.at < t);
    (0..width)
        .map(|c| {
            let (from, to) = (
                index(at(c)),
                if c + 1 == width {
                    interactions.len()
                } else {
                    index(at(c + 1))
                },
            );
            if to > from {
                return (Cell::Active(to - from), TimeDelta::zero());
            }
            let before = interactions[..from].last().map_or(first, |i| i.at);
            let after = interactions.get(to).map_or(now, |i| i.at);
            let silence = after - before;
            (
                if is_gap(silence, threshold) {
                    Cell::Gap
                } else {
                    Cell::Quiet
                },
                silence,
            )
        })
        .collect()
}

/// Draws the strip, labelling the longest gap.
pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let Some(data) = &app.data else { return };
    if area.is_empty() {
        return;
    }
    let theme = &app.settings.theme;
    if !data.complete {
        let note = Line::styled(" reading the whole timeline…", theme.dim);
        frame.render_widget(Paragraph::new(note), area);
        return;
    }
    let width = area.width.saturating_sub(2) as usize;
    let cells = cells(&data.interactions, app.now, app.settings.threshold, width);
    let busiest = cells
        .iter()
        .map(|(c, _)| if let Cell::Active(n) = c { *n } else { 0 })
        .max()
        .unwrap_or(1)
        .max(1);
    let mut text: Vec<(char, bool)> = cells
        .iter()
        .map(|(c, _)| match c {
            Cell::Active(n) => (
                BARS[((n * (BARS.len() - 1)) / busiest).min(BARS.len() - 1)],
                false,
            ),
            Cell::Quiet => (' ', false),
            Cell::Gap => ('░', true),
        })
        .collect();
    if let Some((start, len, pause)) = longest_gap(&cells) {
        let label: Vec<char> = format!(" gap {} ", human_delta(pause)).chars().collect();
        if label.len() + 2 <= len {
            let at = start + (len - label.len()) / 2;
            for (i, c) in label.into_iter().enumerate() {
                text[at + i] = (c, true);
            }
        }
    }
    let mut spans = vec![Span::raw(" ")];
    for (c, gap) in text {
        spans.push(Span::styled(
            c.to_string(),
            if gap { theme.gap } else { theme.accent },
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The longest run of gap cells: where it starts, its length, and the silence it shows.
fn longest_gap(cells: &[(Cell, TimeDelta)]) -> Option<(usize, usize, TimeDelta)> {
    let mut best: Option<(usize, usize, TimeDelta)> = None;
    let mut start = 0;
    while start < cells.len() {
        if cells[start].0 != Cell::Gap {
            start += 1;
            continue;
        }
        let len = cells[start..]
            .iter()
            .take_while(|(c, _)| *c == Cell::Gap)
            .count();
        if best.is_none_or(|(_, l, _)| len > l) {
            best = Some((start, len, cells[start].1));
        }
        start += len;
    }
    best
}
