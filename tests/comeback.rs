//! The ways back, through the command line, at fixed times: a switch after days states the
//! silence and the commits made meanwhile, and keeps stating it; a briefing read before
//! switching changes nothing; a log from a popup after a gap leaves the briefing owed;
//! reopening an ended mission brings it back with its briefing.

mod common;
mod git_support;

use common::{Home, json, sid};
use git_support::Repo;

/// Monday morning: a mission with a repository, left after a log at 10:00.
const MONDAY: &str = "2025-08-11T09:00:00Z";
const LEFT: &str = "2025-08-11T10:00:00Z";
const OTHER: &str = "2025-08-11T11:00:00Z";
/// Wednesday, 1d 19h after the log.
const BACK: &str = "2025-08-13T05:00:00Z";
const LATER: &str = "2025-08-13T05:00:30Z";

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn switching_back_after_days_states_the_silence_and_the_commits_made_meanwhile() {
    let repo = Repo::new();
    repo.commit_ok("Before");
    let home = Home::new();
    home.run(MONDAY, &["start", "--workspace", &repo.path_str(), "Alpha"]);
    home.run(LEFT, &["log", "Stopped in the middle of the parser"]);
    home.run(OTHER, &["start", "Beta"]); // Alpha is paused, and frozen as it is left
    let alpha = home.store().session(&sid("1")).unwrap();
    assert_eq!(alpha.snapshots.len(), 1, "the session left was frozen");
    let two = [repo.commit_ok("Parser fixed"), repo.commit_ok("Tests")];

    let out = home.run(BACK, &["switch", "1"]);
    assert!(
        out.starts_with("Switched to session 00001 · Alpha\nPaused session 00002\n\n"),
        "{out}"
    );
    assert!(out.contains("Session 00001 resuming after 1d 19h"), "{out}");
    assert!(out.contains("2 new commits on "), "{out}");
    for hash in &two {
        assert!(out.contains(hash.as_str()), "{hash} missing:\n{out}");
    }

    // the switch's own marker does not shorten the silence the next briefing states
    let again = home.run(LATER, &["resume"]);
    assert!(again.contains("resuming after 1d 19h"), "{again}");
    assert!(again.contains("2 new commits on "), "{again}");
    assert!(
        !again.contains("Resumed mission"),
        "markers are not work:\n{again}"
    );
    let b = json(&home.run(LATER, &["resume", "--format", "json"]));
    assert_eq!(b["gap"]["left"], LEFT);
    assert_eq!(b["last_interaction"], "2025-08-11T10:00:00Z");
}

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn what_changed_is_measured_from_where_the_person_left_on_their_branch() {
    let repo = Repo::new();
    repo.commit_ok("On main");
    let home = Home::new();
    home.run(
        MONDAY,
        &["start", "--workspace", &repo.path_str(), "Feature"],
    );
    home.run(MONDAY, &["freeze"]); // on main
    repo.git_ok(&["switch", "-q", "-c", "feature"]);
    repo.commit_ok("Work on the feature");
    home.run(LEFT, &["log", "Feature half done"]); // on feature
    let out = home.run(BACK, &["resume"]);
    assert!(!out.contains("Branch switched"), "{out}");
    assert!(out.contains("No new commits on feature"), "{out}");
    let hash = repo.commit_ok("More on the feature");
    let out = home.run(BACK, &["resume"]);
    assert!(out.contains("1 new commit on feature"), "{out}");
    assert!(out.contains(&hash), "{out}");
}

#[test]
fn a_briefing_read_before_switching_changes_not_a_byte() {
    let home = Home::new();
    home.run(MONDAY, &["start", "Alpha"]);
    home.run(LEFT, &["log", "Alpha's last words"]);
    home.run(OTHER, &["start", "Beta"]);
    home.run(OTHER, &["start", "Gamma"]);
    home.run(OTHER, &["complete"]);
    let before = home.files();
    for id in ["1", "2", "3"] {
        let out = home.run(BACK, &["resume", "--session", id]);
        assert!(out.starts_with(&format!("Session 0000{id} ")), "{out}");
        for format in ["md", "json"] {
            home.run(BACK, &["resume", "--session", id, "--format", format]);
        }
    }
    let alpha = home.run(BACK, &["resume", "--session", "1"]);
    assert!(alpha.contains("resuming after 1d 19h"), "{alpha}");
    assert!(alpha.contains("Alpha's last words"), "{alpha}");
    assert_eq!(home.files(), before, "a preview wrote something");
}

#[test]
fn a_log_from_a_popup_after_a_gap_leaves_the_briefing_owed() {
    let home = Home::new();
    home.run(MONDAY, &["start", "Alpha"]);
    home.run(LEFT, &["log", "Before the gap"]);
    let out = home.run(BACK, &["log", "Back, from the popup"]);
    assert!(out.contains("resumed after 1d 19h"), "{out}");
    let b = json(&home.run(LATER, &["resume", "--format", "json"]));
    assert_eq!(b["gap"]["unseen"], true, "{b:#}");
    assert_eq!(b["gap"]["back"], BACK);
    assert_eq!(b["gap"]["seconds"], 43 * 3600);
    // piped, a text briefing is not seen by the person either
    home.run(LATER, &["resume"]);
    let b = json(&home.run(LATER, &["resume", "--format", "json"]));
    assert_eq!(b["gap"]["unseen"], true);
}

#[test]
fn reopening_an_ended_mission_brings_it_back_with_its_briefing() {
    let home = Home::new();
    home.run(MONDAY, &["start", "Alpha"]);
    home.run(MONDAY, &["step", "add", "Still to do"]);
    home.run(LEFT, &["complete"]);
    home.run(OTHER, &["start", "Beta"]);
    let out = home.run(BACK, &["reopen", "1"]);
    assert!(
        out.starts_with(
            "Reopened session 00001 · Alpha (it was complete)\nPaused session 00002\n\n"
        ),
        "{out}"
    );
    assert!(out.contains("Still to do"), "{out}");
    let store = home.store();
    assert_eq!(store.active().unwrap(), sid("1"));
    let alpha = store.session(&sid("1")).unwrap();
    assert_eq!(alpha.mission.status.as_str(), "active");
    assert_eq!(alpha.ended, None);
    home.run(LATER, &["log", "Back at it"]);
    let err = home.refuse(LATER, &["reopen", "1"]);
    assert!(
        err.contains("session 00001 has not ended (active)"),
        "{err}"
    );
    assert!(err.contains("`tether switch 00001`"), "{err}");
}

#[test]
fn completing_with_open_steps_lists_them_and_names_the_mission_to_come_back_to() {
    let home = Home::new();
    home.run(MONDAY, &["start", "Alpha"]);
    home.run(LEFT, &["log", "Alpha paused here"]);
    home.run(OTHER, &["start", "Beta"]);
    home.run(OTHER, &["step", "add", "Loose end"]);
    let out = home.run(BACK, &["complete"]);
    assert!(out.contains("Left open (1):\n  [ ] Loose end\n"), "{out}");
    assert!(out.contains("`tether switch 00001` resumes Alpha"), "{out}");
    assert_eq!(
        home.store().state().unwrap().active,
        None,
        "never switched by itself"
    );
}
