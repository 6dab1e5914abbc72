//! Corrections to logged interactions, appended as amendments (the timeline is never
//! rewritten).

use chrono::{DateTime, Utc};
use ulid::Ulid;

use super::{OpError, Result, Target, check_text};
use crate::record::{Amendment, Change, Record};
use crate::store::Store;
use crate::timeline;

/// Replaces the text of an interaction.
pub fn edit_interaction(
    store: &Store,
    now: DateTime<Utc>,
    target: &Target,
    interaction: Ulid,
    text: &str,
) -> Result<()> {
    let text = check_text("text", text)?;
    amend(store, now, target, interaction, Change::Text(text))
}

/// Deletes an interaction (it can be restored).
pub fn delete_interaction(
    store: &Store,
    now: DateTime<Utc>,
    target: &Target,
    interaction: Ulid,
) -> Result<()> {
    amend(store, now, target, interaction, Change::Deleted(true))
}

/// Restores a deleted interaction.
pub fn restore_interaction(
    store: &Store,
    now: DateTime<Utc>,
    target: &Target,
    interaction: Ulid,
) -> Result<()> {
    amend(store, now, target, interaction, Change::Deleted(false))
}

fn amend(
    store: &Store,
    now: DateTime<Utc>,
    target: &Target,
    interaction: Ulid,
    change: Change,
) -> Result<()> {
    store.write(|w| {
        let id = target.resolve(w.store())?;
        let session = w.session(&id)?;
        super::ensure_open(&session)?;
        let records = w.store().timeline(&id)?.records;
        let known = records
            .iter()
            .any(|r| matches!(r, Record::Interaction(i) if i.id == interaction));
        if !known {
            return Err(OpError::Gone("interaction"));
        }
        let is_restore = change == Change::Deleted(false);
        let visible = timeline::materialize(records)
            .iter()
            .any(|i| i.id == interaction);
        if !visible && !is_restore {
            return Err(OpError::Gone("interaction"));
        }
        let record = Record::Amend(Amendment {
            id: Ulid::generate(),
            at: now,
            target: interaction,
            change,
        });
        w.append(&id, &[record])?;
        Ok(())
    })
}
