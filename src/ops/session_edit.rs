//! Renaming a mission, describing it, and changing the folder its session follows: each a
//! record in the session's timeline (folded on read), and `session.json`, the copy every
//! quick reader uses, changed in the same locked write. An ended mission can be renamed
//! too: its fields are not work done in it.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use ulid::Ulid;

use super::change::{Applied, Change, Outcome};
use super::{OpError, Result, Target, check_optional, check_text};
use crate::record::{Record, SessionEdit, SessionField};
use crate::session::Session;
use crate::store::Store;

/// Sets the fields of a session, in order; the inverse sets back those that changed. What
/// already is as asked writes nothing.
pub(super) fn set(
    store: &Store,
    now: DateTime<Utc>,
    target: &Target,
    fields: Vec<SessionField>,
) -> Result<Applied> {
    let fields = fields
        .into_iter()
        .map(checked)
        .collect::<Result<Vec<_>>>()?;
    // refused before the lock, so that an unknown session writes not even the lock file
    store.session_head(&target.resolve(store)?)?;
    let (id, changed) = store.write(|w| {
        let id = target.resolve(w.store())?;
        let mut session = w.session(&id)?;
        let mut changed = Vec::new();
        let mut records = Vec::new();
        for field in fields {
            let before = current(&session, &field);
            if before == field {
                continue;
            }
            let edit = SessionEdit {
                id: Ulid::generate(),
                at: now,
                field: field.clone(),
            };
            edit.apply(&mut session);
            records.push(Record::Edit(edit));
            changed.push((before, field));
        }
        if changed.is_empty() {
            return Ok::<_, OpError>((id, changed));
        }
        w.append(&id, &records)?;
        w.put_session(&session)?;
        if changed
            .iter()
            .any(|(_, f)| matches!(f, SessionField::Workspace(_)))
        {
            w.refresh_place(&id)?;
        }
        Ok((id, changed))
    })?;
    let inverse = (!changed.is_empty()).then(|| Change::SetSession {
        session: id.clone().into(),
        fields: changed
            .iter()
            .rev()
            .map(|(before, _)| before.clone())
            .collect(),
    });
    Ok(Applied {
        session: id,
        outcome: Outcome::SessionSet { changed },
        inverse,
    })
}

/// A field as it is written: a title not blank, a blank description none, a workspace an
/// existing folder, canonical.
fn checked(field: SessionField) -> Result<SessionField> {
    Ok(match field {
        SessionField::Title(title) => SessionField::Title(check_text("title", &title)?),
        SessionField::Description(text) => {
            SessionField::Description(check_optional("description", text.as_deref())?)
        }
        SessionField::Workspace(Some(dir)) => SessionField::Workspace(Some(folder(&dir)?)),
        SessionField::Workspace(None) => SessionField::Workspace(None),
    })
}

/// `dir` made canonical, when it is a folder.
fn folder(dir: &Path) -> Result<PathBuf> {
    match std::fs::canonicalize(dir) {
        Ok(canonical) if canonical.is_dir() => Ok(canonical),
        _ => Err(OpError::NotAFolder(dir.to_path_buf())),
    }
}

/// The value `session` has for the field `like` sets.
fn current(session: &Session, like: &SessionField) -> SessionField {
    match like {
        SessionField::Title(_) => SessionField::Title(session.mission.title.clone()),
        SessionField::Description(_) => {
            SessionField::Description(session.mission.description.clone())
        }
        SessionField::Workspace(_) => SessionField::Workspace(session.workspace.clone()),
    }
}
