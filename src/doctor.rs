//! Checking the store for damage and repairing it without losing a readable record.
//!
//! Repair never deletes data: lines that cannot be read are moved to a `.rejected` file
//! beside their timeline, an incomplete last line to `timeline.torn`, and a damaged JSON
//! file is copied aside before it is rebuilt. It removes only what an interrupted write
//! left and nobody was ever told was saved: temporary files, empty folders.

mod folders;
mod leftovers;
mod planted;
mod rebuild;

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::record::{Header, Record};
use crate::session::{MissionStatus, Session, SessionId, State};
use crate::store::{self, Store, StoreError, header_line, write_atomically, write_json};

/// One thing wrong with the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file.
    pub path: PathBuf,
    /// The 1-based line, when it is about one.
    pub line: Option<usize>,
    /// What is wrong.
    pub what: String,
    /// Whether `--repair` can fix it.
    pub repairable: bool,
}

/// What a check found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Checkup {
    /// Sessions looked at.
    pub sessions: usize,
    /// Timeline records read whole.
    pub records: usize,
    /// Everything wrong.
    pub problems: Vec<Problem>,
}

/// Looks at every file of the store; changes nothing.
pub fn check(store: &Store) -> Result<Checkup, StoreError> {
    let mut checkup = Checkup::default();
    let (ids, planted) = planted::sessions_to_touch(store, session_dirs(store)?);
    if !planted::touches(&planted, &store.state_path())
        && let Err(e) = store.state()
    {
        checkup.problems.push(problem_of(&store.state_path(), &e));
    }
    checkup.problems.extend(folders::problems(store));
    let dirs: Vec<PathBuf> = ids.iter().map(|id| store.session_dir(id)).collect();
    for path in leftovers::all_temporary_files(store, &dirs) {
        checkup.problems.push(Problem {
            path,
            line: None,
            what: "a temporary file left by an interrupted write (never acknowledged; the file it was to replace is intact)".into(),
            repairable: true,
        });
    }
    for id in ids {
        if leftovers::is_unfinished_start(&store.session_dir(&id)) {
            continue;
        }
        checkup.sessions += 1;
        match store.session(&id) {
            Ok(_) => {}
            Err(StoreError::UnknownSession(_)) => checkup.problems.push(Problem {
                path: store.session_path(&id),
                line: None,
                what: "the file is missing; the timeline is there".into(),
                repairable: true,
            }),
            Err(e) => checkup
                .problems
                .push(problem_of(&store.session_path(&id), &e)),
        }
        let path = store.timeline_path(&id);
        let Some(bytes) = read_optional(&path)? else {
            continue;
        };
        let scan = scan_timeline(&bytes);
        checkup.records += scan.good.len();
        for (line, what) in scan.bad {
            checkup.problems.push(Problem {
                path: path.clone(),
                line: Some(line),
                what,
                repairable: true,
            });
        }
        if let Some(found) = scan.newer {
            checkup.problems.push(Problem {
                path: path.clone(),
                line: Some(1),
                what: format!("format {found} is newer than this tether knows; upgrade tether"),
                repairable: false,
            });
        }
        if let Some(len) = scan.torn {
            let what = format!("an incomplete last line ({len} bytes) from an interrupted write");
            checkup.problems.push(Problem {
                path,
                line: None,
                what,
                repairable: true,
            });
        }
    }
    checkup.problems.splice(0..0, planted);
    Ok(checkup)
}

fn problem_of(path: &Path, e: &StoreError) -> Problem {
    let (line, what, repairable) = match e {
        StoreError::Corrupt { line, reason, .. } => (Some(*line), reason.clone(), true),
        StoreError::Empty { .. } => (None, "the file is empty".to_string(), true),
        StoreError::NewerFormat { found, .. } => (
            None,
            format!("format {found} is newer than this tether knows; upgrade tether"),
            false,
        ),
        other => (None, other.reason(), false),
    };
    Problem {
        path: path.to_path_buf(),
        line,
        what,
        repairable,
    }
}

