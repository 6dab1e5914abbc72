//! Sync across machines: two and three homes and a local bare repository, offline work on
//! each, then syncs in every order; after them every machine shows the same state.

mod common;
mod sync_support;

use std::process::Command;

use common::{Home, json};
use sync_support::{Remote, assert_each_once, machine, records, shown};

#[test]
fn two_machines_working_offline_converge_and_the_later_session_takes_a_suffix() {
    let remote = Remote::new();
    let laptop = machine();
    let desktop = machine();
    laptop.run("2025-08-15T09:00:00Z", &["start", "Ship the parser"]);
    laptop.run("2025-08-15T09:05:00Z", &["log", "wrote the lexer"]);
    laptop.run(
        "2025-08-15T09:06:00Z",
        &["step", "add", "write the grammar"],
    );
    let init = laptop.run("2025-08-15T09:10:00Z", &["sync", "init", &remote.url()]);
    assert!(init.contains("A copy of the store as it was"), "{init}");
    assert!(init.contains("Synced with"), "{init}");

    // the desktop joins: it gets the laptop's mission
    desktop.run("2025-08-15T10:00:00Z", &["sync", "init", &remote.url()]);
    desktop.run("2025-08-15T10:01:00Z", &["switch", "1"]);
    desktop.run("2025-08-15T10:02:00Z", &["log", "grammar on the desktop"]);

    // offline, both start a second mission: both take number 2
    laptop.run("2025-08-15T11:00:00Z", &["start", "Laptop mission"]);
    laptop.run("2025-08-15T11:01:00Z", &["log", "on the train"]);
    desktop.run("2025-08-15T11:30:00Z", &["start", "Desktop mission"]);
    desktop.run("2025-08-15T11:31:00Z", &["log", "at the desk"]);
    laptop.run(
        "2025-08-15T11:40:00Z",
        &["log", "--session", "1", "a note for the parser"],
    );

    laptop.run("2025-08-15T12:00:00Z", &["sync"]);
    let told = desktop.run("2025-08-15T12:01:00Z", &["sync"]);
    assert!(
        told.contains("Session 00002 “Desktop mission” is now 00002B"),
        "{told}"
    );
    laptop.run("2025-08-15T12:02:00Z", &["sync"]);
    // told once: the next sync says nothing of it
    let again = desktop.run("2025-08-15T12:03:00Z", &["sync"]);
    assert!(!again.contains("is now"), "{again}");

    for id in ["00001", "00002", "00002B"] {
        assert_eq!(
            shown(&laptop, "2025-08-15T13:00:00Z", id),
            shown(&desktop, "2025-08-15T13:00:00Z", id),
            "session {id}"
        );
    }
    let list = |home: &Home| home.run("2025-08-15T13:00:00Z", &["missions", "--status", "all"]);
    for home in [&laptop, &desktop] {
        let shown = list(home);
        let desktop_row = shown
            .lines()
            .find(|l| l.contains("Desktop mission"))
            .unwrap();
        assert!(desktop_row.contains("00002B"), "{shown}");
        let laptop_row = shown
            .lines()
            .find(|l| l.contains("Laptop mission"))
            .unwrap();
        assert!(laptop_row.contains("00002 "), "{shown}");
    }
    // the desktop's active session followed its new id
    let status = json(&desktop.run("2025-08-15T13:00:00Z", &["status", "--format", "json"]));
    assert_eq!(status["session"], "00002B", "{status}");
    let parser = laptop.run(
        "2025-08-15T13:00:00Z",
        &["report", "--session", "1", "--format", "json"],
    );
    // the start, two logs and a step planned on the laptop, the desktop's switch and log
    assert_eq!(json(&parser)["total_interactions"], 6, "{parser}");
    assert_eq!(records(&laptop), records(&desktop));
    assert_each_once(&laptop);
}

