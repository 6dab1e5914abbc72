//! The local half of a sync, under the store lock: this machine's records committed, the
//! remote's merged in, and what that changed for the person (a session shown under a new
//! id, steps renumbered) worked out once, to be told once.

use std::collections::BTreeMap;
use std::fs;

use chrono::{DateTime, Utc};

use super::git::Git;
use super::{SyncError, layout};
use crate::session::SessionId;
use crate::store::{self, Store, Writer};

/// What a merge brought and changed here.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    /// Whether records came from another machine.
    pub received: bool,
    /// Sessions now shown under another id: two machines took the same number offline.
    pub renamed: Vec<Renamed>,
    /// Steps given another number: two machines added the same number offline.
    pub renumbered: Vec<Renamed>,
}

impl Merged {
    /// Adds what a later round of the same sync did.
    pub fn absorb(&mut self, later: Merged) {
        self.received |= later.received;
        self.renamed.extend(later.renamed);
        self.renumbered.extend(later.renumbered);
    }
}

/// A session or step now shown under another id or number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renamed {
    /// The session (for a step, the one it belongs to).
    pub session: SessionId,
    /// What it was shown as.
    pub from: String,
    /// What it is shown as now.
    pub to: String,
    /// Its title or text.
    pub title: String,
}

/// Commits this machine's new records and merges the remote's fetched ones. Returns
/// whether there was anything to commit, and what the merge changed.
pub fn commit_and_merge(
    w: &mut Writer<'_>,
    git: &Git,
    now: DateTime<Utc>,
) -> Result<(bool, Merged), SyncError> {
    let store = w.store().clone();
    recover(&store, git)?;
    layout::write_git_files(store.root())?;
    seal(&store)?;
    git.run(&["add", "--all"])?;
    let sent = !git.run(&["status", "--porcelain"])?.trim().is_empty();
    if sent {
        let message = format!("Records of {}", now.format("%Y-%m-%d %H:%M:%S UTC"));
        git.run(&["commit", "--quiet", "--no-verify", "-m", &message])?;
    }
    let has_remote = git.check(&["rev-parse", "--verify", "--quiet", "origin/main"]);
    let has_head = git.check(&["rev-parse", "--verify", "--quiet", "HEAD"]);
    if !has_remote
        || (has_head && git.check(&["merge-base", "--is-ancestor", "origin/main", "HEAD"]))
    {
        return Ok((sent, Merged::default()));
    }
    let before = shown(&store)?;
    // only the sessions the other machines changed can have steps renumbered
    let touched = touched(git, has_head);
    let steps_before = steps(
        &store,
        before
            .iter()
            .filter(|(folder, _)| touched.contains(*folder)),
    )?;
    let merging = if has_head {
        let merged = git.run(&[
            "merge",
            "--quiet",
            "--no-commit",
            "--allow-unrelated-histories",
            "origin/main",
        ]);
        merged.and_then(|_| {
            // a crash here leaves a merge not concluded: the next sync takes it back
            let _ = crate::store::failpoint::hit("sync:merged");
            match git.root().join(".git/MERGE_HEAD").exists() {
                true => git.run(&["commit", "--quiet", "--no-verify", "--no-edit"]),
                false => Ok(String::new()), // a fast-forward
            }
        })
    } else {
        git.run(&["reset", "--quiet", "--hard", "origin/main"])
    };
    if let Err(e) = merging {
        // nothing was written meanwhile (the lock is held): the merge is taken back whole
        let _ = git.run(&["merge", "--abort"]);
        return Err(e.into());
    }
    store.forget_folders();
    let after = shown(&store)?;
    let mut merged = Merged {
        received: true,
        ..Merged::default()
    };
    for (folder, from) in &before {
        if let Some(to) = after.get(folder).filter(|to| *to != from) {
            let title = store
                .session_head(to)
                .map(|h| h.mission.title)
                .unwrap_or_default();
            merged.renamed.push(Renamed {
                session: to.clone(),
                from: from.to_string(),
                to: to.to_string(),
                title,
            });
        }
    }
    follow_active(w, &before, &after)?;
    // derived from the sessions, rebuilt on the next read
    let _ = fs::remove_file(store.places_path());
    merged.renumbered = renumbered(&store, &after, &steps_before)?;
    Ok((sent, merged))
}

