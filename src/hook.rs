//! The git post-commit hook that logs each commit into the session that follows the
//! repository (`tether log --following`): nothing is logged when none does.
//!
//! `install` writes a POSIX sh script into the repository's hooks folder (found with
//! `git rev-parse --git-path hooks`, so `core.hooksPath` is respected). A post-commit hook
//! that is already there and is not ours is kept: it moves to
//! `post-commit.tether-chained` and our script runs it first, exiting with its status.
//! Nothing tether does can fail or block a commit: every tether call ends in `|| true`
//! with its output thrown away. `uninstall` removes only what `install` added.

use std::fs;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The line that marks a post-commit hook as tether's.
pub const MARKER: &str =
    "# tether-hook: logs each commit into the tether session that follows this repository";

/// The marker of hooks written by earlier versions (which logged into the active session):
/// still recognised as tether's, so that they are updated and removed.
const OLD_MARKER: &str = "# tether-hook: logs each commit into the active tether session";

/// The hook's file name.
pub const HOOK: &str = "post-commit";

/// Where a post-commit hook that was there before ours is kept, and run from.
pub const CHAINED: &str = "post-commit.tether-chained";

/// Why the hook could not be installed or removed. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum HookError {
    /// The folder does not exist.
    #[error("{}: no such folder", .0.display())]
    NoFolder(PathBuf),
    /// The folder is not in a git repository.
    #[error("{} is not in a git repository ({})", .0.display(), .1)]
    NotARepo(PathBuf, String),
    /// git could not be run.
    #[error("cannot run git (is it installed?): {0}")]
    NoGit(io::Error),
    /// A path that a POSIX sh script cannot carry as text.
    #[error("{} is not UTF-8 text: the hook cannot name it", .0.display())]
    NotText(PathBuf),
    /// Something that is not a file stands where the hook goes.
    #[error(
        "{} is not a file (a folder?): move it aside, then install again",
        .0.display()
    )]
    NotAFile(PathBuf),
    /// Both a foreign hook and a chained one exist: moving would lose one of them.
    #[error(
        "{} is not tether's and {} already exists: move one of them aside, then install again",
        .hook.display(),
        .chained.display()
    )]
    ChainTaken {
        /// The existing post-commit hook.
        hook: PathBuf,
        /// The chained hook already there.
        chained: PathBuf,
    },
    /// A file operation failed.
    #[error("cannot {action} {}: {source}", .path.display())]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file concerned.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
}

fn io_error(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> HookError {
    let path = path.to_path_buf();
    move |source| HookError::Io {
        action,
        path,
        source,
    }
}

/// How the hook calls tether.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    /// The tether executable, by absolute path (`tether` on PATH is the fallback when it no
    /// longer exists at commit time).
    pub exe: PathBuf,
    /// The tether home to log into (`TETHER_HOME`), when one was given explicitly.
    pub home: Option<PathBuf>,
}

/// What `install` did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Installed {
    /// The hook was written. `chained` when an existing hook now runs from
    /// [`CHAINED`] before ours.
    New {
        /// The hook file.
        hook: PathBuf,
        /// Whether an existing hook was chained.
        chained: bool,
        /// The hooks folder, when install created it (`uninstall` removes it again when
        /// it is left empty).
        created: Option<PathBuf>,
    },
    /// Our hook was there, but called another tether or home: it was rewritten.
    Updated {
        /// The hook file.
        hook: PathBuf,
    },
    /// Our hook was already there, exactly as it would be written.
    Already {
        /// The hook file.
        hook: PathBuf,
    },
}

/// What `uninstall` did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Uninstalled {
    /// Our hook was removed; `restored` when the chained hook moved back in its place.
    Removed {
        /// The hook file.
        hook: PathBuf,
        /// Whether the chained hook was restored.
        restored: bool,
    },
    /// Our hook was gone already, but the chained one was left: it moved back.
    RestoredOnly {
        /// The hook file.
        hook: PathBuf,
    },
    /// The post-commit hook there is not ours: it was left alone.
    Foreign {
        /// The hook file.
        hook: PathBuf,
    },
    /// There was no hook at all.
    Absent {
        /// Where it would be.
        hook: PathBuf,
    },
}

