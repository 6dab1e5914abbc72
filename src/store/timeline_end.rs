//! The end of a `timeline.jsonl`, read in O(1) of its size: its last records, and the
//! newlines before a point, for the commands that look only at the latest activity.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::FileExt;
use std::path::Path;

use super::error::{Result, StoreError};
use super::guard;
use super::timeline_file::parse_header;
use crate::record::Record;

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
            // the whole file is about a window: one read, as any window's
            return read_window(path, &file, 0);
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

/// The whole records from the first line that starts after `start` to the end; from the
/// file's start, after its header, which is checked.
fn read_window(path: &Path, file: &File, start: u64) -> Result<Vec<Record>> {
    let fail = |e| StoreError::io("cannot read", path, e);
    let len = file.metadata().map_err(fail)?.len();
    let mut buf = vec![0; (len - start) as usize];
    file.read_exact_at(&mut buf, start).map_err(fail)?;
    let Some(first_nl) = buf.iter().position(|&b| b == b'\n') else {
        return Ok(Vec::new());
    };
    if start == 0 {
        parse_header(path, &buf[..first_nl])?;
    }
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
