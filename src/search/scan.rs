//! One session searched from the end of its timeline back, a block at a time: which lines
//! are worth decoding, the amendments met on the way (they come after what they change),
//! and how late anything not yet read can be.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, TimeDelta, Utc};
use memchr::memmem::Finder;
use ulid::Ulid;

use super::{Hit, Item, Query};
use crate::record::{Change, Record};
use crate::session::{Interaction, Kind, Mission, Session, SessionId};
use crate::store::{BackBlock, Backwards, Store, StoreError};

/// How much later than the moment it was written a record's time may be: tether refuses
/// times more than a minute ahead of its clock; a day leaves room for machines whose
/// clocks disagree.
const LATE_BY: TimeDelta = TimeDelta::days(1);

/// The changes waiting for the interaction they amend, the latest of each kind (met
/// first, reading back).
#[derive(Debug, Default)]
struct Pending {
    text: Option<String>,
    deleted: Option<bool>,
    at: Option<DateTime<Utc>>,
    kind: Option<Kind>,
}

/// A hit with its place in the order: later first, and among hits at the same moment the
/// one written last.
#[derive(Debug)]
pub(super) struct Ranked {
    pub(super) key: (DateTime<Utc>, u64),
    pub(super) hit: Hit,
    /// The scan that found it (which names its mission when it is handed on).
    pub(super) from: usize,
}

/// One session being searched.
#[derive(Debug)]
pub(super) struct SessionScan {
    id: SessionId,
    /// The session, once opened (without its snapshots).
    session: Option<Session>,
    back: Option<Backwards>,
    pending: HashMap<Ulid, Pending>,
    /// The logs of the steps and decisions that are hits: (time, text).
    folded: HashSet<(DateTime<Utc>, String)>,
    /// No line not yet read holds a time later than this; `None` once all are read.
    bound: Option<DateTime<Utc>>,
    /// Counts down as lines are read back: the order among hits at the same moment.
    order: u64,
}

impl SessionScan {
    /// A session not yet opened: nothing in it is later than its files' last write (and a
    /// day).
    pub(super) fn new(store: &Store, id: SessionId) -> Self {
        let written = store.written(&id).map(DateTime::<Utc>::from);
        let bound = written
            .and_then(|at| at.checked_add_signed(LATE_BY))
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        SessionScan {
            id,
            session: None,
            back: None,
            pending: HashMap::new(),
            folded: HashSet::new(),
            bound: Some(bound),
            order: u64::MAX / 2,
        }
    }

    /// The mission's title, for the hits handed on.
    pub(super) fn title(&self) -> &str {
        let session = self
            .session
            .as_ref()
            .expect("hits come from an opened session");
        &session.mission.title
    }

    /// The latest time a hit not yet found could have; `None` when all is read.
    pub(super) fn bound(&self) -> Option<DateTime<Utc>> {
        let moved = self.pending.values().filter_map(|p| p.at).max();
        self.bound.map(|b| moved.map_or(b, |m| m.max(b)))
    }

    /// Reads on: the session itself the first time (its steps and decisions), then the next
    /// block of its timeline back. The hits found go to `out`.
    pub(super) fn advance(
        &mut self,
        store: &Store,
        query: &Query,
        (buf, out): (&mut Vec<u8>, &mut Vec<Ranked>),
    ) -> Result<(), StoreError> {
        if self.session.is_none() {
            return self.open(store, query, out);
        }
        let back = self.back.as_mut().expect("opened with the session");
        let Some(block) = back.next_block_in(buf)? else {
            self.bound = None;
            return Ok(());
        };
        let mission = &self.session.as_ref().expect("opened").mission;
        let mut reading = Reading {
            id: &self.id,
            mission,
            query,
            pending: &mut self.pending,
            folded: &self.folded,
            order: &mut self.order,
            out,
        };
        reading.block(&block)?;
        // nothing further back was written after this block's first line
        if let Some(written) = first_written(&block) {
            let bound = written.checked_add_signed(LATE_BY).unwrap_or(written);
            self.bound = self.bound.map(|b| b.min(bound));
        }
        Ok(())
    }

