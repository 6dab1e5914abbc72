//! `places.json`: which folder each open session follows, so that a place (a commit's
//! repository, an assistant's working folder) finds its session without reading every
//! session. Derived from the sessions, rebuilt whenever it is missing or out of step.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::session::{FORMAT, SessionId};

/// The index: each session's place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Places {
    /// The file format number.
    pub format: u32,
    /// Every session, by id.
    pub sessions: BTreeMap<SessionId, Place>,
}

impl Default for Places {
    fn default() -> Self {
        Places {
            format: FORMAT,
            sessions: BTreeMap::new(),
        }
    }
}

/// Where one session's work happens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The folder it follows, if any (absolute).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace: Option<PathBuf>,
    /// The repository that folder is in, by its main git folder (canonical), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repo: Option<PathBuf>,
    /// Whether its mission is still open (active or paused).
    pub open: bool,
}

impl Place {
    /// The place of a session following `workspace`, open or not.
    pub fn of(workspace: Option<PathBuf>, open: bool) -> Self {
        let repo = workspace.as_deref().and_then(crate::reality::repo_of);
        Place {
            workspace,
            repo,
            open,
        }
    }
}

/// `hooks.json`: the repositories whose git hook logs commits into this store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hooks {
    /// The file format number.
    pub format: u32,
    /// The repositories, by their folder (absolute).
    pub repos: std::collections::BTreeSet<PathBuf>,
    /// The hooks folders `hook install` created (`uninstall` removes them again, empty).
    #[serde(default, skip_serializing_if = "std::collections::BTreeSet::is_empty")]
    pub created: std::collections::BTreeSet<PathBuf>,
}

impl Default for Hooks {
    fn default() -> Self {
        Hooks {
            format: FORMAT,
            repos: std::collections::BTreeSet::new(),
            created: std::collections::BTreeSet::new(),
        }
    }
}
