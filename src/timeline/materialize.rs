//! Applying amendments to a timeline, fed record by record or block by block.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{DateTime, Utc};
use ulid::Ulid;

use crate::record::{Amendment, Change, Record};
use crate::session::Interaction;

/// What a reader keeps of each interaction: the whole of it, or only its id and time.
pub trait Row: From<Interaction> {
    /// The interaction's id.
    fn id(&self) -> Ulid;
    /// When it happened.
    fn at(&self) -> DateTime<Utc>;
    /// Makes one change to it; a deletion (or a restoration) is not made but returned.
    fn change(&mut self, change: Change) -> Option<bool>;
}

impl Row for Interaction {
    fn id(&self) -> Ulid {
        self.id
    }
    fn at(&self) -> DateTime<Utc> {
        self.at
    }
    fn change(&mut self, change: Change) -> Option<bool> {
        apply_change(self, change)
    }
}

/// An interaction's id and time, all that counting and timing it needs: a million of them
/// take 28 MB, not the hundreds their texts would.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Moment {
    /// The interaction's id.
    pub id: Ulid,
    /// When it happened.
    pub at: DateTime<Utc>,
}

impl From<Interaction> for Moment {
    fn from(i: Interaction) -> Self {
        Moment { id: i.id, at: i.at }
    }
}

impl Row for Moment {
    fn id(&self) -> Ulid {
        self.id
    }
    fn at(&self) -> DateTime<Utc> {
        self.at
    }
    fn change(&mut self, change: Change) -> Option<bool> {
        match change {
            Change::At(at) => self.at = at,
            Change::Deleted(gone) => return Some(gone),
            Change::Text(_) | Change::Kind(_) => {}
        }
        None
    }
}

/// Builds the interactions of a timeline from its records, in the order written.
///
/// Interactions go straight into their final vector; only amendments (a few in a thousand)
/// are kept aside and matched to their targets at the end, through a small map.
#[derive(Debug)]
pub struct Materializer<R = Interaction> {
    interactions: Vec<R>,
    /// Each amendment, with how many interactions had been written before it.
    amendments: Vec<(usize, Amendment)>,
    /// When the person last saw a briefing.
    seen: Option<DateTime<Utc>>,
}

impl<R> Default for Materializer<R> {
    fn default() -> Self {
        Materializer {
            interactions: Vec::new(),
            amendments: Vec::new(),
            seen: None,
        }
    }
}

impl<R: Row> Materializer<R> {
    /// Takes the next record.
    pub fn push(&mut self, record: Record) {
        match record {
            Record::Interaction(i) => self.interactions.push(R::from(i)),
            Record::Amend(a) => self.amendments.push((self.interactions.len(), a)),
            Record::Seen(s) if s.by_person() => self.seen = self.seen.max(Some(s.at)),
            Record::Seen(_) => {}
        }
    }

    /// When the person last saw a briefing, of the records taken so far.
    pub fn seen(&self) -> Option<DateTime<Utc>> {
        self.seen
    }

    /// Takes the next records.
    pub fn extend(&mut self, records: impl IntoIterator<Item = Record>) {
        let records = records.into_iter();
        self.interactions.reserve(records.size_hint().0);
        for record in records {
            self.push(record);
        }
    }

    /// The interactions in time order (ties by id: the order they were made), amendments applied
    /// in the order they were made (by their time, ties in the order written),
    /// each to the latest interaction written with its target id, wherever it stands: a
    /// timeline merged from two machines may hold an amendment before the record it
    /// amends. Deleted ones are left out.
    pub fn finish(self) -> Vec<R> {
        let Materializer {
            mut interactions,
            amendments,
            ..
        } = self;
        if !amendments.is_empty() {
            apply(&mut interactions, amendments);
        }
        // ties by id, the order they were made: a merged timeline may hold them in any order
        let key = |r: &R| (r.at(), r.id());
        if !interactions.is_sorted_by_key(key) {
            interactions.sort_by_key(key);
        }
        interactions
    }
}

/// Makes one change to an interaction. A deletion (or a restoration) is not made but
/// returned: whether the interaction is gone is its reader's to keep.
pub(super) fn apply_change(interaction: &mut Interaction, change: Change) -> Option<bool> {
    match change {
        Change::Text(text) => interaction.text = text,
        Change::Deleted(gone) => return Some(gone),
        Change::At(at) => interaction.at = at,
        Change::Kind(kind) => interaction.kind = kind,
    }
    None
}

