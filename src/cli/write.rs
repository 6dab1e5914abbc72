//! The subcommands that record work: each makes one [`Change`] and words its outcome.

use std::io::IsTerminal;

use chrono::Local;
use color_eyre::eyre::Result;

use super::out::{Output, clean, local_clock, warn};
use super::{DecideArgs, FormatArgs, ListFormat, LogArgs, StepCommand};
use crate::Ctx;
use crate::ops::{self, Applied, Change, Entry, Outcome, Pick, Target};
use crate::session::Source;
use crate::store::AppendOutcome;
use crate::text::{progress_phrase, resumed_after};
use crate::timeline::is_gap;

/// Applies a change made from the command line.
pub(super) fn apply(ctx: &Ctx, source: Source, change: Change) -> Result<Applied> {
    Ok(ops::apply(&ctx.store, ctx.clock.now(), source, change)?)
}

/// `tether log`.
pub fn log(ctx: &Ctx, args: LogArgs) -> Result<Output> {
    let now = ctx.clock.now();
    let at = match &args.at {
        Some(when) => Some(crate::when::parse(when, now, &Local)?),
        None => None,
    };
    let session = match (args.session, args.following) {
        (Some(id), _) => Target::Session(id),
        (None, Some(dir)) => Target::Following(std::path::absolute(dir)?),
        (None, None) => Target::Active,
    };
    if args.text.is_empty() && std::io::stdin().is_terminal() {
        return typed::log(ctx, (args.source, args.no_wait), session, (at, args.kind));
    }
    let text = if args.text.is_empty() {
        read_piped()?
    } else {
        args.text.join(" ")
    };
    let entry = Entry {
        at,
        kind: args.kind,
        text,
    };
    log_entry(ctx, args.source, args.no_wait, session, entry)
}

/// Logs `entry` into `session` on behalf of `source`, waiting for the store or, with
/// `no_wait`, leaving it in the spool when the store is busy.
fn log_entry(
    ctx: &Ctx,
    source: Source,
    no_wait: bool,
    session: Target,
    entry: Entry,
) -> Result<Output> {
    if no_wait {
        let now = ctx.clock.now();
        let (id, logged, spooled) =
            ops::log_without_waiting(&ctx.store, now, source, &session, entry)?;
        if spooled {
            return Ok(Output::Text(format!(
                "The store is busy: left for session {id} in the spool; the next command that writes logs it"
            )));
        }
        return Ok(Output::Text(logged_text(ctx, &id, &logged)));
    }
    let change = Change::Log { session, entry };
    let applied = apply(ctx, source, change)?;
    let Outcome::Logged(logged) = applied.outcome else {
        unreachable!("a log logs")
    };
    Ok(Output::Text(logged_text(ctx, &applied.session, &logged)))
}

/// What `tether log` says of an interaction logged into session `id`.
fn logged_text(ctx: &Ctx, id: &crate::session::SessionId, logged: &ops::Logged) -> String {
    if logged.duplicate {
        return format!(
            "Already logged in session {id}: {}",
            clean(&logged.interaction.text)
        );
    }
    report_append(&ctx.store.torn_path(id), &logged.outcome);
    let mut text = format!(
        "Logged to session {id} at {}",
        local_clock(logged.interaction.at)
    );
    if let Some(since) = logged
        .since_last
        .filter(|d| is_gap(*d, ctx.config.gap_threshold))
    {
        text.push_str(&format!(" · {}", resumed_after(since)));
    }
    text
}

/// The text of a `log` given no TEXT from a pipe: all of standard input (at most a little
/// over the size limit, which `ops` enforces).
fn read_piped() -> Result<String> {
    use std::io::Read;
    let mut text = String::new();
    let limit = crate::session::MAX_TEXT_BYTES as u64 + 1024;
    std::io::stdin()
        .lock()
        .take(limit)
        .read_to_string(&mut text)?;
    Ok(text)
}

mod typed;

/// Tells the user when an append had to set a torn line aside.
fn report_append(torn_path: &std::path::Path, outcome: &AppendOutcome) {
    if let Some(bytes) = outcome.set_aside {
        warn(&format!(
            "the timeline ended in an incomplete line ({bytes} bytes, from an interrupted write); it was moved to {} and the new entry starts on a fresh line",
            torn_path.display()
        ));
    }
}

