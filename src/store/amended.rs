//! Reading a whole session in memory bounded by its amendments, not by its length: a first
//! pass gathers the records that change others (amendments, the marks of a briefing seen), passing the interactions by undecoded; a second hands on each
//! interaction, amended, as it is read. What the journal and the export read.

use chrono::{DateTime, Utc};

use super::{Result, Store, timeline_file};
use crate::record::{self, Record};
use crate::session::{Interaction, Session};
use crate::timeline::Amendments;
use crate::when::Span;

/// What the first pass over a session found (see [`Store::amended`]).
#[derive(Debug)]
pub struct Amended {
    /// The session.
    pub session: Session,
    /// When the person last saw a briefing of it.
    pub seen: Option<DateTime<Utc>>,
    /// Its amendments, by the interaction they change.
    pub amendments: Amendments,
}

impl Store {
    /// The first of two passes over a session: the session, when a briefing of it was last
    /// seen, and its amendments, which [`Store::amended_with`]
    /// applies. Interactions tether wrote are passed by without being decoded.
    pub fn amended(&self, id: &crate::session::SessionId) -> Result<Amended> {
        let session = self.session(id)?;
        let mut amendments = Amendments::default();
        let mut seen = None;
        let path = self.checked_session_dir(id)?.join(super::TIMELINE_FILE);
        timeline_file::read_with_where(&path, Some(&record::is_interaction_line), |block| {
            for record in block.drain(..) {
                match record {
                    Record::Amend(a) => amendments.push(a),
                    Record::Seen(s) if s.by_person() => seen = seen.max(Some(s.at)),
                    Record::Seen(_) | Record::Interaction(_) => {}
                }
            }
        })?;
        Ok(Amended {
            session,
            seen,
            amendments,
        })
    }

    /// The second pass: hands `each` the session's interactions in the order written (not
    /// sorted by time), amendments applied and deleted ones left out, block by block, so
    /// that no more than a block of them is ever in memory. With a `span`, only those whose
    /// time (amended) lies in it, and the lines of the others are passed by undecoded.
    /// Returns the length of an incomplete last line, if any (skipped).
    pub fn amended_with(
        &self,
        amended: &Amended,
        span: Option<&Span>,
        mut each: impl FnMut(Interaction),
    ) -> Result<Option<usize>> {
        let id = &amended.session.id;
        let path = self.checked_session_dir(id)?.join(super::TIMELINE_FILE);
        let within = |at| span.is_none_or(|s| s.contains(at));
        let changes = &amended.amendments;
        // an interaction amended may be moved into the span: it is always decoded
        let outside = |line: &[u8]| {
            record::interaction_head(line).is_some_and(|(id, at)| !within(at) && !changes.touch(id))
        };
        let skip: &(dyn Fn(&[u8]) -> bool + Sync) = &outside;
        timeline_file::read_with_where(&path, span.map(|_| skip), |block| {
            for record in block.drain(..) {
                if let Some(i) = record.into_interaction()
                    && let Some(i) = changes.apply(i)
                    && within(i.at)
                {
                    each(i);
                }
            }
        })
    }
}
