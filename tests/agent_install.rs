//! `tether agent install|uninstall` on assistants' files as people have them: comments,
//! trailing commas, tabs, CRLF, one-line JSON, TOML with comments. Install adds tether's
//! MCP server and hooks (and the switch hooks need) and nothing else; uninstall gives back
//! the bytes that were there, or, when the person changed the files in between, takes out
//! only tether's entries; a file that does not parse is refused and left as it is.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{BIN, Home, START};
use serde_json::json;
use tether::agent::{jsonc, toml_file};

fn fixture(name: &str) -> Vec<u8> {
    fs::read(format!(
        "{}/tests/fixtures/agent/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn keys(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|p| p.to_string()).collect()
}

/// A project folder holding `files` (path, bytes).
fn project(files: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, bytes) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    dir
}

/// Every file under `dir`, with its bytes.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.push((path.clone(), Vec::new()));
            out.extend(tree(&path));
        } else {
            out.push((path.clone(), fs::read(&path).unwrap()));
        }
    }
    out.sort();
    out
}

fn agent(home: &Home, args: &[&str], dir: &Path) -> String {
    let mut full = vec!["agent"];
    full.extend_from_slice(args);
    full.extend_from_slice(&["--dir", dir.to_str().unwrap()]);
    home.run(START, &full)
}

fn text(dir: &Path, file: &str) -> String {
    fs::read_to_string(dir.join(file)).unwrap()
}

