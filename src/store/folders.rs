//! Which folder of `sessions/` holds each session. A store kept on one machine names each
//! folder by its session id (`00004`). A synced store names them by a stable identity, a
//! ULID taken when the session was created, because renaming a folder is a deletion to
//! git; the human id is then derived here, from the id each session asked for when it was
//! created (its base record) and the order the sessions were created in. Two machines that
//! took the same number offline both keep it asked for: the earlier session shows it, the
//! later one shows it with the first free letter suffix (`00005B`), on every machine alike.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, BufRead, BufReader};
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use ulid::Ulid;

use super::error::{Result, StoreError};
use super::{DEVICE_FILE, Store, guard, read_json, state_log, write_json};
use crate::record::state::{StateChange, StateRecord};
use crate::session::SessionId;

/// The cache of the id each ULID folder asked for (derived, never synced): a folder's
/// identity never changes, so an entry never goes stale; a folder missing here is read.
pub const INDEX_FILE: &str = "index.json";

/// `index.json`: the id each ULID folder's session asked for.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct Index {
    /// The file format number.
    format: u32,
    /// Each ULID folder's name with the id its session asked for.
    asked: BTreeMap<String, SessionId>,
}

/// The sessions of a store by id, each with its folder's name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Folders {
    /// Each session id with the name of its folder.
    pub by_id: BTreeMap<SessionId, String>,
    /// The ULID folders whose session is shown under another id than it asked for, with
    /// the id asked for.
    pub renamed: BTreeMap<SessionId, SessionId>,
}

/// What a store keeps of its folders between two looks: the listing's time, and the
/// folders then.
#[derive(Debug, Default)]
pub struct FolderCache(Mutex<Option<(SystemTime, Arc<Folders>)>>);

impl FolderCache {
    /// Forgets what was read: a session folder was just made.
    pub fn clear(&self) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }
}

/// Which folder holds each session, seen from the store.
impl Store {
    /// Every session folder with the id its session shows.
    pub fn folders(&self) -> Result<Arc<Folders>> {
        folders(&self.root, &self.sessions_dir(), &self.folders)
    }

    /// Whether this store is synced across machines: its new sessions are then kept in
    /// folders named by ULID (see [`folders`]).
    pub fn is_synced(&self) -> bool {
        fs::symlink_metadata(self.root.join(DEVICE_FILE)).is_ok_and(|m| m.is_file())
    }

    /// Forgets the folders read: one was just made or renamed.
    pub(crate) fn forget_folders(&self) {
        self.folders.clear();
    }

    /// Every session id, in order.
    pub fn session_ids(&self) -> Result<Vec<SessionId>> {
        if !guard::exists(&self.sessions_dir(), true)? {
            return Ok(Vec::new());
        }
        let folders = self.folders()?;
        let mut ids = Vec::new();
        for (id, name) in &folders.by_id {
            let dir = self.sessions_dir().join(name);
            // a stray plain file is no session; a link or a FIFO there is refused
            let plain_file = fs::symlink_metadata(&dir).is_ok_and(|m| m.is_file());
            if !plain_file
                && guard::exists(&dir, true)?
                && (guard::exists(&dir.join("session.json"), false)?
                    || guard::exists(&dir.join(state_log::STATE_LOG), false)?)
            {
                ids.push(id.clone());
            }
        }
        ids.sort_by(|a: &SessionId, b| (a.number(), a.as_str()).cmp(&(b.number(), b.as_str())));
        Ok(ids)
    }

    /// Every entry of `sessions/` whose name reads as a session id, with that id: the
    /// sessions, and the folders that are no readable session (a `start` cut short, a name
    /// not in canonical form), and the ULID folders of a synced store with the ids they
    /// show. A new session takes a number none of them holds.
    pub fn folder_ids(&self) -> Result<Vec<(String, SessionId)>> {
        let dir = self.sessions_dir();
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::io("cannot list", dir, e)),
        };
        let mut found = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| StoreError::io("cannot list", &dir, e))?;
            if let Some(name) = entry.file_name().to_str()
                && let Ok(id) = name.parse::<SessionId>()
            {
                found.push((name.to_string(), id));
            }
        }
        for (id, name) in &self.folders()?.by_id {
            if is_ulid_name(name) {
                found.push((name.clone(), id.clone()));
            }
        }
        found.sort();
        Ok(found)
    }
}

/// Whether a folder name is a ULID, as a synced store names session folders.
pub fn is_ulid_name(name: &str) -> bool {
    name.len() == ulid::ULID_LEN && Ulid::from_string(name).is_ok_and(|u| u.to_string() == name)
}

/// The folders of `sessions`, read again only when the folder changed since the last look.
pub fn folders(root: &Path, sessions: &Path, cache: &FolderCache) -> Result<Arc<Folders>> {
    let modified = fs::symlink_metadata(sessions)
        .and_then(|m| m.modified())
        .unwrap_or(SystemTime::UNIX_EPOCH);
    let mut held = cache.0.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((at, folders)) = held.as_ref()
        && *at == modified
    {
        return Ok(folders.clone());
    }
    let folders = Arc::new(scan(root, sessions)?);
    *held = Some((modified, folders.clone()));
    Ok(folders)
}

