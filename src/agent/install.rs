//! Applying a plan to an assistant's files, and taking it back. Each file is read, changed
//! as text (see `jsonc` and `toml_file`), checked to still parse, and replaced atomically;
//! a file that does not parse is refused and left as it is. What was added is returned as
//! an [`AgentFile`] record, which is all `uninstall` needs to take exactly that back.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::Client;
use super::format::Ops;
use super::jsonc;
use super::plan::{FilePlan, Format, Want, is_tether_group, is_tether_server};
use crate::store::{Added, AgentFile};

/// Why a file was not changed. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum AgentError {
    /// The file is not valid JSON or TOML.
    #[error("{}: {why}; it was left as it is (fix it, then run the command again)", .path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What the parser said.
        why: String,
    },
    /// Something of the person's stands where tether's entry goes.
    #[error("{}: {what}; it was left as it is", .path.display())]
    Taken {
        /// The file.
        path: PathBuf,
        /// What is there.
        what: String,
    },
    /// A file operation failed.
    #[error("cannot {action} {}: {source}", .path.display())]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
}

/// What installing one file came to.
#[derive(Debug)]
pub struct Installed {
    /// The record of what is tether's in the file now.
    pub record: AgentFile,
    /// Whether the file was written (false: it already had everything).
    pub changed: bool,
    /// Whether the file was created.
    pub created: bool,
    /// Things the person should know (a switch they turned off).
    pub warnings: Vec<String>,
}

fn io_err(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> AgentError {
    let path = path.to_path_buf();
    move |source| AgentError::Io {
        action,
        path,
        source,
    }
}

/// The file's text, `None` when it does not exist.
fn read(path: &Path) -> Result<Option<String>, AgentError> {
    match fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| AgentError::Unreadable {
                path: path.to_path_buf(),
                why: "it is not UTF-8 text".into(),
            }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_err("read", path)(e)),
    }
}

/// The text of `plan`'s file with the plan applied, and the record of what is tether's
/// in it. `before` is the record of an earlier install of the same file, if any.
pub fn apply(
    text: &str,
    plan: &FilePlan,
    client: Client,
    before: Option<&AgentFile>,
) -> Result<(String, AgentFile, Vec<String>), AgentError> {
    let ops = Ops::of(plan.format);
    let unreadable = |why: String| AgentError::Unreadable {
        path: plan.path.clone(),
        why,
    };
    ops.check(text).map_err(unreadable)?;
    let mut record = before.cloned().unwrap_or_else(|| AgentFile {
        path: plan.path.clone(),
        ..AgentFile::default()
    });
    let mut text = text.to_string();
    let mut warnings = Vec::new();
    for want in &plan.wants {
        let edit = match want {
            Want::Key { path, value } => {
                let ours = record.added.contains(&Added::Key(path.clone()));
                match ops.get(&text, path).map_err(unreadable)? {
                    Some(v) if v == *value => None,
                    Some(v) if !ours && is_tether_server(&v) => {
                        warnings.push(format!(
                            "{} already runs a tether MCP server ({}): left as it is",
                            plan.path.display(),
                            path.join(".")
                        ));
                        None
                    }
                    Some(_) if !ours => {
                        return Err(AgentError::Taken {
                            path: plan.path.clone(),
                            what: format!("{} is there and is not tether's", path.join(".")),
                        });
                    }
                    _ => Some((ops.set(&text, path, value), Added::Key(path.clone()))),
                }
            }
            Want::Hook { path, group } => {
                let current = ops.get(&text, path).map_err(unreadable)?;
                let items = current.as_ref().and_then(Value::as_array);
                let mine: Vec<&Value> = items
                    .into_iter()
                    .flatten()
                    .filter(|g| is_tether_group(g, client))
                    .collect();
                if mine.len() == 1 && mine[0] == group {
                    mark(&mut record, Added::Hook(path.clone()));
                    None
                } else {
                    if !mine.is_empty() {
                        // another tether's, or an older command: replaced by this one
                        text = jsonc::remove_elements(&text, path, &record.emptied, |g| {
                            is_tether_group(g, client)
                        })
                        .map_err(unreadable)?;
                    }
                    Some((jsonc::push(&text, path, group), Added::Hook(path.clone())))
                }
            }
            Want::Switch { path, value, also } => {
                let set = std::iter::once(path)
                    .chain(also)
                    .find_map(|p| ops.get(&text, p).ok().flatten().map(|v| (p, v)));
                match set {
                    Some((_, v)) if v == *value => None,
                    Some((p, v)) => {
                        warnings.push(format!(
                            "{} sets {} = {v}: the hooks will not run until it is {value}",
                            plan.path.display(),
                            p.join(".")
                        ));
                        None
                    }
                    None => Some((ops.set(&text, path, value), Added::Key(path.clone()))),
                }
            }
        };
        if let Some((edit, added)) = edit {
            let edit = edit.map_err(unreadable)?;
            text = edit.text;
            record.created.extend(edit.created);
            record.emptied.extend(edit.emptied);
            mark(&mut record, added);
        }
    }
    ops.check(&text).map_err(unreadable)?;
    Ok((text, record, warnings))
}

fn mark(record: &mut AgentFile, added: Added) {
    if !record.added.contains(&added) {
        record.added.push(added);
    }
}

