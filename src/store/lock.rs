//! The store lock: an exclusive lock on `store.lock`, taken with a bounded wait.
//!
//! The kernel releases the lock when its holder exits, so a killed process never blocks
//! anyone.

use std::fs::{File, OpenOptions, TryLockError};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use super::error::{Result, StoreError};

/// The longest pause between two attempts to take the lock.
const MAX_BACKOFF: Duration = Duration::from_millis(8);

/// A held store lock; dropping it releases the lock.
#[derive(Debug)]
pub struct StoreLock {
    _file: File,
}

/// Takes the exclusive lock on `path`, waiting at most `timeout`.
pub fn acquire(path: &Path, timeout: Duration) -> Result<StoreLock> {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| StoreError::io("cannot open the lock file", path, e))?;
    let started = Instant::now();
    let mut backoff = Duration::from_micros(100);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(StoreLock { _file: file }),
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(e)) => {
                return Err(StoreError::io("cannot lock", path, e));
            }
        }
        let waited = started.elapsed();
        if waited >= timeout {
            return Err(StoreError::LockTimeout {
                path: path.to_path_buf(),
                waited,
            });
        }
        std::thread::sleep(backoff.min(timeout - waited));
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}
