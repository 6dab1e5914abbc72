//! `tether missions`: every session, the most recently active first, the active one marked.

use color_eyre::eyre::Result;

use super::out::{Output, clean};
use super::{Ctx, ListFormat};
use crate::ops::sessions_by_activity;
use crate::sanitize::truncate;
use crate::text::{DateStyle, ago};
use crate::zone::Zone;

/// Runs `tether missions`.
pub fn run(ctx: &Ctx, format: ListFormat) -> Result<Output> {
    let active = ctx.store.state()?.active;
    let now = ctx.clock.now();
    let rows = sessions_by_activity(&ctx.store)?;
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
        "  {:<8} {:<10} {:>8}  {:<13} {}\n",
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
            |at| ago(at, now, Zone::Local, DateStyle::Iso),
        );
        out.push_str(&format!(
            "{mark} {:<8} {:<10} {:>8}  {:<13} {}\n",
            s.id.as_str(),
            s.mission.status.as_str(),
            s.progress().to_string(),
            ago,
            truncate(&clean(&s.mission.title), 60)
        ));
    }
    Ok(Output::Text(out))
}
