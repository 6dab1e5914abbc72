//! `tether report`: the duration-reality report, measured by interactions.

use chrono::{DateTime, Utc};
use color_eyre::eyre::{Result, bail};

use super::out::{Output, clean, local_minute, local_second, md, note};
use super::paint::{Paint, paint};
use super::{Ctx, ReportArgs, ReportFormat};
use crate::duration::{human, human_delta};
use crate::ops::sessions_by_activity;
use crate::session::{Interaction, Mission, Session, SessionId};
use crate::store::StoreError;
use crate::timeline::{Reality, reality};

/// Runs `tether report`.
pub fn run(ctx: &Ctx, args: ReportArgs) -> Result<Output> {
    if args.ids && matches!(args.format, ReportFormat::Md | ReportFormat::Json) {
        bail!("--ids lists the interactions as text: use it with --format text or log");
    }
    let id = match args.session {
        Some(id) => id,
        None => active_or_latest(ctx)?,
    };
    if matches!(args.format, ReportFormat::Text | ReportFormat::Json) && !args.ids {
        // read whole, as every reader of a session does: damage past its head is refused
        let session = ctx.store.session(&id)?;
        let frozen = session.last_snapshot().map(|s| s.at);
        let threshold = ctx.config.gap_threshold;
        let summary = super::summarize(&ctx.store, &id, threshold, Some(frozen))?;
        let r = summary.all.reality(session.progress());
        return Ok(match args.format {
            ReportFormat::Json => Output::json(&json(&session.id, &session.mission, &r)),
            _ => Output::Text(text(&session.id, &session.mission, &r)),
        });
    }
    let crate::store::LoadedSession {
        session,
        interactions,
        ..
    } = super::load(&ctx.store, &id)?;
    let r = reality(&interactions, ctx.config.gap_threshold, session.progress());
    let ids = args.ids;
    Ok(match args.format {
        ReportFormat::Text if ids => {
            let mut out = text(&session.id, &session.mission, &r);
            out.push_str("\nInteractions, with the ids `tether edit` and `tether delete` take:\n");
            out.push_str(&log_with(&interactions, ctx, true));
            Output::Text(out)
        }
        ReportFormat::Text => Output::Text(text(&session.id, &session.mission, &r)),
        ReportFormat::Md => Output::Text(markdown(&session, &r, &interactions, ctx)),
        ReportFormat::Json => Output::json(&json(&session.id, &session.mission, &r)),
        ReportFormat::Log => Output::Text(log_with(&interactions, ctx, ids)),
    })
}

/// The active session; with none, the one worked on last, said on stderr (so that what
/// programs read stays the report).
fn active_or_latest(ctx: &Ctx) -> Result<SessionId> {
    match ctx.store.active() {
        Err(StoreError::NoActive) => {}
        other => return Ok(other?),
    }
    let sessions = sessions_by_activity(&ctx.store)?;
    if let Some(unread) = sessions.unread.into_iter().next() {
        return Err(unread.into()); // which was worked on last cannot be told
    }
    let Some((latest, _)) = sessions.rows.into_iter().next() else {
        return Err(StoreError::NoActive.into());
    };
    note(&format!(
        "no active mission: the report of session {} ({}), the one worked on last",
        latest.id,
        latest.mission.status.as_str()
    ));
    Ok(latest.id)
}

fn json(id: &SessionId, mission: &Mission, r: &Reality) -> serde_json::Value {
    let mut value = serde_json::to_value(r).expect("a report serializes");
    value["session"] = id.as_str().into();
    value["mission"] = mission.title.as_str().into();
    value["status"] = mission.status.as_str().into();
    value["wall_time_irrelevant"] = true.into();
    value
}

fn when(at: Option<DateTime<Utc>>) -> String {
    at.map_or_else(|| "-".to_string(), local_minute)
}

