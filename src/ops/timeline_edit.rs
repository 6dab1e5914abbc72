//! Corrections to logged interactions, appended as amendments (the timeline is never
//! rewritten): new words, another time, another kind, a deletion and its restoring.

use chrono::{DateTime, Utc};
use ulid::Ulid;

use super::change::{Applied, Change as OpChange, Outcome};
use super::{OpError, Result, Target, check_text, precheck};
use crate::record::{Amendment, Change, Record};
use crate::session::{Interaction, Kind, SessionId};
use crate::store::Store;
use crate::timeline;

/// What an edit of an interaction sets: each field given replaces the one shown, those
/// not given stay. Made as one change (one step to undo), whatever it carries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InteractionEdit {
    /// New words.
    pub text: Option<String>,
    /// Another time (past, within the range tether keeps).
    pub at: Option<DateTime<Utc>>,
    /// Another kind.
    pub kind: Option<Kind>,
}

impl InteractionEdit {
    /// An edit of the words only.
    pub fn text(text: impl Into<String>) -> Self {
        InteractionEdit {
            text: Some(text.into()),
            ..InteractionEdit::default()
        }
    }

    /// Checks what it sets (the words trimmed), refusing a time in the future or outside
    /// the range tether keeps.
    fn checked(self, now: DateTime<Utc>) -> Result<Self> {
        let text = self.text.map(|t| check_text("text", &t)).transpose()?;
        if let Some(at) = self.at {
            crate::time_range::check(at)?;
            if at > crate::time_range::plus(now, crate::when::FUTURE_TOLERANCE) {
                return Err(OpError::Future(at));
            }
        }
        Ok(InteractionEdit { text, ..self })
    }

    /// The amendments that make `shown` what this edit says (none for what it already is).
    fn amendments(&self, shown: &Interaction) -> Vec<Change> {
        let text = self.text.clone().filter(|t| *t != shown.text);
        let at = self.at.filter(|at| *at != shown.at);
        let kind = self.kind.filter(|kind| *kind != shown.kind);
        let mut changes: Vec<Change> = text.map(Change::Text).into_iter().collect();
        changes.extend(at.map(Change::At));
        changes.extend(kind.map(Change::Kind));
        changes
    }

    /// The edit that takes `before` back from `after`: each field that changed, as it was.
    fn undoing(before: &Interaction, after: &Interaction) -> Self {
        InteractionEdit {
            text: (before.text != after.text).then(|| before.text.clone()),
            at: (before.at != after.at).then_some(before.at),
            kind: (before.kind != after.kind).then_some(before.kind),
        }
    }
}

/// Edits an interaction's words, time and kind in one append; its inverse sets back what
/// changed. An edit that changes nothing writes nothing, and has nothing to undo.
pub(super) fn edit_interaction(
    store: &Store,
    now: DateTime<Utc>,
    target: &Target,
    interaction: Ulid,
    edit: InteractionEdit,
) -> Result<Applied> {
    let edit = edit.checked(now)?;
    let (id, before) = amend(store, now, target, interaction, false, |shown| {
        edit.amendments(shown)
    })?;
    let after = Interaction {
        text: edit.text.unwrap_or_else(|| before.text.clone()),
        at: edit.at.unwrap_or(before.at),
        kind: edit.kind.unwrap_or(before.kind),
        ..before.clone()
    };
    let undo = InteractionEdit::undoing(&before, &after);
    let inverse = (undo != InteractionEdit::default()).then(|| OpChange::EditInteraction {
        session: id.clone().into(),
        interaction,
        edit: undo,
    });
    Ok(Applied {
        session: id,
        outcome: Outcome::InteractionEdited { before, after },
        inverse,
    })
}

/// Deletes an interaction (it can be restored); returns it as it was.
pub(super) fn delete_interaction(
    store: &Store,
    now: DateTime<Utc>,
    target: &Target,
    interaction: Ulid,
) -> Result<(SessionId, Interaction)> {
    amend(store, now, target, interaction, false, |_| {
        vec![Change::Deleted(true)]
    })
}

/// Restores a deleted interaction; returns it as it was written.
pub(super) fn restore_interaction(
    store: &Store,
    now: DateTime<Utc>,
    target: &Target,
    interaction: Ulid,
) -> Result<(SessionId, Interaction)> {
    amend(store, now, target, interaction, true, |_| {
        vec![Change::Deleted(false)]
    })
}

/// Appends the amendments `changes` makes of `interaction` as shown, which must exist
/// (and be visible, unless `restoring` it). Returns the interaction as it was before.
fn amend(
    store: &Store,
    now: DateTime<Utc>,
    target: &Target,
    interaction: Ulid,
    restoring: bool,
    changes: impl FnOnce(&Interaction) -> Vec<Change>,
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
        let before = match visible {
            Some(shown) => shown,
            None if restoring => written,
            None => return Err(OpError::Gone("interaction")),
        };
        let records: Vec<Record> = changes(&before)
            .into_iter()
            .map(|change| {
                Record::Amend(Amendment {
                    id: crate::id::new(),
                    at: now,
                    target: interaction,
                    change,
                })
            })
            .collect();
        if !records.is_empty() {
            w.append(&id, &records)?;
        }
        Ok((id, before))
    })
}
