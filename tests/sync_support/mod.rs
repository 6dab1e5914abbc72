//! Shared helpers of the sync tests: a bare repository as the remote, and what a machine
//! shows.
#![allow(dead_code)] // each test binary uses a different part of these helpers

use std::path::Path;
use std::process::Command;

use super::common::Home;

/// A bare repository in a temp folder, as the remote.
pub struct Remote {
    /// The temp folder holding `remote.git`.
    pub dir: tempfile::TempDir,
}

impl Remote {
    /// A new empty bare repository.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let out = Command::new("git")
            .args(["init", "--quiet", "--bare", "--initial-branch", "main"])
            .arg(dir.path().join("remote.git"))
            .output()
            .expect("git runs");
        assert!(out.status.success(), "{out:?}");
        Remote { dir }
    }

    /// Where it is, as `sync init` takes it.
    pub fn url(&self) -> String {
        self.dir.path().join("remote.git").display().to_string()
    }
}

/// A machine: a home whose commands run at the given times.
pub fn machine() -> Home {
    Home::new()
}

/// What a machine shows of a session: its report and resume as JSON, ids left as they are.
pub fn shown(home: &Home, now: &str, id: &str) -> (String, String) {
    let report = home.run(now, &["report", "--session", id, "--format", "json"]);
    let resume = home.run(now, &["resume", "--session", id, "--format", "json"]);
    (report, resume)
}

/// Every line of every log under a home's sessions, sorted: each record exactly once.
pub fn records(home: &Home) -> Vec<String> {
    let mut lines = Vec::new();
    collect(&home.path().join("sessions"), &mut lines);
    lines.sort();
    lines
}

fn collect(dir: &Path, lines: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, lines);
        } else if path.extension().is_some_and(|e| e == "jsonl") {
            let text = std::fs::read_to_string(&path).unwrap();
            lines.extend(text.lines().skip(1).map(str::to_owned));
        }
    }
}

/// Asserts that no record appears twice.
pub fn assert_each_once(home: &Home) {
    let lines = records(home);
    let mut unique = lines.clone();
    unique.dedup();
    assert_eq!(lines.len(), unique.len(), "a record appears twice");
}
