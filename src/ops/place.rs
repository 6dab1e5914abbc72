//! One rule finds the session of a place (a commit's repository, an assistant's working
//! folder): the same repository (every worktree of it counts as one), otherwise a folder
//! inside the session's workspace; on a tie the active session, then the most recently
//! active. Only open missions are followed.

use std::path::{Path, PathBuf};

use super::log::latest_interaction;
use crate::reality::repo_of;
use crate::session::SessionId;
use crate::store::{Place, Store, StoreError};

/// The open session that follows `dir`, if any. Reads the index of places and, only on a
/// tie, the active session and the ends of the tied timelines: O(1) in history.
pub fn session_following(store: &Store, dir: &Path) -> Result<Option<SessionId>, StoreError> {
    let places = store.places()?;
    let here = Here::of(dir);
    let matching: Vec<&SessionId> = places
        .sessions
        .iter()
        .filter(|(_, place)| place.open && here.is_in(place))
        .map(|(id, _)| id)
        .collect();
    match matching.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some((*one).clone())),
        tied => break_tie(store, tied).map(Some),
    }
}

/// A place, as the rule compares it.
struct Here {
    folder: PathBuf,
    repo: Option<PathBuf>,
}

impl Here {
    fn of(dir: &Path) -> Self {
        Here {
            folder: canonical(dir),
            repo: repo_of(dir),
        }
    }

    /// Whether this place is in the session's: the same repository when both are in one,
    /// otherwise inside its workspace.
    fn is_in(&self, place: &Place) -> bool {
        match (&self.repo, &place.repo) {
            (Some(mine), Some(theirs)) => mine == theirs,
            _ => place
                .workspace
                .as_deref()
                .is_some_and(|w| self.folder.starts_with(canonical(w))),
        }
    }
}

fn canonical(dir: &Path) -> PathBuf {
    std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
}

/// The active session when it is among `tied`, else the one with the latest interaction.
fn break_tie(store: &Store, tied: &[&SessionId]) -> Result<SessionId, StoreError> {
    let active = store.state()?.active;
    if let Some(active) = active.filter(|a| tied.contains(&a)) {
        return Ok(active);
    }
    let mut latest = None;
    for id in tied {
        let last = latest_interaction(store, id)?;
        if latest.as_ref().is_none_or(|(at, _)| last > *at) {
            latest = Some((last, (*id).clone()));
        }
    }
    Ok(latest.expect("a tie has sessions").1)
}
