//! Where `tether mcp`'s tools land: in the session that follows the client's folder (its
//! roots when it offers them), whatever another client switches to, and in the report as
//! the agent's; undo takes back only what its own server did; two clients and the command
//! line writing at once lose nothing; and stdout carries nothing but the protocol.

mod common;
mod mcp_support;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::Stdio;

use common::{Home, MORNING, START, sid};
use mcp_support::{call, connect, connect_with_roots, tether};
use serde_json::{Value, json};
use tether::session::{Kind, Source};
use tether::timeline::materialize;

/// The texts logged in session `id`.
fn texts(home: &Home, id: &str) -> Vec<String> {
    let records = home.store().timeline(&sid(id)).unwrap().records;
    materialize(records).into_iter().map(|i| i.text).collect()
}

/// Two folders in the home, each followed by its session (00001, 00002), and 00003 active,
/// following none.
fn two_folders(home: &Home) -> (std::path::PathBuf, std::path::PathBuf) {
    let (a, b) = (home.path().join("repo a"), home.path().join("repo-b"));
    for (dir, title) in [(&a, "Work on A"), (&b, "Work on B")] {
        std::fs::create_dir(dir).unwrap();
        home.run(
            START,
            &["start", "--workspace", &dir.display().to_string(), title],
        );
    }
    home.run(START, &["start", "Elsewhere"]);
    (a, b)
}

#[tokio::test]
async fn each_client_works_on_the_session_that_follows_its_folder() {
    let home = Home::new();
    let (a, b) = two_folders(&home);
    let in_a = connect(&home, &a, MORNING).await;
    let in_b = connect(&home, &b, MORNING).await;
    let nowhere = connect(&home, home.path(), MORNING).await;

    let switched = in_b.ok("switch", json!({"session": "1"})).await;
    assert!(
        switched.starts_with("Switched to session 00001 · Work on A\nPaused session 00003\n"),
        "{switched}"
    );
    assert!(
        switched.contains("repo-b follows session 00002: the tools here keep working on that one"),
        "{switched}"
    );
    in_a.ok("log", json!({"text": "from A"})).await;
    in_b.ok("log", json!({"text": "from B"})).await;
    nowhere.ok("log", json!({"text": "from nowhere"})).await;
    in_b.ok("step_add", json!({"text": "B's step"})).await;

    assert!(texts(&home, "1").contains(&"from A".to_string()));
    assert!(texts(&home, "2").contains(&"from B".to_string()));
    assert!(
        texts(&home, "1").contains(&"from nowhere".to_string()),
        "the active one"
    );
    assert_eq!(
        home.store().session(&sid("2")).unwrap().steps[0].text,
        "B's step"
    );
    let status = in_b.ok("status", json!({})).await;
    assert!(
        status.starts_with("Session 00002 · Work on B (paused)"),
        "{status}"
    );
    let why = format!(
        "The tools here work on session 00002: it follows {}",
        b.display()
    );
    assert!(status.ends_with(&why), "{status}");
    let status = nowhere.ok("status", json!({})).await;
    assert!(
        status.starts_with("Session 00001 · Work on A (active)"),
        "{status}"
    );
    assert!(
        status.contains(": the tools here work on the active session"),
        "{status}"
    );
    for client in [in_a, in_b, nowhere] {
        client.close().await;
    }
}

#[tokio::test]
async fn a_log_made_through_mcp_is_in_the_report_as_the_agents() {
    let home = Home::new();
    home.run(START, &["start", "Reported"]);
    let client = connect(&home, home.path(), MORNING).await;
    client
        .ok("log", json!({"text": "Found the flaky test"}))
        .await;
    client.close().await;
    let report = home.run(MORNING, &["report", "--format", "log"]);
    assert!(
        report.contains("[2025-08-16 08:08:00] Found the flaky test"),
        "{report}"
    );
    let timeline = materialize(home.store().timeline(&sid("1")).unwrap().records);
    let logged = timeline
        .iter()
        .find(|i| i.text == "Found the flaky test")
        .unwrap();
    assert_eq!((logged.source, logged.kind), (Source::Agent, Kind::Note));
}

#[tokio::test]
async fn the_roots_a_client_offers_choose_the_session() {
    let home = Home::new();
    let (a, _) = two_folders(&home);
    let root = format!("file://{}", a.display().to_string().replace(' ', "%20"));
    let client = connect_with_roots(&home, home.path(), MORNING, &[&root]).await;
    client.ok("log", json!({"text": "through the root"})).await;
    assert!(texts(&home, "1").contains(&"through the root".to_string()));
    let started = client.ok("start", json!({"title": "Rooted"})).await;
    assert!(
        started.contains("repo a: the tools here work on it"),
        "{started}"
    );
    let head = home.store().session_head(&sid("4")).unwrap();
    assert_eq!(head.workspace.as_deref(), Some(a.as_path()));
    client.close().await;
}

