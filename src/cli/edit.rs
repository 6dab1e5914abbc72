//! `tether edit` and `tether delete`: corrections to an interaction, picked by its id (as
//! `report --format text --ids` shows it) or a unique start of it.

use chrono::Local;
use clap::Args;
use color_eyre::eyre::{Result, bail};
use ulid::Ulid;

use super::out::{Output, clean, local_second};
use super::write::apply;
use crate::Ctx;
use crate::ops::{Change, InteractionEdit, Outcome, Target};
use crate::session::{Interaction, Kind, SessionId, Source};

/// `edit`.
#[derive(Debug, Args)]
#[command(group(
    clap::ArgGroup::new("what").required(true).multiple(true).args(["text", "at", "kind"])
))]
pub struct EditArgs {
    /// The session it is in; the active one when not given.
    #[arg(long, value_name = "ID")]
    pub session: Option<SessionId>,
    /// Move it to another time (past only): 2025-08-15T23:50:34Z, "2025-08-15 23:50", 23:50,
    /// or -2h, -1h30m.
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// Make it record something else.
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
    /// The interaction's id, or enough of its start to tell it from the others
    /// (`tether report --format text --ids` shows them).
    #[arg(value_name = "ID")]
    pub id: String,
    /// Its new words; unchanged when not given.
    #[arg(value_name = "TEXT")]
    pub text: Vec<String>,
}

/// `delete`.
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The session it is in; the active one when not given.
    #[arg(long, value_name = "ID")]
    pub session: Option<SessionId>,
    /// Bring back an interaction deleted earlier.
    #[arg(long)]
    pub undo: bool,
    /// The interaction's id, or enough of its start to tell it from the others
    /// (`tether report --format text --ids` shows them).
    #[arg(value_name = "ID")]
    pub id: String,
}

/// `tether edit`.
pub fn edit(ctx: &Ctx, args: EditArgs) -> Result<Output> {
    let now = ctx.clock.now();
    let at = match &args.at {
        Some(when) => Some(crate::when::parse(when, now, &Local)?),
        None => None,
    };
    let text = (!args.text.is_empty()).then(|| args.text.join(" "));
    let id = super::target_id(&ctx.store, args.session.clone())?;
    let interaction = find(ctx, &id, args.session.is_some(), &args.id, false)?;
    let change = Change::EditInteraction {
        session: Target::Session(id),
        interaction,
        edit: InteractionEdit {
            text,
            at,
            kind: args.kind,
        },
    };
    let applied = apply(ctx, Source::Cli, change)?;
    let Outcome::InteractionEdited { before, after } = applied.outcome else {
        unreachable!("an edit edits")
    };
    if before == after {
        return Ok(Output::Text(format!(
            "Nothing to change in session {}: {}",
            applied.session,
            line(&after)
        )));
    }
    Ok(Output::Text(format!(
        "Edited in session {}:\n  was {}\n  now {}",
        applied.session,
        line(&before),
        line(&after)
    )))
}

/// `tether delete`, and `delete --undo`.
pub fn delete(ctx: &Ctx, args: DeleteArgs) -> Result<Output> {
    let id = super::target_id(&ctx.store, args.session.clone())?;
    let interaction = find(ctx, &id, args.session.is_some(), &args.id, args.undo)?;
    let session = Target::Session(id);
    if args.undo {
        let change = Change::RestoreInteraction {
            session,
            interaction,
        };
        let applied = apply(ctx, Source::Cli, change)?;
        let Outcome::InteractionRestored { interaction } = applied.outcome else {
            unreachable!("a restoring restores")
        };
        let said = format!(
            "Restored in session {}: {}",
            applied.session,
            line(&interaction)
        );
        return Ok(Output::Text(said));
    }
    let change = Change::DeleteInteraction {
        session,
        interaction,
    };
    let applied = apply(ctx, Source::Cli, change)?;
    let Outcome::InteractionDeleted { interaction } = applied.outcome else {
        unreachable!("a deletion deletes")
    };
    let mut undo = "tether delete --undo".to_string();
    if args.session.is_some() {
        undo.push_str(&format!(" --session {}", applied.session));
    }
    Ok(Output::Text(format!(
        "Deleted from session {}: {}\n`{undo} {}` brings it back",
        applied.session,
        line(&interaction),
        interaction.id
    )))
}

/// An interaction on one line: `[2025-08-15 23:50:34] note · Creating gift`.
fn line(i: &Interaction) -> String {
    format!(
        "[{}] {} · {}",
        local_second(i.at),
        i.kind.as_str(),
        clean(&i.text)
    )
}

/// The interaction of session `id` whose id starts with `typed` (a deleted one, with
/// `deleted`); refused when none or several do. `named` says whether the session was
/// given with --session (the hints then name it).
fn find(ctx: &Ctx, id: &SessionId, named: bool, typed: &str, deleted: bool) -> Result<Ulid> {
    let prefix = typed.trim().to_ascii_uppercase();
    let alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    if prefix.is_empty() || prefix.len() > 26 || !prefix.chars().all(|c| alphabet.contains(c)) {
        bail!(
            "'{}' is not an interaction id: ids are 26 letters and digits, as `tether report --format text --ids` shows them",
            clean(typed)
        );
    }
    let loaded = super::load(&ctx.store, id)?;
    let shown = loaded.interactions.iter().map(|i| i.id);
    let candidates: Vec<Ulid> = if deleted {
        let shown: std::collections::HashSet<Ulid> = shown.collect();
        let mut written = Vec::new();
        ctx.store.timeline_with(id, |block| {
            written.extend(
                block
                    .drain(..)
                    .filter_map(|r| r.into_interaction().map(|i| i.id)),
            )
        })?;
        written.retain(|w| !shown.contains(w));
        written.sort_unstable();
        written.dedup();
        written
    } else {
        shown.collect()
    };
    let matching: Vec<Ulid> = candidates
        .into_iter()
        .filter(|c| c.to_string().starts_with(&prefix))
        .collect();
    let session = if named {
        format!(" --session {id}")
    } else {
        String::new()
    };
    let (which, listed) = if deleted {
        (
            "deleted interaction",
            "`tether delete` said the id".to_string(),
        )
    } else {
        (
            "interaction",
            format!("`tether report{session} --format text --ids` lists them"),
        )
    };
    match matching.as_slice() {
        [one] => Ok(*one),
        [] => bail!("no {which} of session {id} has an id starting with {prefix}: {listed}"),
        many => bail!(
            "{prefix} starts the ids of {} {which}s of session {id}: give more of it ({listed})",
            many.len()
        ),
    }
}
