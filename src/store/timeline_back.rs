//! Reading a timeline from its end back to its start, block by block: the newest lines
//! come first, in memory bounded by the block, and a reader that stops early (a search that
//! has found enough) never reads the rest.
//!
//! The reader hands on the bytes of whole lines; the caller picks the lines worth decoding
//! (a search looks at the bytes first) and decodes them with [`BackBlock::decode`], the
//! same decoder every read uses, so what is accepted and what a damaged line says are the
//! same as for a read from the start.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::{FileExt, MetadataExt};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::Store;
use super::error::{Result, StoreError};
use super::guard;
use super::timeline_end::{corrupt_at, newline_before};
use super::timeline_file::check_header;
use crate::record::{self, Record};
use crate::session::{Session, SessionId};

/// The first block read: small, so that the newest lines come at once.
const FIRST_BLOCK: usize = 16 << 10;

/// The largest block read: each block doubles the last, up to this.
const MAX_BLOCK: usize = 4 << 20;

/// A timeline read from its end back to its start (see [`Store::timeline_backwards`]).
///
/// The file is opened for each block and closed again, so that a search over hundreds of
/// sessions holds no file open between blocks; a file put in the place of the one being
/// read (a repair) is refused rather than read from the middle of other lines.
#[derive(Debug)]
pub struct Backwards {
    path: PathBuf,
    /// The file read (device and inode), once opened.
    identity: Option<(u64, u64)>,
    /// The bytes not yet handed on end here, at the start of a line.
    end: u64,
    /// The length of an incomplete last line (skipped), once opened.
    torn: Option<usize>,
    /// The next block's size.
    size: usize,
    /// Whether every line has been handed on.
    done: bool,
    buf: Vec<u8>,
}

/// Whole lines of a timeline, in the order written, handed on newest block first.
#[derive(Debug)]
pub struct BackBlock<'a> {
    path: &'a Path,
    bytes: &'a [u8],
    offset: u64,
}

impl BackBlock<'_> {
    /// The bytes: whole lines, each ending in `\n`.
    pub fn bytes(&self) -> &[u8] {
        self.bytes
    }

    /// Where the block starts in the file.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// The lines, the last written first: each line's start in the block and its bytes
    /// (without the `\n`).
    pub fn lines_back(&self) -> impl Iterator<Item = (usize, &[u8])> + '_ {
        let bytes = self.bytes;
        let mut end = bytes.len().saturating_sub(1); // the last line's `\n`
        let mut finished = bytes.is_empty();
        std::iter::from_fn(move || {
            if finished {
                return None;
            }
            let start = memchr::memrchr(b'\n', &bytes[..end]).map_or(0, |at| at + 1);
            let line = (start, &bytes[start..end]);
            finished = start == 0;
            end = start.saturating_sub(1);
            Some(line)
        })
    }

    /// The start of the line holding byte `at`, and its end (its `\n`).
    pub fn line_around(&self, at: usize) -> (usize, usize) {
        let start = memchr::memrchr(b'\n', &self.bytes[..at]).map_or(0, |n| n + 1);
        let end = memchr::memchr(b'\n', &self.bytes[at..]).map_or(self.bytes.len(), |n| at + n);
        (start, end)
    }

    /// Decodes the line starting at `start` (whose bytes are `line`) with the decoder every
    /// read uses; a damaged line is an error naming its file and line number.
    pub fn decode(&self, start: usize, line: &[u8]) -> Result<Record> {
        record::parse_line(line).map_err(|e| corrupt_at(self.path, self.offset + start as u64, e))
    }
}

impl Backwards {
    fn new(path: PathBuf) -> Self {
        Backwards {
            path,
            identity: None,
            end: 0,
            torn: None,
            size: FIRST_BLOCK,
            done: false,
            buf: Vec::new(),
        }
    }

    /// The length of an incomplete last line, which is skipped (known once a block is read).
    pub fn torn(&self) -> Option<usize> {
        self.torn
    }

