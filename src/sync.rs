//! Sync across machines through git, to any remote the person has. The data folder is a
//! repository of its own; every file git takes is a log that is only ever appended to,
//! merged by keeping the lines of both sides, so a merge never conflicts; what the store
//! shows is folded from those records on read, the same on every machine that has them.
//!
//! A sync commits this machine's new records, fetches, merges and pushes (again after a
//! push race). The store lock is held only while the data folder's files change (the
//! commit and the merge), never while talking to the remote, so no command waits on the
//! network.

pub mod auto;
mod git;
pub mod layout;
mod merge;

use std::path::Path;

use chrono::{DateTime, Utc};

pub use git::GitError;
pub use layout::{Device, SyncState};
pub use merge::{Merged, Renamed};

use crate::store::{Store, StoreError};
use git::Git;

/// How many times a sync fetches and merges again when another machine pushed first.
const PUSH_ATTEMPTS: usize = 5;

/// The branch every machine syncs.
const BRANCH: &str = "main";

/// Why a sync could not be done.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The store is not synced yet.
    #[error("this store is not synced: run `tether sync init REMOTE` first")]
    NotSynced,
    /// The data folder is a git repository tether did not make.
    #[error(
        "{0} is already a git repository that is not a synced tether store: tether keeps its own repository in its data folder; move that repository away, or set TETHER_HOME to another folder"
    )]
    ForeignRepository(String),
    /// No remote was named.
    #[error(
        "sync init needs a remote: a repository URL, an ssh address (host:path) or a folder path"
    )]
    NoRemote,
    /// git failed.
    #[error(transparent)]
    Git(#[from] GitError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The remote could not be reached; nothing is lost.
    #[error("cannot reach {remote}: {why}. Everything stays here and goes with the next sync")]
    Unreachable {
        /// The remote.
        remote: String,
        /// git's words.
        why: String,
    },
    /// The remote refused the push.
    #[error(
        "{remote} refused the records of this machine: {why}. Everything stays here; the next sync tries again"
    )]
    Refused {
        /// The remote.
        remote: String,
        /// git's words.
        why: String,
    },
}

/// What a sync did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Synced {
    /// Whether this machine had records to send.
    pub sent: bool,
    /// What came from the remote and what it changed here.
    pub merged: Merged,
    /// The remote.
    pub remote: String,
}

/// Where a synced store stands against its remote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    /// This machine's name.
    pub device: String,
    /// The remote.
    pub remote: String,
    /// Commits here the remote has not got, as of the last fetch.
    pub ahead: usize,
    /// Commits of the remote not merged here, as of the last fetch.
    pub behind: usize,
    /// Whether records were written here since the last commit.
    pub unsent: bool,
    /// This machine's record of its syncs.
    pub state: SyncState,
}

/// Makes the data folder a repository synced with `remote`, or joins the store already
/// there: the folders are converted to names that sync (a backup kept first), then a
/// first sync runs. Returns the backup's path (when a conversion took place) and the sync.
pub fn init(
    store: &Store,
    remote: &str,
    now: DateTime<Utc>,
) -> Result<(Option<std::path::PathBuf>, Synced), SyncError> {
    if remote.trim().is_empty() || remote.starts_with('-') {
        return Err(SyncError::NoRemote);
    }
    let root = store.root();
    let has_repo = root.join(".git").exists();
    if has_repo && !store.is_synced() {
        return Err(SyncError::ForeignRepository(root.display().to_string()));
    }
    let backup = store.write(|w| -> Result<_, SyncError> {
        crate::store::create_private_dir(root)?;
        let device = match Device::read(store)? {
            Some(device) => device,
            None => {
                let device = Device::this_host(now);
                crate::store::write_json(&root.join(crate::store::DEVICE_FILE), &device)?;
                device
            }
        };
        let legacy = needs_conversion(store)?;
        let backup = if legacy {
            Some(layout::back_up(store, now)?)
        } else {
            None
        };
        layout::convert(w, now)?;
        layout::write_git_files(root)?;
        let git = Git::new(root, &device.name);
        if !root.join(".git").exists() {
            git.run(&["init", "--quiet", "--initial-branch", BRANCH])?;
        }
        if git.check(&["remote", "get-url", "origin"]) {
            git.run(&["remote", "set-url", "origin", remote])?;
        } else {
            git.run(&["remote", "add", "origin", remote])?;
        }
        Ok(backup)
    })?;
    let synced = sync(store, now)?;
    Ok((backup, synced))
}

/// Whether a session is still kept in a folder named by its id.
fn needs_conversion(store: &Store) -> Result<bool, StoreError> {
    Ok(store
        .folders()?
        .by_id
        .values()
        .any(|name| !crate::store::folders::is_ulid_name(name)))
}

/// Whether a remote lives on another machine, where it will hold the person's notes.
pub fn is_hosted(remote: &str) -> bool {
    let local = remote.starts_with('/') || remote.starts_with("file://") || remote.starts_with('.');
    !local && (remote.contains("://") || remote.contains('@') || remote.contains(':'))
}

