//! `tether journal`: what happened across missions in a span of time, day by day.

use chrono::{DateTime, Days, Local, Utc};
use clap::{Args, ValueEnum};
use color_eyre::eyre::Result;

use super::Ctx;
use super::out::{Output, clean, local_clock, local_minute, local_second, md, unless_unread};
use super::paint::{Paint, paint};
use crate::duration::human;
use crate::journal::{self, Day, Entry, Journal, Line, Touched};
use crate::session::SessionId;
use crate::store::StoreError;
use crate::text::counted;
use crate::when::Span;
use crate::zone::Zone;

/// How many days the journal shows by default: today and the six before it, whole.
const DEFAULT_DAYS: u64 = 7;

/// `journal`.
#[derive(Debug, Args)]
pub struct JournalArgs {
    /// From when: a time (as --at takes it), a date, today, yesterday, a weekday or 7d;
    /// 00:00 six days ago when not given (the last seven days, whole).
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Until when (a date: that whole day); now when not given.
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub until: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: JournalFormat,
}

/// Formats of `journal`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum JournalFormat {
    /// Plain text, day by day.
    #[default]
    Text,
    /// Markdown, for a standup note.
    Md,
    /// JSON for programs: the days, each with its entries.
    Json,
    /// Log lines as session logs read (`[YYYY-MM-DD HH:MM:SS] text`), gaps inline.
    Log,
}

/// Runs `tether journal`.
pub fn run(ctx: &Ctx, args: JournalArgs) -> Result<Output> {
    let now = ctx.clock.now();
    let since = match args.since {
        Some(since) => since,
        None => default_since(now),
    };
    let span = Span::parse(Some(&since), args.until.as_deref(), now, &Local)?;
    let (mut lines, mut unread) = (Vec::new(), Vec::new());
    for id in ctx.store.session_ids()? {
        // a mission that cannot be read is named, and the others still make the journal
        match session_lines(ctx, &id, &span) {
            Ok(mut these) => lines.append(&mut these),
            Err(e) => unread.push(e),
        }
    }
    let journal = journal::build(lines, span, ctx.config.gap_threshold, Zone::Local);
    let out = match args.format {
        JournalFormat::Text => Output::Text(text(&journal, now)),
        JournalFormat::Md => Output::Text(markdown(&journal, now)),
        JournalFormat::Json => Output::json(&journal),
        JournalFormat::Log => Output::Text(log(&journal)),
    };
    let what = "the journal shows the others";
    unless_unread(out, &unread, what)
}

/// The interactions of session `id` in `span`, amendments applied.
fn session_lines(ctx: &Ctx, id: &SessionId, span: &Span) -> Result<Vec<Line>, StoreError> {
    let amended = ctx.store.amended(id)?;
    let mission = &amended.session.mission.title;
    let mut lines = Vec::new();
    let torn = ctx
        .store
        .amended_with(&amended, Some(span), |interaction| {
            lines.push(Line {
                session: id.clone(),
                mission: mission.clone(),
                interaction,
            })
        })?;
    if let Some(bytes) = torn {
        super::warn_torn(&ctx.store, id, bytes);
    }
    Ok(lines)
}

/// 00:00 local, six days before today: with today, the last seven days whole.
fn default_since(now: DateTime<Utc>) -> String {
    let today = now.with_timezone(&Local).date_naive();
    let first = today.checked_sub_days(Days::new(DEFAULT_DAYS - 1));
    first.unwrap_or(today).to_string()
}

/// `from 2025-08-10 00:00 to now`.
fn span_words(j: &Journal, now: DateTime<Utc>) -> String {
    let until = match j.until {
        Some(until) if until <= now => local_minute(until),
        _ => "now".to_string(),
    };
    let since = j
        .since
        .map_or_else(|| "the start".to_string(), local_minute);
    format!("from {since} to {until}")
}

/// The figures of the whole span, in one line.
fn summary(j: &Journal) -> String {
    format!(
        "{} · active {} · {} · {}",
        counted(j.interactions, "interaction", "interactions"),
        human(j.active_seconds),
        counted(j.gap_count, "gap", "gaps"),
        counted(j.missions.len(), "mission", "missions"),
    )
}

