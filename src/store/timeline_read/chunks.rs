//! The bytes of a timeline in blocks of whole lines, read on the calling thread or, for a
//! long read, on a thread of their own: the copy out of the page cache is then off the
//! thread that hands the records on, the one that bounds how long a whole load takes.

use std::fs::File;
use std::io::{self, Read};
use std::sync::mpsc::{Receiver, Sender, channel, sync_channel};
use std::thread::Scope;

use super::BLOCK;

/// A read this long or longer is read ahead on a thread of its own.
const AHEAD: u64 = 4 * BLOCK as u64;

/// What a read gives next.
pub(super) enum Chunk {
    /// A block whose bytes up to the given length are whole lines; the rest is room.
    Lines(Vec<u8>, usize),
    /// The end of the file, with the length of an incomplete last line (0 when none).
    End(usize),
    /// The read failed.
    Failed(io::Error),
}

/// Blocks of whole lines from a file, read here or ahead on a thread of their own; the
/// room of blocks given back is reused.
pub(super) enum Chunks {
    /// Read when asked, on the asking thread.
    Here(Reader),
    /// Read ahead, one block waiting at most.
    Ahead {
        blocks: Receiver<Chunk>,
        spent: Sender<Vec<u8>>,
    },
}

impl Chunks {
    /// Reads `file` to its end, `left` bytes as far as is known: ahead, on a thread of
    /// `scope`, when that is long.
    pub(super) fn new<'scope>(scope: &'scope Scope<'scope, '_>, file: File, left: u64) -> Self {
        let mut reader = Reader {
            file,
            buf: vec![0; BLOCK],
            filled: 0,
            spare: Vec::new(),
        };
        if left < AHEAD {
            return Chunks::Here(reader);
        }
        let (ready, blocks) = sync_channel(1);
        let (spent, given_back) = channel();
        scope.spawn(move || {
            loop {
                reader.spare.extend(given_back.try_iter());
                let chunk = reader.next();
                let last = !matches!(chunk, Chunk::Lines(..));
                // a reader that stopped early (a bad line) wants no more
                if ready.send(chunk).is_err() || last {
                    return;
                }
            }
        });
        Chunks::Ahead { blocks, spent }
    }

    /// The next block of whole lines, or the end.
    pub(super) fn next(&mut self) -> Chunk {
        match self {
            Chunks::Here(reader) => reader.next(),
            Chunks::Ahead { blocks, .. } => blocks
                .recv()
                .unwrap_or_else(|_| Chunk::Failed(io::Error::other("the reading thread stopped"))),
        }
    }

    /// Gives a block's room back, for a later one.
    pub(super) fn give_back(&mut self, block: Vec<u8>) {
        match self {
            Chunks::Here(reader) => reader.spare.push(block),
            Chunks::Ahead { spent, .. } => {
                let _ = spent.send(block);
            }
        }
    }
}

/// Reads a file into blocks that end with a whole line; what follows that line starts
/// the next block.
pub(super) struct Reader {
    file: File,
    buf: Vec<u8>,
    filled: usize,
    spare: Vec<Vec<u8>>,
}

impl Reader {
    fn next(&mut self) -> Chunk {
        loop {
            if self.filled == self.buf.len() {
                // one line longer than the block: the block grows
                let len = self.buf.len() * 2;
                self.buf.resize(len, 0);
            }
            let n = match self.file.read(&mut self.buf[self.filled..]) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Chunk::Failed(e),
            };
            self.filled += n;
            if n == 0 {
                return Chunk::End(std::mem::take(&mut self.filled));
            }
            let whole = &self.buf[..self.filled];
            let Some(last) = whole.iter().rposition(|&b| b == b'\n') else {
                continue;
            };
            // new room zeroed by the allocator: its pages are touched only as they are read
            // into, where `resize` would write every one of them first
            let mut next = self.spare.pop().unwrap_or_else(|| vec![0; self.buf.len()]);
            if next.len() < self.buf.len() {
                next.resize(self.buf.len(), 0);
            }
            let rest = self.filled - last - 1;
            next[..rest].copy_from_slice(&self.buf[last + 1..self.filled]);
            self.filled = rest;
            return Chunk::Lines(std::mem::replace(&mut self.buf, next), last + 1);
        }
    }
}
