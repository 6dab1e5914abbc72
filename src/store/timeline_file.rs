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

/// Like [`read_from`], each decoding thread's records going into a [`timeline_read::Sink`].
pub fn read_into<S: timeline_read::Sink>(
    path: &Path,
    from: timeline_read::Position,
    each: impl FnMut(&mut S),
) -> Result<timeline_read::ReadEnd> {
    let header = |line: &[u8]| parse_header(path, line);
    timeline_read::read_into(path, from, header, None, each)
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

/// The records at the end of the timeline at `path`: the last whole one, however long
/// (a note of control characters grows six times in JSON), and those in the `min_bytes`
/// before it, read further back (the window growing fourfold) until they hold an
/// interaction, so that a long last record never hides the latest activity. O(1) in the
/// size of the timeline for every record tether writes; a timeline with no interaction at
/// all is read whole.
pub fn read_recent(path: &Path, min_bytes: u64) -> Result<Vec<Record>> {
    let fail = |e| StoreError::io("cannot read", path, e);
    let Some(file) = guard::open(path, OpenOptions::new().read(true), "cannot read")? else {
        return Ok(Vec::new());
    };
    let len = file.metadata().map_err(fail)?.len();
    let last = last_line_start(&file, len).map_err(fail)?;
    let mut window = min_bytes.max(1);
    loop {
        if last <= window {
            return read(path).map(|r| r.records);
        }
        let records = read_window(path, &file, last - window)?;
        if records.iter().any(|r| matches!(r, Record::Interaction(_))) {
            return Ok(records);
        }
        window = window.saturating_mul(4);
    }
}

/// Where the last whole line of a file `len` bytes long starts (0 when it is the first):
/// after the newline before the one that ends it (a torn tail has none).
fn last_line_start(file: &File, len: u64) -> io::Result<u64> {
    // both newlines are most often in the last chunk: it is read once
    let start = len.saturating_sub(NEWLINE_CHUNK);
    let mut chunk = vec![0; (len - start) as usize];
    file.read_exact_at(&mut chunk, start)?;
    let end = match chunk.iter().rposition(|&b| b == b'\n') {
        Some(at) => at,
        None => match newline_before(file, start)? {
            Some(end) => return Ok(newline_before(file, end)?.map_or(0, |at| at + 1)),
            None => return Ok(0),
        },
    };
    match chunk[..end].iter().rposition(|&b| b == b'\n') {
        Some(at) => Ok(start + at as u64 + 1),
        None => Ok(newline_before(file, start)?.map_or(0, |at| at + 1)),
    }
}

/// How much of a file is read at a time looking back for a newline (small: a line is most
/// often a few hundred bytes, and lists of missions look at every timeline's end).
const NEWLINE_CHUNK: u64 = 8 * 1024;

/// Where the last newline before byte `before` is, read back in chunks.
pub(super) fn newline_before(file: &File, before: u64) -> io::Result<Option<u64>> {
    let mut end = before;
    let mut buf = vec![0; NEWLINE_CHUNK.min(before) as usize];
    while end > 0 {
        let start = end.saturating_sub(NEWLINE_CHUNK);
        let chunk = &mut buf[..(end - start) as usize];
        file.read_exact_at(chunk, start)?;
        if let Some(at) = chunk.iter().rposition(|&b| b == b'\n') {
            return Ok(Some(start + at as u64));
        }
        end = start;
    }
    Ok(None)
}

/// The whole records from the first line that starts after `start` to the end.
fn read_window(path: &Path, file: &File, start: u64) -> Result<Vec<Record>> {
    let fail = |e| StoreError::io("cannot read", path, e);
    let len = file.metadata().map_err(fail)?.len();
    let mut buf = vec![0; (len - start) as usize];
    file.read_exact_at(&mut buf, start).map_err(fail)?;
    let Some(first_nl) = buf.iter().position(|&b| b == b'\n') else {
        return Ok(Vec::new());
    };
    let end = buf.iter().rposition(|&b| b == b'\n').unwrap_or(first_nl);
    let mut records = Vec::new();
    let mut offset = start + first_nl as u64 + 1;
    for line in buf[first_nl + 1..end.max(first_nl + 1)].split(|&b| b == b'\n') {
        match crate::record::parse_line(line) {
            _ if line.is_empty() => {}
            Ok(record) => records.push(record),
            // a damaged line is refused as a whole read refuses it, naming its line
            Err(e) => return Err(corrupt_at(path, offset, e)),
        }
        offset += line.len() as u64 + 1;
    }
    Ok(records)
}

/// The error for a damaged line starting at `offset`, with its line number (counted only
/// on this rare path).
pub(super) fn corrupt_at(path: &Path, offset: u64, e: serde_json::Error) -> StoreError {
    let before = guard::read(path)
        .ok()
        .flatten()
        .map(|bytes| {
            bytes
                .iter()
                .take(offset as usize)
                .filter(|&&b| b == b'\n')
                .count()
        })
        .unwrap_or_default();
    StoreError::Corrupt {
        path: path.to_path_buf(),
        line: before + 1,
        reason: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where the last whole line starts, read the plain way.
    fn plainly(bytes: &[u8]) -> u64 {
        let Some(end) = bytes.iter().rposition(|&b| b == b'\n') else {
            return 0;
        };
        bytes[..end]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |at| at as u64 + 1)
    }

    #[test]
    fn the_last_line_is_found_whatever_the_lengths_around_the_chunk() {
        let chunk = NEWLINE_CHUNK as usize;
        let lengths = [
            0,
            1,
            5,
            chunk - 2,
            chunk - 1,
            chunk,
            chunk + 1,
            2 * chunk + 3,
        ];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lines");
        for &first in &lengths {
            for &last in &lengths {
                for torn in [0, 3, chunk + 7] {
                    let mut bytes = vec![b'a'; first];
                    bytes.push(b'\n');
                    bytes.extend(std::iter::repeat_n(b'b', last));
                    bytes.push(b'\n');
                    bytes.extend(std::iter::repeat_n(b'c', torn));
                    std::fs::write(&path, &bytes).unwrap();
                    let file = File::open(&path).unwrap();
                    let found = last_line_start(&file, bytes.len() as u64).unwrap();
                    assert_eq!(found, plainly(&bytes), "{first} {last} {torn}");
                }
            }
        }
        std::fs::write(&path, b"no newline at all").unwrap();
        assert_eq!(last_line_start(&File::open(&path).unwrap(), 17).unwrap(), 0);
    }
}
