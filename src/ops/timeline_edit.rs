//! Corrections to logged interactions, appended as amendments (the timeline is never
//! rewritten).

use chrono::{DateTime, Utc};
use ulid::Ulid;

use super::{OpError, Result, Target, check_text, precheck};
use crate::record::{Amendment, Change, Record};
use crate::session::{Interaction, SessionId};
use crate::store::Store;
use crate::timeline;

/// Replaces the text of an interaction; returns the interaction as it was.
pub(super) fn edit_interaction(
    store: &Store,
    now: DateTime<Utc>,
    target: &Target,
    interaction: Ulid,
    text: &str,
) -> Result<(SessionId, Interaction)> {
    let text = check_text("text", text)?;
    amend(store, now, target, interaction, Change::Text(text))
}

/// Deletes an interaction (it can be restored); returns it as it was.
pub(super) fn delete_interaction(
    store: &Store,
    now: DateTime<Utc>,
    target: &Target,
    interaction: Ulid,
) -> Result<(SessionId, Interaction)> {
    amend(store, now, target, interaction, Change::Deleted(true))
}

/// Restores a deleted interaction; returns it as it was written.
pub(super) fn restore_interaction(
    store: &Store,
    now: DateTime<Utc>,
    target: &Target,
    interaction: Ulid,
) -> Result<(SessionId, Interaction)> {
    amend(store, now, target, interaction, Change::Deleted(false))
}

/// Appends an amendment to `interaction`, which must exist (and, unless this restores it,
/// be visible). Returns the interaction as it was before the amendment.
fn amend(
    store: &Store,
    now: DateTime<Utc>,
    target: &Target,
    interaction: Ulid,
    change: Change,
) -> Result<(SessionId, Interaction)> {
    precheck(store, target)?;
    store.write(|w| {
        let id = target.resolve(w.store())?;
        let session = w.session(&id)?;
        super::ensure_open(&session)?;
        let records = w.store().timeline(&id)?.records;
        let written = records.iter().find_map(|r| match r {
            Record::Interaction(i) if i.id == interaction => Some(i.clone()),
            _ => None,
        });
        let Some(written) = written else {
            return Err(OpError::Gone("interaction"));
        };
        let visible = timeline::materialize(records)
            .into_iter()
            .find(|i| i.id == interaction);
        let before = match (visible, &change) {
            (Some(shown), _) => shown,
            (None, Change::Deleted(false)) => written,
            (None, _) => return Err(OpError::Gone("interaction")),
        };
        let record = Record::Amend(Amendment {
            id: Ulid::generate(),
            at: now,
            target: interaction,
            change,
        });
        w.append(&id, &[record])?;
        Ok((id, before))
    })
}
