//! The on-disk store: one folder per session, a lock, atomic replaces and O(1) appends.
//!
//! ```text
//! <data>/store.lock                       lock file only, never data
//! <data>/state.json                       {"format": 1, "active": "00004"}
//! <data>/sessions/00004/session.json      mission, steps, decisions, snapshots
//! <data>/sessions/00004/timeline.jsonl    interactions, append-only
//! ```
//!
//! Reads take no lock. Every write goes through [`Store::write`], which holds the lock
//! for the whole change and re-reads what it changes from disk.

mod agents;
mod amended;
mod error;
pub mod failpoint;
mod files;
pub mod folders;
pub mod guard;
mod lock;
mod places;
mod session_head;
mod session_load;
mod session_read;
mod session_timeline;
mod spool;
pub mod state_log;
mod summary_cache;
mod timeline_back;
mod timeline_end;
mod timeline_file;
mod timeline_read;
mod writer;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use agents::{Added, AgentFile, AgentInstall, Agents, Emptied};
pub use amended::Amended;
pub use error::{Result, StoreError};
pub use files::{
    create_private_dir, is_temporary, parse_json, read_json, write_atomically, write_json,
};
pub use guard::{UnsafeFolder, unsafe_folder};
pub use places::{Hooks, Place, Places};
pub use session_head::SessionHead;
pub use summary_cache::{SUMMARY_CACHE, Summarized};
pub use timeline_back::{BackBlock, Backwards};
pub use timeline_file::parse as parse_timeline;
pub use timeline_file::{AppendOutcome, TimelineRead, header_line, seal};
pub use timeline_read::{LastLine, Position, ReadEnd, Sink};
pub use writer::Writer;

use crate::session::{Interaction, Session, SessionId, State};

/// How long a writer waits for the lock by default.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(5);

/// The shortest timeline whose summary is cached by default: a shorter one is read whole
/// in about a millisecond.
pub const SUMMARY_FROM: u64 = 512 * 1024;

/// A store rooted at a data folder.
#[derive(Clone, Debug)]
pub struct Store {
    root: PathBuf,
    lock_timeout: Duration,
    folders: std::sync::Arc<folders::FolderCache>,
    /// The shortest timeline whose summary is cached (see [`Store::summary`]).
    summary_from: u64,
}

/// A session's folder's cache of its folded state.
pub const SESSION_FILE: &str = "session.json";

/// A session's folder's timeline, one record a line.
pub const TIMELINE_FILE: &str = "timeline.jsonl";

/// Where a session's folder keeps the incomplete lines cut from its timeline.
pub const TORN_FILE: &str = "timeline.torn";

/// The file naming this machine in a synced store; its presence makes the store one.
pub const DEVICE_FILE: &str = "device.json";

/// The files of the data folder that tether replaces whole, each through a temporary file
/// beside it (`store.lock` aside, every file it keeps there).
pub const REPLACED_FILES: &[&str] = &[
    "state.json",
    "places.json",
    "hooks.json",
    "agents.json",
    "index.json",
    DEVICE_FILE,
    "sync.json",
];