fn hook_commands(settings: &str, event: &str) -> Vec<String> {
    let groups = jsonc::get(settings, &keys(&["hooks", event]))
        .unwrap()
        .unwrap();
    let groups = groups.as_array().unwrap();
    groups
        .iter()
        .flat_map(|g| g["hooks"].as_array().unwrap().iter())
        .map(|h| h["command"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn claude_gets_its_hooks_and_server_and_gets_back_every_byte() {
    let home = Home::new();
    let dir = project(&[(".claude/settings.json", fixture("claude-settings.json"))]);
    let before = tree(dir.path());
    let said = agent(&home, &["install", "claude"], dir.path());
    assert!(
        said.contains("Updated: ") && said.contains("Created: "),
        "{said}"
    );
    let settings = text(dir.path(), ".claude/settings.json");
    assert!(
        settings.contains("// shared settings for the team")
            && settings.contains("/* keep this last */")
    );
    let start = hook_commands(&settings, "SessionStart");
    assert_eq!(
        start,
        [format!(
            "'{BIN}' --home '{}' agent hook session-start --client claude",
            home.path_str()
        )]
    );
    assert_eq!(hook_commands(&settings, "UserPromptSubmit").len(), 1);
    assert_eq!(hook_commands(&settings, "PostToolUse"), ["cargo fmt"]);
    let group = jsonc::get(&settings, &keys(&["hooks", "SessionStart"]))
        .unwrap()
        .unwrap();
    assert_eq!(group[0]["matcher"], "startup|resume|clear|compact");
    assert_eq!(group[0]["hooks"][0]["timeout"], 10);
    let mcp = jsonc::get(
        &text(dir.path(), ".mcp.json"),
        &keys(&["mcpServers", "tether"]),
    )
    .unwrap();
    assert_eq!(
        mcp,
        Some(json!({"command": BIN, "args": ["mcp"], "env": {"TETHER_HOME": home.path_str()}}))
    );
    // the original lines are all still there, in order
    let original = String::from_utf8(fixture("claude-settings.json")).unwrap();
    let mut lines = settings.lines();
    for line in original.lines() {
        assert!(
            lines.any(|l| l.starts_with(line.trim_end_matches(','))),
            "lost {line:?}"
        );
    }
    let again = agent(&home, &["install", "claude"], dir.path());
    assert!(again.contains("Already set: "), "{again}");
    let said = agent(&home, &["uninstall", "claude"], dir.path());
    assert!(
        said.contains("Removed tether's entries from") && said.contains("(tether had created it)"),
        "{said}"
    );
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn codex_gets_its_server_hooks_and_switch_and_gets_back_every_byte() {
    let home = Home::new();
    let dir = project(&[
        (".codex/config.toml", fixture("codex-config.toml")),
        (".codex/hooks.json", fixture("codex-hooks.json")),
    ]);
    let before = tree(dir.path());
    agent(&home, &["install", "codex"], dir.path());
    let config = text(dir.path(), ".codex/config.toml");
    assert!(config.starts_with(&String::from_utf8(fixture("codex-config.toml")).unwrap()[..60]));
    assert!(
        config.contains("web_search_request = true  # look things up\nhooks = true\n"),
        "{config}"
    );
    let server = toml_file::get(&config, &keys(&["mcp_servers", "tether"]))
        .unwrap()
        .unwrap();
    assert_eq!(server["args"], json!(["mcp"]));
    let hooks = text(dir.path(), ".codex/hooks.json");
    assert!(
        hooks.starts_with("{\"hooks\":{\"Stop\":[{"),
        "one-line JSON stays one line: {hooks}"
    );
    assert_eq!(hook_commands(&hooks, "Stop"), ["notify-send done"]);
    assert_eq!(hook_commands(&hooks, "SessionStart").len(), 1);
    let group = jsonc::get(&hooks, &keys(&["hooks", "SessionStart"]))
        .unwrap()
        .unwrap();
    assert_eq!(group[0]["matcher"], "startup|resume|clear|compact");
    agent(&home, &["uninstall", "codex"], dir.path());
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn codex_hooks_turned_off_by_the_person_stay_off_with_a_warning() {
    let home = Home::new();
    let config = b"[features]\nhooks = false # not now\n".to_vec();
    let dir = project(&[(".codex/config.toml", config.clone())]);
    let out = home
        .cmd(START)
        .args([
            "agent",
            "install",
            "codex",
            "--dir",
            dir.path().to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("sets features.hooks = false: the hooks will not run until it is true"),
        "{stderr}"
    );
    assert!(
        text(dir.path(), ".codex/config.toml").starts_with("[features]\nhooks = false # not now\n")
    );
    agent(&home, &["uninstall", "codex"], dir.path());
    assert_eq!(
        fs::read(dir.path().join(".codex/config.toml")).unwrap(),
        config
    );
    assert!(!dir.path().join(".codex/hooks.json").exists());
}

#[test]
fn gemini_in_the_user_scope_gets_everything_in_one_file_and_gives_it_back() {
    let home = Home::new();
    let user = project(&[(".gemini/settings.json", fixture("gemini-settings.json"))]);
    let before = tree(user.path());
    agent(
        &home,
        &["install", "gemini", "--scope", "user"],
        user.path(),
    );
    let settings = text(user.path(), ".gemini/settings.json");
    assert!(
        settings.contains("\r\n\t// my servers\r\n")
            && !settings.replace("\r\n", "").contains('\n')
    );
    let get = |path: &[&str]| jsonc::get(&settings, &keys(path)).unwrap();
    assert_eq!(get(&["hooksConfig", "enabled"]), Some(json!(true)));
    assert_eq!(
        get(&["mcpServers", "github"]),
        Some(json!({"command": "gh-mcp"}))
    );
    assert_eq!(get(&["mcpServers", "tether", "args"]), Some(json!(["mcp"])));
    let start = get(&["hooks", "SessionStart"]).unwrap();
    assert_eq!(
        start[0].get("matcher"),
        None,
        "every source: Gemini's matchers are exact"
    );
    assert_eq!(start[0]["hooks"][0]["timeout"], 10_000);
    assert_eq!(hook_commands(&settings, "BeforeAgent").len(), 1);
    let doctor = home.run(START, &["doctor"]);
    assert!(
        doctor.contains("assistant: gemini (user scope, "),
        "{doctor}"
    );
    agent(
        &home,
        &["uninstall", "gemini", "--scope", "user"],
        user.path(),
    );
    assert_eq!(tree(user.path()), before);
    assert!(!home.run(START, &["doctor"]).contains("assistant:"));
}

#[test]
fn after_the_person_changed_the_files_only_tethers_entries_go() {
    let home = Home::new();
    let dir = project(&[]);
    agent(&home, &["install", "claude"], dir.path());
    let path = dir.path().join(".claude/settings.json");
    let installed = fs::read_to_string(&path).unwrap();
    let mine =
        json!({"matcher": "startup", "hooks": [{"type": "command", "command": "echo mine"}]});
    let edit = jsonc::push(&installed, &keys(&["hooks", "SessionStart"]), &mine).unwrap();
    let edit = jsonc::set(&edit.text, &keys(&["model"]), &json!("opus")).unwrap();
    fs::write(&path, &edit.text).unwrap();
    agent(&home, &["uninstall", "claude"], dir.path());
    let left = fs::read_to_string(&path).unwrap();
    assert_eq!(
        jsonc::get(&left, &[]).unwrap(),
        Some(json!({"hooks": {"SessionStart": [mine]}, "model": "opus"}))
    );
    assert!(!dir.path().join(".mcp.json").exists());
}

#[test]
fn a_file_that_does_not_parse_is_refused_and_nothing_is_written() {
    let home = Home::new();
    let broken = b"{\n  \"model\": \"opus\",,\n}\n".to_vec();
    let dir = project(&[(".gemini/settings.json", broken.clone())]);
    let before = tree(dir.path());
    let err = home.refuse(
        START,
        &[
            "agent",
            "install",
            "gemini",
            "--dir",
            dir.path().to_str().unwrap(),
        ],
    );
    assert!(
        err.contains(".gemini/settings.json: ") && err.contains("line 2"),
        "{err}"
    );
    assert!(err.contains("it was left as it is"), "{err}");
    assert_eq!(tree(dir.path()), before);
    // Claude's second file is not written either when its first cannot be read
    let dir = project(&[(".claude/settings.json", b"[1, 2]".to_vec())]);
    let err = home.refuse(
        START,
        &[
            "agent",
            "install",
            "claude",
            "--dir",
            dir.path().to_str().unwrap(),
        ],
    );
    assert!(err.contains("its top level is not an object"), "{err}");
    assert!(!dir.path().join(".mcp.json").exists());
    assert!(!home.path().join("agents.json").exists());
}

#[test]
fn a_server_named_tether_that_is_not_tethers_is_left_alone() {
    let home = Home::new();
    let theirs =
        b"{\"mcpServers\": {\"tether\": {\"command\": \"npx\", \"args\": [\"rope\"]}}}".to_vec();
    let dir = project(&[(".mcp.json", theirs.clone())]);
    let err = home.refuse(
        START,
        &[
            "agent",
            "install",
            "claude",
            "--dir",
            dir.path().to_str().unwrap(),
        ],
    );
    assert!(
        err.contains("mcpServers.tether is there and is not tether's"),
        "{err}"
    );
    assert_eq!(fs::read(dir.path().join(".mcp.json")).unwrap(), theirs);
    assert!(!dir.path().join(".claude").exists());
}

#[test]
fn uninstall_of_what_was_never_installed_changes_nothing() {
    let home = Home::new();
    let dir = project(&[(".mcp.json", b"{}".to_vec())]);
    let said = agent(&home, &["uninstall", "codex"], dir.path());
    assert!(said.contains("was not installed here by tether"), "{said}");
    assert_eq!(fs::read(dir.path().join(".mcp.json")).unwrap(), b"{}");
    assert!(!dir.path().join(".codex").exists());
}

#[test]
fn the_user_scope_follows_the_assistants_own_variables() {
    let home = Home::new();
    let claude = tempfile::tempdir().unwrap();
    let codex = tempfile::tempdir().unwrap();
    for (client, var, dir) in [
        ("claude", "CLAUDE_CONFIG_DIR", &claude),
        ("codex", "CODEX_HOME", &codex),
    ] {
        let out = home
            .cmd(START)
            .env(var, dir.path())
            .args(["agent", "install", client, "--scope", "user"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    }
    let names = |dir: &Path| -> Vec<String> {
        tree(dir)
            .iter()
            .map(|(p, _)| p.strip_prefix(dir).unwrap().display().to_string())
            .collect()
    };
    assert_eq!(names(claude.path()), [".claude.json", "settings.json"]);
    assert_eq!(names(codex.path()), ["config.toml", "hooks.json"]);
    for (client, var, dir) in [
        ("claude", "CLAUDE_CONFIG_DIR", &claude),
        ("codex", "CODEX_HOME", &codex),
    ] {
        let out = home
            .cmd(START)
            .env(var, dir.path())
            .args(["agent", "uninstall", client, "--scope", "user"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        assert!(names(dir.path()).is_empty(), "{client}");
    }
}
