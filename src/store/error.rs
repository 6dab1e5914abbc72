//! What can go wrong with the store, each said in one line, with a [`Hint`] of what to do
//! about it.

use std::io;
use std::path::PathBuf;
use std::time::Duration;

use crate::hint::{Hint, Hinted};
use crate::session::SessionId;

/// A store error. Every variant leaves the store as it was.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file system refused an operation.
    #[error("{action} {}: {source}{}", path.display(), hint(source))]
    Io {
        /// What was being done ("cannot read", "cannot write", ...).
        action: &'static str,
        /// The file or folder concerned.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// A file holds something that cannot be read.
    #[error(
        "{}:{line}: cannot read this store file ({reason}); nothing was written",
        path.display()
    )]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// The 1-based line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// A file that must hold data is empty.
    #[error(
        "{}:1: the file is empty, which a crash can leave behind; nothing was written",
        path.display()
    )]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// A file written by a newer tether.
    #[error(
        "{} has format {found}, newer than this tether knows ({known}); upgrade tether. Nothing was written",
        path.display()
    )]
    NewerFormat {
        /// The file.
        path: PathBuf,
        /// The format in the file.
        found: u32,
        /// The newest format this program knows.
        known: u32,
    },
    /// Another process holds the lock for too long.
    #[error(
        "the store is busy: another tether process has held {} for over {}s; nothing was written",
        path.display(),
        waited.as_secs_f32()
    )]
    LockTimeout {
        /// The lock file.
        path: PathBuf,
        /// How long we waited.
        waited: Duration,
    },
    /// Something other than a regular file (or a real folder) stands where the store keeps
    /// one: a symbolic link, a FIFO, a device. It is never followed, read or written.
    #[error("{} {}; nothing was written", path.display(), not_regular(found, *folder))]
    NotRegular {
        /// The path.
        path: PathBuf,
        /// What stands there (`a symbolic link`, `a FIFO (named pipe)`...).
        found: &'static str,
        /// Whether the store keeps a folder there.
        folder: bool,
    },
    /// No session is active.
    #[error("no active mission")]
    NoActive,
    /// The session does not exist.
    #[error("there is no session {0}")]
    UnknownSession(SessionId),
    /// The session already exists.
    #[error("session {0} already exists")]
    SessionExists(SessionId),
}

impl StoreError {
    /// An IO error with its action and path.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Self {
        StoreError::Io {
            action,
            path: path.into(),
            source,
        }
    }

    /// What is wrong, without the path: for a list of problems that names it already.
    pub fn reason(&self) -> String {
        match self {
            StoreError::NotRegular { found, folder, .. } => not_regular(found, *folder),
            other => other.to_string(),
        }
    }
}

impl Hinted for StoreError {
    fn hint(&self) -> Option<Hint> {
        match self {
            StoreError::Corrupt { .. } => Some(Hint::Doctor),
            StoreError::Empty { .. } => Some(Hint::Repair),
            StoreError::LockTimeout { .. } => Some(Hint::TryAgain),
            StoreError::NoActive => Some(Hint::StartMission),
            StoreError::UnknownSession(_) => Some(Hint::ListMissions),
            StoreError::SessionExists(id) => Some(Hint::Continue(id.clone())),
            StoreError::Io { .. }
            | StoreError::NewerFormat { .. }
            | StoreError::NotRegular { .. } => None,
        }
    }
}

/// Why a link or a special file in the data folder is refused, and what to do.
fn not_regular(found: &str, folder: bool) -> String {
    let expected = if folder { "folder" } else { "file" };
    if found == "a symbolic link" {
        return format!(
            "is a symbolic link; tether follows none inside its data folder (move the link away and put the {expected} itself there)"
        );
    }
    let expected = if folder { "a folder" } else { "a regular file" };
    format!("is {found}, not {expected}; tether keeps only its own files there (move it away)")
}

/// What to do about an IO error people can act on.
fn hint(e: &io::Error) -> &'static str {
    match e.kind() {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
            ": the disk is full; free some space and try again (what was stored is intact)"
        }
        io::ErrorKind::ReadOnlyFilesystem => {
            ": the data folder is on a read-only file system; nothing can be written there (what was stored is intact)"
        }
        io::ErrorKind::PermissionDenied => {
            ": check that you own the data folder and can write to it (what was stored is intact)"
        }
        _ => "",
    }
}

/// A store result.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
