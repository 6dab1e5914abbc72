//! The head of a `session.json`: what `status` and `log` need (the mission, the workspace,
//! the progress), read without the bulky rest (decisions, and snapshots that copy them), so
//! those commands stay instant however long a session has lived.

use std::fs::OpenOptions;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::error::Result;
use super::files::parse_json;
use super::guard;
use super::state_log::{Stamp, is_current};
use crate::session::{Mission, Progress, Session, SessionId};

/// How much of the file is read first: the head is at the start, most often in a few KB.
const FIRST: usize = 8 * 1024;

/// The most of the file read before giving up on finding where its head ends.
const PROBE: usize = 64 * 1024;

/// Where the snapshots start in the file as written (they are its last key).
const SNAPSHOTS: &[u8] = b",\n  \"snapshots\":";

/// Where the steps start in the file as written: a file that keeps its progress ahead of
/// them is read no further.
const STEPS: &[u8] = b",\n  \"steps\":";

/// Where the bulky part starts in the file as written (`serde_json`'s pretty layout puts
/// top-level keys, and only them, two spaces in, and a string never holds a raw newline).
const BULK: &[u8] = b",\n  \"decisions\":";

/// What the quick commands need from a session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionHead {
    /// The session id.
    pub id: SessionId,
    /// The objective.
    pub mission: Mission,
    /// When the session was started.
    pub created: DateTime<Utc>,
    /// When the mission ended, if it has.
    pub ended: Option<DateTime<Utc>>,
    /// The directory whose state the reality tracker follows.
    pub workspace: Option<PathBuf>,
    /// Steps done out of steps planned.
    pub progress: Progress,
}

impl From<Session> for SessionHead {
    fn from(session: Session) -> Self {
        SessionHead {
            progress: session.progress(),
            id: session.id,
            mission: session.mission,
            created: session.created,
            ended: session.ended,
            workspace: session.workspace,
        }
    }
}

/// The head fields as stored; anything else is skipped.
#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    folded: Option<Stamp>,
    id: SessionId,
    mission: Mission,
    #[serde(deserialize_with = "crate::time_range::deserialize")]
    created: DateTime<Utc>,
    #[serde(default, deserialize_with = "crate::time_range::deserialize_option")]
    ended: Option<DateTime<Utc>>,
    #[serde(default)]
    workspace: Option<PathBuf>,
    #[serde(default)]
    progress: Option<Progress>,
    #[serde(default)]
    steps: Vec<StepDone>,
}

#[derive(Deserialize)]
struct StepDone {
    done: bool,
}

/// Reads the head of the session at `path`. The file's start, up to its decisions, is
/// parsed (and its format checked) as a JSON object of its own; a file laid out otherwise,
/// or one that does not parse, is read whole as before, with the same errors.
/// The head is read whole too when the file is a cache that does not show the state logs
/// as they are (`stamp`), which then are folded.
pub fn read(
    path: &Path,
    stamp: &Stamp,
    full: impl FnOnce() -> Result<Session>,
) -> Result<SessionHead> {
    let read = probe(path, STEPS)
        .and_then(|start| head_with_progress(path, &start))
        .or_else(|| probe(path, BULK).and_then(|start| head(path, start)));
    match read {
        Some((head, folded)) if is_current(folded.as_ref(), stamp) => Ok(head),
        _ => full().map(SessionHead::from),
    }
}

/// The session at `path` without its snapshots (most of the file, copies of its decisions):
/// the file up to them is parsed as a JSON object of its own. A file laid out otherwise is
/// read whole (`full`), with the same errors, and its snapshots dropped.
pub fn without_snapshots(path: &Path, full: impl FnOnce() -> Result<Session>) -> Result<Session> {
    // the snapshots come after the steps and decisions: the start of the file is enough
    let cut = probe(path, SNAPSHOTS).and_then(|start| {
        let object = cut_at(start, SNAPSHOTS)?;
        parse_json::<Session>(path, &object).ok()
    });
    let mut session = match cut {
        Some(session) => session,
        None => full()?,
    };
    session.snapshots.clear();
    session.number_steps();
    Ok(session)
}

