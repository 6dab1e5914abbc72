//! Claude Code: hooks in `.claude/settings.json` (the project's) or `~/.claude/settings.json`
//! (yours; `$CLAUDE_CONFIG_DIR` moves it), the MCP server in `.mcp.json` or `~/.claude.json`.
//! A `SessionStart` hook matches `startup|resume|clear|compact` (the briefing fades after a
//! compaction, so it comes back then) and answers with `hookSpecificOutput.additionalContext`;
//! the `UserPromptSubmit` hook answers nothing (its plain output would become context).
//! Timeouts are in seconds.

use std::path::Path;

use serde_json::{Value, json};

use super::plan::{self, FilePlan, Format, Want, keys};
use super::{Caller, Client, Event, Scope};

/// The files tether changes: for the project scope under the project folder `dir`, for the
/// user scope under the home folder (`dir` when given).
pub fn plan(scope: Scope, dir: Option<&Path>, caller: &Caller) -> Option<Vec<FilePlan>> {
    let (settings, mcp) = match scope {
        Scope::Project => {
            let dir = dir?;
            (dir.join(".claude/settings.json"), dir.join(".mcp.json"))
        }
        Scope::User => {
            let folder = plan::user_folder(dir, "CLAUDE_CONFIG_DIR", ".claude")?;
            let mcp = match dir {
                None if std::env::var_os("CLAUDE_CONFIG_DIR").is_some() => {
                    folder.join(".claude.json")
                }
                _ => folder.parent()?.join(".claude.json"),
            };
            (folder.join("settings.json"), mcp)
        }
    };
    let hook = |event: Event| json!({"type": "command", "command": plan::command(caller, event, Client::Claude), "timeout": 10});
    Some(vec![
        FilePlan {
            path: settings,
            format: Format::Json,
            wants: vec![
                Want::Hook {
                    path: keys(&["hooks", "SessionStart"]),
                    group: json!({"matcher": "startup|resume|clear|compact", "hooks": [hook(Event::SessionStart)]}),
                },
                Want::Hook {
                    path: keys(&["hooks", "UserPromptSubmit"]),
                    group: json!({"hooks": [hook(Event::Prompt)]}),
                },
            ],
        },
        FilePlan {
            path: mcp,
            format: Format::Json,
            wants: vec![Want::Key {
                path: keys(&["mcpServers", "tether"]),
                value: plan::server(caller),
            }],
        },
    ])
}

/// What the hook prints: the briefing as added context at a session's start; nothing
/// otherwise (an empty answer is a valid one).
pub fn answer(event: Event, briefing: Option<&str>) -> String {
    match (event, briefing) {
        (Event::SessionStart, Some(text)) => context("SessionStart", text),
        _ => String::new(),
    }
}

/// `{"hookSpecificOutput": {"hookEventName": EVENT, "additionalContext": TEXT}}`.
pub fn context(event: &str, text: &str) -> String {
    let out: Value =
        json!({"hookSpecificOutput": {"hookEventName": event, "additionalContext": text}});
    format!("{out}\n")
}

/// What to tell the person after install.
pub fn notes(scope: Scope) -> Vec<String> {
    let mut notes = vec![
        "Claude Code reads the briefing at every start, resume, /clear and compaction, and logs each prompt".to_string(),
    ];
    if scope == Scope::Project {
        notes.push(
            "Claude Code asks once before it uses the project's MCP server (.mcp.json)".into(),
        );
    }
    notes
}
