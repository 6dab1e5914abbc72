//! The temporary world the screenshots are taken in: a tether home, a git repository the
//! mission follows, and the one environment every program there runs with.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

/// Variables of the caller's environment that would change what tether or git do.
pub const UNSET: &[&str] = &[
    "NO_COLOR",
    "COLUMNS",
    "LINES",
    "RUST_BACKTRACE",
    "RUST_LIB_BACKTRACE",
    "TETHER_FAILPOINT",
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
];

/// Who made a commit.
#[derive(Clone, Copy, Debug)]
pub struct Author {
    /// The name git records.
    pub name: &'static str,
    /// The e-mail address git records.
    pub email: &'static str,
}

/// A temporary folder holding the tether home and the repository, removed when dropped.
pub struct World {
    dir: TempDir,
    bin: PathBuf,
}

impl World {
    /// An empty world that runs the `tether` program at `bin`; checks that it and `git`
    /// are there.
    pub fn new(bin: &Path) -> Result<World, String> {
        let bin = fs::canonicalize(bin).map_err(|e| {
            format!(
                "no tether program at {} ({e}): build it (cargo build --release) or pass --bin",
                bin.display()
            )
        })?;
        let dir = tempfile::tempdir().map_err(|e| format!("cannot make a temp folder: {e}"))?;
        let world = World { dir, bin };
        fs::create_dir(world.repo()).map_err(|e| format!("cannot make the repository: {e}"))?;
        world
            .program("git", "2025-01-01T00:00:00Z")
            .arg("--version")
            .output()
            .map_err(|e| format!("git is needed for the mission's repository: {e}"))?;
        Ok(world)
    }

    /// The tether home (`TETHER_HOME`).
    pub fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    /// The repository the mission follows, where every command runs.
    pub fn repo(&self) -> PathBuf {
        self.dir.path().join("reality-agents")
    }

    /// A folder beside the repository, for a teammate's clone.
    pub fn beside(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The `tether` program.
    pub fn bin(&self) -> &Path {
        &self.bin
    }

    /// The environment every program runs with at `now` (with [`UNSET`] removed): the
    /// home, a stopped clock, UTC, and git without the caller's own configuration.
    pub fn env(&self, now: &str) -> Vec<(&'static str, OsString)> {
        vec![
            ("TETHER_HOME", self.home().into_os_string()),
            ("TETHER_NOW", now.into()),
            ("TZ", "UTC".into()),
            ("GIT_CONFIG_GLOBAL", "/dev/null".into()),
            ("GIT_CONFIG_NOSYSTEM", "1".into()),
        ]
    }

    /// Runs `tether ARGS` in the repository at `now`; returns its output or says why it failed.
    pub fn tether(&self, now: &str, args: &[&str]) -> Result<String, String> {
        let mut command = self.program(self.bin.as_os_str(), now);
        run(command.args(args), "tether", args)
    }

    /// Runs `git ARGS` in `dir` at `now`, as `author` (for both author and committer).
    pub fn git(&self, dir: &Path, now: &str, author: Author, args: &[&str]) -> Result<(), String> {
        let mut command = self.program("git", now);
        command
            .current_dir(dir)
            .env("GIT_AUTHOR_NAME", author.name)
            .env("GIT_AUTHOR_EMAIL", author.email)
            .env("GIT_AUTHOR_DATE", now)
            .env("GIT_COMMITTER_NAME", author.name)
            .env("GIT_COMMITTER_EMAIL", author.email)
            .env("GIT_COMMITTER_DATE", now);
        run(command.args(args), "git", args).map(drop)
    }

    /// Writes `text` into `file` of the clone in `dir` and commits everything there at
    /// `now`; the post-commit hook, once installed, logs it into the mission.
    pub fn commit(
        &self,
        dir: &Path,
        now: &str,
        author: Author,
        (file, text): (&str, &str),
        subject: &str,
    ) -> Result<(), String> {
        let path = dir.join(file);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        self.git(dir, now, author, &["add", "--all"])?;
        self.git(
            dir,
            now,
            author,
            &["commit", "--quiet", "--message", subject],
        )
    }

    /// `program` in the repository with the world's environment at `now`.
    fn program(&self, program: impl AsRef<std::ffi::OsStr>, now: &str) -> Command {
        let mut command = Command::new(program);
        command.current_dir(self.repo());
        for name in UNSET {
            command.env_remove(name);
        }
        command.envs(self.env(now));
        command
    }
}

fn run(command: &mut Command, name: &str, args: &[&str]) -> Result<String, String> {
    let out = command
        .output()
        .map_err(|e| format!("cannot run {name}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{name} {} failed ({}): {}",
            args.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