fn day_title(day: &Day) -> String {
    day.date.format("%a %-d %b %Y").to_string()
}

/// `00004 Implement Reality Agents · 3 interactions · active 11m`.
fn touched_text(t: &Touched) -> String {
    format!(
        "{} {} · {} · active {}",
        t.session,
        clean(&t.mission),
        counted(t.interactions, "interaction", "interactions"),
        human(t.active_seconds)
    )
}

fn away(seconds: i64) -> String {
    format!("— away {} —", human(seconds))
}

fn text(j: &Journal, now: DateTime<Utc>) -> String {
    if j.days.is_empty() {
        return format!("Nothing logged {}.\n", span_words(j, now));
    }
    let mut out = format!(
        "{}\n{}\n",
        paint(Paint::Bold, &format!("Journal {}", span_words(j, now))),
        summary(j)
    );
    for day in &j.days {
        out.push_str(&format!(
            "\n{}\n",
            paint(
                Paint::Bold,
                &format!("{} · active {}", day_title(day), human(day.active_seconds))
            )
        ));
        for t in &day.missions {
            out.push_str(&format!("  {}\n", paint(Paint::Dim, &touched_text(t))));
        }
        for entry in &day.entries {
            match entry {
                Entry::Gap(gap) => out.push_str(&format!(
                    "         {}\n",
                    paint(Paint::Gap, &away(gap.seconds))
                )),
                Entry::Interaction(l) => out.push_str(&format!(
                    "  {}  {}  {}\n",
                    local_clock(l.interaction.at),
                    paint(Paint::Dim, l.session.as_str()),
                    clean(&l.interaction.text)
                )),
            }
        }
    }
    out
}

/// The journal as a standup note: every text of the user's escaped ([`md`]).
fn markdown(j: &Journal, now: DateTime<Utc>) -> String {
    let mut out = format!("# Journal {}\n\n", span_words(j, now));
    if j.days.is_empty() {
        out.push_str("Nothing logged.\n");
        return out;
    }
    out.push_str(&format!("{}\n", summary(j)));
    for day in &j.days {
        out.push_str(&format!(
            "\n## {}\n\nActive {}",
            day_title(day),
            human(day.active_seconds)
        ));
        for t in &day.missions {
            out.push_str(&format!(
                " · {} ({}) {}",
                md(&t.mission),
                t.session,
                human(t.active_seconds)
            ));
        }
        out.push_str("\n\n");
        for entry in &day.entries {
            match entry {
                Entry::Gap(gap) => out.push_str(&format!("- *{}*\n", away(gap.seconds))),
                Entry::Interaction(l) => out.push_str(&format!(
                    "- {} {} — *{}*\n",
                    local_clock(l.interaction.at),
                    md(&l.interaction.text),
                    md(&l.mission)
                )),
            }
        }
    }
    out
}

/// The journal the way session logs read (as `report --format log` prints them), with a
/// `[SESSION 00004 · Mission]` line where the mission changes (`tether import` passes
/// both kinds of marker over).
fn log(j: &Journal) -> String {
    let mut out = String::new();
    let mut mission = None;
    for entry in j.days.iter().flat_map(|d| &d.entries) {
        match entry {
            Entry::Gap(gap) => {
                let marker = format!("[SESSION RESUMED after {} break]", human(gap.seconds));
                out.push_str(&format!("{}\n", paint(Paint::Gap, &marker)));
            }
            Entry::Interaction(l) => {
                if mission != Some(&l.session) {
                    let marker = format!("[SESSION {} · {}]", l.session, clean(&l.mission));
                    out.push_str(&format!("{}\n", paint(Paint::Dim, &marker)));
                    mission = Some(&l.session);
                }
                out.push_str(&format!(
                    "[{}] {}\n",
                    local_second(l.interaction.at),
                    clean(&l.interaction.text)
                ));
            }
        }
    }
    out
}
