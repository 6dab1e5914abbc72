//! The subcommands that change the store.

use chrono::Local;
use color_eyre::eyre::Result;

use super::out::{Output, clean, local_clock, progress_phrase, warn};
use super::{
    CompleteArgs, Ctx, DecideArgs, FormatArgs, ListFormat, LogArgs, StartArgs, StepCommand,
    SwitchArgs,
};
use crate::duration::human_delta;
use crate::ops::{self, Entry, Pick, StartRequest, Target};
use crate::session::{MissionStatus, Source};
use crate::store::AppendOutcome;
use crate::timeline::is_gap;

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
        source: Some(Source::Cli),
    };
    let now = ctx.clock.now();
    let started = ops::start(&ctx.store, now, request)?;
    let session = ctx.store.session(&started.id)?;
    let mut text = format!(
        "Started session {} · {}\n",
        started.id,
        clean(&session.mission.title)
    );
    if let Some(paused) = started.paused {
        text.push_str(&format!(
            "Paused session {paused} (`tether switch {paused}` resumes it)\n"
        ));
    }
    Ok(Output::Text(text))
}

/// `tether log`.
pub fn log(ctx: &Ctx, args: LogArgs) -> Result<Output> {
    let now = ctx.clock.now();
    let at = match &args.at {
        Some(when) => Some(crate::when::parse(when, now, &Local)?),
        None => None,
    };
    let text = if args.text.is_empty() {
        read_text()?
    } else {
        args.text.join(" ")
    };
    let entry = Entry {
        at,
        kind: args.kind,
        source: args.source,
        text,
    };
    let logged = ops::log(&ctx.store, now, &Target::Active, entry)?;
    if logged.duplicate {
        return Ok(Output::Text(format!(
            "Already logged in session {}: {}",
            logged.session,
            clean(&logged.interaction.text)
        )));
    }
    report_append(&ctx.store.torn_path(&logged.session), &logged.outcome);
    let mut text = format!(
        "Logged to session {} at {}",
        logged.session,
        local_clock(logged.interaction.at)
    );
    if let Some(since) = logged
        .since_last
        .filter(|d| is_gap(*d, ctx.config.gap_threshold))
    {
        text.push_str(&format!(" · resumed after {}", human_delta(since)));
    }
    Ok(Output::Text(text))
}

/// The text of a `log` given no TEXT: one line typed at a prompt in a terminal, or all of
/// standard input from a pipe (at most a little over the size limit, which `ops` enforces).
fn read_text() -> Result<String> {
    use std::io::{BufRead, IsTerminal, Read, Write};
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("log: ");
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        stdin.lock().read_line(&mut line)?;
        return Ok(line);
    }
    let mut text = String::new();
    let limit = crate::session::MAX_TEXT_BYTES as u64 + 1024;
    stdin.lock().take(limit).read_to_string(&mut text)?;
    Ok(text)
}

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
    let now = ctx.clock.now();
    let target = Target::Active;
    let text = match command {
        StepCommand::Add { text } => {
            let (_, number, _) =
                ops::add_step(&ctx.store, now, &target, &text.join(" "), Source::Cli)?;
            format!("Added step {number}: {}", clean(&text.join(" ")))
        }
        StepCommand::Done { n } => step_done(ctx, n, true)?,
        StepCommand::Undo { n } => step_done(ctx, n, false)?,
        StepCommand::List(FormatArgs { format }) => return step_list(ctx, format),
    };
    Ok(Output::Text(text))
}

fn step_done(ctx: &Ctx, n: usize, done: bool) -> Result<String> {
    let now = ctx.clock.now();
    let step = ops::set_step_done(
        &ctx.store,
        now,
        &Target::Active,
        Pick::Number(n),
        done,
        Source::Cli,
    )?;
    let progress = ctx.store.session(&ctx.store.active()?)?.progress();
    let mark = if done { "Done" } else { "Reopened" };
    Ok(format!(
        "{mark} step {n}: {} ({})",
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
            "steps": session.steps.iter().enumerate().map(|(i, s)| serde_json::json!({
                "number": i + 1, "text": s.text, "done": s.done, "done_at": s.done_at,
            })).collect::<Vec<_>>(),
        })));
    }
    if session.steps.is_empty() {
        return Ok(Output::Text(format!(
            "Session {} has no steps yet: `tether step add TEXT` plans one",
            session.id
        )));
    }
    let width = session.steps.len().to_string().len();
    let mut text = String::new();
    for (i, step) in session.steps.iter().enumerate() {
        let mark = if step.done { "x" } else { " " };
        text.push_str(&format!(
            "{:>width$} [{mark}] {}\n",
            i + 1,
            clean(&step.text)
        ));
    }
    text.push_str(&progress_phrase(session.progress()));
    Ok(Output::Text(text))
}

/// `tether decide`.
pub fn decide(ctx: &Ctx, args: DecideArgs) -> Result<Output> {
    let now = ctx.clock.now();
    let text = args.text.join(" ");
    let (id, decision) = ops::decide(
        &ctx.store,
        now,
        &Target::Active,
        &text,
        args.why.as_deref(),
        Source::Cli,
    )?;
    let mut out = format!("Decided in session {id}: {}", clean(&decision.text));
    if let Some(why) = &decision.why {
        out.push_str(&format!("\n  why: {}", clean(why)));
    }
    Ok(Output::Text(out))
}

/// `tether freeze`.
pub fn freeze(ctx: &Ctx) -> Result<Output> {
    let now = ctx.clock.now();
    let workspace = ops::capture_workspace(&ctx.store, &Target::Active, now);
    let (id, snapshot) = ops::freeze(&ctx.store, now, &Target::Active, workspace, None)?;
    Ok(Output::Text(format!(
        "Froze the context of session {id} at {}: {}, {} open steps, {} decisions, {} interactions",
        local_clock(snapshot.at),
        progress_phrase(snapshot.progress),
        snapshot.next_steps.len(),
        snapshot.key_decisions.len(),
        snapshot.interactions
    )))
}

/// `tether complete`.
pub fn complete(ctx: &Ctx, args: CompleteArgs) -> Result<Output> {
    let now = ctx.clock.now();
    let status = if args.abandon {
        MissionStatus::Abandoned
    } else {
        MissionStatus::Complete
    };
    let session = ops::complete(&ctx.store, now, &Target::Active, status, Source::Cli)?;
    let verb = if args.abandon {
        "Abandoned"
    } else {
        "Completed"
    };
    Ok(Output::Text(format!(
        "{verb} session {} · {} ({})\n`tether report --session {}` shows how it went; `tether start TITLE` begins the next mission",
        session.id,
        clean(&session.mission.title),
        progress_phrase(session.progress()),
        session.id
    )))
}

/// `tether switch`.
pub fn switch(ctx: &Ctx, args: SwitchArgs) -> Result<Output> {
    let now = ctx.clock.now();
    let switched = ops::switch(&ctx.store, now, &args.id, Source::Cli)?;
    let session = ctx.store.session(&switched.id)?;
    let mut text = format!(
        "Switched to session {} · {}",
        session.id,
        clean(&session.mission.title)
    );
    if let Some(paused) = switched.paused {
        text.push_str(&format!("\nPaused session {paused}"));
    }
    Ok(Output::Text(text))
}
