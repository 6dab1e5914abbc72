//! What comes back through `tether mcp` when the store holds hostile text or a damaged
//! file: the text made visible in every result, the damaged mission named beside the
//! others, and nothing but the protocol on stdout.

mod common;
mod mcp_support;

use common::{Home, MORNING, START};
use mcp_support::connect;
use serde_json::json;

/// Escape sequences (a clipboard write, a title, a bell), a C1 control and a bidi override.
const HOSTILE: &str = "evil \u{1b}]52;c;aGk=\u{7}\u{1b}[2J \u{9b}31m \u{202e}txt.exe";

fn assert_visible(text: &str) {
    assert!(
        !text
            .chars()
            .any(|c| c != '\n' && tether::sanitize::is_unsafe(c)),
        "raw: {text:?}"
    );
    assert!(
        text.contains("evil ␛]52;c;aGk=␇␛[2J <U+009B>31m <U+202E>txt.exe"),
        "{text:?}"
    );
}

#[tokio::test]
async fn hostile_text_comes_back_made_visible_in_every_result() {
    let home = Home::new();
    let client = connect(&home, home.path(), START).await;
    assert_visible(
        &client
            .ok("start", json!({"title": HOSTILE, "description": HOSTILE}))
            .await,
    );
    assert_visible(&client.ok("step_add", json!({"text": HOSTILE})).await);
    assert_visible(&client.ok("step_done", json!({"number": 1})).await);
    assert_visible(
        &client
            .ok("decide", json!({"text": HOSTILE, "why": HOSTILE}))
            .await,
    );
    client
        .ok("log", json!({"text": format!("line one\n{HOSTILE}")}))
        .await;
    for tool in ["steps", "status", "resume", "missions"] {
        assert_visible(&client.ok(tool, json!({})).await);
    }
    let briefing = client.resource("tether://briefing").await;
    assert_visible(&briefing);
    assert!(briefing.contains("line one␊evil"), "{briefing}");
    assert_visible(&client.ok("undo", json!({})).await);
    let refusal = client.refused("switch", json!({"session": HOSTILE})).await;
    assert!(
        !refusal.chars().any(tether::sanitize::is_unsafe),
        "{refusal:?}"
    );
    client.close().await;
}

/// A mission whose timeline is damaged: `missions` answers with the others and names it,
/// as the command line does, and the protocol stays whole (nothing of the list is written
/// beside it on stdout): the next call is answered.
#[tokio::test]
async fn a_damaged_mission_is_named_in_the_list_and_the_protocol_stays_whole() {
    let home = Home::new();
    home.run(START, &["start", "Readable"]);
    home.run(START, &["start", "Damaged"]);
    let (timeline, line) = home.damage_end("00002");
    let client = connect(&home, home.path(), MORNING).await;
    let missions = client.ok("missions", json!({})).await;
    assert!(missions.contains("00001    paused"), "{missions}");
    assert!(
        missions.contains(&format!("{}:{line}:", timeline.display())),
        "{missions}"
    );
    assert!(
        missions.contains("1 mission could not be read whole"),
        "{missions}"
    );
    let steps = client.call("steps", json!({"session": "00001"})).await;
    assert!(!steps.text.is_empty(), "answered after the list");
    client.close().await;
}
