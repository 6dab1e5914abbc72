//! `agents.json`: the coding assistants' files `tether agent install` changed, and exactly
//! what it added to each, so that `uninstall` takes back that and nothing else and `doctor`
//! can list the integrations.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::session::FORMAT;

/// Every assistant integration installed from this store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agents {
    /// The file format number.
    pub format: u32,
    /// The integrations, in the order they were installed.
    pub installs: Vec<AgentInstall>,
}

impl Default for Agents {
    fn default() -> Self {
        Agents {
            format: FORMAT,
            installs: Vec::new(),
        }
    }
}

/// One assistant wired in one place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentInstall {
    /// The assistant (`claude`, `codex`, `gemini`).
    pub client: String,
    /// `project` or `user`.
    pub scope: String,
    /// The project folder, or the home folder for the user scope (absolute).
    pub dir: PathBuf,
    /// The files changed, with what was added to each.
    pub files: Vec<AgentFile>,
}

impl AgentInstall {
    /// Whether this is the install of `client` at `scope` in `dir`.
    pub fn is(&self, client: &str, scope: &str, dir: &std::path::Path) -> bool {
        self.client == client && self.scope == scope && self.dir == dir
    }
}

/// One file of an assistant's, and what install added to it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentFile {
    /// The file (absolute).
    pub path: PathBuf,
    /// Install created the file (uninstall removes it when nothing else is left in it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub created_file: bool,
    /// The folder install created for it, if any (removed again when left empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_dir: Option<PathBuf>,
    /// The file held only white space: what to put back when nothing else is left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blank: Option<String>,
    /// Install ended the file's last line, which had no line ending.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ended_last_line: bool,
    /// What install added, each by its path of keys.
    pub added: Vec<Added>,
    /// The tables or objects install created around them (removed again when left empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub created: Vec<Vec<String>>,
    /// Objects or arrays that were empty before install, with the white space they held
    /// (put back when install's entries leave them empty again).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emptied: Vec<Emptied>,
}

/// One thing install added to a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Added {
    /// A key (a server's entry, a switch) at this path of keys.
    Key(Vec<String>),
    /// tether's hook in the array of hooks at this path of keys (the element is found by
    /// its command, arrays having no keys).
    Hook(Vec<String>),
}

/// A container that was empty before install.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Emptied {
    /// Its path of keys.
    pub path: Vec<String>,
    /// The white space between its brackets.
    pub inside: String,
}
