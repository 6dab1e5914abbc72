//! Export: sessions' interactions, edits applied and deletions left out, as CSV rows, as
//! JSON lines (a backup `tether import` takes back whole) or as calendar events of the
//! active stretches.
//!
//! Like `ops`, this reads the store (through its read API only) and writes nothing there.
//! Each format is a [`Sink`], fed session by session and interaction by interaction as the
//! store reads them: a session's amendments are gathered first ([`Store::amended`]), then
//! its interactions stream through, a block at a time, in the order written. Only the
//! calendar holds more: the times of one session (12 bytes each), to cut it into stretches.

pub mod csv;
pub mod ics;
pub mod jsonl;

use std::io;

use crate::session::{Interaction, SessionId};
use crate::store::{Amended, Store, StoreError};
use crate::when::Span;

/// A format being written.
pub trait Sink {
    /// A session begins: what precedes its interactions.
    fn session(&mut self, amended: &Amended) -> io::Result<()>;
    /// One interaction of the session begun last.
    fn interaction(&mut self, amended: &Amended, interaction: Interaction) -> io::Result<()>;
    /// The session begun last has no more interactions.
    fn end_session(&mut self, amended: &Amended) -> io::Result<()>;
    /// Every session was written.
    fn finish(&mut self) -> io::Result<()>;
}

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The store could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The output could not be written (a closed pipe among others).
    #[error("cannot write the export: {0}")]
    Write(#[from] io::Error),
}

/// What an export wrote.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Exported {
    /// The sessions written.
    pub sessions: usize,
    /// The interactions written.
    pub interactions: usize,
    /// The timelines with an incomplete last line (skipped), and its length.
    pub torn: Vec<(SessionId, usize)>,
}

/// Writes the sessions `ids` into `sink`, each with its interactions in `span` (every one
/// when `None`). With a span, a session with no interaction in it is left out; without
/// one, every session is written, its steps and decisions even when it has no interaction.
pub fn export(
    store: &Store,
    ids: &[SessionId],
    span: Option<&Span>,
    sink: &mut dyn Sink,
) -> Result<Exported, ExportError> {
    let mut exported = Exported::default();
    for id in ids {
        let amended = store.amended(id)?;
        let mut begun = false;
        if span.is_none() {
            sink.session(&amended)?;
            begun = true;
        }
        let mut failed = None;
        let mut count = 0;
        let torn = store.amended_with(&amended, span, |interaction| {
            if failed.is_some() {
                return;
            }
            let written = match begun {
                true => Ok(()),
                false => sink.session(&amended),
            }
            .and_then(|()| sink.interaction(&amended, interaction));
            begun = true;
            match written {
                Ok(()) => count += 1,
                Err(e) => failed = Some(e),
            }
        })?;
        if let Some(e) = failed {
            return Err(e.into());
        }
        if begun {
            sink.end_session(&amended)?;
            exported.sessions += 1;
        }
        exported.interactions += count;
        exported.torn.extend(torn.map(|bytes| (id.clone(), bytes)));
    }
    sink.finish()?;
    Ok(exported)
}
