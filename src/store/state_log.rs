//! `session.jsonl`: the log of what a session is (its mission, workspace, steps, decisions
//! and snapshots; see [`crate::record::state`]), a header line then one change a line,
//! only ever appended to. `session.json` is a cache of its fold, stamped with the lengths
//! of the logs it was folded from: a cache whose stamp differs (a write cut short before
//! the cache was replaced, records from another machine) is folded again from the logs.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};
use ulid::Ulid;

use super::error::{Result, StoreError};
use super::guard;
use super::timeline_file::parse_header;
use crate::record::state::StateRecord;
use crate::session::Session;

/// The name of this machine's log of a session's state.
pub const STATE_LOG: &str = "session.jsonl";

/// Where an incomplete last line of [`STATE_LOG`] is set aside.
pub const STATE_TORN: &str = "session.torn";

/// The state logs of a session folder, by file name, with their lengths.
pub type Stamp = BTreeMap<String, u64>;

/// `session.json` as written: the session, with the stamp of the logs it was folded from
/// and the latest record id among them (a new record's id comes after it).
#[derive(Debug, Serialize, Deserialize)]
pub struct Cached {
    /// The lengths of the state logs folded (none in a file written before there were).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folded: Option<Stamp>,
    /// The latest record id folded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock: Option<Ulid>,
    /// Its steps done out of steps planned, ahead of the steps, so that the quick commands
    /// stop reading there (none in a file written before it was kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<crate::session::Progress>,
    /// The session.
    #[serde(flatten)]
    pub session: Session,
}

/// Whether a log's file name is that of a state log (this machine's or another's).
pub fn is_state_log(name: &str) -> bool {
    name == STATE_LOG || name.ends_with(".session.jsonl")
}

/// The state logs in session folder `dir`, with their lengths; empty when there are none
/// (a session written before its state was a log). A link or special file named like one
/// is refused.
pub fn stamp(dir: &Path) -> Result<Stamp> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Stamp::new()),
        Err(e) => return Err(StoreError::io("cannot list", dir, e)),
    };
    let mut stamp = Stamp::new();
    for entry in entries {
        let entry = entry.map_err(|e| StoreError::io("cannot list", dir, e))?;
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        if !is_state_log(&name) {
            continue;
        }
        let path = entry.path();
        guard::exists(&path, false)?;
        let len = fs::symlink_metadata(&path)
            .map_err(|e| StoreError::io("cannot look at", &path, e))?
            .len();
        stamp.insert(name, len);
    }
    Ok(stamp)
}

/// Whether a cache stamped `cached` shows the logs as they are (`now`): always when there
/// are no logs, the cache being then the session itself.
pub fn is_current(cached: Option<&Stamp>, now: &Stamp) -> bool {
    now.is_empty() || cached == Some(now)
}

/// Every whole record of the state log at `path`, in the order written; an incomplete last
/// line (a write cut short) is skipped. A line that does not read is an error naming the
/// file and line.
pub fn read(path: &Path) -> Result<Vec<StateRecord>> {
    let bytes = guard::read(path)?.unwrap_or_default();
    let whole = match bytes.iter().rposition(|&b| b == b'\n') {
        Some(end) => &bytes[..=end],
        None => return Ok(Vec::new()),
    };
    let mut lines = whole.split(|&b| b == b'\n');
    if let Some(header) = lines.next() {
        parse_header(path, header)?;
    }
    let mut records = Vec::new();
    for (n, line) in lines.enumerate().filter(|(_, l)| !l.is_empty()) {
        let record = serde_json::from_slice(line).map_err(|e| StoreError::Corrupt {
            path: path.to_path_buf(),
            line: n + 2,
            reason: e.to_string(),
        })?;
        records.push(record);
    }
    Ok(records)
}

/// Every record of the state logs of session folder `dir` named in `stamp`.
pub fn read_all(dir: &Path, stamp: &Stamp) -> Result<Vec<StateRecord>> {
    let mut records = Vec::new();
    for name in stamp.keys() {
        records.extend(read(&dir.join(name))?);
    }
    Ok(records)
}

/// An id for a record written at `at_ms` (milliseconds) after the latest one, `after`: it
/// comes after `after` even when this machine's clock is behind the one that wrote it (a
/// hybrid logical clock, carried in the id).
pub fn next_id(after: Option<Ulid>, at_ms: u64) -> Ulid {
    match after {
        Some(last) if last.timestamp_ms() >= at_ms => last.increment().unwrap_or(last),
        _ => crate::id::at(at_ms),
    }
}
