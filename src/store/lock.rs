//! The store lock: an exclusive lock on `store.lock`, taken with a bounded wait.
//!
//! The kernel releases the lock when its holder exits, so a killed process never blocks
//! anyone. A writer that finds the lock taken waits in the kernel (`flock`), where waiters
//! are served roughly in turn: polling instead lets a writer lose every race for seconds
//! while others come and go, which sixteen busy writers showed.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::error::{Result, StoreError};
use super::{failpoint, guard};

/// A held store lock; dropping it releases the lock.
#[derive(Debug)]
pub struct StoreLock {
    _file: File,
}

/// Takes the exclusive lock on `path`, waiting at most `timeout`.
pub fn acquire(path: &Path, timeout: Duration) -> Result<StoreLock> {
    let open_failed = |e| StoreError::io("cannot open the lock file", path, e);
    failpoint::hit("lock:open").map_err(open_failed)?;
    let (file, _) = guard::create_or_open(
        path,
        OpenOptions::new().write(true),
        "cannot open the lock file",
    )?;
    let file = match file.try_lock() {
        Ok(()) => file,
        Err(TryLockError::WouldBlock) => wait_for(file, path, timeout)?,
        Err(TryLockError::Error(e)) => return Err(StoreError::io("cannot lock", path, e)),
    };
    failpoint::hit("lock:held").map_err(|e| StoreError::io("cannot lock", path, e))?;
    Ok(StoreLock { _file: file })
}

/// Waits in the kernel for the lock, on a helper thread so that the wait can be bounded.
/// When the wait times out, the helper keeps waiting and lets go of the lock as soon as it
/// gets it (nobody receives it any more), or the process ends first.
fn wait_for(file: File, path: &Path, timeout: Duration) -> Result<File> {
    let started = Instant::now();
    let (sender, receiver) = mpsc::sync_channel(1);
    let spawned = std::thread::Builder::new()
        .name("store-lock".into())
        .spawn(move || {
            let locked = file.lock().map(|()| file);
            // A send fails when the waiter has given up: the file drops, the lock with it.
            let _ = sender.send(locked);
        });
    if let Err(e) = spawned {
        return Err(StoreError::io("cannot lock", path, e));
    }
    match receiver.recv_timeout(timeout) {
        Ok(Ok(file)) => Ok(file),
        Ok(Err(e)) => Err(StoreError::io("cannot lock", path, e)),
        Err(_) => Err(StoreError::LockTimeout {
            path: path.to_path_buf(),
            waited: started.elapsed(),
        }),
    }
}
