//! What the dashboard shows, read from the store (on the worker's side of the IO boundary).

use chrono::{DateTime, TimeDelta, Utc};

use super::entries::Entries;
use crate::ops::sessions_by_activity;
use crate::record::Record;
use crate::session::{Interaction, MissionStatus, Progress, Session, SessionId};
use crate::store::{LastLine, Position, Store, StoreError};
use crate::timeline::{self, is_gap};

/// The active session as loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct Data {
    /// The session.
    pub session: Session,
    /// Its interactions in time order (amendments applied), compact.
    pub interactions: Entries,
    /// When the person last saw a briefing of it.
    pub seen: Option<DateTime<Utc>>,
    /// The sum of the silences that are not gaps, exact ([`timeline::active_time`]).
    pub active: TimeDelta,
    /// The same in whole seconds, floored: what the header shows.
    pub active_seconds: i64,
    /// Bytes of an incomplete last line, if the timeline ends in one.
    pub torn_tail: Option<usize>,
    /// Where the read of the timeline ended: the next read of what is appended starts here.
    pub end: Position,
    /// The last line read before `end`, to tell that the file still holds it there.
    pub last_line: Option<LastLine>,
    /// False while only the end of the timeline is loaded (the first frame of a large one).
    pub complete: bool,
}

/// What the dashboard shows, as the worker needs to know it to read only what is new.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    /// The session shown.
    pub session: SessionId,
    /// Where its read ended.
    pub end: Position,
    /// The last line read before `end`.
    pub last_line: Option<LastLine>,
    /// Its latest interaction.
    pub last_at: Option<DateTime<Utc>>,
    /// Whether the whole timeline is loaded.
    pub complete: bool,
}

