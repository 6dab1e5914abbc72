//! The activity strip: the session's whole life across the width, active stretches as bars
//! and gaps shaded, so the shape of the work shows at a glance.

use chrono::{DateTime, TimeDelta, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::duration::human_delta;
use crate::timeline::is_gap;
use crate::tui::app::App;

/// Bar heights, lowest to highest.
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// What one column of the strip shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    /// Interactions happened in this stretch (how many).
    Active(usize),
    /// Inside an active stretch: between two interactions closer than the gap threshold.
    Between,
    /// After the last interaction, not yet for long enough to be a gap.
    Quiet,
    /// Inside a gap.
    Gap,
}

/// The strip's cells for `interactions` (in time order) from the first one to `now`, each
/// with the silence around it when it is empty: an empty column inside an active stretch
/// is marked as such, however short the stretch, at every zoom. O(width · log n).
pub fn cells(
    interactions: &[DateTime<Utc>],
    now: DateTime<Utc>,
    threshold: TimeDelta,
    width: usize,
) -> Vec<(Cell, TimeDelta)> {
    let Some(&first) = interactions.first() else {
        return Vec::new();
    };
    let end = now.max(interactions[interactions.len() - 1]);
    let span = (end - first).num_milliseconds().max(1) as f64;
    let at = |c: usize| {
        let offset = TimeDelta::try_milliseconds((span * c as f64 / width as f64) as i64);
        crate::time_range::plus(first, offset.unwrap_or(TimeDelta::MAX))
    };
    let index = |t: DateTime<Utc>| interactions.partition_point(|&i| i < t);
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
            let before = interactions[..from].last().copied().unwrap_or(first);
            let after = interactions.get(to).copied();
            let silence = after.unwrap_or(now) - before;
            let cell = match after {
                _ if is_gap(silence, threshold) => Cell::Gap,
                Some(_) => Cell::Between,
                None => Cell::Quiet,
            };
            (cell, silence)
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
    let cells = cells(
        data.interactions.ats(),
        app.now,
        app.settings.threshold,
        width,
    );
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
            Cell::Between => (BARS[0], false),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{Interaction, Kind, Source};

    fn times(timeline: &[Interaction]) -> Vec<DateTime<Utc>> {
        timeline.iter().map(|i| i.at).collect()
    }

    fn at(minutes: i64) -> DateTime<Utc> {
        "2025-08-16T09:00:00Z".parse::<DateTime<Utc>>().unwrap() + TimeDelta::minutes(minutes)
    }

    fn notes(minutes: &[i64]) -> Vec<Interaction> {
        minutes
            .iter()
            .map(|&m| Interaction {
                id: crate::id::new(),
                at: at(m),
                kind: Kind::Note,
                source: Source::Cli,
                text: String::new(),
                head: None,
                branch: None,
            })
            .collect()
    }

    #[test]
    fn an_active_stretch_marks_every_column_it_spans_at_any_zoom() {
        let timeline = notes(&[0, 5, 10, 15, 20]);
        for width in [10, 30, 200] {
            let cells = cells(&times(&timeline), at(20), TimeDelta::hours(2), width);
            assert!(
                cells
                    .iter()
                    .all(|(c, _)| matches!(c, Cell::Active(_) | Cell::Between)),
                "{width}: {cells:?}"
            );
        }
    }

    #[test]
    fn a_gap_is_shaded_and_the_present_is_quiet_until_it_is_one() {
        let timeline = notes(&[0, 60, 300, 305]);
        let cells = cells(&times(&timeline), at(320), TimeDelta::hours(2), 32);
        let kinds: Vec<Cell> = cells.iter().map(|(c, _)| *c).collect();
        assert!(
            kinds.contains(&Cell::Between),
            "0 to 60 is one stretch: {kinds:?}"
        );
        assert!(kinds.contains(&Cell::Gap), "60 to 300 is a gap: {kinds:?}");
        assert_eq!(kinds.last(), Some(&Cell::Quiet), "{kinds:?}");
    }

    #[test]
    fn the_extremes_of_time_make_a_strip_without_a_panic() {
        let (min, max) = (DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC);
        let timeline: Vec<Interaction> = [min, min, max]
            .into_iter()
            .map(|at| Interaction {
                at,
                ..notes(&[0]).remove(0)
            })
            .collect();
        for threshold in [TimeDelta::hours(2), TimeDelta::MAX] {
            let cells = cells(&times(&timeline), max, threshold, 80);
            assert_eq!(cells.len(), 80);
            assert_eq!(cells[0].0, Cell::Active(2));
            assert_eq!(cells[79].0, Cell::Active(1));
        }
    }
}
