//! Private folders and whole JSON files replaced atomically.

use std::fs::{self, DirBuilder};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;

use atomic_write_file::AtomicWriteFile;
use atomic_write_file::unix::OpenOptionsExt as _;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::{Result, StoreError};
use crate::session::FORMAT;

/// Creates `dir` and its missing parents with mode 0700.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| StoreError::io("cannot create the folder", dir, e))
}

/// Just the format number, read before the rest so a newer format is refused, not misread.
#[derive(serde::Deserialize)]
struct FormatOnly {
    format: u32,
}

/// Reads a JSON file of ours; `Ok(None)` when it does not exist.
///
/// An empty file, a parse error or a newer format is an error naming the file (and line).
pub fn read_json<T: DeserializeOwned>(path: &Path) -> Result<Option<T>> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io("cannot read", path, e)),
    };
    parse_json(path, &bytes).map(Some)
}

/// Parses the bytes of a JSON file of ours, checking its format number first.
pub fn parse_json<T: DeserializeOwned>(path: &Path, bytes: &[u8]) -> Result<T> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(StoreError::Empty {
            path: path.to_path_buf(),
        });
    }
    let corrupt = |e: serde_json::Error| StoreError::Corrupt {
        path: path.to_path_buf(),
        line: e.line().max(1),
        reason: e.to_string(),
    };
    let format: FormatOnly = serde_json::from_slice(bytes).map_err(corrupt)?;
    check_format(path, format.format)?;
    serde_json::from_slice(bytes).map_err(corrupt)
}

/// Refuses a format newer than this program knows.
pub fn check_format(path: &Path, found: u32) -> Result<()> {
    if found > FORMAT {
        return Err(StoreError::NewerFormat {
            path: path.to_path_buf(),
            found,
            known: FORMAT,
        });
    }
    Ok(())
}

/// Replaces `path` with `value` as pretty JSON: a temp file in the same folder, synced,
/// renamed over the old one, the folder synced. Readers see the old or the new file, whole.
pub fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("store values always serialize");
    bytes.push(b'\n');
    write_atomically(path, &bytes)
}

/// Replaces `path` with `bytes` atomically (mode 0600).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let fail = |e| StoreError::io("cannot write", path, e);
    let mut options = AtomicWriteFile::options();
    options.preserve_mode(false).mode(0o600);
    let mut file = options.open(path).map_err(fail)?;
    file.write_all(bytes).map_err(fail)?;
    file.commit().map_err(fail)
}