/// The start of the file, read in growing pieces until it holds `until` (or [`PROBE`]
/// bytes, or the whole file); `None` when it cannot be read (the whole read says why).
fn probe(path: &Path, until: &[u8]) -> Option<Vec<u8>> {
    let mut file = guard::open(path, OpenOptions::new().read(true), "cannot read").ok()??;
    let mut start = Vec::new();
    let mut want = FIRST;
    loop {
        let before = start.len();
        // the room made first: reading into none, `read_to_end` probes with tiny reads
        start.reserve_exact(want - before);
        let room = (want - before) as u64;
        (&mut file).take(room).read_to_end(&mut start).ok()?;
        let new = &start[before.saturating_sub(until.len())..];
        if start.len() < want || want >= PROBE || find(new, until).is_some() {
            return Some(start);
        }
        want = (want * 4).min(PROBE);
    }
}

/// Where `mark` first starts in `bytes`. The marks start with a comma, found a few dozen
/// times in a head of a few KB: a plain scan, where a vectorised one would first probe the
/// processor's features (a trap to the hypervisor on a virtual machine) for `status`, which
/// searches nothing else.
fn find(bytes: &[u8], mark: &[u8]) -> Option<usize> {
    let (&first, _) = mark.split_first()?;
    let mut from = 0;
    while let Some(at) = bytes[from..].iter().position(|&b| b == first) {
        if bytes[from + at..].starts_with(mark) {
            return Some(from + at);
        }
        from += at + 1;
    }
    None
}

/// The file's start cut where `at` begins and closed as a JSON object of its own.
fn cut_at(mut start: Vec<u8>, at: &[u8]) -> Option<Vec<u8>> {
    let end = find(&start, at)?;
    start.truncate(end);
    start.extend_from_slice(b"\n}");
    Some(start)
}

/// The head of a file that keeps its progress ahead of its steps, read up to them.
fn head_with_progress(path: &Path, start: &[u8]) -> Option<(SessionHead, Option<Stamp>)> {
    let end = find(start, STEPS)?;
    let object = cut_at(start[..end + STEPS.len()].to_vec(), STEPS)?;
    let head: Head = parse_json(path, &object).ok()?;
    head.progress.is_some().then(|| of(head))
}

/// The head of a file up to its decisions, its progress counted from its steps.
fn head(path: &Path, start: Vec<u8>) -> Option<(SessionHead, Option<Stamp>)> {
    let object = cut_at(start, BULK)?;
    let head: Head = parse_json(path, &object).ok()?;
    Some(of(head))
}

