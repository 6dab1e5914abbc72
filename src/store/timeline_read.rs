//! Reading a timeline fast and in little memory: the file is read in blocks, each block's
//! whole lines are decoded on every core (`std::thread::scope`), and the records are handed
//! on block by block, so the bytes of the file are never all in memory at once.

use std::fs::{File, OpenOptions};
use std::io::{Seek, SeekFrom};
use std::path::Path;
use std::sync::OnceLock;
use std::thread;

use super::error::{Result, StoreError};
use super::guard;
use crate::record::{self, Record};

mod blocks;
mod chunks;
mod last_line;
mod workers;

pub use last_line::LastLine;

/// The bytes read at a time (a block grows when one line is longer).
const BLOCK: usize = 1 << 20;

/// Below this many bytes a block is decoded on one thread: starting another costs more.
const PARALLEL_FROM: usize = 256 << 10;

/// The most threads that decode one block.
const MAX_THREADS: usize = 8;

/// A place in a timeline file: a byte offset at the start of a line, and that line's number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// Bytes before the line.
    pub offset: u64,
    /// The line's 1-based number (line 1 is the header).
    pub line: usize,
}

impl Position {
    /// The start of the file, before the header.
    pub const START: Position = Position { offset: 0, line: 1 };
}

/// Where a read stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadEnd {
    /// Just past the last whole line read: where the next read starts.
    pub end: Position,
    /// The length of an incomplete last line, which was skipped.
    pub torn: Option<usize>,
    /// The last whole line read, when it read one: to tell, before reading on from `end`,
    /// that the file still holds it ([`LastLine::still_in`]).
    pub last: Option<LastLine>,
}

/// Reads the timeline at `path` block by block, handing each block's records to `each`, in
/// the order written (`each` takes them out of the vector, whose room is used again: no
/// large allocation comes and goes per block). `header` checks the first line. Returns the
/// length of an incomplete last line, which is skipped. A missing file is an empty timeline.
pub fn read_with(
    path: &Path,
    header: impl Fn(&[u8]) -> Result<()>,
    each: impl FnMut(&mut Vec<Record>),
) -> Result<Option<usize>> {
    read_from(path, Position::START, header, each).map(|end| end.torn)
}

/// Like [`read_with`], from `from` on: what was appended since an earlier read ended there.
pub fn read_from(
    path: &Path,
    from: Position,
    header: impl Fn(&[u8]) -> Result<()>,
    each: impl FnMut(&mut Vec<Record>),
) -> Result<ReadEnd> {
    read_from_where(path, from, header, None, each)
}

/// Tells a line not to decode (`true`) from its bytes alone, without its `\n`; asked from
/// every decoding thread.
pub type Skip<'a> = &'a (dyn Fn(&[u8]) -> bool + Sync);

/// What one decoding thread puts its records into, its room reused block after block: a
/// vector of them, or something smaller a reader builds in that thread, off the main one.
pub trait Sink: Default + Send {
    /// Empties it for the next block, keeping its room.
    fn clear(&mut self);
    /// Takes a record, in the order written.
    fn take(&mut self, record: Record);
    /// Whether it took nothing.
    fn is_empty(&self) -> bool;
    /// Makes room for the records of `bytes` bytes of lines.
    fn reserve(&mut self, _bytes: usize) {}
    /// Takes the line at the start of `bytes` (whole lines), which starts `at` bytes into
    /// the file, without a [`Record`] being built, when it can, returning the bytes after
    /// its `\n`; with `None` the line is decoded and handed to [`Sink::take`] (or found bad)
    /// as any other.
    fn take_line<'a>(&mut self, _bytes: &'a [u8], _at: u64) -> Option<&'a [u8]> {
        None
    }
}

impl Sink for Vec<Record> {
    fn clear(&mut self) {
        Vec::clear(self);
    }
    fn take(&mut self, record: Record) {
        self.push(record);
    }
    fn is_empty(&self) -> bool {
        <[Record]>::is_empty(self)
    }
    fn reserve(&mut self, bytes: usize) {
        Vec::reserve(self, bytes / 160);
    }
}

/// Like [`read_from`], leaving out the lines `skip` names without decoding them (they are
/// still counted, so a bad line elsewhere is named by its number).
pub fn read_from_where(
    path: &Path,
    from: Position,
    header: impl Fn(&[u8]) -> Result<()>,
    skip: Option<Skip<'_>>,
    each: impl FnMut(&mut Vec<Record>),
) -> Result<ReadEnd> {
    read_into(path, from, header, skip, each)
}

/// Like [`read_from_where`], each decoding thread's records going into a [`Sink`] of the
/// caller's, handed on block by block: `each` takes one block's while the next is decoded.
pub fn read_into<S: Sink>(
    path: &Path,
    from: Position,
    header: impl Fn(&[u8]) -> Result<()>,
    skip: Option<Skip<'_>>,
    each: impl FnMut(&mut S),
) -> Result<ReadEnd> {
    let Some(file) = open(path)? else {
        return Ok(ReadEnd {
            end: from,
            torn: None,
            last: None,
        });
    };
    read_open_into(path, file, from, header, skip, each)
}

/// Opens a timeline to read it, as every read does: `None` when there is none yet.
pub fn open(path: &Path) -> Result<Option<File>> {
    guard::open(path, OpenOptions::new().read(true), "cannot read")
}