/// Lists `sessions` and derives every session's id.
fn scan(root: &Path, sessions: &Path) -> Result<Folders> {
    let entries = match fs::read_dir(sessions) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Folders::default()),
        Err(e) => return Err(StoreError::io("cannot list", sessions, e)),
    };
    let mut legacy = Vec::new();
    let mut ulids = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| StoreError::io("cannot list", sessions, e))?;
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        if let Some(id) = SessionId::from_folder_name(&name) {
            legacy.push((id, name));
        } else if is_ulid_name(&name) && entry.file_type().is_ok_and(|t| t.is_dir()) {
            ulids.push(name);
        }
    }
    let index_path = root.join(INDEX_FILE);
    let known = if ulids.is_empty() {
        BTreeMap::new()
    } else {
        read_json::<Index>(&index_path)
            .ok()
            .flatten()
            .map(|i| i.asked)
            .unwrap_or_default()
    };
    let mut asked = Vec::new();
    let mut read_now = false;
    for name in ulids {
        let id = match known.get(&name) {
            Some(id) => Some(id.clone()),
            None => {
                read_now = true;
                asked_id(&sessions.join(&name))?
            }
        };
        // a folder without a base record is a start cut short: no session (doctor says so)
        if let Some(id) = id {
            asked.push((name, id));
        }
    }
    if read_now {
        let index = Index {
            format: crate::session::FORMAT,
            asked: asked.iter().cloned().collect(),
        };
        // a cache: a folder that cannot take it reads the bases again next time
        let _ = write_json(&index_path, &index);
    }
    Ok(derive(legacy, asked))
}

/// The id the session in ULID folder `dir` asked for: the one in the base record of its
/// state log, the first record written.
fn asked_id(dir: &Path) -> Result<Option<SessionId>> {
    let path = dir.join(state_log::STATE_LOG);
    let Some(file) = guard::open(&path, fs::OpenOptions::new().read(true), "cannot read")? else {
        return Ok(None);
    };
    let mut lines = BufReader::new(file).lines().skip(1);
    let Some(line) = lines
        .next()
        .transpose()
        .map_err(|e| StoreError::io("cannot read", &path, e))?
    else {
        return Ok(None);
    };
    let record: StateRecord = serde_json::from_str(&line).map_err(|e| StoreError::Corrupt {
        path: path.clone(),
        line: 2,
        reason: e.to_string(),
    })?;
    Ok(match record.change {
        StateChange::Base(session) => Some(session.id),
        _ => None,
    })
}

/// The ids of every session: a legacy folder's is its name; a ULID folder's is the id it
/// asked for when no folder created before it holds that id, else the same number with
/// the first letter suffix free (`B`, then `C`…), skipping any id a session asked for.
pub fn derive(legacy: Vec<(SessionId, String)>, mut asked: Vec<(String, SessionId)>) -> Folders {
    let mut folders = Folders::default();
    let mut taken: BTreeSet<SessionId> = legacy.iter().map(|(id, _)| id.clone()).collect();
    folders.by_id.extend(legacy);
    // a ULID's order is its creation's order (ties by its random part, as on every machine)
    asked.sort();
    let mut later = Vec::new();
    for (name, id) in asked {
        if taken.insert(id.clone()) {
            folders.by_id.insert(id, name);
        } else {
            later.push((name, id));
        }
    }
    for (name, id) in later {
        let free = suffixes()
            .filter_map(|s| format!("{:05}{s}", id.number()).parse::<SessionId>().ok())
            .find(|candidate| !taken.contains(candidate));
        if let Some(free) = free {
            taken.insert(free.clone());
            folders.renamed.insert(free.clone(), id);
            folders.by_id.insert(free, name);
        }
    }
    folders
}

/// Letter suffixes in the order they are given: `B` to `Z`, then `BA` to `ZZ`.
fn suffixes() -> impl Iterator<Item = String> {
    let letters = || (b'B'..=b'Z').map(char::from);
    let one = letters().map(String::from);
    let two =
        letters().flat_map(move |a| (b'A'..=b'Z').map(move |b| format!("{a}{}", char::from(b))));
    one.chain(two)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> SessionId {
        s.parse().unwrap()
    }

    #[test]
    fn the_later_of_two_sessions_asking_one_id_takes_a_free_suffix() {
        let legacy = vec![(id("1"), "00001".to_string())];
        let asked = vec![
            ("01K0000000000000000000000C".to_string(), id("5B")),
            ("01K0000000000000000000000B".to_string(), id("5")),
            ("01K0000000000000000000000A".to_string(), id("5")),
            ("01K0000000000000000000000D".to_string(), id("1")),
        ];
        let folders = derive(legacy, asked);
        let shown: Vec<(&str, &str)> = folders
            .by_id
            .iter()
            .map(|(i, n)| (i.as_str(), n.as_str()))
            .collect();
        assert_eq!(
            shown,
            vec![
                ("00001", "00001"),
                ("00001B", "01K0000000000000000000000D"),
                ("00005", "01K0000000000000000000000A"),
                ("00005B", "01K0000000000000000000000C"),
                ("00005C", "01K0000000000000000000000B"),
            ]
        );
        assert_eq!(folders.renamed.get(&id("5C")), Some(&id("5")));
    }

    #[test]
    fn only_canonical_ulids_name_synced_folders() {
        assert!(is_ulid_name("01K0000000000000000000000A"));
        assert!(!is_ulid_name("01k0000000000000000000000a"));
        assert!(!is_ulid_name("00004"));
    }
}
