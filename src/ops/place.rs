//! One rule finds the session of a place (a commit's repository, an assistant's working
//! folder): the same repository (every worktree of it counts as one), otherwise a folder
//! inside the session's workspace, the closest first: a session of the same repository
//! before one whose workspace merely holds it (a home folder, say), a deeper workspace
//! before one that holds it. On a tie the active session, then the most recently active.
//! Only open missions are followed.

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
    let close: Vec<(Closeness, &SessionId)> = places
        .sessions
        .iter()
        .filter(|(_, place)| place.open)
        .filter_map(|(id, place)| Some((here.closeness(place)?, id)))
        .collect();
    let closest = close.iter().map(|(c, _)| *c).max();
    let matching: Vec<&SessionId> = close
        .iter()
        .filter(|(c, _)| Some(*c) == closest)
        .map(|(_, id)| *id)
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

    /// How close this place is to the session's, when it is in it: the same repository
    /// when both are in one, otherwise inside its workspace.
    fn closeness(&self, place: &Place) -> Option<Closeness> {
        match (&self.repo, &place.repo) {
            (Some(mine), Some(theirs)) => (mine == theirs).then_some(Closeness::SameRepository),
            _ => {
                let workspace = canonical(place.workspace.as_deref()?);
                let depth = workspace.components().count();
                self.folder
                    .starts_with(&workspace)
                    .then_some(Closeness::InWorkspace(depth))
            }
        }
    }
}

/// How a place is in a session's, the closest last (so the greatest wins).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Closeness {
    /// Inside its workspace, that many folders deep from the root.
    InWorkspace(usize),
    /// In the same repository.
    SameRepository,
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
