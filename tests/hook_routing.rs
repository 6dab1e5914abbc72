//! One rule finds the session of a place: each commit lands in the session that follows its
//! repository (any worktree of it), none in another's, and nothing is logged where no open
//! session follows. The hook's install and `doctor` say when none does.

mod common;
mod git_support;

use common::{Home, START, sid};
use git_support::{NOW, Repo};
use tether::session::Kind;
use tether::timeline::materialize;

fn commits(home: &Home, id: &str) -> Vec<String> {
    materialize(home.store().timeline(&sid(id)).unwrap().records)
        .into_iter()
        .filter(|i| i.kind == Kind::Commit)
        .map(|i| i.text)
        .collect()
}

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn each_commit_lands_in_the_session_of_its_repository_and_no_other() {
    let (a, b) = (Repo::new(), Repo::new());
    let home = Home::new();
    home.run(START, &["start", "--workspace", &a.path_str(), "Work on A"]);
    home.run(START, &["start", "--workspace", &b.path_str(), "Work on B"]);
    home.run(START, &["start", "Reading, no repository"]); // 00003, active
    for repo in [&a, &b] {
        repo.tether(&home, &["hook", "install"]);
    }
    let on_a = a.commit_ok("On A");
    let on_b = b.commit_ok("On B");
    let again = a.commit_ok("On A again");

    assert_eq!(
        commits(&home, "00001"),
        [format!("{on_a} On A"), format!("{again} On A again")]
    );
    assert_eq!(commits(&home, "00002"), [format!("{on_b} On B")]);
    assert!(
        commits(&home, "00003").is_empty(),
        "the active session got none"
    );
}

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn a_worktree_is_its_repository_and_a_tie_goes_to_the_active_then_the_latest() {
    let a = Repo::new();
    a.commit_ok("First");
    let tree = a.dir.path().join("tree");
    a.git_ok(&["worktree", "add", "-q", &tree.display().to_string()]);
    let home = Home::new();
    home.run(START, &["start", "--workspace", &a.path_str(), "Older"]);
    home.run(
        START,
        &["start", "--workspace", &tree.display().to_string(), "Newer"],
    );
    home.run(START, &["start", "Elsewhere"]);
    a.tether(&home, &["hook", "install"]);

    // neither is active: the one worked on most recently (logged at NOW)
    home.run(NOW, &["log", "--session", "00002", "on the worktree"]);
    let hash = a.commit_ok("Tied");
    assert_eq!(commits(&home, "00002"), [format!("{hash} Tied")]);
    assert!(commits(&home, "00001").is_empty());

    // the active one wins a tie
    home.run(NOW, &["switch", "00001"]);
    let hash = a.commit_ok("Active wins");
    assert_eq!(commits(&home, "00001"), [format!("{hash} Active wins")]);
}

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn no_open_session_following_a_repository_logs_nothing_and_says_so() {
    let a = Repo::new();
    let home = Home::new();
    home.run(START, &["start", "Not here"]);
    let out = home
        .cmd(NOW)
        .envs(a.env())
        .current_dir(a.path())
        .args(["hook", "install"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let warned = String::from_utf8_lossy(&out.stderr);
    assert!(warned.contains("no open session follows"), "{warned}");
    a.commit_ok("Lost in no session");
    assert!(commits(&home, "00001").is_empty());

    let doctor = home.run(NOW, &["doctor"]);
    assert!(
        doctor.contains("no open session follows the hooked repository"),
        "{doctor}"
    );
    home.run(NOW, &["start", "--workspace", &a.path_str(), "Here now"]);
    let doctor = home.run(NOW, &["doctor"]);
    assert!(!doctor.contains("no open session follows"), "{doctor}");
    let hash = a.commit_ok("Found");
    assert_eq!(commits(&home, "00002"), [format!("{hash} Found")]);

    // an ended mission follows nothing
    home.run(NOW, &["complete"]);
    a.commit_ok("After the end");
    assert_eq!(commits(&home, "00002").len(), 1);
}

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn a_session_of_the_repository_comes_before_one_whose_folder_merely_holds_it() {
    let a = Repo::new();
    let sub = a.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let home = Home::new();
    let sub = sub.display().to_string();
    home.run(START, &["start", "--workspace", &sub, "In a folder of A"]);
    let above = a.dir.path().display().to_string();
    home.run(
        START,
        &["start", "--workspace", &above, "The folder above A"],
    ); // active
    a.tether(&home, &["hook", "install"]);
    // the hook runs at the top of the work tree, outside the first session's folder
    let hash = a.commit_ok("From the top of A");
    assert_eq!(
        commits(&home, "00001"),
        [format!("{hash} From the top of A")]
    );
    assert!(commits(&home, "00002").is_empty(), "the active one got it");
}

#[test]
fn of_workspaces_that_hold_a_folder_the_deepest_follows_it() {
    let home = Home::new();
    let outer = tempfile::tempdir().unwrap();
    let inner = outer.path().join("inner");
    let deep = inner.join("deep");
    std::fs::create_dir_all(&deep).unwrap();
    let [outer, inner, deep] = [outer.path(), &inner, &deep].map(|p| p.display().to_string());
    home.run(START, &["start", "--workspace", &inner, "Inner"]);
    home.run(START, &["start", "--workspace", &outer, "Outer"]); // active
    let logged = home.run(NOW, &["log", "--following", &deep, "from deep inside"]);
    assert!(logged.starts_with("Logged to session 00001"), "{logged}");
    let logged = home.run(
        NOW,
        &["log", "--following", &outer, "from the outer folder"],
    );
    assert!(logged.starts_with("Logged to session 00002"), "{logged}");
}