/// Syncs: commits this machine's new records, fetches, merges, pushes (again when another
/// machine pushed first), and records the outcome in `sync.json`.
pub fn sync(store: &Store, now: DateTime<Utc>) -> Result<Synced, SyncError> {
    let result = sync_once(store, now);
    let mut state = SyncState::read(store);
    match &result {
        Ok(_) => {
            state.last = Some(now);
            state.failed = None;
        }
        Err(e) => state.failed = Some(e.to_string()),
    }
    state.write(store);
    result
}

fn sync_once(store: &Store, now: DateTime<Utc>) -> Result<Synced, SyncError> {
    let (git, remote) = open(store)?;
    let mut synced = Synced {
        remote: remote.clone(),
        ..Synced::default()
    };
    for attempt in 1..=PUSH_ATTEMPTS {
        let fetched = git.remote(&["fetch", "--quiet", "origin"]);
        if let Err(e) = fetched {
            return Err(unreachable(&remote, e));
        }
        let merged = store.write(|w| merge::commit_and_merge(w, &git, now))?;
        synced.sent |= merged.0;
        synced.merged.absorb(merged.1);
        if !git.check(&["rev-parse", "--verify", "--quiet", "HEAD"]) {
            return Ok(synced); // nothing anywhere yet
        }
        let ahead = count(&git, "origin/main..HEAD").unwrap_or(1);
        if ahead == 0 && git.check(&["rev-parse", "--verify", "--quiet", "origin/main"]) {
            return Ok(synced);
        }
        match git.remote(&["push", "--quiet", "origin", "HEAD:refs/heads/main"]) {
            Ok(_) => return Ok(synced),
            Err(GitError::Failed(_, why))
                if attempt < PUSH_ATTEMPTS
                    && (why.contains("fetch first")
                        || why.contains("non-fast-forward")
                        || why.contains("rejected")) => {}
            Err(GitError::Failed(_, why)) => return Err(SyncError::Refused { remote, why }),
            Err(e) => return Err(unreachable(&remote, e)),
        }
    }
    Ok(synced)
}

/// The repository of a synced store, and its remote.
fn open(store: &Store) -> Result<(Git, String), SyncError> {
    let Some(device) = Device::read(store)? else {
        return Err(SyncError::NotSynced);
    };
    if !store.root().join(".git").exists() {
        return Err(SyncError::NotSynced);
    }
    let git = Git::new(store.root(), &device.name);
    let remote = git
        .run(&["remote", "get-url", "origin"])
        .map_err(|_| SyncError::NotSynced)?
        .trim()
        .to_string();
    Ok((git, remote))
}

fn unreachable(remote: &str, e: GitError) -> SyncError {
    let why = match e {
        // the first of git's lines says why; the rest is its advice
        GitError::Failed(_, why) => why.split("; ").next().unwrap_or_default().to_string(),
        other => other.to_string(),
    };
    let why = why.trim_end_matches('.').to_string();
    SyncError::Unreachable {
        remote: remote.to_string(),
        why,
    }
}

/// How many commits a range holds.
fn count(git: &Git, range: &str) -> Option<usize> {
    git.run(&["rev-list", "--count", range])
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Where the store stands against its remote, as of the last fetch (no network).
pub fn status(store: &Store) -> Result<Status, SyncError> {
    let (git, remote) = open(store)?;
    let device = Device::read(store)?.map(|d| d.name).unwrap_or_default();
    let has_remote = git.check(&["rev-parse", "--verify", "--quiet", "origin/main"]);
    let (ahead, behind) = if has_remote {
        (
            count(&git, "origin/main..HEAD").unwrap_or(0),
            count(&git, "HEAD..origin/main").unwrap_or(0),
        )
    } else {
        (count(&git, "HEAD").unwrap_or(0), 0)
    };
    let unsent = !git
        .run(&["status", "--porcelain", "--untracked-files=all"])
        .map(|s| s.trim().is_empty())
        .unwrap_or(true);
    Ok(Status {
        device,
        remote,
        ahead,
        behind,
        unsent,
        state: SyncState::read(store),
    })
}

/// Whether the data folder at `root` is a synced store.
pub fn is_synced(root: &Path) -> bool {
    root.join(crate::store::DEVICE_FILE).is_file() && root.join(".git").exists()
}

/// What a sync changed for the person, in their words: a session shown under a new id, a
/// step given a new number (two machines took the same offline).
pub fn told(synced: &Synced) -> Vec<String> {
    let sessions = synced.merged.renamed.iter().map(|r| {
        format!(
            "Session {} “{}” is now {}: another machine started a session {} too.",
            r.from, r.title, r.to, r.from
        )
    });
    let steps = synced.merged.renumbered.iter().map(|r| {
        format!(
            "In session {}, step {} “{}” is now step {}: another machine added a step {} too.",
            r.session, r.from, r.title, r.to, r.from
        )
    });
    sessions.chain(steps).collect()
}
