//! The domain: sessions, missions, interactions, steps, decisions and snapshots.
//!
//! Plain data with serde; no IO and no clock here.

use std::fmt;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ulid::Ulid;

use crate::reality::WorkspaceState;

pub mod fold;
mod id;

pub use id::{InvalidSessionId, MAX_NUMBER, SessionId};

/// The on-disk format number of `session.json`, `state.json` and `timeline.jsonl`.
pub const FORMAT: u32 = 1;

/// How many snapshots a session keeps; older ones are dropped (they are copies).
pub const MAX_SNAPSHOTS: usize = 64;

/// The largest text a note, step or decision may carry, in bytes.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// Where a mission stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum MissionStatus {
    /// Being worked on; at most one session is active.
    Active,
    /// Set aside for another mission; resumes with `switch`.
    Paused,
    /// Achieved: the session has ended.
    Complete,
    /// Given up: the session has ended.
    Abandoned,
}

impl MissionStatus {
    /// The lowercase name used in files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            MissionStatus::Active => "active",
            MissionStatus::Paused => "paused",
            MissionStatus::Complete => "complete",
            MissionStatus::Abandoned => "abandoned",
        }
    }

    /// True once the mission has ended (complete or abandoned).
    pub fn is_ended(self) -> bool {
        matches!(self, MissionStatus::Complete | MissionStatus::Abandoned)
    }
}

/// The objective a session is scoped to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mission {
    /// A short title.
    pub title: String,
    /// An optional longer description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where the mission stands.
    pub status: MissionStatus,
}

/// What an interaction records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Something that happened.
    Note,
    /// Work completed or a mission milestone.
    Progress,
    /// A key decision was made.
    Decision,
    /// A next step was planned.
    Step,
    /// A commit landed in the workspace.
    Commit,
    /// The session was resumed.
    Resume,
}

impl Kind {
    /// The lowercase name used in files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Note => "note",
            Kind::Progress => "progress",
            Kind::Decision => "decision",
            Kind::Step => "step",
            Kind::Commit => "commit",
            Kind::Resume => "resume",
        }
    }
}

/// Who recorded an interaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The dashboard.
    Tui,
    /// The command line.
    Cli,
    /// A git hook.
    Git,
    /// An imported log.
    Import,
    /// An AI assistant or another program.
    Agent,
}

impl Source {
    /// The lowercase name used in files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Tui => "tui",
            Source::Cli => "cli",
            Source::Git => "git",
            Source::Import => "import",
            Source::Agent => "agent",
        }
    }
}

/// A timestamped line of what happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interaction {
    /// Stable unique id.
    pub id: Ulid,
    /// When it happened (UTC).
    #[serde(deserialize_with = "crate::time_range::deserialize")]
    pub at: DateTime<Utc>,
    /// What it records.
    pub kind: Kind,
    /// Who recorded it.
    pub source: Source,
    /// The user's words.
    pub text: String,
    /// The workspace's commit when it was logged, if the session follows a repository.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<String>,
    /// The workspace's branch when it was logged, if one was checked out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
}

/// Planned work: done steps are the progress.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// Stable unique id.
    pub id: Ulid,
    /// Its number, given when it was planned and kept for its life (`step done N`); never
    /// given to another step of the session. 0 only in files written before numbers were.
    #[serde(default)]
    pub number: u32,
    /// What is to be done.
    pub text: String,
    /// Whether it is done.
    pub done: bool,
    /// When it was planned.
    #[serde(deserialize_with = "crate::time_range::deserialize")]
    pub created: DateTime<Utc>,
    /// When it was done, if it is.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time_range::deserialize_option"
    )]
    pub done_at: Option<DateTime<Utc>>,
}

/// A key decision with its time and optional rationale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// Stable unique id.
    pub id: Ulid,
    /// When it was decided.
    #[serde(deserialize_with = "crate::time_range::deserialize")]
    pub at: DateTime<Utc>,
    /// What was decided.
    pub text: String,
    /// Why, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// Work completed out of work planned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Steps done.
    pub done: usize,
    /// Steps planned in all.
    pub total: usize,
}

impl fmt::Display for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.done, self.total)
    }
}