/// What was appended to the timeline shown, and the session as it is now.
#[derive(Clone, Debug, PartialEq)]
pub struct Growth {
    /// The session, read again (it is small).
    pub session: Session,
    /// Where this read started: it applies only to data whose read ended there.
    pub from: Position,
    /// The new interactions, in time order, none before the last one shown.
    pub interactions: Vec<Interaction>,
    /// When the person last saw a briefing, if that was among what was appended.
    pub seen: Option<DateTime<Utc>>,
    /// Where this read ended.
    pub end: Position,
    /// The last line read before `end` (by this read or, when it read none, an earlier one).
    pub last_line: Option<LastLine>,
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
        Data::of(session, Entries::from(interactions), threshold, torn_tail)
    }

    /// Builds the view of a session from its compact interactions.
    pub fn of(
        session: Session,
        interactions: Entries,
        threshold: TimeDelta,
        torn_tail: Option<usize>,
    ) -> Self {
        let active = timeline::active_time_of(interactions.ats().iter().copied(), threshold);
        Data {
            session,
            interactions,
            seen: None,
            active,
            active_seconds: timeline::whole_seconds(active),
            torn_tail,
            end: Position::START,
            last_line: None,
            complete: true,
        }
    }

    /// What the worker needs to read only what is appended after this.
    pub fn shown(&self) -> Shown {
        Shown {
            session: self.session.id.clone(),
            end: self.end,
            last_line: self.last_line,
            last_at: self.last_at(),
            complete: self.complete,
        }
    }

    /// Adds what was appended, in place.
    pub fn grow(&mut self, growth: Growth, threshold: TimeDelta) {
        let times = self
            .last_at()
            .into_iter()
            .chain(growth.interactions.iter().map(|i| i.at));
        self.active += timeline::active_time_of(times, threshold);
        self.active_seconds = timeline::whole_seconds(self.active);
        self.session = growth.session;
        self.seen = self.seen.max(growth.seen);
        self.interactions.reserve(growth.interactions.len());
        for i in &growth.interactions {
            self.interactions.push(i);
        }
        self.end = growth.end;
        self.last_line = growth.last_line;
        self.torn_tail = growth.torn_tail;
    }

    /// The latest interaction's time.
    pub fn last_at(&self) -> Option<DateTime<Utc>> {
        self.interactions.ats().last().copied()
    }

    /// The silence before interaction `i`, when it is a gap.
    pub fn gap_before(&self, i: usize, threshold: TimeDelta) -> Option<TimeDelta> {
        let ats = self.interactions.ats();
        let pause = ats[i] - ats[i.checked_sub(1)?];
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
    let loaded = super::load::load(store, &id)?;
    let mut data = Data::of(loaded.session, loaded.entries, threshold, loaded.torn_tail);
    data.end = loaded.end;
    data.last_line = loaded.last_line;
    data.seen = loaded.seen;
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

/// What was appended to the timeline shown, read from where its read ended; `None` when
/// that is not enough and the session must be loaded again (another session became
/// active, the timeline no longer holds what was read (cut back, rewritten by a repair or
/// replaced), an amendment or an entry back in time was appended).
pub fn growth(store: &Store, shown: &Shown) -> Result<Option<Growth>, StoreError> {
    let id = &shown.session;
    let still_active = store.active().ok().as_ref() == Some(id);
    let holds = |last| store.timeline_holds(id, last, shown.end);
    if !shown.complete || !still_active || !shown.last_line.as_ref().is_none_or(holds) {
        return Ok(None);
    }
    let session = store.session(id)?;
    let mut records = Vec::new();
    let read = store.timeline_from(id, shown.end, |block| records.append(block))?;
    let mut interactions = Vec::with_capacity(records.len());
    let mut last = shown.last_at;
    let mut seen = None;
    for record in records {
        match record {
            Record::Interaction(i) if last.is_none_or(|at| i.at >= at) => {
                last = Some(i.at);
                interactions.push(i);
            }
            Record::Seen(s) => seen = seen.max(s.by_person().then_some(s.at)),
            _ => return Ok(None),
        }
    }
    Ok(Some(Growth {
        session,
        from: shown.end,
        interactions,
        seen,
        end: read.end,
        last_line: read.last.or(shown.last_line),
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

/// The missions popup's rows as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missions {
    /// Every session that could be read, the most recently active first.
    pub rows: Vec<MissionRow>,
    /// Why one or more could not be read (the first error, with its file and line).
    pub unread: Option<String>,
}

impl From<Vec<MissionRow>> for Missions {
    /// Rows of missions all read.
    fn from(rows: Vec<MissionRow>) -> Self {
        Missions { rows, unread: None }
    }
}

/// Loads every session's row, the most recently active first (as `tether missions`); a
/// session that cannot be read is told, and the others listed.
pub fn load_missions(store: &Store) -> Result<Missions, StoreError> {
    let sessions = sessions_by_activity(store)?;
    let rows = sessions
        .rows
        .into_iter()
        .map(|(session, last)| MissionRow {
            last,
            progress: session.progress,
            id: session.id,
            title: session.mission.title,
            status: session.mission.status,
        })
        .collect();
    let unread = first_of(&sessions.unread);
    Ok(Missions { rows, unread })
}

/// The stats as read.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    /// The stats of every session that could be read.
    pub stats: crate::stats::Stats,
    /// Why one or more could not be read (the first error, with its file and line).
    pub unread: Option<String>,
}

impl From<crate::stats::Stats> for Figures {
    /// The stats of missions all read.
    fn from(stats: crate::stats::Stats) -> Self {
        Figures {
            stats,
            unread: None,
        }
    }
}

/// Reads every session and computes the stats, with hours and days read in `zone`; a
/// session that cannot be read is told, and the stats are the others'.
pub fn load_stats(
    store: &Store,
    threshold: TimeDelta,
    zone: crate::zone::Zone,
) -> Result<Figures, StoreError> {
    let mut unread = Vec::new();
    let stats = crate::ops::stats(store, threshold, zone, |_, _| {}, |e| unread.push(e))?;
    Ok(Figures {
        stats,
        unread: first_of(&unread),
    })
}

/// The first of `unread`, saying how many there are when more than one.
fn first_of(unread: &[StoreError]) -> Option<String> {
    unread.first().map(|e| match unread.len() {
        1 => e.to_string(),
        n => format!("{n} missions cannot be read whole; the first: {e}"),
    })
}
