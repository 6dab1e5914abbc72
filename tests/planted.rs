//! A data folder where someone planted links and special files: a symbolic link, a FIFO in
//! place of each file and folder of the store. tether follows no link inside its data
//! folder: a link to a file outside keeps that file byte for byte, a dangling link creates
//! nothing at its target, a FIFO never hangs a command, and each is an error naming the
//! path and what stands there, which `tether doctor` reports (and `--repair` leaves alone).

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::{FileTypeExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use common::{END, Home, START};

/// Longer than any command takes, short enough that a hang fails the test rather than
/// the whole run.
const PATIENCE: Duration = Duration::from_secs(20);

/// What a planted link says.
const LINK: &str = "is a symbolic link; tether follows none inside its data folder";

/// Every command a person or a hook runs, readers and writers.
const COMMANDS: &[&[&str]] = &[
    &["status"],
    &["status", "--format", "tmux"],
    &["resume"],
    &["report"],
    &["missions"],
    &["stats"],
    &["log", "a line"],
    &["log", "--no-wait", "a line from a hook"],
    &["step", "add", "a step"],
    &["decide", "a decision"],
    &["freeze"],
    &["start", "--session", "2", "Another"],
    &["switch", "1"],
    &["complete"],
    &["doctor"],
    &["doctor", "--repair"],
];

/// Runs `tether ARGS`, which must end within [`PATIENCE`] and never panic.
fn run(home: &Home, args: &[&str]) -> Output {
    let out = home
        .cmd(END)
        .args(args)
        .timeout(PATIENCE)
        .output()
        .expect("tether runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.code().is_some(),
        "tether {args:?} did not end within {PATIENCE:?}: it hung ({stderr})"
    );
    assert_ne!(out.status.code(), Some(101), "a panic: {stderr}");
    out
}

/// Runs every command; returns all they printed, stdout and stderr.
fn run_all(home: &Home) -> String {
    let mut said = String::new();
    for args in COMMANDS {
        let out = run(home, args);
        said.push_str(&String::from_utf8_lossy(&out.stdout));
        said.push_str(&String::from_utf8_lossy(&out.stderr));
    }
    said
}

/// A store with session 00001, a step, logs and an incomplete last line, and, when
/// `damaged`, a line that does not read: every file of the store is in use (the next log
/// sets the torn line aside in `timeline.torn`, a repair moves the damaged one to
/// `timeline.rejected`).
fn home_with(damaged: bool) -> Home {
    let home = Home::new();
    home.run(START, &["start", "--session", "1", "Planted"]);
    home.run(START, &["step", "add", "Look around"]);
    home.run(START, &["log", "A line"]);
    let timeline = home.timeline("00001");
    let mut bytes = fs::read(&timeline).unwrap();
    if damaged {
        bytes.extend_from_slice(b"not json\n");
    }
    bytes.extend_from_slice(b"{\"at\":\"2025-08-15T23:");
    fs::write(&timeline, bytes).unwrap();
    fs::create_dir(home.path().join("spool")).unwrap(); // as a busy store's hook leaves it
    home
}

fn home() -> Home {
    home_with(true)
}

/// The store's files and folders, relative to the home, with whether each is a folder.
const STORE_PATHS: &[(&str, bool)] = &[
    ("store.lock", false),
    ("state.json", false),
    ("places.json", false),
    ("hooks.json", false),
    ("agents.json", false),
    ("spool", true),
    ("sessions", true),
    ("sessions/00001", true),
    ("sessions/00001/session.json", false),
    ("sessions/00001/session.jsonl", false),
    ("sessions/00001/timeline.jsonl", false),
    ("sessions/00001/timeline.torn", false),
    ("sessions/00001/timeline.rejected", false),
    ("sessions/00001/summary.cache.json", false),
];

/// Every file under `dir` with its bytes (folders as `None`), not following links.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut all = BTreeMap::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let meta = fs::symlink_metadata(&path).unwrap();
        if meta.is_dir() {
            all.insert(path.clone(), None);
            all.extend(snapshot(&path));
        } else {
            all.insert(path.clone(), Some(fs::read(&path).unwrap()));
        }
    }
    all
}

/// Puts a link at `at` to `target`, moving what was there to `target` first when `target`
/// is to exist (a folder of the store keeps its files, so the link leads somewhere real).
fn plant_link(at: &Path, target: &Path, folder: bool, dangling: bool) {
    if folder {
        if dangling {
            fs::remove_dir_all(at).unwrap();
        } else {
            fs::rename(at, target).unwrap();
        }
    } else {
        let _ = fs::remove_file(at);
        if !dangling {
            fs::write(target, b"a file of someone else's: must stay as it is\n").unwrap();
        }
    }
    symlink(target, at).unwrap();
}