/// The repository's hooks folder, by `git -C repo rev-parse --git-path hooks`.
pub fn hooks_dir(repo: &Path) -> Result<PathBuf, HookError> {
    if !repo.is_dir() {
        return Err(HookError::NoFolder(repo.to_path_buf()));
    }
    let out = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["rev-parse", "--git-path", "hooks"])
        .output()
        .map_err(HookError::NoGit)?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr);
        let why = why.lines().next().unwrap_or("git rev-parse failed").trim();
        return Err(HookError::NotARepo(repo.to_path_buf(), why.to_string()));
    }
    let text = String::from_utf8(out.stdout).map_err(|_| HookError::NotText(repo.into()))?;
    let dir = PathBuf::from(text.trim_end_matches(['\n', '\r']));
    let dir = if dir.is_absolute() {
        dir
    } else {
        repo.join(dir)
    };
    Ok(fs::canonicalize(&dir)
        .or_else(|_| std::path::absolute(&dir))
        .unwrap_or(dir))
}

/// Whether a hook file's text is ours.
pub fn is_ours(text: &str) -> bool {
    text.lines()
        .any(|line| matches!(line.trim_end(), MARKER | OLD_MARKER))
}

/// Quotes text for a POSIX shell: `'it'\''s'`.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

fn path_text(path: &Path) -> Result<&str, HookError> {
    path.to_str().ok_or_else(|| HookError::NotText(path.into()))
}

/// The hook script for `caller`.
pub fn script(caller: &Caller) -> Result<String, HookError> {
    let exe = quote(path_text(&caller.exe)?);
    let home = match &caller.home {
        Some(home) => format!("TETHER_HOME={} ", quote(path_text(home)?)),
        None => String::new(),
    };
    Ok(format!(
        r#"#!/bin/sh
{MARKER}
# Installed by `tether hook install`; `tether hook uninstall` removes it and puts back any
# hook it chained. It never fails or blocks a commit: tether's status and output are ignored.
status=0
chained="$(dirname "$0")/{CHAINED}"
if [ -x "$chained" ]; then
    "$chained" "$@"
    status=$?
fi
tether={exe}
[ -x "$tether" ] || tether=tether
commit="$(git -c log.showSignature=false log -1 --no-color --format='%h %s' 2>/dev/null)" || commit=
if [ -n "$commit" ]; then
    {home}"$tether" log --no-wait --following "$PWD" --kind commit --source git -- "$commit" </dev/null >/dev/null 2>&1 || true
fi
exit $status
"#
    ))
}

/// Installs the hook in `repo`, chaining a post-commit hook that is already there.
pub fn install(repo: &Path, caller: &Caller) -> Result<Installed, HookError> {
    let dir = hooks_dir(repo)?;
    let hook = dir.join(HOOK);
    let chained = dir.join(CHAINED);
    let wanted = script(caller)?;
    if fs::symlink_metadata(&hook).is_ok_and(|m| m.is_dir()) {
        return Err(HookError::NotAFile(hook));
    }
    let current = existing(&hook)?;
    match &current {
        Some(Some(text)) if is_ours(text) => {
            if *text == wanted && is_executable(&hook) {
                return Ok(Installed::Already { hook });
            }
            write_script(&dir, &hook, &wanted)?;
            return Ok(Installed::Updated { hook });
        }
        Some(_) if exists(&chained) => return Err(HookError::ChainTaken { hook, chained }),
        _ => {}
    }
    let created = (!dir.exists()).then(|| dir.clone());
    fs::create_dir_all(&dir).map_err(io_error("create", &dir))?;
    let is_chained = current.is_some();
    if is_chained {
        fs::rename(&hook, &chained).map_err(io_error("move aside", &hook))?;
    }
    if let Err(e) = write_script(&dir, &hook, &wanted) {
        if is_chained {
            let _ = fs::rename(&chained, &hook);
        }
        return Err(e);
    }
    Ok(Installed::New {
        hook,
        chained: is_chained,
        created,
    })
}

