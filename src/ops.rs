//! What a person or a program can do to the store. Every change is a [`Change`] value with
//! named fields; [`apply`] makes it and returns its typed [`Outcome`] and the change that
//! takes it back. The command line, the dashboard and undo all go through it, so logging
//! from any of them is one code path.
//!
//! Each change validates its input first, then makes its change in one [`Store::write`]:
//! under the lock, from what is on disk, validated again there before the first byte is
//! written.

mod apply;
mod change;
mod ending;
mod import;
mod lifecycle;
mod log;
mod place;
mod plan;
mod read;
mod restore;
mod session_edit;
mod timeline_edit;

use chrono::{DateTime, Utc};

pub use apply::apply;
pub use change::{Applied, Change, Outcome};
pub use ending::MAX_SNAPSHOTS;
pub use import::{ImportRequest, Imported, import};
pub use lifecycle::StartRequest;
pub use log::{
    ByActivity, Entry, Logged, NO_WAIT, WithLatest, latest_interaction, log_without_waiting,
    sessions_by_activity,
};
pub use place::session_following;
pub use plan::Pick;
pub use read::{agent_briefing, stats};
pub use restore::{RestoreError, Restored, SessionRestored, restore};
pub use timeline_edit::InteractionEdit;

use crate::hint::{Hint, Hinted};
use crate::record::Record;
use crate::session::{
    Interaction, Kind, MAX_NUMBER, MAX_TEXT_BYTES, Mission, Session, SessionId, Source,
};
use crate::store::{Store, StoreError, Writer};

/// Why an operation was refused. The store is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum OpError {
    /// The store refused.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The text is empty.
    #[error("the {0} is empty")]
    EmptyText(&'static str),
    /// The text is larger than a note may be.
    #[error("the {what} is {bytes} bytes, over the limit of {MAX_TEXT_BYTES}")]
    TooLong {
        /// What text.
        what: &'static str,
        /// Its size.
        bytes: usize,
    },
    /// A step number that does not exist.
    #[error("there is no step {n}: {}", step_numbers(.numbers))]
    NoSuchStep {
        /// The number given.
        n: u32,
        /// The numbers the session's steps have.
        numbers: Vec<u32>,
    },
    /// An item id that does not exist (edited or deleted elsewhere).
    #[error("that {0} no longer exists (it was changed by another process)")]
    Gone(&'static str),
    /// The mission has ended; its session takes no more work.
    #[error("session {0} has ended ({1})")]
    Ended(SessionId, &'static str),
    /// Only an ended mission can be reopened.
    #[error("session {0} has not ended ({1})")]
    NotEnded(SessionId, &'static str),
    /// No open session follows a folder.
    #[error("no open session follows {}", .0.display())]
    Unfollowed(std::path::PathBuf),
    /// A workspace that is no folder (missing, or a file).
    #[error("{} is not a folder", .0.display())]
    NotAFolder(std::path::PathBuf),
    /// A time after now, where only the past makes sense.
    #[error("{} is in the future: give a past time", .0.format("%Y-%m-%d %H:%M:%S UTC"))]
    Future(DateTime<Utc>),
    /// A time outside the range tether keeps.
    #[error(transparent)]
    OutOfRange(#[from] crate::time_range::OutOfRange),
    /// The next session number would be past the largest.
    #[error(
        "session numbers end at {MAX_NUMBER}, which is taken: give an id with --session (a free number, or one with a letter, like {MAX_NUMBER}B)"
    )]
    NoNumberLeft,
    /// A folder whose name is not in canonical form holds the number asked for.
    #[error(
        "session {id} would share its number with the folder sessions/{folder}, whose name is not in canonical form"
    )]
    NumberTaken {
        /// The id asked for.
        id: SessionId,
        /// The folder's name.
        folder: String,
    },
}

impl Hinted for OpError {
    fn hint(&self) -> Option<Hint> {
        match self {
            OpError::Store(e) => e.hint(),
            OpError::EmptyText(what) => Some(Hint::Say(what)),
            OpError::TooLong { .. } => Some(Hint::Shorten),
            OpError::NoSuchStep { .. } => Some(Hint::ListSteps),
            OpError::Gone(_) => None,
            OpError::Ended(..) => Some(Hint::NextMission),
            OpError::Unfollowed(dir) => Some(Hint::FollowHere(dir.clone())),
            OpError::NotAFolder(_) | OpError::Future(_) | OpError::OutOfRange(_) => None,
            OpError::NotEnded(id, _) => Some(Hint::SwitchTo(id.clone())),
            OpError::NoNumberLeft => None,
            OpError::NumberTaken { .. } => Some(Hint::Doctor),
        }
    }
}

