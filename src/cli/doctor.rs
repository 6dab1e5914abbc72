//! `tether doctor`: check the store and the dashboard's settings; `--repair` keeps every
//! readable record.

use color_eyre::eyre::{Result, bail};

use super::DoctorArgs;
use super::out::Output;
use crate::Ctx;
use crate::config::ConfigError;
use crate::doctor::{Checkup, Problem, check, repair};

/// Runs `tether doctor`.
pub fn run(ctx: &Ctx, args: DoctorArgs) -> Result<Output> {
    let config = super::dashboard_problem(ctx);
    let mut checkup = check(&ctx.store)?;
    let folders = ctx.unsafe_folders.iter().map(|folder| Problem {
        path: folder.path.clone(),
        line: None,
        what: format!("the {} {}", folder.role, folder.why),
        repairable: false,
    });
    checkup.problems.splice(0..0, folders);
    let mut out = format!("Store: {}\n", ctx.store.root().display());
    out.push_str(&summary(&checkup, config.as_ref()));
    out.push_str(&unfollowed_hooks(ctx));
    out.push_str(&assistants(ctx));
    out.push_str(&spool_note(ctx));
    if checkup.problems.is_empty() {
        return verdict_on_config(ctx, out, config);
    }
    if let Err(folder) = ctx.refuse_unsafe() {
        let _ = Output::Text(out).print(ctx.color.cli);
        bail!("{folder}");
    }
    if !args.repair {
        let _ = Output::Text(out).print(ctx.color.cli);
        let fixable = checkup.problems.iter().any(|p| p.repairable);
        if fixable {
            bail!(
                "the store has damage: `tether doctor --repair` keeps every readable record and moves the rest aside"
            );
        }
        bail!("the store has problems that repair cannot fix (see above)");
    }
    for line in repair(&ctx.store, ctx.clock.now())? {
        out.push_str(&format!("repaired: {line}\n"));
    }
    let after = check(&ctx.store)?;
    if !after.problems.is_empty() {
        let _ = Output::Text(out).print(ctx.color.cli);
        bail!("{} problems remain after repair", after.problems.len());
    }
    out.push_str("The store is healthy now.\n");
    verdict_on_config(ctx, out, config)
}

/// With a healthy store, a bad dashboard setting is still a problem: the dashboard will
/// not open (repair cannot help; the config has to be edited).
fn verdict_on_config(ctx: &Ctx, out: String, config: Option<ConfigError>) -> Result<Output> {
    if config.is_none() {
        return Ok(Output::Text(out));
    }
    let _ = Output::Text(out).print(ctx.color.cli);
    bail!("the dashboard will not open until the config is fixed (commands still run)")
}

/// A note when records wait in the spool: left by hooks while another writer held the
/// store, they are logged by the next command that writes.
fn spool_note(ctx: &Ctx) -> String {
    match ctx.store.spooled() {
        Ok(waiting) if !waiting.is_empty() => format!(
            "note: {} in the spool ({}), left while another writer held the store; the next command that writes logs {}\n",
            crate::text::counted(waiting.len(), "record waits", "records wait"),
            ctx.store.spool_dir().display(),
            if waiting.len() == 1 { "it" } else { "them" },
        ),
        _ => String::new(),
    }
}

/// A note for each repository whose hook logs into this store but that no open session
/// follows: its commits are not logged.
fn unfollowed_hooks(ctx: &Ctx) -> String {
    let Ok(hooks) = ctx.store.hooks() else {
        return String::new();
    };
    let mut out = String::new();
    for repo in &hooks.repos {
        if let Ok(None) = crate::ops::session_following(&ctx.store, repo) {
            out.push_str(&format!(
                "note: no open session follows the hooked repository {}: its commits are not logged\n",
                repo.display()
            ));
        }
    }
    out
}

/// The coding assistants wired to this store (`agent install`), and a note when their
/// hooks had to do nothing.
fn assistants(ctx: &Ctx) -> String {
    let mut out = String::new();
    for install in ctx.store.agents().map(|a| a.installs).unwrap_or_default() {
        let files: Vec<String> = install
            .files
            .iter()
            .map(|f| f.path.display().to_string())
            .collect();
        out.push_str(&format!(
            "assistant: {} ({} scope, {}): {}\n",
            install.client,
            install.scope,
            install.dir.display(),
            files.join(", ")
        ));
    }
    let log = ctx.store.root().join(crate::agent::hook::LOG_FILE);
    if let Ok(text) = std::fs::read_to_string(&log)
        && let Some(last) = text.lines().last()
    {
        out.push_str(&format!(
            "note: an assistant's hook did nothing {} (the last: {}); all are in {}\n",
            crate::text::counted(text.lines().count(), "time", "times"),
            crate::sanitize::line(last),
            log.display()
        ));
    }
    out
}

fn summary(checkup: &Checkup, config: Option<&ConfigError>) -> String {
    let mut out = format!(
        "{} sessions, {} timeline records read\n",
        checkup.sessions, checkup.records
    );
    if checkup.problems.is_empty() && config.is_none() {
        out.push_str("No problems found.\n");
    }
    for p in &checkup.problems {
        let at = p.line.map_or_else(String::new, |l| format!(":{l}"));
        out.push_str(&format!("problem: {}{at}: {}\n", p.path.display(), p.what));
    }
    if let Some(problem) = config {
        out.push_str(&format!("problem: {problem}\n"));
    }
    out
}