    /// The next block back, `None` once the header is reached. The header is checked on the
    /// first read (a newer format is refused before anything is handed on).
    pub fn next_block(&mut self) -> Result<Option<BackBlock<'_>>> {
        let mut buf = std::mem::take(&mut self.buf);
        let read = self.advance(&mut buf);
        self.buf = buf;
        Ok(read?.map(|(from, offset)| BackBlock {
            path: &self.path,
            bytes: &self.buf[from..],
            offset,
        }))
    }

    /// Like [`Backwards::next_block`], the block read into `buf`: readers of many timelines
    /// share one buffer, so memory stays that of one block however many there are.
    pub fn next_block_in<'a>(&'a mut self, buf: &'a mut Vec<u8>) -> Result<Option<BackBlock<'a>>> {
        Ok(self.advance(buf)?.map(|(from, offset)| BackBlock {
            path: &self.path,
            bytes: &buf[from..],
            offset,
        }))
    }

    /// Reads the next block back into `buf`: where its whole lines start there and in the
    /// file, `None` once there are no more.
    fn advance(&mut self, buf: &mut Vec<u8>) -> Result<Option<(usize, u64)>> {
        let fail = |e| StoreError::io("cannot read", &self.path, e);
        if self.done {
            return Ok(None);
        }
        let Some(file) = guard::open(&self.path, OpenOptions::new().read(true), "cannot read")?
        else {
            self.done = true;
            return Ok(None);
        };
        let meta = file.metadata().map_err(fail)?;
        match self.identity {
            None => {
                self.identity = Some((meta.dev(), meta.ino()));
                if !self.start(&file, meta.len())? {
                    self.done = true;
                    return Ok(None);
                }
            }
            Some(identity) if identity != (meta.dev(), meta.ino()) || meta.len() < self.end => {
                return Err(fail(io::Error::other(
                    "the file was replaced while it was read; read it again",
                )));
            }
            Some(_) => {}
        }
        let (from, offset) = self.read_whole_lines(&file, buf)?;
        Ok((from < buf.len()).then_some((from, offset)))
    }

    /// Checks the header and finds where the whole lines end; `false` when there is none.
    fn start(&mut self, file: &File, len: u64) -> Result<bool> {
        if len == 0 {
            return Ok(false);
        }
        check_header(&self.path, file)?;
        let fail = |e| StoreError::io("cannot read", &self.path, e);
        let Some(last) = newline_before(file, len).map_err(fail)? else {
            self.torn = Some(len as usize); // not one whole line: the header was cut short
            return Ok(false);
        };
        self.end = last + 1;
        self.torn = (len > self.end).then(|| (len - self.end) as usize);
        Ok(true)
    }

    /// Reads back from `end` to the start of a line: returns where the whole lines start in
    /// the buffer and in the file. At the start of the file the header is left out.
    fn read_whole_lines(&mut self, file: &File, buf: &mut Vec<u8>) -> Result<(usize, u64)> {
        let fail = |e| StoreError::io("cannot read", &self.path, e);
        loop {
            let start = self.end.saturating_sub(self.size as u64);
            buf.resize((self.end - start) as usize, 0);
            file.read_exact_at(buf, start).map_err(fail)?;
            // the first `\n` ends a line that began before `start` (or, at 0, the header)
            let first = memchr::memchr(b'\n', buf).expect("the bytes end in a newline");
            if start > 0 && first + 1 == buf.len() {
                self.size = self.size.saturating_mul(2); // one line longer than the block
                continue;
            }
            self.done = start == 0;
            self.end = if self.done {
                0
            } else {
                start + first as u64 + 1
            };
            self.size = (self.size * 2).clamp(FIRST_BLOCK, MAX_BLOCK);
            return Ok((first + 1, start + first as u64 + 1));
        }
    }
}

impl Store {
    /// A session's timeline read from its end back to its start, block by block (see
    /// [`Backwards`]); nothing is read until the first block is asked for.
    pub fn timeline_backwards(&self, id: &SessionId) -> Result<Backwards> {
        let dir = self.checked_session_dir(id)?;
        Ok(Backwards::new(dir.join(super::TIMELINE_FILE)))
    }

    /// A session's whole timeline, handed to `each` block by block from the end back, the
    /// newest record of each block first; returns the length of an incomplete last line.
    pub fn timeline_back_with(
        &self,
        id: &SessionId,
        mut each: impl FnMut(&mut Vec<Record>),
    ) -> Result<Option<usize>> {
        let mut back = self.timeline_backwards(id)?;
        let mut records = Vec::new();
        while let Some(block) = back.next_block()? {
            for (start, line) in block.lines_back() {
                records.push(block.decode(start, line)?);
            }
            each(&mut records);
            records.clear();
        }
        Ok(back.torn())
    }

    /// One session without its snapshots (most of its file, and of no use to a search or a
    /// list): otherwise what [`Store::session`] reads, with the same errors.
    pub fn session_plan(&self, id: &SessionId) -> Result<Session> {
        let path = self.checked_session_dir(id)?.join(super::SESSION_FILE);
        let mut plan = super::session_head::without_snapshots(&path, || self.session(id))?;
        plan.id = id.clone();
        Ok(plan)
    }

    /// When a session's files were last written (the later of its `session.json` and its
    /// timeline): no record in them is much later than that, since tether refuses times in
    /// the future. `None` when neither can be looked at.
    pub fn written(&self, id: &SessionId) -> Option<SystemTime> {
        [self.session_path(id), self.timeline_path(id)]
            .iter()
            .filter_map(|path| std::fs::symlink_metadata(path).ok()?.modified().ok())
            .max()
    }
}