    /// Reads the session: its steps and decisions that match are hits at once.
    fn open(
        &mut self,
        store: &Store,
        query: &Query,
        out: &mut Vec<Ranked>,
    ) -> Result<(), StoreError> {
        let session = store.session_plan(&self.id)?;
        self.back = Some(store.timeline_backwards(&self.id)?);
        let mut rank = u64::MAX;
        let mut hit = |item, id, at, kind, text: &str, step| {
            let matches = query.matcher.find(text).filter(|_| query.takes(kind, at))?;
            rank -= 1;
            Some(Ranked {
                key: (at, rank),
                from: 0,
                hit: Hit {
                    session: session.id.clone(),
                    mission: String::new(),
                    status: session.mission.status,
                    item,
                    id,
                    at,
                    kind,
                    source: None,
                    text: text.to_string(),
                    matches,
                    step,
                },
            })
        };
        for s in &session.steps {
            let found = hit(
                Item::Step,
                s.id,
                s.created,
                Kind::Step,
                &s.text,
                Some((s.number, s.done)),
            );
            if let Some(found) = found {
                self.folded
                    .insert((s.created, format!("Next step: {}", s.text)));
                out.push(found);
            }
        }
        for d in &session.decisions {
            if let Some(found) = hit(Item::Decision, d.id, d.at, Kind::Decision, &d.text, None) {
                self.folded.insert((d.at, format!("Decided: {}", d.text)));
                out.push(found);
            }
        }
        self.session = Some(session);
        Ok(())
    }
}

/// When the first line of a block was written, as its id says (a ULID carries the moment
/// it was made); `None` when the line does not start with one in the form tether writes.
fn first_written(block: &BackBlock<'_>) -> Option<DateTime<Utc>> {
    let id = block.bytes().strip_prefix(b"{\"id\":\"")?.get(..26)?;
    let id = Ulid::from_string(std::str::from_utf8(id).ok()?).ok()?;
    DateTime::from_timestamp_millis(i64::try_from(id.timestamp_ms()).ok()?)
}

/// What one block is read with.
struct Reading<'a> {
    id: &'a SessionId,
    mission: &'a Mission,
    query: &'a Query,
    pending: &'a mut HashMap<Ulid, Pending>,
    folded: &'a HashSet<(DateTime<Utc>, String)>,
    order: &'a mut u64,
    out: &'a mut Vec<Ranked>,
}

/// Why a line is looked at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Look {
    /// Its raw bytes may match: its text is checked before it is decoded.
    Judge,
    /// It must be decoded: an amendment, or a text with escapes.
    Decode,
}