/// Clears what a sync killed half way leaves: git's own lock (only tether runs git in the
/// data folder, and this process holds the store lock) and a merge not concluded, which is
/// concluded rather than taken back: records may have been appended to its files since.
fn recover(store: &Store, git: &Git) -> Result<(), SyncError> {
    let _ = fs::remove_file(store.root().join(".git").join("index.lock"));
    if store.root().join(".git").join("MERGE_HEAD").exists() {
        git.run(&["add", "--all"])?;
        git.run(&["commit", "--quiet", "--no-verify", "--no-edit"])?;
    }
    Ok(())
}

/// Makes every log end with a whole line: a line cut by a crash is set aside, so that a
/// merge never joins it to another machine's.
fn seal(store: &Store) -> Result<(), SyncError> {
    for id in store.session_ids()? {
        let dir = store.session_dir(&id);
        store::seal(&store.timeline_path(&id), &store.torn_path(&id))?;
        store::seal(
            &store.state_log_path(&id),
            &dir.join(store::state_log::STATE_TORN),
        )?;
    }
    Ok(())
}

/// Each session folder's name with the id it shows.
fn shown(store: &Store) -> Result<BTreeMap<String, SessionId>, SyncError> {
    Ok(store
        .folders()?
        .by_id
        .iter()
        .map(|(id, name)| (name.clone(), id.clone()))
        .collect())
}

/// The session folders the remote's side changed since the common history.
fn touched(git: &Git, has_head: bool) -> std::collections::BTreeSet<String> {
    if !has_head {
        return Default::default();
    }
    let names = git
        .run(&[
            "diff",
            "--name-only",
            "HEAD...origin/main",
            "--",
            "sessions",
        ])
        .unwrap_or_default();
    names
        .lines()
        .filter_map(|path| path.split('/').nth(1).map(str::to_owned))
        .collect()
}

/// Each session folder's steps: their ids with their numbers.
type Steps = BTreeMap<String, BTreeMap<ulid::Ulid, u32>>;

fn steps<'a>(
    store: &Store,
    folders: impl Iterator<Item = (&'a String, &'a SessionId)>,
) -> Result<Steps, SyncError> {
    let mut all = Steps::new();
    for (folder, id) in folders {
        if let Ok(session) = store.session(id) {
            all.insert(
                folder.clone(),
                session.steps.iter().map(|s| (s.id, s.number)).collect(),
            );
        }
    }
    Ok(all)
}

/// The steps whose number changed with the merge.
fn renumbered(
    store: &Store,
    after: &BTreeMap<String, SessionId>,
    before: &Steps,
) -> Result<Vec<Renamed>, SyncError> {
    let mut found = Vec::new();
    for (folder, id) in after {
        let Some(numbers) = before.get(folder) else {
            continue;
        };
        let session = store.session(id)?;
        for step in &session.steps {
            if let Some(&was) = numbers.get(&step.id).filter(|&&n| n != step.number) {
                found.push(Renamed {
                    session: id.clone(),
                    from: was.to_string(),
                    to: step.number.to_string(),
                    title: step.text.clone(),
                });
            }
        }
    }
    Ok(found)
}

/// Keeps this machine's active session the same session when the merge shows it under
/// another id.
fn follow_active(
    w: &mut Writer<'_>,
    before: &BTreeMap<String, SessionId>,
    after: &BTreeMap<String, SessionId>,
) -> Result<(), SyncError> {
    let mut state = w.store().state()?;
    let Some(active) = state.active.clone() else {
        return Ok(());
    };
    let folder = before.iter().find(|(_, id)| **id == active).map(|(f, _)| f);
    if let Some(now_shown) = folder
        .and_then(|f| after.get(f))
        .filter(|id| **id != active)
    {
        state.active = Some(now_shown.clone());
        w.put_state(&state)?;
    }
    Ok(())
}
