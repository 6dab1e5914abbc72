//! Gemini CLI: hooks and the MCP server in `.gemini/settings.json` (the project's, read in
//! trusted folders) or `~/.gemini/settings.json` (yours; `$GEMINI_CLI_HOME` stands for the
//! home folder). Hooks run unless `hooksConfig.enabled` is false; install sets it when it is
//! missing. A lifecycle matcher is an exact string, so the `SessionStart` hook has none
//! (every source: startup, resume, clear; Gemini has no compact source). The prompt hook is
//! `BeforeAgent`. Stdout must be JSON only, so every answer is an object, `{}` when there is
//! nothing to say. Timeouts are in milliseconds.

use std::path::Path;

use serde_json::json;

use super::plan::{self, FilePlan, Format, Want, keys};
use super::{Caller, Client, Event, Scope};

/// The files tether changes: for the project scope under the project folder `dir`, for the
/// user scope under the home folder (`dir` when given).
pub fn plan(scope: Scope, dir: Option<&Path>, caller: &Caller) -> Option<Vec<FilePlan>> {
    let folder = match scope {
        Scope::Project => dir?.join(".gemini"),
        Scope::User => match dir {
            Some(dir) => dir.join(".gemini"),
            None => plan::user_folder(None, "GEMINI_CLI_HOME", "")?.join(".gemini"),
        },
    };
    let hook = |event: Event, name: &str, about: &str| {
        json!({
            "name": name,
            "type": "command",
            "command": plan::command(caller, event, Client::Gemini),
            "timeout": 10_000,
            "description": about,
        })
    };
    let start = hook(
        Event::SessionStart,
        "tether-briefing",
        "The tether briefing: how long the work sat, the mission, next steps, decisions",
    );
    let prompt = hook(
        Event::Prompt,
        "tether-log",
        "Logs each prompt into the tether session",
    );
    Some(vec![FilePlan {
        path: folder.join("settings.json"),
        format: Format::Json,
        wants: vec![
            Want::Switch {
                path: keys(&["hooksConfig", "enabled"]),
                value: json!(true),
                also: Vec::new(),
            },
            Want::Hook {
                path: keys(&["hooks", "SessionStart"]),
                group: json!({"hooks": [start]}),
            },
            Want::Hook {
                path: keys(&["hooks", "BeforeAgent"]),
                group: json!({"hooks": [prompt]}),
            },
            Want::Key {
                path: keys(&["mcpServers", "tether"]),
                value: plan::server(caller),
            },
        ],
    }])
}

/// What the hook prints: always one JSON object, the briefing as added context at a
/// session's start.
pub fn answer(event: Event, briefing: Option<&str>) -> String {
    match (event, briefing) {
        (Event::SessionStart, Some(text)) => super::claude::context("SessionStart", text),
        _ => "{}\n".to_string(),
    }
}

/// What to tell the person after install.
pub fn notes(scope: Scope) -> Vec<String> {
    let mut notes = vec![
        "Gemini CLI reads the briefing at every start, resume and /clear, and logs each prompt"
            .to_string(),
    ];
    if scope == Scope::Project {
        notes.push(
            "Gemini CLI reads a project's .gemini/settings.json only in a trusted folder".into(),
        );
    }
    notes
}
