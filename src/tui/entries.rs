//! The dashboard's timeline in memory, compact: a column a field, kinds and sources in one
//! byte, each text's words left where they stand in the file and read when shown (see
//! [`Texts`]). A million interactions take tens of megabytes, not hundreds. The commit and
//! branch an interaction recorded are not kept: the briefing asks the store for the one it
//! needs.

use std::borrow::Cow;
use std::fs::File;

use chrono::{DateTime, Utc};
use clap::ValueEnum;
use ulid::Ulid;

use super::texts::{Spot, Texts};
use crate::context::Timeline;
use crate::session::{Interaction, Kind, Source};

/// One interaction as the dashboard shows it, its words read from where they stand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry<'a> {
    /// Its id.
    pub id: Ulid,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// What it records.
    pub kind: Kind,
    /// Who recorded it.
    pub source: Source,
    /// The user's words.
    pub text: Cow<'a, str>,
}

impl Entry<'_> {
    /// The interaction, owned, without a commit or a branch (which are not kept).
    pub fn to_interaction(&self) -> Interaction {
        Interaction {
            id: self.id,
            at: self.at,
            kind: self.kind,
            source: self.source,
            text: self.text.to_string(),
            head: None,
            branch: None,
        }
    }
}

/// Interactions in columns; their texts where [`Texts`] keeps them.
#[derive(Clone, Debug, Default)]
pub struct Entries {
    ids: Vec<Ulid>,
    ats: Vec<DateTime<Utc>>,
    /// The kind in the low nibble, the source in the high one.
    tags: Vec<u8>,
    /// Where each interaction's text is.
    spots: Vec<Spot>,
    texts: Texts,
}

impl Entries {
    /// No interactions.
    pub fn new() -> Self {
        Entries::default()
    }

    /// Reads the texts pushed by their place from `file`, the timeline they were read from
    /// (kept open: the store may put another file in its place).
    pub(super) fn read_from(&mut self, file: Option<File>) {
        self.texts.read_from(file);
    }

    /// How many interactions.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Interaction `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<Entry<'_>> {
        (i < self.len()).then(|| self.entry(i))
    }

    /// Interaction `i`; panics past the end, as indexing does.
    pub fn entry(&self, i: usize) -> Entry<'_> {
        Entry {
            id: self.ids[i],
            at: self.ats[i],
            kind: self.kind(i),
            source: Source::value_variants()[usize::from(self.tags[i] >> 4)],
            text: self.text(i),
        }
    }

    /// What interaction `i` records.
    pub fn kind(&self, i: usize) -> Kind {
        Kind::value_variants()[usize::from(self.tags[i] & 15)]
    }

    /// The id of interaction `i`, if there is one.
    pub fn id(&self, i: usize) -> Option<Ulid> {
        self.ids.get(i).copied()
    }

    /// The time of interaction `i`.
    pub fn at(&self, i: usize) -> DateTime<Utc> {
        self.ats[i]
    }

    /// The times, in order.
    pub fn ats(&self) -> &[DateTime<Utc>] {
        &self.ats
    }

    /// The text of interaction `i`, read from the file when it is there.
    pub fn text(&self, i: usize) -> Cow<'_, str> {
        self.texts.get(self.ids[i], self.spots[i])
    }

    /// Calls `each` with every interaction's index and text, in the order the texts stand
    /// in the file (read in long reads): what looking through every text costs.
    pub fn each_text(&self, each: impl FnMut(usize, &str)) {
        self.texts.each(&self.ids, &self.spots, 0..self.len(), each);
    }

    /// Like [`Entries::each_text`], for the interactions at `indices` only.
    pub fn each_text_in(&self, indices: &[usize], each: impl FnMut(usize, &str)) {
        let which = indices.iter().copied();
        self.texts.each(&self.ids, &self.spots, which, each);
    }

    /// The latest interaction.
    pub fn last(&self) -> Option<Entry<'_>> {
        self.len().checked_sub(1).map(|i| self.entry(i))
    }

    /// Every interaction, in order, each text read as it comes: for a few, or a test
    /// ([`Entries::each_text`] reads them all at less cost).
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Entry<'_>> + ExactSizeIterator {
        (0..self.len()).map(|i| self.entry(i))
    }

    /// The last interaction with id `id`.
    pub fn rposition(&self, id: Ulid) -> Option<usize> {
        self.ids.iter().rposition(|&i| i == id)
    }

    /// The interactions, owned (without commits and branches).
    pub fn to_vec(&self) -> Vec<Interaction> {
        self.iter().map(|e| e.to_interaction()).collect()
    }

    /// Adds an interaction at the end, its text held.
    pub fn push(&mut self, i: &Interaction) {
        let spot = self.texts.hold(i.text.clone());
        self.push_spot(i.id, i.at, tag(i.kind, i.source), spot);
    }

    /// Adds an interaction at the end, its kind and source in one [`tag`], its text at
    /// `spot` (in the file this reads from, or held).
    pub(super) fn push_spot(&mut self, id: Ulid, at: DateTime<Utc>, tag: u8, spot: Spot) {
        self.ids.push(id);
        self.ats.push(at);
        self.tags.push(tag);
        self.spots.push(spot);
    }

    /// Holds `text`, for an interaction about to be pushed: where it is.
    pub(super) fn hold(&mut self, text: String) -> Spot {
        self.texts.hold(text)
    }

    /// Leaves no interactions.
    pub fn clear(&mut self) {
        *self = Entries::default();
    }

    /// Reserves room for `n` more interactions.
    pub fn reserve(&mut self, n: usize) {
        self.ids.reserve(n);
        self.ats.reserve(n);
        self.tags.reserve(n);
        self.spots.reserve(n);
    }

    /// Ends the building: the columns take no more room than they need.
    pub fn seal(&mut self) {
        self.ids.shrink_to_fit();
        self.ats.shrink_to_fit();
        self.tags.shrink_to_fit();
        self.spots.shrink_to_fit();
    }

    /// Changes interaction `i`'s text, time or kind in place.
    pub(super) fn amend(&mut self, i: usize, change: crate::record::Change) {
        use crate::record::Change;
        match change {
            Change::Text(text) => self.spots[i] = self.texts.hold(text),
            Change::At(at) => self.ats[i] = at,
            Change::Kind(kind) => self.tags[i] = (self.tags[i] & 0xf0) | kind as u8,
            Change::Deleted(_) => {}
        }
    }

    /// The ids, in order.
    pub(super) fn ids(&self) -> &[Ulid] {
        &self.ids
    }

    /// Keeps only the interactions `keep` says yes to (asked by index, in increasing order).
    pub(super) fn retain(&mut self, mut keep: impl FnMut(usize) -> bool) {
        let mut n = 0;
        for i in 0..self.len() {
            if keep(i) {
                self.set_row(n, self.row(i));
                n += 1;
            }
        }
        self.ids.truncate(n);
        self.ats.truncate(n);
        self.tags.truncate(n);
        self.spots.truncate(n);
    }

    /// Puts the interactions in time order, ties by id (the order they were made, whatever
    /// order two machines' files hold them in), then in the order they are in.
    pub(super) fn sort_by_time(&mut self) {
        let key = |i: usize| (self.ats[i], self.ids[i]);
        if (1..self.len()).all(|i| key(i - 1) <= key(i)) {
            return;
        }
        let mut order: Vec<u32> = (0..self.len() as u32).collect();
        // last by index: as a stable sort, without its scratch copy of `order`
        order.sort_unstable_by_key(|&i| (key(i as usize), i));
        // in place, cycle by cycle: `order[k]` is the one that goes to `k`
        const DONE: u32 = u32::MAX;
        for start in 0..order.len() {
            if order[start] == DONE {
                continue;
            }
            let held = self.row(start);
            let mut k = start;
            loop {
                let from = order[k] as usize;
                order[k] = DONE;
                if from == start {
                    self.set_row(k, held);
                    break;
                }
                self.set_row(k, self.row(from));
                k = from;
            }
        }
    }

    fn row(&self, i: usize) -> (Ulid, DateTime<Utc>, u8, Spot) {
        (self.ids[i], self.ats[i], self.tags[i], self.spots[i])
    }

    fn set_row(&mut self, i: usize, (id, at, tag, spot): (Ulid, DateTime<Utc>, u8, Spot)) {
        self.ids[i] = id;
        self.ats[i] = at;
        self.tags[i] = tag;
        self.spots[i] = spot;
    }
}