/// Session folders, including those whose `session.json` is missing or damaged.
fn session_dirs(store: &Store) -> Result<Vec<SessionId>, StoreError> {
    let dir = store.sessions_dir();
    let Ok(entries) = fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut ids: Vec<SessionId> = entries
        .filter_map(|e| SessionId::from_folder_name(e.ok()?.file_name().to_str()?))
        // a link or a FIFO named as a session is kept, for the check to report
        .filter(|id: &SessionId| {
            fs::symlink_metadata(store.session_dir(id)).is_ok_and(|m| !m.is_file())
        })
        .collect();
    // a synced store's folders, named by ULID, with the ids their sessions show
    let folders = store.folders()?;
    ids.extend(
        folders
            .by_id
            .iter()
            .filter(|(_, name)| store::folders::is_ulid_name(name))
            .map(|(id, _)| id.clone()),
    );
    ids.sort();
    Ok(ids)
}

fn read_optional(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    store::guard::read(path)
}

/// A timeline split into the lines that read and those that do not.
struct Scan<'a> {
    good: Vec<&'a [u8]>,
    bad: Vec<(usize, String)>,
    rejected: Vec<&'a [u8]>,
    torn: Option<usize>,
    torn_bytes: &'a [u8],
    newer: Option<u32>,
}

fn scan_timeline(bytes: &[u8]) -> Scan<'_> {
    let (whole, tail) = match bytes.iter().rposition(|&b| b == b'\n') {
        Some(pos) => bytes.split_at(pos + 1),
        None => (&bytes[..0], bytes),
    };
    let mut scan = Scan {
        good: Vec::new(),
        bad: Vec::new(),
        rejected: Vec::new(),
        torn: (!tail.is_empty()).then_some(tail.len()),
        torn_bytes: tail,
        newer: None,
    };
    for (n, line) in whole.split(|&b| b == b'\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        let header = (n == 0)
            .then(|| serde_json::from_slice::<Header>(line).ok())
            .flatten();
        if let Some(header) = header {
            if header.format > crate::session::FORMAT {
                scan.newer = Some(header.format);
            }
            continue;
        }
        match serde_json::from_slice::<Record>(line) {
            Ok(_) => scan.good.push(line),
            Err(e) => {
                scan.bad.push((n + 1, e.to_string()));
                scan.rejected.push(line);
            }
        }
    }
    scan
}

/// Repairs what [`check`] finds, under the store lock; returns what it did.
pub fn repair(store: &Store, now: DateTime<Utc>) -> Result<Vec<String>, StoreError> {
    store.write(|w| {
        let mut done = Vec::new();
        let store = w.store().clone();
        let (ids, planted) = planted::sessions_to_touch(&store, session_dirs(&store)?);
        let dirs: Vec<PathBuf> = ids.iter().map(|id| store.session_dir(id)).collect();
        leftovers::clear(&store, &dirs, &mut done)?;
        let is_session = |dir: &Path| dir.is_dir() && !leftovers::is_unfinished_start(dir);
        for id in ids.iter().filter(|id| is_session(&store.session_dir(id))) {
            repair_timeline(&store, id, &mut done)?;
            repair_session(&store, id, now, &mut done)?;
        }
        if !planted::touches(&planted, &store.state_path()) {
            repair_state(&store, now, &mut done)?;
            folders::repair_missing_active(&store, &mut done)?;
        }
        Ok(done)
    })
}

fn repair_timeline(
    store: &Store,
    id: &SessionId,
    done: &mut Vec<String>,
) -> Result<(), StoreError> {
    let path = store.timeline_path(id);
    let Some(bytes) = read_optional(&path)? else {
        return Ok(());
    };
    let scan = scan_timeline(&bytes);
    if scan.newer.is_some() || (scan.bad.is_empty() && scan.torn.is_none()) {
        return Ok(());
    }
    let aside = path.with_extension("rejected");
    if !scan.rejected.is_empty() {
        add_lines(&aside, &scan.rejected)?;
    }
    let torn = store.torn_path(id);
    if !scan.torn_bytes.is_empty() {
        add_lines(&torn, &[scan.torn_bytes])?;
    }
    let mut rebuilt = header_line();
    for line in &scan.good {
        rebuilt.extend_from_slice(line);
        rebuilt.push(b'\n');
    }
    write_atomically(&path, &rebuilt)?;
    let mut said = format!("{}: kept {} records", path.display(), scan.good.len());
    if !scan.rejected.is_empty() {
        let n = scan.rejected.len();
        said.push_str(&format!(
            ", moved {n} unreadable lines to {}",
            aside.display()
        ));
    }
    if let Some(len) = scan.torn {
        let what = format!(
            ", moved an incomplete last line ({len} bytes) to {}",
            torn.display()
        );
        said.push_str(&what);
    }
    done.push(said);
    Ok(())
}

