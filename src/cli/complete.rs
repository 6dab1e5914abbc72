//! Shell completion through clap's dynamic completion: the registration script
//! `tether completions SHELL` prints has the shell ask `tether` itself for candidates as
//! one types (`COMPLETE=bash tether -- tether switch ""`), so session ids complete, with
//! their missions as help.

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

use clap::builder::{StyledStr, ValueParser};
use clap::{Arg, Command, CommandFactory};
use clap_complete::CompleteEnv;
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};
use clap_complete::env::Shells;
use color_eyre::eyre::{Result, eyre};

use super::Cli;
use crate::home::{HOME_ENV, Home};
use crate::sanitize;
use crate::session::{MissionStatus, SessionId};
use crate::store::{Store, unsafe_folder};

/// The variable the registration scripts set to ask for candidates.
const VAR: &str = "COMPLETE";

/// The longest help shown next to a candidate.
const HELP_WIDTH: usize = 60;

/// Answers the shell and exits when it asks for candidates (`COMPLETE` is set); returns
/// at once otherwise. Called first thing, before anything is printed.
pub fn answer_if_asked() {
    CompleteEnv::with_factory(command).var(VAR).complete();
}

/// The command line's definition with every argument that takes a session id completing
/// them: open ones for `switch`, ended ones for `reopen`, none for `start` (it takes a new
/// id), every one elsewhere.
pub fn command() -> Command {
    attach(Cli::command())
}

/// The script that registers completions for `shell`, as `COMPLETE=SHELL tether` prints it.
pub fn registration(shell: clap_complete::Shell) -> Result<String> {
    let name = shell.to_string();
    let shells = Shells::builtins();
    let completer = shells
        .completer(&name)
        .ok_or_else(|| eyre!("no dynamic completion for {name}"))?;
    let mut script = Vec::new();
    completer.write_registration(VAR, "tether", "tether", &this_program(), &mut script)?;
    Ok(String::from_utf8(script)?)
}

/// How the shell calls this program back: as it was called (a name found on `PATH`), or by
/// its absolute path when it was called by a path.
fn this_program() -> String {
    let called = std::env::args_os()
        .next()
        .map_or_else(|| PathBuf::from("tether"), PathBuf::from);
    let path = match std::env::current_dir() {
        Ok(dir) if called.components().count() > 1 => dir.join(called),
        _ => called,
    };
    path.to_string_lossy().into_owned()
}

/// Which sessions an argument completes.
#[derive(Clone, Copy)]
enum Which {
    Open,
    Ended,
    All,
}

fn attach(command: Command) -> Command {
    let which = match command.get_name() {
        "start" => None,
        "switch" => Some(Which::Open),
        "reopen" => Some(Which::Ended),
        _ => Some(Which::All),
    };
    let command = command.mut_args(|arg| match which {
        Some(which) if takes_session_id(&arg) => {
            arg.add(ArgValueCompleter::new(move |current: &OsStr| {
                candidates(which, current)
            }))
        }
        _ => arg,
    });
    command.mut_subcommands(attach)
}

fn takes_session_id(arg: &Arg) -> bool {
    let session_id = ValueParser::new(|s: &str| s.parse::<SessionId>());
    arg.get_value_parser().type_id() == session_id.type_id()
}

/// The sessions that complete `current` (by their id, with or without its leading zeros),
/// open ones first, the newest first; none when the store cannot be read. Only the start of
/// each session's file is read.
fn candidates(which: Which, current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(store) = store() else {
        return Vec::new();
    };
    let current = current.to_string_lossy();
    let mut found = Vec::new();
    for id in store.session_ids().unwrap_or_default().into_iter().rev() {
        let unpadded = id.as_str().trim_start_matches('0');
        if !id.as_str().starts_with(current.as_ref()) && !unpadded.starts_with(current.as_ref()) {
            continue;
        }
        let Ok(head) = store.session_head(&id) else {
            continue;
        };
        let status = head.mission.status;
        let wanted = match which {
            Which::Open => !status.is_ended(),
            Which::Ended => status.is_ended(),
            Which::All => true,
        };
        if wanted {
            let help = format!("{} ({})", head.mission.title, status.as_str());
            let help = sanitize::truncate(&sanitize::line(&help), HELP_WIDTH);
            found.push((status, id, help));
        }
    }
    found.sort_by_key(|(status, ..)| match status {
        MissionStatus::Active => 0,
        MissionStatus::Paused => 1,
        _ => 2,
    });
    found
        .into_iter()
        .map(|(_, id, help)| {
            CompletionCandidate::new(id.as_str()).help(Some(StyledStr::from(help)))
        })
        .collect()
}

/// The store the command being completed would use (`--home` on its line, else
/// `TETHER_HOME`, else the platform's); none when its folder is one another user could
/// write to, which every command refuses too.
fn store() -> Option<Store> {
    let home =
        Home::resolve(home_on_the_line().or_else(|| std::env::var_os(HOME_ENV).map(PathBuf::from)))
            .ok()?;
    if unsafe_folder(&home.data_dir, "data folder").is_some() {
        return None;
    }
    Some(Store::new(home.data_dir))
}

/// The `--home DIR` of the command line being completed (after the `--` the registration
/// scripts put before it), if it has one.
fn home_on_the_line() -> Option<PathBuf> {
    let words: Vec<OsString> = std::env::args_os().skip_while(|w| w != "--").collect();
    let mut found = None;
    for (i, word) in words.iter().enumerate() {
        let text = word.to_string_lossy();
        if text == "--home" {
            found = words.get(i + 1).map(PathBuf::from);
        } else if let Some(dir) = text.strip_prefix("--home=") {
            found = Some(PathBuf::from(dir));
        }
    }
    found.filter(|dir| !dir.as_os_str().is_empty())
}
