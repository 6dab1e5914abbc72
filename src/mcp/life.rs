//! The tools of a mission's life: start, switch, reopen and complete. Coming back to a
//! session hands over its agent briefing.

use std::path::Path;

use color_eyre::eyre::{Result, bail};

use super::args::{CompleteArgs, SessionArgs, StartArgs};
use super::call::{Call, clean};
use crate::ops::{Change, Outcome, StartRequest};
use crate::session::{MissionStatus, SessionId};
use crate::text::progress_phrase;

/// `start`: a new mission, made the active one, following the client's folder.
pub fn start(call: &Call, args: StartArgs) -> Result<String> {
    let request = StartRequest {
        id: None,
        title: args.title,
        description: args.description,
        workspace: call.here.folder().map(Path::to_path_buf),
    };
    let applied = call.apply(Change::Start(request))?;
    let head = call.ctx.store.session_head(&applied.session)?;
    let mut text = format!(
        "Started session {} · {} (now the active mission)",
        applied.session,
        clean(&head.mission.title)
    );
    if let Some(folder) = &head.workspace {
        let folder = folder.display().to_string();
        text.push_str(&format!(
            "\nIt follows {}: the tools here work on it",
            clean(&folder)
        ));
    }
    if let Outcome::Started {
        paused: Some(paused),
    } = applied.outcome
    {
        text.push_str(&format!("\nPaused session {paused} (`switch` resumes it)"));
    }
    Ok(text)
}

/// `switch`: makes a session the active one, and hands over its briefing.
pub fn switch(call: &Call, args: SessionArgs) -> Result<String> {
    let id: SessionId = args.session.trim().parse()?;
    let applied = call.apply(Change::Switch { session: id })?;
    let Outcome::Switched { paused, already } = applied.outcome else {
        unreachable!("a switch switches")
    };
    let title = call.ctx.store.session_head(&applied.session)?.mission.title;
    let head = if already {
        format!(
            "Session {} · {} is already the active one",
            applied.session,
            clean(&title)
        )
    } else {
        format!(
            "Switched to session {} · {}",
            applied.session,
            clean(&title)
        )
    };
    briefed(call, &applied.session, head, paused)
}

/// `reopen`: makes an ended mission the active one again, and hands over its briefing.
pub fn reopen(call: &Call, args: SessionArgs) -> Result<String> {
    let id: SessionId = args.session.trim().parse()?;
    let applied = call.apply(Change::Reopen { session: id })?;
    let Outcome::Reopened { was, paused } = applied.outcome else {
        unreachable!("a reopening reopens")
    };
    let title = call.ctx.store.session_head(&applied.session)?.mission.title;
    let head = format!(
        "Reopened session {} · {} (it was {})",
        applied.session,
        clean(&title),
        was.as_str()
    );
    briefed(call, &applied.session, head, paused)
}

/// What a way back says: what it did, whether this folder's tools still work on another
/// session, then the briefing of the session come back to.
fn briefed(call: &Call, id: &SessionId, head: String, paused: Option<SessionId>) -> Result<String> {
    let mut text = head;
    if let Some(paused) = paused {
        text.push_str(&format!("\nPaused session {paused}"));
    }
    let followed = call.here.followed(&call.ctx.store)?;
    if let Some((folder, other)) = followed.filter(|(_, other)| other != id) {
        let folder = folder.display().to_string();
        text.push_str(&format!(
            "\n{} follows session {other}: the tools here keep working on that one",
            clean(&folder)
        ));
    }
    text.push_str("\n\n");
    text.push_str(&call.briefing(id)?);
    Ok(text)
}

/// `complete`: ends this folder's mission, only when confirmed in so many words.
pub fn complete(call: &Call, args: CompleteArgs) -> Result<String> {
    let verb = if args.abandon { "abandon" } else { "complete" };
    let target = call.target()?;
    if !args.confirm {
        let id = target.resolve(&call.ctx.store)?;
        let title = call.ctx.store.session_head(&id)?.mission.title;
        bail!(
            "not done: completing ends session {id} · {}; call complete again with confirm: true to {verb} it",
            clean(&title)
        );
    }
    let status = if args.abandon {
        MissionStatus::Abandoned
    } else {
        MissionStatus::Complete
    };
    let applied = call.apply(Change::Complete {
        session: target,
        status,
    })?;
    let Outcome::Completed {
        mission,
        progress,
        open_steps,
        next,
    } = applied.outcome
    else {
        unreachable!("completing ends the mission")
    };
    let id = &applied.session;
    let mut text = format!(
        "{} session {id} · {} ({})\n",
        if args.abandon {
            "Abandoned"
        } else {
            "Completed"
        },
        clean(&mission.title),
        progress_phrase(progress),
    );
    if !open_steps.is_empty() {
        text.push_str(&format!("Left open ({}):\n", open_steps.len()));
        for step in &open_steps {
            text.push_str(&format!("  [ ] {}\n", clean(step)));
        }
    }
    text.push_str(&format!(
        "`undo`, or `reopen` with session {id}, takes it back\n"
    ));
    match next {
        Some((paused, title)) => text.push_str(&format!(
            "`switch` to session {paused} resumes {}; `start` begins a new mission",
            clean(&title)
        )),
        None => text.push_str("`start` begins the next mission"),
    }
    Ok(text)
}
