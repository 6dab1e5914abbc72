//! Write access to the store while its lock is held: every change reads from disk, and
//! what a failed change wrote is taken back.

use std::fs;
use std::path::PathBuf;

use super::files::{create_private_dir, write_atomically, write_json};
use super::timeline_file::AppendOutcome;
use super::{Result, Store, StoreError, TIMELINE_FILE, TORN_FILE, guard, lock, timeline_file};
use chrono::{DateTime, Utc};
use ulid::Ulid;

use super::state_log;
use crate::record::state::{self, StateChange, StateRecord};
use crate::record::{self, Record};
use crate::session::{Session, SessionId, State, fold};

/// Write access to the store while its lock is held.
#[derive(Debug)]
pub struct Writer<'a> {
    store: &'a Store,
    /// How to take back each write made so far, in order.
    undo: Vec<Undo>,
    /// The sessions whose timeline's end this change has read: found whole, appended to
    /// without reading it again.
    ends_read: Vec<SessionId>,
    _lock: lock::StoreLock,
}

/// How to take back one write of a change that failed later.
#[derive(Debug)]
enum Undo {
    /// Cut an appended timeline back to this length.
    Truncate(PathBuf, u64),
    /// Put back a replaced file's bytes.
    Restore(PathBuf, Vec<u8>),
    /// Remove a file the change created.
    Remove(PathBuf),
    /// Remove a folder the change created (only if it is empty).
    RemoveDir(PathBuf),
}

impl<'a> Writer<'a> {
    /// Write access to `store`, holding `lock`.
    pub(super) fn new(store: &'a Store, lock: lock::StoreLock) -> Self {
        Writer {
            store,
            undo: Vec::new(),
            ends_read: Vec::new(),
            _lock: lock,
        }
    }

    /// The store being written.
    pub fn store(&self) -> &Store {
        self.store
    }

    /// The state as it is on disk now.
    pub fn state(&self) -> Result<State> {
        self.store.state()
    }

    /// Replaces the state.
    pub fn put_state(&mut self, state: &State) -> Result<()> {
        self.replace(self.store.state_path(), state)
    }

    /// A session as it is on disk now.
    pub fn session(&self, id: &SessionId) -> Result<Session> {
        self.store.session(id)
    }

    /// Replaces an existing session: the changes from the session as it is on disk are
    /// appended to its state log (the first after the state it stood in, when it had no
    /// log yet), then `session.json` caches the result.
    pub fn put_session(&mut self, session: &Session, at: DateTime<Utc>) -> Result<()> {
        let read = self.store.session_state(&session.id)?;
        let mut changes = Vec::new();
        if read.stamp.is_empty() {
            changes.push(StateChange::Base(Box::new(read.session.clone())));
        }
        changes.extend(fold::diff(&read.session, session));
        if changes.is_empty() && read.current {
            return Ok(());
        }
        self.write_state(session, changes, read.clock, at)
    }

    /// Creates a new session folder with its state log and `session.json`; the timeline
    /// comes with the first append.
    pub fn create_session(&mut self, session: &Session) -> Result<()> {
        self.store.checked_session_dir(&session.id)?;
        let path = self.store.session_path(&session.id);
        let log = self.store.state_log_path(&session.id);
        if guard::exists(&path, false)? || guard::exists(&log, false)? {
            return Err(StoreError::SessionExists(session.id.clone()));
        }
        let mut dir = self.store.session_dir(&session.id);
        if self.store.is_synced() && !guard::exists(&dir, true)? {
            // named for good by a ULID of its creation, so that no two machines share it
            let ms = u64::try_from(session.created.timestamp_millis()).unwrap_or_default();
            let name = crate::id::at(ms);
            dir = self.store.sessions_dir().join(name.to_string());
        }
        if !guard::exists(&dir, true)? {
            create_private_dir(&self.store.sessions_dir())?;
            create_private_dir(&dir)?;
            self.undo.push(Undo::RemoveDir(dir.clone()));
        }
        let base = StateChange::Base(Box::new(session.clone()));
        let written = self.write_state_in(&dir, session, vec![base], None, session.created);
        self.store.forget_folders();
        written
    }

    /// Appends `changes` to the session's state log, each with an id after `clock`, and
    /// caches the session as the fold of the logs shows it.
    fn write_state(
        &mut self,
        session: &Session,
        changes: Vec<StateChange>,
        clock: Option<Ulid>,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let dir = self.store.session_dir(&session.id);
        self.write_state_in(&dir, session, changes, clock, at)
    }

    /// [`Writer::write_state`] into session folder `dir`.
    fn write_state_in(
        &mut self,
        dir: &std::path::Path,
        session: &Session,
        changes: Vec<StateChange>,
        mut clock: Option<Ulid>,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let ms = u64::try_from(at.timestamp_millis()).unwrap_or_default();
        let lines: Vec<u8> = changes
            .into_iter()
            .flat_map(|change| {
                let next = state_log::next_id(clock, ms);
                clock = Some(next);
                state::to_line(&StateRecord {
                    id: next,
                    at,
                    change,
                })
            })
            .collect();
        if !lines.is_empty() {
            let path = dir.join(state_log::STATE_LOG);
            let torn = dir.join(state_log::STATE_TORN);
            let (_, start) = timeline_file::append(&path, &torn, &lines)?;
            self.undo.push(Undo::Truncate(path, start));
        }
        let session = fold::normalize(session.clone());
        let cached = state_log::Cached {
            folded: Some(state_log::stamp(dir)?),
            clock,
            progress: Some(session.progress()),
            session,
        };
        self.replace(dir.join("session.json"), &cached)
    }

