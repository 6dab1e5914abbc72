//! A session's life: start, switch, freeze, complete.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use ulid::Ulid;

use super::{Result, Target, change_session, check_optional, check_text, interaction, precheck};
use crate::reality::WorkspaceState;
use crate::record::Record;
use crate::session::{Kind, MissionStatus, Session, SessionId, Snapshot, Source};
use crate::store::{Store, StoreError, Writer};
use crate::timeline;

/// How many snapshots a session keeps; older ones are dropped (they are copies).
pub const MAX_SNAPSHOTS: usize = 64;

/// What starting or switching did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Started {
    /// The session now active.
    pub id: SessionId,
    /// The session that was active before and is now paused, if any.
    pub paused: Option<SessionId>,
}

/// What to start.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StartRequest {
    /// The id to use; the next number when not given.
    pub id: Option<SessionId>,
    /// The mission's title.
    pub title: String,
    /// An optional description.
    pub description: Option<String>,
    /// The workspace folder the reality tracker follows.
    pub workspace: Option<PathBuf>,
}

/// Starts a new session for a mission and makes it the active one, pausing the one that was.
pub(super) fn start(
    store: &Store,
    now: DateTime<Utc>,
    source: Source,
    request: StartRequest,
) -> Result<Started> {
    let title = check_text("mission title", &request.title)?;
    let description = check_optional("description", request.description.as_deref())?;
    store.write(|w| {
        let mut state = w.state()?;
        let id = match request.id {
            Some(id) => id,
            None => next_id(w.store())?,
        };
        let mut session = Session::new(id.clone(), title.clone(), now);
        session.mission.description = description;
        session.workspace = request.workspace;
        w.create_session(&session)?;
        let mut started = interaction(
            now,
            Kind::Progress,
            source,
            format!("Mission started: {title}"),
        );
        started.head = session
            .workspace
            .as_deref()
            .and_then(crate::reality::read_head)
            .and_then(|h| h.commit);
        w.append(&id, &[Record::Interaction(started)])?;
        let paused = match state.active.clone() {
            Some(current) => pause(w, &current)?,
            None => None,
        };
        state.active = Some(id.clone());
        w.put_state(&state)?;
        Ok(Started { id, paused })
    })
}

/// The number after the highest session number in the store.
pub(super) fn next_id(store: &Store) -> Result<SessionId, StoreError> {
    let highest = store
        .session_ids()?
        .iter()
        .map(SessionId::number)
        .max()
        .unwrap_or(0);
    Ok(SessionId::from_number(highest + 1))
}

/// Makes `id` the active session, pausing the one that was; logs the resumption.
pub(super) fn switch(
    store: &Store,
    now: DateTime<Utc>,
    source: Source,
    id: &SessionId,
) -> Result<Started> {
    precheck(store, &Target::Session(id.clone()))?;
    store.write(|w| {
        let mut state = w.state()?;
        let target = w.session(id)?;
        super::ensure_open(&target)?;
        if state.active.as_ref() == Some(id) && target.mission.status == MissionStatus::Active {
            return Ok(Started {
                id: id.clone(),
                paused: None,
            });
        }
        let paused = match state.active.clone() {
            Some(current) if &current != id => pause(w, &current)?,
            _ => None,
        };
        change_session(w, id, now, source, |session| {
            session.mission.status = MissionStatus::Active;
            let text = format!("Resumed mission: {}", session.mission.title);
            Ok(((), Some((Kind::Resume, text))))
        })?;
        state.active = Some(id.clone());
        w.put_state(&state)?;
        Ok(Started {
            id: id.clone(),
            paused,
        })
    })
}

/// Pauses a session if it is active; returns its id when it was.
fn pause(w: &mut Writer<'_>, id: &SessionId) -> Result<Option<SessionId>> {
    let mut session = match w.session(id) {
        Ok(session) => session,
        Err(StoreError::UnknownSession(_)) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    if session.mission.status != MissionStatus::Active {
        return Ok(None);
    }
    session.mission.status = MissionStatus::Paused;
    w.put_session(&session)?;
    Ok(Some(session.id))
}

/// Ends a mission as complete (or abandoned); the session takes no more work.
pub(super) fn complete(
    store: &Store,
    now: DateTime<Utc>,
    source: Source,
    target: &Target,
    status: MissionStatus,
) -> Result<Session> {
    debug_assert!(status.is_ended());
    precheck(store, target)?;
    store.write(|w| {
        let mut state = w.state()?;
        let id = target.resolve(w.store())?;
        let session = change_session(w, &id, now, source, |session| {
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
        None => timeline::materialize(store.timeline(&target.resolve(store)?)?.records).len(),
    };
    store.write(|w| {
        let id = target.resolve(w.store())?;
        let snapshot = change_session(w, &id, now, source, |session| {
            let snapshot = Snapshot {
                id: Ulid::generate(),
                at: now,
                mission: session.mission.clone(),
                progress: session.progress(),
                next_steps: session.open_steps().map(|s| s.text.clone()).collect(),
                key_decisions: session.decisions.clone(),
                interactions,
                workspace,
            };
            session.snapshots.push(snapshot.clone());
            let excess = session.snapshots.len().saturating_sub(MAX_SNAPSHOTS);
            session.snapshots.drain(..excess);
            Ok((snapshot, None))
        })?;
        Ok((id, snapshot))
    })
}
