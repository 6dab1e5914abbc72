//! Test-only failpoints: `TETHER_FAILPOINT` makes a write path crash, stall or fail at a
//! named point, so that the test suite can prove what a crash, a full disk or a stuck
//! writer leaves behind.
//!
//! They exist only in debug builds (`debug_assertions`, which `cargo test` builds): in a
//! release build [`hit`] and [`at`] do nothing, the optimiser removes them, and the
//! variable is ignored. In a debug build with the variable unset, each point costs one look
//! at a value read once. An armed point that fires says so on stderr before it acts
//! (`tether: failpoint append:sync fired (abort)`), so that a test can tell a failpoint
//! that fired from a build that has none.
//!
//! The variable holds comma-separated `POINT[@N][=ACTION]` entries: the N-th time (1 when
//! not given) the process reaches POINT, it does ACTION (`abort` when not given):
//!
//! | action | what happens |
//! | --- | --- |
//! | `abort` | `std::process::abort()`: the process dies there, like a crash |
//! | `pause` | the process stops there (holding whatever it holds) until it is killed |
//! | `panic` | the process panics there (a bug's way out: the panic report) |
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
//! | `sync:merged` | a sync's merge made in the data folder, not yet committed |

use std::io;

/// The environment variable that arms failpoints (tests only, debug builds only).
pub const ENV: &str = "TETHER_FAILPOINT";

/// What an armed point does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Die on the spot.
    Abort,
    /// Stop until killed.
    Pause,
    /// Panic.
    Panic,
    /// Fail with this OS error number.
    Errno(i32),
    /// Write this many bytes, then stop until killed (`append:torn` only).
    Bytes(usize),
}

/// The action armed at `point` for this visit, if any (counting the visit). An action that
/// is due is announced on stderr first.
#[cfg(debug_assertions)]
pub fn at(point: &str) -> Option<Action> {
    armed::at(point)
}

/// The action armed at `point`: never, in a release build.
#[cfg(not(debug_assertions))]
#[inline(always)]
pub fn at(_point: &str) -> Option<Action> {
    None
}

/// Visits `point`: aborts, pauses or returns the armed error; `Ok` when nothing is armed.
#[inline]
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
        Action::Panic => panic!("a failpoint asked for a panic"),
        Action::Pause | Action::Bytes(_) => loop {
            std::thread::park();
        },
        Action::Errno(n) => Err(io::Error::from_raw_os_error(n)),
    }
}

/// The armed points, read from the environment once (debug builds only).
#[cfg(debug_assertions)]
mod armed {
    use std::io::Write;
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::{Action, ENV};

    /// One armed point.
    #[derive(Debug)]
    pub(super) struct Armed {
        pub(super) point: String,
        pub(super) nth: usize,
        pub(super) action: Action,
        hits: AtomicUsize,
    }

    /// Linux (and macOS) numbers of the errors the actions simulate.
    pub(super) const ENOSPC: i32 = 28;
    const EROFS: i32 = 30;
    const EIO: i32 = 5;

    fn armed() -> &'static [Armed] {
        static ARMED: OnceLock<Vec<Armed>> = OnceLock::new();
        ARMED.get_or_init(|| match std::env::var(ENV) {
            Ok(spec) => parse(&spec),
            Err(_) => Vec::new(),
        })
    }

    pub(super) fn parse(spec: &str) -> Vec<Armed> {
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
                    "panic" => Action::Panic,
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

    pub(super) fn at(point: &str) -> Option<Action> {
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
        if let Some(action) = due {
            announce(point, action);
        }
        due
    }

    /// Says on stderr that `point` fired, flushed before the action: an abort or a pause
    /// must not swallow it.
    fn announce(point: &str, action: Action) {
        let what = match action {
            Action::Abort => "abort".to_string(),
            Action::Pause => "pause".to_string(),
            Action::Panic => "panic".to_string(),
            Action::Errno(ENOSPC) => "enospc".to_string(),
            Action::Errno(EROFS) => "erofs".to_string(),
            Action::Errno(EIO) => "eio".to_string(),
            Action::Errno(n) => format!("errno {n}"),
            Action::Bytes(n) => format!("torn after {n} bytes"),
        };
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "tether: failpoint {point} fired ({what})");
        let _ = stderr.flush();
    }
}

#[cfg(all(test, debug_assertions))]
mod tests {
    use super::armed::{ENOSPC, parse};
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