fn of(head: Head) -> (SessionHead, Option<Stamp>) {
    let read = SessionHead {
        progress: head.progress.unwrap_or(Progress {
            done: head.steps.iter().filter(|s| s.done).count(),
            total: head.steps.len(),
        }),
        id: head.id,
        mission: head.mission,
        created: head.created,
        ended: head.ended,
        workspace: head.workspace,
    };
    (read, head.folded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{Decision, MissionStatus, Step};
    use ulid::Ulid;

    /// Step `n`, planned at `at`.
    fn step(n: u64, text: String, done: bool, at: DateTime<Utc>) -> Step {
        Step {
            id: Ulid::from_parts(n, 0),
            number: 0,
            text,
            done,
            created: at,
            done_at: None,
        }
    }

    #[test]
    fn the_head_is_what_the_whole_file_says() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("session.json");
        let at = "2025-08-15T23:50:34Z".parse().unwrap();
        let mut session = Session::new(
            "4".parse().unwrap(),
            "Ship \"it\"\n  \"decisions\":".into(),
            at,
        );
        session.workspace = Some("/tmp/work".into());
        session.mission.status = MissionStatus::Complete;
        session.ended = Some("2025-08-16T08:00:00Z".parse().unwrap());
        for n in 0..3 {
            session.steps.push(step(n, format!("step {n}"), n == 1, at));
            session.decisions.push(Decision {
                id: Ulid::from_parts(10 + n, 0),
                at,
                text: "d".into(),
                why: None,
            });
        }
        super::super::write_json(&path, &session).unwrap();
        let start = std::fs::read(&path).unwrap();
        let (fast, _) = head(&path, start).expect("the layout as written");
        assert_eq!(fast, SessionHead::from(session.clone()));
        let compact = serde_json::to_vec(&session).unwrap();
        assert!(
            head(&path, compact).is_none(),
            "another layout is read whole"
        );
        let whole = read(&path, &Stamp::new(), || Ok(session.clone())).unwrap();
        assert_eq!(whole, fast);
    }

    #[test]
    fn a_head_longer_than_the_first_read_is_read_in_growing_pieces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("session.json");
        let at = "2025-08-15T23:50:34Z".parse().unwrap();
        let mut session = Session::new("7".parse().unwrap(), "Long plan".into(), at);
        for n in 0..200 {
            let text = format!("a step with words enough to take room {n}");
            session.steps.push(step(n, text, n % 3 == 0, at));
        }
        super::super::write_json(&path, &session).unwrap();
        assert!(std::fs::metadata(&path).unwrap().len() > FIRST as u64 * 2);
        let start = probe(&path, BULK).expect("readable");
        let (read, _) = head(&path, start).expect("found past the first read");
        assert_eq!(read, SessionHead::from(session));
    }

    #[test]
    fn a_cache_that_keeps_its_progress_is_read_no_further_than_its_steps() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("session.json");
        let at = "2025-08-15T23:50:34Z".parse().unwrap();
        let mut session = Session::new("9".parse().unwrap(), "Ship".into(), at);
        session.workspace = Some("/tmp/work".into());
        for n in 0..400 {
            session
                .steps
                .push(step(n, format!("step {n}"), n % 4 == 0, at));
        }
        let cached = super::super::state_log::Cached {
            folded: Some(Stamp::new()),
            clock: None,
            progress: Some(session.progress()),
            session: session.clone(),
        };
        super::super::write_json(&path, &cached).unwrap();
        let len = std::fs::metadata(&path).unwrap().len() as usize;
        let start = probe(&path, STEPS).expect("readable");
        assert!(start.len() < len / 4, "read {} of {len}", start.len());
        let (fast, folded) = head_with_progress(&path, &start).expect("the progress kept");
        assert_eq!(fast, SessionHead::from(session.clone()));
        assert_eq!(folded, Some(Stamp::new()));
        let whole = read(&path, &Stamp::new(), || panic!("read whole")).unwrap();
        assert_eq!(whole, fast);
        // a file without it is read up to its decisions, its steps counted
        super::super::write_json(&path, &session).unwrap();
        let start = std::fs::read(&path).unwrap();
        assert!(head_with_progress(&path, &start).is_none());
        let whole = read(&path, &Stamp::new(), || panic!("read whole")).unwrap();
        assert_eq!(whole, fast);
    }

    #[test]
    fn a_mark_is_found_where_it_first_starts() {
        let plainly = |bytes: &[u8], mark: &[u8]| bytes.windows(mark.len()).position(|w| w == mark);
        let head = b"{\n  \"a\": 1,\n  \"b\": \",\n  \",\n  \"steps\": [],\n  \"steps\": 2";
        for mark in [STEPS, BULK, SNAPSHOTS, b",", b",\n", b"x"] {
            for end in 0..=head.len() {
                assert_eq!(
                    find(&head[..end], mark),
                    plainly(&head[..end], mark),
                    "{end}"
                );
            }
        }
        assert_eq!(find(b"abc", b""), None);
    }
}
