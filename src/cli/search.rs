//! `tether search`: every mission's interactions, steps and decisions that match, newest
//! first, printed as they are found.
//!
//! Text is one line a hit: `2025-08-16 08:10 · 00004 Mission · note · the text`, the match
//! in bold reverse video when colour is on, and nothing marked when it is off (a pipe,
//! `NO_COLOR`): the text reads as written, for `grep` and the like; JSON carries where the
//! matches are. JSON is an array of one object a line, printed as the hits come. Finding
//! nothing is no error: text says so, JSON is `[]`, and the exit status is 0.

use std::io::{self, BufWriter, IsTerminal, Write};

use chrono::{Local, SecondsFormat};
use clap::Args;
use color_eyre::eyre::{Result, eyre};

use super::out::{Output, clean, local_minute};
use super::paint::{Paint, finish, paint};
use super::{Ctx, ListFormat};
use crate::search::{Hit, Item, Matcher, Query, Search};
use crate::session::{Kind, SessionId};
use crate::when::Span;
use crate::zone::Zone;

/// `search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for: words as written, whatever their case (with --regex, a regular
    /// expression, also whatever the case unless it says `(?-i)`).
    #[arg(value_name = "PATTERN")]
    pub pattern: String,
    /// Only in this session.
    #[arg(long, value_name = "ID")]
    pub session: Option<SessionId>,
    /// Only what happened from WHEN on: a time as --at takes it, a date, today, yesterday,
    /// a weekday (monday), or 7d.
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Only what happened until WHEN (a date: the whole day).
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub until: Option<String>,
    /// Only these kinds (repeat it, or separate them with commas); step and decision take
    /// the plan's steps and the key decisions too.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "KIND")]
    pub kind: Vec<Kind>,
    /// Read PATTERN as a regular expression (the Rust regex crate's syntax).
    #[arg(long)]
    pub regex: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
}

/// Runs `tether search`, printing each hit as it is found.
pub fn run(ctx: &Ctx, args: SearchArgs) -> Result<Output> {
    let matcher = match args.regex {
        true => Matcher::regex(&args.pattern)?,
        false => Matcher::literal(&args.pattern)?,
    };
    let span = Span::parse(
        args.since.as_deref(),
        args.until.as_deref(),
        ctx.clock.now(),
        &Local,
    )?;
    let query = Query {
        matcher,
        session: args.session,
        span,
        kinds: args.kind,
    };
    let search = Search::new(&ctx.store, query)?;
    let mut printer = Printer::new(args.format, ctx.color.cli);
    let mut unread = 0;
    for hit in search {
        let printed = match hit {
            Ok(hit) => printer.hit(&hit),
            Err(e) => {
                // said when met, and the other missions searched on
                unread += 1;
                printer
                    .out
                    .flush()
                    .map(|()| super::out::note(&e.to_string()))
            }
        };
        if printed.is_err() {
            return Ok(Output::Written); // the reader went away (`| head`): enough was found
        }
    }
    let ended = printer.finish(&args.pattern);
    if let Err(e) = ended
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        return Err(e.into());
    }
    match unread {
        0 => Ok(Output::Written),
        n => Err(eyre!(
            "{} could not be searched (said above): the hits shown are the others'",
            crate::text::counted(n, "mission", "missions")
        )),
    }
}

/// Prints hits as they come: to a terminal line by line, to a pipe in large writes.
struct Printer {
    format: ListFormat,
    color: bool,
    out: Box<dyn Write>,
    count: usize,
}

impl Printer {
    fn new(format: ListFormat, color: bool) -> Self {
        let stdout = io::stdout();
        let out: Box<dyn Write> = if stdout.is_terminal() {
            Box::new(stdout)
        } else {
            Box::new(BufWriter::with_capacity(64 << 10, stdout))
        };
        Printer {
            format,
            color,
            out,
            count: 0,
        }
    }

    fn hit(&mut self, hit: &Hit) -> io::Result<()> {
        self.count += 1;
        match self.format {
            ListFormat::Text => writeln!(self.out, "{}", finish(&text_line(hit), self.color)),
            ListFormat::Json => {
                let open = if self.count == 1 { "[\n" } else { ",\n" };
                let object = crate::sanitize::json(json_object(hit).to_string());
                write!(self.out, "{open}{object}")
            }
        }
    }

    /// Ends the output: closes the JSON array, or says that nothing matched.
    fn finish(mut self, pattern: &str) -> io::Result<()> {
        match (self.format, self.count) {
            (ListFormat::Json, 0) => writeln!(self.out, "[]")?,
            (ListFormat::Json, _) => writeln!(self.out, "\n]")?,
            (ListFormat::Text, 0) => writeln!(self.out, "No match for “{}”.", clean(pattern))?,
            (ListFormat::Text, _) => {}
        }
        self.out.flush()
    }
}

/// One hit as a line of text, its user text made safe and its matches marked (the marks
/// become colour, or nothing, at the end).
pub fn text_line(hit: &Hit) -> String {
    let what = match (hit.item, hit.step) {
        (Item::Step, Some((number, true))) => format!("step {number} (done)"),
        (Item::Step, Some((number, false))) => format!("step {number}"),
        (Item::Decision, _) => "decision".to_string(),
        _ => hit.kind.as_str().to_string(),
    };
    format!(
        "{} · {} {} · {} · {}",
        paint(Paint::Dim, &local_minute(hit.at)),
        paint(Paint::Bold, hit.session.as_str()),
        clean(&hit.mission),
        paint(Paint::Dim, &what),
        marked(&hit.text, &hit.matches),
    )
}

/// `text` made safe piece by piece, the matched pieces painted.
fn marked(text: &str, matches: &[std::ops::Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len() + 8 * matches.len());
    let mut from = 0;
    for m in matches {
        out.push_str(&clean(&text[from..m.start]));
        out.push_str(&paint(Paint::Match, &clean(&text[m.clone()])));
        from = m.end;
    }
    out.push_str(&clean(&text[from..]));
    out
}

/// One hit for programs: its times in UTC and in local time (with the offset), and where
/// the pattern matches in its text, in characters: `[start, end]` pairs.
pub fn json_object(hit: &Hit) -> serde_json::Value {
    let chars = |byte: usize| hit.text[..byte].chars().count();
    let matches: Vec<[usize; 2]> = hit
        .matches
        .iter()
        .map(|m| [chars(m.start), chars(m.end)])
        .collect();
    let local = Zone::Local
        .show(hit.at)
        .to_rfc3339_opts(SecondsFormat::AutoSi, false);
    let mut object = serde_json::json!({
        "session": hit.session,
        "mission": hit.mission,
        "item": hit.item,
        "id": hit.id,
        "time_utc": hit.at,
        "local_time": local,
        "kind": hit.kind,
        "source": hit.source,
        "text": hit.text,
        "matches": matches,
    });
    if let Some((number, done)) = hit.step {
        object["number"] = number.into();
        object["done"] = done.into();
    }
    object
}
