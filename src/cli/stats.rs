//! `tether stats`: the protocol's success metrics across every session.

use chrono::TimeDelta;
use color_eyre::eyre::Result;

use super::out::{Output, unless_unread};
use super::paint::{Paint, paint};
use super::{Ctx, ListFormat};
use crate::duration::human;
use crate::stats::{Bucket, Stats};
use crate::text::{active_time_explained, counted};
use crate::zone::Zone;

/// The widest a bar gets in the text charts.
const BAR: usize = 30;

/// Sparkline levels, lowest to highest.
const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The days of the week, Monday first.
pub const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// Runs `tether stats`.
pub fn run(ctx: &Ctx, format: ListFormat) -> Result<Output> {
    let mut unread = Vec::new();
    let stats = crate::ops::stats(
        &ctx.store,
        ctx.config.gap_threshold,
        Zone::Local,
        |id, bytes| super::warn_torn(&ctx.store, id, bytes),
        |e| unread.push(e),
    )?;
    let out = match format {
        ListFormat::Json => Output::json(&stats),
        ListFormat::Text => Output::Text(text(&stats, ctx.config.gap_threshold)),
    };
    unless_unread(out, &unread, "the figures are the others'")
}

fn text(s: &Stats, threshold: TimeDelta) -> String {
    if s.sessions == 0 {
        return "No sessions yet: `tether start TITLE` starts the first".into();
    }
    let rate = s
        .completion_rate
        .map_or_else(|| "-".into(), |r| format!("{:.0}%", r * 100.0));
    let gaps = match (s.median_gap_seconds, s.longest_gap_seconds) {
        (Some(median), Some(longest)) => format!(
            "{} crossed without ending a session · median {} · longest {}",
            s.gap_count,
            human(median),
            human(longest)
        ),
        _ => "none yet".into(),
    };
    let mut out = String::new();
    for (label, value) in [
        (
            "Missions",
            format!(
                "{} · {} completed · {} abandoned · completion rate {rate}",
                counted(s.sessions, "session", "sessions"),
                s.completed,
                s.abandoned
            ),
        ),
        (
            "Interactions",
            format!(
                "{} in all · {} per session (median)",
                s.interactions, s.median_interactions_per_session
            ),
        ),
        ("Active time", human(s.active_seconds)),
        ("Gaps", gaps),
    ] {
        out.push_str(&format!(
            "{} {value}\n",
            paint(Paint::Bold, &format!("{label:<13}"))
        ));
    }
    out.push_str(&format!(
        "{}\n",
        paint(Paint::Dim, &active_time_explained(threshold))
    ));
    if s.gap_count > 0 {
        out.push_str(&section("Gap lengths"));
        out.push_str(&bars(&s.gap_lengths));
    }
    out.push_str(&section("By hour of day"));
    out.push_str(&format!(
        "  {}\n  0     6     12    18   23\n",
        sparkline(&s.by_hour)
    ));
    out.push_str(&section("By day of week"));
    let days: Vec<Bucket> = WEEKDAYS
        .iter()
        .zip(&s.by_weekday)
        .map(|(day, count)| Bucket {
            label: day.to_string(),
            count: *count,
        })
        .collect();
    out.push_str(&bars(&days));
    out.push_str(&section(
        "Week by week (started · completed · interactions)",
    ));
    for week in &s.weeks {
        out.push_str(&format!(
            "  {}  {:>3} · {:>3} · {:>6}\n",
            week.start, week.started, week.completed, week.interactions
        ));
    }
    out
}

fn section(title: &str) -> String {
    format!("\n{}\n", paint(Paint::Bold, title))
}

/// Horizontal bars, scaled to the largest count.
fn bars(buckets: &[Bucket]) -> String {
    let most = buckets.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    buckets
        .iter()
        .map(|b| {
            let length = (b.count * BAR).div_ceil(most);
            format!(
                "  {:<6} {} {}\n",
                b.label,
                paint(Paint::Accent, &"█".repeat(length)),
                b.count
            )
        })
        .collect()
}

/// One character per value, scaled to the largest.
pub fn sparkline(values: &[usize]) -> String {
    let most = values.iter().copied().max().unwrap_or(0);
    values
        .iter()
        .map(|&v| {
            if most == 0 || v == 0 {
                ' '
            } else {
                LEVELS[(v * (LEVELS.len() - 1)).div_ceil(most).min(7)]
            }
        })
        .collect()
}
