//! `tether hook install|uninstall`, on real temporary git repositories.
//!
//! git runs with no global or system config (`GIT_CONFIG_GLOBAL=/dev/null`,
//! `GIT_CONFIG_NOSYSTEM=1`) and `HOME` in a temp dir, so nothing outside the test is read
//! or touched. The commits run without `TETHER_HOME`: the hook must carry the home itself.
//! Every test needs the `git` program: each is reported as ignored when it was not on
//! `PATH` at build time (`build.rs`).

mod common;
mod git_support;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use common::{Home, START, sid, utc};
use git_support::{NOW, Repo};
use tether::hook::{self, CHAINED, Caller, MARKER};
use tether::session::{Interaction, Kind, Source};
use tether::timeline::materialize;

/// Writes an executable script.
fn write_script(path: &Path, text: &str) {
    fs::write(path, text).unwrap();
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn commits_logged(home: &Home, id: &str) -> Vec<Interaction> {
    materialize(home.store().timeline(&sid(id)).unwrap().records)
        .into_iter()
        .filter(|i| i.kind == Kind::Commit)
        .collect()
}

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn a_commit_is_logged_into_the_session_following_the_repository_with_its_hash_and_subject() {
    let repo = Repo::new();
    let home = Home::new();
    home.run(
        START,
        &[
            "start",
            "--workspace",
            &repo.path_str(),
            "Hooked",
            "mission",
        ],
    );
    let out = repo.tether(&home, &["hook", "install"]);
    assert!(out.starts_with("Installed the post-commit hook "), "{out}");

    let hook = repo.hooks().join("post-commit");
    assert_eq!(mode(&hook), 0o755);
    let script = fs::read_to_string(&hook).unwrap();
    assert!(script.lines().any(|l| l == MARKER), "{script}");
    assert!(script.contains(&format!("TETHER_HOME='{}'", home.path_str())));

    let short = repo.commit_ok("Subject line");
    let logged = commits_logged(&home, "00001");
    assert_eq!(logged.len(), 1, "{logged:?}");
    assert_eq!(logged[0].text, format!("{short} Subject line"));
    assert_eq!(logged[0].source, Source::Git);
    assert_eq!(logged[0].at, utc(NOW));

    let second = repo.commit_ok("Second change");
    let texts: Vec<String> = commits_logged(&home, "00001")
        .into_iter()
        .map(|i| i.text)
        .collect();
    assert_eq!(
        texts,
        [
            format!("{short} Subject line"),
            format!("{second} Second change")
        ]
    );
}

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn an_existing_hook_is_chained_runs_first_and_comes_back_intact() {
    let repo = Repo::new();
    let home = Home::new();
    home.run(START, &["start", "--workspace", &repo.path_str(), "Hooked"]);
    let ran = repo.dir.path().join("chained-ran.txt");
    let original = format!(
        "#!/bin/sh\n# the team's hook\necho \"chained ran\" >> '{}'\nexit 3\n",
        ran.display()
    );
    let hook = repo.hooks().join("post-commit");
    fs::create_dir_all(repo.hooks()).unwrap();
    write_script(&hook, &original);

    let out = repo.tether(&home, &["hook", "install", "--repo", &repo.path_str()]);
    assert!(out.contains(CHAINED), "{out}");
    let chained = repo.hooks().join(CHAINED);
    assert_eq!(fs::read_to_string(&chained).unwrap(), original);

    let short = repo.commit_ok("Chained commit");
    assert_eq!(fs::read_to_string(&ran).unwrap(), "chained ran\n");
    let logged = commits_logged(&home, "00001");
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].text, format!("{short} Chained commit"));

    // our script exits with the chained hook's status, not tether's
    let status = Command::new("sh")
        .arg(&hook)
        .current_dir(repo.path())
        .envs(repo.env())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(3));

    let out = repo.tether(&home, &["hook", "uninstall", "--repo", &repo.path_str()]);
    assert!(out.contains("back in its place"), "{out}");
    assert_eq!(fs::read_to_string(&hook).unwrap(), original);
    assert_eq!(mode(&hook), 0o755);
    assert!(!chained.exists());

    // and it still runs on its own afterwards, with nothing more logged
    repo.commit_ok("After uninstall");
    assert_eq!(
        fs::read_to_string(&ran).unwrap(),
        "chained ran\nchained ran\nchained ran\n"
    );
    assert_eq!(commits_logged(&home, "00001").len(), 1);
}

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn a_failing_tether_never_blocks_a_commit() {
    // no active mission
    let repo = Repo::new();
    let home = Home::new();
    repo.tether(&home, &["hook", "install"]);
    let out = repo.commit("No mission yet");
    assert!(out.status.success());
    assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{out:?}");
    assert!(!home.path().join("sessions").exists());

    // a corrupt store
    home.run(START, &["start", "--workspace", &repo.path_str(), "Hooked"]);
    let state = home.session_json("00001");
    fs::write(&state, "{ not json").unwrap();
    let out = repo.commit("Corrupt store");
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(fs::read_to_string(&state).unwrap(), "{ not json");
    assert!(commits_logged(&home, "00001").is_empty());
    assert_eq!(repo.git_ok(&["rev-list", "--count", "HEAD"]).trim(), "2");

    // the script itself exits 0 although tether failed, and says nothing
    let hook = repo.hooks().join("post-commit");
    let out = Command::new("sh")
        .arg(&hook)
        .current_dir(repo.path())
        .envs(repo.env())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{out:?}");
}

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn a_missing_tether_falls_back_to_the_one_on_path_and_never_fails() {
    let repo = Repo::new();
    let caller = Caller {
        exe: repo.dir.path().join("gone").join("tether"),
        home: None,
    };
    hook::install(&repo.path(), &caller).unwrap();

    // no tether anywhere: the commit still succeeds
    let empty_bin = repo.dir.path().join("empty-bin");
    fs::create_dir(&empty_bin).unwrap();
    let system_path = std::env::var_os("PATH").unwrap_or_default();
    let path_without = std::env::join_paths(
        std::iter::once(empty_bin.clone())
            .chain(std::env::split_paths(&system_path).filter(|p| !p.join("tether").exists())),
    )
    .unwrap();
    let commit_with_path = |subject: &str| {
        Command::new("git")
            .current_dir(repo.path())
            .envs(repo.env())
            .env("PATH", &path_without)
            .args([
                "-c",
                "commit.gpgsign=false",
                "commit",
                "-q",
                "--allow-empty",
                "-m",
                subject,
            ])
            .output()
            .unwrap()
    };
    let out = commit_with_path("Nobody listening");
    assert!(out.status.success(), "{out:?}");

    // a `tether` on PATH: the hook calls it with the commit
    let seen = repo.dir.path().join("seen.txt");
    write_script(
        &empty_bin.join("tether"),
        &format!(
            "#!/bin/sh\nprintf '%s|' \"$@\" > '{}'\nexit 9\n",
            seen.display()
        ),
    );
    let out = commit_with_path("Someone listening");
    assert!(out.status.success(), "{out:?}");
    let short = repo.git_ok(&["rev-parse", "--short", "HEAD"]);
    assert_eq!(
        fs::read_to_string(&seen).unwrap(),
        format!(
            "log|--no-wait|--following|{}|--kind|commit|--source|git|--|{} Someone listening|",
            fs::canonicalize(repo.path()).unwrap().display(),
            short.trim()
        )
    );
}

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn installing_twice_changes_nothing() {
    let repo = Repo::new();
    let home = Home::new();
    repo.tether(&home, &["hook", "install"]);
    let hook = repo.hooks().join("post-commit");
    let first = fs::read(&hook).unwrap();
    let out = repo.tether(&home, &["hook", "install"]);
    assert!(out.contains("already installed"), "{out}");
    assert_eq!(fs::read(&hook).unwrap(), first);
    assert!(!repo.hooks().join(CHAINED).exists(), "chained to itself");

    // another home: the hook is rewritten, still not chained to itself
    let other = Home::new();
    let out = repo.tether(&other, &["hook", "install"]);
    assert!(out.starts_with("Updated"), "{out}");
    let script = fs::read_to_string(&hook).unwrap();
    assert!(script.contains(&other.path_str()), "{script}");
    assert!(!repo.hooks().join(CHAINED).exists());

    // uninstalling removes it, twice is fine
    let out = repo.tether(&home, &["hook", "uninstall"]);
    assert!(out.starts_with("Removed"), "{out}");
    assert!(!hook.exists());
    let out = repo.tether(&home, &["hook", "uninstall"]);
    assert!(out.starts_with("No post-commit hook"), "{out}");
}

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn uninstall_leaves_someone_elses_hook_alone() {
    let repo = Repo::new();
    let home = Home::new();
    let hook = repo.hooks().join("post-commit");
    fs::create_dir_all(repo.hooks()).unwrap();
    write_script(&hook, "#!/bin/sh\nexit 0\n");
    let out = repo.tether(&home, &["hook", "uninstall"]);
    assert!(out.contains("not tether's"), "{out}");
    assert_eq!(fs::read_to_string(&hook).unwrap(), "#!/bin/sh\nexit 0\n");
}

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn core_hooks_path_is_respected() {
    let repo = Repo::new();
    let home = Home::new();
    home.run(START, &["start", "--workspace", &repo.path_str(), "Hooked"]);
    repo.git_ok(&["config", "core.hooksPath", "team-hooks"]);
    repo.tether(&home, &["hook", "install"]);
    assert!(repo.path().join("team-hooks").join("post-commit").exists());
    assert!(!repo.hooks().join("post-commit").exists());
    let short = repo.commit_ok("Through hooksPath");
    assert_eq!(
        commits_logged(&home, "00001")[0].text,
        format!("{short} Through hooksPath")
    );
}

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn a_subfolder_of_the_work_tree_finds_the_repositorys_hooks() {
    let repo = Repo::new();
    let home = Home::new();
    let sub = repo.path().join("src").join("deep");
    fs::create_dir_all(&sub).unwrap();
    let out = repo.tether(&home, &["hook", "install", "--repo", sub.to_str().unwrap()]);
    let hook = fs::canonicalize(repo.hooks()).unwrap().join("post-commit");
    assert!(out.contains(&hook.display().to_string()), "{out}");
    assert!(hook.exists());
}

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn a_folder_that_is_not_a_repository_is_a_clear_error() {
    let home = Home::new();
    let plain = tempfile::tempdir().unwrap();
    let error = home.refuse(
        NOW,
        &[
            "hook",
            "install",
            "--repo",
            &plain.path().display().to_string(),
        ],
    );
    assert!(error.contains("is not in a git repository"), "{error}");
    let missing = plain.path().join("nope").display().to_string();
    let error = home.refuse(NOW, &["hook", "uninstall", "--repo", &missing]);
    assert!(error.ends_with("nope: no such folder"), "{error}");
}
