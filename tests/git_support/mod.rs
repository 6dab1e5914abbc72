//! Temporary git repositories for the tests of the git hook and of the places sessions
//! follow: git runs with no global or system config and `HOME` in a temp dir, so nothing
//! outside the test is read or touched.
#![allow(dead_code)] // each test binary uses a different part

use std::ffi::OsString;
use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

use tempfile::TempDir;

use crate::common::Home;

/// When the commits happen.
pub const NOW: &str = "2025-08-16T08:08:02Z";

/// The environment variables of the caller's git that would leak into the test's.
const GIT_LEAKS: [&str; 6] = [
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_CEILING_DIRECTORIES",
    "TETHER_HOME",
];

/// A temporary git repository with its own empty `HOME`.
pub struct Repo {
    /// The temporary folder holding the work tree and the home.
    pub dir: TempDir,
}

impl Repo {
    /// `git init` with a local identity.
    pub fn new() -> Self {
        let repo = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        fs::create_dir(repo.path()).unwrap();
        fs::create_dir(repo.dir.path().join("home")).unwrap();
        repo.git_ok(&["init", "-q"]);
        repo.git_ok(&["config", "user.name", "Test Person"]);
        repo.git_ok(&["config", "user.email", "test@example.com"]);
        repo
    }

    /// The work tree.
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("repo")
    }

    pub fn path_str(&self) -> String {
        self.path().display().to_string()
    }

    /// The environment every command of this test runs with.
    pub fn env(&self) -> Vec<(&'static str, OsString)> {
        vec![
            ("GIT_CONFIG_GLOBAL", "/dev/null".into()),
            ("GIT_CONFIG_NOSYSTEM", "1".into()),
            ("HOME", self.dir.path().join("home").into()),
            ("TETHER_NOW", NOW.into()),
            ("TZ", "UTC".into()),
        ]
    }

    /// `git ARGS` in the repository.
    pub fn git(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new("git");
        cmd.current_dir(self.path()).args(args).envs(self.env());
        for name in GIT_LEAKS {
            cmd.env_remove(name);
        }
        cmd.output().expect("git runs")
    }

    pub fn git_ok(&self, args: &[&str]) -> String {
        let out = self.git(args);
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Changes a file and commits it with `subject`; returns git's output.
    pub fn commit(&self, subject: &str) -> Output {
        let file = self.path().join("notes.txt");
        let mut text = fs::read_to_string(&file).unwrap_or_default();
        text.push_str(subject);
        text.push('\n');
        fs::write(&file, text).unwrap();
        self.git_ok(&["add", "notes.txt"]);
        self.git(&["-c", "commit.gpgsign=false", "commit", "-q", "-m", subject])
    }

    /// Commits and expects success; returns the short hash.
    pub fn commit_ok(&self, subject: &str) -> String {
        let out = self.commit(subject);
        assert!(
            out.status.success(),
            "the commit failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        self.git_ok(&["rev-parse", "--short", "HEAD"])
            .trim()
            .to_string()
    }

    /// The hooks folder.
    pub fn hooks(&self) -> PathBuf {
        self.path().join(".git").join("hooks")
    }

    /// Runs `tether hook ...` for this repository in `home`; returns stdout.
    pub fn tether(&self, home: &Home, args: &[&str]) -> String {
        let out = home
            .cmd(NOW)
            .envs(self.env())
            .current_dir(self.path())
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "tether {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}
