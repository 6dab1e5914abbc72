//! The lines of `session.jsonl`: what the session itself is (its mission, workspace, steps,
//! decisions and snapshots), one change a line, appended and never rewritten. The state of
//! a session is the fold of these records (see [`crate::session::fold`]); `session.json`
//! is only a cache of it.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ulid::Ulid;

use crate::session::{MissionStatus, Session, Snapshot};

/// One change to what a session is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateRecord {
    /// Stable unique id of this record; records are folded in the order of their ids.
    pub id: Ulid,
    /// When the change was made (the clock of the machine that made it).
    #[serde(deserialize_with = "crate::time_range::deserialize")]
    pub at: DateTime<Utc>,
    /// What changed.
    #[serde(flatten)]
    pub change: StateChange,
}

/// What one state record changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StateChange {
    /// The session as it started (a new session), or as it stood when its file became a
    /// log of changes (an older session): what the other changes apply to.
    Base(Box<Session>),
    /// The mission's title.
    Title(String),
    /// The mission's description (`None` clears it).
    Description(Option<String>),
    /// The folder the session follows (`None`: none).
    Workspace(Option<PathBuf>),
    /// Where the mission stands.
    Status(StatusChange),
    /// A step planned or changed.
    Step(StepChange),
    /// A decision recorded or changed.
    Decision(DecisionChange),
    /// The context was frozen.
    Snapshot(Box<Snapshot>),
}

/// A mission's status, and when it ended (none while it runs).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    /// The status now.
    pub to: MissionStatus,
    /// When the mission ended, if it has.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time_range::deserialize_option"
    )]
    pub ended: Option<DateTime<Utc>>,
}

/// The fields of one step that a record sets; those absent stay as they were. The first
/// record of a step carries its text and number.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepChange {
    /// The step's id.
    pub id: Ulid,
    /// Its number, given when it was planned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// When it was planned.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time_range::deserialize_option"
    )]
    pub created: Option<DateTime<Utc>>,
    /// What is to be done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Done, or not done again; `done_at` says when it was done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<bool>,
    /// When it was done (with `done: true`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time_range::deserialize_option"
    )]
    pub done_at: Option<DateTime<Utc>>,
    /// Deleted (or, with `false`, put back).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<bool>,
}

/// The fields of one decision that a record sets; a new text comes with its rationale.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionChange {
    /// The decision's id.
    pub id: Ulid,
    /// When it was decided (in its first record).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time_range::deserialize_option"
    )]
    pub decided: Option<DateTime<Utc>>,
    /// What was decided; with it, `why` replaces the rationale (none clears it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Why, if said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    /// Deleted (or, with `false`, put back).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<bool>,
}

/// Serializes a state record as one line ending in `\n`.
pub fn to_line(record: &StateRecord) -> Vec<u8> {
    let mut line = serde_json::to_vec(record).expect("a state record always serializes");
    line.push(b'\n');
    line
}
