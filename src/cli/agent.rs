//! `tether agent install|uninstall|hook`: wiring coding assistants to tether.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use color_eyre::eyre::{Result, WrapErr, bail};

use super::out::{Output, warn};
use crate::Ctx;
use crate::agent::install::{self, Removed};
use crate::agent::plan::{FilePlan, Format};
use crate::agent::{Caller, Client, Event, Scope, claude, codex, gemini};
use crate::store::{AgentFile, AgentInstall};

/// `agent`.
#[derive(Debug, Subcommand)]
pub enum AgentCommand {
    /// Register tether's MCP server and hooks in an assistant's own settings, keeping every
    /// other byte of them.
    Install(AgentArgs),
    /// Remove exactly what `agent install` added.
    Uninstall(AgentArgs),
    /// Answer an assistant's hook (what the installed hooks run): the event's JSON on
    /// standard input, the answer on standard output. Never fails.
    Hook(HookArgs),
}

/// Which assistant, where.
#[derive(Debug, Args)]
pub struct AgentArgs {
    /// The assistant.
    #[arg(value_enum)]
    pub client: Client,
    /// The project's settings (in its folder) or yours (in your home folder).
    #[arg(long, value_enum, default_value_t)]
    pub scope: Scope,
    /// The project folder (the current one when not given); with --scope user, the home
    /// folder that holds the assistant's settings (yours when not given).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// `agent hook`.
#[derive(Debug, Args)]
pub struct HookArgs {
    /// The event: session-start (the briefing goes back) or prompt (it is logged).
    #[arg(value_enum)]
    pub event: Event,
    /// The assistant whose format the event and the answer are in.
    #[arg(long, value_enum)]
    pub client: Client,
}

/// Runs `tether agent install|uninstall` (the hook is answered before any setup, by
/// [`hook`]).
pub fn run(ctx: &Ctx, command: AgentCommand) -> Result<Output> {
    match command {
        AgentCommand::Install(args) => install(ctx, &args),
        AgentCommand::Uninstall(args) => uninstall(ctx, &args),
        AgentCommand::Hook(args) => Ok(Output::Script(hook(Some(ctx.home.clone()), &args))),
    }
}

/// Answers a hook; what to print. Never fails.
pub fn hook(home: Option<crate::home::Home>, args: &HookArgs) -> String {
    crate::agent::hook::run(home, args.event, args.client, std::io::stdin())
}

/// The folder the plan is made for: the project folder, or the home folder given.
fn folder(args: &AgentArgs) -> Result<Option<PathBuf>> {
    let dir = match (&args.dir, args.scope) {
        (Some(dir), _) => dir.clone(),
        (None, Scope::Project) => {
            std::env::current_dir().wrap_err("cannot tell the current folder")?
        }
        (None, Scope::User) => return Ok(None),
    };
    if !dir.is_dir() {
        bail!("{}: no such folder", dir.display());
    }
    Ok(Some(std::fs::canonicalize(&dir).unwrap_or(dir)))
}

fn plans(
    client: Client,
    scope: Scope,
    dir: Option<&Path>,
    caller: &Caller,
) -> Result<Vec<FilePlan>> {
    let plans = match client {
        Client::Claude => claude::plan(scope, dir, caller),
        Client::Codex => codex::plan(scope, dir, caller),
        Client::Gemini => gemini::plan(scope, dir, caller),
    };
    match plans {
        Some(plans) => Ok(plans),
        None => bail!("cannot find your home folder: give it with --dir DIR"),
    }
}

/// The folder recorded for an install: the project folder, or the home folder the user
/// scope's files are under.
fn record_dir(dir: Option<&Path>, plans: &[FilePlan]) -> PathBuf {
    match dir {
        Some(dir) => dir.to_path_buf(),
        None => plans[0]
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default(),
    }
}

fn install(ctx: &Ctx, args: &AgentArgs) -> Result<Output> {
    let exe = std::env::current_exe().wrap_err("cannot tell where the tether program is")?;
    let caller = Caller {
        exe,
        home: super::hook::explicit_home(ctx)?,
    };
    let dir = folder(args)?;
    let plans = plans(args.client, args.scope, dir.as_deref(), &caller)?;
    let where_ = record_dir(dir.as_deref(), &plans);
    let before = ctx.store.agents()?;
    let earlier = before
        .installs
        .iter()
        .find(|i| i.is(args.client.as_str(), args.scope.as_str(), &where_));
    // every file is checked before any is written: one that cannot be read stops them all
    for plan in &plans {
        let prior = earlier.and_then(|e| e.files.iter().find(|f| f.path == plan.path));
        install::check_file(plan, args.client, prior)?;
    }
    let mut record = AgentInstall {
        client: args.client.as_str().into(),
        scope: args.scope.as_str().into(),
        dir: where_,
        files: Vec::new(),
    };
    let mut text = String::new();
    for plan in &plans {
        let prior = earlier.and_then(|e| e.files.iter().find(|f| f.path == plan.path));
        let done = install::install_file(plan, args.client, prior)?;
        for warning in &done.warnings {
            warn(warning);
        }
        let verb = match (done.created, done.changed) {
            (true, _) => "Created",
            (false, true) => "Updated",
            (false, false) => "Already set",
        };
        text.push_str(&format!("{verb}: {}\n", plan.path.display()));
        if !done.record.added.is_empty() {
            record.files.push(done.record);
        }
        ctx.store.write(|w| w.set_agent(&record))?;
    }
    text.push_str(&format!(
        "{} now starts with the tether briefing of the session that follows its folder, and runs `tether mcp`\n",
        args.client.title()
    ));
    let notes = match args.client {
        Client::Claude => claude::notes(args.scope),
        Client::Codex => codex::notes(args.scope),
        Client::Gemini => gemini::notes(args.scope),
    };
    for line in notes {
        text.push_str(&format!("  {line}\n"));
    }
    Ok(Output::Text(text))
}

fn format_of(path: &Path) -> Format {
    match path.extension().and_then(|e| e.to_str()) {
        Some("toml") => Format::Toml,
        _ => Format::Json,
    }
}

fn uninstall(ctx: &Ctx, args: &AgentArgs) -> Result<Output> {
    let dir = folder(args)?;
    let caller = Caller {
        exe: PathBuf::from("tether"),
        home: None,
    };
    let plans = plans(args.client, args.scope, dir.as_deref(), &caller)?;
    let where_ = record_dir(dir.as_deref(), &plans);
    let agents = ctx.store.agents()?;
    let Some(found) = agents
        .installs
        .iter()
        .find(|i| i.is(args.client.as_str(), args.scope.as_str(), &where_))
    else {
        return Ok(Output::Text(format!(
            "{} was not installed here by tether ({}): nothing to remove\n",
            args.client.title(),
            where_.display()
        )));
    };
    let mut left: Vec<AgentFile> = Vec::new();
    let mut text = String::new();
    let mut failed = None;
    for file in &found.files {
        match install::uninstall_file(file, format_of(&file.path), args.client) {
            Ok(removed) => text.push_str(&match removed {
                Removed::Edited => {
                    format!("Removed tether's entries from {}\n", file.path.display())
                }
                Removed::Deleted => {
                    format!("Removed {} (tether had created it)\n", file.path.display())
                }
                Removed::Unchanged => {
                    format!("Nothing of tether's left in {}\n", file.path.display())
                }
                Removed::Missing => format!("{} is gone already\n", file.path.display()),
            }),
            Err(e) => {
                left.push(file.clone());
                failed.get_or_insert(e);
            }
        }
    }
    let record = AgentInstall {
        files: left,
        ..found.clone()
    };
    ctx.store.write(|w| w.set_agent(&record))?;
    if let Some(e) = failed {
        let _ = Output::Text(text).print(ctx.color.cli);
        return Err(e.into());
    }
    Ok(Output::Text(text))
}
