//! A session's life: starting a mission, switching to another, reopening an ended one.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::{OpError, Result, Target, change_session, check_optional, check_text, interaction};
use crate::record::Record;
use crate::session::{Interaction, Kind, MissionStatus, Session, SessionId, Source};
use crate::store::{Store, StoreError, Writer};

/// What starting, switching or reopening did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Started {
    /// The session now active.
    pub id: SessionId,
    /// The session that was active before and is now paused, if any.
    pub paused: Option<SessionId>,
    /// True when the session already was the active one: nothing was written.
    pub already: bool,
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
        let id = new_id(w.store(), request.id)?;
        let mut session = Session::new(id.clone(), title.clone(), now);
        session.mission.description = description;
        session.workspace = request.workspace;
        w.create_session(&session)?;
        let text = format!("Mission started: {title}");
        let started = interaction(now, Kind::Progress, source, text);
        let started = at_workspace(started, session.workspace.as_deref());
        w.append(&id, &[Record::Interaction(started)])?;
        let paused = activate(w, &id, now)?;
        Ok(Started {
            id,
            paused,
            already: false,
        })
    })
}

/// An interaction with the commit and branch of the session's workspace, read from the
/// repository's files (no process).
pub(super) fn at_workspace(
    mut interaction: Interaction,
    workspace: Option<&std::path::Path>,
) -> Interaction {
    if let Some(head) = workspace.and_then(crate::reality::read_head) {
        interaction.head = head.commit;
        interaction.branch = head.branch;
    }
    interaction
}

/// The id a new session takes: the one asked for, or the number after the highest any
/// folder of `sessions/` holds (a folder that is no readable session too: its number is
/// not free). Refused when the number asked for is held by a folder whose name is not in
/// canonical form (`000000000001` for `00001`), and when no number is left.
pub(super) fn new_id(store: &Store, requested: Option<SessionId>) -> Result<SessionId> {
    let folders = store.folder_ids()?;
    let Some(id) = requested else {
        let highest = folders.iter().map(|(_, id)| id.number()).max();
        let next = highest.map_or(1, |n| n.saturating_add(1));
        return SessionId::from_number(next).ok_or(OpError::NoNumberLeft);
    };
    match folders.into_iter().find(|(name, of)| {
        of == &id && name != id.as_str() && !crate::store::folders::is_ulid_name(name)
    }) {
        Some((folder, _)) => Err(OpError::NumberTaken { id, folder }),
        None => Ok(id),
    }
}

/// Makes `id` the active session, pausing the one that was; logs the resumption (a marker:
/// it never shortens the silence a briefing states).
pub(super) fn switch(
    store: &Store,
    now: DateTime<Utc>,
    source: Source,
    id: &SessionId,
) -> Result<Started> {
    super::precheck(store, &Target::Session(id.clone()))?;
    store.write(|w| {
        let state = w.state()?;
        let target = w.session(id)?;
        super::ensure_open(&target)?;
        if state.active.as_ref() == Some(id) && target.mission.status == MissionStatus::Active {
            return Ok(Started {
                id: id.clone(),
                paused: None,
                already: true,
            });
        }
        change_session(w, id, now, source, |session| {
            session.mission.status = MissionStatus::Active;
            let text = format!("Resumed mission: {}", session.mission.title);
            Ok(((), Some((Kind::Resume, text))))
        })?;
        let paused = activate(w, id, now)?;
        Ok(Started {
            id: id.clone(),
            paused,
            already: false,
        })
    })
}

/// Makes an ended mission active again, pausing the active one; logs the reopening (a
/// marker, like a resumption). Returns what it did and how the mission had ended.
pub(super) fn reopen(
    store: &Store,
    now: DateTime<Utc>,
    source: Source,
    id: &SessionId,
) -> Result<(Started, MissionStatus)> {
    let was = store.session_head(id)?.mission.status;
    if !was.is_ended() {
        return Err(OpError::NotEnded(id.clone(), was.as_str()));
    }
    store.write(|w| {
        let mut session = w.session(id)?;
        let was = session.mission.status;
        if !was.is_ended() {
            return Err(OpError::NotEnded(id.clone(), was.as_str()));
        }
        session.mission.status = MissionStatus::Active;
        session.ended = None;
        w.put_session(&session, now)?;
        let text = format!("Mission reopened: {}", session.mission.title);
        let marker = interaction(now, Kind::Resume, source, text);
        let marker = at_workspace(marker, session.workspace.as_deref());
        w.append(id, &[Record::Interaction(marker)])?;
        let paused = activate(w, id, now)?;
        w.refresh_place(id)?;
        let started = Started {
            id: id.clone(),
            paused,
            already: false,
        };
        Ok((started, was))
    })
}

/// Makes `id` the active session in the state, pausing the one that was active; returns
/// the paused one, if any.
fn activate(w: &mut Writer<'_>, id: &SessionId, now: DateTime<Utc>) -> Result<Option<SessionId>> {
    let mut state = w.state()?;
    let paused = match state.active.clone() {
        Some(current) if &current != id => pause(w, &current, now)?,
        _ => None,
    };
    state.active = Some(id.clone());
    w.put_state(&state)?;
    w.refresh_place(id)?;
    Ok(paused)
}

/// Pauses a session if it is active; returns its id when it was.
fn pause(w: &mut Writer<'_>, id: &SessionId, now: DateTime<Utc>) -> Result<Option<SessionId>> {
    let mut session = match w.session(id) {
        Ok(session) => session,
        Err(StoreError::UnknownSession(_)) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    if session.mission.status != MissionStatus::Active {
        return Ok(None);
    }
    session.mission.status = MissionStatus::Paused;
    w.put_session(&session, now)?;
    Ok(Some(session.id))
}