/// `the steps are 1, 2 and 4`, or `the session has none`.
fn step_numbers(numbers: &[u32]) -> String {
    match numbers {
        [] => "the session has no steps".to_string(),
        [one] => format!("the session's only step is {one}"),
        [rest @ .., last] => {
            let rest: Vec<String> = rest.iter().map(u32::to_string).collect();
            format!("the steps are {} and {last}", rest.join(", "))
        }
    }
}

/// An operation's result.
pub type Result<T, E = OpError> = std::result::Result<T, E>;

/// Checks user text: not blank, not too large. Returns it trimmed at the ends.
pub fn check_text(what: &'static str, text: &str) -> Result<String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(OpError::EmptyText(what));
    }
    if trimmed.len() > MAX_TEXT_BYTES {
        return Err(OpError::TooLong {
            what,
            bytes: trimmed.len(),
        });
    }
    Ok(trimmed.to_string())
}

/// An optional text (a rationale): blank means none.
fn check_optional(what: &'static str, text: Option<&str>) -> Result<Option<String>> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => check_text(what, t).map(Some),
        None => Ok(None),
    }
}

/// Which session an operation works on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Target {
    /// The active session.
    #[default]
    Active,
    /// A named session.
    Session(SessionId),
    /// The open session that follows a folder (see [`session_following`]).
    Following(std::path::PathBuf),
}

impl Target {
    /// The session id, reading the state when it is the active one.
    pub fn resolve(&self, store: &Store) -> Result<SessionId> {
        match self {
            Target::Active => Ok(store.active()?),
            Target::Session(id) => Ok(id.clone()),
            Target::Following(dir) => {
                session_following(store, dir)?.ok_or_else(|| OpError::Unfollowed(dir.clone()))
            }
        }
    }
}

impl From<SessionId> for Target {
    fn from(id: SessionId) -> Self {
        Target::Session(id)
    }
}

/// A new interaction with a fresh id.
fn interaction(at: DateTime<Utc>, kind: Kind, source: Source, text: String) -> Interaction {
    Interaction {
        id: crate::id::new(),
        at,
        kind,
        source,
        text,
        head: None,
        branch: None,
    }
}

/// Checks, without the lock, that `target` names a session that can take work, so that a
/// refused change writes nothing at all (not even the lock file in a fresh store). The
/// check is made again under the lock: once the lock file exists, taking the lock writes
/// nothing and the check is left to then.
fn precheck(store: &Store, target: &Target) -> Result<()> {
    if std::fs::symlink_metadata(store.lock_path()).is_ok_and(|m| m.is_file()) {
        return Ok(());
    }
    let id = target.resolve(store)?;
    let head = store.session_head(&id)?;
    ensure_open_mission(&head.id, &head.mission)
}

/// Refuses work on a session whose mission has ended.
fn ensure_open(session: &Session) -> Result<()> {
    ensure_open_mission(&session.id, &session.mission)
}

/// Refuses work on session `id` when its `mission` has ended.
fn ensure_open_mission(id: &SessionId, mission: &Mission) -> Result<()> {
    if mission.status.is_ended() {
        return Err(OpError::Ended(id.clone(), mission.status.as_str()));
    }
    Ok(())
}

/// A line for the timeline describing a change: its kind and text.
type Note = Option<(Kind, String)>;

/// Changes one open session: checks the target first, then under the lock reads the
/// session from disk, applies `change`, replaces it and logs the change's note (if any) as
/// an interaction at `now`. Returns the session's id and what `change` returned.
fn edit_session<T>(
    store: &Store,
    now: DateTime<Utc>,
    target: &Target,
    source: Source,
    change: impl FnOnce(&mut Session) -> Result<(T, Note)>,
) -> Result<(SessionId, T)> {
    precheck(store, target)?;
    store.write(|w| {
        let id = target.resolve(w.store())?;
        let out = change_session(w, &id, now, source, change)?;
        Ok((id, out))
    })
}

/// Reads, changes and replaces one session under the held lock, then logs the change's
/// note (if any) as an interaction at `now`. A change that leaves the session as it was
/// (a step already done marked done) writes nothing.
fn change_session<T>(
    w: &mut Writer<'_>,
    id: &SessionId,
    now: DateTime<Utc>,
    source: Source,
    change: impl FnOnce(&mut Session) -> Result<(T, Note)>,
) -> Result<T> {
    let before = w.session(id)?;
    ensure_open(&before)?;
    let mut session = before.clone();
    let (out, note) = change(&mut session)?;
    if session != before {
        w.put_session(&session, now)?;
    }
    if let Some((kind, text)) = note {
        w.append(
            id,
            &[Record::Interaction(interaction(now, kind, source, text))],
        )?;
    }
    Ok(out)
}
