//! The state of a workspace, as the reality tracker captures it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What the reality tracker knows of a workspace folder at one moment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceState {
    /// When it was captured.
    pub captured: Option<DateTime<Utc>>,
    /// The branch checked out, if any (none when detached).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
    /// The commit checked out, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<String>,
    /// Files with uncommitted changes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dirty: Vec<String>,
    /// Files git does not track.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub untracked: Vec<String>,
    /// True when the capture stopped early on a huge repository.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
    /// Why nothing could be captured (not a repository, git missing), if so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
