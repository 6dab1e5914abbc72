//! The spool: records left by a writer that would not wait for the lock (the git hook,
//! an assistant's hook), one file each, written atomically. The next writer folds them
//! into their timelines under the lock, oldest first, each once.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::files::{create_private_dir, read_json, sync_parent, write_json};
use super::guard;
use super::{Result, Store, StoreError, Writer};
use crate::record::Record;
use crate::session::{FORMAT, SessionId};

/// A record waiting in the spool, and the session it goes to.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Spooled {
    format: u32,
    session: SessionId,
    record: Record,
}

impl Store {
    /// The spool's folder.
    pub fn spool_dir(&self) -> PathBuf {
        self.root().join("spool")
    }

    /// Leaves `record` for session `id` in the spool, without the lock: written to a file
    /// of its own (named by the record's id, so ordered in time) and synced.
    pub fn spool(&self, id: &SessionId, record: &Record) -> Result<PathBuf> {
        let dir = self.spool_dir();
        if !guard::exists(&dir, true)? {
            create_private_dir(&dir)?;
        }
        let path = dir.join(format!("{}.json", record.id()));
        let spooled = Spooled {
            format: FORMAT,
            session: id.clone(),
            record: record.clone(),
        };
        write_json(&path, &spooled)?;
        Ok(path)
    }

    /// The records waiting in the spool, oldest first (their files).
    pub fn spooled(&self) -> Result<Vec<PathBuf>> {
        let dir = self.spool_dir();
        if !guard::exists(&dir, true)? {
            return Ok(Vec::new());
        }
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::io("cannot list", dir, e)),
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| Some(e.ok()?.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        Ok(files)
    }
}

impl Writer<'_> {
    /// Folds the spool into the timelines, oldest first; returns how many records went in.
    /// A record already in its timeline (a fold cut short by a crash after appending it)
    /// is not appended again. A file that cannot be read, or whose session is gone or
    /// cannot take it (its timeline's end damaged), stays for `tether doctor` to report,
    /// and the others are folded. Each record folded is committed at once: the change that
    /// follows failing never takes it back (its spool file is gone by then).
    pub fn fold_spool(&mut self) -> Result<usize> {
        let mut folded = 0;
        for path in self.store().spooled()? {
            let done = self.fold_one(&path);
            // kept even when its spool file could not be removed: the next fold finds the
            // record already there
            self.commit();
            folded += usize::from(matches!(done, Ok(true)));
        }
        Ok(folded)
    }

    /// Folds the spooled record at `path`; whether it was appended (not when it was there
    /// already, or could not be read, or its session is gone: then it is left in place).
    fn fold_one(&mut self, path: &Path) -> Result<bool> {
        let Ok(Some(spooled)) = read_json::<Spooled>(path) else {
            return Ok(false);
        };
        let id = &spooled.session;
        if !self.store().session_path(id).exists() {
            return Ok(false);
        }
        let there = self
            .recent(id)?
            .iter()
            .any(|r| r.id() == spooled.record.id());
        if !there {
            self.append(id, std::slice::from_ref(&spooled.record))?;
        }
        fs::remove_file(path).map_err(|e| StoreError::io("cannot remove", path, e))?;
        sync_parent(path)?;
        Ok(!there)
    }
}
