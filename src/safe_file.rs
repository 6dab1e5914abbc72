//! Opening files that may not be what they seem: only a regular file is read (a FIFO, a
//! device or a socket is refused without blocking on it), never past a size bound, and
//! whose a file or folder is, told by its owner and mode.

use std::fs::{File, FileType, Metadata, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::Path;

/// Flags every open of a file tether did not make itself takes: a FIFO opens at once
/// instead of waiting for a writer (the check that follows refuses it), and a terminal
/// never becomes the controlling one. Reads and writes of a regular file ignore both.
pub const SAFE_OPEN_FLAGS: i32 = libc::O_NONBLOCK | libc::O_NOCTTY;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file system refused.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// Something other than a regular file stands there.
    #[error("is {0}, not a regular file")]
    NotRegular(&'static str),
    /// The file is larger than the bound.
    #[error("is over {}", size(*.0))]
    TooLarge(u64),
}

/// What a file type is, in words: `a FIFO (named pipe)`, `a symbolic link`...
pub fn kind(file_type: FileType) -> &'static str {
    if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_dir() {
        "a folder"
    } else if file_type.is_fifo() {
        "a FIFO (named pipe)"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_char_device() {
        "a character device"
    } else if file_type.is_block_device() {
        "a block device"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "not a file"
    }
}

/// A size in words: `64 MiB`, `1 MiB`, `512 KiB`, `10 bytes`.
pub fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// Opens `path` for reading, following a link to it, and checks that it is a regular file
/// (`fstat`), without ever blocking on a FIFO.
pub fn open(path: &Path) -> Result<(File, Metadata), ReadError> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(SAFE_OPEN_FLAGS)
        .open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind(meta.file_type())));
    }
    Ok((file, meta))
}

/// Reads the whole of an open regular file, refusing one of more than `limit` bytes (said
/// by its size, or found by reading: a file can grow while it is read).
pub fn read_bounded(file: File, meta: &Metadata, limit: u64) -> Result<Vec<u8>, ReadError> {
    if meta.len() > limit {
        return Err(ReadError::TooLarge(limit));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(bytes)
}

/// Reads the regular file at `path` (through a link to it), up to `limit` bytes.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, meta) = open(path)?;
    read_bounded(file, &meta, limit)
}

/// The user this process acts as.
pub fn effective_uid() -> u32 {
    // SAFETY: geteuid takes nothing, touches no memory and cannot fail.
    unsafe { libc::geteuid() }
}

/// Whether a file or folder with this owner is trusted by this process: its own, or
/// root's (as ssh trusts them).
pub fn trusted_owner(meta: &Metadata) -> bool {
    meta.uid() == effective_uid() || meta.uid() == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_their_largest_whole_unit() {
        assert_eq!(size(64 << 20), "64 MiB");
        assert_eq!(size(1 << 20), "1 MiB");
        assert_eq!(size(512 << 10), "512 KiB");
        assert_eq!(size(1000), "1000 bytes");
    }

    #[test]
    fn a_file_past_its_bound_is_refused_and_one_at_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, b"0123456789").unwrap();
        assert_eq!(read(&path, 10).unwrap(), b"0123456789");
        assert!(matches!(read(&path, 9), Err(ReadError::TooLarge(9))));
        let dev_zero = read(Path::new("/dev/zero"), 10);
        assert!(matches!(
            dev_zero,
            Err(ReadError::NotRegular("a character device"))
        ));
        assert!(matches!(
            read(dir.path(), 10),
            Err(ReadError::NotRegular("a folder"))
        ));
    }
}
