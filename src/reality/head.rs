//! Reading a repository's branch and commit straight from its files: a few small reads, no
//! process, cheap enough to do on every interaction.

use std::fs;
use std::path::{Path, PathBuf};

/// The repository's git folder for a workspace, looking up from `dir`.
pub fn git_dir(dir: &Path) -> Option<PathBuf> {
    let mut at = Some(dir);
    while let Some(here) = at {
        let dot_git = here.join(".git");
        if dot_git.is_dir() {
            return Some(dot_git);
        }
        if let Ok(text) = fs::read_to_string(&dot_git) {
            let target = text.strip_prefix("gitdir:")?.trim();
            return Some(here.join(target));
        }
        at = here.parent();
    }
    None
}

/// The repository a folder is in, named by its main git folder (shared by every linked
/// worktree), canonical; `None` outside a repository.
pub fn repo_of(dir: &Path) -> Option<PathBuf> {
    let git = git_dir(dir)?;
    fs::canonicalize(common_dir(&git)).ok()
}

/// The folder holding the refs: the main git folder of a linked worktree.
fn common_dir(git_dir: &Path) -> PathBuf {
    match fs::read_to_string(git_dir.join("commondir")) {
        Ok(text) => git_dir.join(text.trim()),
        Err(_) => git_dir.to_path_buf(),
    }
}

/// What `HEAD` points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    /// The branch, unless detached.
    pub branch: Option<String>,
    /// The commit, unless the branch has none yet.
    pub commit: Option<String>,
}

/// Reads `HEAD` of the repository holding `dir`; `None` outside a repository.
pub fn read_head(dir: &Path) -> Option<Head> {
    let git = git_dir(dir)?;
    let text = fs::read_to_string(git.join("HEAD")).ok()?;
    let text = text.trim();
    let Some(reference) = text.strip_prefix("ref:").map(str::trim) else {
        return Some(Head {
            branch: None,
            commit: is_sha(text).then(|| text.to_string()),
        });
    };
    let branch = reference
        .strip_prefix("refs/heads/")
        .unwrap_or(reference)
        .to_string();
    Some(Head {
        branch: Some(branch),
        commit: resolve(&git, reference),
    })
}

/// The commit of a reference: its loose file, else `packed-refs`.
fn resolve(git: &Path, reference: &str) -> Option<String> {
    for base in [git.to_path_buf(), common_dir(git)] {
        if let Ok(text) = fs::read_to_string(base.join(reference)) {
            let sha = text.trim();
            if is_sha(sha) {
                return Some(sha.to_string());
            }
        }
    }
    let packed = fs::read_to_string(common_dir(git).join("packed-refs")).ok()?;
    packed.lines().find_map(|line| {
        let (sha, name) = line.split_once(' ')?;
        (name == reference && is_sha(sha)).then(|| sha.to_string())
    })
}

fn is_sha(text: &str) -> bool {
    (40..=64).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHA: &str = "0123456789abcdef0123456789abcdef01234567";

    fn repo(head: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let git = dir.path().join(".git");
        fs::create_dir_all(git.join("refs/heads")).unwrap();
        fs::write(git.join("HEAD"), head).unwrap();
        dir
    }

    #[test]
    fn a_branch_resolves_through_its_loose_ref() {
        let dir = repo("ref: refs/heads/main\n");
        fs::write(dir.path().join(".git/refs/heads/main"), format!("{SHA}\n")).unwrap();
        let nested = dir.path().join("src/deep");
        fs::create_dir_all(&nested).unwrap();
        let head = read_head(&nested).unwrap();
        assert_eq!(
            head,
            Head {
                branch: Some("main".into()),
                commit: Some(SHA.into())
            }
        );
    }

    #[test]
    fn a_branch_resolves_through_packed_refs() {
        let dir = repo("ref: refs/heads/topic\n");
        let packed = format!("# pack-refs with: peeled\n{SHA} refs/heads/topic\n");
        fs::write(dir.path().join(".git/packed-refs"), packed).unwrap();
        assert_eq!(read_head(dir.path()).unwrap().commit.as_deref(), Some(SHA));
    }

    #[test]
    fn a_detached_head_has_no_branch_and_a_new_branch_no_commit() {
        let detached = repo(&format!("{SHA}\n"));
        assert_eq!(
            read_head(detached.path()).unwrap(),
            Head {
                branch: None,
                commit: Some(SHA.into())
            }
        );
        let fresh = repo("ref: refs/heads/main\n");
        assert_eq!(
            read_head(fresh.path()).unwrap(),
            Head {
                branch: Some("main".into()),
                commit: None
            }
        );
    }

    #[test]
    fn outside_a_repository_there_is_no_head() {
        let dir = tempfile::tempdir().unwrap();
        assert!(dir.path().ancestors().all(|a| !a.join(".git").exists()));
        assert_eq!(read_head(dir.path()), None);
    }
}
