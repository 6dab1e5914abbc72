//! What the checks missed, each fixed at its root: repair removes only its own temporary
//! files and never sets the same lines aside twice; the hook refuses a folder where it
//! goes, and removes the hooks folder it made.

mod common;
mod git_support;

use std::fs;

use common::{FAILPOINT, Home, START, assert_fired};
use git_support::Repo;

const LATER: &str = "2025-08-16T09:00:00Z";

#[test]
fn repair_removes_only_temporary_files_of_the_names_tether_writes() {
    let home = Home::new();
    home.run(START, &["start", "Dotfiles around"]);
    let root = home.path();
    let theirs = [".bashrc.backup", ".todo.2024Q1", ".notes.txt.a1b2c3"];
    for name in theirs {
        fs::write(root.join(name), "someone else's").unwrap();
    }
    let ours = [
        root.join(".state.json.a1B2c3"),
        root.join(".sync.json.b2C3d4"),
        root.join(".index.json.c3D4e5"),
        home.session_dir("00001").join(".session.json.Zz09Aa"),
        home.session_dir("00001").join(".summary.cache.json.Yy08Bb"),
    ];
    for path in &ours {
        fs::write(path, "half a replace").unwrap();
    }
    let out = home.run(LATER, &["doctor", "--repair"]);
    for path in &ours {
        assert!(!path.exists(), "{} stayed:\n{out}", path.display());
    }
    for name in theirs {
        assert_eq!(
            fs::read_to_string(root.join(name)).unwrap(),
            "someone else's",
            "{name} was touched:\n{out}"
        );
        assert!(!out.contains(name), "{out}");
    }
}

#[test]
fn a_repair_killed_after_setting_lines_aside_does_not_set_them_aside_twice() {
    let home = Home::new();
    home.run(START, &["start", "Damaged"]);
    let timeline = home.timeline("00001");
    let mut bytes = fs::read(&timeline).unwrap();
    bytes.extend_from_slice(b"not a record\n");
    fs::write(&timeline, &bytes).unwrap();
    // the first replace sets the line aside; the second, the timeline's, dies
    let point = "replace:before-commit@2";
    let out = home
        .cmd(LATER)
        .args(["doctor", "--repair"])
        .env(FAILPOINT, point)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_fired(point, &out.stderr);
    home.run(LATER, &["doctor", "--repair"]);
    let aside = fs::read_to_string(timeline.with_extension("rejected")).unwrap();
    assert_eq!(aside, "not a record\n", "set aside once");
    assert!(home.run(LATER, &["doctor"]).contains("No problems found"));
}

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn a_folder_where_the_hook_goes_is_refused_and_a_hooks_folder_made_is_removed() {
    let repo = Repo::new();
    let home = Home::new();
    fs::create_dir_all(repo.hooks().join("post-commit")).unwrap();
    let out = home
        .cmd(git_support::NOW)
        .envs(repo.env())
        .current_dir(repo.path())
        .args(["hook", "install"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("is not a file"), "{said}");
    assert!(repo.hooks().join("post-commit").is_dir(), "left as it was");

    let other = Repo::new();
    other.git_ok(&["config", "core.hooksPath", "team-hooks"]);
    let hooks = other.path().join("team-hooks");
    assert!(!hooks.exists());
    other.tether(&home, &["hook", "install"]);
    assert!(hooks.join("post-commit").exists());
    other.tether(&home, &["hook", "uninstall"]);
    assert!(!hooks.exists(), "the folder install made is gone");
}
