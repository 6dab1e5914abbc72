//! Reading a whole timeline straight into the dashboard's compact [`Entries`], as
//! [`crate::timeline::Materializer`] does into a vector: in the order written, amendments
//! kept aside and applied at the end, then put in time order. Texts are not copied: each
//! interaction keeps where its words stand in the file, read when shown.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{DateTime, Utc};

use super::entries::{Entries, tag};
use super::texts::{Spot, Texts};
use crate::record::{self, Amendment, Change, Record};
use crate::session::{Session, SessionId};
use crate::store::{LastLine, Position, Sink, Store, StoreError};

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
    /// The last line read before `end`.
    pub last_line: Option<LastLine>,
}

/// Reads session `id` whole, block by block, each interaction going into the columns as
/// it is decoded, so that no vector of whole interactions is ever built. The decoding
/// threads read the common interaction line straight into a [`Piece`] (no record, no
/// string of its own, its text's place alone); this one only gathers the pieces, while
/// the next block is decoded. The entries keep the file open to read texts from.
pub fn load(store: &Store, id: &SessionId) -> Result<Loaded, StoreError> {
    let session = store.session(id)?;
    let mut builder = Builder::default();
    // guesses on the high side cost no memory: room never written is never resident, and
    // room reserved at once is never copied as it grows
    let bytes = usize::try_from(store.timeline_len(id)).unwrap_or(0);
    builder.entries.reserve(bytes / 160);
    let (read, file) = store.timeline_into(id, Position::START, |piece| builder.take(piece))?;
    builder.entries.read_from(file);
    let seen = builder.seen;
    Ok(Loaded {
        session,
        entries: builder.finish(),
        seen,
        torn_tail: read.torn,
        end: read.end,
        last_line: read.last,
    })
}

/// What one decoding thread makes of its part of a block: its interactions' columns and
/// the places of their texts (the decoded records freed there, on every core), its
/// amendments, the latest briefing seen.
#[derive(Default)]
struct Piece {
    rows: Vec<Row>,
    /// Each amendment, with how many of `rows` were written before it.
    amendments: Vec<Amendment>,
    seen: Option<DateTime<Utc>>,
    /// A text with escapes, unescaped (to check it, not kept).
    scratch: String,
}

/// An interaction in a [`Piece`].
struct Row {
    id: ulid::Ulid,
    at: DateTime<Utc>,
    tag: u8,
    text: Words,
}

/// Where an interaction's words are: in the file, or (from a line of another shape, read
/// whole) held.
enum Words {
    At(Spot),
    Held(String),
}

impl Sink for Piece {
    fn clear(&mut self) {
        self.rows.clear();
        self.amendments.clear();
        self.seen = None;
    }

    fn take(&mut self, record: Record) {
        match record {
            Record::Interaction(i) => self.rows.push(Row {
                id: i.id,
                at: i.at,
                tag: tag(i.kind, i.source),
                text: Words::Held(i.text),
            }),
            Record::Amend(a) => self.amendments.push(a),
            Record::Seen(s) if s.by_person() => self.seen = self.seen.max(Some(s.at)),
            Record::Seen(_) => {}
        }
    }

    fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.amendments.is_empty() && self.seen.is_none()
    }

    fn reserve(&mut self, bytes: usize) {
        self.rows.reserve(bytes / 160);
    }

    fn take_line<'a>(&mut self, bytes: &'a [u8], at: u64) -> Option<&'a [u8]> {
        let (i, after) = record::next_interaction(bytes, &mut self.scratch)?;
        // a line a spot cannot place is read whole, its text held
        let spot = Texts::spot(at, i.text.start, i.text.len())?;
        self.rows.push(Row {
            id: i.id,
            at: i.at,
            tag: tag(i.kind, i.source),
            text: Words::At(spot),
        });
        Some(after)
    }
}

/// Builds entries from records in the order written.
struct Builder {
    entries: Entries,
    /// Each amendment, with how many interactions had been written before it.
    amendments: Vec<Amendment>,
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
    /// Takes a decoding thread's part of a block, in the order written.
    fn take(&mut self, piece: &mut Piece) {
        self.amendments.append(&mut piece.amendments);
        self.seen = self.seen.max(piece.seen);
        self.entries.reserve(piece.rows.len());
        for row in piece.rows.drain(..) {
            let spot = match row.text {
                Words::At(spot) => spot,
                Words::Held(text) => self.entries.hold(text),
            };
            self.entries.push_spot(row.id, row.at, row.tag, spot);
        }
    }

