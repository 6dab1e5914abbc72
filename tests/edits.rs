//! The edits people expect, from the command line at fixed times: renaming and describing
//! a mission, changing the folder a session follows, correcting an interaction (words,
//! time, kind), deleting one and bringing it back, and editing or removing a step. Each is
//! seen where people look; each bad input is refused with one line, writing nothing.

mod common;

use common::{END, Home, LATER, json};

/// The night of the seed and the morning after, in session 00004.
fn home() -> Home {
    let home = Home::new();
    home.night_before();
    home.morning_after();
    home
}

/// The id of the interaction whose text is `text`, as `report --ids` lists it.
fn id_of(home: &Home, text: &str) -> String {
    let listed = home.run(END, &["report", "--format", "text", "--ids"]);
    let line = listed
        .lines()
        .find(|l| l.ends_with(&format!("] {text}")))
        .unwrap_or_else(|| panic!("{text} not listed:\n{listed}"));
    line.split_whitespace().next().unwrap().to_string()
}

/// The timeline as `report --format log` prints it.
fn log(home: &Home) -> String {
    home.run(END, &["report", "--format", "log"])
}

#[test]
fn a_rename_shows_wherever_the_mission_is_named_and_is_a_record_of_the_session_log() {
    let home = home();
    let said = home.run(END, &["rename", "Gift", "for", "Session", "00004"]);
    assert_eq!(
        said,
        "Renamed session 00004 · Gift for Session 00004 (it was Implement Reality Agents)\n"
    );
    let title = "Gift for Session 00004";
    // the timeline keeps its history ("Mission started: Implement Reality Agents")
    for args in [
        &["status"][..],
        &["missions"],
        &["resume", "--format", "md"],
        &["report"],
        &["report", "--format", "md"],
    ] {
        let out = home.run(END, args);
        assert!(out.contains(title), "tether {args:?}:\n{out}");
    }
    let status = home.run(END, &["status"]);
    assert!(
        status.starts_with("Session 00004 · Gift for Session 00004 (active)\n"),
        "{status}"
    );
    let report = json(&home.run(END, &["report", "--format", "json"]));
    assert_eq!(report["mission"], title);
    let log = home.session_dir("00004").join("session.jsonl");
    let log = std::fs::read_to_string(log).unwrap();
    let edit = json(log.lines().last().unwrap());
    assert_eq!(edit["title"], title);
    assert_eq!(edit["at"], END);
    let data = tether::tui::data::load(&home.store(), chrono::TimeDelta::hours(2));
    let header = data.unwrap().unwrap().session.mission.title;
    assert_eq!(header, title, "what the dashboard's header shows");
}

#[test]
fn the_session_log_is_the_truth_when_session_json_is_stale() {
    let home = home();
    let path = home.session_json("00004");
    let before = std::fs::read(&path).unwrap();
    home.run(
        END,
        &["rename", "--description", "The seed's night", "Gift"],
    );
    // a crash after the log's append, before its cache was replaced, leaves this
    std::fs::write(&path, before).unwrap();
    let loaded = home.store().load_session(&common::sid("4")).unwrap();
    assert_eq!(loaded.session.mission.title, "Gift");
    assert_eq!(
        loaded.session.mission.description.as_deref(),
        Some("The seed's night")
    );
    assert!(
        home.run(END, &["report"])
            .contains("Session 00004 · Gift (active)")
    );
}

#[test]
fn a_description_is_set_and_cleared() {
    let home = home();
    let said = home.run(END, &["rename", "--description", "The seed's night"]);
    assert_eq!(said, "Described session 00004: The seed's night\n");
    assert!(
        home.run(END, &["resume"])
            .contains("\n  The seed's night\n")
    );
    let said = home.run(END, &["rename", "--description", ""]);
    assert_eq!(said, "Cleared the description of session 00004\n");
    assert!(!home.run(END, &["resume"]).contains("seed's night"));
    let same = home.run(END, &["rename", "Implement Reality Agents"]);
    assert_eq!(same, "Nothing to change: session 00004 already reads so\n");
}

#[test]
fn an_ended_mission_can_be_renamed() {
    let home = home();
    home.run(END, &["complete"]);
    let said = home.run(END, &["rename", "--session", "4", "Reality Agents, done"]);
    assert!(
        said.starts_with("Renamed session 00004 · Reality Agents, done"),
        "{said}"
    );
    let missions = home.run(END, &["missions", "--status", "ended"]);
    assert!(missions.contains("Reality Agents, done"), "{missions}");
    assert!(missions.contains("complete"), "still ended: {missions}");
}

#[test]
fn a_new_workspace_reroutes_what_follows_a_folder() {
    let home = home();
    let (old, new) = (home.path().join("old"), home.path().join("new"));
    std::fs::create_dir(&old).unwrap();
    std::fs::create_dir(&new).unwrap();
    let old_arg = old.to_str().unwrap();
    let new_arg = new.to_str().unwrap();
    home.run(END, &["workspace", old_arg]);
    home.run(END, &["log", "--following", old_arg, "Into the old folder"]);
    home.refuse(END, &["log", "--following", new_arg, "Nobody follows it"]);
    let said = home.run(END, &["workspace", "new"]);
    let canonical = std::fs::canonicalize(&new).unwrap();
    assert_eq!(
        said,
        format!("Session 00004 follows {} now\n", canonical.display())
    );
    home.run(END, &["log", "--following", new_arg, "Into the new folder"]);
    home.refuse(END, &["log", "--following", old_arg, "Nobody follows it"]);
    let places = std::fs::read_to_string(home.path().join("places.json")).unwrap();
    assert!(places.contains(canonical.to_str().unwrap()), "{places}");
    let said = home.run(END, &["workspace", "--none"]);
    assert_eq!(
        said,
        format!(
            "Session 00004 follows no folder now (it followed {})\n",
            canonical.display()
        )
    );
    home.refuse(END, &["log", "--following", new_arg, "Nobody follows it"]);
    let log = log(&home);
    assert!(log.contains("Into the old folder") && log.contains("Into the new folder"));
}

