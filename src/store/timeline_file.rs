//! `timeline.jsonl`: a header line, then one record a line, only ever appended to.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::FileExt;
use std::path::Path;

use super::error::{Result, StoreError};
use super::failpoint::{self, Action};
use super::files::{check_format, sync_parent};
use super::guard;
use super::timeline_read;
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
/// Returns what it did and the length at which [`truncate`] takes the lines back again (0
/// when the file was created here).
///
/// A new or empty file gets the header first. An incomplete last line left by a crash is
/// copied to `torn_path` (synced) and cut off, so the new lines start whole. When writing
/// or syncing fails (a full disk), the file is cut back to where the new lines started:
/// nothing half-written stays behind an error.
pub fn append(path: &Path, torn_path: &Path, lines: &[u8]) -> Result<(AppendOutcome, u64)> {
    debug_assert!(lines.ends_with(b"\n"));
    let fail = |e| StoreError::io("cannot append to", path, e);
    let (mut file, created) = guard::create_or_open(
        path,
        OpenOptions::new().read(true).append(true),
        "cannot append to",
    )?;
    let len = file.metadata().map_err(fail)?.len();
    let mut outcome = AppendOutcome::default();
    let mut start = len;
    if len > 0 {
        check_header(path, &file)?;
        outcome.set_aside = set_aside_torn_tail(path, torn_path, &file, len)?;
        start = file.metadata().map_err(fail)?.len();
    }
    let header = (start == 0).then(header_line); // new, or only a torn first line (set aside)
    let written = match &header {
        Some(header) => file.write_all(header),
        None => Ok(()),
    }
    .and_then(|()| write_lines(&mut file, lines))
    .and_then(|()| match created {
        // the new file's entry in its folder, durable too
        true => sync_parent(path).map_err(io::Error::other),
        false => Ok(()),
    })
    .and_then(|()| failpoint::hit("append:synced"));
    if let Err(e) = written {
        let _ = match len {
            0 => fs::remove_file(path), // created here: nothing of it stays
            _ => file.set_len(start).and_then(|()| file.sync_data()),
        };
        return Err(fail(e));
    }
    let lines_start = start + header.map_or(0, |h| h.len() as u64);
    Ok((outcome, if len == 0 { 0 } else { lines_start }))
}

/// Moves an incomplete last line of the file at `path` (a write cut by a crash) to
/// `torn_path`, so that the file ends with a whole line, as sync needs before git takes
/// it; returns the bytes moved. The caller holds the lock. A missing file is left so.
pub fn seal(path: &Path, torn_path: &Path) -> Result<Option<usize>> {
    let Some(file) = guard::open(
        path,
        OpenOptions::new().read(true).write(true),
        "cannot seal",
    )?
    else {
        return Ok(None);
    };
    let len = file
        .metadata()
        .map_err(|e| StoreError::io("cannot seal", path, e))?
        .len();
    if len == 0 {
        return Ok(None);
    }
    set_aside_torn_tail(path, torn_path, &file, len)
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
    let Some(file) = guard::open(
        path,
        OpenOptions::new().write(true),
        "cannot take back the end of",
    )?
    else {
        return Err(fail(io::ErrorKind::NotFound.into()));
    };
    file.set_len(len)
        .and_then(|()| file.sync_data())
        .map_err(fail)
}

/// The header line of a new timeline.
pub fn header_line() -> Vec<u8> {
    let mut line = serde_json::to_vec(&Header { format: FORMAT }).expect("header serializes");
    line.push(b'\n');
    line
}

/// Checks the first line of an open, non-empty timeline. A file without a single whole
/// line (a first write torn by a crash) has no header to check: its bytes are a torn tail.
pub(super) fn check_header(path: &Path, file: &File) -> Result<()> {
    let mut probe = vec![0; HEADER_PROBE];
    let n = file
        .read_at(&mut probe, 0)
        .map_err(|e| StoreError::io("cannot read", path, e))?;
    match probe[..n].iter().position(|&b| b == b'\n') {
        Some(end) => parse_header(path, &probe[..end]),
        None if n < HEADER_PROBE => Ok(()),
        None => match last_newline_before(file, file_len(path, file)?) {
            Ok(0) => Ok(()),
            _ => parse_header(path, &probe[..n]),
        },
    }
}

fn file_len(path: &Path, file: &File) -> Result<u64> {
    file.metadata()
        .map(|m| m.len())
        .map_err(|e| StoreError::io("cannot read", path, e))
}

pub(super) fn parse_header(path: &Path, line: &[u8]) -> Result<()> {
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
    let (mut torn, created) = guard::create_or_open(
        torn_path,
        OpenOptions::new().append(true),
        "cannot set aside a torn line in",
    )?;
    torn.write_all(&fragment)
        .and_then(|()| torn.sync_data())
        .map_err(|e| StoreError::io("cannot set aside a torn line in", torn_path, e))?;
    if created {
        sync_parent(torn_path)?;
    }
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
    let mut out = TimelineRead::default();
    out.torn_tail = read_with(path, |block| out.records.append(block))?;
    Ok(out)
}

/// Reads a whole timeline block by block (see [`timeline_read`]), handing the records to
/// `each` in the order written (to take out of the vector); returns the length of an
/// incomplete last line, if any.
pub fn read_with(path: &Path, each: impl FnMut(&mut Vec<Record>)) -> Result<Option<usize>> {
    timeline_read::read_with(path, |line| parse_header(path, line), each)
}

/// Reads a whole timeline like [`read_with`], leaving out the lines `skip` names (see
/// [`timeline_read::read_from_where`]).
pub fn read_with_where(
    path: &Path,
    skip: Option<timeline_read::Skip<'_>>,
    each: impl FnMut(&mut Vec<Record>),
) -> Result<Option<usize>> {
    let header = |line: &[u8]| parse_header(path, line);
    timeline_read::read_from_where(path, timeline_read::Position::START, header, skip, each)
        .map(|end| end.torn)
}

/// Reads what was appended to a timeline since an earlier read ended at `from`.
pub fn read_from(
    path: &Path,
    from: timeline_read::Position,
    each: impl FnMut(&mut Vec<Record>),
) -> Result<timeline_read::ReadEnd> {
    timeline_read::read_from(path, from, |line| parse_header(path, line), each)
}

/// Like [`read_from`], each decoding thread's records going into a [`timeline_read::Sink`];
/// the file read is given back, open, when there is one (to come back to a line by its
/// place in it).
pub fn read_into<S: timeline_read::Sink>(
    path: &Path,
    from: timeline_read::Position,
    each: impl FnMut(&mut S),
) -> Result<(timeline_read::ReadEnd, Option<File>)> {
    let header = |line: &[u8]| parse_header(path, line);
    let Some(file) = timeline_read::open(path)? else {
        let end = timeline_read::ReadEnd {
            end: from,
            torn: None,
            last: None,
        };
        return Ok((end, None));
    };
    let kept = file
        .try_clone()
        .map_err(|e| StoreError::io("cannot read", path, e))?;
    let end = timeline_read::read_open_into(path, file, from, header, None, each)?;
    Ok((end, Some(kept)))
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
    if let Some(end) = whole.iter().position(|&b| b == b'\n') {
        parse_header(path, &whole[..end])?;
        let mut parts = Vec::new();
        timeline_read::decode(path, &whole[end + 1..], 2, &mut parts)?;
        out.records = parts.into_iter().flatten().collect();
    }
    Ok(out)
}
