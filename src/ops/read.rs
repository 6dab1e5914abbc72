//! Reading what several front ends show alike: the briefing an assistant is handed.

use std::time::Instant;

use chrono::{DateTime, TimeDelta, Utc};

use super::Result;
use crate::context::{Briefing, briefing, left_at};
use crate::session::SessionId;
use crate::store::Store;

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