#[test]
fn a_step_done_on_one_machine_and_edited_on_the_other_keeps_both() {
    let remote = Remote::new();
    let a = machine();
    let b = machine();
    a.run("2025-08-15T09:00:00Z", &["start", "Steps"]);
    a.run("2025-08-15T09:01:00Z", &["step", "add", "first draft"]);
    a.run("2025-08-15T09:02:00Z", &["log", "a note to edit"]);
    a.run("2025-08-15T09:03:00Z", &["sync", "init", &remote.url()]);
    b.run("2025-08-15T09:04:00Z", &["sync", "init", &remote.url()]);
    b.run("2025-08-15T09:05:00Z", &["switch", "1"]);

    a.run("2025-08-15T10:00:00Z", &["step", "done", "1"]);
    b.run(
        "2025-08-15T10:01:00Z",
        &["step", "edit", "1", "first draft, reviewed"],
    );
    // both add a step 2 offline: renumbered once, and told
    a.run("2025-08-15T10:02:00Z", &["step", "add", "from a"]);
    b.run("2025-08-15T10:03:00Z", &["step", "add", "from b"]);
    // an edit of a note on one machine, its deletion on the other
    let found = json(&a.run(
        "2025-08-15T10:04:00Z",
        &["search", "a note to edit", "--format", "json"],
    ));
    let note = found[0]["id"].as_str().unwrap().to_string();
    a.run("2025-08-15T10:04:10Z", &["edit", &note, "an edited note"]);
    b.run("2025-08-15T10:04:20Z", &["delete", &note]);
    a.run("2025-08-15T10:05:00Z", &["sync"]);
    let told = b.run("2025-08-15T10:06:00Z", &["sync"]);
    assert!(told.contains("is now step 3"), "{told}");
    a.run("2025-08-15T10:07:00Z", &["sync"]);

    let steps = |home: &Home| {
        home.run(
            "2025-08-15T11:00:00Z",
            &["step", "list", "--format", "json"],
        )
    };
    assert_eq!(steps(&a), steps(&b));
    let listed = json(&steps(&a));
    let listed = listed["steps"].as_array().unwrap();
    let first = &listed[0];
    assert_eq!(first["text"], "first draft, reviewed", "{listed:?}");
    assert_eq!(first["done"], true, "{listed:?}");
    let numbers: Vec<i64> = listed
        .iter()
        .map(|s| s["number"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, [1, 2, 3], "{listed:?}");
    assert_eq!(
        shown(&a, "2025-08-15T11:00:00Z", "1"),
        shown(&b, "2025-08-15T11:00:00Z", "1")
    );
    for home in [&a, &b] {
        let log = home.run("2025-08-15T11:00:00Z", &["report", "--format", "log"]);
        assert!(!log.contains("note"), "the deletion holds on both: {log}");
    }
}

#[test]
fn three_machines_syncing_in_every_order_show_the_same() {
    let remote = Remote::new();
    let homes = [machine(), machine(), machine()];
    homes[0].run("2025-08-15T09:00:00Z", &["start", "Shared"]);
    homes[0].run("2025-08-15T09:00:00Z", &["sync", "init", &remote.url()]);
    for (n, home) in homes.iter().enumerate().skip(1) {
        home.run(
            &format!("2025-08-15T09:0{n}:00Z"),
            &["sync", "init", &remote.url()],
        );
        home.run(&format!("2025-08-15T09:0{n}:30Z"), &["switch", "1"]);
    }
    // interleaved offline work: machine n logs at minute 10*round + n
    for round in 1..=3 {
        for (n, home) in homes.iter().enumerate() {
            let at = format!("2025-08-15T1{round}:0{n}:00Z");
            home.run(&at, &["log", &format!("round {round} on machine {n}")]);
        }
        // syncs in a different order each round
        let order: Vec<usize> = match round {
            1 => vec![0, 1, 2],
            2 => vec![2, 0, 1],
            _ => vec![1, 2, 0],
        };
        for n in order {
            homes[n].run(&format!("2025-08-15T1{round}:30:00Z"), &["sync"]);
        }
    }
    for home in &homes {
        home.run("2025-08-15T14:00:00Z", &["sync"]);
    }
    let first = shown(&homes[0], "2025-08-15T15:00:00Z", "1");
    for home in &homes[1..] {
        assert_eq!(shown(home, "2025-08-15T15:00:00Z", "1"), first);
        assert_eq!(records(home), records(&homes[0]));
    }
    // the timeline interleaves by time, whichever machine wrote what
    let report = json(&first.0);
    // the mission's start, two switches to it and nine logs
    assert_eq!(report["total_interactions"], 12, "{report}");
}

#[test]
fn an_unreachable_remote_is_a_clear_error_and_the_next_sync_completes() {
    let remote = Remote::new();
    let home = machine();
    home.run("2025-08-15T09:00:00Z", &["start", "Offline"]);
    home.run("2025-08-15T09:01:00Z", &["sync", "init", &remote.url()]);
    home.run("2025-08-15T09:02:00Z", &["log", "written offline"]);
    let moved = remote.dir.path().join("elsewhere.git");
    std::fs::rename(remote.dir.path().join("remote.git"), &moved).unwrap();
    let (ok, _, err) = home.try_run("2025-08-15T09:03:00Z", &["sync"]);
    assert!(!ok);
    assert!(err.contains("cannot reach"), "{err}");
    assert!(err.contains("goes with the next sync"), "{err}");
    let status = home.run("2025-08-15T09:04:00Z", &["sync", "status"]);
    assert!(status.contains("The last attempt failed"), "{status}");
    std::fs::rename(&moved, remote.dir.path().join("remote.git")).unwrap();
    home.run("2025-08-15T09:05:00Z", &["sync"]);
    let status = home.run("2025-08-15T09:06:00Z", &["sync", "status"]);
    assert!(status.contains("Ahead: 0 · behind: 0"), "{status}");
    assert!(!status.contains("failed"), "{status}");
}

#[test]
fn git_runs_sealed_from_inside_a_hook_environment() {
    let remote = Remote::new();
    let home = machine();
    home.run("2025-08-15T09:00:00Z", &["start", "Sealed"]);
    // a git hook's environment names the person's project; sync must not follow it
    let project = tempfile::tempdir().unwrap();
    let out = Command::new("git")
        .args(["init", "--quiet"])
        .arg(project.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let git_dir = project.path().join(".git");
    let out = home
        .cmd("2025-08-15T09:01:00Z")
        .env("GIT_DIR", &git_dir)
        .env("GIT_INDEX_FILE", git_dir.join("index"))
        .args(["sync", "init", &remote.url()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let log = Command::new("git")
        .arg("--git-dir")
        .arg(&git_dir)
        .args(["log", "--oneline"])
        .output()
        .unwrap();
    assert!(
        !log.status.success() || log.stdout.is_empty(),
        "the project got a commit"
    );
    assert!(home.path().join(".git").is_dir());
    let ignore = std::fs::read_to_string(home.path().join(".gitignore")).unwrap();
    assert!(ignore.contains("/store.lock") && ignore.contains("/state.json"));
}

#[test]
fn a_folder_that_is_another_repository_is_refused() {
    let remote = Remote::new();
    let home = machine();
    home.run("2025-08-15T09:00:00Z", &["start", "Mine"]);
    let out = Command::new("git")
        .args(["init", "--quiet"])
        .arg(home.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let (ok, _, err) = home.try_run("2025-08-15T09:01:00Z", &["sync", "init", &remote.url()]);
    assert!(!ok);
    assert!(err.contains("already a git repository"), "{err}");
}

#[test]
fn sync_init_without_a_remote_is_refused_and_writes_nothing() {
    let home = machine();
    home.run("2025-08-15T09:00:00Z", &["start", "Mine"]);
    for remote in ["", "--upload-pack=evil"] {
        let err = home.refuse("2025-08-15T09:01:00Z", &["sync", "init", "--", remote]);
        assert!(err.contains("sync init needs a remote"), "{err}");
    }
}
