//! Restoring sessions from a tether export (`tether export --format jsonl`), read back by
//! `crate::import::backup`: the second pass, which writes.
//!
//! A session of the export is the store's when one there has the same id and was created
//! at the same instant, or, under another id, the same creation and title (a restore
//! moved aside before): it gets only the steps, decisions, snapshots and interactions it
//! lacks, by their ids, and its mission and status stay as they are. Any other session is
//! created, with its id when that is free and the next number otherwise; it is the active
//! one if it was and the store has none, paused otherwise. So restoring into an empty
//! store gives back every session as it was, and importing an export twice adds nothing.
//!
//! Each session is restored under the lock in one write, all or nothing; interactions
//! are appended in batches as they are read, so the file is never all in memory.

use std::collections::HashSet;
use std::io::BufRead;

use chrono::{DateTime, Utc};
use ulid::Ulid;

use super::{OpError, lifecycle::new_id};
use crate::export::jsonl::{Line, SessionLine};
use crate::import::backup::{Backup, BackupError, Plan, Reader};
use crate::record::{Record, Seen};
use crate::session::{MissionStatus, Session, SessionId, Source};
use crate::store::{Store, StoreError, Writer};

/// The interactions appended at a time.
const BATCH: usize = 10_000;

/// What restoring one session of an export did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionRestored {
    /// Its id in the export.
    pub from: SessionId,
    /// Its id in the store.
    pub into: SessionId,
    /// Its mission's title.
    pub mission: String,
    /// Whether it was created (rather than found in the store).
    pub created: bool,
    /// The interactions added.
    pub interactions: usize,
    /// The interactions the store already held.
    pub known: usize,
    /// The steps, decisions and snapshots added.
    pub added: [usize; 3],
}

/// What restoring an export did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Restored {
    /// Each session, in the order of the export.
    pub sessions: Vec<SessionRestored>,
    /// The session made the active one, if one was.
    pub active: Option<SessionId>,
}

