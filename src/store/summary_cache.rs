//! The summary of a session's timeline ([`Summary`]) kept in a cache file beside it, so
//! that `report` and the resume briefing read only what was appended since: derived, never
//! the source of truth. The cache says which bytes of the timeline it covers (their length,
//! the file's inode, a hash of its first bytes and of the bytes up to the end of what it
//! covers); one that does not match the file as it is now (another timeline's, a timeline
//! cut back or replaced), or that was made under another gap threshold, is rebuilt from the
//! whole timeline. Writing it is best effort and atomic: a reader that cannot write it
//! still answers from the timeline.

use std::fs::{File, OpenOptions};
use std::os::unix::fs::{FileExt, MetadataExt};
use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use ulid::Ulid;

use super::{Position, Result, Store, guard, write_atomically};
use crate::record::{self, Record};
use crate::session::SessionId;
use crate::timeline::{Materializer, Summary};

/// The cache file's name in a session's folder (derived data: ignore it in a backup or a
/// repository of the store).
pub const SUMMARY_CACHE: &str = "summary.cache.json";

/// The version of the cache's layout: another one is rebuilt, never read.
const VERSION: u32 = 1;

/// How many bytes at the start of the timeline the cache's hash covers.
const HEAD: u64 = 4096;

/// How many bytes before the end of what it covers the cache's hash covers, at least.
const TAIL: u64 = 4096;

/// How many bytes appended since the cache was written make it worth writing again:
/// folding fewer costs less than replacing the cache (and syncing it) on every read.
const REFRESH: u64 = 256 * 1024;

/// The most bytes read back to find the last line covered: a cache is not kept after a
/// longer line (the next append makes another).
const MAX_TAIL: u64 = 1 << 20;

/// The cache's first line: what it covers; its second line is the summary, as JSON.
#[derive(Serialize, Deserialize)]
struct CacheHead {
    version: u32,
    covers: Covers,
    /// The hash of the second line: a damaged cache is rebuilt, never read.
    check: u64,
    /// Whether the person's work is every interaction (no resume markers): its figures are
    /// then not written twice.
    work_is_all: bool,
}

/// Which bytes of which file a summary covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Covers {
    /// Where the next read starts: just past the last line covered.
    end: u64,
    /// That line's number, plus one.
    line: usize,
    /// The timeline's inode.
    inode: u64,
    /// The hash of the first [`HEAD`] bytes (or fewer).
    head: u64,
    /// Where the hashed bytes before `end` start: at least [`TAIL`] before it, and no later
    /// than the start of the last line covered.
    tail_from: u64,
    /// Their hash.
    tail: u64,
}

/// A session's timeline summarized (see [`Store::summary`]).
#[derive(Debug)]
pub struct Summarized {
    /// The summary.
    pub summary: Summary,
    /// The length of an incomplete last line, skipped, if any.
    pub torn_tail: Option<usize>,
    /// Whether it was made from the whole timeline (no cache, or none that matched it).
    pub rebuilt: bool,
}

impl Store {
    /// Where the summary of a session's timeline is cached.
    pub fn summary_path(&self, id: &SessionId) -> PathBuf {
        self.session_dir(id).join(SUMMARY_CACHE)
    }

    /// The summary of a session's timeline under gap `threshold`, counting the interactions
    /// after `watch` (the last freeze; with `None`, after whatever time the cache counts
    /// from, or none): the cached one with what was appended since folded
    /// in, or, when there is none that matches the timeline, one made from the whole
    /// timeline. The cache is brought up to date when that can be written.
    pub fn summary(
        &self,
        id: &SessionId,
        threshold: TimeDelta,
        watch: Option<Option<DateTime<Utc>>>,
    ) -> Result<Summarized> {
        let dir = self.checked_session_dir(id)?;
        let (timeline, cache) = (dir.join(super::TIMELINE_FILE), dir.join(SUMMARY_CACHE));
        let mut last = None;
        let cached = super::session_timeline::file_len(&timeline) >= self.summary_from;
        let loaded = cached.then(|| load(&cache, &timeline, threshold, watch));
        if let Some((mut summary, from)) = loaded.flatten() {
            let mut sound = true;
            let read = self.timeline_from(id, from, |block| {
                last = block.last().map(Record::id).or(last);
                for record in block.drain(..) {
                    sound = sound && summary.fold(record);
                }
            })?;
            if sound {
                let grown = read.end.offset - from.offset;
                if let Some(last) = last.filter(|_| grown >= REFRESH) {
                    save(&cache, &timeline, &summary, read.end, last);
                }
                return Ok(Summarized {
                    summary,
                    torn_tail: read.torn,
                    rebuilt: false,
                });
            }
        }
        let mut interactions = Materializer::default();
        last = None;
        let read = self.timeline_from(id, Position::START, |block| {
            last = block.last().map(Record::id).or(last);
            interactions.extend(block.drain(..));
        })?;
        let seen = interactions.seen();
        let summary = Summary::build(interactions.finish(), seen, threshold, watch.flatten());
        if let Some(last) = last.filter(|_| cached) {
            save(&cache, &timeline, &summary, read.end, last);
        }
        Ok(Summarized {
            summary,
            torn_tail: read.torn,
            rebuilt: true,
        })
    }
}

