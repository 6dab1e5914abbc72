//! The tools' arguments, with the JSON schemas a client shows the model (from these docs).

use schemars::JsonSchema;
use serde::Deserialize;

use crate::session::Kind;

/// `log`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct LogArgs {
    /// What just happened, in a line or two (what was done, found or tried).
    pub text: String,
    /// What it records; a note when not given.
    #[serde(default)]
    pub kind: Option<LogKind>,
}

/// What a logged interaction records.
#[derive(Clone, Copy, Debug, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum LogKind {
    /// Something that happened.
    #[default]
    Note,
    /// Work completed, a milestone.
    Progress,
    /// A decision (the `decide` tool also keeps it among the key decisions).
    Decision,
    /// A step planned (the `step_add` tool also adds it to the plan).
    Step,
    /// A commit landed.
    Commit,
    /// The work was resumed.
    Resume,
}

impl From<LogKind> for Kind {
    fn from(kind: LogKind) -> Self {
        match kind {
            LogKind::Note => Kind::Note,
            LogKind::Progress => Kind::Progress,
            LogKind::Decision => Kind::Decision,
            LogKind::Step => Kind::Step,
            LogKind::Commit => Kind::Commit,
            LogKind::Resume => Kind::Resume,
        }
    }
}

/// `step_add`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct StepAddArgs {
    /// What is to be done next.
    pub text: String,
}

/// `step_done`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct StepDoneArgs {
    /// The step's number, as `steps` and the briefing show it (it stays for the step's life).
    pub number: u32,
}

/// `decide`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct DecideArgs {
    /// What was decided.
    pub text: String,
    /// Why: the rationale a later reader needs.
    #[serde(default)]
    pub why: Option<String>,
}

/// `start`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct StartArgs {
    /// The mission's title: what the session is for, e.g. "Implement Reality Agents".
    pub title: String,
    /// A longer description of the mission, shown in its briefing.
    #[serde(default)]
    pub description: Option<String>,
}

/// `switch` and `reopen`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct SessionArgs {
    /// The session's id, as `missions` lists it (e.g. 00004).
    pub session: String,
}

/// `resume`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct ResumeArgs {
    /// Another session to read the briefing of (read-only, e.g. 00003); this folder's
    /// session when not given.
    #[serde(default)]
    pub session: Option<String>,
}

/// `complete`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct CompleteArgs {
    /// Must be true: completing ends the mission's session, so it is done only when asked
    /// for in so many words.
    #[serde(default)]
    pub confirm: bool,
    /// End the mission as abandoned rather than achieved.
    #[serde(default)]
    pub abandon: bool,
}
