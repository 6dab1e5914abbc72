//! `tether mcp` driven over stdio by a real MCP client (rmcp's): what it offers, every tool
//! on a temporary home, refusals as `isError` results, and the briefing as a resource.
//! Where the tools land, and writers at once: `tests/mcp_routing.rs`; hostile text and a
//! damaged mission: `tests/mcp_hostile.rs`.

mod common;
mod mcp_support;

use std::collections::BTreeSet;

use common::{Home, MORNING, START, sid};
use mcp_support::connect;
use serde_json::{Value, json};
use tether::session::Source;
use tether::timeline::materialize;

/// Every tool, by name.
const TOOLS: &str = "complete decide freeze log missions reopen resume start status step_add \
                     step_done steps switch undo";

#[tokio::test]
async fn it_says_who_it_is_and_offers_tools_and_resources() {
    let home = Home::new();
    let client = connect(&home, home.path(), START).await;
    let server = client.server();
    let implementation = server.server_info.expect("server info");
    assert_eq!(implementation.name, "tether");
    assert_eq!(implementation.version, env!("CARGO_PKG_VERSION"));
    assert!(server.capabilities.tools.is_some());
    assert!(server.capabilities.resources.is_some());
    assert!(server.instructions.unwrap().contains("tether://briefing"));
    client.close().await;
}

/// The schema's property `name` of tool `tool`.
fn property<'a>(tools: &'a [rmcp::model::Tool], tool: &str, name: &str) -> &'a Value {
    let tool = tools.iter().find(|t| t.name == tool).expect(tool);
    &tool.input_schema["properties"][name]
}

fn required(tools: &[rmcp::model::Tool], tool: &str) -> Vec<String> {
    let tool = tools.iter().find(|t| t.name == tool).expect(tool);
    let required = tool.input_schema.get("required").cloned();
    serde_json::from_value(required.unwrap_or(json!([]))).unwrap()
}

