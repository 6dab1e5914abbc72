//! Freezing the context and ending a mission; the person's acknowledgement of a briefing.

use chrono::{DateTime, Utc};

use super::{Result, Target, change_session, precheck};
use crate::reality::WorkspaceState;
use crate::record::{Record, Seen};
use crate::session::{Kind, MissionStatus, Session, SessionId, Snapshot, Source};
use crate::store::Store;
use crate::timeline;

pub use crate::session::MAX_SNAPSHOTS;

/// Ends a mission as complete (or abandoned); the session takes no more work. Its context
/// is frozen as it ends, in the same write, so that a briefing read later (or after a
/// reopening) is exact.
pub(super) fn complete(
    store: &Store,
    now: DateTime<Utc>,
    source: Source,
    target: &Target,
    status: MissionStatus,
) -> Result<Session> {
    debug_assert!(status.is_ended());
    precheck(store, target)?;
    let workspace = capture_workspace(store, target, now);
    let interactions = count(store, target)?;
    store.write(|w| {
        let mut state = w.state()?;
        let id = target.resolve(w.store())?;
        let session = change_session(w, &id, now, source, |session| {
            keep(session, snapshot(session, now, workspace, interactions));
            session.mission.status = status;
            session.ended = Some(now);
            let verb = if status == MissionStatus::Complete {
                "complete"
            } else {
                "abandoned"
            };
            let text = format!("Mission {verb}: {}", session.mission.title);
            Ok((session.clone(), Some((Kind::Progress, text))))
        })?;
        if state.active.as_ref() == Some(&id) {
            state.active = None;
            w.put_state(&state)?;
        }
        w.refresh_place(&id)?;
        Ok(session)
    })
}

/// Captures the workspace a session follows, outside the lock (git may take a while).
/// `None` when the session follows no workspace or cannot be read.
fn capture_workspace(store: &Store, target: &Target, now: DateTime<Utc>) -> Option<WorkspaceState> {
    let id = target.resolve(store).ok()?;
    let workspace = store.session(&id).ok()?.workspace?;
    Some(crate::reality::capture(&workspace, now))
}

/// Freezes the context now: mission, progress, open steps, decisions and the workspace
/// state (captured first, outside the lock: git may take a while).
///
/// `interactions` is how many the timeline holds, when the caller knows (the dashboard
/// does); otherwise the timeline is read to count them, before the lock is taken.
pub(super) fn freeze(
    store: &Store,
    now: DateTime<Utc>,
    source: Source,
    target: &Target,
    interactions: Option<usize>,
) -> Result<(SessionId, Snapshot)> {
    precheck(store, target)?;
    let workspace = capture_workspace(store, target, now);
    let interactions = match interactions {
        Some(n) => n,
        None => count(store, target)?,
    };
    store.write(|w| {
        let id = target.resolve(w.store())?;
        let snapshot = change_session(w, &id, now, source, |session| {
            let snapshot = snapshot(session, now, workspace, interactions);
            keep(session, snapshot.clone());
            Ok((snapshot, None))
        })?;
        Ok((id, snapshot))
    })
}

/// How many interactions a session's timeline shows (it is read, before the lock).
fn count(store: &Store, target: &Target) -> Result<usize> {
    let records = store.timeline(&target.resolve(store)?)?.records;
    Ok(timeline::materialize(records).len())
}

/// The context of `session` now: mission, progress, open steps, decisions, workspace.
fn snapshot(
    session: &Session,
    now: DateTime<Utc>,
    workspace: Option<WorkspaceState>,
    interactions: usize,
) -> Snapshot {
    Snapshot {
        id: crate::id::new(),
        at: now,
        mission: session.mission.clone(),
        progress: session.progress(),
        next_steps: session.open_steps().map(|s| s.text.clone()).collect(),
        key_decisions: session.decisions.clone(),
        interactions,
        workspace,
    }
}

/// Keeps a snapshot, dropping the oldest past [`MAX_SNAPSHOTS`] (they are copies).
fn keep(session: &mut Session, snapshot: Snapshot) {
    session.snapshots.push(snapshot);
    let excess = session.snapshots.len().saturating_sub(MAX_SNAPSHOTS);
    session.snapshots.drain(..excess);
}

/// Records that `source` saw the briefing of a session now.
pub(super) fn see(
    store: &Store,
    now: DateTime<Utc>,
    source: Source,
    target: &Target,
) -> Result<SessionId> {
    let id = target.resolve(store)?;
    store.session_head(&id)?;
    store.write(|w| {
        let id = target.resolve(w.store())?;
        let seen = Seen {
            id: crate::id::new(),
            at: now,
            by: source,
        };
        w.append(&id, &[Record::Seen(seen)])?;
        Ok(id)
    })
}
