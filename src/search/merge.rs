//! Every session's hits merged newest first: a hit is handed on once no session could still
//! hold a later one, and the session read next is the one whose unread part could.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use chrono::{DateTime, Utc};

use super::scan::{Ranked, SessionScan};
use super::{Hit, Query};
use crate::store::{Store, StoreError};

/// A search under way: an iterator of hits, the latest first. It reads only as much of the
/// store as the hits taken need, so taking the first few is quick however large the store.
/// A session that cannot be read (a damaged line, a folder gone) is an error in its turn,
/// and the others are searched on: years of history are not hidden by one bad file.
pub struct Search {
    store: Store,
    query: Query,
    scans: Vec<SessionScan>,
    /// The sessions with something left to read, by how late it could be.
    waiting: BinaryHeap<(DateTime<Utc>, usize)>,
    /// Hits found, not yet handed on.
    found: BinaryHeap<Ranked>,
    /// Stops the search when it says so (a newer query in the dashboard).
    cancel: Option<Box<dyn Fn() -> bool + Send>>,
    /// The hits a block gave, before they join the heap (the room is reused).
    fresh: Vec<Ranked>,
    /// The bytes of the block read, whichever session it is from.
    buf: Vec<u8>,
}

impl Search {
    /// Searches the store for `query`: every session, or the one it names (which must
    /// exist). Nothing is read until the first hit is asked for.
    pub fn new(store: &Store, query: Query) -> Result<Self, StoreError> {
        let ids = match &query.session {
            Some(id) => {
                store.session_plan(id)?; // it must exist
                vec![id.clone()]
            }
            None => store.session_ids()?,
        };
        let scans: Vec<SessionScan> = ids
            .into_iter()
            .map(|id| SessionScan::new(store, id))
            .collect();
        let waiting = scans
            .iter()
            .enumerate()
            .filter_map(|(i, scan)| Some((scan.bound()?, i)))
            .collect();
        Ok(Search {
            store: store.clone(),
            query,
            scans,
            waiting,
            found: BinaryHeap::new(),
            cancel: None,
            fresh: Vec::new(),
            buf: Vec::new(),
        })
    }

    /// Stops the search (the iterator ends) as soon as `cancelled` says so: it is asked
    /// before each block is read.
    pub fn cancel_when(mut self, cancelled: impl Fn() -> bool + Send + 'static) -> Self {
        self.cancel = Some(Box::new(cancelled));
        self
    }

    /// The query searched for.
    pub fn query(&self) -> &Query {
        &self.query
    }
}

impl Iterator for Search {
    type Item = Result<Hit, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let unread = self.waiting.peek().map(|(bound, _)| *bound);
            if let Some(top) = self.found.peek()
                && unread.is_none_or(|bound| top.key.0 > bound)
            {
                let Ranked { mut hit, from, .. } = self.found.pop()?;
                hit.mission = self.scans[from].title().to_string();
                return Some(Ok(hit));
            }
            let (_, index) = self.waiting.pop()?;
            if self.cancel.as_ref().is_some_and(|cancelled| cancelled()) {
                return None;
            }
            let scan = &mut self.scans[index];
            let room = (&mut self.buf, &mut self.fresh);
            if let Err(e) = scan.advance(&self.store, &self.query, room) {
                // its hits found so far stay; what is left of it is not read
                self.fresh.clear();
                return Some(Err(e));
            }
            self.found.extend(self.fresh.drain(..).map(|found| Ranked {
                from: index,
                ..found
            }));
            if let Some(bound) = scan.bound() {
                self.waiting.push((bound, index));
            }
        }
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key
            .cmp(&other.key)
            .then_with(|| self.hit.session.cmp(&other.hit.session))
    }
}