    /// The amendments applied as [`crate::timeline::Materializer`] applies them; deleted
    /// ones left out; then time order (ties by id, then in the order written).
    fn finish(mut self) -> Entries {
        let amendments = std::mem::take(&mut self.amendments);
        let mut entries = self.entries;
        if !amendments.is_empty() {
            apply(&mut entries, amendments);
        }
        entries.seal();
        entries.sort_by_time();
        entries
    }
}

/// Hashes an id by its bits, already random in the low half: every id of the timeline is
/// looked up, and SipHash over a million of them shows.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(MIX);
        }
    }
    fn write_u128(&mut self, n: u128) {
        self.0 = (self.0 ^ n as u64 ^ (n >> 64) as u64).wrapping_mul(MIX);
    }
}

const MIX: u64 = 0x9e37_79b9_7f4a_7c15;

/// Each amendment, in the order made (by its time, ties in the order written), to the
/// latest interaction written with its target id, wherever it stands: a timeline merged from
/// two machines may hold an amendment before its target.
fn apply(entries: &mut Entries, mut amendments: Vec<Amendment>) {
    amendments.sort_by_key(|a| a.at);
    let mut at: HashMap<ulid::Ulid, Vec<usize>, BuildHasherDefault<IdHasher>> =
        amendments.iter().map(|a| (a.target, Vec::new())).collect();
    let maybe = Targets::of(at.keys());
    for (index, id) in entries.ids().iter().enumerate() {
        if maybe.may_hold(id)
            && let Some(indices) = at.get_mut(id)
        {
            indices.push(index);
        }
    }
    let mut deleted: HashMap<usize, bool> = HashMap::new();
    for amendment in amendments {
        let Some(&index) = at[&amendment.target].last() else {
            continue;
        };
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
        // `retain` asks in increasing order: one walk through `gone`
        let mut next = gone.iter().peekable();
        entries.retain(|i| next.next_if_eq(&&i).is_none());
    }
}

/// The ids amendments name, as bits picked by their random low half: a million ids are
/// passed by a bit each, and only the few that may be named are looked up.
struct Targets {
    bits: Vec<u64>,
    mask: usize,
}

impl Targets {
    fn of<'a>(ids: impl ExactSizeIterator<Item = &'a ulid::Ulid>) -> Self {
        // some 64 bits an id, so that an id not named is looked up one time in 64 or fewer
        let len = (ids.len() * 64).next_power_of_two().clamp(1 << 12, 1 << 24);
        let mut targets = Targets {
            bits: vec![0; len / 64],
            mask: len - 1,
        };
        for id in ids {
            let bit = targets.bit(id);
            targets.bits[bit / 64] |= 1 << (bit % 64);
        }
        targets
    }

    fn bit(&self, id: &ulid::Ulid) -> usize {
        (id.0 as usize ^ (id.0 >> 64) as usize) & self.mask
    }

    /// Whether `id` may be among them (`false`: it is not).
    fn may_hold(&self, id: &ulid::Ulid) -> bool {
        let bit = self.bit(id);
        self.bits[bit / 64] >> (bit % 64) & 1 == 1
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every id named is held; few others are taken for one.
    #[test]
    fn the_ids_amendments_name_are_never_passed_by() {
        let id =
            |n: u64| ulid::Ulid::from_parts(n, u128::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let named: Vec<ulid::Ulid> = (0..1000).map(|n| id(n * 7)).collect();
        let targets = Targets::of(named.iter());
        assert!(named.iter().all(|id| targets.may_hold(id)));
        let others = (0..100_000).filter(|n| n % 7 != 0).map(id);
        let taken = others.filter(|id| targets.may_hold(id)).count();
        assert!(taken < 100_000 / 20, "{taken} others taken for named ones");
        assert!(!Targets::of([].iter()).may_hold(&id(3)));
    }
}