#[test]
fn an_edit_moves_an_entry_in_the_report_and_changes_its_kind_and_words() {
    let home = home();
    let id = id_of(&home, "Creating gift for Session 00004");
    let before = log(&home);
    assert!(before.contains("[2025-08-15 23:50:34] Creating gift for Session 00004"));
    let said = home.run(
        END,
        &[
            "edit",
            &id[..12],
            "--at",
            "2025-08-15 23:20",
            "--kind",
            "progress",
        ],
    );
    assert_eq!(
        said,
        "Edited in session 00004:\n  was [2025-08-15 23:50:34] note · Creating gift for Session 00004\n  now [2025-08-15 23:20:00] progress · Creating gift for Session 00004\n"
    );
    let after = log(&home);
    let order = |log: &str, text: &str| log.find(text).unwrap_or_else(|| panic!("{text}: {log}"));
    assert!(
        order(&after, "[2025-08-15 23:20:00] Creating gift")
            < order(&after, "Reviewed the store design"),
        "moved before 23:41:\n{after}"
    );
    assert!(
        after.contains("[SESSION RESUMED after 8h 27m break]"),
        "{after}"
    );
    let said = home.run(END, &["edit", &id.to_lowercase(), "Creating", "a", "gift"]);
    assert!(
        said.ends_with("now [2025-08-15 23:20:00] progress · Creating a gift\n"),
        "{said}"
    );
    let listed = home.run(END, &["report", "--ids"]);
    assert!(listed.contains(&format!(
        "{id}  progress [2025-08-15 23:20:00] Creating a gift"
    )));
}

#[test]
fn a_deleted_entry_leaves_the_report_and_comes_back() {
    let home = home();
    let id = id_of(&home, "Reviewed the store design");
    let said = home.run(END, &["delete", &id]);
    assert_eq!(
        said,
        format!(
            "Deleted from session 00004: [2025-08-15 23:41:00] note · Reviewed the store design\n`tether delete --undo {id}` brings it back\n"
        )
    );
    assert!(!log(&home).contains("Reviewed the store design"));
    let said = home.run(END, &["delete", "--undo", &id]);
    assert_eq!(
        said,
        "Restored in session 00004: [2025-08-15 23:41:00] note · Reviewed the store design\n"
    );
    assert!(log(&home).contains("[2025-08-15 23:41:00] Reviewed the store design"));
}

#[test]
fn steps_are_edited_and_removed_by_number() {
    let home = home();
    let said = home.run(END, &["step", "edit", "2", "Implement", "the", "logger"]);
    assert_eq!(
        said,
        "Edited step 2: Implement the logger (it was: Implement the interaction logger)\n"
    );
    let said = home.run(END, &["step", "rm", "3"]);
    assert_eq!(
        said,
        "Removed step 3: Write the gap tests (1/2 steps done)\n"
    );
    let list = home.run(LATER, &["step", "list"]);
    assert_eq!(
        list,
        "1 [x] Draft the protocol\n2 [ ] Implement the logger\n1/2 steps done\n"
    );
}

#[test]
fn bad_edits_are_refused_with_one_line_and_write_nothing() {
    let home = home();
    let id = id_of(&home, "Reviewed the store design");
    let file = home.path().join("a-file");
    std::fs::write(&file, "not a folder").unwrap();
    let file = file.to_str().unwrap().to_string();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["rename", " "], "the title is empty"),
        (vec!["rename", "--session", "77", "Nobody"], "77"),
        (
            vec!["workspace", "missing-folder"],
            "missing-folder is not a folder",
        ),
        (vec!["workspace", &file], "a-file is not a folder"),
        (vec!["edit", &id, "--at", "09:00"], "in the future"),
        (
            vec!["edit", &id, "--at", "1969-12-31 23:00"],
            "1970-01-01 to 9999-12-31",
        ),
        (vec!["edit", &id, " "], "the text is empty"),
        (
            vec!["edit", "0000000000", "x"],
            "no interaction of session 00004 has an id starting with 0000000000",
        ),
        (vec!["edit", &id[..2], "x"], "give more of it"),
        (vec!["edit", "not-an-id", "x"], "is not an interaction id"),
        (
            vec!["delete", "7ZZZZZZZZZ"],
            "no interaction of session 00004",
        ),
        (vec!["delete", "--undo", &id], "no deleted interaction"),
        (vec!["step", "edit", "9", "x"], "there is no step 9"),
        (vec!["step", "rm", "9"], "there is no step 9"),
        (
            vec!["report", "--ids", "--format", "json"],
            "--ids lists the interactions as text",
        ),
    ];
    for (args, said) in cases {
        let error = home.refuse(END, &args);
        assert!(error.contains(said), "tether {args:?}: {error}");
    }
    // what clap refuses (nothing to change, two targets at once) writes nothing either
    let before = home.files();
    for args in [
        &["edit", id.as_str()][..],
        &["rename"],
        &["workspace"],
        &["workspace", "--none", "somewhere"],
    ] {
        let (ok, stdout, stderr) = home.try_run(END, args);
        assert!(!ok && stdout.is_empty(), "tether {args:?}: {stderr}");
    }
    assert_eq!(home.files(), before);
}
