//! `tether hook install|uninstall`: the git post-commit hook.

use std::path::{Path, PathBuf};

use color_eyre::eyre::{Result, WrapErr};

use super::out::{Output, clean, warn};
use super::{HookArgs, HookCommand};
use crate::Ctx;
use crate::hook::{self, CHAINED, Caller, Installed, Uninstalled};

/// Runs `tether hook`.
pub fn run(ctx: &Ctx, command: HookCommand) -> Result<Output> {
    let text = match command {
        HookCommand::Install(args) => install(ctx, &repo(&args)?)?,
        HookCommand::Uninstall(args) => uninstall(ctx, &repo(&args)?)?,
    };
    Ok(Output::Text(text))
}

/// The repository folder: `--repo`, or the current folder.
fn repo(args: &HookArgs) -> Result<PathBuf> {
    match &args.repo {
        Some(dir) => Ok(dir.clone()),
        None => std::env::current_dir().wrap_err("cannot tell the current folder"),
    }
}

fn install(ctx: &Ctx, repo: &Path) -> Result<String> {
    let exe = std::env::current_exe().wrap_err("cannot tell where the tether program is")?;
    let caller = Caller {
        exe,
        home: explicit_home(ctx)?,
    };
    let installed = hook::install(repo, &caller)?;
    let repo = canonical(repo);
    let created = match &installed {
        Installed::New { created, .. } => created.clone(),
        _ => None,
    };
    ctx.store
        .write(|w| w.set_hooked(&repo, true, created.as_deref()))?;
    let mut into = "the open session that follows this repository".to_string();
    if let Some(home) = &caller.home {
        into.push_str(&format!(" in {}", home.display()));
    }
    let follower = crate::ops::session_following(&ctx.store, &repo)?;
    let mut text = match installed {
        Installed::New { hook, chained, .. } => {
            let mut text = format!(
                "Installed the post-commit hook {}: each commit is logged into {into}\n",
                hook.display()
            );
            if chained {
                text.push_str(&format!(
                    "The hook that was there runs first, from {CHAINED}; `tether hook uninstall` puts it back\n"
                ));
            }
            text
        }
        Installed::Updated { hook } => format!(
            "Updated the post-commit hook {}: each commit is logged into {into}\n",
            hook.display()
        ),
        Installed::Already { hook } => format!(
            "The post-commit hook is already installed: {}\n",
            hook.display()
        ),
    };
    match follower {
        Some(id) => {
            let title = ctx.store.session_head(&id)?.mission.title;
            text.push_str(&format!("It follows session {id} · {}\n", clean(&title)));
        }
        None => warn(&format!(
            "no open session follows {}: its commits are not logged until one does (`tether start --workspace {} TITLE`)",
            repo.display(),
            repo.display()
        )),
    }
    Ok(text)
}

/// A repository's folder as it is recorded: absolute, links resolved.
fn canonical(repo: &Path) -> PathBuf {
    std::fs::canonicalize(repo)
        .or_else(|_| std::path::absolute(repo))
        .unwrap_or_else(|_| repo.to_path_buf())
}

fn uninstall(ctx: &Ctx, repo: &Path) -> Result<String> {
    let created: Vec<PathBuf> = ctx.store.hooks()?.created.into_iter().collect();
    let dir = hook::hooks_dir(repo)?;
    let uninstalled = hook::uninstall(repo, &created)?;
    if ctx.store.hooks_path().exists() {
        let gone = (!dir.exists()).then_some(dir.as_path());
        ctx.store
            .write(|w| w.set_hooked(&canonical(repo), false, gone))?;
    }
    Ok(match uninstalled {
        Uninstalled::Removed { hook, restored } => {
            let mut text = format!("Removed the post-commit hook {}\n", hook.display());
            if restored {
                text.push_str("The hook that was there before is back in its place\n");
            }
            text
        }
        Uninstalled::RestoredOnly { hook } => format!(
            "tether's hook was already gone; moved the hook it chained back to {}\n",
            hook.display()
        ),
        Uninstalled::Foreign { hook } => format!(
            "The post-commit hook {} is not tether's: left it alone\n",
            hook.display()
        ),
        Uninstalled::Absent { hook } => {
            format!("No post-commit hook to remove at {}\n", hook.display())
        }
    })
}

/// The home to embed in the hook: the data folder, as an absolute path, when `--home` or
/// `TETHER_HOME` chose it (the default folders need no embedding).
pub(super) fn explicit_home(ctx: &Ctx) -> Result<Option<PathBuf>> {
    let default = crate::home::Home::resolve(None).ok();
    if default.as_ref() == Some(&ctx.home) {
        return Ok(None);
    }
    let dir = &ctx.home.data_dir;
    Ok(Some(std::path::absolute(dir).wrap_err_with(|| {
        format!("cannot tell the full path of {}", dir.display())
    })?))
}
