//! git, run sealed for sync: nothing of the person's environment, hooks or settings that
//! could point it at another repository, run tether's own hook, ask for a password or sign.

use std::ffi::OsStr;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::reality::git::{Unfinished, finish};

/// How long a git call that talks to the remote may take.
pub const NETWORK_TIMEOUT: Duration = Duration::from_secs(60);

/// How long a git call on the data folder alone may take.
pub const LOCAL_TIMEOUT: Duration = Duration::from_secs(30);

/// A git call that did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    /// git is not installed.
    #[error("git is not installed: sync needs it (https://git-scm.com)")]
    Missing,
    /// git did not finish in time.
    #[error("git {0} did not finish in {1} s")]
    TimedOut(String, u64),
    /// git failed; its own words.
    #[error("git {0} failed: {1}")]
    Failed(String, String),
}

/// The data folder's own repository.
#[derive(Clone, Debug)]
pub struct Git {
    dir: PathBuf,
    email: String,
}

impl Git {
    /// git on the repository of data folder `dir`, committing as device `device`.
    pub fn new(dir: &Path, device: &str) -> Self {
        let local: String = device
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        Git {
            dir: dir.to_path_buf(),
            email: format!("{local}@tether.invalid"),
        }
    }

    /// The data folder.
    pub fn root(&self) -> &Path {
        &self.dir
    }

    /// Runs a git command on the data folder; its standard output.
    pub fn run(&self, args: &[&str]) -> Result<String, GitError> {
        self.run_for(args, LOCAL_TIMEOUT)
    }

    /// Runs a git command that talks to the remote.
    pub fn remote(&self, args: &[&str]) -> Result<String, GitError> {
        self.run_for(args, NETWORK_TIMEOUT)
    }

    /// Whether a git command succeeds (a question such as `rev-parse --verify`).
    pub fn check(&self, args: &[&str]) -> bool {
        self.run(args).is_ok()
    }

    fn run_for(&self, args: &[&str], timeout: Duration) -> Result<String, GitError> {
        let what = args.first().copied().unwrap_or("").to_string();
        let mut command = self.command(args);
        let child = command.spawn().map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => GitError::Missing,
            _ => GitError::Failed(what.clone(), e.to_string()),
        })?;
        let deadline = Instant::now() + timeout;
        let finished = finish(child, deadline).map_err(|e| match e {
            Unfinished::TimedOut => GitError::TimedOut(what.clone(), timeout.as_secs()),
            Unfinished::Failed(why) => GitError::Failed(what.clone(), why),
        })?;
        let (status, err) = (finished.status, finished.err);
        let out = String::from_utf8_lossy(&finished.out).into_owned();
        if status.success() {
            return Ok(out);
        }
        let said = err
            .lines()
            .map(|l| {
                l.trim_start_matches("fatal: ")
                    .trim_start_matches("error: ")
            })
            .filter(|l| !l.is_empty() && !l.starts_with("hint:"))
            .collect::<Vec<_>>()
            .join("; ");
        Err(GitError::Failed(
            what,
            if said.is_empty() {
                out.trim().to_string()
            } else {
                said
            },
        ))
    }

    /// The sealed command: every `GIT_*` variable of the caller (a git hook's `GIT_DIR`
    /// and `GIT_INDEX_FILE` name the person's project) cleared, no hooks (a global hooks
    /// path may hold tether's own), no signing, no prompts, files private to the user.
    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new("git");
        for (name, _) in std::env::vars_os() {
            if name.to_string_lossy().starts_with("GIT_") {
                command.env_remove(&name);
            }
        }
        command
            .arg("-C")
            .arg(&self.dir)
            .args(["-c", "core.hooksPath=/dev/null"])
            .args(["-c", "commit.gpgsign=false"])
            .args(["-c", "tag.gpgsign=false"])
            .args(["-c", "core.autocrlf=false"])
            .args(["-c", "core.fsmonitor=false"])
            .args(["-c", "user.name=tether"])
            .arg("-c")
            .arg(format!("user.email={}", self.email))
            .args(args.iter().map(OsStr::new))
            .env("GIT_TERMINAL_PROMPT", "0")
            .env(
                "GIT_SSH_COMMAND",
                "ssh -o BatchMode=yes -o ConnectTimeout=15 -o ServerAliveInterval=10",
            )
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("LC_ALL", "C")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        // SAFETY: umask is async-signal-safe and touches nothing but the child's mask.
        unsafe {
            command.pre_exec(|| {
                libc::umask(0o077);
                Ok(())
            });
        }
        command
    }
}
