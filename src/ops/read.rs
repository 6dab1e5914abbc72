//! Reading what several front ends show alike: the briefing an assistant is handed, and
//! the stats across every session.

use std::time::Instant;

use chrono::{DateTime, TimeDelta, Utc};

use super::Result;
use crate::context::{Briefing, briefing, left_at};
use crate::session::SessionId;
use crate::store::{Store, StoreError};

/// The briefing of session `id` for an assistant: from the session and the end of its
/// timeline only (O(1) in history), with what changed in the workspace as far as git can
/// tell by `deadline` (the rest is marked partial, with a note). An assistant's briefing
/// pays nothing owed to the person: no briefing is marked seen.
pub fn agent_briefing(
    store: &Store,
    id: &SessionId,
    now: DateTime<Utc>,
    threshold: TimeDelta,
    deadline: Instant,
) -> Result<Briefing> {
    let (session, interactions) = store.load_recent(id)?;
    let mut b = briefing(&session, &interactions, None, now, threshold);
    if let Some(workspace) = &session.workspace {
        let left = left_at(&session, &interactions, b.gap.as_ref());
        b.workspace_changes = Some(crate::reality::changes_until(
            workspace, &left, now, deadline,
        ));
    }
    Ok(b)
}

/// The stats across every session, hours and days read in `zone`. Each timeline is read
/// for the times of its interactions only (no text is kept), so a store of millions stays
/// within tens of MB; `torn` is told each session whose timeline ends in an incomplete line,
/// and `unread` why a session could not be read (the stats are then the others').
pub fn stats(
    store: &Store,
    threshold: TimeDelta,
    zone: crate::zone::Zone,
    mut torn: impl FnMut(&SessionId, usize),
    mut unread: impl FnMut(StoreError),
) -> std::result::Result<crate::stats::Stats, StoreError> {
    let mut sessions = Vec::new();
    for id in store.session_ids()? {
        let read = store.session(&id).and_then(|session| {
            let (times, torn_tail) = store.interaction_times(&id)?;
            Ok((session, times, torn_tail))
        });
        match read {
            Ok((session, times, torn_tail)) => {
                if let Some(bytes) = torn_tail {
                    torn(&id, bytes);
                }
                sessions.push((session, times));
            }
            Err(e) => unread(e),
        }
    }
    Ok(crate::stats::compute(&sessions, threshold, zone))
}
