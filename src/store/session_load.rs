//! Loading a session with its timeline: whole, for its interactions' times only, or only
//! the end of it.

use chrono::{DateTime, Utc};

use super::{LoadedSession, Position, Result, Store};
use crate::session::{Interaction, Session, SessionId};
use crate::timeline::{Materializer, Moment};

impl Store {
    /// A session read whole: its state, and its interactions in time order, amendments
    /// applied. The timeline is read block by block, so its bytes are never all in memory
    /// together with the interactions.
    pub fn load_session(&self, id: &SessionId) -> Result<LoadedSession> {
        let session = self.session(id)?;
        let mut interactions = Materializer::default();
        let read = self.timeline_from(id, Position::START, |block| {
            interactions.extend(block.drain(..))
        })?;
        Ok(LoadedSession {
            session,
            seen: interactions.seen(),
            interactions: interactions.finish(),
            torn_tail: read.torn,
            end: read.end,
        })
    }

    /// The times of a session's interactions, in order, amendments applied (deleted ones
    /// left out), with the bytes of an incomplete last line skipped, if any: the whole
    /// timeline read without keeping a text, for what only counts and times (stats).
    pub fn interaction_times(&self, id: &SessionId) -> Result<(Vec<DateTime<Utc>>, Option<usize>)> {
        let mut moments = Materializer::<Moment>::default();
        let read =
            self.timeline_from(id, Position::START, |block| moments.extend(block.drain(..)))?;
        let times = moments.finish().into_iter().map(|m| m.at).collect();
        Ok((times, read.torn))
    }

    /// A session with only the end of its timeline (see [`Store::recent`]), amendments
    /// there applied: what a briefing for an assistant needs, read in O(1) of the history.
    pub fn load_recent(&self, id: &SessionId) -> Result<(Session, Vec<Interaction>)> {
        let session = self.session(id)?;
        let interactions = crate::timeline::materialize(self.recent(id)?);
        Ok((session, interactions))
    }
}
