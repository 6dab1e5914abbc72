//! The subcommands of a session's life: start, switch, reopen, complete. Every way back
//! shows the briefing of the session come back to.

use color_eyre::eyre::Result;

use super::out::{Output, clean};
use super::write::apply;
use super::{CompleteArgs, StartArgs, SwitchArgs, resume};
use crate::Ctx;
use crate::ops::{Change, Outcome, StartRequest, Target};
use crate::session::{MissionStatus, SessionId, Source};
use crate::text::progress_phrase;

/// `tether start`.
pub fn start(ctx: &Ctx, args: StartArgs) -> Result<Output> {
    let workspace = match args.workspace {
        Some(dir) => Some(std::path::absolute(&dir)?),
        None => crate::reality::default_workspace(),
    };
    let request = StartRequest {
        id: args.session,
        title: args.title.join(" "),
        description: args.description,
        workspace,
    };
    let started = apply(ctx, Source::Cli, Change::Start(request))?;
    let session = ctx.store.session(&started.session)?;
    let mut text = format!(
        "Started session {} · {}\n",
        started.session,
        clean(&session.mission.title)
    );
    if let Outcome::Started {
        paused: Some(paused),
    } = started.outcome
    {
        text.push_str(&format!(
            "Paused session {paused} (`tether switch {paused}` resumes it)\n"
        ));
    }
    Ok(Output::Text(text))
}

/// `tether switch`: makes the session active and shows its briefing.
pub fn switch(ctx: &Ctx, args: SwitchArgs) -> Result<Output> {
    let applied = apply(ctx, Source::Cli, Change::Switch { session: args.id })?;
    let Outcome::Switched { paused, already } = applied.outcome else {
        unreachable!("a switch switches")
    };
    let title = ctx.store.session_head(&applied.session)?.mission.title;
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
    briefed(ctx, &applied.session, head, paused)
}

/// `tether reopen`: makes an ended mission active again and shows its briefing.
pub fn reopen(ctx: &Ctx, args: SwitchArgs) -> Result<Output> {
    let applied = apply(ctx, Source::Cli, Change::Reopen { session: args.id })?;
    let Outcome::Reopened { was, paused } = applied.outcome else {
        unreachable!("a reopening reopens")
    };
    let title = ctx.store.session_head(&applied.session)?.mission.title;
    let head = format!(
        "Reopened session {} · {} (it was {})",
        applied.session,
        clean(&title),
        was.as_str()
    );
    briefed(ctx, &applied.session, head, paused)
}

/// What a way back prints: what it did, then the briefing of the session come back to
/// (which, read in a terminal, pays the gap it owes the person).
fn briefed(ctx: &Ctx, id: &SessionId, head: String, paused: Option<SessionId>) -> Result<Output> {
    let mut text = head;
    if let Some(paused) = paused {
        text.push_str(&format!("\nPaused session {paused}"));
    }
    let b = resume::make(ctx, id)?;
    resume::acknowledge(ctx, &b);
    text.push_str("\n\n");
    text.push_str(&resume::text(&b));
    Ok(Output::Text(text))
}

/// `tether complete`: ends the mission, whatever is left open (said, never asked: scripts
/// must not hang), and names the paused mission to come back to.
pub fn complete(ctx: &Ctx, args: CompleteArgs) -> Result<Output> {
    let status = if args.abandon {
        MissionStatus::Abandoned
    } else {
        MissionStatus::Complete
    };
    let change = Change::Complete {
        session: Target::Active,
        status,
    };
    let applied = apply(ctx, Source::Cli, change)?;
    let Outcome::Completed {
        mission,
        progress,
        open_steps,
        next,
    } = applied.outcome
    else {
        unreachable!("completing ends the mission")
    };
    let verb = if args.abandon {
        "Abandoned"
    } else {
        "Completed"
    };
    let id = &applied.session;
    let mut text = format!(
        "{verb} session {id} · {} ({})\n",
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
        "`tether report --session {id}` shows how it went; `tether reopen {id}` takes it back\n"
    ));
    match next {
        Some((paused, title)) => text.push_str(&format!(
            "`tether switch {paused}` resumes {}; `tether start TITLE` begins a new mission",
            clean(&title)
        )),
        None => text.push_str("`tether start TITLE` begins the next mission"),
    }
    Ok(Output::Text(text))
}
