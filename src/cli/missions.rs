//! `tether missions`: every session, the active one marked.

use chrono::TimeDelta;
use color_eyre::eyre::Result;

use super::out::{Output, clean};
use super::{Ctx, ListFormat};
use crate::duration::human_delta;
use crate::ops::latest_interaction;
use crate::sanitize::truncate;

/// Runs `tether missions`.
pub fn run(ctx: &Ctx, format: ListFormat) -> Result<Output> {
    let active = ctx.store.state()?.active;
    let now = ctx.clock.now();
    let mut rows = Vec::new();
    for session in ctx.store.sessions()? {
        let last = latest_interaction(&ctx.store, &session.id)?;
        rows.push((session, last));
    }
    if format == ListFormat::Json {
        let list: Vec<_> = rows
            .iter()
            .map(|(s, last)| {
                serde_json::json!({
                    "session": s.id,
                    "mission": s.mission.title,
                    "status": s.mission.status,
                    "active": active.as_ref() == Some(&s.id),
                    "progress": s.progress(),
                    "created": s.created,
                    "ended": s.ended,
                    "last_interaction": last,
                })
            })
            .collect();
        return Ok(Output::json(&list));
    }
    if rows.is_empty() {
        return Ok(Output::Text(
            "No sessions yet: `tether start TITLE` starts the first".into(),
        ));
    }
    let mut out = format!(
        "  {:<8} {:<10} {:>8}  {:<12} {}\n",
        "SESSION", "STATUS", "STEPS", "LAST", "MISSION"
    );
    for (s, last) in &rows {
        let mark = if active.as_ref() == Some(&s.id) {
            '*'
        } else {
            ' '
        };
        let ago = last.map_or_else(
            || "-".into(),
            |at| format!("{} ago", human_delta((now - at).max(TimeDelta::zero()))),
        );
        out.push_str(&format!(
            "{mark} {:<8} {:<10} {:>8}  {:<12} {}\n",
            s.id.as_str(),
            s.mission.status.as_str(),
            s.progress().to_string(),
            ago,
            truncate(&clean(&s.mission.title), 60)
        ));
    }
    Ok(Output::Text(out))
}