#[test]
fn a_link_at_any_store_path_is_refused_and_what_it_leads_to_is_never_written() {
    for &(name, folder) in STORE_PATHS {
        let home = home();
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("target");
        let at = home.path().join(name);
        plant_link(&at, &target, folder, false);
        let before = snapshot(outside.path());

        let said = run_all(&home);

        assert_eq!(
            snapshot(outside.path()),
            before,
            "{name}: what the link leads to changed"
        );
        assert_eq!(
            fs::read_link(&at).unwrap(),
            target,
            "{name}: the link moved"
        );
        let named = format!("{}: {LINK}", at.display());
        assert!(
            said.contains(&format!("problem: {named}")),
            "{name}: doctor does not report the link: {said}"
        );
    }
}

#[test]
fn a_dangling_link_at_any_store_path_creates_nothing_at_its_target() {
    for &(name, folder) in STORE_PATHS {
        let home = home();
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("target");
        let at = home.path().join(name);
        plant_link(&at, &target, folder, true);

        let said = run_all(&home);

        assert!(
            fs::symlink_metadata(&target).is_err(),
            "{name}: tether created the link's target"
        );
        assert!(snapshot(outside.path()).is_empty(), "{name}");
        assert_eq!(
            fs::read_link(&at).unwrap(),
            target,
            "{name}: the link moved"
        );
        assert!(
            said.contains(&format!("problem: {}: {LINK}", at.display())),
            "{name}: doctor does not report the link: {said}"
        );
    }
}

/// The first command to use each path refuses it with the path and what stands there.
#[test]
fn the_command_that_meets_a_link_says_which_path_and_why() {
    let cases: &[(&str, bool, &[&str])] = &[
        ("store.lock", false, &["log", "x"]),
        ("state.json", false, &["status"]),
        ("places.json", false, &["start", "--session", "2", "x"]),
        ("sessions", true, &["status"]),
        ("sessions/00001", true, &["status"]),
        ("sessions/00001/session.json", false, &["status"]),
        ("sessions/00001/timeline.jsonl", false, &["status"]),
        ("sessions/00001/timeline.torn", false, &["log", "x"]),
    ];
    for &(name, folder, args) in cases {
        let home = home_with(false);
        let outside = tempfile::tempdir().unwrap();
        let at = home.path().join(name);
        plant_link(&at, &outside.path().join("target"), folder, false);
        let out = run(&home, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{name}: {args:?} succeeded");
        assert!(
            stderr.contains(&format!("{} {LINK}", at.display())),
            "{name}: {stderr}"
        );
    }
}

fn mkfifo(path: &Path) {
    let _ = fs::remove_file(path);
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
}

#[test]
fn a_fifo_in_place_of_a_store_file_is_refused_without_hanging() {
    for name in [
        "sessions/00001/timeline.jsonl",
        "sessions/00001/session.json",
        "state.json",
        "store.lock",
    ] {
        let home = home();
        let at = home.path().join(name);
        mkfifo(&at);
        let said = run_all(&home);
        assert!(
            said.contains(&format!("{} is a FIFO", at.display())),
            "{name}: {said}"
        );
        assert!(
            fs::symlink_metadata(&at).unwrap().file_type().is_fifo(),
            "{name}: the FIFO was replaced"
        );
    }
}

#[test]
fn a_data_folder_reached_through_a_link_is_followed_once_and_used() {
    let real = tempfile::tempdir().unwrap();
    let links = tempfile::tempdir().unwrap();
    let home_link = links.path().join("tether");
    symlink(real.path(), &home_link).unwrap();
    let run = |args: &[&str]| {
        let out = assert_cmd::Command::new(common::BIN)
            .current_dir(real.path())
            .env("TETHER_HOME", &home_link)
            .env("TETHER_NOW", END)
            .args(args)
            .timeout(PATIENCE)
            .output()
            .unwrap();
        common::assert_ok(&out);
        String::from_utf8(out.stdout).unwrap()
    };
    run(&["start", "--session", "1", "Through a link"]);
    run(&["log", "Logged through the link"]);
    assert!(real.path().join("sessions/00001/timeline.jsonl").is_file());
    let doctor = run(&["doctor"]);
    let canonical = fs::canonicalize(real.path()).unwrap();
    assert!(
        doctor.starts_with(&format!("Store: {}\n", canonical.display())),
        "{doctor}"
    );
}
