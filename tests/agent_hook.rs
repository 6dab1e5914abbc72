//! `tether agent hook`, fed the events of each assistant's documentation
//! (`tests/fixtures/agent/`): the briefing goes back in that assistant's format at a
//! session's start, resume and compaction, a prompt is logged (its first line), and nothing
//! happens in a folder no session follows. A hook never fails nor waits: with the store's
//! lock held by a stopped writer it still answers, and its record waits in the spool.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{BIN, Home, START, sid};
use serde_json::Value;
use tether::record::Record;

/// When the person comes back: 8h 17m 28s after the last interaction, at 23:50:34.
const BACK: &str = "2025-08-16T08:08:02Z";

/// A home with session 00001 following `project` (a plain folder), last touched at 23:50:34.
fn followed(project: &Path) -> Home {
    let home = Home::new();
    let dir = project.to_str().unwrap();
    home.run(
        START,
        &["start", "--workspace", dir, "Implement Reality Agents"],
    );
    home.run(START, &["step", "add", "Write the gap tests"]);
    home.run(
        START,
        &["decide", "JSONL for the timeline", "--why", "O(1) append"],
    );
    home.run("2025-08-15T23:50:34Z", &["log", "Creating gift"]);
    home
}

/// A documented event with its folder set to `cwd`.
fn event(fixture: &str, cwd: &Path) -> String {
    let path = format!(
        "{}/tests/fixtures/agent/{fixture}",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut value: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    value["cwd"] = Value::String(cwd.display().to_string());
    value.to_string()
}

/// Runs the hook; expects exit 0 and nothing on stderr; returns stdout.
fn hook(home: &Home, at: &str, args: &[&str], stdin: String) -> String {
    let mut full = vec!["agent", "hook"];
    full.extend_from_slice(args);
    let out = home
        .cmd(at)
        .args(&full)
        .write_stdin(stdin)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn texts(home: &Home) -> Vec<(String, String)> {
    let records = home.store().timeline(&sid("1")).unwrap().records;
    records
        .into_iter()
        .filter_map(|r| match r {
            Record::Interaction(i) => Some((i.source.as_str().to_string(), i.text)),
            _ => None,
        })
        .collect()
}

/// The context handed back, with the project's temporary path made stable.
fn context(answer: &str, project: &Path) -> String {
    let value: Value = serde_json::from_str(answer).expect("one JSON object");
    let out = &value["hookSpecificOutput"];
    assert_eq!(out["hookEventName"], "SessionStart", "{answer}");
    let text = out["additionalContext"].as_str().unwrap();
    text.replace(&project.display().to_string(), "[PROJECT]")
}

#[test]
fn each_assistant_gets_the_briefing_in_its_own_format_at_every_start() {
    let project = tempfile::tempdir().unwrap();
    let project = project.path().canonicalize().unwrap();
    let home = followed(&project);
    let before = std::fs::read(home.timeline("00001")).unwrap();
    for (client, fixture) in [
        ("claude", "claude-session-start.json"),
        ("claude", "claude-session-start-compact.json"),
        ("codex", "codex-session-start.json"),
        ("gemini", "gemini-session-start.json"),
    ] {
        let args = ["session-start", "--client", client];
        let answer = hook(&home, BACK, &args, event(fixture, &project));
        assert!(
            answer.ends_with("}\n") && answer.lines().count() == 1,
            "{answer}"
        );
        let text = context(&answer, &project);
        assert!(
            text.contains("Resuming session 00001 after 8h 17m"),
            "{text}"
        );
        insta::assert_snapshot!(format!("briefing_{client}"), text);
    }
    // an assistant's briefing writes nothing: the gap stays owed to the person
    assert_eq!(std::fs::read(home.timeline("00001")).unwrap(), before);
}

#[test]
fn a_prompt_is_logged_as_its_first_line_and_answered_in_each_format() {
    let project = tempfile::tempdir().unwrap();
    let project = project.path().canonicalize().unwrap();
    let home = followed(&project);
    let claude = hook(
        &home,
        BACK,
        &["prompt", "--client", "claude"],
        event("claude-user-prompt-submit.json", &project),
    );
    let codex = hook(
        &home,
        BACK,
        &["prompt", "--client", "codex"],
        event("codex-user-prompt-submit.json", &project),
    );
    let gemini = hook(
        &home,
        BACK,
        &["prompt", "--client", "gemini"],
        event("gemini-before-agent.json", &project),
    );
    // Claude and Codex would add plain output to the context; Gemini reads only JSON
    assert_eq!((claude.as_str(), codex.as_str()), ("", ""));
    assert_eq!(gemini, "{}\n");
    let logged: Vec<(String, String)> = texts(&home).into_iter().skip(4).collect();
    let agent = |t: &str| ("agent".to_string(), t.to_string());
    assert_eq!(
        logged,
        vec![
            agent("Prompt: Write a function to calculate the factorial of a number"),
            agent("Prompt: Run the tests"),
            agent("Prompt: Add error handling to the sync code"),
        ]
    );
}

#[test]
fn prompts_are_kept_whole_or_not_at_all_as_configured() {
    let project = tempfile::tempdir().unwrap();
    let project = project.path().canonicalize().unwrap();
    let home = followed(&project);
    let config = home.path().join("config.toml");
    std::fs::write(&config, "[agent]\nprompts = \"none\"\n").unwrap();
    let args = ["prompt", "--client", "codex"];
    hook(
        &home,
        BACK,
        &args,
        event("codex-user-prompt-submit.json", &project),
    );
    std::fs::write(&config, "[agent]\nprompts = \"full\"\n").unwrap();
    hook(
        &home,
        BACK,
        &args,
        event("codex-user-prompt-submit.json", &project),
    );
    let logged: Vec<String> = texts(&home).into_iter().skip(4).map(|(_, t)| t).collect();
    assert_eq!(
        logged,
        [
            "Prompt to the assistant (its text is not kept)",
            "Prompt: Run the tests\nand fix what fails"
        ]
    );
}

#[test]
fn in_a_folder_no_session_follows_a_hook_does_nothing() {
    let project = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let home = followed(&project.path().canonicalize().unwrap());
    let files = home.files();
    let start = event("claude-session-start.json", elsewhere.path());
    assert_eq!(
        hook(&home, BACK, &["session-start", "--client", "claude"], start),
        ""
    );
    let start = event("gemini-session-start.json", elsewhere.path());
    assert_eq!(
        hook(&home, BACK, &["session-start", "--client", "gemini"], start),
        "{}\n"
    );
    let prompt = event("claude-user-prompt-submit.json", elsewhere.path());
    assert_eq!(
        hook(&home, BACK, &["prompt", "--client", "claude"], prompt),
        ""
    );
    assert_eq!(home.files(), files, "nothing written, not even a log");
}

#[test]
fn whatever_goes_wrong_the_answer_is_empty_and_the_reason_is_logged() {
    let project = tempfile::tempdir().unwrap();
    let project = project.path().canonicalize().unwrap();
    let home = followed(&project);
    assert_eq!(
        hook(
            &home,
            BACK,
            &["session-start", "--client", "codex"],
            "{not json".into()
        ),
        ""
    );
    assert_eq!(
        hook(&home, BACK, &["prompt", "--client", "gemini"], "[1]".into()),
        "{}\n"
    );
    let doctor = home.run(BACK, &["doctor"]);
    assert!(
        doctor.contains("an assistant's hook did nothing 2 times"),
        "{doctor}"
    );
    std::fs::write(
        home.path().join("config.toml"),
        "gap_threshold = \"soon\"\n",
    )
    .unwrap();
    let start = event("claude-session-start.json", &project);
    assert_eq!(
        hook(&home, BACK, &["session-start", "--client", "claude"], start),
        ""
    );
    let log = std::fs::read_to_string(home.path().join("agent-hooks.log")).unwrap();
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 3, "{log}");
    assert!(
        lines[0].starts_with("2025-08-16T08:08:02Z codex session-start: the event is not JSON"),
        "{log}"
    );
    assert!(
        lines[1].contains("gemini prompt: the event is not JSON"),
        "{log}"
    );
    assert!(
        lines[2].contains("claude session-start: ") && lines[2].contains("gap_threshold"),
        "{log}"
    );
}

/// A `tether log` stopped while it holds the lock (a debug build's failpoint).
fn hold_the_lock(home: &Home) -> Child {
    let mut holder = Command::new(BIN)
        .args(["log", "the holder"])
        .env("TETHER_HOME", home.path())
        .env("TETHER_FAILPOINT", "lock:held=pause")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(holder.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim_end(), "tether: failpoint lock:held fired (pause)");
    holder
}

#[test]
fn with_the_lock_held_by_a_stopped_writer_a_hook_still_answers_and_its_prompt_waits_in_the_spool() {
    let project = tempfile::tempdir().unwrap();
    let project = project.path().canonicalize().unwrap();
    let home = followed(&project);
    std::fs::write(home.path().join("config.toml"), "lock_timeout = \"60s\"\n").unwrap();
    let mut holder = hold_the_lock(&home);
    let start = event("claude-session-start.json", &project);
    let answer = hook(&home, BACK, &["session-start", "--client", "claude"], start);
    assert!(context(&answer, &project).contains("Resuming session 00001"));
    let prompt = event("claude-user-prompt-submit.json", &project);
    assert_eq!(
        hook(&home, BACK, &["prompt", "--client", "claude"], prompt),
        ""
    );
    assert_eq!(home.store().spooled().unwrap().len(), 1);
    holder.kill().unwrap();
    holder.wait().unwrap();
    home.run(BACK, &["log", "After the holder"]);
    let logged: Vec<String> = texts(&home).into_iter().map(|(_, t)| t).collect();
    let prompt = "Prompt: Write a function to calculate the factorial of a number";
    assert_eq!(
        logged.iter().filter(|t| *t == prompt).count(),
        1,
        "{logged:?}"
    );
    assert!(!home.path().join("agent-hooks.log").exists());
}
