//! What the dashboard shows, loaded from the store (the loop's side of the IO boundary).

use std::fs;
use std::time::SystemTime;

use chrono::{DateTime, TimeDelta, Utc};

use crate::ops::latest_interaction;
use crate::record::Record;
use crate::session::{Interaction, MissionStatus, Progress, Session, SessionId};
use crate::store::{Position, Store, StoreError};
use crate::timeline::{self, is_gap};

/// The active session as loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct Data {
    /// The session.
    pub session: Session,
    /// Its interactions in time order (amendments applied).
    pub interactions: Vec<Interaction>,
    /// The sum of the silences that are not gaps.
    pub active_seconds: i64,
    /// Bytes of an incomplete last line, if the timeline ends in one.
    pub torn_tail: Option<usize>,
    /// Where the read of the timeline ended: the next read of what is appended starts here.
    pub end: Position,
    /// False while only the end of the timeline is loaded (the first frame of a large one).
    pub complete: bool,
}

/// What was appended to the timeline shown, and the session as it is now.
#[derive(Clone, Debug, PartialEq)]
pub struct Growth {
    /// The session, read again (it is small).
    pub session: Session,
    /// The new interactions, in time order, none before the last one shown.
    pub interactions: Vec<Interaction>,
    /// Where this read ended.
    pub end: Position,
    /// Bytes of an incomplete last line, if any.
    pub torn_tail: Option<usize>,
}

impl Data {
    /// Builds the view of a session from what was read.
    pub fn new(
        session: Session,
        interactions: Vec<Interaction>,
        threshold: TimeDelta,
        torn_tail: Option<usize>,
    ) -> Self {
        let active_seconds = timeline::active_seconds(&interactions, threshold);
        Data {
            session,
            interactions,
            active_seconds,
            torn_tail,
            end: Position::START,
            complete: true,
        }
    }

    /// Adds what was appended, in place.
    pub fn grow(&mut self, growth: Growth, threshold: TimeDelta) {
        let times = self
            .last_at()
            .into_iter()
            .chain(growth.interactions.iter().map(|i| i.at));
        self.active_seconds += timeline::active_seconds_of(times, threshold);
        self.session = growth.session;
        self.interactions.extend(growth.interactions);
        self.end = growth.end;
        self.torn_tail = growth.torn_tail;
    }

    /// The latest interaction's time.
    pub fn last_at(&self) -> Option<DateTime<Utc>> {
        self.interactions.last().map(|i| i.at)
    }

    /// The silence before interaction `i`, when it is a gap.
    pub fn gap_before(&self, i: usize, threshold: TimeDelta) -> Option<TimeDelta> {
        let pause = self.interactions[i].at - self.interactions[i.checked_sub(1)?].at;
        is_gap(pause, threshold).then_some(pause)
    }
}

/// Loads the active session; `None` when no session is active.
pub fn load(store: &Store, threshold: TimeDelta) -> Result<Option<Data>, StoreError> {
    let id = match store.active() {
        Ok(id) => id,
        Err(StoreError::NoActive) => return Ok(None),
        Err(e) => return Err(e),
    };
    let session = store.session(&id)?;
    // Block by block: the file's bytes are never all in memory with the interactions.
    let mut interactions = timeline::Materializer::default();
    let read = store.timeline_from(&id, Position::START, |block| {
        interactions.extend(block.drain(..))
    })?;
    let mut data = Data::new(session, interactions.finish(), threshold, read.torn);
    data.end = read.end;
    Ok(Some(data))
}

/// Loads the active session with only the end of its timeline, in O(1) of its size: enough
/// for a first frame while the rest is read.
pub fn load_tail(store: &Store, threshold: TimeDelta) -> Result<Option<Data>, StoreError> {
    let id = match store.active() {
        Ok(id) => id,
        Err(StoreError::NoActive) => return Ok(None),
        Err(e) => return Err(e),
    };
    let session = store.session(&id)?;
    let interactions = timeline::materialize(store.recent(&id)?);
    let mut data = Data::new(session, interactions, threshold, None);
    data.complete = false;
    Ok(Some(data))
}

/// What was appended to the timeline `data` shows, read from where `data` ended; `None`
/// when that is not enough and the session must be loaded again (another session became
/// active, the timeline was rewritten by a repair, an amendment or an entry back in time
/// was appended).
pub fn growth(store: &Store, data: &Data) -> Result<Option<Growth>, StoreError> {
    let id = &data.session.id;
    let still_active = store.active().ok().as_ref() == Some(id);
    let length = std::fs::metadata(store.timeline_path(id))
        .map(|m| m.len())
        .unwrap_or(0);
    if !data.complete || !still_active || length < data.end.offset {
        return Ok(None);
    }
    let session = store.session(id)?;
    let mut records = Vec::new();
    let read = store.timeline_from(id, data.end, |block| records.append(block))?;
    let mut interactions = Vec::with_capacity(records.len());
    let mut last = data.last_at();
    for record in records {
        match record {
            Record::Interaction(i) if last.is_none_or(|at| i.at >= at) => {
                last = Some(i.at);
                interactions.push(i);
            }
            _ => return Ok(None),
        }
    }
    Ok(Some(Growth {
        session,
        interactions,
        end: read.end,
        torn_tail: read.torn,
    }))
}

/// One row of the missions popup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissionRow {
    /// The session.
    pub id: SessionId,
    /// The mission's title.
    pub title: String,
    /// Where it stands.
    pub status: MissionStatus,
    /// Steps done out of planned.
    pub progress: Progress,
    /// The latest interaction.
    pub last: Option<DateTime<Utc>>,
}

/// Loads every session's row, newest first.
pub fn load_missions(store: &Store) -> Result<Vec<MissionRow>, StoreError> {
    let mut rows = Vec::new();
    for session in store.sessions()? {
        rows.push(MissionRow {
            last: latest_interaction(store, &session.id)?,
            progress: session.progress(),
            id: session.id,
            title: session.mission.title,
            status: session.mission.status,
        });
    }
    rows.reverse();
    Ok(rows)
}

/// Reads every session and computes the stats, with hours and days read in `zone`.
pub fn load_stats(
    store: &Store,
    threshold: TimeDelta,
    zone: crate::zone::Zone,
) -> Result<crate::stats::Stats, StoreError> {
    let mut sessions = Vec::new();
    for id in store.session_ids()? {
        let session = store.session(&id)?;
        let interactions = timeline::materialize(store.timeline(&id)?.records);
        sessions.push((session, interactions));
    }
    Ok(crate::stats::compute(&sessions, threshold, zone))
}

/// The sizes and times of the files the dashboard shows; a change means "reload".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stamp(Vec<Option<(u64, SystemTime)>>);

/// Reads the stamp of the state file and the active session's files.
pub fn stamp(store: &Store, id: Option<&SessionId>) -> Stamp {
    let mut paths = vec![store.state_path()];
    if let Some(id) = id {
        paths.push(store.session_path(id));
        paths.push(store.timeline_path(id));
    }
    Stamp(
        paths
            .iter()
            .map(|p| {
                fs::metadata(p)
                    .ok()
                    .and_then(|m| Some((m.len(), m.modified().ok()?)))
            })
            .collect(),
    )
}
