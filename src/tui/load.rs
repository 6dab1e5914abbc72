//! Reading a whole timeline straight into the dashboard's compact [`Entries`], as
//! [`crate::timeline::Materializer`] does into a vector: in the order written, amendments
//! kept aside and applied at the end, then put in time order.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::entries::Entries;
use crate::record::{Amendment, Change, Record};
use crate::session::{Session, SessionId};
use crate::store::{Position, Store, StoreError};

/// A session read whole into compact entries.
pub struct Loaded {
    /// The session.
    pub session: Session,
    /// Its interactions in time order, amendments applied.
    pub entries: Entries,
    /// When the person last saw a briefing of it.
    pub seen: Option<DateTime<Utc>>,
    /// Bytes of an incomplete last line, if any.
    pub torn_tail: Option<usize>,
    /// Where the read ended.
    pub end: Position,
}

/// Reads session `id` whole, block by block, each interaction going into the columns as
/// it is decoded, so that no vector of whole interactions is ever built.
pub fn load(store: &Store, id: &SessionId) -> Result<Loaded, StoreError> {
    let session = store.session(id)?;
    let mut builder = Builder::default();
    let read = store.timeline_from(id, Position::START, |block| {
        builder.entries.reserve(block.len());
        for record in block.drain(..) {
            builder.push(record);
        }
    })?;
    let seen = builder.seen;
    Ok(Loaded {
        session,
        entries: builder.finish(),
        seen,
        torn_tail: read.torn,
        end: read.end,
    })
}

/// Builds entries from records in the order written.
struct Builder {
    entries: Entries,
    /// Each amendment, with how many interactions had been written before it.
    amendments: Vec<(usize, Amendment)>,
    seen: Option<DateTime<Utc>>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            entries: Entries::new(),
            amendments: Vec::new(),
            seen: None,
        }
    }
}

impl Builder {
    fn push(&mut self, record: Record) {
        match record {
            Record::Interaction(i) => self.entries.push(&i),
            Record::Amend(a) => self.amendments.push((self.entries.len(), a)),
            Record::Seen(s) if s.by_person() => self.seen = self.seen.max(Some(s.at)),
            Record::Seen(_) => {}
        }
    }

    /// Each amendment applied to the latest interaction with its target id written before
    /// it; deleted ones left out; then time order (ties keep the order written).
    fn finish(mut self) -> Entries {
        let amendments = std::mem::take(&mut self.amendments);
        let mut entries = self.entries;
        if !amendments.is_empty() {
            apply(&mut entries, amendments);
        }
        entries.sort_by_time();
        entries.seal();
        entries
    }
}

fn apply(entries: &mut Entries, amendments: Vec<(usize, Amendment)>) {
    let mut at: HashMap<ulid::Ulid, Vec<usize>> = amendments
        .iter()
        .map(|(_, a)| (a.target, Vec::new()))
        .collect();
    for (index, id) in entries.ids().iter().enumerate() {
        if let Some(indices) = at.get_mut(id) {
            indices.push(index);
        }
    }
    let mut deleted: HashMap<usize, bool> = HashMap::new();
    for (before, amendment) in amendments {
        let target = at[&amendment.target].iter().rev().find(|&&i| i < before);
        let Some(&index) = target else { continue };
        match amendment.change {
            Change::Deleted(gone) => {
                deleted.insert(index, gone);
            }
            change => entries.amend(index, change),
        }
    }
    let mut gone: Vec<usize> = deleted
        .into_iter()
        .filter_map(|(i, g)| g.then_some(i))
        .collect();
    if !gone.is_empty() {
        gone.sort_unstable();
        entries.retain(|i| gone.binary_search(&i).is_err());
    }
}

/// A commit and a branch, each when recorded.
pub type HeadBranch = (Option<String>, Option<String>);

/// The commit and branch interaction `id` of session `id` recorded, read from the end of
/// its timeline back to the latest line with that id; `None` when no line has it.
pub fn head_of(
    store: &Store,
    session: &SessionId,
    id: ulid::Ulid,
) -> Result<Option<HeadBranch>, StoreError> {
    let needle = id.to_string();
    let mut back = store.timeline_backwards(session)?;
    while let Some(block) = back.next_block()? {
        for (start, line) in block.lines_back() {
            if !contains(line, needle.as_bytes()) {
                continue;
            }
            if let Ok(Record::Interaction(i)) = block.decode(start, line)
                && i.id == id
            {
                return Ok(Some((i.head, i.branch)));
            }
        }
    }
    Ok(None)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}
