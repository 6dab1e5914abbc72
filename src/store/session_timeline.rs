//! A session's timeline read through the store: found in the session's checked folder,
//! whole, block by block, from where an earlier read ended, or only its end.

use std::fs;
use std::path::Path;

use super::timeline_read::{self, LastLine, ReadEnd, Sink};
use super::{Position, Result, Store, TIMELINE_FILE, TimelineRead, timeline_end, timeline_file};
use crate::record::Record;
use crate::session::SessionId;

/// How many bytes at the end of a timeline hold its recent records.
const RECENT_BYTES: u64 = 64 * 1024;

/// How many bytes at the end of a timeline hold its latest interaction, as a rule.
const LATEST_BYTES: u64 = 4 * 1024;

impl Store {
    /// A session's whole timeline as written (amendments not yet applied).
    pub fn timeline(&self, id: &SessionId) -> Result<TimelineRead> {
        let dir = self.checked_session_dir(id)?;
        timeline_file::read(&dir.join(TIMELINE_FILE))
    }

    /// A session's whole timeline, handed to `each` block by block in the order written (to
    /// take out of the vector), so the file's bytes are never all in memory; returns the
    /// length of an incomplete last line, if any.
    pub fn timeline_with(
        &self,
        id: &SessionId,
        each: impl FnMut(&mut Vec<Record>),
    ) -> Result<Option<usize>> {
        let dir = self.checked_session_dir(id)?;
        timeline_file::read_with(&dir.join(TIMELINE_FILE), each)
    }

    /// The records appended to a session's timeline since an earlier read ended at `from`,
    /// handed to `each` block by block; returns where this read ended.
    pub fn timeline_from(
        &self,
        id: &SessionId,
        from: Position,
        each: impl FnMut(&mut Vec<Record>),
    ) -> Result<ReadEnd> {
        let dir = self.checked_session_dir(id)?;
        timeline_file::read_from(&dir.join(TIMELINE_FILE), from, each)
    }

    /// Like [`Store::timeline_from`], each decoding thread's records going into a [`Sink`]
    /// of the caller's, so that what it does with each runs on every core. The file read is
    /// given back open, when there is one: a line is read again from it by its place, even
    /// once the store has put another file in its place.
    pub fn timeline_into<S: Sink>(
        &self,
        id: &SessionId,
        from: Position,
        each: impl FnMut(&mut S),
    ) -> Result<(ReadEnd, Option<std::fs::File>)> {
        let dir = self.checked_session_dir(id)?;
        timeline_file::read_into(&dir.join(TIMELINE_FILE), from, each)
    }

    /// Whether a session's timeline still holds `last` where a read found it, ending just
    /// before `end`: what makes reading on from `end` read what was appended, and nothing
    /// else (not when the file was cut back and written again, or replaced by another).
    pub fn timeline_holds(&self, id: &SessionId, last: &LastLine, end: Position) -> bool {
        let Ok(dir) = self.checked_session_dir(id) else {
            return false;
        };
        match timeline_read::open(&dir.join(TIMELINE_FILE)) {
            Ok(Some(file)) => last.still_in(&file, end.offset),
            _ => false,
        }
    }

    /// The length in bytes of a session's timeline (0 when it has none yet, or something
    /// else than a file stands there, which reading it refuses).
    pub fn timeline_len(&self, id: &SessionId) -> u64 {
        file_len(&self.timeline_path(id))
    }

    /// The records at the end of a session's timeline, read in O(1) of its size.
    pub fn recent(&self, id: &SessionId) -> Result<Vec<Record>> {
        let dir = self.checked_session_dir(id)?;
        timeline_end::read_recent(&dir.join(TIMELINE_FILE), RECENT_BYTES)
    }

    /// The records at the very end of a session's timeline, its last interaction among
    /// them: what the time of its latest interaction is read from, in O(1) and a few KB,
    /// so that a list of hundreds of missions reads no timeline more than that.
    pub fn latest(&self, id: &SessionId) -> Result<Vec<Record>> {
        let dir = self.checked_session_dir(id)?;
        timeline_end::read_recent(&dir.join(TIMELINE_FILE), LATEST_BYTES)
    }
}

/// The length in bytes of the file at `path` (0 when there is none, or something else than
/// a file stands there).
pub(super) fn file_len(path: &Path) -> u64 {
    fs::symlink_metadata(path)
        .ok()
        .filter(|m| m.is_file())
        .map_or(0, |m| m.len())
}
