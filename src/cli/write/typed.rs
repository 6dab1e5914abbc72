//! `tether log` with no TEXT in a terminal (the tmux popup's way in): one line typed at a
//! prompt, and the words typed never lost. A store that cannot take them is said before
//! anything is typed; a store busy past the lock timeout takes them into the spool; any
//! other failure shows them back. On a failure the prompt waits for enter, so that a popup
//! that closes with the command is read first.

use std::io::{BufRead, Write};

use chrono::{DateTime, Utc};
use color_eyre::eyre::{Report, Result, eyre};

use super::log_entry;
use crate::Ctx;
use crate::cli::out::{Output, clean};
use crate::ops::{self, Entry, OpError, Target};
use crate::session::{Kind, Source};
use crate::store::StoreError;
use crate::text::resuming_after;
use crate::timeline::is_gap;

/// Asks for the line, then logs it into `session` on behalf of `source` (waiting for the
/// store unless `no_wait`), at `at` (now when `None`) as `kind`.
pub(super) fn log(
    ctx: &Ctx,
    (source, no_wait): (Source, bool),
    session: Target,
    (at, kind): (Option<DateTime<Utc>>, Kind),
) -> Result<Output> {
    let prompt = match prompt(ctx, &session) {
        Ok(prompt) => prompt,
        Err(e) => return held(e, None),
    };
    eprint!("{prompt}");
    let _ = std::io::stderr().flush();
    let mut text = String::new();
    std::io::stdin().lock().read_line(&mut text)?;
    let entry = Entry { at, kind, text };
    let busy = |e: &Report| {
        matches!(
            e.downcast_ref::<OpError>(),
            Some(OpError::Store(StoreError::LockTimeout { .. }))
        )
    };
    match log_entry(ctx, source, no_wait, session.clone(), entry.clone()) {
        Ok(out) => Ok(out),
        // the words wait in the spool for the next write, as a hook's do
        Err(e) if busy(&e) => log_entry(ctx, source, true, session, entry),
        // an empty line is a way out, not words to keep
        Err(e) if entry.text.trim().is_empty() => Err(e),
        Err(e) => held(e, Some(&entry.text)),
    }
}

/// `log: `, or `log (00004, resuming after 2h 46m): ` after a gap, read in O(1); an error
/// when the line could not be logged (no session to log into, its timeline's end damaged).
fn prompt(ctx: &Ctx, target: &Target) -> Result<String> {
    let id = target.resolve(&ctx.store)?;
    let last = ops::latest_interaction(&ctx.store, &id)?;
    let silence = last
        .map(|last| ctx.clock.now() - last)
        .filter(|silence| is_gap(*silence, ctx.config.gap_threshold));
    Ok(match silence {
        Some(silence) => format!("log ({id}, {}): ", resuming_after(silence)),
        None => "log: ".to_string(),
    })
}

/// Says `error` (and the words `typed`, not logged) and waits for enter before failing.
fn held(error: Report, typed: Option<&str>) -> Result<Output> {
    let mut said = format!(
        "tether: {}\n",
        crate::sanitize::lines(&crate::cli::explain(&error))
    );
    if let Some(text) = typed {
        said.push_str(&format!("Not logged: {}\n", clean(text.trim_end())));
    }
    said.push_str("(enter closes) ");
    eprint!("{said}");
    let _ = std::io::stderr().flush();
    let _ = std::io::stdin().lock().read_line(&mut String::new());
    Err(eyre!("nothing was logged"))
}
