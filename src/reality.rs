//! The reality tracker: what state the workspace is in, and what changed in it while the
//! person was away. Don't track time, track state changes.

pub mod git;
mod head;
pub mod summary;

use std::path::Path;
use std::time::Instant;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use git::{GIT_TIMEOUT, GitError};
pub use head::{Head, git_dir, read_head, repo_of};

/// The most files or commits one list keeps; past it the state is marked partial.
pub const MAX_LISTED: usize = 200;

/// What the reality tracker knows of a workspace folder at one moment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceState {
    /// When it was captured.
    #[serde(default, deserialize_with = "crate::time_range::deserialize_option")]
    pub captured: Option<DateTime<Utc>>,
    /// The branch checked out, if any (none when detached).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
    /// The commit checked out, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<String>,
    /// Files with uncommitted changes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dirty: Vec<String>,
    /// Files git does not track.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub untracked: Vec<String>,
    /// True when the capture stopped early on a huge repository.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
    /// Why nothing could be captured (not a repository, git missing), if so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The workspace a session started here follows: the current folder, when it is inside a
/// git repository.
pub fn default_workspace() -> Option<std::path::PathBuf> {
    std::env::current_dir()
        .ok()
        .filter(|dir| git_dir(dir).is_some())
}

/// Captures the workspace with `git status` (bounded in time and in length).
pub fn capture(dir: &Path, now: DateTime<Utc>) -> WorkspaceState {
    capture_until(dir, now, Instant::now() + GIT_TIMEOUT)
}

/// Like [`capture`], with git stopped at `deadline`.
pub fn capture_until(dir: &Path, now: DateTime<Utc>, deadline: Instant) -> WorkspaceState {
    let mut state = WorkspaceState {
        captured: Some(now),
        ..WorkspaceState::default()
    };
    let args = [
        "status",
        "--porcelain=v2",
        "--branch",
        "-z",
        "--untracked-files=normal",
    ];
    match git::run_until(dir, &args, deadline) {
        Ok(out) => parse_status(&out, &mut state),
        Err(GitError::TimedOut) => {
            state.partial = true;
            state.note = Some(GitError::TimedOut.note(dir));
            if let Some(head) = read_head(dir) {
                state.branch = head.branch;
                state.head = head.commit;
            }
        }
        Err(e) => state.note = Some(e.note(dir)),
    }
    state
}

/// Reads `git status --porcelain=v2 --branch -z` output into `state`.
fn parse_status(out: &[u8], state: &mut WorkspaceState) {
    let text = String::from_utf8_lossy(out);
    let mut fields = text.split('\0');
    while let Some(entry) = fields.next() {
        let path = if let Some(oid) = entry.strip_prefix("# branch.oid ") {
            state.head = (oid != "(initial)").then(|| oid.to_string());
            continue;
        } else if let Some(name) = entry.strip_prefix("# branch.head ") {
            state.branch = (name != "(detached)").then(|| name.to_string());
            continue;
        } else if let Some(rest) = entry.strip_prefix("1 ") {
            rest.splitn(8, ' ').nth(7)
        } else if let Some(rest) = entry.strip_prefix("2 ") {
            fields.next();
            rest.splitn(9, ' ').nth(8)
        } else if let Some(rest) = entry.strip_prefix("u ") {
            rest.splitn(10, ' ').nth(9)
        } else if let Some(path) = entry.strip_prefix("? ") {
            push_bounded(&mut state.untracked, path, &mut state.partial);
            continue;
        } else {
            None
        };
        if let Some(path) = path {
            push_bounded(&mut state.dirty, path, &mut state.partial);
        }
    }
}

fn push_bounded(list: &mut Vec<String>, item: &str, partial: &mut bool) {
    if list.len() < MAX_LISTED {
        list.push(item.to_string());
    } else {
        *partial = true;
    }
}

/// A commit that landed while the person was away.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Commit {
    /// The short hash.
    pub hash: String,
    /// The first line of its message.
    pub subject: String,
    /// When it was authored.
    pub time: Option<DateTime<Utc>>,
    /// Who authored it.
    pub author: String,
}

/// The point the person left at: the last interaction and what the workspace was then.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LeftAt {
    /// When.
    pub at: Option<DateTime<Utc>>,
    /// The commit checked out then, if known.
    pub head: Option<String>,
    /// The branch checked out then, if known.
    pub branch: Option<String>,
    /// The files with uncommitted changes then, if a snapshot says.
    pub dirty: Option<Vec<String>>,
}

/// What changed in the workspace since the person left.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct WorkspaceChange {
    /// The workspace folder.
    pub workspace: String,
    /// The branch before, when it changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub branch_before: Option<String>,
    /// The branch now.
    pub branch: Option<String>,
    /// The commit checked out now, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head: Option<String>,
    /// Whether the branch was switched.
    pub branch_switched: bool,
    /// Commits since, newest first.
    pub commits: Vec<Commit>,
    /// Files changed by those commits.
    pub files_changed: Vec<String>,
    /// Files with uncommitted changes now.
    pub dirty_now: Vec<String>,
    /// Of those, how many were already uncommitted when the person left, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dirty_before: Option<usize>,
    /// Untracked files now.
    pub untracked_now: Vec<String>,
    /// True when a list was cut short or git was stopped.
    pub partial: bool,
    /// Why something could not be known, if so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Works out what changed in `dir` since `left`.
pub fn changes_since(dir: &Path, left: &LeftAt, now: DateTime<Utc>) -> WorkspaceChange {
    changes_until(dir, left, now, Instant::now() + 3 * GIT_TIMEOUT)
}

