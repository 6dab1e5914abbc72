//! The tools that only read: this folder's session at a glance, its briefing, its steps and
//! the list of missions. None writes a byte or pays a briefing owed to the person.

use std::path::Path;

use color_eyre::eyre::Result;

use super::args::ResumeArgs;
use super::call::{Call, clean, when};
use crate::cli::{Command, ListFormat, MissionsArgs, PartialAnswer, StatusFilter};
use crate::ops::latest_interaction;
use crate::session::SessionId;
use crate::store::StoreError;
use crate::text::{progress_phrase, recent_ago};
use crate::timeline::is_gap;

/// The session the tools work on here: the one that follows the client's folder, else the
/// active one.
pub fn this_session(call: &Call) -> Result<SessionId> {
    Ok(call.target()?.resolve(&call.ctx.store)?)
}

/// `resume`: the agent briefing of this folder's session, or of the one named (read-only).
pub fn resume(call: &Call, args: ResumeArgs) -> Result<String> {
    let id = match args.session {
        Some(id) => id.trim().parse()?,
        None => this_session(call)?,
    };
    call.briefing(&id)
}

/// `status`: this folder's session at a glance, read in O(1) of its history, and why the
/// tools here work on it.
pub fn status(call: &Call) -> Result<String> {
    let store = &call.ctx.store;
    let followed = call.here.followed(store)?;
    let id = match &followed {
        Some((_, id)) => id.clone(),
        None => match store.active() {
            Ok(id) => id,
            Err(StoreError::NoActive) => {
                return Ok(format!(
                    "No active mission, and {}: `start` starts one (`missions` lists the others)",
                    unfollowed(call.here.folder())
                ));
            }
            Err(e) => return Err(e.into()),
        },
    };
    let head = store.session_head(&id)?;
    let mut out = format!(
        "Session {id} · {} ({})\nProgress: {}\n",
        clean(&head.mission.title),
        head.mission.status.as_str(),
        progress_phrase(head.progress)
    );
    match latest_interaction(store, &id)? {
        Some(last) => {
            out.push_str(&format!("Last interaction: {}", when(last)));
            if let Some(since) = recent_ago(last, call.now()) {
                out.push_str(&format!(" ({since})"));
            }
            if is_gap(call.now() - last, call.ctx.config.gap_threshold) {
                out.push_str(", past the gap threshold: `resume` restores the context");
            }
        }
        None => out.push_str("Nothing logged yet: `log` records what happens"),
    }
    out.push('\n');
    out.push_str(&here_line(followed.as_ref(), call.here.folder()));
    Ok(out)
}

/// Which session the tools work on here, and why.
fn here_line(followed: Option<&(&Path, SessionId)>, folder: Option<&Path>) -> String {
    match followed {
        Some((folder, id)) => format!(
            "The tools here work on session {id}: it follows {}",
            clean(&folder.display().to_string())
        ),
        None => format!(
            "{}: the tools here work on the active session",
            capital(&unfollowed(folder))
        ),
    }
}

/// `no open session follows /path`.
fn unfollowed(folder: Option<&Path>) -> String {
    match folder {
        Some(folder) => format!(
            "no open session follows {}",
            clean(&folder.display().to_string())
        ),
        None => "no open session follows this folder".to_string(),
    }
}

fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `steps`: this folder's session's steps with their numbers.
pub fn steps(call: &Call) -> Result<String> {
    let id = this_session(call)?;
    let session = call.ctx.store.session(&id)?;
    if session.steps.is_empty() {
        return Ok(format!(
            "Session {id} has no steps yet: `step_add` plans one"
        ));
    }
    let width = session.last_step_number.to_string().len();
    let mut text = format!(
        "Steps of session {id} · {}\n",
        clean(&session.mission.title)
    );
    for step in &session.steps {
        let mark = if step.done { "x" } else { " " };
        text.push_str(&format!(
            "{:>width$} [{mark}] {}\n",
            step.number,
            clean(&step.text)
        ));
    }
    text.push_str(&progress_phrase(session.progress()));
    Ok(text)
}

/// `missions`: the command line's list (the active one marked `*`), and which the tools
/// here work on.
pub fn missions(call: &Call) -> Result<String> {
    let list = crate::cli::run(
        &call.ctx,
        Command::Missions(MissionsArgs {
            status: StatusFilter::Open,
            format: ListFormat::Text,
        }),
    );
    // a mission that cannot be read is said after the others, as the CLI says it
    let mut text = match list.map_err(|report| report.downcast::<PartialAnswer>()) {
        Ok(list) => list.into_safe_string(false),
        Err(Ok(unread)) => unread.into_text(),
        Err(Err(report)) => return Err(report),
    };
    let followed = call.here.followed(&call.ctx.store)?;
    text.push_str(&here_line(followed.as_ref(), call.here.folder()));
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_says_why_the_tools_work_on_a_session() {
        let id: SessionId = "4".parse().unwrap();
        let folder = Path::new("/work/repo");
        assert_eq!(
            here_line(Some(&(folder, id)), Some(folder)),
            "The tools here work on session 00004: it follows /work/repo"
        );
        assert_eq!(
            here_line(None, Some(Path::new("/tmp/x\u{1b}[2J"))),
            "No open session follows /tmp/x␛[2J: the tools here work on the active session"
        );
    }
}
