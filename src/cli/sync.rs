//! `tether sync`: the store followed across machines through a git remote.

use std::fmt::Write as _;

use clap::{Args, Subcommand};
use color_eyre::eyre::Result;

use super::out::{Output, warn};
use crate::Ctx;
use crate::duration::human_delta;
use crate::sync::{self, Synced};

/// `sync`.
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// What to do; a sync when not given.
    #[command(subcommand)]
    pub command: Option<SyncCommand>,
    /// Run as the background sync `sync = "auto"` starts: wait for writes to settle, then
    /// sync, writing what happened to sync.log.
    #[arg(long, hide = true)]
    pub background: bool,
}

/// `sync` subcommands.
#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Make the data folder a git repository synced with REMOTE (a URL, an ssh address or
    /// a path), or join the store another machine keeps there.
    Init {
        /// The remote: a private repository, a bare repository over ssh, a shared folder.
        remote: String,
    },
    /// Where this machine stands: ahead, behind, the last sync, this device's name.
    Status,
}

/// `tether sync`.
pub fn run(ctx: &Ctx, args: SyncArgs) -> Result<Output> {
    let now = ctx.clock.now();
    match args.command {
        Some(SyncCommand::Init { remote }) => {
            if sync::is_hosted(&remote) {
                warn(&format!(
                    "{remote} is on another machine: it will hold your notes (missions, everything logged) as they are; keep that repository private"
                ));
            }
            let (backup, synced) = sync::init(&ctx.store, &remote, now)?;
            let mut text = String::new();
            if let Some(backup) = backup {
                let _ = writeln!(text, "A copy of the store as it was: {}", backup.display());
            }
            let _ = writeln!(text, "Synced with {}.", synced.remote);
            told(&mut text, &synced);
            Ok(Output::Text(text))
        }
        Some(SyncCommand::Status) => status(ctx),
        None if args.background => {
            crate::sync::auto::run_in_background(ctx);
            Ok(Output::Written)
        }
        None => {
            let synced = sync::sync(&ctx.store, now)?;
            let mut text = String::new();
            let what = match (synced.sent, synced.merged.received) {
                (true, true) => "sent this machine's records and merged the others'",
                (true, false) => "sent this machine's records",
                (false, true) => "merged the records of other machines",
                (false, false) => "already up to date",
            };
            let _ = writeln!(text, "Synced with {}: {what}.", synced.remote);
            told(&mut text, &synced);
            Ok(Output::Text(text))
        }
    }
}

/// Tells, once, what the merge changed for the person.
fn told(text: &mut String, synced: &Synced) {
    for line in sync::told(synced) {
        let _ = writeln!(text, "{line}");
    }
}

/// `tether sync status`.
fn status(ctx: &Ctx) -> Result<Output> {
    let status = sync::status(&ctx.store)?;
    let now = ctx.clock.now();
    let mut text = String::new();
    let _ = writeln!(text, "This device: {}", status.device);
    let _ = writeln!(text, "Remote: {}", status.remote);
    let last = match status.state.last {
        Some(at) => format!("{} ago", human_delta(now - at)),
        None => "never".to_string(),
    };
    let _ = writeln!(text, "Last sync: {last}");
    let _ = writeln!(
        text,
        "Ahead: {} · behind: {} (as of the last fetch){}",
        status.ahead,
        status.behind,
        if status.unsent {
            " · records written since the last sync"
        } else {
            ""
        }
    );
    if let Some(failed) = &status.state.failed {
        let _ = writeln!(text, "The last attempt failed: {failed}");
    }
    Ok(Output::Text(text))
}
