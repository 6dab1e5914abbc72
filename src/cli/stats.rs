//! `tether stats`: the protocol's success metrics across every session.

use color_eyre::eyre::Result;

use super::out::Output;
use super::{Ctx, ListFormat};
use crate::duration::human;
use crate::stats::{Stats, compute};

/// Runs `tether stats`.
pub fn run(ctx: &Ctx, format: ListFormat) -> Result<Output> {
    let mut sessions = Vec::new();
    for id in ctx.store.session_ids()? {
        sessions.push(super::load(&ctx.store, &id)?);
    }
    let stats = compute(&sessions, ctx.config.gap_threshold);
    Ok(match format {
        ListFormat::Json => Output::json(&stats),
        ListFormat::Text => Output::Text(text(&stats)),
    })
}

fn text(s: &Stats) -> String {
    let rate = s
        .completion_rate
        .map_or_else(|| "-".into(), |r| format!("{:.0}%", r * 100.0));
    let rows = [
        ("Sessions", s.sessions.to_string()),
        ("Completed", s.completed.to_string()),
        ("Abandoned", s.abandoned.to_string()),
        ("Completion rate", rate),
        ("Interactions", s.interactions.to_string()),
        (
            "Per session (median)",
            s.median_interactions_per_session.to_string(),
        ),
        ("Active time", human(s.active_seconds)),
        ("Gaps", s.gap_count.to_string()),
        (
            "Median gap",
            s.median_gap_seconds.map_or_else(|| "-".into(), human),
        ),
        (
            "Longest gap",
            s.longest_gap_seconds.map_or_else(|| "-".into(), human),
        ),
    ];
    rows.iter()
        .map(|(label, value)| format!("{label:<22} {value}\n"))
        .collect()
}
