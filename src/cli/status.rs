//! `tether status`: the active session at a glance, read in O(1) of the store's size.

use chrono::{DateTime, TimeDelta, Utc};
use color_eyre::eyre::Result;
use serde::Serialize;

use super::out::{Output, PartialAnswer, clean, local_minute};
use super::paint::{Paint, paint};
use super::{Ctx, StatusFormat};
use crate::duration::human_delta;
use crate::ops::latest_interaction;
use crate::session::{MissionStatus, Progress, SessionId};
use crate::store::StoreError;
use crate::text::{DateStyle, ago, progress_phrase, recent_ago};
use crate::timeline::is_gap;
use crate::zone::Zone;

/// The tmux line when the store cannot be read (the error itself goes to stderr).
const TMUX_UNREADABLE: &str = "tether: cannot read the store · tether doctor";

/// The widest the mission title gets in the tmux line.
const TMUX_TITLE_WIDTH: usize = 28;

/// The tmux colour of a line past the gap threshold.
const TMUX_GAP_COLOUR: &str = "colour208";

/// What `status --format json` carries.
#[derive(Debug, Serialize)]
struct Status {
    session: Option<SessionId>,
    mission: Option<String>,
    status: Option<MissionStatus>,
    progress: Option<Progress>,
    last_interaction: Option<DateTime<Utc>>,
    seconds_since_last: Option<i64>,
    gap: bool,
    gap_threshold_seconds: i64,
    /// When it was read.
    #[serde(skip)]
    now: DateTime<Utc>,
}

/// Runs `tether status`.
pub fn run(ctx: &Ctx, format: StatusFormat) -> Result<Output> {
    let status = read(ctx)?;
    Ok(match format {
        StatusFormat::Json => Output::json(&status),
        StatusFormat::Tmux => Output::Text(tmux(&status, ctx.color.tui)),
        StatusFormat::Text => Output::Text(text(&status)),
    })
}

/// The error of `status --format tmux`: a short line for the bar, on stdout (the bar shows
/// nothing else), with `report` said on stderr as any error is.
pub fn unreadable(report: color_eyre::Report) -> color_eyre::Report {
    PartialAnswer {
        output: Output::Text(TMUX_UNREADABLE.into()),
        notes: Vec::new(),
        summary: super::explain(&report),
    }
    .into()
}

fn read(ctx: &Ctx) -> Result<Status> {
    let threshold = ctx.config.gap_threshold;
    let mut status = Status {
        session: None,
        mission: None,
        status: None,
        progress: None,
        last_interaction: None,
        seconds_since_last: None,
        gap: false,
        gap_threshold_seconds: threshold.num_seconds(),
        now: ctx.clock.now(),
    };
    let id = match ctx.store.active() {
        Ok(id) => id,
        Err(StoreError::NoActive) => return Ok(status),
        Err(e) => return Err(e.into()),
    };
    let session = ctx.store.session_head(&id)?;
    let last = latest_interaction(&ctx.store, &id)?;
    let since = last.map(|at| (status.now - at).max(TimeDelta::zero()));
    status.gap = since.is_some_and(|d| is_gap(d, threshold));
    status.session = Some(id);
    status.mission = Some(session.mission.title.clone());
    status.status = Some(session.mission.status);
    status.progress = Some(session.progress);
    status.last_interaction = last;
    status.seconds_since_last = since.map(|d| d.num_seconds());
    Ok(status)
}

/// `12m ago`, or `on 2025-03-04` long ago.
fn since_phrase(status: &Status) -> Option<String> {
    status
        .last_interaction
        .map(|at| ago(at, status.now, Zone::Local, DateStyle::Iso))
}

fn text(status: &Status) -> String {
    let (Some(id), Some(mission)) = (&status.session, &status.mission) else {
        return "No active mission: `tether start TITLE` starts one, `tether missions` lists the others".into();
    };
    let mut out = format!(
        "{} · {} ({})\nProgress: {}\n",
        paint(Paint::Bold, &format!("Session {id}")),
        clean(mission),
        status.status.map_or("", MissionStatus::as_str),
        progress_phrase(status.progress.unwrap_or_default())
    );
    match status.last_interaction {
        Some(last) => {
            out.push_str(&format!("Last interaction: {}", local_minute(last)));
            // long ago, the time shown says it all
            if let Some(since) = recent_ago(last, status.now) {
                out.push_str(&format!(" ({since})"));
            }
            if status.gap {
                out.push_str(&format!(
                    ", {}: `tether resume` restores the context (threshold {})",
                    paint(Paint::Gap, "a gap"),
                    human_delta(crate::time_range::seconds(status.gap_threshold_seconds))
                ));
            }
        }
        None => out.push_str("Nothing logged yet: `tether log TEXT`"),
    }
    out
}

/// One short line for tmux's status bar; `#` in user text is doubled so tmux shows it.
fn tmux(status: &Status, color: bool) -> String {
    let (Some(id), Some(mission)) = (&status.session, &status.mission) else {
        return "tether: no active mission".into();
    };
    let title = crate::sanitize::truncate(&clean(mission), TMUX_TITLE_WIDTH).replace('#', "##");
    let mut line = format!("{id} {title}");
    if let Some(p) = status.progress.filter(|p| p.total > 0) {
        line.push_str(&format!(" {p}"));
    }
    if let Some(since) = since_phrase(status) {
        line.push_str(&format!(" · {since}"));
    }
    if status.gap && color {
        line = format!("#[fg={TMUX_GAP_COLOUR}]{line}#[default]");
    }
    line
}