/// The cached summary and where the timeline's bytes it does not cover start, when the
/// cache matches the timeline as it is and was made under `threshold`, watching `watch`
/// (any time when `None`).
fn load(
    cache: &Path,
    timeline: &Path,
    threshold: TimeDelta,
    watch: Option<Option<DateTime<Utc>>>,
) -> Option<(Summary, Position)> {
    let bytes = guard::read(cache).ok()??;
    let split = memchr::memchr(b'\n', &bytes)?;
    let file: CacheHead = serde_json::from_slice(&bytes[..split]).ok()?;
    let body = &bytes[split + 1..];
    if file.version != VERSION || hash(body) != file.check {
        return None;
    }
    let mut summary: Summary = serde_json::from_slice(body).ok()?;
    if file.work_is_all {
        summary.work = summary.all.clone();
    }
    let watched = summary.watch.map(|w| w.at);
    if summary.threshold != threshold || watch.is_some_and(|w| w != watched) {
        return None;
    }
    let timeline = guard::open(timeline, OpenOptions::new().read(true), "cannot read").ok()??;
    let (end, line) = (file.covers.end, file.covers.line);
    let mut now = covers(&timeline, end, file.covers.tail_from)?;
    now.line = line;
    (now == file.covers).then_some((summary, Position { offset: end, line }))
}

/// Writes the cache of `summary`, which covers `timeline` up to `end`, the last line there
/// being the record of id `last`; not when the file no longer holds that line there (cut
/// back and written again since it was read). Best effort: a cache that cannot be written
/// is made again next time.
fn save(cache: &Path, timeline: &Path, summary: &Summary, end: Position, last: Ulid) {
    let Ok(Some(file)) = guard::open(timeline, OpenOptions::new().read(true), "cannot read") else {
        return;
    };
    let Some(tail_from) = last_line_start(&file, end.offset, last) else {
        return;
    };
    let tail_from = tail_from.min(end.offset.saturating_sub(TAIL));
    let Some(mut covers) = covers(&file, end.offset, tail_from) else {
        return;
    };
    covers.line = end.line;
    let work_is_all = summary.work == summary.all;
    let body = match work_is_all {
        true => serde_json::to_vec(&Summary {
            work: Default::default(),
            ..summary.clone()
        }),
        false => serde_json::to_vec(summary),
    };
    let Ok(mut body) = body else {
        return;
    };
    body.push(b'\n');
    let head = CacheHead {
        version: VERSION,
        covers,
        check: hash(&body),
        work_is_all,
    };
    if let Ok(mut bytes) = serde_json::to_vec(&head) {
        bytes.push(b'\n');
        bytes.extend_from_slice(&body);
        let _ = write_atomically(cache, &bytes);
    }
}

/// Where the last line before `end` starts, when it is the record of id `last`.
fn last_line_start(file: &File, end: u64, last: Ulid) -> Option<u64> {
    let mut window = TAIL;
    loop {
        let from = end.saturating_sub(window);
        let bytes = read_at(file, from, end)?;
        let (line, rest) = bytes.split_last()?;
        if *line != b'\n' {
            return None;
        }
        match memchr::memrchr(b'\n', rest) {
            Some(at) => {
                let id = record::parse_line(&rest[at + 1..]).ok()?.id();
                return (id == last).then_some(from + at as u64 + 1);
            }
            None if from == 0 || window >= MAX_TAIL => return None,
            None => window *= 4,
        }
    }
}

/// What the cache records of `file` when it covers it up to `end` (its line number left
/// 0), hashing from `tail_from`; `None` when the file is shorter.
fn covers(file: &File, end: u64, tail_from: u64) -> Option<Covers> {
    let meta = file.metadata().ok()?;
    if meta.len() < end || tail_from > end {
        return None;
    }
    Some(Covers {
        end,
        line: 0,
        inode: meta.ino(),
        head: hash(&read_at(file, 0, end.min(HEAD))?),
        tail_from,
        tail: hash(&read_at(file, tail_from, end)?),
    })
}

fn read_at(file: &File, from: u64, to: u64) -> Option<Vec<u8>> {
    let mut bytes = vec![0; usize::try_from(to.checked_sub(from)?).ok()?];
    file.read_exact_at(&mut bytes, from).ok()?;
    Some(bytes)
}

/// A 64-bit hash in the manner of FNV-1a, eight bytes at a time: enough to tell damaged or
/// other bytes from the ones covered (no one gains anything by forging a cache of their own
/// timeline).
fn hash(bytes: &[u8]) -> u64 {
    let mix = |hash: u64, word: u64| (hash ^ word).wrapping_mul(0x0100_0000_01b3).rotate_left(29);
    let mut words = bytes.chunks_exact(8);
    let mut h = words
        .by_ref()
        .fold(0xcbf2_9ce4_8422_2325 ^ bytes.len() as u64, |h, w| {
            mix(h, u64::from_le_bytes(w.try_into().expect("eight bytes")))
        });
    for &b in words.remainder() {
        h = mix(h, u64::from(b));
    }
    h
}
