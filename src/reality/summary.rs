//! What changed in the workspace, said in a few lines for a person (shared by the CLI's
//! briefing, the Markdown handoff and the dashboard's popup).

use chrono::{DateTime, Utc};

use super::WorkspaceChange;

/// How many commits and files are named before "and N more".
const NAMED: usize = 8;

/// The lines describing `change`; `when` shows a time, and `clean` each text that came
/// from git or the file system (a subject, a branch, a file name) for where the lines go: a
/// terminal, or Markdown. The first line is a headline.
pub fn lines(
    change: &WorkspaceChange,
    when: impl Fn(DateTime<Utc>) -> String,
    clean: impl Fn(&str) -> String,
) -> Vec<String> {
    let mut out = Vec::new();
    if change.branch.is_none()
        && change.commits.is_empty()
        && change.note.is_some()
        && !change.partial
    {
        out.push(clean(change.note.as_deref().unwrap_or_default()));
        return out;
    }
    let branch = change
        .branch
        .as_deref()
        .map_or_else(|| "detached HEAD".to_string(), &clean);
    if change.branch_switched {
        let before = change
            .branch_before
            .as_deref()
            .map_or_else(|| "detached HEAD".to_string(), &clean);
        out.push(format!("Branch switched: {before} → {branch}"));
    }
    match change.commits.len() {
        0 => out.push(format!("No new commits on {branch}")),
        n => {
            out.push(format!(
                "{n} new {} on {branch}:",
                plural(n, "commit", "commits")
            ));
            for c in change.commits.iter().take(NAMED) {
                let time = c.time.map(&when).unwrap_or_default();
                out.push(format!(
                    "  {}  {}  ({}, {time})",
                    clean(&c.hash),
                    clean(&c.subject),
                    clean(&c.author)
                ));
            }
            if n > NAMED {
                out.push(format!("  … and {} more", n - NAMED));
            }
        }
    }
    for (label, files) in [
        ("Files changed by them", &change.files_changed),
        ("Uncommitted changes now", &change.dirty_now),
        ("Untracked now", &change.untracked_now),
    ] {
        if !files.is_empty() {
            out.push(format!(
                "{label} ({}): {}",
                files.len(),
                named(files, &clean)
            ));
        }
    }
    match change.dirty_before {
        Some(0) if !change.dirty_now.is_empty() => {
            out.push("None of them was uncommitted when you left".to_string())
        }
        Some(n) if n > 0 => out.push(format!(
            "{n} of them {} already uncommitted when you left",
            plural(n, "was", "were")
        )),
        _ => {}
    }
    if change.dirty_now.is_empty() && change.untracked_now.is_empty() {
        out.push("The working tree is clean".to_string());
    }
    if change.partial || change.note.is_some() {
        let note = change
            .note
            .as_deref()
            .unwrap_or("the lists were cut short on a large repository");
        out.push(format!("(partial: {})", clean(note)));
    }
    out
}

/// `1 commit`, `2 commits`.
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

fn named(files: &[String], clean: impl Fn(&str) -> String) -> String {
    let mut text: Vec<String> = files.iter().take(NAMED).map(|f| clean(f)).collect();
    if files.len() > NAMED {
        text.push(format!("… and {} more", files.len() - NAMED));
    }
    text.join(", ")
}
