//! The read loop of [`super::read_into`]: while other threads decode one block of whole
//! lines, this one takes the next (read ahead, for a long read) and hands on the records
//! of the one before, so that what the caller does with them (gathering columns, for the
//! dashboard) costs no wall time of its own.

use std::fs::File;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;
use std::thread::Scope;

use super::chunks::{Chunk, Chunks};
use super::workers::Workers;
use super::{Decoded, LastLine, ReadEnd, Sink, Skip, count_lines, decode_lines, split, threads};
use crate::store::error::{Result, StoreError};

/// A block whose pieces are being decoded on other threads.
struct Decoding {
    /// The bytes read, whole lines in `lines` (the header, when there, before them).
    block: Arc<Vec<u8>>,
    /// Bytes of the block consumed: up to and with its last `\n`.
    consumed: usize,
    /// How many pieces it was cut into: piece `k` is on decoding thread `k`.
    pieces: usize,
}

/// What the loop keeps between blocks: the blocks read, room reused, the block in flight,
/// the decoding threads (started with the first block that needs them).
struct State<S> {
    chunks: Chunks,
    spare_parts: Vec<S>,
    decoding: Option<Decoding>,
    workers: Option<Workers<S>>,
}

/// Reads `file` from where `end` says on, as [`super::read_into`] describes.
pub(super) fn read<'scope, 'env, S: Sink + 'scope>(
    scope: &'scope Scope<'scope, 'env>,
    path: &'env Path,
    file: File,
    mut end: ReadEnd,
    header: impl Fn(&[u8]) -> Result<()>,
    skip: Option<Skip<'env>>,
    mut each: impl FnMut(&mut S),
) -> Result<ReadEnd> {
    let fail = |e| StoreError::io("cannot read", path, e);
    let len = file.metadata().map_err(fail)?.len();
    let mut state = State {
        chunks: Chunks::new(scope, file, len.saturating_sub(end.end.offset)),
        spare_parts: Vec::new(),
        decoding: None,
        workers: None,
    };
    loop {
        let (block, whole) = match state.chunks.next() {
            Chunk::Lines(block, whole) => (block, whole),
            Chunk::End(torn) => {
                if let Some(decoding) = state.decoding.take() {
                    let mut parts = state.finish(path, decoding, &mut end)?;
                    state.hand(&mut parts, &mut each);
                }
                end.torn = (torn > 0).then_some(torn);
                return Ok(end);
            }
            Chunk::Failed(e) => return Err(fail(e)),
        };
        let mut start = 0;
        if end.end.line == 1 {
            let stop = block
                .iter()
                .position(|&b| b == b'\n')
                .expect("a whole line");
            header(&block[..stop])?;
            start = stop + 1;
            end.end.line = 2;
        }
        let mut before = match state.decoding.take() {
            Some(decoding) => state.finish(path, decoding, &mut end)?,
            None => Vec::new(),
        };
        // the block starts at a line's start, where the read before it ended
        end.last = LastLine::of(&block[..whole], end.end.offset).or(end.last);
        let lines = start..whole;
        if split(&block[lines.clone()], threads()).len() == 1 {
            // small: decoding here costs less than starting a thread
            state.hand(&mut before, &mut each);
            let mut parts = state.decode_here(path, &block, lines, skip, &mut end)?;
            state.hand(&mut parts, &mut each);
            state.chunks.give_back(block);
        } else {
            state.start(scope, (Arc::new(block), end.end.offset), lines, skip);
            state.hand(&mut before, &mut each);
        }
    }
}

impl<S: Sink> State<S> {
    /// Starts decoding the lines `lines` of `block` (which starts `at` bytes into the file),
    /// each piece on its decoding thread.
    fn start<'scope, 'env>(
        &mut self,
        scope: &'scope Scope<'scope, 'env>,
        (block, at): (Arc<Vec<u8>>, u64),
        lines: Range<usize>,
        skip: Option<Skip<'env>>,
    ) where
        S: 'scope,
    {
        let bytes = &block[lines.clone()];
        let ranges: Vec<Range<usize>> = split(bytes, threads())
            .into_iter()
            .map(|p| {
                let from = p.as_ptr() as usize - block.as_ptr() as usize;
                from..from + p.len()
            })
            .collect();
        let workers = self
            .workers
            .get_or_insert_with(|| Workers::start(scope, threads(), skip));
        debug_assert!(ranges.len() <= workers.len());
        for (k, range) in ranges.iter().enumerate() {
            let part = self.spare_parts.pop().unwrap_or_default();
            workers.send(k, (Arc::clone(&block), at), range.clone(), part);
        }
        self.decoding = Some(Decoding {
            consumed: lines.end,
            block,
            pieces: ranges.len(),
        });
    }

    /// Decodes the lines `lines` of `block` on this thread.
    fn decode_here(
        &mut self,
        path: &Path,
        block: &[u8],
        lines: Range<usize>,
        skip: Option<Skip<'_>>,
        end: &mut ReadEnd,
    ) -> Result<Vec<S>> {
        let mut part = self.spare_parts.pop().unwrap_or_default();
        part.clear();
        let at = end.end.offset + lines.start as u64;
        let decoded = decode_lines(&block[lines.clone()], at, &mut part, skip);
        count(path, vec![(part, decoded)], lines.end, end)
    }

    /// Waits for the block in flight; its parts, in order, or its first bad line.
    fn finish(&mut self, path: &Path, decoding: Decoding, end: &mut ReadEnd) -> Result<Vec<S>> {
        let workers = self.workers.as_ref().expect("started with the block");
        let results = (0..decoding.pieces).map(|k| workers.receive(k)).collect();
        // every thread has ended: the block is this one's again, to read into
        if let Some(block) = Arc::into_inner(decoding.block) {
            self.chunks.give_back(block);
        }
        count(path, results, decoding.consumed, end)
    }

    /// Hands on the parts that took something, in order, and keeps their room.
    fn hand(&mut self, parts: &mut Vec<S>, each: &mut impl FnMut(&mut S)) {
        for part in parts.iter_mut().filter(|p| !p.is_empty()) {
            each(part);
        }
        self.spare_parts.append(parts);
    }
}

/// Moves `end` past a decoded block of `consumed` bytes; its parts, or its first bad line.
fn count<S>(
    path: &Path,
    results: Vec<(S, Decoded)>,
    consumed: usize,
    end: &mut ReadEnd,
) -> Result<Vec<S>> {
    let (parts, decoded): (Vec<S>, Vec<Decoded>) = results.into_iter().unzip();
    end.end.line += count_lines(path, end.end.line, decoded)?;
    end.end.offset += consumed as u64;
    Ok(parts)
}