    /// Brings the index of places up to date with session `id` as it is on disk now.
    pub fn refresh_place(&mut self, id: &SessionId) -> Result<()> {
        let mut places = self.store.places()?;
        let head = self.store.session_head(id)?;
        let place = super::Place::of(head.workspace, !head.mission.status.is_ended());
        places.sessions.insert(id.clone(), place);
        self.replace(self.store.places_path(), &places)
    }

    /// Records (`hooked`) or forgets a repository whose git hook logs into this store, and
    /// the hooks folder install created for it, if it did (forgotten when unhooked).
    pub fn set_hooked(
        &mut self,
        repo: &std::path::Path,
        hooked: bool,
        created: Option<&std::path::Path>,
    ) -> Result<()> {
        let mut hooks = self.store.hooks()?;
        let before = hooks.clone();
        match (hooked, created) {
            (true, created) => {
                hooks.repos.insert(repo.to_path_buf());
                hooks.created.extend(created.map(|d| d.to_path_buf()));
            }
            (false, created) => {
                hooks.repos.remove(repo);
                if let Some(dir) = created {
                    hooks.created.remove(dir);
                }
            }
        }
        if hooks != before {
            self.replace(self.store.hooks_path(), &hooks)?;
        }
        Ok(())
    }

    /// Records an assistant integration (replacing the record of the same client, scope
    /// and folder), or forgets it when `install` has no files left.
    pub fn set_agent(&mut self, install: &super::AgentInstall) -> Result<()> {
        let mut agents = self.store.agents()?;
        let before = agents.clone();
        let (client, scope, dir) = (&install.client, &install.scope, &install.dir);
        match agents
            .installs
            .iter()
            .position(|i| i.is(client, scope, dir))
        {
            Some(at) if install.files.is_empty() => {
                agents.installs.remove(at);
            }
            Some(at) => agents.installs[at] = install.clone(),
            None if install.files.is_empty() => {}
            None => agents.installs.push(install.clone()),
        }
        if agents != before {
            self.replace(self.store.agents_path(), &agents)?;
        }
        Ok(())
    }

    /// The records at the end of a session's timeline ([`Store::latest`]), read while the
    /// lock is held: the timeline is then known to end whole, ready to append to.
    pub fn latest(&mut self, id: &SessionId) -> Result<Vec<Record>> {
        let records = self.store.latest(id)?;
        self.ends_read.push(id.clone());
        Ok(records)
    }

    /// The recent records of a session's timeline ([`Store::recent`]), as [`Writer::latest`].
    pub fn recent(&mut self, id: &SessionId) -> Result<Vec<Record>> {
        let records = self.store.recent(id)?;
        self.ends_read.push(id.clone());
        Ok(records)
    }

    /// Appends records to a session's timeline; synced before it returns. A timeline
    /// whose end does not read (a damaged line there) is refused, nothing appended: its
    /// damage stays where `tether doctor` finds it rather than buried under new lines, and
    /// a change of several writes is taken back whole.
    pub fn append(&mut self, id: &SessionId, records: &[Record]) -> Result<AppendOutcome> {
        if !self.ends_read.contains(id) {
            self.latest(id)?;
        }
        let lines: Vec<u8> = records.iter().flat_map(record::to_line).collect();
        let dir = self.store.checked_session_dir(id)?;
        let path = dir.join(TIMELINE_FILE);
        let (outcome, start) = timeline_file::append(&path, &dir.join(TORN_FILE), &lines)?;
        self.undo.push(Undo::Truncate(path, start));
        Ok(outcome)
    }

    /// Replaces (or creates) one JSON file, remembering how to take it back first: a
    /// replace that fails after its rename (syncing the folder) is taken back too.
    fn replace<T: serde::Serialize>(&mut self, path: PathBuf, value: &T) -> Result<()> {
        let old = guard::read(&path)?;
        self.undo.push(match old {
            Some(bytes) => Undo::Restore(path.clone(), bytes),
            None => Undo::Remove(path.clone()),
        });
        write_json(&path, value)
    }

    /// Keeps every write made so far: a failure of what follows takes back only its own.
    pub(super) fn commit(&mut self) {
        self.undo.clear();
    }

    /// Takes back every write made so far, the last first. Best effort: when taking back
    /// fails too (the disk is still full), what is on disk is still whole, every file
    /// being replaced atomically and every append being of whole lines.
    pub(super) fn roll_back(&mut self) {
        while let Some(undo) = self.undo.pop() {
            let _ = match undo {
                Undo::Truncate(path, len) => timeline_file::truncate(&path, len),
                Undo::Restore(path, bytes) => write_atomically(&path, &bytes),
                Undo::Remove(path) => {
                    fs::remove_file(&path).map_err(|e| StoreError::io("cannot remove", path, e))
                }
                Undo::RemoveDir(path) => {
                    fs::remove_dir(&path).map_err(|e| StoreError::io("cannot remove", path, e))
                }
            };
        }
    }
}