#[tokio::test]
async fn undo_takes_back_only_what_this_server_did() {
    let home = Home::new();
    home.run(START, &["start", "Undoing"]);
    let first = connect(&home, home.path(), MORNING).await;
    let second = connect(&home, home.path(), MORNING).await;
    first.ok("log", json!({"text": "agent one"})).await;
    first.ok("step_add", json!({"text": "a step"})).await;
    home.run(MORNING, &["log", "by hand"]);
    second.ok("log", json!({"text": "agent two"})).await;

    assert_eq!(
        first.ok("undo", json!({})).await,
        "Undid: step 1 planned, “a step” (session 00001)"
    );
    assert_eq!(
        first.ok("undo", json!({})).await,
        "Undid: log “agent one” (session 00001)"
    );
    assert!(
        first
            .refused("undo", json!({}))
            .await
            .starts_with("nothing to undo")
    );
    let left = texts(&home, "1");
    for (text, kept) in [("agent one", false), ("by hand", true), ("agent two", true)] {
        assert_eq!(left.contains(&text.to_string()), kept, "{text}: {left:?}");
    }
    assert!(home.store().session(&sid("1")).unwrap().steps.is_empty());
    for client in [first, second] {
        client.close().await;
    }
}

#[tokio::test]
async fn two_clients_and_the_command_line_writing_at_once_lose_nothing() {
    const EACH: usize = 15;
    let home = Home::new();
    home.run(START, &["start", "Busy"]);
    let clients = [
        connect(&home, home.path(), MORNING).await,
        connect(&home, home.path(), MORNING).await,
    ];
    let mut writers = tokio::task::JoinSet::new();
    for (c, client) in clients.iter().enumerate() {
        for n in 0..EACH {
            let peer = client.peer();
            writers.spawn(async move {
                let answer = call(&peer, "log", json!({"text": format!("client {c} #{n}")})).await;
                assert!(!answer.is_error, "{}", answer.text);
            });
        }
    }
    for n in 0..EACH {
        let mut cli = tether(&home, home.path(), MORNING);
        cli.args(["log", &format!("cli #{n}")]);
        let mut cli = tokio::process::Command::from(cli);
        writers.spawn(async move {
            let out = cli.output().await.unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        });
    }
    while let Some(done) = writers.join_next().await {
        done.expect("a writer");
    }
    let logged = texts(&home, "1");
    for prefix in ["client 0 #", "client 1 #", "cli #"] {
        let count = logged.iter().filter(|t| t.starts_with(prefix)).count();
        assert_eq!(count, EACH, "{prefix}: {logged:?}");
    }
    for client in clients {
        client.close().await;
    }
}

/// Sends JSON-RPC lines to a raw `tether mcp` and reads its stdout until every request is
/// answered: each line must be a JSON-RPC message.
fn raw_session(home: &Home, dir: &Path, requests: &[Value]) -> (Vec<Value>, String) {
    let mut child = tether(home, dir, MORNING)
        .arg("mcp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for request in requests {
        writeln!(stdin, "{request}").unwrap();
    }
    let expected = requests.iter().filter(|r| r.get("id").is_some()).count();
    let mut answers = Vec::new();
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        let message: Value =
            serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line:?}"));
        assert_eq!(message["jsonrpc"], "2.0", "{line}");
        answers.push(message);
        if answers.len() == expected {
            break;
        }
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        out.stdout.is_empty(),
        "more on stdout: {:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    (answers, String::from_utf8(out.stderr).unwrap())
}

#[test]
fn stdout_carries_nothing_but_the_protocol() {
    let home = Home::new();
    let config = "surprise = 1\ntheme = \"neon\"\n";
    std::fs::write(home.path().join("config.toml"), config).unwrap();
    home.run(START, &["start", "Quiet"]);
    let call = |id: u32, name: &str, arguments: Value| {
        json!({"jsonrpc": "2.0", "id": id, "method": "tools/call",
               "params": {"name": name, "arguments": arguments}})
    };
    let requests = [
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {},
            "clientInfo": {"name": "raw", "version": "1"}}}),
        json!({"jsonrpc": "2.0", "method": "notifications/initialized"}),
        call(2, "log", json!({"text": "quiet"})),
        call(3, "missions", json!({})),
        call(4, "step_done", json!({"number": 7})),
        json!({"jsonrpc": "2.0", "id": 5, "method": "resources/read",
               "params": {"uri": "tether://nothing"}}),
    ];
    let (answers, stderr) = raw_session(&home, home.path(), &requests);
    let answer = |id: u32| answers.iter().find(|a| a["id"] == id).expect("answered");
    assert_eq!(answer(1)["result"]["serverInfo"]["name"], "tether");
    assert_eq!(answer(2)["result"]["isError"], false, "{}", answer(2));
    assert_eq!(answer(3)["result"]["isError"], false, "{}", answer(3));
    assert_eq!(answer(4)["result"]["isError"], true, "{}", answer(4));
    assert!(answer(5)["error"]["message"].is_string(), "{}", answer(5));
    assert!(
        stderr.contains("surprise"),
        "the config's warning: {stderr}"
    );
    assert!(
        stderr.contains("neon"),
        "the dashboard setting's warning: {stderr}"
    );
    assert!(texts(&home, "1").contains(&"quiet".to_string()));
}
