//! What interrupted writes leave beside the data: temporary files of replaces that never
//! committed, and session folders of a `start` that never finished. Neither was ever
//! acknowledged, and the files they would have replaced are intact.

use std::fs;
use std::path::{Path, PathBuf};

use crate::store::{Store, StoreError, is_temporary};

/// Temporary files in `dir` (not below it).
pub fn temporary_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| e.file_name().to_str().is_some_and(is_temporary))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// Every temporary file in the store: in the data folder and in each session folder.
pub fn all_temporary_files(store: &Store, session_dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut found = temporary_files(store.root());
    for dir in session_dirs {
        found.extend(temporary_files(dir));
    }
    found
}

/// Whether a session folder holds neither a `session.json` nor a timeline: what a crash in
/// the middle of `tether start` leaves (at most a temporary file).
pub fn is_unfinished_start(dir: &Path) -> bool {
    !dir.join("session.json").exists() && !dir.join("timeline.jsonl").exists()
}

/// Removes the temporary files, then the folders of unfinished starts if nothing else is
/// in them; says what it did.
pub fn clear(
    store: &Store,
    session_dirs: &[PathBuf],
    done: &mut Vec<String>,
) -> Result<(), StoreError> {
    for path in all_temporary_files(store, session_dirs) {
        fs::remove_file(&path).map_err(|e| StoreError::io("cannot remove", &path, e))?;
        done.push(format!(
            "{}: removed a temporary file an interrupted write left (never acknowledged; the file it was to replace is intact)",
            path.display()
        ));
    }
    for dir in session_dirs.iter().filter(|d| is_unfinished_start(d)) {
        if fs::remove_dir(dir).is_ok() {
            done.push(format!(
                "{}: removed the empty folder of a start that never finished",
                dir.display()
            ));
        }
    }
    Ok(())
}
