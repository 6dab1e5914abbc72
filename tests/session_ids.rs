//! Every session id tether writes is one it reads back: the largest number, one canonical
//! form per number, and what `doctor` says of the folders the store cannot read.

mod common;

use std::fs;

use common::{END, Home, START};

#[test]
fn the_largest_number_is_the_last_and_the_store_keeps_working() {
    let home = Home::new();
    home.run(
        START,
        &["start", "--session", "999999999999", "The last number"],
    );
    let err = home.refuse(START, &["start", "One more"]);
    assert!(
        err.contains("session numbers end at 999999999999")
            && err.contains("give an id with --session"),
        "{err}"
    );
    // a free number, or a letter, still starts a session
    home.run(
        START,
        &["start", "--session", "999999999999B", "With a letter"],
    );
    home.run(START, &["start", "--session", "7", "A free number"]);
    assert!(home.session_json("999999999999B").exists());
    // and every command reads the store back
    home.run(END, &["log", "still here"]);
    let missions = home.run(END, &["missions"]);
    assert!(
        missions.contains("999999999999") && missions.contains("00007"),
        "{missions}"
    );
    let doctor = home.run(END, &["doctor"]);
    assert!(doctor.contains("No problems found"), "{doctor}");
}

#[test]
fn a_number_past_the_largest_is_refused_when_it_is_typed() {
    let home = Home::new();
    home.run(START, &["start", "Mission"]);
    let before = home.files();
    for args in [
        &["start", "--session", "1000000000000", "Too far"][..],
        &["log", "--session", "99999999999999999999", "x"],
        &["switch", "1000000000000"],
    ] {
        // refused by the argument parser, which words it on a few lines
        let (ok, stdout, stderr) = home.try_run(END, args);
        assert!(!ok && stdout.is_empty(), "{args:?}");
        assert!(
            stderr.contains("invalid session id '")
                && stderr.contains("session numbers go up to 999999999999"),
            "{args:?}: {stderr}"
        );
    }
    assert_eq!(home.files(), before, "nothing written");
}

