//! Running the `git` program with a bound on the time it may take.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The longest one git command may run before it is stopped.
pub const GIT_TIMEOUT: Duration = Duration::from_secs(2);

/// Why git gave no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitError {
    /// The `git` program is not installed.
    Missing,
    /// The folder is not inside a repository.
    NotRepository,
    /// git ran longer than allowed and was stopped.
    TimedOut,
    /// git failed; its first line of complaint.
    Failed(String),
}

impl GitError {
    /// A short note for a briefing.
    pub fn note(&self, dir: &Path) -> String {
        match self {
            GitError::Missing => "git is not installed, so the workspace is not tracked".into(),
            GitError::NotRepository => format!("{} is not a git repository", dir.display()),
            GitError::TimedOut => {
                "git took too long on this repository; what is shown is partial".into()
            }
            GitError::Failed(why) => format!("git could not read the workspace: {why}"),
        }
    }
}

/// Runs `git -C dir args...`, returning its stdout, until `deadline` at the latest (and
/// [`GIT_TIMEOUT`] at most).
pub fn run_until(dir: &Path, args: &[&str], deadline: Instant) -> Result<Vec<u8>, GitError> {
    let deadline = deadline.min(Instant::now() + GIT_TIMEOUT);
    if Instant::now() >= deadline {
        return Err(GitError::TimedOut);
    }
    let child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => GitError::Missing,
            _ => GitError::Failed(e.to_string()),
        })?;
    let Finished { status, out, err } = finish(child, deadline).map_err(|e| match e {
        Unfinished::TimedOut => GitError::TimedOut,
        Unfinished::Failed(why) => GitError::Failed(why),
    })?;
    if status.success() {
        return Ok(out);
    }
    if err.contains("not a git repository") {
        return Err(GitError::NotRepository);
    }
    let first = err
        .lines()
        .next()
        .unwrap_or("failed")
        .trim_start_matches("fatal: ");
    Err(GitError::Failed(first.to_string()))
}

/// What a child process with piped output said, once it exited.
pub struct Finished {
    /// How it exited.
    pub status: std::process::ExitStatus,
    /// Its standard output.
    pub out: Vec<u8>,
    /// Its standard error.
    pub err: String,
}

/// Why a child process gave no answer.
#[derive(Debug)]
pub enum Unfinished {
    /// It ran past its deadline and was stopped.
    TimedOut,
    /// Waiting for it failed.
    Failed(String),
}

/// Waits for `child` (stdout and stderr piped) until `deadline`, reading both as it runs
/// so that a full pipe never stalls it; past the deadline it is killed.
pub fn finish(mut child: std::process::Child, deadline: Instant) -> Result<Finished, Unfinished> {
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stdout.read_to_end(&mut out);
        out
    });
    let errors = std::thread::spawn(move || {
        let mut err = String::new();
        let _ = stderr.read_to_string(&mut err);
        err
    });
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Unfinished::TimedOut);
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(2)),
            Err(e) => return Err(Unfinished::Failed(e.to_string())),
        }
    };
    Ok(Finished {
        status,
        out: reader.join().unwrap_or_default(),
        err: errors.join().unwrap_or_default(),
    })
}