impl Store {
    /// A store in `root` (created on the first write), taken as given: see [`Store::open`].
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Store {
            root: root.into(),
            lock_timeout: DEFAULT_LOCK_TIMEOUT,
            folders: Default::default(),
            summary_from: SUMMARY_FROM,
        }
    }

    /// The store in `root`, resolved once: a link to the data folder (a dotfile manager
    /// makes them) is followed here, and no link inside it ever is. `root` need not
    /// exist yet; something other than a folder there is refused.
    pub fn open(root: impl Into<PathBuf>) -> Result<Self> {
        let root = root.into();
        match fs::canonicalize(&root) {
            Ok(resolved) if resolved.is_dir() => Ok(Store::new(resolved)),
            Ok(_) => Err(StoreError::io(
                "cannot keep data in",
                root,
                io::Error::from(io::ErrorKind::NotADirectory),
            )),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Store::new(root)),
            Err(e) => Err(StoreError::io("cannot open the data folder", root, e)),
        }
    }

    /// The same store with another bound on the wait for the lock.
    pub fn with_lock_timeout(mut self, timeout: Duration) -> Self {
        self.lock_timeout = timeout;
        self
    }

    /// The same store caching the summary of every timeline of at least `bytes` (below
    /// [`SUMMARY_FROM`], reading a timeline whole costs less than a cache).
    pub fn with_summary_cache_from(mut self, bytes: u64) -> Self {
        self.summary_from = bytes;
        self
    }

    /// The data folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The lock file.
    pub fn lock_path(&self) -> PathBuf {
        self.root.join("store.lock")
    }

    /// The store-wide state file.
    pub fn state_path(&self) -> PathBuf {
        self.root.join("state.json")
    }

    /// The repositories whose git hook logs into this store.
    pub fn hooks_path(&self) -> PathBuf {
        self.root.join("hooks.json")
    }

    /// The repositories whose git hook logs into this store (none when never recorded).
    pub fn hooks(&self) -> Result<Hooks> {
        Ok(read_json(&self.hooks_path())?.unwrap_or_default())
    }

    /// The coding assistants' files `agent install` changed.
    pub fn agents_path(&self) -> PathBuf {
        self.root.join("agents.json")
    }

    /// The assistant integrations installed (none when never recorded).
    pub fn agents(&self) -> Result<Agents> {
        Ok(read_json(&self.agents_path())?.unwrap_or_default())
    }

    /// The index of the folders sessions follow.
    pub fn places_path(&self) -> PathBuf {
        self.root.join("places.json")
    }

    /// The folder holding every session.
    pub fn sessions_dir(&self) -> PathBuf {
        self.root.join("sessions")
    }

    /// One session's folder: named by its id, or, in a synced store, by a ULID whose
    /// session shows that id (see [`folders`]). A session not there yet gets the first.
    pub fn session_dir(&self, id: &SessionId) -> PathBuf {
        let named = self.sessions_dir().join(id.as_str());
        if fs::symlink_metadata(&named).is_ok() {
            return named;
        }
        match self.folders() {
            Ok(folders) => folders
                .by_id
                .get(id)
                .map_or(named, |name| self.sessions_dir().join(name)),
            Err(_) => named,
        }
    }

    /// One session's folder, as [`Store::session_dir`] finds it, once the folders holding
    /// its files are checked to be real folders, or missing: a link there would take every
    /// open below it elsewhere. Each folder is looked at once.
    pub fn checked_session_dir(&self, id: &SessionId) -> Result<PathBuf> {
        let sessions = self.sessions_dir();
        guard::exists(&sessions, true)?;
        let named = sessions.join(id.as_str());
        if guard::exists(&named, true)? {
            return Ok(named);
        }
        let dir = self.session_dir(id);
        if dir != named {
            guard::exists(&dir, true)?;
        }
        Ok(dir)
    }

    /// The path of this machine's log of a session's state.
    pub fn state_log_path(&self, id: &SessionId) -> PathBuf {
        self.session_dir(id).join(state_log::STATE_LOG)
    }

    /// One session's `session.json`.
    pub fn session_path(&self, id: &SessionId) -> PathBuf {
        self.session_dir(id).join(SESSION_FILE)
    }

    /// One session's `timeline.jsonl`.
    pub fn timeline_path(&self, id: &SessionId) -> PathBuf {
        self.session_dir(id).join(TIMELINE_FILE)
    }

    /// Where incomplete lines cut from a session's timeline are kept.
    pub fn torn_path(&self, id: &SessionId) -> PathBuf {
        self.session_dir(id).join(TORN_FILE)
    }

    /// The store-wide state (the default when there is none yet).
    pub fn state(&self) -> Result<State> {
        Ok(read_json(&self.state_path())?.unwrap_or_default())
    }

    /// The active session's id.
    pub fn active(&self) -> Result<SessionId> {
        self.state()?.active.ok_or(StoreError::NoActive)
    }

    /// Which folder each session follows: `places.json`, or, when that is missing or does
    /// not list the same sessions as the store holds, the index rebuilt from the sessions
    /// (read, not written: the next change writes it).
    pub fn places(&self) -> Result<Places> {
        let ids = self.session_ids()?;
        if let Some(places) = read_json::<Places>(&self.places_path())?
            && places.sessions.keys().eq(ids.iter())
        {
            return Ok(places);
        }
        let mut places = Places::default();
        for id in ids {
            let head = self.session_head(&id)?;
            let place = Place::of(head.workspace, !head.mission.status.is_ended());
            places.sessions.insert(id, place);
        }
        Ok(places)
    }

    /// Every session, in id order.
    pub fn sessions(&self) -> Result<Vec<Session>> {
        self.session_ids()?
            .iter()
            .map(|id| self.session(id))
            .collect()
    }

    /// The sizes and modification times of the state file and, when given, one session's
    /// files: when it changes, another process wrote what they show.
    pub fn stamp(&self, id: Option<&SessionId>) -> Stamp {
        let mut paths = vec![self.state_path()];
        if let Some(id) = id {
            paths.push(self.session_path(id));
            paths.push(self.timeline_path(id));
        }
        Stamp(
            paths
                .iter()
                .map(|p| {
                    fs::symlink_metadata(p)
                        .ok()
                        .and_then(|m| Some((m.len(), m.modified().ok()?)))
                })
                .collect(),
        )
    }

    /// Runs `change` holding the store lock. Whatever `change` reads through the
    /// [`Writer`] comes from disk, so a change never overwrites another process's.
    ///
    /// All or nothing: when `change` fails (a full disk half way through a change of two
    /// files, or a check that fails after a first write), what it wrote is taken back
    /// before the lock is released.
    pub fn write<T, E>(&self, change: impl FnOnce(&mut Writer<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        create_private_dir(&self.root)?;
        let lock = lock::acquire(&self.lock_path(), self.lock_timeout)?;
        let mut writer = Writer::new(self, lock);
        // best effort: what stays in the spool is folded by the next writer
        let _ = writer.fold_spool();
        let result = change(&mut writer);
        if result.is_err() {
            writer.roll_back();
        }
        result
    }
}

/// A session read whole by [`Store::load_session`].
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedSession {
    /// The session.
    pub session: Session,
    /// Its interactions in time order, amendments applied.
    pub interactions: Vec<Interaction>,
    /// When the person last saw a briefing of it.
    pub seen: Option<chrono::DateTime<chrono::Utc>>,
    /// Bytes of an incomplete last line (a write in progress, or cut by a crash), if any.
    pub torn_tail: Option<usize>,
    /// Where the read ended: a later read of what is appended starts here.
    pub end: Position,
}

/// The sizes and modification times of some store files (see [`Store::stamp`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stamp(Vec<Option<(u64, std::time::SystemTime)>>);