fn text(id: &SessionId, mission: &Mission, r: &Reality) -> String {
    let mut out = format!(
        "Session {} · {} ({})\n\n",
        id,
        clean(&mission.title),
        mission.status.as_str()
    );
    let rows = [
        ("First interaction", when(r.first_interaction)),
        ("Last interaction", when(r.last_interaction)),
        ("Interactions", r.total_interactions.to_string()),
        ("Active time", human(r.active_seconds)),
        ("Gaps", gap_summary(r)),
        ("Progress", format!("{} steps done", r.progress)),
    ];
    for (label, value) in rows {
        out.push_str(&format!("{label:<18} {value}\n"));
    }
    for gap in &r.gaps {
        out.push_str(&format!(
            "  {} → {}  {}\n",
            local_minute(gap.start),
            local_minute(gap.end),
            human(gap.seconds)
        ));
    }
    out
}

fn gap_summary(r: &Reality) -> String {
    match r.gap_count {
        0 => "none".to_string(),
        1 => format!("1, {}", human(r.gap_seconds)),
        n => format!("{n}, {} in all", human(r.gap_seconds)),
    }
}

/// The report in Markdown: the title escaped ([`md`]), the timeline in a fenced block that
/// none of its lines can close.
fn markdown(session: &Session, r: &Reality, interactions: &[Interaction], ctx: &Ctx) -> String {
    let mut out = format!(
        "# Session {}: {}\n\n",
        session.id,
        md(&session.mission.title)
    );
    out.push_str("| | |\n|---|---|\n");
    let rows = [
        ("Status", session.mission.status.as_str().to_string()),
        ("First interaction", when(r.first_interaction)),
        ("Last interaction", when(r.last_interaction)),
        ("Interactions", r.total_interactions.to_string()),
        ("Active time", human(r.active_seconds)),
        ("Gaps", gap_summary(r)),
        ("Progress", format!("{} steps done", r.progress)),
    ];
    for (label, value) in rows {
        out.push_str(&format!("| {label} | {value} |\n"));
    }
    if !interactions.is_empty() {
        out.push_str("\n## Timeline\n\n");
        out.push_str(&crate::markdown::fence(&log(interactions, ctx)));
    }
    out
}

/// The timeline the way session logs read, with gaps acknowledged inline.
fn log(interactions: &[Interaction], ctx: &Ctx) -> String {
    log_with(interactions, ctx, false)
}

/// The timeline as [`log`] reads, each line after its interaction's id (dimmed) and kind
/// when `ids`.
fn log_with(interactions: &[Interaction], ctx: &Ctx, ids: bool) -> String {
    let unique = if ids {
        unique_prefixes(interactions)
    } else {
        Vec::new()
    };
    let mut out = String::new();
    let mut previous: Option<DateTime<Utc>> = None;
    for (n, i) in interactions.iter().enumerate() {
        if let Some(before) = previous {
            let pause = i.at - before;
            if crate::timeline::is_gap(pause, ctx.config.gap_threshold) {
                let marker = format!("[SESSION RESUMED after {} break]", human_delta(pause));
                let indent = if ids {
                    " ".repeat(ID_COLUMNS)
                } else {
                    String::new()
                };
                out.push_str(&format!("{indent}{}\n", paint(Paint::Gap, &marker)));
            }
        }
        if ids {
            let id = i.id.to_string();
            let (enough, rest) = id.split_at(unique[n]);
            let kind = format!("{:<8}", i.kind.as_str());
            out.push_str(&format!("{enough}{}  {kind} ", paint(Paint::Dim, rest)));
        }
        out.push_str(&format!("[{}] {}\n", local_second(i.at), clean(&i.text)));
        previous = Some(i.at);
    }
    out
}

/// The columns an id and a kind take before a line of the timeline with `--ids`.
const ID_COLUMNS: usize = 26 + 2 + 8 + 1;

/// How many characters of each interaction's id tell it from every other (what `tether
/// edit` needs, shown undimmed), in the order given.
fn unique_prefixes(interactions: &[Interaction]) -> Vec<usize> {
    let ids: Vec<String> = interactions.iter().map(|i| i.id.to_string()).collect();
    let mut order: Vec<usize> = (0..ids.len()).collect();
    order.sort_by(|&a, &b| ids[a].cmp(&ids[b]));
    let common = |a: &str, b: &str| a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let mut needed = vec![1; ids.len()];
    for pair in order.windows(2) {
        let shared = common(&ids[pair[0]], &ids[pair[1]]) + 1;
        for &i in pair {
            needed[i] = needed[i].max(shared).min(26);
        }
    }
    needed
}