/// Removes our hook from `repo`, moving a chained hook back in its place.
pub fn uninstall(repo: &Path, created: &[PathBuf]) -> Result<Uninstalled, HookError> {
    let dir = hooks_dir(repo)?;
    let uninstalled = uninstall_in(&dir)?;
    // a hooks folder install made, left empty, goes too
    if created.contains(&dir) && fs::read_dir(&dir).is_ok_and(|mut e| e.next().is_none()) {
        let _ = fs::remove_dir(&dir);
    }
    Ok(uninstalled)
}

/// Removes our hook from the hooks folder `dir`, putting back the one it chained.
fn uninstall_in(dir: &Path) -> Result<Uninstalled, HookError> {
    let hook = dir.join(HOOK);
    let chained = dir.join(CHAINED);
    let has_chained = exists(&chained);
    match existing(&hook)? {
        Some(Some(text)) if is_ours(&text) => {
            if has_chained {
                fs::rename(&chained, &hook).map_err(io_error("restore", &chained))?;
            } else {
                fs::remove_file(&hook).map_err(io_error("remove", &hook))?;
            }
            Ok(Uninstalled::Removed {
                hook,
                restored: has_chained,
            })
        }
        Some(_) => Ok(Uninstalled::Foreign { hook }),
        None if has_chained => {
            fs::rename(&chained, &hook).map_err(io_error("restore", &chained))?;
            Ok(Uninstalled::RestoredOnly { hook })
        }
        None => Ok(Uninstalled::Absent { hook }),
    }
}

/// Whether anything (a file, a link, even a dangling one) is at `path`.
fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

fn is_executable(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o111 != 0)
}

/// What is at `path`: nothing (`None`), something unreadable as text (`Some(None)`: a
/// binary, a dangling link), or its text.
fn existing(path: &Path) -> Result<Option<Option<String>>, HookError> {
    if !exists(path) {
        return Ok(None);
    }
    match fs::read(path) {
        Ok(bytes) => Ok(Some(String::from_utf8(bytes).ok())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Some(None)),
        Err(e) if e.kind() == io::ErrorKind::IsADirectory => Ok(Some(None)),
        Err(e) => Err(io_error("read", path)(e)),
    }
}

/// Writes the script through a temporary file renamed into place, mode 0755.
fn write_script(dir: &Path, hook: &Path, text: &str) -> Result<(), HookError> {
    let temp = dir.join(format!(".{HOOK}.tether-{}", std::process::id()));
    let result = fs::write(&temp, text)
        .and_then(|()| fs::set_permissions(&temp, fs::Permissions::from_mode(0o755)))
        .and_then(|()| fs::rename(&temp, hook));
    if let Err(e) = result {
        let _ = fs::remove_file(&temp);
        return Err(io_error("write", hook)(e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_quoted_for_sh() {
        assert_eq!(quote("/usr/bin/tether"), "'/usr/bin/tether'");
        assert_eq!(quote("/it's here"), r"'/it'\''s here'");
    }

    #[test]
    fn the_script_is_marked_and_never_fails_for_tether() {
        let caller = Caller {
            exe: "/opt/te ther/bin/tether".into(),
            home: Some("/home/me/it's notes".into()),
        };
        let text = script(&caller).unwrap();
        assert!(text.starts_with("#!/bin/sh\n"));
        assert!(is_ours(&text));
        assert!(text.contains("tether='/opt/te ther/bin/tether'\n"));
        assert!(text.contains(r"TETHER_HOME='/home/me/it'\''s notes' "));
        let tether_line = text
            .lines()
            .find(|l| l.contains("log --no-wait --following \"$PWD\" --kind commit"))
            .unwrap();
        assert!(
            tether_line.ends_with(">/dev/null 2>&1 || true"),
            "{tether_line}"
        );
        assert!(text.trim_end().ends_with("exit $status"));
        let without_home = script(&Caller {
            exe: "/bin/tether".into(),
            home: None,
        })
        .unwrap();
        assert!(!without_home.contains("TETHER_HOME"));
    }

    #[test]
    fn only_the_marker_line_makes_a_hook_ours() {
        assert!(!is_ours("#!/bin/sh\necho tether\n"));
        assert!(!is_ours(&format!("#!/bin/sh\necho '{MARKER}'\n")));
        assert!(is_ours(&format!("#!/bin/sh\n{MARKER}\n")));
    }
}
