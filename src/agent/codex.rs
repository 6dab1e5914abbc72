//! Codex CLI: the MCP server in `.codex/config.toml` (the project's, read in trusted
//! projects) or `~/.codex/config.toml` (yours; `$CODEX_HOME` moves it), hooks in
//! `hooks.json` beside it. Hooks are on by default; `[features] hooks` (formerly
//! `codex_hooks`) turns them off, so install sets it only when neither key is there. A
//! `SessionStart` hook matches `startup|resume|clear|compact` (`compact` since Codex runs
//! `SessionStart` again after a compaction; `PostCompact` cannot add context), and must
//! print nothing or one JSON object. Codex asks the person to trust new hooks (`/hooks`).
//! Timeouts are in seconds.

use std::path::Path;

use serde_json::json;

use super::plan::{self, FilePlan, Format, Want, keys};
use super::{Caller, Client, Event, Scope};

/// The files tether changes: for the project scope under the project folder `dir`, for the
/// user scope under the home folder (`dir` when given).
pub fn plan(scope: Scope, dir: Option<&Path>, caller: &Caller) -> Option<Vec<FilePlan>> {
    let folder = match scope {
        Scope::Project => dir?.join(".codex"),
        Scope::User => plan::user_folder(dir, "CODEX_HOME", ".codex")?,
    };
    let hook = |event: Event| json!({"type": "command", "command": plan::command(caller, event, Client::Codex), "timeout": 10});
    let mut start = hook(Event::SessionStart);
    start["statusMessage"] = json!("Reading the tether briefing");
    Some(vec![
        FilePlan {
            path: folder.join("config.toml"),
            format: Format::Toml,
            wants: vec![
                Want::Key {
                    path: keys(&["mcp_servers", "tether"]),
                    value: plan::server(caller),
                },
                Want::Switch {
                    path: keys(&["features", "hooks"]),
                    value: json!(true),
                    also: vec![keys(&["features", "codex_hooks"])],
                },
            ],
        },
        FilePlan {
            path: folder.join("hooks.json"),
            format: Format::Json,
            wants: vec![
                Want::Hook {
                    path: keys(&["hooks", "SessionStart"]),
                    group: json!({"matcher": "startup|resume|clear|compact", "hooks": [start]}),
                },
                Want::Hook {
                    path: keys(&["hooks", "UserPromptSubmit"]),
                    group: json!({"hooks": [hook(Event::Prompt)]}),
                },
            ],
        },
    ])
}

/// What the hook prints: the briefing in Codex's one JSON envelope at a session's start;
/// nothing otherwise (plain text from a prompt hook would become context).
pub fn answer(event: Event, briefing: Option<&str>) -> String {
    match (event, briefing) {
        (Event::SessionStart, Some(text)) => super::claude::context("SessionStart", text),
        _ => String::new(),
    }
}

/// What to tell the person after install.
pub fn notes(scope: Scope) -> Vec<String> {
    let mut notes = vec![
        "Codex reads the briefing at every start, resume, /clear and compaction, and logs each prompt".to_string(),
        "Codex asks you to trust new hooks once: open /hooks in Codex and trust tether's".to_string(),
    ];
    if scope == Scope::Project {
        notes.push("Codex reads a project's .codex/ only in a trusted project".into());
    }
    notes
}
