//! The stats view: the protocol's success metrics as charts, readable at 80×24.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, BorderType, Clear, Paragraph, Sparkline};

use crate::duration::human;
use crate::stats::{Bucket, Stats};
use crate::tui::app::App;
use crate::tui::keymap::ScrollCommand;

/// The days of the week, Monday first.
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// The view's title, with the key that closes it (any key does, the help's first).
fn title(app: &App) -> String {
    let close = app.settings.keymap.scroll.label(ScrollCommand::Close, 1);
    if close.is_empty() {
        return " Stats · the protocol's success metrics ".to_string();
    }
    format!(" Stats · the protocol's success metrics · {close} closes ")
}

/// Draws the stats view over the whole screen.
pub fn render(frame: &mut Frame, app: &App, area: Rect, stats: Option<&Stats>) {
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(app.settings.theme.border_focused)
        .title(Line::styled(title(app), app.settings.theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(stats) = stats else {
        frame.render_widget(
            Paragraph::new(Line::styled(
                " Reading every session…",
                app.settings.theme.dim,
            )),
            inner,
        );
        return;
    };
    let [summary, hours, middle, weeks] = Layout::vertical([
        Constraint::Length(5),
        Constraint::Fill(1),
        Constraint::Fill(1),
        Constraint::Length(3),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(summary_lines(app, stats)), summary);
    hours_chart(frame, app, hours, stats);
    let [days, gaps] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(middle);
    let day_buckets: Vec<Bucket> = WEEKDAYS
        .iter()
        .zip(&stats.by_weekday)
        .map(|(day, count)| Bucket {
            label: day.to_string(),
            count: *count,
        })
        .collect();
    let days_width = fill_width(days, 7, 3, 12);
    chart(
        frame,
        app,
        days,
        " By day of week ",
        &day_buckets,
        days_width,
        true,
    );
    let gaps_width = fill_width(gaps, stats.gap_lengths.len(), 5, 14);
    chart(
        frame,
        app,
        gaps,
        " Gaps by length ",
        &stats.gap_lengths,
        gaps_width,
        true,
    );
    weeks_sparkline(frame, app, weeks, stats);
}

/// Interactions by hour of day, every third hour labelled.
fn hours_chart(frame: &mut Frame, app: &App, area: Rect, stats: &Stats) {
    let hour_buckets: Vec<Bucket> = stats
        .by_hour
        .iter()
        .enumerate()
        .map(|(h, count)| Bucket {
            label: if h % 3 == 0 {
                h.to_string()
            } else {
                String::new()
            },
            count: *count,
        })
        .collect();
    let bar_width = fill_width(area, 24, 1, 8);
    chart(
        frame,
        app,
        area,
        " Interactions by hour of day ",
        &hour_buckets,
        bar_width,
        bar_width >= 2,
    );
}

/// Interactions week by week, as many of the latest weeks as fit.
fn weeks_sparkline(frame: &mut Frame, app: &App, area: Rect, stats: &Stats) {
    let per_week: Vec<u64> = stats.weeks.iter().map(|w| w.interactions as u64).collect();
    let title = format!(
        " Interactions week by week ({}) ",
        crate::text::counted(stats.weeks.len(), "week", "weeks")
    );
    let shown = per_week
        .len()
        .saturating_sub(area.width.saturating_sub(2) as usize);
    let sparkline = Sparkline::default()
        .block(titled(app, &title))
        .data(&per_week[shown..])
        .style(app.settings.theme.accent);
    frame.render_widget(sparkline, area);
}

/// The widest bars (between `min` and `max`) that put `bars` of them, a column apart,
/// across the inside of `area`: the charts use the width they are given.
fn fill_width(area: Rect, bars: usize, min: u16, max: u16) -> u16 {
    let inside = area.width.saturating_sub(2);
    (inside / bars.max(1) as u16)
        .saturating_sub(1)
        .clamp(min, max)
}

fn titled(app: &App, title: &str) -> Block<'static> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(app.settings.theme.border)
        .title(Line::styled(title.to_string(), app.settings.theme.dim))
}

/// A bar chart of `buckets`, each bar `width` wide, with its count on it when `values`.
fn chart(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    title: &str,
    buckets: &[Bucket],
    width: u16,
    values: bool,
) {
    let bars: Vec<Bar> = buckets
        .iter()
        .map(|b| {
            let value = if values && b.count > 0 {
                b.count.to_string()
            } else {
                String::new()
            };
            Bar::with_label(b.label.clone(), b.count as u64).text_value(value)
        })
        .collect();
    let chart = BarChart::default()
        .block(titled(app, title))
        .data(BarGroup::default().bars(&bars))
        .bar_width(width)
        .bar_gap(1)
        .bar_style(app.settings.theme.accent)
        .value_style(app.settings.theme.title)
        .label_style(app.settings.theme.dim);
    frame.render_widget(chart, area);
}

fn summary_lines(app: &App, s: &Stats) -> Vec<Line<'static>> {
    let theme = &app.settings.theme;
    let rate = s
        .completion_rate
        .map_or_else(|| "-".to_string(), |r| format!("{:.0}%", r * 100.0));
    let gap = |v: Option<i64>| v.map_or_else(|| "-".to_string(), human);
    let pair = |label: &str, value: String| {
        vec![
            Span::styled(format!(" {label} "), theme.dim),
            Span::styled(value, theme.title),
            Span::raw("   "),
        ]
    };
    let mut first = pair("Completion rate", rate);
    first.extend(pair("Sessions", s.sessions.to_string()));
    first.extend(pair("Completed", s.completed.to_string()));
    first.extend(pair("Abandoned", s.abandoned.to_string()));
    let mut second = pair("Interactions", s.interactions.to_string());
    second.extend(pair(
        "per session (median)",
        s.median_interactions_per_session.to_string(),
    ));
    second.extend(pair("Active", human(s.active_seconds)));
    let mut third = pair("Gaps crossed", s.gap_count.to_string());
    third.extend(pair("median", gap(s.median_gap_seconds)));
    third.extend(pair("longest", gap(s.longest_gap_seconds)));
    vec![
        Line::from(first),
        Line::from(second),
        Line::from(third),
        Line::styled(
            " Active time is the time between interactions closer than the gap threshold.",
            theme.dim,
        ),
        Line::styled(
            " A gap never ends a session: missions end when they are done.",
            theme.dim,
        ),
    ]
}
