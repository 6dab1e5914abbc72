//! Effects: what `update` asks for that touches the world (the store, git). The runtime's
//! worker performs them off the UI thread and feeds each result back as an action.

use std::path::PathBuf;

use crate::hint::{Hint, Hinted};
use crate::ops::{Change, OpError};
use crate::reality::LeftAt;
use crate::tui::data::Shown;

/// Something for the runtime to do after an update.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Make a change to the store, then read what changed.
    Apply {
        /// The change.
        change: Change,
        /// What becomes of the change that takes it back.
        history: History,
    },
    /// Read the store again: what was appended to the session shown when that is enough,
    /// the whole active session otherwise.
    Reload {
        /// What the dashboard shows now, if anything.
        shown: Option<Shown>,
        /// Read only when a file changed since the last read (a poll, or a notification).
        if_changed: bool,
    },
    /// Read the list of missions.
    LoadMissions,
    /// Read every session and compute the stats.
    LoadStats,
    /// Put text on the terminal's clipboard (OSC 52): the loop writes it between frames.
    Copy {
        /// The text, made safe.
        text: String,
    },
    /// Open a shell in a folder: a tmux split beside the dashboard with `tmux`, otherwise
    /// in the dashboard's terminal, the dashboard suspended until it exits.
    Shell {
        /// The folder.
        dir: PathBuf,
        /// Inside tmux.
        tmux: bool,
    },
    /// Search every mission for the words typed (an empty pattern only stops the search
    /// under way): the newest search wins, the ones before it stop.
    Search {
        /// Which search this is (each is numbered after the one before).
        seq: u64,
        /// The words, as typed.
        pattern: String,
    },
    /// Work out what changed in the workspace since the person left (runs git).
    LoadWorkspace {
        /// The workspace folder.
        workspace: PathBuf,
        /// Where the person left off, but for the commit and branch of the interaction
        /// they left at, which the dashboard does not keep.
        left: LeftAt,
        /// That interaction (its session, its id): its commit and branch, when it recorded
        /// them, are read from the store and come before `left`'s.
        at: Option<(crate::session::SessionId, ulid::Ulid)>,
    },
}

/// What becomes of the change that takes a change back, once it is made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum History {
    /// A change made here: `u` can take it back (and what was undone before cannot be
    /// redone any more).
    Record,
    /// A change not taken back (switching, starting, marking a briefing seen).
    Skip,
    /// Taking back the change said in words: `ctrl-r` can make it again.
    Undo(String),
    /// Making again the change said in words: `u` can take it back again.
    Redo(String),
}

/// Why a change was refused, as the dashboard shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// What went wrong, in one line.
    pub message: String,
    /// What to do about it.
    pub hint: Option<Hint>,
}

impl From<OpError> for Failure {
    fn from(e: OpError) -> Self {
        Failure {
            hint: e.hint(),
            message: e.to_string(),
        }
    }
}

impl From<crate::store::StoreError> for Failure {
    fn from(e: crate::store::StoreError) -> Self {
        Failure {
            hint: e.hint(),
            message: e.to_string(),
        }
    }
}