/// Like [`read_into`], from a timeline already [`open`].
pub fn read_open_into<S: Sink>(
    path: &Path,
    mut file: File,
    from: Position,
    header: impl Fn(&[u8]) -> Result<()>,
    skip: Option<Skip<'_>>,
    each: impl FnMut(&mut S),
) -> Result<ReadEnd> {
    let fail = |e| StoreError::io("cannot read", path, e);
    let end = ReadEnd {
        end: from,
        torn: None,
        last: None,
    };
    if from.offset > 0 {
        file.seek(SeekFrom::Start(from.offset)).map_err(fail)?;
    }
    thread::scope(|scope| blocks::read(scope, path, file, end, header, skip, each))
}

/// Decodes whole lines (`bytes` ends in `\n`, or is empty); the first is line `first_line`
/// of the file. The records go to `parts`, in order, one vector a thread (cleared first,
/// their room reused). Returns the number of lines.
pub fn decode(
    path: &Path,
    bytes: &[u8],
    first_line: usize,
    parts: &mut Vec<Vec<Record>>,
) -> Result<usize> {
    decode_where(path, bytes, first_line, None, parts)
}

/// Like [`decode`], leaving out the lines `skip` names. The places a [`Sink`] is told
/// count from the start of `bytes`.
fn decode_where<S: Sink>(
    path: &Path,
    bytes: &[u8],
    first_line: usize,
    skip: Option<Skip<'_>>,
    parts: &mut Vec<S>,
) -> Result<usize> {
    let pieces = split(bytes, threads());
    parts.resize_with(pieces.len().max(parts.len()), S::default);
    for part in parts.iter_mut() {
        part.clear();
    }
    let results: Vec<Decoded> = if pieces.len() == 1 {
        vec![decode_lines(bytes, 0, &mut parts[0], skip)]
    } else {
        let (first, others) = parts.split_at_mut(1);
        thread::scope(|scope| {
            let handles: Vec<_> = pieces[1..]
                .iter()
                .zip(others.iter_mut())
                .map(|(piece, out)| {
                    let at = (piece.as_ptr() as usize - bytes.as_ptr() as usize) as u64;
                    scope.spawn(move || decode_lines(piece, at, out, skip))
                })
                .collect();
            let mut results = vec![decode_lines(pieces[0], 0, &mut first[0], skip)];
            results.extend(
                handles
                    .into_iter()
                    .map(|h| h.join().expect("decoding panicked")),
            );
            results
        })
    };
    count_lines(path, first_line, results)
}

/// How many lines the pieces `decoded` hold, in order, the first being line `first_line`
/// of the file; or the first bad line, by its number.
fn count_lines(
    path: &Path,
    first_line: usize,
    decoded: impl IntoIterator<Item = Decoded>,
) -> Result<usize> {
    let mut line = first_line;
    for result in decoded {
        match result {
            Ok(lines) => line += lines,
            Err((n, e)) => {
                return Err(StoreError::Corrupt {
                    path: path.to_path_buf(),
                    line: line + n,
                    reason: e.to_string(),
                });
            }
        }
    }
    Ok(line - first_line)
}

/// One piece's number of lines, or the index of its first bad line and why.
type Decoded = std::result::Result<usize, (usize, serde_json::Error)>;

/// Decodes `piece` (whole lines), which starts `at` bytes into the file, into `records`.
fn decode_lines<S: Sink>(
    piece: &[u8],
    at: u64,
    records: &mut S,
    skip: Option<Skip<'_>>,
) -> Decoded {
    if let Some(skip) = skip {
        return decode_some(piece, records, skip);
    }
    records.reserve(piece.len());
    let mut rest = piece;
    let mut n = 0;
    while !rest.is_empty() {
        let line_at = at + (piece.len() - rest.len()) as u64;
        if let Some(after) = records.take_line(rest, line_at) {
            rest = after;
            n += 1;
            continue;
        }
        let (record, line, after) = record::parse_next(rest);
        if !line.is_empty() {
            records.take(record.map_err(|e| (n, e))?);
        }
        rest = after;
        n += 1;
    }
    Ok(n)
}

/// Like [`decode_lines`], decoding only the lines `skip` does not name.
fn decode_some<S: Sink>(piece: &[u8], records: &mut S, skip: Skip<'_>) -> Decoded {
    let mut n = 0;
    for line in piece.split(|&b| b == b'\n') {
        if !line.is_empty() && !skip(line) {
            records.take(record::parse_line(line).map_err(|e| (n, e))?);
        }
        n += 1;
    }
    // the piece ends in `\n`: what follows the last one is no line
    Ok(n - 1)
}

/// `bytes` cut into at most `n` parts of whole lines.
fn split(bytes: &[u8], n: usize) -> Vec<&[u8]> {
    if n <= 1 || bytes.len() < PARALLEL_FROM {
        return vec![bytes];
    }
    let mut parts = Vec::with_capacity(n);
    let mut rest = bytes;
    for left in (2..=n).rev() {
        let target = rest.len() / left;
        match rest[target..].iter().position(|&b| b == b'\n') {
            Some(pos) => {
                let (part, after) = rest.split_at(target + pos + 1);
                parts.push(part);
                rest = after;
            }
            None => break,
        }
    }
    parts.push(rest);
    parts.retain(|p| !p.is_empty());
    if parts.is_empty() {
        parts.push(bytes);
    }
    parts
}

/// How many threads decode a block: the cores this process may use, asked once.
fn threads() -> usize {
    static THREADS: OnceLock<usize> = OnceLock::new();
    *THREADS.get_or_init(|| {
        thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(MAX_THREADS)
    })
}

#[cfg(test)]
mod tests;
