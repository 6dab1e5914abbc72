//! `tether missions`: the sessions, the most recently active first, the active one marked;
//! by default the open ones (active and paused), saying how many ended ones are hidden.

use clap::{Args, ValueEnum};
use color_eyre::eyre::Result;

use super::out::{Output, clean, unless_unread};
use super::{Ctx, ListFormat};
use crate::ops::{ByActivity, WithLatest, sessions_by_activity};
use crate::sanitize::truncate;
use crate::session::{MissionStatus, SessionId};
use crate::text::{DateStyle, ago, counted};
use crate::zone::Zone;

/// `missions`.
#[derive(Debug, Args)]
pub struct MissionsArgs {
    /// Which missions: open (active and paused), active, paused, ended (complete or
    /// abandoned), or all.
    #[arg(long, value_enum, default_value_t)]
    pub status: StatusFilter,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
}

/// Which missions `missions` lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum StatusFilter {
    /// Active and paused: the work that is not over.
    #[default]
    Open,
    /// The active mission.
    Active,
    /// Paused missions, to switch back to.
    Paused,
    /// Complete and abandoned missions.
    Ended,
    /// Every mission.
    All,
}

impl StatusFilter {
    /// Whether a mission of this status is listed.
    pub fn takes(self, status: MissionStatus) -> bool {
        match self {
            StatusFilter::Open => !status.is_ended(),
            StatusFilter::Active => status == MissionStatus::Active,
            StatusFilter::Paused => status == MissionStatus::Paused,
            StatusFilter::Ended => status.is_ended(),
            StatusFilter::All => true,
        }
    }
}

/// Runs `tether missions`.
pub fn run(ctx: &Ctx, args: MissionsArgs) -> Result<Output> {
    let active = ctx.store.state()?.active;
    let ByActivity { rows: all, unread } = sessions_by_activity(&ctx.store)?;
    let out = list(ctx, args, active, all)?;
    let what = "`tether doctor` tells more";
    unless_unread(out, &unread, what)
}

/// The list of missions `rows` (all, in order), as `args` asks for it.
fn list(
    ctx: &Ctx,
    args: MissionsArgs,
    active: Option<SessionId>,
    all: Vec<WithLatest>,
) -> Result<Output> {
    let total = all.len();
    let rows: Vec<WithLatest> = all
        .into_iter()
        .filter(|(s, _)| args.status.takes(s.mission.status))
        .collect();
    let is_active = |s: &crate::store::SessionHead| active.as_ref() == Some(&s.id);
    if args.format == ListFormat::Json {
        let list: Vec<_> = rows
            .iter()
            .map(|(s, last)| {
                serde_json::json!({
                    "session": s.id,
                    "mission": s.mission.title,
                    "status": s.mission.status,
                    "active": is_active(s),
                    "progress": s.progress,
                    "created": s.created,
                    "ended": s.ended,
                    "last_interaction": last,
                })
            })
            .collect();
        return Ok(Output::json(&list));
    }
    if total == 0 {
        return Ok(Output::Text(
            "No sessions yet: `tether start TITLE` starts the first".into(),
        ));
    }
    let mut out = String::new();
    if !rows.is_empty() {
        out = table(ctx, &rows, is_active);
    }
    out.push_str(&left_out(args.status, rows.len(), total));
    Ok(Output::Text(out))
}

/// The table of missions.
fn table(
    ctx: &Ctx,
    rows: &[WithLatest],
    is_active: impl Fn(&crate::store::SessionHead) -> bool,
) -> String {
    let now = ctx.clock.now();
    let mut out = format!(
        "  {:<8} {:<10} {:>8}  {:<13} {}\n",
        "SESSION", "STATUS", "STEPS", "LAST", "MISSION"
    );
    for (s, last) in rows {
        let mark = if is_active(s) { '*' } else { ' ' };
        let ago = last.map_or_else(
            || "-".into(),
            |at| ago(at, now, Zone::Local, DateStyle::Iso),
        );
        out.push_str(&format!(
            "{mark} {:<8} {:<10} {:>8}  {:<13} {}\n",
            s.id.as_str(),
            s.mission.status.as_str(),
            s.progress.to_string(),
            ago,
            truncate(&clean(&s.mission.title), 60)
        ));
    }
    out
}

/// What the filter left out, and how to see it: nothing when every mission is listed.
fn left_out(status: StatusFilter, listed: usize, total: usize) -> String {
    let hidden = total - listed;
    let blank = if listed > 0 { "\n" } else { "" };
    match (status, listed, hidden) {
        (_, _, 0) => String::new(),
        (StatusFilter::Open, 0, n) => format!(
            "No open mission, {n} ended: `tether start TITLE` starts one, `tether missions --status all` lists every one\n"
        ),
        (StatusFilter::Open, _, n) => format!(
            "{blank}{} hidden: `tether missions --status all` lists them too\n",
            counted(n, "ended mission", "ended missions")
        ),
        (_, 0, n) => format!(
            "No {} mission among {}: `tether missions --status all` lists every one\n",
            status_word(status),
            counted(n, "session", "sessions")
        ),
        (_, _, n) => format!(
            "{blank}{n} more with another status: `tether missions --status all` lists them too\n"
        ),
    }
}

/// The filter in words: "paused".
fn status_word(status: StatusFilter) -> &'static str {
    match status {
        StatusFilter::Open => "open",
        StatusFilter::Active => "active",
        StatusFilter::Paused => "paused",
        StatusFilter::Ended => "ended",
        StatusFilter::All => "",
    }
}
