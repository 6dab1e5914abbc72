//! Private folders and whole JSON files replaced atomically.

use std::fs::{self, DirBuilder};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;

use atomic_write_file::AtomicWriteFile;
use atomic_write_file::unix::OpenOptionsExt as _;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::{Result, StoreError};
use super::failpoint;
use super::guard;
use crate::session::FORMAT;

/// Creates `dir` and its missing parents with mode 0700, each new folder's entry synced
/// in its parent (so that a power cut cannot take away a folder whose files were synced).
pub fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let missing: Vec<&Path> = dir.ancestors().take_while(|d| !d.exists()).collect();
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| StoreError::io("cannot create the folder", dir, e))?;
    for created in missing {
        sync_parent(created)?;
    }
    Ok(())
}

/// Syncs the folder holding `path`, making a new entry in it (a file, a folder) durable.
pub fn sync_parent(path: &Path) -> Result<()> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::File::open(parent)
        .and_then(|d| d.sync_all())
        .map_err(|e| StoreError::io("cannot sync the folder", parent, e))
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
    match guard::read(path)? {
        Some(bytes) => parse_json(path, &bytes).map(Some),
        None => Ok(None),
    }
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

/// Replaces `path` with `bytes` atomically (mode 0600): a temporary file `.NAME.XXXXXX`
/// beside it is written, then committed (synced, renamed over `path`, the folder synced).
/// On an error the temporary file is removed and `path` is as it was; a crash before the
/// commit leaves the temporary file behind (`tether doctor --repair` removes it).
///
/// Something other than a regular file at `path` (a link, a FIFO) is refused, never
/// replaced; the temporary file is created exclusively, so never through a link.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let fail = |e| StoreError::io("cannot write", path, e);
    guard::exists(path, false)?;
    let mut options = AtomicWriteFile::options();
    // O_EXCL already keeps the temporary file off any link; O_NOFOLLOW says so twice
    options
        .preserve_mode(false)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW);
    let mut file = options.open(path).map_err(fail)?;
    if let Err(e) = failpoint::hit("replace:write") {
        file.write_all(&bytes[..bytes.len() / 2]).map_err(fail)?;
        return Err(fail(e));
    }
    file.write_all(bytes).map_err(fail)?;
    failpoint::hit("replace:before-commit").map_err(fail)?;
    file.commit().map_err(fail)?;
    failpoint::hit("replace:after-commit").map_err(fail)
}

/// Whether `name` is the name of a temporary file [`write_atomically`] makes
/// (`.session.json.a1B2c3`): left behind only by a crash before the commit.
pub fn is_temporary(name: &str) -> bool {
    let Some((base, suffix)) = name
        .strip_prefix('.')
        .and_then(|rest| rest.rsplit_once('.'))
    else {
        return false;
    };
    !base.is_empty() && suffix.len() == 6 && suffix.bytes().all(|b| b.is_ascii_alphanumeric())
}
