//! What stands where the store keeps a file or a folder and is not one: a symbolic link, a
//! FIFO, a device, a socket (planted by someone, or left by a tool). Reported, and never
//! followed, read or written: repair leaves it, and the session it is in, alone.

use std::path::{Path, PathBuf};

use super::Problem;
use crate::session::SessionId;
use crate::store::{REPLACED_FILES, Store, guard};

/// The files of a session's folder.
const SESSION_FILES: &[&str] = &[
    "session.json",
    "session.jsonl",
    "session.torn",
    "timeline.jsonl",
    "timeline.torn",
    "timeline.rejected",
    crate::store::SUMMARY_CACHE,
];

/// Every path of the store (its files, `sessions/`, and the folders and files of the
/// sessions `ids`) where something stands that is not what the store keeps there.
pub fn find(store: &Store, ids: &[SessionId]) -> Vec<Problem> {
    let mut found = Vec::new();
    for name in std::iter::once(&"store.lock").chain(REPLACED_FILES) {
        found.extend(problem(&store.root().join(name), false));
    }
    found.extend(problem(&store.spool_dir(), true));
    if let Some(planted) = problem(&store.sessions_dir(), true) {
        found.push(planted);
        return found; // what is below it is someone else's
    }
    for id in ids {
        let dir = store.session_dir(id);
        if let Some(planted) = problem(&dir, true) {
            found.push(planted);
            continue;
        }
        for name in SESSION_FILES {
            found.extend(problem(&dir.join(name), false));
        }
    }
    found
}

/// The sessions among `ids` that may be read and repaired, and every path where something
/// planted stands, which may not, nor may the session holding it.
pub fn sessions_to_touch(store: &Store, ids: Vec<SessionId>) -> (Vec<SessionId>, Vec<Problem>) {
    let planted = find(store, &ids);
    let ids = ids
        .into_iter()
        .filter(|id| !touches(&planted, &store.session_dir(id)))
        .collect();
    (ids, planted)
}

/// Whether `path` is one of the `planted` paths or lies below one, or is a session folder
/// holding one: not to be read or written.
pub fn touches(planted: &[Problem], path: &Path) -> bool {
    planted
        .iter()
        .any(|p| path.starts_with(&p.path) || p.path.parent() == Some(path))
}

fn problem(path: &Path, folder: bool) -> Option<Problem> {
    let e = guard::exists(path, folder).err()?;
    Some(Problem {
        path: PathBuf::from(path),
        line: None,
        what: e.reason(),
        repairable: false,
    })
}
