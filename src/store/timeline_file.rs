//! `timeline.jsonl`: a header line, then one record a line, only ever appended to.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{FileExt, OpenOptionsExt};
use std::path::Path;

use super::error::{Result, StoreError};
use super::failpoint::{self, Action};
use super::files::check_format;
use crate::record::{Header, Record};
use crate::session::FORMAT;

/// The most bytes read from the start of a file to find its header.
const HEADER_PROBE: usize = 4096;

/// What reading a timeline found.
#[derive(Debug, Default)]
pub struct TimelineRead {
    /// Every whole record, in the order written.
    pub records: Vec<Record>,
    /// The length of an incomplete last line that was skipped (a write in progress, or torn
    /// by a crash), if any.
    pub torn_tail: Option<usize>,
}

/// What an append did besides appending.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct AppendOutcome {
    /// Bytes of an incomplete last line moved to the torn-lines file before appending.
    pub set_aside: Option<usize>,
}

/// Appends `lines` (whole lines, each ending in `\n`) and syncs. The caller holds the lock.
/// Returns what it did and the length to cut the file back to to take the lines back (for
/// [`truncate`]; 0 when the file was created here).
///
/// A new or empty file gets the header first. An incomplete last line left by a crash is
/// copied to `torn_path` (synced) and cut off, so the new lines start whole. When writing
/// or syncing fails (a full disk), the file is cut back to where the new lines started:
/// nothing half-written stays behind an error.
pub fn append(path: &Path, torn_path: &Path, lines: &[u8]) -> Result<(AppendOutcome, u64)> {
    debug_assert!(lines.ends_with(b"\n"));
    let fail = |e| StoreError::io("cannot append to", path, e);
    let mut file = OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .mode(0o600)
        .open(path)
        .map_err(fail)?;
    let len = file.metadata().map_err(fail)?.len();
    let mut outcome = AppendOutcome::default();
    let mut start = len;
    if len > 0 {
        check_header(path, &file)?;
        outcome.set_aside = set_aside_torn_tail(path, torn_path, &file, len)?;
        start = file.metadata().map_err(fail)?.len();
    }
    if start == 0 {
        // new, or only a torn first line (now set aside)
        let header = header_line();
        file.write_all(&header).map_err(fail)?;
        start = header.len() as u64;
    }
    if let Err(e) = write_lines(&mut file, lines) {
        let _ = file.set_len(start).and_then(|()| file.sync_data());
        return Err(fail(e));
    }
    failpoint::hit("append:synced").map_err(fail)?;
    Ok((outcome, if len == 0 { 0 } else { start }))
}

/// Writes and syncs the new lines, through the test-only failpoints.
fn write_lines(file: &mut File, lines: &[u8]) -> io::Result<()> {
    if let Some(Action::Bytes(n)) = failpoint::at("append:torn") {
        file.write_all(&lines[..n.min(lines.len())])?;
        failpoint::act(Action::Pause)?;
    }
    if let Err(e) = failpoint::hit("append:write") {
        file.write_all(&lines[..lines.len() / 2])?;
        return Err(e);
    }
    file.write_all(lines)?;
    failpoint::hit("append:sync")?;
    file.sync_data()
}

/// Cuts a timeline back to `len`, taking back lines appended by a change that then failed
/// (0 removes the file: it was created by that change). The caller holds the lock, so
/// nothing was appended after those lines.
pub fn truncate(path: &Path, len: u64) -> Result<()> {
    let fail = |e| StoreError::io("cannot take back the end of", path, e);
    if len == 0 {
        return fs::remove_file(path).map_err(fail);
    }
    let file = OpenOptions::new().write(true).open(path).map_err(fail)?;
    file.set_len(len).and_then(|()| file.sync_data()).map_err(fail)
}

/// The header line of a new timeline.
pub fn header_line() -> Vec<u8> {
    let mut line = serde_json::to_vec(&Header { format: FORMAT }).expect("header serializes");
    line.push(b'\n');
    line
}

/// Checks the first line of an open, non-empty timeline. A file without a single whole
/// line (a first write torn by a crash) has no header to check: its bytes are a torn tail.
fn check_header(path: &Path, file: &File) -> Result<()> {
    let mut probe = vec![0; HEADER_PROBE];
    let n = file
        .read_at(&mut probe, 0)
        .map_err(|e| StoreError::io("cannot read", path, e))?;
    match probe[..n].iter().position(|&b| b == b'\n') {
        Some(end) => parse_header(path, &probe[..end]),
        None if n < HEADER_PROBE => Ok(()),
        None => parse_header(path, &probe[..n]),
    }
}

