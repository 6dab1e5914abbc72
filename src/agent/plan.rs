//! What an install adds to an assistant's files, as data: keys, tether's hooks and the
//! switches the hooks need, each at its path of keys in one file. The assistants' own
//! modules make these plans; `install` applies them.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::{Caller, Client, Event};

/// How a file is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// JSON, comments allowed.
    Json,
    /// TOML.
    Toml,
}

/// What one file gets.
#[derive(Clone, Debug, PartialEq)]
pub struct FilePlan {
    /// The file.
    pub path: PathBuf,
    /// How it is written.
    pub format: Format,
    /// What goes in it.
    pub wants: Vec<Want>,
}

/// One thing a file gets.
#[derive(Clone, Debug, PartialEq)]
pub enum Want {
    /// `value` at `path` (the MCP server's entry).
    Key {
        /// The path of keys.
        path: Vec<String>,
        /// The value.
        value: Value,
    },
    /// tether's hook, a group of one command, in the array of hooks at `path`.
    Hook {
        /// The path of keys of the array.
        path: Vec<String>,
        /// The group.
        group: Value,
    },
    /// A switch the hooks need: set to `value` when neither it nor any of `also` is set;
    /// one set otherwise is the person's choice, left alone (and warned about when off).
    Switch {
        /// The path of keys of the switch.
        path: Vec<String>,
        /// What turns the hooks on.
        value: Value,
        /// Other keys that do the same (an older name).
        also: Vec<Vec<String>>,
    },
}

/// A path of keys from its parts.
pub fn keys(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|p| p.to_string()).collect()
}

/// Quotes text for a POSIX shell: `'it'\''s'`.
pub fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The shell command a hook runs: `'/path/tether' [--home 'DIR'] agent hook EVENT --client
/// NAME`. The home goes as an argument rather than in the environment: some assistants run
/// hooks in a cleaned environment, and not every shell reads `VAR=value command`.
pub fn command(caller: &Caller, event: Event, client: Client) -> String {
    let mut line = quote(&caller.exe.to_string_lossy());
    if let Some(home) = &caller.home {
        line.push_str(&format!(" --home {}", quote(&home.to_string_lossy())));
    }
    line.push_str(&format!(
        " agent hook {} --client {}",
        event.as_str(),
        client.as_str()
    ));
    line
}

/// The MCP server's entry: the absolute program, `mcp`, and the home when one was given.
pub fn server(caller: &Caller) -> Value {
    let mut entry = json!({
        "command": caller.exe.to_string_lossy(),
        "args": ["mcp"],
    });
    if let Some(home) = &caller.home {
        entry["env"] = json!({ "TETHER_HOME": home.to_string_lossy() });
    }
    entry
}

/// Whether a group of hooks (an element of an event's array) is tether's for `client`:
/// every command in it is an `agent hook … --client NAME` of tether's.
pub fn is_tether_group(group: &Value, client: Client) -> bool {
    let Some(hooks) = group.get("hooks").and_then(Value::as_array) else {
        return false;
    };
    let ours = |h: &Value| {
        h.get("command").and_then(Value::as_str).is_some_and(|c| {
            c.contains(" agent hook ") && c.ends_with(&format!(" --client {}", client.as_str()))
        })
    };
    !hooks.is_empty() && hooks.iter().all(ours)
}

/// Whether an MCP server's entry runs tether's server (a program named `tether`, given
/// `mcp`), whoever wrote it.
pub fn is_tether_server(entry: &Value) -> bool {
    let program = entry.get("command").and_then(Value::as_str).unwrap_or("");
    let named = Path::new(program)
        .file_name()
        .is_some_and(|n| n == "tether");
    let args = entry.get("args").and_then(Value::as_array);
    named && args.and_then(|a| a.last()).and_then(Value::as_str) == Some("mcp")
}

/// The folder of the user's own settings: `dir` when given, else `$VAR` when set, else
/// the home folder joined with `default`.
pub fn user_folder(dir: Option<&Path>, var: &str, default: &str) -> Option<PathBuf> {
    if let Some(dir) = dir {
        return Some(dir.join(default));
    }
    if let Some(value) = std::env::var_os(var).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(value));
    }
    std::env::home_dir().map(|home| home.join(default))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_names_the_program_the_home_and_the_event() {
        let caller = Caller {
            exe: "/opt/my tools/tether".into(),
            home: Some("/home/me/it's".into()),
        };
        let line = command(&caller, Event::SessionStart, Client::Codex);
        assert_eq!(
            line,
            r"'/opt/my tools/tether' --home '/home/me/it'\''s' agent hook session-start --client codex"
        );
        let group = json!({"hooks": [{"type": "command", "command": line}]});
        assert!(is_tether_group(&group, Client::Codex));
        assert!(!is_tether_group(&group, Client::Claude));
        let mixed = json!({"hooks": [{"command": line}, {"command": "echo hi"}]});
        assert!(!is_tether_group(&mixed, Client::Codex));
    }

    #[test]
    fn the_server_entry_carries_the_home_only_when_given() {
        let mut caller = Caller {
            exe: "/bin/tether".into(),
            home: None,
        };
        assert_eq!(
            server(&caller),
            json!({"command": "/bin/tether", "args": ["mcp"]})
        );
        caller.home = Some("/h".into());
        assert_eq!(server(&caller)["env"], json!({"TETHER_HOME": "/h"}));
        assert!(is_tether_server(&server(&caller)));
        assert!(!is_tether_server(
            &json!({"command": "npx", "args": ["tether", "mcp"]})
        ));
    }
}
