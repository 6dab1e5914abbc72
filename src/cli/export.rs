//! `tether export`: sessions as CSV, JSON lines (a backup) or calendar events, streamed to
//! standard output.

use std::io::{self, BufWriter, Write};

use chrono::Local;
use clap::{Args, ValueEnum};
use color_eyre::eyre::{Result, bail};

use super::Ctx;
use super::out::Output;
use crate::export::csv::Csv;
use crate::export::ics::Ics;
use crate::export::jsonl::{self, Header, Jsonl};
use crate::export::{self, ExportError, Sink};
use crate::session::SessionId;
use crate::store::StoreError;
use crate::when::Span;
use crate::zone::Zone;

/// The bytes gathered before each write to standard output.
const BUFFER: usize = 64 << 10;

/// `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Export this session; the active one when neither this nor --all is given.
    #[arg(long, value_name = "ID", conflicts_with = "all")]
    pub session: Option<SessionId>,
    /// Export every session.
    #[arg(long)]
    pub all: bool,
    /// Only what happened from this time on (as journal takes it).
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Only what happened until this time (a date: that whole day).
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub until: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ExportFormat,
}

/// Formats of `export`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One row an interaction, with a header row (RFC 4180).
    #[default]
    Csv,
    /// JSON lines: sessions, steps, decisions, snapshots and interactions; a backup that
    /// `tether import` takes back whole.
    Jsonl,
    /// iCalendar: one event for each active stretch, titled with the mission.
    Ics,
}

/// Runs `tether export`: writes as it reads, and stops quietly when the reader goes away
/// (`tether export | head`).
pub fn run(ctx: &Ctx, args: ExportArgs) -> Result<Output> {
    let now = ctx.clock.now();
    let span = match (&args.since, &args.until) {
        (None, None) => None,
        (since, until) => Some(Span::parse(
            since.as_deref(),
            until.as_deref(),
            now,
            &Local,
        )?),
    };
    let ids = which(ctx, &args)?;
    let stdout = io::stdout();
    let out = BufWriter::with_capacity(BUFFER, stdout.lock());
    let written = write(ctx, &args, &ids, span.as_ref(), out);
    match written {
        Ok(exported) => {
            for (id, bytes) in exported.torn {
                super::warn_torn(&ctx.store, &id, bytes);
            }
            Ok(Output::Written)
        }
        Err(ExportError::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Output::Written),
        Err(e) => Err(e.into()),
    }
}

/// The sessions to export: the one named, every one, or the active one.
fn which(ctx: &Ctx, args: &ExportArgs) -> Result<Vec<SessionId>> {
    if args.all {
        return Ok(ctx.store.session_ids()?);
    }
    let id = match (&args.session, ctx.store.active()) {
        (Some(id), _) => id.clone(),
        (None, Ok(id)) => id,
        (None, Err(StoreError::NoActive)) => bail!(
            "no active mission to export: `tether export --all` exports every session, `--session ID` one (`tether missions` lists them)"
        ),
        (None, Err(e)) => return Err(e.into()),
    };
    // an unknown session is an error before the first byte is written
    ctx.store.session_head(&id)?;
    Ok(vec![id])
}

fn write(
    ctx: &Ctx,
    args: &ExportArgs,
    ids: &[SessionId],
    span: Option<&Span>,
    out: impl Write,
) -> Result<export::Exported, ExportError> {
    let now = ctx.clock.now();
    let mut sink: Box<dyn Sink + '_> = match args.format {
        ExportFormat::Csv => Box::new(Csv::new(out, Zone::Local)?),
        ExportFormat::Jsonl => {
            let active = ctx.store.state()?.active.filter(|a| ids.contains(a));
            let header = Header {
                format: jsonl::FORMAT,
                tether: env!("CARGO_PKG_VERSION").to_string(),
                exported: now,
                active,
            };
            Box::new(Jsonl::new(out, header)?)
        }
        ExportFormat::Ics => Box::new(Ics::new(out, now, ctx.config.gap_threshold)?),
    };
    export::export(&ctx.store, ids, span, sink.as_mut())
}
