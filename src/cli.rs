//! The command line: one function per subcommand (their words are in `args`).

mod agent;
mod args;
pub mod complete;
mod doctor;
mod edit;
mod export;
mod hint;
mod hook;
pub mod hot;
mod import;
mod journal;
mod life;
mod missions;
mod out;
pub mod paint;
mod rename;
mod report;
mod restore;
mod resume;
mod search;
mod stats;
mod status;
mod sync;
mod write;

use color_eyre::eyre::Result;

pub use agent::{AgentCommand, hook as agent_hook};
pub use args::*;
pub use edit::{DeleteArgs, EditArgs};
pub use hint::explain;
pub use missions::{MissionsArgs, StatusFilter};
pub use out::{Output, PartialAnswer, print_what_was_read, warn};
pub use rename::{RenameArgs, WorkspaceArgs};
pub use search::SearchArgs;

use crate::Ctx;
use crate::session::SessionId;
use crate::store::{LoadedSession, Store};

/// Runs one subcommand and returns what it prints on stdout. A bad dashboard setting is
/// only a warning here (doctor reports it as a problem): commands and hooks never stop
/// for one. A data or config folder another user could write to stops every command
/// that reads or writes the store but `doctor`, which reports it.
pub fn run(ctx: &Ctx, command: Command) -> Result<Output> {
    let bar = matches!(&command, Command::Status(args) if args.format == StatusFormat::Tmux);
    match run_checked(ctx, command) {
        // a status bar shows stdout alone: a short line there says something is wrong
        Err(report) if bar => Err(status::unreadable(report)),
        other => other,
    }
}

/// Runs one subcommand once the store is known safe to use.
fn run_checked(ctx: &Ctx, command: Command) -> Result<Output> {
    if !matches!(
        command,
        Command::Doctor(_) | Command::Completions { .. } | Command::Man
    ) {
        ctx.refuse_unsafe()?;
    }
    if !matches!(command, Command::Doctor(_))
        && let Some(problem) = dashboard_problem(ctx)
    {
        out::warn(&problem.to_string());
    }
    let writes = matches!(
        command,
        Command::Start(_)
            | Command::Log(_)
            | Command::Step(_)
            | Command::Decide(_)
            | Command::Freeze
            | Command::Complete(_)
            | Command::Switch(_)
            | Command::Reopen(_)
            | Command::Rename(_)
            | Command::Workspace(_)
            | Command::Edit(_)
            | Command::Delete(_)
            | Command::Import(_)
    );
    if read_by_a_person(&command) {
        for line in crate::sync::auto::take_untold(ctx) {
            out::note(&line);
        }
    }
    let output = dispatch(ctx, command)?;
    if writes {
        crate::sync::auto::request(ctx);
    }
    Ok(output)
}

/// Whether what a command says on stderr reaches a person: not a tmux status line's, an
/// assistant's, a background sync's or the shell's (completions), which would swallow
/// what a background sync has to tell.
fn read_by_a_person(command: &Command) -> bool {
    match command {
        Command::Status(args) => args.format != StatusFormat::Tmux,
        Command::Sync(args) => !args.background,
        Command::Agent(_) | Command::Mcp | Command::Completions { .. } | Command::Man => false,
        _ => true,
    }
}

/// Runs one subcommand.
fn dispatch(ctx: &Ctx, command: Command) -> Result<Output> {
    match command {
        Command::Start(args) => life::start(ctx, args),
        Command::Log(args) => write::log(ctx, args),
        Command::Step(step) => write::step(ctx, step),
        Command::Decide(args) => write::decide(ctx, args),
        Command::Freeze => write::freeze(ctx),
        Command::Complete(args) => life::complete(ctx, args),
        Command::Switch(args) => life::switch(ctx, args),
        Command::Resume(args) => resume::run(ctx, args),
        Command::Reopen(args) => life::reopen(ctx, args),
        Command::Rename(args) => rename::rename(ctx, args),
        Command::Workspace(args) => rename::workspace(ctx, args),
        Command::Edit(args) => edit::edit(ctx, args),
        Command::Delete(args) => edit::delete(ctx, args),
        Command::Status(args) => status::run(ctx, args.format),
        Command::Report(args) => report::run(ctx, args),
        Command::Missions(args) => missions::run(ctx, args),
        Command::Journal(args) => journal::run(ctx, args),
        Command::Export(args) => export::run(ctx, args),
        Command::Stats(args) => stats::run(ctx, args.format),
        Command::Search(args) => search::run(ctx, args),
        Command::Doctor(args) => doctor::run(ctx, args),
        Command::Mcp => crate::mcp::serve(ctx.clone()).map(|()| Output::Script(String::new())),
        Command::Import(args) => import::run(ctx, args),
        Command::Hook(command) => hook::run(ctx, command),
        Command::Agent(command) => agent::run(ctx, command),
        Command::Sync(args) => sync::run(ctx, args),
        Command::Completions { shell } => completions(shell),
        Command::Man => man(),
    }
}

/// Reads the dashboard's settings (the theme, colours and keys are read only when the
/// config sets them, so the default config adds no work): what is ignored is warned about,
/// and a bad setting, which the dashboard would refuse, is returned.
fn dashboard_problem(ctx: &Ctx) -> Option<crate::config::ConfigError> {
    match crate::tui::settings::check(&ctx.config) {
        Ok(warnings) => {
            for warning in &warnings {
                out::warn(warning);
            }
            None
        }
        Err(problem) => Some(problem),
    }
}

/// The script that registers shell completions: the shell then asks `tether` for
/// candidates as one types (see [`complete`]).
fn completions(shell: clap_complete::Shell) -> Result<Output> {
    Ok(Output::Script(complete::registration(shell)?))
}

/// The man page, generated from the clap definitions.
fn man() -> Result<Output> {
    let mut page = Vec::new();
    clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut page)?;
    Ok(Output::Script(String::from_utf8(page)?))
}

/// A session read whole; warns on stderr about an incomplete last line (a write in
/// progress, or torn by a crash).
pub fn load(store: &Store, id: &SessionId) -> Result<LoadedSession> {
    let loaded = store.load_session(id)?;
    if let Some(bytes) = loaded.torn_tail {
        warn_torn(store, id, bytes);
    }
    Ok(loaded)
}

/// Warns that session `id`'s timeline ends in an incomplete line of `bytes`, skipped.
fn warn_torn(store: &Store, id: &SessionId, bytes: usize) {
    out::warn(&format!(
        "{}: skipped an incomplete last line ({bytes} bytes): a write in progress, or cut by a crash; the next write moves it aside",
        store.timeline_path(id).display()
    ));
}

/// The summary of a session's timeline (see [`Store::summary`]; `frozen` is what it counts
/// the interactions after, any when `None`), an incomplete last line warned about as
/// [`load`] does.
pub fn summarize(
    store: &Store,
    id: &SessionId,
    threshold: chrono::TimeDelta,
    frozen: Option<Option<chrono::DateTime<chrono::Utc>>>,
) -> Result<crate::timeline::Summary> {
    let summarized = store.summary(id, threshold, frozen)?;
    if let Some(bytes) = summarized.torn_tail {
        warn_torn(store, id, bytes);
    }
    Ok(summarized.summary)
}

/// The session named, or the active one.
pub fn target_id(store: &Store, session: Option<SessionId>) -> Result<SessionId> {
    match session {
        Some(id) => Ok(id),
        None => Ok(store.active()?),
    }
}
