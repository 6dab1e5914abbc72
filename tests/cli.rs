//! The subcommands that change the store, run as the real binary on a temporary home.

mod common;

use common::{END, Home, LATER, RESUMED, START, sid, utc};
use tether::session::{Interaction, Kind, MissionStatus, Source};
use tether::timeline::materialize;

/// The interactions of a session, read back through the library.
fn interactions(home: &Home, id: &str) -> Vec<Interaction> {
    materialize(home.store().timeline(&sid(id)).unwrap().records)
}

fn texts(home: &Home, id: &str) -> Vec<String> {
    interactions(home, id).into_iter().map(|i| i.text).collect()
}

#[test]
fn start_numbers_sessions_and_pauses_the_active_one() {
    let home = Home::new();
    let out = home.run(START, &["start", "First", "mission"]);
    assert_eq!(out, "Started session 00001 · First mission\n");
    let out = home.run(START, &["start", "Second"]);
    assert_eq!(
        out,
        "Started session 00002 · Second\nPaused session 00001 (`tether switch 00001` resumes it)\n"
    );
    let out = home.run(START, &["start", "--session", "3B", "Third"]);
    assert!(out.starts_with("Started session 00003B · Third\n"), "{out}");
    let out = home.run(START, &["start", "Fourth"]);
    assert!(out.starts_with("Started session 00004 · Fourth\n"), "{out}");

    let store = home.store();
    assert_eq!(store.active().unwrap(), sid("00004"));
    let statuses: Vec<(String, MissionStatus)> = store
        .sessions()
        .unwrap()
        .into_iter()
        .map(|s| (s.id.to_string(), s.mission.status))
        .collect();
    assert_eq!(
        statuses,
        [
            ("00001".to_string(), MissionStatus::Paused),
            ("00002".to_string(), MissionStatus::Paused),
            ("00003B".to_string(), MissionStatus::Paused),
            ("00004".to_string(), MissionStatus::Active),
        ]
    );
    let first = interactions(&home, "00001");
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].text, "Mission started: First mission");
    assert_eq!(first[0].at, utc(START));
    assert_eq!(first[0].kind, Kind::Progress);
}

#[test]
fn start_keeps_the_workspace_as_an_absolute_path_and_the_description() {
    let home = Home::new();
    let cwd = tempfile::tempdir().unwrap();
    home.cmd(START)
        .current_dir(cwd.path())
        .args([
            "start",
            "--workspace",
            "repo",
            "--description",
            "Why it matters",
        ])
        .args(["Mission"])
        .assert()
        .success();
    let session = home.store().session(&sid("00001")).unwrap();
    assert_eq!(session.workspace, Some(cwd.path().join("repo")));
    assert_eq!(
        session.mission.description.as_deref(),
        Some("Why it matters")
    );
    assert_eq!(session.created, utc(START));
}

#[test]
fn log_reads_every_form_of_at() {
    let home = Home::new();
    home.run(START, &["start", "Times"]);
    let now = RESUMED; // 2025-08-16T08:08:02Z, local time UTC
    let cases = [
        ("2025-08-15T23:50:34Z", "2025-08-15T23:50:34Z"),
        ("2025-08-16T09:50:34+02:00", "2025-08-16T07:50:34Z"),
        ("2025-08-15 23:41", "2025-08-15T23:41:00Z"),
        ("2025-08-15 23:41:05", "2025-08-15T23:41:05Z"),
        ("07:30", "2025-08-16T07:30:00Z"),
        ("07:30:15", "2025-08-16T07:30:15Z"),
        ("-2h", "2025-08-16T06:08:02Z"),
        ("-1h30m", "2025-08-16T06:38:02Z"),
        ("-45m", "2025-08-16T07:23:02Z"),
    ];
    for (when, _) in cases {
        let out = home.run(now, &["log", "--at", when, &format!("at {when}")]);
        assert!(out.starts_with("Logged to session 00001 at "), "{out}");
    }
    home.run(now, &["log", "no", "at"]);
    let logged = interactions(&home, "00001");
    for (when, want) in cases {
        let found = logged
            .iter()
            .find(|i| i.text == format!("at {when}"))
            .unwrap_or_else(|| panic!("{when} not logged"));
        assert_eq!(found.at, utc(want), "--at {when}");
    }
    let plain = logged.iter().find(|i| i.text == "no at").unwrap();
    assert_eq!(plain.at, utc(now));
    let times: Vec<_> = logged.iter().map(|i| i.at).collect();
    assert!(times.is_sorted(), "materialize sorts by time: {times:?}");
}

