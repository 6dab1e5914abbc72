//! Test-only failpoints: `TETHER_FAILPOINT` makes a write path crash, stall or fail at a
//! named point, so that the test suite can prove what a crash, a full disk or a stuck
//! writer leaves behind. Nothing but the tests sets it; unset, each point costs one
//! look at a value read once.
//!
//! The variable holds comma-separated `POINT[@N][=ACTION]` entries: the N-th time (1 when
//! not given) the process reaches POINT, it does ACTION (`abort` when not given):
//!
//! | action | what happens |
//! | --- | --- |
//! | `abort` | `std::process::abort()`: the process dies there, like a crash |
//! | `pause` | the process stops there (holding whatever it holds) until it is killed |
//! | `enospc`, `erofs`, `eio` | the operation fails with that error (a full disk, a read-only file system, an IO error) |
//!
//! The points, in the order a write reaches them:
//!
//! | point | where |
//! | --- | --- |
//! | `lock:open` | before opening `store.lock` |
//! | `lock:held` | just after taking the lock |
//! | `append:write` | before writing the new lines (an error action writes half of them first, as a full disk does) |
//! | `append:torn=BYTES` | writes only the first BYTES of the new lines, then pauses until killed |
//! | `append:sync` | the lines written, before `sync_data` |
//! | `append:synced` | the lines synced, before returning (not yet acknowledged) |
//! | `replace:write` | before writing the temporary file of a replace |
//! | `replace:before-commit` | the temporary file written, before its sync and rename |
//! | `replace:after-commit` | renamed and synced, before returning |

use std::io;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The environment variable that arms failpoints (tests only).
pub const ENV: &str = "TETHER_FAILPOINT";

/// What an armed point does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Die on the spot.
    Abort,
    /// Stop until killed.
    Pause,
    /// Fail with this OS error number.
    Errno(i32),
    /// Write this many bytes, then stop until killed (`append:torn` only).
    Bytes(usize),
}

/// One armed point.
#[derive(Debug)]
struct Armed {
    point: String,
    nth: usize,
    action: Action,
    hits: AtomicUsize,
}

/// Linux (and macOS) numbers of the errors the actions simulate.
const ENOSPC: i32 = 28;
const EROFS: i32 = 30;
const EIO: i32 = 5;

fn armed() -> &'static [Armed] {
    static ARMED: OnceLock<Vec<Armed>> = OnceLock::new();
    ARMED.get_or_init(|| match std::env::var(ENV) {
        Ok(spec) => parse(&spec),
        Err(_) => Vec::new(),
    })
}

fn parse(spec: &str) -> Vec<Armed> {
    spec.split(',')
        .filter(|entry| !entry.trim().is_empty())
        .map(|entry| {
            let (target, action) = entry.trim().split_once('=').unwrap_or((entry.trim(), ""));
            let (point, nth) = match target.split_once('@') {
                Some((point, n)) => (point, n.parse().expect("TETHER_FAILPOINT: POINT@N")),
                None => (target, 1),
            };
            let action = match action {
                "" | "abort" => Action::Abort,
                "pause" => Action::Pause,
                "enospc" => Action::Errno(ENOSPC),
                "erofs" => Action::Errno(EROFS),
                "eio" => Action::Errno(EIO),
                n => Action::Bytes(n.parse().expect("TETHER_FAILPOINT: unknown action")),
            };
            Armed {
                point: point.to_string(),
                nth,
                action,
                hits: AtomicUsize::new(0),
            }
        })
        .collect()
}

/// The action armed at `point` for this visit, if any (counting the visit).
pub fn at(point: &str) -> Option<Action> {
    let armed = armed();
    if armed.is_empty() {
        return None;
    }
    let mut due = None;
    for a in armed.iter().filter(|a| a.point == point) {
        if a.hits.fetch_add(1, Ordering::SeqCst) + 1 == a.nth {
            due = due.or(Some(a.action));
        }
    }
    due
}

/// Visits `point`: aborts, pauses or returns the armed error; `Ok` when nothing is armed.
pub fn hit(point: &str) -> io::Result<()> {
    match at(point) {
        None | Some(Action::Bytes(_)) => Ok(()),
        Some(action) => act(action),
    }
}

/// Does a crash, a pause or an error.
pub fn act(action: Action) -> io::Result<()> {
    match action {
        Action::Abort => std::process::abort(),
        Action::Pause | Action::Bytes(_) => loop {
            std::thread::park();
        },
        Action::Errno(n) => Err(io::Error::from_raw_os_error(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_read() {
        let armed = parse("append:torn=100, replace:before-commit@2,lock:held=pause,x=enospc");
        let got: Vec<(&str, usize, Action)> = armed
            .iter()
            .map(|a| (a.point.as_str(), a.nth, a.action))
            .collect();
        assert_eq!(
            got,
            [
                ("append:torn", 1, Action::Bytes(100)),
                ("replace:before-commit", 2, Action::Abort),
                ("lock:held", 1, Action::Pause),
                ("x", 1, Action::Errno(ENOSPC)),
            ]
        );
    }
}