/// The text with everything the record says tether added taken out, the last added
/// first, each followed by the containers created for it that it leaves empty. `None`
/// when the file is to go (tether created it and nothing else is in it).
pub fn take_back(
    text: &str,
    record: &AgentFile,
    format: Format,
    client: Client,
) -> Result<Option<String>, String> {
    let ops = Ops::of(format);
    ops.check(text)?;
    let mut text = text.to_string();
    for added in record.added.iter().rev() {
        let path = match added {
            Added::Key(path) => {
                text = ops.remove(&text, path, &record.emptied)?;
                path
            }
            Added::Hook(path) => {
                text = jsonc::remove_elements(&text, path, &record.emptied, |g| {
                    is_tether_group(g, client)
                })?;
                path
            }
        };
        let mut created: Vec<&Vec<String>> = record
            .created
            .iter()
            .filter(|c| path.starts_with(c))
            .collect();
        created.sort_by_key(|c| std::cmp::Reverse(c.len()));
        for c in created {
            if ops.is_empty(&text, c)? {
                text = ops.remove(&text, c, &record.emptied)?;
            }
        }
    }
    if record.ended_last_line && text.ends_with('\n') {
        text.pop();
    }
    let empty = ops.is_blank(&text)?;
    if empty && record.created_file {
        return Ok(None);
    }
    if let Some(blank) = record.blank.as_ref().filter(|_| empty) {
        return Ok(Some(blank.clone()));
    }
    ops.check(&text)?;
    Ok(Some(text))
}

/// Checks, without writing, that installing `plan` in its file can be done.
pub fn check_file(
    plan: &FilePlan,
    client: Client,
    before: Option<&AgentFile>,
) -> Result<(), AgentError> {
    let text = read(&plan.path)?.unwrap_or_default();
    apply(&text, plan, client, before).map(|_| ())
}

/// Installs one file: reads it (a missing one is created, with its folder), applies the
/// plan and writes it back atomically when anything changed.
pub fn install_file(
    plan: &FilePlan,
    client: Client,
    before: Option<&AgentFile>,
) -> Result<Installed, AgentError> {
    let current = read(&plan.path)?;
    let original = current.clone().unwrap_or_default();
    let (mut text, mut record, warnings) = apply(&original, plan, client, before)?;
    if original.trim().is_empty() && plan.format == Format::Json {
        text.push('\n');
    }
    if text == original && current.is_some() {
        return Ok(Installed {
            record,
            changed: false,
            created: false,
            warnings,
        });
    }
    if current.is_none() && before.is_none_or(|b| b.created_file) {
        record.created_file = true;
    } else if before.is_none() && !original.is_empty() && original.trim().is_empty() {
        record.blank = Some(original.clone());
    }
    if before.is_none()
        && plan.format == Format::Toml
        && !original.is_empty()
        && !original.ends_with('\n')
    {
        record.ended_last_line = true;
    }
    let dir = plan.path.parent().unwrap_or(Path::new("."));
    if !dir.exists() {
        let top = topmost_missing(dir);
        fs::create_dir_all(dir).map_err(io_err("create", dir))?;
        if record.created_dir.is_none() {
            record.created_dir = Some(top);
        }
    }
    write(&plan.path, &text)?;
    Ok(Installed {
        record,
        changed: true,
        created: current.is_none(),
        warnings,
    })
}

/// The highest folder of `dir` that does not exist yet.
fn topmost_missing(dir: &Path) -> PathBuf {
    let mut top = dir.to_path_buf();
    while let Some(parent) = top
        .parent()
        .filter(|p| !p.as_os_str().is_empty() && !p.exists())
    {
        top = parent.to_path_buf();
    }
    top
}

/// What uninstalling one file came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Removed {
    /// tether's entries were taken out.
    Edited,
    /// The file held only tether's entries, and tether had created it: it went.
    Deleted,
    /// There was nothing of tether's left in it.
    Unchanged,
    /// The file is gone already.
    Missing,
}

/// Uninstalls one file: takes out what the record says tether added, writing it back
/// atomically (or removing the file and the folder install created, when nothing else is
/// left in them).
pub fn uninstall_file(
    record: &AgentFile,
    format: Format,
    client: Client,
) -> Result<Removed, AgentError> {
    let path = &record.path;
    let Some(text) = read(path)? else {
        return Ok(Removed::Missing);
    };
    let unreadable = |why: String| AgentError::Unreadable {
        path: path.clone(),
        why,
    };
    match take_back(&text, record, format, client).map_err(unreadable)? {
        None => {
            fs::remove_file(path).map_err(io_err("remove", path))?;
            if let Some(dir) = &record.created_dir {
                remove_empty_dirs(path.parent(), dir);
            }
            Ok(Removed::Deleted)
        }
        Some(new) if new == text => Ok(Removed::Unchanged),
        Some(new) => {
            write(path, &new)?;
            Ok(Removed::Edited)
        }
    }
}

/// Removes the folders from `from` up to `top` as long as they are empty.
fn remove_empty_dirs(from: Option<&Path>, top: &Path) {
    let mut dir = from;
    while let Some(d) = dir {
        if !d.starts_with(top) || fs::remove_dir(d).is_err() {
            break;
        }
        if d == top {
            break;
        }
        dir = d.parent();
    }
}

/// Writes `text` through a temporary file in the same folder, synced and renamed into
/// place; the file keeps its permissions.
fn write(path: &Path, text: &str) -> Result<(), AgentError> {
    use std::io::Write;
    let mut file = atomic_write_file::AtomicWriteFile::open(path).map_err(io_err("write", path))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.commit())
        .map_err(io_err("write", path))
}
