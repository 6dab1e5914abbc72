use serde_json::json;

use super::*;

fn p(keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| k.to_string()).collect()
}

/// Adds a hook element and a server key, then takes both out again as uninstall does:
/// the entries, then the containers created (deepest first) if left empty.
fn round_trip(original: &str) -> String {
    let hook = json!({"matcher": "startup", "hooks": [{"type": "command", "command": "t"}]});
    let server = json!({"command": "/bin/tether", "args": ["mcp"]});
    let a = push(original, &p(&["hooks", "SessionStart"]), &hook).unwrap();
    let b = set(&a.text, &p(&["mcpServers", "tether"]), &server).unwrap();
    let installed = b.text.clone();
    assert_eq!(
        get(&installed, &p(&["mcpServers", "tether"])).unwrap(),
        Some(server)
    );
    let arr = get(&installed, &p(&["hooks", "SessionStart"]))
        .unwrap()
        .unwrap();
    assert_eq!(arr.as_array().unwrap().last(), Some(&hook), "{installed}");
    let emptied: Vec<Emptied> = a.emptied.into_iter().chain(b.emptied).collect();
    // the last added goes first, then what was created around it, deepest first
    let mut text = remove(&installed, &p(&["mcpServers", "tether"]), &emptied).unwrap();
    text = prune(text, b.created, &emptied);
    text = remove_elements(&text, &p(&["hooks", "SessionStart"]), &emptied, |v| {
        v == &hook
    })
    .unwrap();
    text = prune(text, a.created, &emptied);
    check(&text).unwrap();
    text
}

fn prune(mut text: String, mut created: Vec<Vec<String>>, emptied: &[Emptied]) -> String {
    created.sort_by_key(|c| std::cmp::Reverse(c.len()));
    for path in &created {
        if is_empty(&text, path).unwrap() {
            text = remove(&text, path, emptied).unwrap();
        }
    }
    text
}

#[test]
fn adding_then_removing_gives_back_every_byte() {
    let files = [
        "{}",
        "{}\n",
        "{\n}\n",
        "{ }",
        "{\n  // my settings\n  \"model\": \"opus\"\n}\n",
        "{\n    \"a\": 1,   /* c */\n    \"hooks\": {\n        \"SessionStart\": [\n            {\"matcher\": \"x\", \"hooks\": []}\n        ]\n    }\n}",
        "{\"a\":1}",
        "{\"a\": 1, \"hooks\": {}}",
        "{\n\t\"hooks\": {\n\t\t\"SessionStart\": []\n\t},\n}\n",
        "{\r\n  \"model\": \"opus\" // favourite\r\n}\r\n",
        "{\n  \"a\": 1, // trailing comma, and a comment\n}\n",
        "{\n  \"a\": [1,\n        2], \"b\": 2\n}",
        "{\n  \"a\": 1}",
        "{ // nothing yet\n}\n",
        "{\n  \"mcpServers\": {\n    \"other\": {\"command\": \"x\"}\n  },\n  \"hooks\": {\"SessionStart\": [ ]}\n}\n",
    ];
    for original in files {
        assert_eq!(round_trip(original), original, "{original:?}");
    }
}

#[test]
fn an_entry_takes_the_files_indentation_and_line_endings() {
    let text = "{\r\n\t\"model\": \"opus\"\r\n}\r\n";
    let edit = set(
        text,
        &p(&["mcpServers", "tether"]),
        &json!({"args": ["mcp"]}),
    )
    .unwrap();
    assert_eq!(
        edit.text,
        "{\r\n\t\"model\": \"opus\",\r\n\t\"mcpServers\": {\r\n\t\t\"tether\": {\r\n\t\t\t\"args\": [\r\n\t\t\t\t\"mcp\"\r\n\t\t\t]\r\n\t\t}\r\n\t}\r\n}\r\n"
    );
    assert_eq!(edit.created, vec![p(&["mcpServers"])]);
}

#[test]
fn a_comment_after_the_last_member_stays_on_its_line() {
    let text = "{\n  \"model\": \"opus\" // favourite\n}\n";
    let edit = set(text, &p(&["x"]), &json!(1)).unwrap();
    assert_eq!(
        edit.text,
        "{\n  \"model\": \"opus\", // favourite\n  \"x\": 1\n}\n"
    );
}

#[test]
fn removing_what_the_user_changed_around_keeps_their_changes() {
    let hook = json!({"hooks": [{"command": "t"}]});
    let a = push("{\n  \"a\": 1\n}\n", &p(&["hooks", "Stop"]), &hook).unwrap();
    // the person adds a hook of their own after ours, and a key
    let theirs = json!({"hooks": [{"command": "mine"}]});
    let b = push(&a.text, &p(&["hooks", "Stop"]), &theirs).unwrap();
    let c = set(&b.text, &p(&["z"]), &json!(true)).unwrap();
    let text = remove_elements(&c.text, &p(&["hooks", "Stop"]), &[], |v| v == &hook).unwrap();
    assert_eq!(
        get(&text, &p(&["hooks", "Stop"])).unwrap(),
        Some(json!([theirs]))
    );
    assert_eq!(get(&text, &p(&["z"])).unwrap(), Some(json!(true)));
    assert!(!is_empty(&text, &p(&["hooks"])).unwrap());
}

#[test]
fn what_cannot_be_edited_is_refused() {
    assert!(check("{\"a\": 1,,}").is_err());
    assert!(check("[1, 2]").is_err());
    assert!(check("{'a': 1}").is_err());
    assert!(check("").is_ok());
    let err = push("{\"hooks\": 3}", &p(&["hooks", "SessionStart"]), &json!(1)).unwrap_err();
    assert_eq!(err, "hooks is not an object");
    let err = push(
        "{\"hooks\": {\"SessionStart\": {}}}",
        &p(&["hooks", "SessionStart"]),
        &json!(1),
    );
    assert_eq!(err.unwrap_err(), "hooks.SessionStart is not an array");
}

#[test]
fn a_key_already_there_is_replaced_in_place() {
    let text = "{\n  \"a\": {\"old\": true}, // keep\n  \"b\": 2\n}\n";
    let edit = set(text, &p(&["a"]), &json!(false)).unwrap();
    assert_eq!(edit.text, "{\n  \"a\": false, // keep\n  \"b\": 2\n}\n");
    assert!(edit.created.is_empty());
}
