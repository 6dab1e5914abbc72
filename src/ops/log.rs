//! Logging an interaction: an O(1) append, whatever the size of the history.

use chrono::{DateTime, TimeDelta, Utc};

use super::lifecycle::at_workspace;
use super::{Result, Target, check_text, ensure_open_mission, interaction, precheck};
use crate::record::Record;
use crate::session::{Interaction, Kind, SessionId, Source};
use crate::store::{AppendOutcome, SessionHead, Store, StoreError};

/// A new interaction to log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// When it happened; now when not given.
    pub at: Option<DateTime<Utc>>,
    /// What it records.
    pub kind: Kind,
    /// The user's words.
    pub text: String,
}

impl Entry {
    /// A note made now.
    pub fn note(text: impl Into<String>) -> Self {
        Entry {
            at: None,
            kind: Kind::Note,
            text: text.into(),
        }
    }
}

/// What logging did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logged {
    /// The interaction as stored.
    pub interaction: Interaction,
    /// The silence since the latest interaction before it, if there was one.
    pub since_last: Option<TimeDelta>,
    /// What the append did besides appending.
    pub outcome: AppendOutcome,
    /// True when it was a commit already logged (a retried hook): nothing was written.
    pub duplicate: bool,
}

/// Logs one interaction. The workspace's commit is recorded with it (read from the
/// repository's files, no process). A commit already among the recent interactions is not
/// logged twice.
pub(super) fn log(
    store: &Store,
    now: DateTime<Utc>,
    source: Source,
    target: &Target,
    entry: Entry,
) -> Result<(SessionId, Logged)> {
    let text = check_text("text", &entry.text)?;
    precheck(store, target)?;
    store.write(|w| {
        let id = target.resolve(w.store())?;
        // The head only: a log reads nothing whose size grows with the session's history.
        let session = w.store().session_head(&id)?;
        ensure_open_mission(&session.id, &session.mission)?;
        // a commit is looked for among the recent ones (a retried hook); anything else
        // needs only the latest interaction's time, read from the last few KB
        let recent = interactions(match entry.kind {
            Kind::Commit => w.recent(&id)?,
            _ => w.latest(&id)?,
        });
        let last = recent.iter().map(|i| i.at).max();
        // in a synced store "now" is never before the latest interaction (a hybrid
        // logical clock): a machine whose clock is behind another's must not fabricate a
        // gap; one machine's clock set back is left as it is (its silence shows as none)
        let hybrid = |now| match last {
            Some(last) if w.store().is_synced() => last.max(now),
            _ => now,
        };
        let at = entry.at.unwrap_or_else(|| hybrid(now));
        let interaction = interaction(at, entry.kind, source, text);
        let repeated = recent
            .iter()
            .find(|i| i.kind == Kind::Commit && i.text == interaction.text);
        if let Some(earlier) = repeated.filter(|_| entry.kind == Kind::Commit) {
            let logged = Logged {
                interaction: earlier.clone(),
                since_last: None,
                outcome: AppendOutcome::default(),
                duplicate: true,
            };
            return Ok((id, logged));
        }
        let interaction = at_workspace(interaction, session.workspace.as_deref());
        let outcome = w.append(&id, &[Record::Interaction(interaction.clone())])?;
        let logged = Logged {
            // a clock set back, or a time given with --at: a silence is never negative
            since_last: last.map(|last| (interaction.at - last).max(TimeDelta::zero())),
            interaction,
            outcome,
            duplicate: false,
        };
        Ok((id, logged))
    })
}

/// The interactions among `records` (the end of a timeline, read in O(1) of its size).
fn interactions(records: Vec<Record>) -> Vec<Interaction> {
    records
        .into_iter()
        .filter_map(Record::into_interaction)
        .collect()
}

/// The time of the latest interaction, read from the end of the timeline in O(1).
pub fn latest_interaction(
    store: &Store,
    id: &SessionId,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    Ok(store
        .latest(id)?
        .iter()
        .filter_map(|r| r.interaction().map(|i| i.at))
        .max())
}

/// A session's head with the time of its latest interaction, if any.
pub type WithLatest = (SessionHead, Option<DateTime<Utc>>);

/// The sessions of a store as a list of missions shows them (see [`sessions_by_activity`]).
#[derive(Debug, Default)]
pub struct ByActivity {
    /// Every session that could be read, with its latest interaction, in the list's order.
    pub rows: Vec<WithLatest>,
    /// Why the others could not be read, or only in part: a session whose timeline's end
    /// is damaged is among the rows, its latest interaction unknown; one whose own file is
    /// damaged is not.
    pub unread: Vec<StoreError>,
}

/// Every session with its latest interaction, the most recently active first: by that
/// interaction (a session with none, by when it was created), ties by id, highest first.
/// The one order of every list of missions. Only the head of each session's file and the
/// last few KB of its timeline are read, so hundreds of missions list at once. A session
/// that cannot be read hides no other: its error is kept beside the rows.
pub fn sessions_by_activity(store: &Store) -> Result<ByActivity, StoreError> {
    let (mut rows, mut unread) = (Vec::new(), Vec::new());
    for id in store.session_ids()? {
        let head = match store.session_head(&id) {
            Ok(head) => head,
            Err(e) => {
                unread.push(e);
                continue;
            }
        };
        let last = latest_interaction(store, &id).unwrap_or_else(|e| {
            unread.push(e);
            None
        });
        rows.push((head, last));
    }
    let key = |(s, last): &WithLatest| {
        (
            last.unwrap_or(s.created),
            s.id.number(),
            s.id.as_str().to_owned(),
        )
    };
    rows.sort_by_cached_key(|row| std::cmp::Reverse(key(row)));
    Ok(ByActivity { rows, unread })
}

/// Logs one interaction without waiting for the store: when another writer holds it, the
/// interaction is left in the spool (see [`Store::spool`]) for the next writer to fold in.
/// For hooks, which must never delay what they hook (a commit, an assistant's prompt) and
/// never lose it. Returns the session and whether it was spooled rather than written.
pub fn log_without_waiting(
    store: &Store,
    now: DateTime<Utc>,
    source: Source,
    target: &Target,
    entry: Entry,
) -> Result<(SessionId, Logged, bool)> {
    let quick = store.clone().with_lock_timeout(NO_WAIT);
    match log(&quick, now, source, target, entry.clone()) {
        Err(super::OpError::Store(StoreError::LockTimeout { .. })) => {}
        other => return other.map(|(id, logged)| (id, logged, false)),
    }
    let text = check_text("text", &entry.text)?;
    let id = target.resolve(store)?;
    let head = store.session_head(&id)?;
    ensure_open_mission(&head.id, &head.mission)?;
    let interaction = interaction(entry.at.unwrap_or(now), entry.kind, source, text);
    let interaction = at_workspace(interaction, head.workspace.as_deref());
    store.spool(&id, &Record::Interaction(interaction.clone()))?;
    let logged = Logged {
        interaction,
        since_last: None,
        outcome: AppendOutcome::default(),
        duplicate: false,
    };
    Ok((id, logged, true))
}

/// How long a hook waits for the store before it leaves its record in the spool.
pub const NO_WAIT: std::time::Duration = std::time::Duration::from_millis(100);