#[test]
fn log_says_when_it_crosses_a_gap_and_prints_local_time() {
    let home = Home::new();
    home.night_before();
    let out = home.run(RESUMED, &["log", "Reviewing fix plan"]);
    assert_eq!(
        out,
        "Logged to session 00004 at 08:08 · resumed after 8h 17m\n"
    );
    let out = home.run(LATER, &["log", "next"]);
    assert_eq!(out, "Logged to session 00004 at 08:10\n");
    let out = home
        .cmd(END)
        .env("TZ", "Europe/Paris")
        .args(["log", "in Paris"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Logged to session 00004 at 10:12\n",
        "08:12 UTC is 10:12 in Paris in August"
    );
}

#[test]
fn log_stores_kind_source_and_the_text_as_given() {
    let home = Home::new();
    home.run(START, &["start", "Kinds"]);
    home.run(
        START,
        &[
            "log", "--kind", "commit", "--source", "git", "abc123", "Fix it",
        ],
    );
    home.run(
        START,
        &["log", "--kind=decision", "--source=agent", "Chose"],
    );
    let tricky = "  \"quotes\", back\\slash, ünïcödé 🧵\nsecond line  ";
    home.run(START, &["log", tricky]);
    let logged = interactions(&home, "00001");
    let kinds: Vec<_> = logged.iter().map(|i| (i.kind, i.source)).collect();
    assert_eq!(
        kinds,
        [
            (Kind::Progress, Source::Cli),
            (Kind::Commit, Source::Git),
            (Kind::Decision, Source::Agent),
            (Kind::Note, Source::Cli),
        ]
    );
    assert_eq!(
        logged[1].text, "abc123 Fix it",
        "words are joined by a space"
    );
    assert_eq!(
        logged[3].text,
        tricky.trim(),
        "kept exactly, trimmed at the ends"
    );
}

#[test]
fn steps_are_added_done_undone_and_listed() {
    let home = Home::new();
    home.run(START, &["start", "Plan"]);
    let out = home.run(START, &["step", "list"]);
    assert!(out.contains("has no steps yet"), "{out}");
    for (n, text) in ["Draft", "Build", "Test"].iter().enumerate() {
        let out = home.run(START, &["step", "add", text]);
        assert_eq!(out, format!("Added step {}: {text}\n", n + 1));
    }
    let out = home.run(LATER, &["step", "done", "2"]);
    assert_eq!(out, "Done step 2: Build (1/3 steps done)\n");
    let out = home.run(LATER, &["step", "list"]);
    assert_eq!(
        out,
        "1 [ ] Draft\n2 [x] Build\n3 [ ] Test\n1/3 steps done\n"
    );
    let list = common::json(&home.run(LATER, &["step", "list", "--format", "json"]));
    assert_eq!(list["session"], "00001");
    assert_eq!(list["progress"], serde_json::json!({"done": 1, "total": 3}));
    let steps = list["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 3);
    assert_eq!(steps[1]["number"], 2);
    assert_eq!(steps[1]["text"], "Build");
    assert_eq!(steps[1]["done"], true);
    assert_eq!(steps[1]["done_at"], "2025-08-16T08:10:00Z");
    assert_eq!(steps[0]["done"], false);
    assert_eq!(steps[0]["done_at"], serde_json::Value::Null);

    let out = home.run(END, &["step", "undo", "2"]);
    assert_eq!(out, "Reopened step 2: Build (0/3 steps done)\n");
    let session = home.store().session(&sid("00001")).unwrap();
    assert_eq!(session.progress().done, 0);
    assert_eq!(session.steps[1].done_at, None);
    let logged = texts(&home, "00001");
    assert_eq!(
        &logged[1..],
        [
            "Next step: Draft",
            "Next step: Build",
            "Next step: Test",
            "Done: Build",
            "Reopened: Build"
        ]
    );
}

#[test]
fn decide_keeps_the_decision_and_its_rationale() {
    let home = Home::new();
    home.run(START, &["start", "Decisions"]);
    let out = home.run(
        LATER,
        &[
            "decide",
            "JSONL",
            "for",
            "the",
            "timeline",
            "--why",
            "O(1) append",
        ],
    );
    assert_eq!(
        out,
        "Decided in session 00001: JSONL for the timeline\n  why: O(1) append\n"
    );
    let out = home.run(END, &["decide", "No database"]);
    assert_eq!(out, "Decided in session 00001: No database\n");
    let decisions = home.store().session(&sid("00001")).unwrap().decisions;
    assert_eq!(decisions.len(), 2);
    assert_eq!(decisions[0].text, "JSONL for the timeline");
    assert_eq!(decisions[0].why.as_deref(), Some("O(1) append"));
    assert_eq!(decisions[0].at, utc(LATER));
    assert_eq!(decisions[1].why, None);
    let logged = interactions(&home, "00001");
    assert_eq!(logged[1].kind, Kind::Decision);
    assert_eq!(logged[1].text, "Decided: JSONL for the timeline");
}

#[test]
fn freeze_saves_a_snapshot_that_resume_measures_from() {
    let home = Home::new();
    home.night_before(); // froze at 23:30 with three open steps and one interaction + steps
    let session = home.store().session(&sid("00004")).unwrap();
    assert_eq!(session.snapshots.len(), 1);
    let snapshot = &session.snapshots[0];
    assert_eq!(snapshot.at, utc("2025-08-15T23:30:00Z"));
    assert_eq!(snapshot.interactions, 4);
    assert_eq!(snapshot.next_steps.len(), 3);
    assert_eq!(
        texts(&home, "00004").len(),
        6,
        "a freeze logs no interaction"
    );

    home.morning_after();
    let out = home.run(END, &["freeze"]);
    assert_eq!(
        out,
        "Froze the context of session 00004 at 08:12: 1/3 steps done, 2 open steps, 1 decisions, 9 interactions\n"
    );
    let session = home.store().session(&sid("00004")).unwrap();
    assert_eq!(session.snapshots.len(), 2);
    assert_eq!(session.snapshots[1].key_decisions.len(), 1);
}

#[test]
fn complete_ends_the_mission_and_the_session_takes_no_more_work() {
    let home = Home::new();
    home.run(START, &["start", "Ship", "it"]);
    home.run(START, &["step", "add", "one"]);
    home.run(START, &["step", "add", "two"]);
    home.run(LATER, &["step", "done", "1"]);
    let out = home.run(END, &["complete"]);
    assert_eq!(
        out,
        "Completed session 00001 · Ship it (1/2 steps done)\nLeft open (1):\n  [ ] two\n`tether report --session 00001` shows how it went; `tether reopen 00001` takes it back\n`tether start TITLE` begins the next mission\n"
    );
    let store = home.store();
    let session = store.session(&sid("00001")).unwrap();
    assert_eq!(session.mission.status, MissionStatus::Complete);
    assert_eq!(session.ended, Some(utc(END)));
    assert_eq!(store.state().unwrap().active, None);
    assert_eq!(
        texts(&home, "00001").last().unwrap(),
        "Mission complete: Ship it"
    );
    let err = home.refuse(END, &["log", "more"]);
    assert!(err.contains("no active mission"), "{err}");
    let err = home.refuse(END, &["switch", "00001"]);
    assert!(err.contains("session 00001 has ended (complete)"), "{err}");
    let report = home.run(END, &["report", "--session", "00001"]);
    assert!(
        report.starts_with("Session 00001 · Ship it (complete)"),
        "{report}"
    );
}

#[test]
fn complete_abandon_ends_the_mission_as_abandoned() {
    let home = Home::new();
    home.run(START, &["start", "Doomed"]);
    let out = home.run(END, &["complete", "--abandon"]);
    assert!(
        out.starts_with("Abandoned session 00001 · Doomed (no steps planned)\n"),
        "{out}"
    );
    let session = home.store().session(&sid("00001")).unwrap();
    assert_eq!(session.mission.status, MissionStatus::Abandoned);
    assert_eq!(
        texts(&home, "00001").last().unwrap(),
        "Mission abandoned: Doomed"
    );
    assert_eq!(home.store().state().unwrap().active, None);
}

#[test]
fn switch_resumes_a_paused_session_and_pauses_the_active_one() {
    let home = Home::new();
    home.run(START, &["start", "Alpha"]);
    home.run(START, &["start", "Beta"]);
    let out = home.run(LATER, &["switch", "1"]);
    assert!(
        out.starts_with(
            "Switched to session 00001 · Alpha\nPaused session 00002\n\nSession 00001 resuming after 9h 10m\n"
        ),
        "the switch shows the briefing of the session come back to:\n{out}"
    );
    let store = home.store();
    assert_eq!(store.active().unwrap(), sid("00001"));
    let status = |id| store.session(&sid(id)).unwrap().mission.status;
    assert_eq!(status("00001"), MissionStatus::Active);
    assert_eq!(status("00002"), MissionStatus::Paused);
    let resumed = interactions(&home, "00001").pop().unwrap();
    assert_eq!(resumed.kind, Kind::Resume);
    assert_eq!(resumed.text, "Resumed mission: Alpha");
    assert_eq!(resumed.at, utc(LATER));
    // Logging now goes to the session switched to.
    home.run(END, &["log", "back on alpha"]);
    assert_eq!(texts(&home, "00001").last().unwrap(), "back on alpha");
    assert_eq!(texts(&home, "00002").len(), 1);
    // Switching to the active session changes nothing.
    let before = home.files();
    let out = home.run(END, &["switch", "00001"]);
    assert!(
        out.starts_with("Session 00001 · Alpha is already the active one\n\nSession 00001 resuming after 9h 12m\n"),
        "{out}"
    );
    assert_eq!(home.files(), before);
}