/// Like [`changes_since`], with every git call stopped at `deadline`: what it could not
/// learn in time is marked partial, with a note.
pub fn changes_until(
    dir: &Path,
    left: &LeftAt,
    now: DateTime<Utc>,
    deadline: Instant,
) -> WorkspaceChange {
    let state = capture_until(dir, now, deadline);
    let dirty_before = left.dirty.as_ref().map(|then| {
        let then: std::collections::HashSet<&String> = then.iter().collect();
        state.dirty.iter().filter(|f| then.contains(f)).count()
    });
    let mut change = WorkspaceChange {
        workspace: dir.display().to_string(),
        dirty_before,
        branch: state.branch.clone(),
        head: state.head.clone(),
        dirty_now: state.dirty,
        untracked_now: state.untracked,
        partial: state.partial,
        note: state.note.clone(),
        ..WorkspaceChange::default()
    };
    // no commit to count from or to (not a repository, or one with no commit yet)
    if state.head.is_none() && !state.partial {
        return change;
    }
    if let Some(before) = &left.branch {
        change.branch_switched = state.branch.as_ref() != Some(before);
        if change.branch_switched {
            change.branch_before = Some(before.clone());
        }
    }
    let known_base = left.head.as_deref().filter(|sha| {
        let args = ["cat-file", "-e", &format!("{sha}^{{commit}}")];
        git::run_until(dir, &args, deadline).is_ok()
    });
    let (range, since): (Vec<String>, Option<String>) = match (known_base, left.at) {
        (Some(base), _) if Some(base) == state.head.as_deref() => return change,
        (Some(base), _) => (vec![format!("{base}..HEAD")], None),
        (None, Some(at)) => (
            vec!["HEAD".into()],
            Some(format!("--since={}", at.to_rfc3339())),
        ),
        (None, None) => return change,
    };
    let mut log = vec![
        "-c",
        "core.quotePath=false",
        "log",
        "--no-merges",
        "--format=%x1e%h%x1f%s%x1f%aI%x1f%an",
        "--name-only",
    ];
    let max = format!("--max-count={MAX_LISTED}");
    log.push(&max);
    if let Some(since) = &since {
        log.push(since);
    }
    log.extend(range.iter().map(String::as_str));
    match git::run_until(dir, &log, deadline) {
        Ok(out) => parse_log(&out, &mut change),
        Err(e) => {
            change.partial |= e == GitError::TimedOut;
            change.note = Some(e.note(dir));
        }
    }
    change
}

/// Reads `git log --name-only` whose records start with `\x1e` and split fields by `\x1f`.
fn parse_log(out: &[u8], change: &mut WorkspaceChange) {
    let text = String::from_utf8_lossy(out);
    for record in text.split('\x1e').filter(|r| !r.trim().is_empty()) {
        let mut lines = record.lines();
        let header: Vec<&str> = lines.next().unwrap_or_default().split('\x1f').collect();
        if let [hash, subject, time, author] = header[..] {
            change.commits.push(Commit {
                hash: hash.to_string(),
                subject: subject.to_string(),
                time: DateTime::parse_from_rfc3339(time)
                    .ok()
                    .map(|t| t.with_timezone(&Utc))
                    .filter(|t| crate::time_range::contains(*t)),
                author: author.to_string(),
            });
        }
        for file in lines.filter(|l| !l.is_empty()) {
            if !change.files_changed.iter().any(|f| f == file) {
                push_bounded(&mut change.files_changed, file, &mut change.partial);
            }
        }
    }
    if change.commits.len() >= MAX_LISTED {
        change.partial = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_output_gives_branch_head_dirty_and_untracked() {
        let out = "# branch.oid 0123456789abcdef0123456789abcdef01234567\0# branch.head main\0\
                   1 .M N... 100644 100644 100644 aaaa bbbb src/with space.rs\0\
                   2 R. N... 100644 100644 100644 aaaa bbbb R100 new.rs\0old.rs\0\
                   ? notes.txt\0";
        let mut state = WorkspaceState::default();
        parse_status(out.as_bytes(), &mut state);
        assert_eq!(state.branch.as_deref(), Some("main"));
        assert_eq!(
            state.head.as_deref(),
            Some("0123456789abcdef0123456789abcdef01234567")
        );
        assert_eq!(state.dirty, ["src/with space.rs", "new.rs"]);
        assert_eq!(state.untracked, ["notes.txt"]);
        assert!(!state.partial);
    }

    #[test]
    fn a_detached_head_and_a_repository_without_commits() {
        let mut state = WorkspaceState::default();
        parse_status(
            b"# branch.oid (initial)\0# branch.head (detached)\0",
            &mut state,
        );
        assert_eq!((state.branch, state.head), (None, None));
    }

    #[test]
    fn log_output_gives_commits_and_the_files_they_changed() {
        let out = "\x1ea1b2c3d\x1fAdd gap detection\x1f2025-08-16T08:30:00+00:00\x1fAda\n\nsrc/timeline.rs\nsrc/lib.rs\n\
                   \x1eb2c3d4e\x1fFix\x1f2025-08-16T08:20:00+00:00\x1fAda\n\nsrc/lib.rs\n";
        let mut change = WorkspaceChange::default();
        parse_log(out.as_bytes(), &mut change);
        let hashes: Vec<_> = change.commits.iter().map(|c| c.hash.as_str()).collect();
        assert_eq!(hashes, ["a1b2c3d", "b2c3d4e"]);
        assert_eq!(change.files_changed, ["src/timeline.rs", "src/lib.rs"]);
    }
}
