//! `tether import` of a tether export (JSON lines): its sessions restored whole.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use color_eyre::eyre::{Result, bail, eyre};

use super::out::{Output, clean, local_minute};
use super::{Ctx, ImportArgs};
use crate::import::backup::{self, BackupError, MAX_LINE, Reader};
use crate::ops::{self, RestoreError, SessionRestored};
use crate::safe_file;
use crate::text::counted;

/// Whether `file` is a tether export: a regular file whose first line is an export's. Any
/// doubt (it cannot be opened) is left to the reading of a plain log, which says why.
pub fn is_export(file: &Path) -> bool {
    let Ok((opened, _)) = safe_file::open(file) else {
        return false;
    };
    let mut first = Vec::new();
    let read = BufReader::new(opened)
        .take(MAX_LINE)
        .read_until(b'\n', &mut first);
    read.is_ok() && backup::is_export(first.trim_ascii())
}

/// Restores the sessions of the export `args.file`.
pub fn run(ctx: &Ctx, args: ImportArgs) -> Result<Output> {
    let file = &args.file;
    if args.session.is_some() || args.title.is_some() || args.date.is_some() {
        bail!(
            "{} is a tether export: it carries its own sessions, titles and dates; import it without --session, --title or --date",
            file.display()
        );
    }
    let failed = |e: BackupError| eyre!("cannot import {}: {e}", file.display());
    let backup = backup::plan(&mut open(file)?).map_err(failed)?;
    let restored = match ops::restore(&ctx.store, &backup, &mut open(file)?, ctx.clock.now()) {
        Ok(restored) => restored,
        Err(RestoreError::Op(e)) => return Err(e.into()),
        Err(RestoreError::Backup(e)) => return Err(failed(e)),
    };
    let interactions: usize = backup.sessions.iter().map(|p| p.interactions).sum();
    let mut out = format!(
        "Read {}: a tether export of {} and {}, written by tether {} at {}\n",
        file.display(),
        counted(backup.sessions.len(), "session", "sessions"),
        counted(interactions, "interaction", "interactions"),
        clean(&backup.header.tether),
        local_minute(backup.header.exported)
    );
    for session in &restored.sessions {
        out.push_str(&said(session));
    }
    if let Some(id) = &restored.active {
        out.push_str(&format!("Session {id} is the active one\n"));
    }
    Ok(Output::Text(out))
}

/// The export opened from its start.
fn open(file: &Path) -> Result<Reader<BufReader<File>>> {
    let (opened, _) =
        safe_file::open(file).map_err(|e| eyre!("cannot import {}: {e}", file.display()))?;
    Ok(Reader::new(BufReader::new(opened)))
}

/// One session's line of the summary.
fn said(s: &SessionRestored) -> String {
    let ids = match s.from == s.into {
        true => s.into.to_string(),
        false => format!(
            "{} (as {}: {} is another session here)",
            s.from, s.into, s.from
        ),
    };
    let [steps, decisions, snapshots] = s.added;
    let mut added = vec![counted(s.interactions, "interaction", "interactions")];
    for (n, one, many) in [
        (steps, "step", "steps"),
        (decisions, "decision", "decisions"),
        (snapshots, "snapshot", "snapshots"),
    ] {
        if n > 0 {
            added.push(counted(n, one, many));
        }
    }
    let nothing = s.interactions == 0 && s.added == [0; 3];
    let what = match (s.created, nothing) {
        (true, _) => format!("restored with {}", added.join(", ")),
        (false, true) => "already here, nothing to add".to_string(),
        (false, false) => format!("already here; added {}", added.join(", ")),
    };
    let known = match s.known {
        0 => String::new(),
        n => format!(
            " ({} already here)",
            counted(n, "interaction", "interactions")
        ),
    };
    format!("Session {ids} · {}: {what}{known}\n", clean(&s.mission))
}
