//! What a synced data folder holds besides the store: this machine's name, the record of
//! its syncs, the files that tell git what to take and how to merge it, and the one-time
//! conversion of a store's folders to the names that sync across machines.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::store::{self, DEVICE_FILE, Store, StoreError, Writer};

/// This machine's record of its syncs (never synced).
pub const SYNC_FILE: &str = "sync.json";

/// Where a background sync writes what it did.
pub const SYNC_LOG: &str = "sync.log";

/// What git never takes: what is per machine (the lock, the active session, the indexes,
/// the hooks and assistants installed here, the spool) or derived from the records (the
/// caches beside each session's logs), and lines set aside from a crash.
pub const GITIGNORE: &str = "\
# tether: per machine or derived from the records, never synced
/store.lock
/state.json
/places.json
/hooks.json
/agents.json
/index.json
/device.json
/sync.json
/sync.log
/spool/
/backups/
/sessions/*/session.json
/sessions/*/*.torn
/sessions/*/*.cache
/sessions/*/*.cache.*
/.*.tmp*
/sessions/*/.*
";

/// How git merges the logs: they are only ever appended to, so the lines of both sides
/// are kept, and the reader orders them (never a conflict).
pub const GITATTRIBUTES: &str = "\
# tether: logs only grow; a merge keeps the lines of both sides
*.jsonl merge=union
";

/// This machine, as sync names it (`device.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Device {
    /// The file format number.
    pub format: u32,
    /// A name people recognise: the host's, unless set otherwise.
    pub name: String,
    /// When this machine joined sync.
    pub since: DateTime<Utc>,
}

impl Device {
    /// This machine's device file, if the store is synced.
    pub fn read(store: &Store) -> Result<Option<Device>, StoreError> {
        store::read_json(&store.root().join(DEVICE_FILE))
    }

    /// A device named after this host.
    pub fn this_host(now: DateTime<Utc>) -> Device {
        let host = fs::read_to_string("/proc/sys/kernel/hostname")
            .or_else(|_| fs::read_to_string("/etc/hostname"))
            .unwrap_or_default();
        let host = host.trim();
        Device {
            format: crate::session::FORMAT,
            name: if host.is_empty() { "device" } else { host }.to_string(),
            since: now,
        }
    }
}

/// This machine's record of its syncs (`sync.json`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncState {
    /// The file format number.
    pub format: u32,
    /// The last sync that completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<DateTime<Utc>>,
    /// Why the last attempt failed, when it did (cleared by the next that succeeds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed: Option<String>,
    /// When a background sync was last asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asked: Option<DateTime<Utc>>,
    /// What a background sync changed for the person (a session's new id, a step's new
    /// number), to tell them once, on the next command.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub untold: Vec<String>,
}

impl SyncState {
    /// The record in `store` (empty when there is none).
    pub fn read(store: &Store) -> SyncState {
        store::read_json(&store.root().join(SYNC_FILE))
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    /// Writes the record, best effort: it only informs `sync status`.
    pub fn write(&self, store: &Store) {
        let record = SyncState {
            format: crate::session::FORMAT,
            ..self.clone()
        };
        let _ = store::write_json(&store.root().join(SYNC_FILE), &record);
    }
}

/// Writes the files that tell git what to take and how (again when changed by hand).
pub fn write_git_files(root: &Path) -> Result<(), StoreError> {
    for (name, text) in [(".gitignore", GITIGNORE), (".gitattributes", GITATTRIBUTES)] {
        let path = root.join(name);
        if store::guard::read(&path)?.as_deref() != Some(text.as_bytes()) {
            store::write_atomically(&path, text.as_bytes())?;
        }
    }
    Ok(())
}

/// Copies every session's files and the state to `backups/before-sync-TIME/`, once,
/// before the folders are renamed; returns the copy's path.
pub fn back_up(store: &Store, now: DateTime<Utc>) -> Result<PathBuf, StoreError> {
    let backup = store
        .root()
        .join("backups")
        .join(format!("before-sync-{}", now.format("%Y%m%dT%H%M%SZ")));
    copy_tree(&store.sessions_dir(), &backup.join("sessions"))?;
    let state = store.state_path();
    if state.is_file() {
        fs::copy(&state, backup.join("state.json"))
            .map_err(|e| StoreError::io("cannot back up", &state, e))?;
    }
    Ok(backup)
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), StoreError> {
    store::create_private_dir(to)?;
    let Ok(entries) = fs::read_dir(from) else {
        return Ok(());
    };
    for entry in entries {
        let entry = entry.map_err(|e| StoreError::io("cannot list", from, e))?;
        let kind = entry
            .file_type()
            .map_err(|e| StoreError::io("cannot look at", entry.path(), e))?;
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else if kind.is_file() {
            fs::copy(entry.path(), &target)
                .map_err(|e| StoreError::io("cannot back up", entry.path(), e))?;
        }
    }
    Ok(())
}

/// Gives every session kept in a folder named by its id a folder named by a ULID of its
/// creation, its id kept in its base record (written first when the session has no state
/// log yet). Each rename is atomic: a conversion cut short leaves sessions of both kinds,
/// each readable, and the next `sync init` converts the rest. Returns how many moved.
pub fn convert(w: &mut Writer<'_>, now: DateTime<Utc>) -> Result<usize, StoreError> {
    let store = w.store().clone();
    let mut moved = 0;
    for id in store.session_ids()? {
        let dir = store.session_dir(&id);
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if store::folders::is_ulid_name(name) {
            continue;
        }
        let session = store.session(&id)?;
        // the base record carries the id, which the folder's new name no longer says
        w.put_session(&session, now)?;
        if store.state_records(&id)?.is_empty() {
            continue;
        }
        let ms = u64::try_from(session.created.timestamp_millis()).unwrap_or_default();
        let ulid = crate::id::at(ms);
        let to = store.sessions_dir().join(ulid.to_string());
        fs::rename(&dir, &to).map_err(|e| StoreError::io("cannot rename", &dir, e))?;
        store.forget_folders();
        moved += 1;
    }
    if moved > 0 {
        let sessions = store.sessions_dir();
        fs::File::open(&sessions)
            .and_then(|d| d.sync_all())
            .map_err(|e| StoreError::io("cannot sync", &sessions, e))?;
    }
    Ok(moved)
}
