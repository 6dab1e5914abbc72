//! `tether rename` and `tether workspace`: the session's own fields, changed as records
//! of its timeline (ended missions too).

use std::path::PathBuf;

use clap::Args;
use color_eyre::eyre::Result;

use super::out::{Output, clean};
use super::write::apply;
use crate::Ctx;
use crate::ops::{Change, Outcome, Target};
use crate::record::SessionField;
use crate::session::{SessionId, Source};

/// `rename`.
#[derive(Debug, Args)]
#[command(group(
    clap::ArgGroup::new("what").required(true).multiple(true).args(["title", "description"])
))]
pub struct RenameArgs {
    /// The session; the active one when not given.
    #[arg(long, value_name = "ID")]
    pub session: Option<SessionId>,
    /// A new description of the mission; --description "" clears it.
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// The mission's new title.
    #[arg(value_name = "TITLE")]
    pub title: Vec<String>,
}

/// `workspace`.
#[derive(Debug, Args)]
#[command(group(
    clap::ArgGroup::new("where").required(true).args(["dir", "none"])
))]
pub struct WorkspaceArgs {
    /// The session; the active one when not given.
    #[arg(long, value_name = "ID")]
    pub session: Option<SessionId>,
    /// Follow no folder any more.
    #[arg(long)]
    pub none: bool,
    /// The folder to follow (its git state, and the commits and assistants working in it).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// `tether rename`.
pub fn rename(ctx: &Ctx, args: RenameArgs) -> Result<Output> {
    let mut fields = Vec::new();
    if !args.title.is_empty() {
        fields.push(SessionField::Title(args.title.join(" ")));
    }
    if let Some(text) = args.description {
        fields.push(SessionField::Description(Some(text)));
    }
    set(ctx, args.session, fields)
}

/// `tether workspace`.
pub fn workspace(ctx: &Ctx, args: WorkspaceArgs) -> Result<Output> {
    let dir = if args.none { None } else { args.dir };
    set(ctx, args.session, vec![SessionField::Workspace(dir)])
}

/// Sets the fields of the session named (or the active one) and says what changed.
fn set(ctx: &Ctx, session: Option<SessionId>, fields: Vec<SessionField>) -> Result<Output> {
    let session = session.map_or(Target::Active, Target::Session);
    let applied = apply(ctx, Source::Cli, Change::SetSession { session, fields })?;
    let Outcome::SessionSet { changed } = applied.outcome else {
        unreachable!("setting the session's fields sets them")
    };
    let id = &applied.session;
    if changed.is_empty() {
        return Ok(Output::Text(format!(
            "Nothing to change: session {id} already reads so"
        )));
    }
    let lines: Vec<String> = changed
        .iter()
        .map(|(before, after)| said(id, before, after))
        .collect();
    Ok(Output::Text(lines.join("\n")))
}

/// One field changed, in words.
fn said(id: &SessionId, before: &SessionField, after: &SessionField) -> String {
    let path = |dir: &PathBuf| clean(&dir.display().to_string()).into_owned();
    match (before, after) {
        (SessionField::Title(was), SessionField::Title(now)) => format!(
            "Renamed session {id} · {} (it was {})",
            clean(now),
            clean(was)
        ),
        (_, SessionField::Description(Some(text))) => {
            format!("Described session {id}: {}", clean(text))
        }
        (_, SessionField::Description(None)) => {
            format!("Cleared the description of session {id}")
        }
        (_, SessionField::Workspace(Some(dir))) => {
            format!("Session {id} follows {} now", path(dir))
        }
        (SessionField::Workspace(Some(was)), SessionField::Workspace(None)) => {
            format!(
                "Session {id} follows no folder now (it followed {})",
                path(was)
            )
        }
        _ => format!("Session {id} follows no folder now"),
    }
}
