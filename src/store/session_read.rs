//! Reading one session's state: the cache when it shows the state logs as they are, the
//! fold of the logs otherwise, and the quick head the hot commands read.

use super::error::{Result, StoreError};
use super::{SessionHead, Store, read_json, session_head, state_log};
use crate::session::{Session, SessionId};

impl Store {
    /// One session: its cached state, or the fold of its state logs when the cache does
    /// not show them as they are.
    pub fn session(&self, id: &SessionId) -> Result<Session> {
        Ok(self.session_state(id)?.session)
    }

    /// One session's state, and how it was read.
    pub(crate) fn session_state(&self, id: &SessionId) -> Result<SessionState> {
        let dir = self.checked_session_dir(id)?;
        let stamp = state_log::stamp(&dir)?;
        let cached: Option<state_log::Cached> = read_json(&dir.join(super::SESSION_FILE))?;
        let (mut session, clock, current) = match cached {
            Some(c) if state_log::is_current(c.folded.as_ref(), &stamp) => {
                (c.session, c.clock, true)
            }
            _ if stamp.is_empty() => return Err(StoreError::UnknownSession(id.clone())),
            _ => {
                let records = state_log::read_all(&dir, &stamp)?;
                let clock = records.iter().map(|r| r.id).max();
                let folded =
                    crate::session::fold::fold(records).ok_or_else(|| StoreError::Corrupt {
                        path: dir.join(state_log::STATE_LOG),
                        line: 2,
                        reason: "the log holds no base state to fold its changes onto".into(),
                    })?;
                (folded, clock, false)
            }
        };
        session.id = id.clone();
        session.number_steps();
        Ok(SessionState {
            session,
            stamp,
            clock,
            current,
        })
    }

    /// Every record of a session's state logs, in the order of their ids.
    pub fn state_records(&self, id: &SessionId) -> Result<Vec<crate::record::state::StateRecord>> {
        let dir = self.checked_session_dir(id)?;
        let mut records = state_log::read_all(&dir, &state_log::stamp(&dir)?)?;
        records.sort_by_key(|r| r.id);
        Ok(records)
    }

    /// What the quick commands need of one session, without reading its decisions and
    /// snapshots (see [`SessionHead`]); the same errors as [`Store::session`].
    pub fn session_head(&self, id: &SessionId) -> Result<SessionHead> {
        let dir = self.checked_session_dir(id)?;
        let stamp = state_log::stamp(&dir)?;
        let path = dir.join(super::SESSION_FILE);
        let mut head = session_head::read(&path, &stamp, || self.session(id))?;
        // the id asked for: in a synced store, the one its folder's session shows now
        head.id = id.clone();
        Ok(head)
    }
}

/// A session's state as read, with what a writer needs to add to it.
#[derive(Debug)]
pub(crate) struct SessionState {
    /// The session.
    pub session: Session,
    /// The state logs it was read from, with their lengths.
    pub stamp: state_log::Stamp,
    /// The latest record id among them.
    pub clock: Option<ulid::Ulid>,
    /// Whether `session.json` showed the logs as they are.
    pub current: bool,
}