#[test]
fn one_number_is_one_session_however_it_is_written() {
    let home = Home::new();
    home.run(START, &["start", "--session", "1", "First"]);
    let err = home.refuse(START, &["start", "--session", "000000000001", "Again"]);
    assert!(err.contains("session 00001 already exists"), "{err}");
    home.run(END, &["log", "--session", "000000000001", "into the first"]);
    let timeline = fs::read_to_string(home.timeline("00001")).unwrap();
    assert!(timeline.contains("into the first"));
    let names: Vec<String> = fs::read_dir(home.path().join("sessions"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["00001"]);
}

/// A folder an older tether wrote as `000000000002` (before ids were canonical).
fn home_with_a_non_canonical_folder() -> Home {
    let home = Home::new();
    home.run(START, &["start", "--session", "1", "First"]);
    home.run(START, &["start", "--session", "2", "Second"]);
    home.run(START, &["switch", "1"]);
    fs::rename(
        home.session_dir("00002"),
        home.path().join("sessions/000000000002"),
    )
    .unwrap();
    home
}

#[test]
fn a_folder_not_in_canonical_form_is_not_read_and_its_number_is_not_reused() {
    let home = home_with_a_non_canonical_folder();
    let missions = home.run(END, &["missions"]);
    assert!(
        missions.contains("00001") && !missions.contains("Second"),
        "{missions}"
    );
    // the number it holds is neither given nor taken
    let err = home.refuse(END, &["start", "--session", "2", "Clash"]);
    assert!(
        err.contains("session 00002 would share its number with the folder sessions/000000000002"),
        "{err}"
    );
    let started = home.run(END, &["start", "Next"]);
    assert!(started.contains("00003"), "{started}");

    let (ok, stdout, stderr) = home.try_run(END, &["doctor"]);
    assert!(!ok);
    assert!(
        stdout.contains("sessions/000000000002: its name is not the canonical form of session 00002, so tether does not read it: rename it to 00002"),
        "{stdout}"
    );
    assert!(stderr.contains("repair cannot fix"), "{stderr}");
    // renamed as doctor says, it is a session again
    fs::rename(
        home.path().join("sessions/000000000002"),
        home.session_dir("00002"),
    )
    .unwrap();
    assert!(home.run(END, &["missions"]).contains("Second"));
    assert!(home.run(END, &["doctor"]).contains("No problems found"));
}

#[test]
fn doctor_names_every_entry_of_sessions_that_is_no_session() {
    let home = Home::new();
    home.run(START, &["start", "Mission"]);
    let sessions = home.path().join("sessions");
    fs::write(sessions.join("00009"), "a file").unwrap();
    fs::create_dir(sessions.join("00010")).unwrap();
    fs::write(sessions.join("00010/notes.txt"), "mine").unwrap();
    fs::create_dir(sessions.join("junk")).unwrap();
    fs::create_dir(sessions.join("1000000000000")).unwrap();
    fs::create_dir(sessions.join("00003b")).unwrap();
    // the empty folder of a start cut short is a leftover repair clears, not a problem
    fs::create_dir(sessions.join("00011")).unwrap();

    let (ok, stdout, _) = home.try_run(END, &["doctor"]);
    assert!(!ok, "{stdout}");
    let problem = |name: &str, what: &str| {
        let line = format!("problem: {}: {what}", sessions.join(name).display());
        assert!(stdout.contains(&line), "no {line:?} in\n{stdout}");
    };
    problem("00009", "a session is a folder, and this is not one");
    problem(
        "00010",
        "a folder with none of session.json, session.jsonl or timeline.jsonl, holding other files",
    );
    problem("junk", "its name is not a session id");
    problem(
        "1000000000000",
        "its number is past the largest a session can have (999999999999)",
    );
    problem(
        "00003b",
        "its name is not the canonical form of session 00003B, so tether does not read it: rename it to 00003B",
    );
    assert_eq!(stdout.matches("problem:").count(), 5, "{stdout}");
    // the numbers they hold are not given to a new session either
    assert!(home.run(END, &["start", "Next"]).contains("00012"));
}

#[test]
fn doctor_finds_and_repairs_a_state_naming_a_session_that_does_not_exist() {
    let home = Home::new();
    home.run(START, &["start", "First"]);
    home.run(START, &["start", "Second"]);
    fs::remove_dir_all(home.session_dir("00002")).unwrap();
    let (ok, stdout, _) = home.try_run(END, &["doctor"]);
    assert!(!ok);
    assert!(
        stdout.contains("state.json: the active session is 00002, which does not exist"),
        "{stdout}"
    );
    let repaired = home.run(END, &["doctor", "--repair"]);
    assert!(
        repaired.contains("session 00002 does not exist; active session now: none"),
        "{repaired}"
    );
    assert!(repaired.contains("The store is healthy now"), "{repaired}");
    assert!(home.run(END, &["doctor"]).contains("No problems found"));
    home.run(END, &["switch", "1"]);
}

#[test]
fn a_store_broken_by_an_id_past_the_largest_is_found_and_repaired() {
    // what `start --session 999999999999` then `start` left before the largest was kept
    let home = Home::new();
    home.run(START, &["start", "--session", "999999999999", "Last"]);
    let big = home.path().join("sessions/1000000000000");
    fs::rename(home.session_dir("999999999999"), &big).unwrap();
    fs::write(
        home.path().join("state.json"),
        r#"{"format":1,"active":"1000000000000"}"#,
    )
    .unwrap();
    let (ok, stdout, _) = home.try_run(END, &["doctor"]);
    assert!(!ok);
    assert!(stdout.contains("state.json:1: "), "{stdout}");
    assert!(
        stdout.contains("1000000000000: its number is past the largest"),
        "{stdout}"
    );
    let (_, repaired, _) = home.try_run(END, &["doctor", "--repair"]);
    assert!(
        repaired.contains("state.json: rebuilt; active session: none"),
        "{repaired}"
    );
    home.run(END, &["start", "Again"]);
}