#[tokio::test]
async fn every_tool_is_listed_with_a_description_and_a_schema_for_its_arguments() {
    let home = Home::new();
    let client = connect(&home, home.path(), START).await;
    let tools = client.tools().await;
    let names: BTreeSet<&str> = tools.iter().map(|t| t.name.as_ref()).collect();
    assert_eq!(names, TOOLS.split_whitespace().collect());
    for tool in &tools {
        let description = tool.description.as_deref().unwrap_or_default();
        assert!(description.len() > 60, "{}: {description:?}", tool.name);
        assert_eq!(tool.input_schema["type"], "object", "{}", tool.name);
        let read_only = tool.annotations.as_ref().and_then(|a| a.read_only_hint);
        let reads = ["missions", "resume", "status", "steps"].contains(&tool.name.as_ref());
        assert_eq!(read_only, Some(reads), "{}", tool.name);
    }
    for (tool, args) in [
        ("log", vec!["text"]),
        ("step_add", vec!["text"]),
        ("step_done", vec!["number"]),
        ("decide", vec!["text"]),
        ("start", vec!["title"]),
        ("switch", vec!["session"]),
        ("reopen", vec!["session"]),
    ] {
        assert_eq!(required(&tools, tool), args, "{tool}");
    }
    for tool in [
        "status", "steps", "missions", "freeze", "undo", "resume", "complete",
    ] {
        assert!(required(&tools, tool).is_empty(), "{tool}");
    }
    assert_eq!(property(&tools, "step_done", "number")["type"], "integer");
    assert_eq!(property(&tools, "complete", "confirm")["type"], "boolean");
    assert_eq!(property(&tools, "complete", "abandon")["type"], "boolean");
    assert!(property(&tools, "decide", "why")["description"].is_string());
    assert!(property(&tools, "resume", "session")["description"].is_string());
    let log = tools.iter().find(|t| t.name == "log").unwrap();
    let kinds: Vec<&str> = log.input_schema["$defs"]["LogKind"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["const"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["note", "progress", "decision", "step", "commit", "resume"]
    );
    client.close().await;
}

#[tokio::test]
async fn the_tools_that_plan_record_and_read_work_on_a_temporary_home() {
    let home = Home::new();
    let client = connect(&home, home.path(), MORNING).await;
    let started = client
        .ok(
            "start",
            json!({"title": "Ship the MCP server", "description": "Tools for assistants"}),
        )
        .await;
    assert!(
        started.starts_with("Started session 00001 · Ship the MCP server (now the active mission)"),
        "{started}"
    );
    assert!(started.contains("It follows "), "{started}");
    assert_eq!(
        client
            .ok("step_add", json!({"text": "Write the tools"}))
            .await,
        "Added step 1 to session 00001: Write the tools"
    );
    client
        .ok("step_add", json!({"text": "Write the tests"}))
        .await;
    assert_eq!(
        client.ok("step_done", json!({"number": 1})).await,
        "Done step 1: Write the tools (1/2 steps done)"
    );
    assert_eq!(
        client.ok("step_done", json!({"number": 1})).await,
        "Step 1 is already done: Write the tools"
    );
    assert_eq!(
        client
            .ok(
                "decide",
                json!({"text": "rmcp for the protocol", "why": "the official SDK"})
            )
            .await,
        "Decided in session 00001: rmcp for the protocol\n  why: the official SDK"
    );
    assert_eq!(
        client
            .ok("log", json!({"text": "Tools answer", "kind": "progress"}))
            .await,
        "Logged to session 00001 at 2025-08-16 08:08 UTC"
    );
    let frozen = client.ok("freeze", json!({})).await;
    assert!(frozen.starts_with("Froze the context of session 00001 at 2025-08-16 08:08 UTC: 1/2 steps done, 1 open steps, 1 decisions"), "{frozen}");
    assert_eq!(
        client.ok("steps", json!({})).await,
        "Steps of session 00001 · Ship the MCP server\n1 [x] Write the tools\n2 [ ] Write the tests\n1/2 steps done"
    );
    let status = client.ok("status", json!({})).await;
    assert!(status.starts_with("Session 00001 · Ship the MCP server (active)\nProgress: 1/2 steps done\nLast interaction: 2025-08-16 08:08 UTC (0s ago)\nThe tools here work on session 00001: it follows "), "{status}");
    let briefing = client.ok("resume", json!({})).await;
    for part in [
        "Mission: Ship the MCP server",
        "About: Tools for assistants",
        "2. Write the tests",
        "rmcp for the protocol",
        "because the official SDK",
        "Tools answer",
    ] {
        assert!(briefing.contains(part), "{part}: {briefing}");
    }
    let missions = client.ok("missions", json!({})).await;
    assert!(missions.contains("* 00001    active"), "{missions}");
    client.close().await;

    let session = home.store().session(&sid("1")).unwrap();
    assert_eq!(
        session.decisions[0].why.as_deref(),
        Some("the official SDK")
    );
    let timeline = materialize(home.store().timeline(&sid("1")).unwrap().records);
    assert!(
        timeline.iter().all(|i| i.source == Source::Agent),
        "{timeline:?}"
    );
    assert!(
        timeline.iter().any(|i| i.text == "Tools answer"),
        "{timeline:?}"
    );
}

#[tokio::test]
async fn a_missions_life_through_the_tools_and_undo() {
    let home = Home::new();
    let client = connect(&home, home.path(), MORNING).await;
    client
        .ok("start", json!({"title": "Ship the MCP server"}))
        .await;
    for step in ["Write the tools", "Write the tests"] {
        client.ok("step_add", json!({"text": step})).await;
    }
    client.ok("step_done", json!({"number": 1})).await;
    client.ok("log", json!({"text": "Tools answer"})).await;
    let second = client.ok("start", json!({"title": "Second"})).await;
    assert!(second.contains("Paused session 00001"), "{second}");
    let switched = client.ok("switch", json!({"session": "1"})).await;
    assert!(
        switched
            .starts_with("Switched to session 00001 · Ship the MCP server\nPaused session 00002\n"),
        "{switched}"
    );
    assert!(
        switched.contains("Mission: Ship the MCP server"),
        "{switched}"
    );
    let done = client
        .ok("complete", json!({"confirm": true, "abandon": true}))
        .await;
    assert!(done.starts_with("Abandoned session 00001 · Ship the MCP server (1/2 steps done)\nLeft open (1):\n  [ ] Write the tests\n"), "{done}");
    assert!(
        done.contains("`switch` to session 00002 resumes Second"),
        "{done}"
    );
    let reopened = client.ok("reopen", json!({"session": "00001"})).await;
    assert!(
        reopened.starts_with("Reopened session 00001 · Ship the MCP server (it was abandoned)"),
        "{reopened}"
    );
    assert_eq!(
        client.ok("undo", json!({})).await,
        "Undid: reopening session 00001 (session 00001)"
    );
    assert_eq!(
        client.ok("undo", json!({})).await,
        "Undid: abandoning session 00001 (session 00001)"
    );
    assert_eq!(
        client.ok("undo", json!({})).await,
        "Undid: log “Tools answer” (session 00001)"
    );
    client.close().await;

    let session = home.store().session(&sid("1")).unwrap();
    assert_eq!(session.mission.status.as_str(), "active");
    let timeline = materialize(home.store().timeline(&sid("1")).unwrap().records);
    assert!(
        !timeline.iter().any(|i| i.text == "Tools answer"),
        "undone: {timeline:?}"
    );
}

#[tokio::test]
async fn a_failure_is_a_result_marked_is_error_with_the_command_lines_words() {
    let home = Home::new();
    let client = connect(&home, home.path(), START).await;
    let before = home.files();
    assert_eq!(
        client.refused("log", json!({"text": "into nothing"})).await,
        "no active mission: start one with `tether start TITLE`, or pick one with `tether switch ID` (`tether missions` lists them)"
    );
    assert!(
        client
            .refused("resume", json!({}))
            .await
            .starts_with("no active mission")
    );
    assert!(
        client
            .refused("steps", json!({}))
            .await
            .starts_with("no active mission")
    );
    assert_eq!(
        client.refused("switch", json!({"session": "42"})).await,
        "there is no session 00042: `tether missions` lists the sessions"
    );
    assert!(
        client
            .refused("reopen", json!({"session": "4 2"}))
            .await
            .starts_with("invalid session id '4 2'")
    );
    assert!(
        client
            .refused("undo", json!({}))
            .await
            .starts_with("nothing to undo")
    );
    let refused = client.refused("step_done", json!({"number": "one"})).await;
    assert!(refused.contains("expected u32"), "{refused}");
    assert_eq!(home.files(), before, "a refusal wrote something");

    home.run(START, &["start", "Refusals"]);
    let before = home.files();
    assert_eq!(
        client.refused("log", json!({"text": "  "})).await,
        "the text is empty: say what happened, e.g. tether log \"Reviewed the fix plan\""
    );
    assert_eq!(
        client.refused("step_done", json!({"number": 3})).await,
        "there is no step 3: the session has no steps (`tether step list` numbers them)"
    );
    assert_eq!(
        client.refused("complete", json!({})).await,
        "not done: completing ends session 00001 · Refusals; call complete again with confirm: true to complete it"
    );
    assert_eq!(
        client
            .refused("complete", json!({"confirm": false, "abandon": true}))
            .await,
        "not done: completing ends session 00001 · Refusals; call complete again with confirm: true to abandon it"
    );
    let long = "x".repeat(70_000);
    assert!(
        client
            .refused("decide", json!({"text": long}))
            .await
            .starts_with("the decision is 70000 bytes")
    );
    assert_eq!(home.files(), before, "a refusal wrote something");
    client.close().await;
}

#[tokio::test]
async fn the_briefing_is_a_resource_and_the_same_as_the_command_lines() {
    let home = Home::new();
    home.night_before();
    home.morning_after();
    let client = connect(&home, home.path(), MORNING).await;
    let listed = client.resources().await;
    assert_eq!(listed, ["tether://briefing"]);
    let resource = client.resource("tether://briefing").await;
    let tool = client.ok("resume", json!({})).await;
    let cli = home.run(MORNING, &["resume", "--format", "agent"]);
    assert_eq!(resource, tool);
    assert_eq!(tool, cli.trim_end());
    assert!(tool.starts_with("Resuming session 00004 after"), "{tool}");
    let other = client.ok("resume", json!({"session": "00004"})).await;
    assert_eq!(other, tool);
    client.close().await;
}

#[tokio::test]
async fn the_configured_budget_bounds_the_briefing() {
    let home = Home::new();
    std::fs::write(home.path().join("config.toml"), "[agent]\nbudget = 100\n").unwrap();
    home.run(START, &["start", "A mission with a long plan"]);
    for n in 0..40 {
        home.run(
            START,
            &[
                "step",
                "add",
                &format!("Step number {n} of a long plan, with words"),
            ],
        );
    }
    let client = connect(&home, home.path(), MORNING).await;
    let briefing = client.ok("resume", json!({})).await;
    assert!(briefing.chars().count() <= 100 * 4, "{}", briefing.len());
    assert!(
        briefing.contains("A mission with a long plan"),
        "{briefing}"
    );
    client.close().await;
}