/// A kind and a source in one byte, as [`Entries`] keeps them.
pub(super) fn tag(kind: Kind, source: Source) -> u8 {
    kind as u8 | (source as u8) << 4
}

impl From<Vec<Interaction>> for Entries {
    fn from(interactions: Vec<Interaction>) -> Self {
        let mut entries = Entries::new();
        entries.reserve(interactions.len());
        for i in &interactions {
            entries.push(i);
        }
        entries.seal();
        entries
    }
}

impl PartialEq for Entries {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Timeline for Entries {
    fn count(&self) -> usize {
        self.len()
    }
    fn at(&self, i: usize) -> DateTime<Utc> {
        self.ats[i]
    }
    fn kind(&self, i: usize) -> Kind {
        Entries::kind(self, i)
    }
    fn interaction(&self, i: usize) -> Interaction {
        self.entry(i).to_interaction()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn interaction(n: u64, minute: i64, kind: Kind, source: Source) -> Interaction {
        let base: DateTime<Utc> = "2025-08-16T09:00:00Z".parse().unwrap();
        Interaction {
            id: Ulid::from_parts(n, 0),
            at: base + chrono::TimeDelta::minutes(minute),
            kind,
            source,
            text: format!("text {}", n % 3),
            head: None,
            branch: None,
        }
    }

    #[test]
    fn every_kind_and_source_reads_back_and_time_order_keeps_ties_as_written() {
        let mut all = Vec::new();
        for (n, kind) in Kind::value_variants().iter().enumerate() {
            for (m, source) in Source::value_variants().iter().enumerate() {
                let minute = ((n * 7 + m * 3) % 5) as i64;
                all.push(interaction(all.len() as u64, minute, *kind, *source));
            }
        }
        let mut entries = Entries::new();
        for i in &all {
            entries.push(i);
        }
        entries.sort_by_time();
        entries.seal();
        all.sort_by_key(|i| i.at);
        assert_eq!(entries.to_vec(), all);
        let mut bigger = entries.clone();
        bigger.retain(|i| i % 2 == 0);
        let halves: Vec<_> = all.iter().step_by(2).cloned().collect();
        assert_eq!(bigger.to_vec(), halves);
    }
}
