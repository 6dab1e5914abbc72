//! What a person or a program can do to the store. The CLI and the dashboard both call
//! these functions, so logging from either is one code path.
//!
//! Each operation validates its input first, then makes its change in one [`Store::write`]:
//! under the lock, from what is on disk, validated again there before the first byte is
//! written.

mod import;
mod lifecycle;
mod plan;
mod timeline_edit;

use chrono::{DateTime, TimeDelta, Utc};
use ulid::Ulid;

pub use import::{ImportRequest, Imported, import};
pub use lifecycle::{
    MAX_SNAPSHOTS, StartRequest, Started, capture_workspace, complete, freeze, start, switch,
};
pub use plan::{
    Pick, add_step, decide, delete_decision, delete_step, edit_decision, edit_step,
    restore_decision, restore_step, set_step_done,
};
pub use timeline_edit::{delete_interaction, edit_interaction, restore_interaction};

use crate::record::Record;
use crate::session::{Interaction, Kind, MAX_TEXT_BYTES, Mission, Session, SessionId, Source};
use crate::store::{AppendOutcome, Store, StoreError, Writer};

/// Why an operation was refused. The store is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum OpError {
    /// The store refused.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The text is empty.
    #[error("the {0} is empty: say what happened, e.g. tether log \"Reviewed the fix plan\"")]
    EmptyText(&'static str),
    /// The text is larger than a note may be.
    #[error(
        "the {what} is {bytes} bytes, over the limit of {MAX_TEXT_BYTES}: shorten it, or keep large text in a file and log its path"
    )]
    TooLong {
        /// What text.
        what: &'static str,
        /// Its size.
        bytes: usize,
    },
    /// A step number that does not exist.
    #[error("there is no step {n}: the session has {len} (`tether step list` numbers them)")]
    NoSuchStep {
        /// The number given.
        n: usize,
        /// How many steps there are.
        len: usize,
    },
    /// An item id that does not exist (edited or deleted elsewhere).
    #[error("that {0} no longer exists (it was changed by another process)")]
    Gone(&'static str),
    /// The mission has ended; its session takes no more work.
    #[error("session {0} has ended ({1}): start a new mission with `tether start TITLE`")]
    Ended(SessionId, &'static str),
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
}

impl Target {
    /// The session id, reading the state when it is the active one.
    pub fn resolve(&self, store: &Store) -> Result<SessionId, StoreError> {
        match self {
            Target::Active => store.active(),
            Target::Session(id) => Ok(id.clone()),
        }
    }
}

/// A new interaction to log.
#[derive(Clone, Debug)]
pub struct Entry {
    /// When it happened; now when not given.
    pub at: Option<DateTime<Utc>>,
    /// What it records.
    pub kind: Kind,
    /// Who records it.
    pub source: Source,
    /// The user's words.
    pub text: String,
}

/// What logging did.
#[derive(Clone, Debug)]
pub struct Logged {
    /// The session it went to.
    pub session: SessionId,
    /// The interaction as stored.
    pub interaction: Interaction,
    /// The silence since the latest interaction before it, if there was one.
    pub since_last: Option<TimeDelta>,
    /// What the append did besides appending.
    pub outcome: AppendOutcome,
    /// True when it was a commit already logged (a retried hook): nothing was written.
    pub duplicate: bool,
}

/// Logs one interaction: an O(1) append to the session's timeline. The workspace's commit
/// is recorded with it (read from the repository's files, no process). A commit already
/// among the recent interactions is not logged twice.
pub fn log(store: &Store, now: DateTime<Utc>, target: &Target, entry: Entry) -> Result<Logged> {
    let text = check_text("text", &entry.text)?;
    precheck(store, target)?;
    store.write(|w| {
        let id = target.resolve(w.store())?;
        // The head only: a log reads nothing whose size grows with the session's history.
        let session = w.store().session_head(&id)?;
        ensure_open_mission(&session.id, &session.mission)?;
        let recent = recent_interactions(w.store(), &id)?;
        let last = recent.iter().map(|i| i.at).max();
        let mut interaction = interaction(entry.at.unwrap_or(now), entry.kind, entry.source, text);
        let repeated = recent
            .iter()
            .find(|i| i.kind == Kind::Commit && i.text == interaction.text);
        if let Some(earlier) = repeated.filter(|_| entry.kind == Kind::Commit) {
            return Ok(Logged {
                session: id,
                interaction: earlier.clone(),
                since_last: None,
                outcome: AppendOutcome::default(),
                duplicate: true,
            });
        }
        interaction.head = session
            .workspace
            .as_deref()
            .and_then(crate::reality::read_head)
            .and_then(|head| head.commit);
        let outcome = w.append(&id, &[Record::Interaction(interaction.clone())])?;
        Ok(Logged {
            session: id,
            // a clock set back, or a time given with --at: a silence is never negative
            since_last: last.map(|last| (interaction.at - last).max(TimeDelta::zero())),
            interaction,
            outcome,
            duplicate: false,
        })
    })
}

/// The interactions at the end of the timeline, read in O(1) of its size.
fn recent_interactions(store: &Store, id: &SessionId) -> Result<Vec<Interaction>, StoreError> {
    Ok(store
        .recent(id)?
        .into_iter()
        .filter_map(|r| match r {
            Record::Interaction(i) => Some(i),
            Record::Amend(_) => None,
        })
        .collect())
}

/// The time of the latest interaction, read from the end of the timeline in O(1).
pub fn latest_interaction(
    store: &Store,
    id: &SessionId,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    Ok(store
        .recent(id)?
        .iter()
        .filter_map(|r| match r {
            Record::Interaction(i) => Some(i.at),
            Record::Amend(_) => None,
        })
        .max())
}

/// A new interaction with a fresh id.
fn interaction(at: DateTime<Utc>, kind: Kind, source: Source, text: String) -> Interaction {
    Interaction {
        id: Ulid::generate(),
        at,
        kind,
        source,
        text,
        head: None,
    }
}

/// Checks, without the lock, that `target` names a session that can take work, so that a
/// refused change writes nothing at all (not even the lock file in a fresh store). The
/// check is made again under the lock.
fn precheck(store: &Store, target: &Target) -> Result<()> {
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

/// Reads, changes and replaces one session under the held lock, then logs the change's
/// note (if any) as an interaction at `now`.
fn change_session<T>(
    w: &mut Writer<'_>,
    id: &SessionId,
    now: DateTime<Utc>,
    source: Source,
    change: impl FnOnce(&mut Session) -> Result<(T, Note)>,
) -> Result<T> {
    let mut session = w.session(id)?;
    ensure_open(&session)?;
    let (out, note) = change(&mut session)?;
    w.put_session(&session)?;
    if let Some((kind, text)) = note {
        w.append(
            id,
            &[Record::Interaction(interaction(now, kind, source, text))],
        )?;
    }
    Ok(out)
}