fn parse_header(path: &Path, line: &[u8]) -> Result<()> {
    let header: Header = serde_json::from_slice(line).map_err(|e| StoreError::Corrupt {
        path: path.to_path_buf(),
        line: 1,
        reason: format!("expected the header {{\"format\":{FORMAT}}}: {e}"),
    })?;
    check_format(path, header.format)
}

/// Moves an incomplete last line aside; returns its length when there was one.
fn set_aside_torn_tail(
    path: &Path,
    torn_path: &Path,
    file: &File,
    len: u64,
) -> Result<Option<usize>> {
    let fail = |e| StoreError::io("cannot repair the end of", path, e);
    let mut last = [0u8; 1];
    file.read_exact_at(&mut last, len - 1).map_err(fail)?;
    if last[0] == b'\n' {
        return Ok(None);
    }
    let keep = last_newline_before(file, len).map_err(fail)?;
    let mut fragment = vec![0; (len - keep) as usize];
    file.read_exact_at(&mut fragment, keep).map_err(fail)?;
    fragment.push(b'\n');
    let mut torn = OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .open(torn_path)
        .map_err(|e| StoreError::io("cannot set aside a torn line in", torn_path, e))?;
    torn.write_all(&fragment)
        .and_then(|()| torn.sync_data())
        .map_err(|e| StoreError::io("cannot set aside a torn line in", torn_path, e))?;
    file.set_len(keep).map_err(fail)?;
    Ok(Some(fragment.len() - 1))
}

/// The offset just past the last `\n` before `len` (0 when there is none).
fn last_newline_before(file: &File, len: u64) -> io::Result<u64> {
    let mut end = len;
    let mut chunk = vec![0u8; 64 * 1024];
    while end > 0 {
        let start = end.saturating_sub(chunk.len() as u64);
        let buf = &mut chunk[..(end - start) as usize];
        file.read_exact_at(buf, start)?;
        if let Some(pos) = buf.iter().rposition(|&b| b == b'\n') {
            return Ok(start + pos as u64 + 1);
        }
        end = start;
    }
    Ok(0)
}

/// Reads a whole timeline. A missing or empty file is an empty timeline.
pub fn read(path: &Path) -> Result<TimelineRead> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(TimelineRead::default()),
        Err(e) => return Err(StoreError::io("cannot read", path, e)),
    };
    parse(path, &bytes)
}

/// Parses the bytes of a timeline: the header, then every whole line.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<TimelineRead> {
    let mut out = TimelineRead::default();
    if bytes.is_empty() {
        return Ok(out);
    }
    let (whole, tail) = match bytes.iter().rposition(|&b| b == b'\n') {
        Some(pos) => bytes.split_at(pos + 1),
        None => (&bytes[..0], bytes),
    };
    if !tail.is_empty() {
        out.torn_tail = Some(tail.len());
    }
    let mut lines = whole.split(|&b| b == b'\n');
    if let Some(header) = lines.next().filter(|_| !whole.is_empty()) {
        parse_header(path, header)?;
    }
    for (n, line) in lines.enumerate() {
        if line.is_empty() {
            continue;
        }
        let record = serde_json::from_slice(line).map_err(|e| StoreError::Corrupt {
            path: path.to_path_buf(),
            line: n + 2,
            reason: e.to_string(),
        })?;
        out.records.push(record);
    }
    Ok(out)
}

/// Reads the records in the last `max_bytes` of a timeline (whole lines only), cheaply.
pub fn read_recent(path: &Path, max_bytes: u64) -> Result<Vec<Record>> {
    let fail = |e| StoreError::io("cannot read", path, e);
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(fail(e)),
    };
    let len = file.metadata().map_err(fail)?.len();
    if len <= max_bytes {
        return read(path).map(|r| r.records);
    }
    let start = len - max_bytes;
    let mut buf = vec![0; max_bytes as usize];
    file.read_exact_at(&mut buf, start).map_err(fail)?;
    let Some(first_nl) = buf.iter().position(|&b| b == b'\n') else {
        return Ok(Vec::new());
    };
    let end = buf.iter().rposition(|&b| b == b'\n').unwrap_or(first_nl);
    let mut records = Vec::new();
    for line in buf[first_nl + 1..end.max(first_nl + 1)].split(|&b| b == b'\n') {
        if let Ok(record) = serde_json::from_slice(line) {
            records.push(record);
        }
    }
    Ok(records)
}
