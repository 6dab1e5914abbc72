//! Coding assistants (Claude Code, Codex CLI, Gemini CLI): wiring tether into their own
//! files (`tether agent install`) and answering their lifecycle hooks (`tether agent hook`).
//!
//! Each assistant has a small file saying where its settings live, what tether adds there
//! and how its hooks talk; [`plan`] holds what they share, [`install`] applies a plan to the
//! files (and takes it back), [`hook`] answers a hook, never failing the assistant.

pub mod claude;
pub mod codex;
pub mod format;
pub mod gemini;
pub mod hook;
pub mod install;
pub mod jsonc;
pub mod plan;
pub mod toml_file;

use std::path::PathBuf;

use clap::ValueEnum;

/// The coding assistants tether wires into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Client {
    /// Claude Code.
    Claude,
    /// OpenAI's Codex CLI.
    Codex,
    /// Google's Gemini CLI.
    Gemini,
}

impl Client {
    /// Its name on the command line and in records: `claude`, `codex`, `gemini`.
    pub fn as_str(self) -> &'static str {
        match self {
            Client::Claude => "claude",
            Client::Codex => "codex",
            Client::Gemini => "gemini",
        }
    }

    /// Its name for people.
    pub fn title(self) -> &'static str {
        match self {
            Client::Claude => "Claude Code",
            Client::Codex => "Codex CLI",
            Client::Gemini => "Gemini CLI",
        }
    }
}

/// Where an assistant's settings are changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Scope {
    /// The project's own files (in the project folder), for everyone working in it.
    #[default]
    Project,
    /// Your own files (in your home folder), for every project.
    User,
}

impl Scope {
    /// `project` or `user`.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Project => "project",
            Scope::User => "user",
        }
    }
}

/// The events tether answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Event {
    /// A session starts, resumes, is cleared or compacted: the briefing goes back.
    SessionStart,
    /// The person sends a prompt: it is logged.
    Prompt,
}

impl Event {
    /// `session-start` or `prompt`, as the hook's command names it.
    pub fn as_str(self) -> &'static str {
        match self {
            Event::SessionStart => "session-start",
            Event::Prompt => "prompt",
        }
    }
}

/// How the assistants call tether back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    /// The tether program, by absolute path.
    pub exe: PathBuf,
    /// The tether home, when one was given explicitly (`--home` or `TETHER_HOME`).
    pub home: Option<PathBuf>,
}