/// Why a restore stopped (the sessions restored before stay).
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    /// The store or an operation refused.
    #[error(transparent)]
    Op(#[from] OpError),
    /// The export could not be read.
    #[error(transparent)]
    Backup(#[from] BackupError),
}

impl From<StoreError> for RestoreError {
    fn from(e: StoreError) -> Self {
        RestoreError::Op(e.into())
    }
}

/// Restores the sessions `backup` planned (see `crate::import::backup::plan`), reading
/// their interactions from `reader`, the same export read again from its start.
pub fn restore<R: BufRead>(
    store: &Store,
    backup: &Backup,
    reader: &mut Reader<R>,
    now: DateTime<Utc>,
) -> Result<Restored, RestoreError> {
    let mut restored = Restored::default();
    let mut known: Vec<(DateTime<Utc>, String, SessionId)> = Vec::new();
    for id in store.session_ids()? {
        let s = store.session(&id)?;
        known.push((s.created, s.mission.title, id));
    }
    reader.next_line()?; // the header, checked by the first pass
    let mut next = reader.next_line()?;
    for plan in &backup.sessions {
        let changed = || BackupError::Line {
            line: plan.line,
            reason: "the file changed since it was checked: import it again".into(),
        };
        match &next {
            Some((_, Line::Session(s))) if s.session == plan.session.session => {}
            _ => return Err(changed().into()),
        }
        let done = store.write(|w| {
            let (mut session, mut ids) = open(w, plan, &known, now)?;
            let mut batch = Vec::new();
            loop {
                next = reader.next_line()?;
                match next.take() {
                    Some((_, Line::Interaction(of))) => {
                        if ids.insert(of.item.id) {
                            batch.push(Record::Interaction(of.item));
                            session.interactions += 1;
                        } else {
                            session.known += 1;
                        }
                    }
                    Some((_, Line::Step(_) | Line::Decision(_) | Line::Snapshot(_))) => {}
                    other => {
                        next = other;
                        break;
                    }
                }
                if batch.len() >= BATCH {
                    w.append(&session.into, &batch)?;
                    batch.clear();
                }
            }
            if !batch.is_empty() {
                w.append(&session.into, &batch)?;
            }
            let activate = session.created && plan.session.status == MissionStatus::Active;
            if activate && w.state()?.active.is_none() {
                let mut state = w.state()?;
                state.active = Some(session.into.clone());
                w.put_state(&state)?;
                restored.active = Some(session.into.clone());
            }
            Ok::<_, RestoreError>(session)
        })?;
        if done.created {
            let s = &plan.session;
            known.push((s.created, s.mission.clone(), done.into.clone()));
        }
        restored.sessions.push(done);
    }
    Ok(restored)
}

/// The session of `plan` in the store, created or found, with what it lacked added; and
/// the ids of every record its timeline holds.
fn open(
    w: &mut Writer<'_>,
    plan: &Plan,
    known: &[(DateTime<Utc>, String, SessionId)],
    now: DateTime<Utc>,
) -> Result<(SessionRestored, HashSet<Ulid>), RestoreError> {
    let line = &plan.session;
    let same = known
        .iter()
        .find(|(created, _, id)| *created == line.created && id == &line.session)
        .or_else(|| {
            known
                .iter()
                .find(|(created, title, _)| *created == line.created && title == &line.mission)
        });
    let mut restored = SessionRestored {
        from: line.session.clone(),
        into: line.session.clone(),
        mission: line.mission.clone(),
        created: same.is_none(),
        interactions: 0,
        known: 0,
        added: [plan.steps.len(), plan.decisions.len(), plan.snapshots.len()],
    };
    if let Some((_, _, id)) = same {
        restored.into = id.clone();
        restored.added = merge(w, id, plan, now)?;
        let mut ids = HashSet::new();
        w.store()
            .timeline_with(id, |block| ids.extend(block.iter().map(Record::id)))?;
        return Ok((restored, ids));
    }
    let taken = w
        .store()
        .folder_ids()?
        .iter()
        .any(|(_, id)| id == &line.session);
    if taken {
        restored.into = new_id(w.store(), None)?;
    }
    create(w, &restored.into, plan)?;
    Ok((restored, HashSet::new()))
}

/// Creates the session of `plan` as `id`: paused when it was active and another is.
fn create(w: &mut Writer<'_>, id: &SessionId, plan: &Plan) -> Result<(), RestoreError> {
    let line: &SessionLine = &plan.session;
    let mut session: Session = line.session();
    session.id = id.clone();
    session.steps.clone_from(&plan.steps);
    session.decisions.clone_from(&plan.decisions);
    session.snapshots.clone_from(&plan.snapshots);
    session.number_steps();
    if session.mission.status == MissionStatus::Active && w.state()?.active.is_some() {
        session.mission.status = MissionStatus::Paused;
    }
    w.create_session(&session)?;
    if let Some(at) = line.seen {
        let seen = Seen {
            id: crate::id::new(),
            at,
            by: Source::Cli,
        };
        w.append(id, &[Record::Seen(seen)])?;
    }
    w.refresh_place(id)?;
    Ok(())
}

/// Adds to session `id` the steps, decisions and snapshots of `plan` it lacks (by id);
/// returns how many of each.
fn merge(
    w: &mut Writer<'_>,
    id: &SessionId,
    plan: &Plan,
    now: DateTime<Utc>,
) -> Result<[usize; 3], RestoreError> {
    let before = w.session(id)?;
    let mut session = before.clone();
    let mut added = [0; 3];
    for step in &plan.steps {
        if !session.steps.iter().any(|s| s.id == step.id) {
            session.steps.push(step.clone());
            added[0] += 1;
        }
    }
    for decision in &plan.decisions {
        if !session.decisions.iter().any(|d| d.id == decision.id) {
            session.decisions.push(decision.clone());
            added[1] += 1;
        }
    }
    for snapshot in &plan.snapshots {
        if !session.snapshots.iter().any(|s| s.id == snapshot.id) {
            session.snapshots.push(snapshot.clone());
            added[2] += 1;
        }
    }
    session.last_step_number = session.last_step_number.max(plan.session.last_step_number);
    session.number_steps();
    if session != before {
        w.put_session(&session, now)?;
    }
    Ok(added)
}
