//! `tether import`: plain session logs into a session (a tether export: see `restore`).

use std::path::Path;

use chrono::Local;
use color_eyre::eyre::{Result, bail, eyre};

use super::out::{Output, clean, local_second, warn};
use super::{Ctx, ImportArgs};
use crate::import::{self, Entry, Parsed};
use crate::ops::{self, ImportRequest};
use crate::safe_file::{self, ReadError};

/// The largest log imported at once: years of notes fit many times over.
pub const MAX_BYTES: u64 = 64 << 20;

/// How many skipped lines the refusal of a file with nothing to import names.
const REASONS_IN_ERROR: usize = 3;

/// Runs `tether import`: a plain session log, or a tether export restored whole.
pub fn run(ctx: &Ctx, args: ImportArgs) -> Result<Output> {
    if super::restore::is_export(&args.file) {
        return super::restore::run(ctx, args);
    }
    let file = &args.file;
    let text = read_text(file)?;
    let now = ctx.clock.now();
    let mut parsed = import::parse(&text, args.date, &Local);
    parsed.skip_future(now);
    if parsed.entries.is_empty() {
        bail!("{}", nothing_to_import(file, &parsed));
    }
    let title = args.title.unwrap_or_else(|| stem(file));
    let imported = ops::import(
        &ctx.store,
        now,
        ImportRequest {
            id: args.session,
            title,
            entries: parsed.entries.clone(),
        },
    )?;
    if let Some(bytes) = imported.outcome.set_aside {
        warn(&format!(
            "the timeline ended in an incomplete line ({bytes} bytes, from an interrupted write); it was moved to {} and the import starts on a fresh line",
            ctx.store.torn_path(&imported.session).display()
        ));
    }

    let mut out = read_summary(file, &text, &parsed);
    for skipped in &parsed.skipped {
        out.push_str(&format!("  skipped {skipped}\n"));
    }
    if !imported.duplicates.is_empty() {
        out.push_str(&format!(
            "  already imported: {}\n",
            line_ranges(&imported.duplicates)
        ));
    }
    let id = &imported.session;
    if imported.created {
        let session = ctx.store.session(id)?;
        out.push_str(&format!(
            "Created session {id} · {}, paused: `tether switch {id}` makes it the active one\n",
            clean(&session.mission.title)
        ));
    }
    out.push_str(&format!(
        "Imported {} into session {id}; skipped {}",
        plural(imported.added.len(), "interaction"),
        plural(parsed.skipped.len(), "line")
    ));
    if !imported.duplicates.is_empty() {
        out.push_str(&format!("; {} already imported", imported.duplicates.len()));
    }
    Ok(Output::Text(out))
}

/// The file as UTF-8 text, or a one-line error naming it. Only a regular file is read (a
/// FIFO or a device is refused without waiting on it), and one of at most [`MAX_BYTES`].
fn read_text(file: &Path) -> Result<String> {
    let bytes = safe_file::read(file, MAX_BYTES).map_err(|e| {
        let why = match e {
            ReadError::Io(e) => e.to_string(),
            ReadError::NotRegular(found) => format!(
                "it is {found}, not a regular file; tether imports only regular files (save the log to one first)"
            ),
            ReadError::TooLarge(limit) => format!(
                "it is over {}, the most tether imports at once (split it)",
                safe_file::size(limit)
            ),
        };
        eyre!("cannot import {}: {why}", file.display())
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..valid]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        eyre!(
            "cannot import {}: line {line} is not UTF-8 text (save the log as UTF-8)",
            file.display()
        )
    })
}

/// The refusal of a file with no line to import, in one line.
fn nothing_to_import(file: &Path, parsed: &Parsed) -> String {
    let mut message = format!("nothing to import from {}: ", file.display());
    if parsed.skipped.is_empty() {
        message.push_str("it has no `[HH:MM:SS] text` or `[YYYY-MM-DD HH:MM:SS] text` lines");
        return message;
    }
    let reasons: Vec<String> = parsed
        .skipped
        .iter()
        .take(REASONS_IN_ERROR)
        .map(ToString::to_string)
        .collect();
    message.push_str(&format!(
        "every line with text was skipped ({}",
        reasons.join("; ")
    ));
    let more = parsed.skipped.len().saturating_sub(REASONS_IN_ERROR);
    if more > 0 {
        message.push_str(&format!("; and {more} more"));
    }
    message.push(')');
    message
}

/// What was read: lines, entries and their span, what was passed over.
fn read_summary(file: &Path, text: &str, parsed: &Parsed) -> String {
    let mut out = format!(
        "Read {}: {}, {}",
        file.display(),
        plural(text.lines().count(), "line"),
        plural(parsed.entries.len(), "entry"),
    );
    let first = parsed.entries.iter().map(|e| e.at).min();
    let last = parsed.entries.iter().map(|e| e.at).max();
    if let (Some(first), Some(last)) = (first, last) {
        out.push_str(&format!(
            " from {} to {}",
            local_second(first),
            local_second(last)
        ));
    }
    let mut passed = Vec::new();
    if parsed.gap_markers > 0 {
        passed.push(plural(parsed.gap_markers, "gap marker"));
    }
    if parsed.session_markers > 0 {
        passed.push(plural(parsed.session_markers, "session marker"));
    }
    if parsed.blank > 0 {
        passed.push(plural(parsed.blank, "blank line"));
    }
    if !passed.is_empty() {
        out.push_str(&format!(" (passed over {})", passed.join(" and ")));
    }
    out.push('\n');
    out
}

/// The line numbers of entries as ranges: `lines 1-3, 7`.
fn line_ranges(entries: &[Entry]) -> String {
    let mut lines: Vec<usize> = entries.iter().map(|e| e.line).collect();
    lines.sort_unstable();
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for n in lines {
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == n => *end = n,
            _ => ranges.push((n, n)),
        }
    }
    let parts: Vec<String> = ranges
        .iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect();
    let word = if entries.len() == 1 { "line" } else { "lines" };
    format!("{word} {}", parts.join(", "))
}

/// `1 line`, `2 lines`, `3 entries`.
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else if let Some(stem) = word.strip_suffix('y') {
        format!("{n} {stem}ies")
    } else {
        format!("{n} {word}s")
    }
}

/// The file's name without its extension: the title of a session it creates.
fn stem(file: &Path) -> String {
    file.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