impl Reading<'_> {
    /// Reads a block's lines, the last written first.
    fn block(&mut self, block: &BackBlock<'_>) -> Result<(), StoreError> {
        let marked = marked_lines(block, self.query);
        let every_line = !self.query.matcher.searches_blocks();
        let mut next = marked.iter().rev().peekable();
        for (start, line) in block.lines_back() {
            *self.order -= 1;
            let mut look = match next.peek() {
                Some(&&(at, why)) if at == start => {
                    next.next();
                    Some(why)
                }
                _ => None,
            };
            if look.is_none() && !self.pending.is_empty() && self.is_pending(line) {
                look = Some(Look::Decode);
            }
            if look.is_none() && every_line {
                look = Some(Look::Judge);
            }
            match look {
                None => {}
                Some(Look::Judge) if !self.may_match(line) => {}
                Some(_) => self.take(block.decode(start, line)?),
            }
        }
        Ok(())
    }

    /// Whether the line is an interaction an amendment read already changes (its id, in the
    /// form tether writes, is right after `{"id":"`; any other form is decoded anyway).
    fn is_pending(&self, line: &[u8]) -> bool {
        let id = line
            .strip_prefix(b"{\"id\":\"")
            .and_then(|rest| rest.get(..26))
            .and_then(|id| std::str::from_utf8(id).ok())
            .and_then(|id| Ulid::from_string(id).ok());
        id.is_none_or(|id| self.pending.contains_key(&id))
    }

    /// Whether a line's text may match: the raw text when it has no escape; any line not in
    /// the form tether writes is decoded to be judged.
    fn may_match(&self, line: &[u8]) -> bool {
        raw_text(line).is_none_or(|text| self.query.matcher.raw_matches(text))
    }

    /// A decoded record: an amendment waits for its interaction; an interaction, changed by
    /// what waited for it, is a hit when it matches.
    fn take(&mut self, record: Record) {
        match record {
            Record::Amend(a) => {
                let p = self.pending.entry(a.target).or_default();
                match a.change {
                    Change::Text(text) => drop(p.text.get_or_insert(text)),
                    Change::Deleted(gone) => drop(p.deleted.get_or_insert(gone)),
                    Change::At(at) => drop(p.at.get_or_insert(at)),
                    Change::Kind(kind) => drop(p.kind.get_or_insert(kind)),
                }
            }
            Record::Interaction(mut i) => {
                if let Some(p) = self.pending.remove(&i.id) {
                    if p.deleted == Some(true) {
                        return;
                    }
                    amend(&mut i, p);
                }
                self.found(i);
            }
            Record::Seen(_) => {}
        }
    }

    fn found(&mut self, i: Interaction) {
        if !self.query.takes(i.kind, i.at) {
            return;
        }
        let Some(matches) = self.query.matcher.find(&i.text) else {
            return;
        };
        if !self.folded.is_empty() && self.folded.contains(&(i.at, i.text.clone())) {
            return; // the log of a step or decision that is a hit itself
        }
        self.out.push(Ranked {
            key: (i.at, *self.order),
            from: 0,
            hit: Hit {
                session: self.id.clone(),
                mission: String::new(),
                status: self.mission.status,
                item: Item::Interaction,
                id: i.id,
                at: i.at,
                kind: i.kind,
                source: Some(i.source),
                text: i.text,
                matches,
                step: None,
            },
        });
    }
}

fn amend(i: &mut Interaction, p: Pending) {
    if let Some(text) = p.text {
        i.text = text;
    }
    if let Some(at) = p.at {
        i.at = at;
    }
    if let Some(kind) = p.kind {
        i.kind = kind;
    }
}

/// The lines of a block to look at, by their start, in order: those that hold an
/// amendment (`"amends"` is never inside a string, where quotes are escaped) or an
/// escape must be decoded; those whose raw bytes match are judged by their text.
fn marked_lines(block: &BackBlock<'_>, query: &Query) -> Vec<(usize, Look)> {
    let bytes = block.bytes();
    let mut marked = Vec::new();
    let mut mark = |at: usize, why| {
        let (start, end) = block.line_around(at);
        marked.push((start, why));
        end
    };
    for at in Finder::new(b"\"amends\"").find_iter(bytes) {
        mark(at, Look::Decode);
    }
    let mut from = 0;
    while let Some(at) = memchr::memchr(b'\\', &bytes[from..]) {
        from = mark(from + at, Look::Decode) + 1;
    }
    if query.matcher.searches_blocks() {
        let mut from = 0;
        while from < bytes.len()
            && let Some(at) = query.matcher.raw_find_at(bytes, from)
        {
            from = mark(at, Look::Judge) + 1;
        }
    }
    // a line to decode is decoded, whatever else marked it
    marked.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    marked.dedup_by_key(|(start, _)| *start);
    marked
}

/// The raw bytes of a line's text, when the line is an interaction in the form tether
/// writes and its text has no escape: then they are the text itself.
fn raw_text(line: &[u8]) -> Option<&[u8]> {
    if !line.starts_with(b"{\"id\":\"") {
        return None;
    }
    let key = b",\"text\":\"";
    let start = memchr::memmem::find(line, key)? + key.len();
    let len = memchr::memchr2(b'"', b'\\', &line[start..])?;
    (line[start + len] == b'"').then(|| &line[start..start + len])
}
