//! What interrupted writes leave beside the data: temporary files of replaces that never
//! committed, and session folders of a `start` that never finished. Neither was ever
//! acknowledged, and the files they would have replaced are intact.

use std::fs;
use std::path::{Path, PathBuf};

use crate::store::{REPLACED_FILES, Store, StoreError, is_temporary};

/// What sync keeps beside the files of [`REPLACED_FILES`] in the data folder, replaced the
/// same way.
const REPLACED_FOR_SYNC: &[&str] = &[".gitignore", ".gitattributes"];

/// The files tether replaces in a session's folder.
const REPLACED_IN_A_SESSION: &[&str] = &["session.json", crate::store::SUMMARY_CACHE];

/// Temporary files in `dir` (not below it) of a replace of one of `replaced`: exactly
/// `.NAME.XXXXXX` for those names, nothing else (a data folder may be a home folder full
/// of other dotfiles).
pub fn temporary_files(dir: &Path, replaced: &[&str]) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let ours = |name: &str| {
        is_temporary(name)
            && replaced.iter().any(|file| {
                name.strip_prefix('.')
                    .and_then(|rest| rest.strip_prefix(file))
                    .is_some_and(|suffix| suffix.len() == 7 && suffix.starts_with('.'))
            })
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| e.file_name().to_str().is_some_and(ours))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// Every temporary file of ours in the store: in the data folder and in each session
/// folder, beside the file it was to replace.
pub fn all_temporary_files(store: &Store, session_dirs: &[PathBuf]) -> Vec<PathBuf> {
    let at_the_root: Vec<&str> = [REPLACED_FILES, REPLACED_FOR_SYNC].concat();
    let mut found = temporary_files(store.root(), &at_the_root);
    for dir in session_dirs {
        found.extend(temporary_files(dir, REPLACED_IN_A_SESSION));
    }
    found
}

/// Whether a session folder holds neither a `session.json` nor a timeline: what a crash in
/// the middle of `tether start` leaves (at most a temporary file).
pub fn is_unfinished_start(dir: &Path) -> bool {
    ["session.json", "session.jsonl", "timeline.jsonl"]
        .iter()
        .all(|file| !dir.join(file).exists())
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
