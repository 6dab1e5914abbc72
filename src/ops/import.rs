//! Importing a plain session log: its lines become interactions in one session, so that
//! existing numbered sessions continue in tether.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use super::{OpError, Result, check_text, ensure_open, interaction, lifecycle::new_id};
use crate::import::Entry;
use crate::record::Record;
use crate::session::{Kind, MissionStatus, Session, SessionId, Source};
use crate::store::{AppendOutcome, Store, StoreError};

/// What to import, and where.
#[derive(Clone, Debug, Default)]
pub struct ImportRequest {
    /// The session to import into (created when it does not exist); the next number when
    /// not given.
    pub id: Option<SessionId>,
    /// The mission's title, used only when the session is created.
    pub title: String,
    /// The lines read from the log.
    pub entries: Vec<Entry>,
}

/// What an import did.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The session the entries went to.
    pub session: SessionId,
    /// Whether the session was created (paused) by this import.
    pub created: bool,
    /// The entries appended, in time order.
    pub added: Vec<Entry>,
    /// The entries whose time and text the session's timeline already held.
    pub duplicates: Vec<Entry>,
    /// What the append did besides appending.
    pub outcome: AppendOutcome,
}

/// Imports entries into a session as `note` interactions from `import`, in one write.
///
/// A session that does not exist is created *paused*, so the user's active session stays
/// active; its creation time is its first entry's. Entries whose (time, text) the session
/// already holds, deleted or edited ones included, are left out: importing the same log
/// twice adds nothing. Refused, writing nothing, when there are no entries, an entry's text
/// is invalid, or the session has ended.
pub fn import(store: &Store, now: DateTime<Utc>, request: ImportRequest) -> Result<Imported> {
    if request.entries.is_empty() {
        return Err(OpError::EmptyText("log to import"));
    }
    let mut entries = Vec::with_capacity(request.entries.len());
    for entry in request.entries {
        let text = check_text("imported text", &entry.text)?;
        entries.push(Entry { text, ..entry });
    }
    entries.sort_by_key(|e| e.at);
    let title = request.title;
    precheck(store, request.id.as_ref(), &title)?;
    let created_at = entries.first().map_or(now, |e| e.at.min(now));
    store.write(|w| {
        let id = new_id(w.store(), request.id)?;
        let created = match w.session(&id) {
            Ok(session) => {
                ensure_open(&session)?;
                false
            }
            Err(StoreError::UnknownSession(_)) => {
                let mut session =
                    Session::new(id.clone(), check_text("mission title", &title)?, created_at);
                session.mission.status = MissionStatus::Paused;
                w.create_session(&session)?;
                true
            }
            Err(e) => return Err(e.into()),
        };
        let known = if created {
            HashSet::new()
        } else {
            known_lines(w.store(), &id)?
        };
        let (duplicates, added): (Vec<Entry>, Vec<Entry>) = entries
            .into_iter()
            .partition(|e| known.contains(&(e.at, e.text.clone())));
        let records: Vec<Record> = added
            .iter()
            .map(|e| {
                Record::Interaction(interaction(
                    e.at,
                    Kind::Note,
                    Source::Import,
                    e.text.clone(),
                ))
            })
            .collect();
        let outcome = if records.is_empty() {
            AppendOutcome::default()
        } else {
            w.append(&id, &records)?
        };
        Ok(Imported {
            session: id,
            created,
            added,
            duplicates,
            outcome,
        })
    })
}

/// Checks, without the lock, what can be checked before writing: an existing session must
/// be open, a new one needs a valid title.
fn precheck(store: &Store, id: Option<&SessionId>, title: &str) -> Result<()> {
    let existing = match id {
        Some(id) => match store.session(id) {
            Ok(session) => Some(session),
            Err(StoreError::UnknownSession(_)) => None,
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    match existing {
        Some(session) => ensure_open(&session),
        None => check_text("mission title", title).map(drop),
    }
}

/// The (time, text) of every interaction ever written to a session, as first written:
/// re-importing restores neither a deleted line nor an edited one's first words.
fn known_lines(
    store: &Store,
    id: &SessionId,
) -> Result<HashSet<(DateTime<Utc>, String)>, StoreError> {
    Ok(store
        .timeline(id)?
        .records
        .into_iter()
        .filter_map(Record::into_interaction)
        .map(|i| (i.at, i.text.trim().to_string()))
        .collect())
}