/// Adds `lines` (each followed by `\n`) to the end of the file at `path`, keeping what it
/// held: read whole, replaced atomically. When the file already ends with exactly these
/// lines (a repair killed after setting them aside, before it rewrote the timeline), they
/// are not added again.
fn add_lines(path: &Path, lines: &[&[u8]]) -> Result<(), StoreError> {
    let mut kept = read_optional(path)?.unwrap_or_default();
    let block: Vec<u8> = lines
        .iter()
        .flat_map(|line| line.iter().copied().chain([b'\n']))
        .collect();
    if kept.ends_with(&block) {
        return Ok(());
    }
    if !kept.is_empty() && !kept.ends_with(b"\n") {
        kept.push(b'\n');
    }
    kept.extend_from_slice(&block);
    write_atomically(path, &kept)
}

fn repair_session(
    store: &Store,
    id: &SessionId,
    now: DateTime<Utc>,
    done: &mut Vec<String>,
) -> Result<(), StoreError> {
    let path = store.session_path(id);
    let bytes = read_optional(&path)?;
    let readable = match &bytes {
        Some(b) => store::parse_json::<Session>(&path, b),
        None => Err(StoreError::UnknownSession(id.clone())),
    };
    match readable {
        Ok(_) | Err(StoreError::NewerFormat { .. }) => return Ok(()),
        Err(_) => {}
    }
    let salvage: Option<Value> = bytes
        .as_deref()
        .and_then(|b| serde_json::from_slice(b).ok());
    let timeline = store.timeline(id).map(|t| t.records).unwrap_or_default();
    let mut session = rebuild::rebuild_session(id, salvage.as_ref(), timeline, now);
    let active = store.state().ok().and_then(|s| s.active);
    if active.as_ref() == Some(id) && !session.mission.status.is_ended() {
        session.mission.status = MissionStatus::Active;
    }
    if let Some(bytes) = &bytes {
        let aside = damaged_copy(&path, now);
        write_atomically(&aside, bytes)?;
        done.push(format!(
            "{}: the damaged file was kept as {}",
            path.display(),
            aside.display()
        ));
    }
    write_json(&path, &session)?;
    done.push(format!(
        "{}: rebuilt with mission '{}', {} steps and {} decisions ({})",
        path.display(),
        session.mission.title,
        session.steps.len(),
        session.decisions.len(),
        session.mission.status.as_str()
    ));
    Ok(())
}

/// Where a damaged JSON file's bytes are kept: `NAME.damaged-20250816T081200`, with a
/// number added when an earlier repair already used that name.
fn damaged_copy(path: &Path, now: DateTime<Utc>) -> PathBuf {
    let base = path.with_extension(format!("json.damaged-{}", now.format("%Y%m%dT%H%M%S")));
    let mut aside = base.clone();
    let mut n = 1;
    while fs::symlink_metadata(&aside).is_ok() {
        n += 1;
        let mut name = base.clone().into_os_string();
        name.push(format!("-{n}"));
        aside = PathBuf::from(name);
    }
    aside
}

fn repair_state(
    store: &Store,
    now: DateTime<Utc>,
    done: &mut Vec<String>,
) -> Result<(), StoreError> {
    let path = store.state_path();
    match store.state() {
        Ok(_) | Err(StoreError::NewerFormat { .. }) => return Ok(()),
        Err(_) => {}
    }
    if let Ok(Some(bytes)) = read_optional(&path) {
        write_atomically(&damaged_copy(&path, now), &bytes)?;
    }
    let active = store
        .sessions()
        .unwrap_or_default()
        .into_iter()
        .filter(|s| s.mission.status == MissionStatus::Active)
        .map(|s| s.id)
        .next_back();
    write_json(
        &path,
        &State {
            active: active.clone(),
            ..State::default()
        },
    )?;
    done.push(format!(
        "{}: rebuilt; active session: {}",
        path.display(),
        active.map_or_else(|| "none".to_string(), |id| id.to_string())
    ));
    Ok(())
}
