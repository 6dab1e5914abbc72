//! What the store cannot read as a session: entries of `sessions/` that are no session
//! folder, and a `state.json` whose active session does not exist.
//!
//! The store reads only folders named by a session id in canonical form (`00001`, never
//! `1` nor `000000000001`), so that one number is never two sessions, and, in a synced
//! store, folders named by a ULID. Anything else there
//! is invisible to every command; doctor names it, and leaves it where it is.

use std::fs;
use std::path::Path;

use super::Problem;
use crate::session::{InvalidSessionId, MAX_NUMBER, MissionStatus, SessionId, State};
use crate::store::{Store, StoreError, is_temporary, write_json};

/// Every entry of `sessions/` that is no readable session, and a `state.json` naming a
/// session that does not exist; changes nothing.
pub fn problems(store: &Store) -> Vec<Problem> {
    let mut found = unreadable_entries(store);
    if let Some(id) = missing_active(store) {
        found.push(Problem {
            path: store.state_path(),
            line: None,
            what: format!(
                "the active session is {id}, which does not exist (no {} holds its files)",
                store.session_dir(&id).display()
            ),
            repairable: true,
        });
    }
    found
}

/// The active session `state.json` names, when there is nothing of it on disk: neither a
/// `session.json` nor a timeline to rebuild one from.
fn missing_active(store: &Store) -> Option<SessionId> {
    let id = store.state().ok()?.active?;
    let gone = !store.session_path(&id).exists() && !store.timeline_path(&id).exists();
    gone.then_some(id)
}

/// Entries of `sessions/` the store does not read as a session, each with why.
fn unreadable_entries(store: &Store) -> Vec<Problem> {
    let Ok(entries) = fs::read_dir(store.sessions_dir()) else {
        return Vec::new();
    };
    let mut found: Vec<Problem> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let path = entry.path();
            let what = why_unreadable(store, &entry)?;
            Some(Problem {
                path,
                line: None,
                what,
                repairable: false,
            })
        })
        .collect();
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// Why one entry of `sessions/` is no session, or `None` when it is one (or the empty
/// folder of a `start` cut short, which repair clears).
fn why_unreadable(store: &Store, entry: &fs::DirEntry) -> Option<String> {
    const MOVE: &str = "tether does not read it; move it out of the sessions folder";
    let name = entry.file_name();
    let Some(name) = name.to_str() else {
        return Some(format!("its name is not a session id: {MOVE}"));
    };
    if crate::store::folders::is_ulid_name(name) && entry.file_type().is_ok_and(|t| t.is_dir()) {
        // a synced store's session, named by its creation; its id is in its base record
        return None;
    }
    let id = match name.parse::<SessionId>() {
        Ok(id) => id,
        Err(InvalidSessionId::TooLarge(_)) => {
            return Some(format!(
                "its number is past the largest a session can have ({MAX_NUMBER}): {MOVE}"
            ));
        }
        Err(InvalidSessionId::Malformed(_)) => {
            return Some(format!("its name is not a session id: {MOVE}"));
        }
    };
    if id.as_str() != name {
        let free = !store.session_dir(&id).exists();
        let fix = if free {
            format!("rename it to {id}")
        } else {
            format!(
                "a folder {id} exists too: keep one of them, and move the other out of the sessions folder"
            )
        };
        return Some(format!(
            "its name is not the canonical form of session {id}, so tether does not read it: {fix}"
        ));
    }
    let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
    if !is_dir {
        return Some(format!(
            "a session is a folder, and this is not one (a file or a link): {MOVE}"
        ));
    }
    let dir = entry.path();
    let holds = |file: &str| dir.join(file).exists();
    if holds("session.json")
        || holds("session.jsonl")
        || holds("timeline.jsonl")
        || !holds_files(&dir)
    {
        return None;
    }
    Some(format!(
        "a folder with none of session.json, session.jsonl or timeline.jsonl, holding other files: {MOVE}"
    ))
}

/// Whether a folder holds anything besides the temporary files of interrupted writes.
fn holds_files(dir: &Path) -> bool {
    let Ok(entries) = fs::read_dir(dir) else {
        return true;
    };
    entries
        .filter_map(Result::ok)
        .any(|e| !e.file_name().to_str().is_some_and(is_temporary))
}

/// Makes `state.json` name an existing session when the one it names is gone: the
/// session whose mission is active, if one is, or none. Under the lock (see `repair`).
pub fn repair_missing_active(store: &Store, done: &mut Vec<String>) -> Result<(), StoreError> {
    let Some(gone) = missing_active(store) else {
        return Ok(());
    };
    let active = store
        .session_ids()?
        .into_iter()
        .filter_map(|id| store.session_head(&id).ok().map(|head| (id, head)))
        .filter(|(_, head)| head.mission.status == MissionStatus::Active)
        .map(|(id, _)| id)
        .next_back();
    let state = State {
        active: active.clone(),
        ..store.state()?
    };
    write_json(&store.state_path(), &state)?;
    done.push(format!(
        "{}: session {gone} does not exist; active session now: {}",
        store.state_path().display(),
        active.map_or_else(|| "none".to_string(), |id| id.to_string())
    ));
    Ok(())
}
