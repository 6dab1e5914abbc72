//! Opening the store's files without following links: a store file is a regular file and
//! a store folder a real folder, or the store refuses it, naming what stands there. Every
//! open inside the data folder goes through here (`O_NOFOLLOW`, then `fstat`), so a link
//! planted there is never followed, a FIFO never waited on, and a dangling link never
//! creates its target.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use super::error::{Result, StoreError};
use crate::safe_file::{self, SAFE_OPEN_FLAGS};

/// The flags of every open inside the data folder.
const FLAGS: i32 = libc::O_NOFOLLOW | SAFE_OPEN_FLAGS;

/// Whether a store file (`folder` false) or folder is there: `false` when nothing is, an
/// error when something else is (a link, a FIFO, a device...). Never follows a link.
pub fn exists(path: &Path, folder: bool) -> Result<bool> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() == folder && (folder || meta.is_file()) => Ok(true),
        Ok(meta) => Err(not_regular(path, meta.file_type(), folder)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(StoreError::io("cannot look at", path, e)),
    }
}

/// Opens an existing store file with `options` (which say read, write or append);
/// `Ok(None)` when there is none.
pub fn open(path: &Path, options: &mut OpenOptions, action: &'static str) -> Result<Option<File>> {
    if !exists(path, false)? {
        return Ok(None);
    }
    match options.custom_flags(FLAGS).open(path) {
        Ok(file) => checked(path, file).map(Some),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(refused(path, action, e)),
    }
}

/// Opens a store file with `options`, creating it (mode 0600) when there is none; returns
/// whether it was created. Creation is exclusive, so it never goes through a link.
pub fn create_or_open(
    path: &Path,
    options: &mut OpenOptions,
    action: &'static str,
) -> Result<(File, bool)> {
    loop {
        if let Some(file) = open(path, options, action)? {
            return Ok((file, false));
        }
        let created = options
            .clone()
            .create_new(true)
            .mode(0o600)
            .custom_flags(FLAGS)
            .open(path);
        match created {
            Ok(file) => return checked(path, file).map(|file| (file, true)),
            // made by another process in between (never under the lock): open that one
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(refused(path, action, e)),
        }
    }
}

/// Reads a whole store file; `Ok(None)` when there is none.
pub fn read(path: &Path) -> Result<Option<Vec<u8>>> {
    let Some(mut file) = open(path, OpenOptions::new().read(true), "cannot read")? else {
        return Ok(None);
    };
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|e| StoreError::io("cannot read", path, e))?;
    Ok(Some(bytes))
}

/// The open file, once `fstat` says it is a regular file.
fn checked(path: &Path, file: File) -> Result<File> {
    let meta = file
        .metadata()
        .map_err(|e| StoreError::io("cannot look at", path, e))?;
    if !meta.is_file() {
        return Err(not_regular(path, meta.file_type(), false));
    }
    Ok(file)
}

/// The error for an open that failed: what stands there when that is the reason (a link
/// gives `ELOOP` under `O_NOFOLLOW`, a FIFO without a reader `ENXIO`), else the IO error.
fn refused(path: &Path, action: &'static str, e: io::Error) -> StoreError {
    match fs::symlink_metadata(path) {
        Ok(meta) if !meta.is_file() => not_regular(path, meta.file_type(), false),
        _ => StoreError::io(action, path, e),
    }
}

fn not_regular(path: &Path, found: fs::FileType, folder: bool) -> StoreError {
    StoreError::NotRegular {
        path: path.to_path_buf(),
        found: safe_file::kind(found),
        folder,
    }
}

/// A data or config folder another user could plant files in, or change.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the {role} {} {why}", path.display())]
pub struct UnsafeFolder {
    /// Which folder: `data folder`, `config folder`.
    pub role: &'static str,
    /// The folder.
    pub path: PathBuf,
    /// What is wrong with it and how to fix it.
    pub why: String,
}

/// What makes `dir` unsafe to keep tether's files in, if anything: an owner other than
/// this user (or root), or write access for its group or others. A missing folder is
/// safe (tether makes its folders 0700).
pub fn unsafe_folder(dir: &Path, role: &'static str) -> Option<UnsafeFolder> {
    let meta = fs::metadata(dir).ok()?;
    let mode = meta.mode() & 0o7777;
    let why = if !safe_file::trusted_owner(&meta) {
        format!(
            "is owned by another user (uid {}), who can change what tether reads and writes there: run tether as that user, or use a folder of your own",
            meta.uid()
        )
    } else {
        let by = match (mode & 0o020 != 0, mode & 0o002 != 0) {
            (true, true) => "its group and others",
            (true, false) => "its group",
            (false, true) => "others",
            (false, false) => return None,
        };
        format!(
            "is writable by {by} (mode {mode:04o}): another user could plant files in it; run `chmod 700 {}`",
            dir.display()
        )
    };
    Some(UnsafeFolder {
        role,
        path: dir.to_path_buf(),
        why,
    })
}