/// `tether step ...`.
pub fn step(ctx: &Ctx, command: StepCommand) -> Result<Output> {
    let text = match command {
        StepCommand::Add { text } => {
            let text = text.join(" ");
            let change = Change::AddStep {
                session: Target::Active,
                text: text.clone(),
            };
            let Outcome::StepAdded { number, .. } = apply(ctx, Source::Cli, change)?.outcome else {
                unreachable!("adding a step adds one")
            };
            format!("Added step {number}: {}", clean(&text))
        }
        StepCommand::Done { n } => step_done(ctx, n, true)?,
        StepCommand::Undo { n } => step_done(ctx, n, false)?,
        StepCommand::Edit { n, text } => step_edit(ctx, n, text.join(" "))?,
        StepCommand::Rm { n } => step_rm(ctx, n)?,
        StepCommand::List(FormatArgs { format }) => return step_list(ctx, format),
    };
    Ok(Output::Text(text))
}

fn step_done(ctx: &Ctx, n: u32, done: bool) -> Result<String> {
    let change = Change::SetStepDone {
        session: Target::Active,
        step: Pick::Number(n),
        done,
    };
    let Outcome::StepSet {
        step,
        progress,
        changed,
        ..
    } = apply(ctx, Source::Cli, change)?.outcome
    else {
        unreachable!("setting a step sets it")
    };
    if !changed {
        let already = if done {
            "is already done"
        } else {
            "is not done yet"
        };
        return Ok(format!("Step {n} {already}: {}", clean(&step.text)));
    }
    let mark = if done { "Done" } else { "Reopened" };
    Ok(format!(
        "{mark} step {n}: {} ({})",
        clean(&step.text),
        progress_phrase(progress)
    ))
}

fn step_edit(ctx: &Ctx, n: u32, text: String) -> Result<String> {
    let change = Change::EditStep {
        session: Target::Active,
        step: Pick::Number(n),
        text: text.clone(),
    };
    let Outcome::StepEdited { before } = apply(ctx, Source::Cli, change)?.outcome else {
        unreachable!("editing a step edits it")
    };
    Ok(format!(
        "Edited step {n}: {} (it was: {})",
        clean(text.trim()),
        clean(&before.text)
    ))
}

fn step_rm(ctx: &Ctx, n: u32) -> Result<String> {
    let change = Change::DeleteStep {
        session: Target::Active,
        step: Pick::Number(n),
    };
    let applied = apply(ctx, Source::Cli, change)?;
    let Outcome::StepDeleted { step } = applied.outcome else {
        unreachable!("removing a step removes it")
    };
    let progress = ctx.store.session_head(&applied.session)?.progress;
    Ok(format!(
        "Removed step {n}: {} ({})",
        clean(&step.text),
        progress_phrase(progress)
    ))
}

fn step_list(ctx: &Ctx, format: ListFormat) -> Result<Output> {
    let session = ctx.store.session(&ctx.store.active()?)?;
    if format == ListFormat::Json {
        return Ok(Output::json(&serde_json::json!({
            "session": session.id,
            "progress": session.progress(),
            "steps": session.steps.iter().map(|s| serde_json::json!({
                "number": s.number, "text": s.text, "done": s.done, "done_at": s.done_at,
            })).collect::<Vec<_>>(),
        })));
    }
    if session.steps.is_empty() {
        return Ok(Output::Text(format!(
            "Session {} has no steps yet: `tether step add TEXT` plans one",
            session.id
        )));
    }
    let width = session.last_step_number.to_string().len();
    let mut text = String::new();
    for step in &session.steps {
        let mark = if step.done { "x" } else { " " };
        text.push_str(&format!(
            "{:>width$} [{mark}] {}\n",
            step.number,
            clean(&step.text)
        ));
    }
    text.push_str(&progress_phrase(session.progress()));
    Ok(Output::Text(text))
}

/// `tether decide`.
pub fn decide(ctx: &Ctx, args: DecideArgs) -> Result<Output> {
    let change = Change::Decide {
        session: Target::Active,
        text: args.text.join(" "),
        why: args.why,
    };
    let applied = apply(ctx, Source::Cli, change)?;
    let Outcome::Decided { decision } = applied.outcome else {
        unreachable!("deciding records a decision")
    };
    let mut out = format!(
        "Decided in session {}: {}",
        applied.session,
        clean(&decision.text)
    );
    if let Some(why) = &decision.why {
        out.push_str(&format!("\n  why: {}", clean(why)));
    }
    Ok(Output::Text(out))
}

/// `tether freeze`.
pub fn freeze(ctx: &Ctx) -> Result<Output> {
    let change = Change::Freeze {
        session: Target::Active,
        interactions: None,
    };
    let applied = apply(ctx, Source::Cli, change)?;
    let Outcome::Frozen { snapshot } = applied.outcome else {
        unreachable!("freezing takes a snapshot")
    };
    Ok(Output::Text(format!(
        "Froze the context of session {} at {}: {}, {} open steps, {} decisions, {} interactions",
        applied.session,
        local_clock(snapshot.at),
        progress_phrase(snapshot.progress),
        snapshot.next_steps.len(),
        snapshot.key_decisions.len(),
        snapshot.interactions
    )))
}