/// A map keyed by ULIDs, which are random enough to be their own hash.
pub(super) type UlidMap<V> = HashMap<Ulid, V, BuildHasherDefault<UlidHasher>>;

/// Folds a ULID's 128 bits into 64; anything else falls back to FNV-1a.
#[derive(Default)]
pub(super) struct UlidHasher(u64);

impl Hasher for UlidHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u128(&mut self, n: u128) {
        self.0 ^= (n as u64) ^ ((n >> 64) as u64).rotate_left(17);
    }
}

fn apply<R: Row>(interactions: &mut Vec<R>, mut amendments: Vec<(usize, Amendment)>) {
    // in the order made, so that two machines whose files hold the same amendments in
    // another order agree (a stable sort: the order written breaks ties)
    amendments.sort_by_key(|(_, a)| a.at);
    let mut at: UlidMap<Vec<usize>> = amendments
        .iter()
        .map(|(_, a)| (a.target, Vec::new()))
        .collect();
    for (index, interaction) in interactions.iter().enumerate() {
        if let Some(indices) = at.get_mut(&interaction.id()) {
            indices.push(index);
        }
    }
    let mut deleted: HashMap<usize, bool> = HashMap::new();
    for (_, amendment) in amendments {
        let Some(&index) = at[&amendment.target].last() else {
            continue;
        };
        if let Some(gone) = interactions[index].change(amendment.change) {
            deleted.insert(index, gone);
        }
    }
    at.clear();
    let mut gone: Vec<usize> = deleted
        .into_iter()
        .filter_map(|(i, g)| g.then_some(i))
        .collect();
    if gone.is_empty() {
        return;
    }
    gone.sort_unstable();
    let mut next = gone.into_iter().peekable();
    let mut index = 0;
    interactions.retain(|_| {
        let keep = next.peek() != Some(&index);
        if !keep {
            next.next();
        }
        index += 1;
        keep
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{Kind, Source};

    fn note(n: u64, text: &str) -> Record {
        Record::Interaction(Interaction {
            id: Ulid::from_parts(n, 0),
            at: "2025-08-15T10:00:00Z".parse().unwrap(),
            kind: Kind::Note,
            source: Source::Cli,
            text: text.into(),
            head: None,
            branch: None,
        })
    }

    fn amend(target: u64, change: Change) -> Record {
        Record::Amend(Amendment {
            id: Ulid::from_parts(1000 + target, 0),
            at: "2025-08-15T11:00:00Z".parse().unwrap(),
            target: Ulid::from_parts(target, 0),
            change,
        })
    }

    #[test]
    fn an_amendment_merged_before_its_target_applies_when_the_target_arrives() {
        let later = |record: Record, at: &str| match record {
            Record::Amend(a) => Record::Amend(Amendment {
                at: at.parse().unwrap(),
                ..a
            }),
            other => other,
        };
        // as a merge of two machines' files leaves them: the other machine's later edit
        // first, before the note it edits, and this machine's earlier edit last
        let records = [
            later(
                amend(1, Change::Text("edited later".into())),
                "2025-08-15T12:00:00Z",
            ),
            amend(2, Change::Deleted(true)),
            note(1, "first"),
            note(2, "second"),
            amend(1, Change::Text("edited".into())),
        ];
        for size in 1..=records.len() {
            let mut m = Materializer::<Interaction>::default();
            for block in records.chunks(size) {
                m.extend(block.to_vec());
            }
            let texts: Vec<String> = m.finish().into_iter().map(|i| i.text).collect();
            assert_eq!(texts, ["edited later"], "blocks of {size}");
        }
    }

    #[test]
    fn an_amendment_moves_an_interaction_in_time_and_changes_its_kind() {
        let earlier = "2025-08-15T09:00:00Z".parse().unwrap();
        let records = [
            note(1, "first"),
            note(2, "second"),
            amend(2, Change::At(earlier)),
            amend(1, Change::Kind(Kind::Progress)),
        ];
        let mut m = Materializer::<Interaction>::default();
        m.extend(records);
        let shown: Vec<(String, Kind)> = m.finish().into_iter().map(|i| (i.text, i.kind)).collect();
        assert_eq!(
            shown,
            [
                ("second".into(), Kind::Note),
                ("first".into(), Kind::Progress)
            ]
        );
    }
}