/// A frozen copy of the context at a moment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Stable unique id.
    pub id: Ulid,
    /// When the context was frozen.
    #[serde(deserialize_with = "crate::time_range::deserialize")]
    pub at: DateTime<Utc>,
    /// The mission as it was.
    pub mission: Mission,
    /// The progress as it was.
    pub progress: Progress,
    /// The open steps as they were.
    pub next_steps: Vec<String>,
    /// The decisions made by then.
    pub key_decisions: Vec<Decision>,
    /// How many interactions the timeline held.
    pub interactions: usize,
    /// The workspace as it was, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace: Option<WorkspaceState>,
}

/// One mission's container, as stored in `session.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// The file format number.
    pub format: u32,
    /// The session id.
    pub id: SessionId,
    /// The objective.
    pub mission: Mission,
    /// When the session was started.
    #[serde(deserialize_with = "crate::time_range::deserialize")]
    pub created: DateTime<Utc>,
    /// When the mission ended, if it has.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time_range::deserialize_option"
    )]
    pub ended: Option<DateTime<Utc>>,
    /// The directory whose state the reality tracker follows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace: Option<PathBuf>,
    /// The highest step number ever given in this session.
    #[serde(default)]
    pub last_step_number: u32,
    /// Next steps, in plan order.
    #[serde(default)]
    pub steps: Vec<Step>,
    /// Key decisions, oldest first.
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// Context snapshots, oldest first.
    #[serde(default)]
    pub snapshots: Vec<Snapshot>,
}

impl Session {
    /// A new active session for `title`.
    pub fn new(id: SessionId, title: String, created: DateTime<Utc>) -> Self {
        Session {
            format: FORMAT,
            id,
            mission: Mission {
                title,
                description: None,
                status: MissionStatus::Active,
            },
            created,
            ended: None,
            workspace: None,
            last_step_number: 0,
            steps: Vec::new(),
            decisions: Vec::new(),
            snapshots: Vec::new(),
        }
    }

    /// Steps done out of steps planned.
    pub fn progress(&self) -> Progress {
        Progress {
            done: self.steps.iter().filter(|s| s.done).count(),
            total: self.steps.len(),
        }
    }

    /// The steps not yet done, in plan order.
    pub fn open_steps(&self) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(|s| !s.done)
    }

    /// Numbers the steps that have none (those of files written before numbers were), in
    /// plan order after the highest number given: once, as they are read.
    pub fn number_steps(&mut self) {
        let highest = self.steps.iter().map(|s| s.number).max().unwrap_or(0);
        self.last_step_number = self.last_step_number.max(highest);
        for step in self.steps.iter_mut().filter(|s| s.number == 0) {
            self.last_step_number += 1;
            step.number = self.last_step_number;
        }
    }

    /// The number the next step planned gets.
    pub fn next_step_number(&self) -> u32 {
        self.last_step_number + 1
    }

    /// The step numbered `n`, with its place in the plan.
    pub fn step_numbered(&self, n: u32) -> Option<(usize, &Step)> {
        self.steps.iter().enumerate().find(|(_, s)| s.number == n)
    }

    /// The most recent snapshot, if any.
    pub fn last_snapshot(&self) -> Option<&Snapshot> {
        self.snapshots.iter().max_by_key(|s| s.at)
    }
}

/// A field of a session that a person sets as a whole: its title, description or folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SessionField {
    /// The mission's title.
    Title(String),
    /// The mission's description (`None` clears it).
    Description(Option<String>),
    /// The folder the session follows (`None`: none).
    Workspace(Option<PathBuf>),
}

impl SessionField {
    /// Sets the field in `session`.
    pub fn apply(&self, session: &mut Session) {
        match self {
            SessionField::Title(title) => session.mission.title.clone_from(title),
            SessionField::Description(text) => session.mission.description.clone_from(text),
            SessionField::Workspace(dir) => session.workspace.clone_from(dir),
        }
    }
}

/// The store-wide state: which session is active.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// The file format number.
    pub format: u32,
    /// The active session, if any.
    #[serde(default)]
    pub active: Option<SessionId>,
}

impl Default for State {
    fn default() -> Self {
        State {
            format: FORMAT,
            active: None,
        }
    }
}
