//! The reality tracker on real temporary git repositories: what changed while you were away.
//! The tests that need the `git` program are reported as ignored when it was not on `PATH`
//! at build time (`build.rs`).

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::Home;
use serde_json::Value;

/// Runs git in `repo` with no global or system config, failing the test if git fails.
fn git(repo: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args([
            "-c",
            "user.name=Ada",
            "-c",
            "user.email=ada@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", repo)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A repository with one commit on `main`.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    fs::write(dir.path().join("README.md"), "hello\n").unwrap();
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "First"]);
    dir
}

fn commit(repo: &Path, file: &str, message: &str) {
    fs::write(repo.join(file), message).unwrap();
    git(repo, &["add", file]);
    git(repo, &["commit", "-qm", message]);
}

/// A home whose active session follows `repo`, with a log and a freeze before "the night".
fn session_on(repo: &Path) -> Home {
    let home = Home::new();
    let workspace = repo.display().to_string();
    home.run(
        "2025-08-15T23:00:00Z",
        &["start", "--workspace", &workspace, "Track reality"],
    );
    home.run("2025-08-15T23:50:00Z", &["log", "Last thing before bed"]);
    home.run("2025-08-15T23:51:00Z", &["freeze"]);
    home
}

const MORNING: &str = "2025-08-16T08:10:00Z";

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn commits_and_dirty_files_after_a_freeze_show_up_in_the_briefing() {
    let repo = repo();
    let home = session_on(repo.path());
    commit(repo.path(), "gap.rs", "Add gap detection");
    commit(repo.path(), "hook.rs", "Wire the git hook");
    fs::write(repo.path().join("README.md"), "changed\n").unwrap();
    fs::write(repo.path().join("scratch.txt"), "new\n").unwrap();

    let text = home.run(MORNING, &["resume"]);
    assert!(text.contains("What changed in"), "{text}");
    assert!(text.contains("2 new commits on main:"), "{text}");
    assert!(
        text.contains("Add gap detection") && text.contains("Wire the git hook"),
        "{text}"
    );
    assert!(
        text.contains("Files changed by them (2): hook.rs, gap.rs"),
        "{text}"
    );
    assert!(
        text.contains("Uncommitted changes now (1): README.md"),
        "{text}"
    );
    assert!(text.contains("Untracked now (1): scratch.txt"), "{text}");

    let json: Value =
        serde_json::from_str(&home.run(MORNING, &["resume", "--format", "json"])).unwrap();
    let change = &json["workspace_changes"];
    let subjects: Vec<&str> = change["commits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["subject"].as_str().unwrap())
        .collect();
    assert_eq!(subjects, ["Wire the git hook", "Add gap detection"]);
    assert_eq!(change["dirty_now"], serde_json::json!(["README.md"]));
    assert_eq!(change["branch"], "main");
    assert_eq!(change["branch_switched"], false);

    let md = home.run(MORNING, &["resume", "--format", "md"]);
    assert!(
        md.contains("## What changed in the workspace since"),
        "{md}"
    );
    assert!(md.contains("- 2 new commits on main:"), "{md}");
}

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn nothing_changed_is_said_plainly() {
    let repo = repo();
    let home = session_on(repo.path());
    let text = home.run(MORNING, &["resume"]);
    assert!(text.contains("No new commits on main"), "{text}");
    assert!(text.contains("The working tree is clean"), "{text}");
}

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn every_log_records_the_commit_checked_out_and_a_freeze_the_whole_state() {
    let repo = repo();
    let home = session_on(repo.path());
    let head = git(repo.path(), &["rev-parse", "HEAD"]).trim().to_string();
    let timeline = fs::read_to_string(home.timeline("00001")).unwrap();
    let logged = timeline
        .lines()
        .find(|l| l.contains("Last thing before bed"))
        .unwrap();
    assert!(logged.contains(&format!("\"head\":\"{head}\"")), "{logged}");
    let session: Value =
        serde_json::from_str(&fs::read_to_string(home.session_json("00001")).unwrap()).unwrap();
    let workspace = &session["snapshots"][0]["workspace"];
    assert_eq!(workspace["branch"], "main");
    assert_eq!(workspace["head"], head.as_str());
}

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn a_switched_branch_is_named() {
    let repo = repo();
    let home = session_on(repo.path());
    git(repo.path(), &["checkout", "-qb", "feature/night"]);
    commit(repo.path(), "night.rs", "Night work");
    let text = home.run(MORNING, &["resume"]);
    assert!(
        text.contains("Branch switched: main → feature/night"),
        "{text}"
    );
    assert!(text.contains("1 new commit on feature/night:"), "{text}");
}

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn a_detached_head_is_handled() {
    let repo = repo();
    let home = session_on(repo.path());
    commit(repo.path(), "second.rs", "Second");
    git(repo.path(), &["checkout", "-q", "--detach", "HEAD~1"]);
    let text = home.run(MORNING, &["resume"]);
    assert!(text.contains("detached HEAD"), "{text}");
    let json: Value =
        serde_json::from_str(&home.run(MORNING, &["resume", "--format", "json"])).unwrap();
    assert_eq!(json["workspace_changes"]["branch"], Value::Null);
}

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn a_repository_without_a_commit_yet_is_said_plainly() {
    let fresh = tempfile::tempdir().unwrap();
    git(fresh.path(), &["init", "-q", "-b", "main"]);
    fs::write(fresh.path().join("notes.md"), "draft\n").unwrap();
    let home = session_on(fresh.path());
    let text = home.run(MORNING, &["resume"]);
    assert!(text.contains("No new commits on main"), "{text}");
    assert!(text.contains("notes.md"), "{text}");
    assert!(!text.contains("could not read"), "{text}");
}

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn a_folder_that_is_not_a_repository_is_a_note_not_an_error() {
    let plain = tempfile::tempdir().unwrap();
    let home = session_on(plain.path());
    let text = home.run(MORNING, &["resume"]);
    assert!(text.contains("is not a git repository"), "{text}");
    let session: Value =
        serde_json::from_str(&fs::read_to_string(home.session_json("00001")).unwrap()).unwrap();
    let note = session["snapshots"][0]["workspace"]["note"]
        .as_str()
        .unwrap();
    assert!(note.contains("is not a git repository"), "{note}");
}

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn git_missing_is_a_note_not_an_error() {
    let repo = repo();
    let home = session_on(repo.path());
    let out = home
        .cmd(MORNING)
        .env("PATH", "/nonexistent")
        .arg("resume")
        .output()
        .unwrap();
    common::assert_ok(&out);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("git is not installed"), "{text}");
}

#[test]
fn a_session_without_a_workspace_has_no_workspace_section() {
    let home = Home::new();
    let outside = tempfile::tempdir().unwrap();
    let out = home
        .cmd("2025-08-15T23:00:00Z")
        .current_dir(outside.path())
        .args(["start", "No repo"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = home.run(MORNING, &["resume"]);
    assert!(!text.contains("What changed in"), "{text}");
}
