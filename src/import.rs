//! Reading plain session logs: `[HH:MM[:SS]] text` and `[YYYY-MM-DD HH:MM[:SS]] text`
//! lines (the seed's "Migration Path": existing numbered sessions continue in tether).
//!
//! Pure: text in, entries and skipped lines out. Local times are read in the time zone
//! given (the system's for the CLI, `Utc` or a `FixedOffset` in tests) and returned in UTC.

pub mod backup;

use std::fmt;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Timelike, Utc};

use crate::session::MAX_TEXT_BYTES;
use crate::when::{local_to_utc, parse_time};

/// One line of the log that becomes an interaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The 1-based line number in the file.
    pub line: usize,
    /// When it happened (UTC).
    pub at: DateTime<Utc>,
    /// What happened, trimmed.
    pub text: String,
}

/// Why a line was not imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The line does not start with a bracketed time.
    NoTime,
    /// The brackets hold something that is not a valid time (`[25:99]`).
    BadTime(String),
    /// A time without a date, and no `--date` (nor an earlier dated line) to place it.
    NeedsDate {
        /// The line carries seconds (`[HH:MM:SS]`) rather than minutes (`[HH:MM]`).
        seconds: bool,
    },
    /// Nothing after the time.
    EmptyText,
    /// The text is over [`MAX_TEXT_BYTES`].
    TooLong(usize),
    /// A local time that a daylight-saving change skips.
    NoSuchLocalTime(NaiveDateTime),
    /// A time after the moment of the import (usually a wrong `--date`).
    Future(DateTime<Utc>),
    /// A time outside the range tether keeps (shown as read, in local time).
    OutOfRange(String),
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::NoTime => f.write_str("no [time] at the start"),
            Reason::BadTime(inside) => write!(
                f,
                "[{inside}] is not a time: use [HH:MM], [HH:MM:SS] or [YYYY-MM-DD HH:MM:SS]"
            ),
            Reason::NeedsDate { seconds: true } => f.write_str("[HH:MM:SS] needs --date"),
            Reason::NeedsDate { seconds: false } => f.write_str("[HH:MM] needs --date"),
            Reason::EmptyText => f.write_str("empty text"),
            Reason::TooLong(bytes) => write!(
                f,
                "the text is {bytes} bytes, over the limit of {MAX_TEXT_BYTES}"
            ),
            Reason::NoSuchLocalTime(naive) => write!(
                f,
                "{} does not exist in local time (a daylight-saving change skips it)",
                naive.format("%Y-%m-%d %H:%M:%S")
            ),
            Reason::Future(_) => f.write_str("in the future (is --date right?)"),
            Reason::OutOfRange(time) => write!(
                f,
                "{time} is outside the times tether keeps ({})",
                crate::time_range::SAID
            ),
        }
    }
}

/// A line that was not imported, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// The 1-based line number in the file.
    pub line: usize,
    /// Why.
    pub reason: Reason,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

/// What reading a log found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// The lines to import, in file order.
    pub entries: Vec<Entry>,
    /// The lines that could not be read, in file order.
    pub skipped: Vec<Skipped>,
    /// How many `[SESSION RESUMED after ...]` lines were passed over (gaps are derived from
    /// the times, so the markers carry nothing to keep).
    pub gap_markers: usize,
    /// How many `[SESSION 00004 · Mission]` lines (where `journal --format log` changes
    /// mission) were passed over: the lines go to the one session imported into.
    pub session_markers: usize,
    /// How many blank lines were passed over.
    pub blank: usize,
}

impl Parsed {
    /// Moves the entries later than `now` (plus a minute of tolerance) to the skipped
    /// lines: a log of the past that lands in the future has a wrong `--date`.
    pub fn skip_future(&mut self, now: DateTime<Utc>) {
        let limit = crate::time_range::plus(now, TimeDelta::seconds(60));
        let (kept, future): (Vec<Entry>, Vec<Entry>) =
            self.entries.drain(..).partition(|e| e.at <= limit);
        self.entries = kept;
        self.skipped.extend(future.into_iter().map(|e| Skipped {
            line: e.line,
            reason: Reason::Future(e.at),
        }));
        self.skipped.sort_by_key(|s| s.line);
    }
}

/// Reads a session log. Lines `[HH:MM[:SS]] text` are placed on `date` (or on the date of
/// the latest `[YYYY-MM-DD ...]` line before them) and roll over to the next day whenever
/// the clock goes backwards from one line to the next; `[YYYY-MM-DD HH:MM[:SS]] text` lines
/// carry their own date. Times are wall-clock times in `tz`.
pub fn parse<Tz: TimeZone>(input: &str, date: Option<NaiveDate>, tz: &Tz) -> Parsed {
    let mut parsed = Parsed::default();
    let mut clock = Clock { date, last: None };
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    for (index, raw) in input.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            parsed.blank += 1;
            continue;
        }
        if is_gap_marker(trimmed) {
            parsed.gap_markers += 1;
            continue;
        }
        if is_session_marker(trimmed) {
            parsed.session_markers += 1;
            continue;
        }
        match read_line(trimmed, &mut clock, tz) {
            Ok((at, text)) => parsed.entries.push(Entry { line, at, text }),
            Err(reason) => parsed.skipped.push(Skipped { line, reason }),
        }
    }
    parsed
}

/// `[SESSION RESUMED after 8h break]`, in any case.
fn is_gap_marker(line: &str) -> bool {
    const MARKER: &str = "[session resumed";
    line.get(..MARKER.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(MARKER))
}

/// `[SESSION 00004 · Mission]`: the word, then a session id.
fn is_session_marker(line: &str) -> bool {
    const MARKER: &str = "[session ";
    line.get(..MARKER.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(MARKER))
        && line[MARKER.len()..].starts_with(|c: char| c.is_ascii_digit())
}

/// The running date of time-only lines, and the last wall-clock time read.
struct Clock {
    date: Option<NaiveDate>,
    last: Option<NaiveDateTime>,
}

/// The time inside a line's brackets.
enum Stamp {
    /// With its date.
    Full(NaiveDateTime),
    /// With an exact offset (RFC 3339).
    Exact(DateTime<Utc>),
    /// A time of day; `seconds` when it carries them.
    Time { time: NaiveTime, seconds: bool },
}

fn read_line<Tz: TimeZone>(
    line: &str,
    clock: &mut Clock,
    tz: &Tz,
) -> Result<(DateTime<Utc>, String), Reason> {
    let rest = line.strip_prefix('[').ok_or(Reason::NoTime)?;
    let (inside, text) = rest.split_once(']').ok_or(Reason::NoTime)?;
    let stamp = read_stamp(inside.trim())?;
    let text = text.trim();
    let naive = match stamp {
        Stamp::Exact(at) => {
            let at = crate::time_range::check(at)
                .map_err(|_| Reason::OutOfRange(inside.trim().to_string()))?;
            clock.last = Some(at.with_timezone(tz).naive_local());
            clock.date = clock.last.map(|t| t.date());
            return checked_text(text).map(|text| (at, text));
        }
        Stamp::Full(naive) => naive,
        Stamp::Time { time, seconds } => {
            let date = clock.date.ok_or(Reason::NeedsDate { seconds })?;
            let naive = date.and_time(time);
            if clock
                .last
                .is_some_and(|last| goes_back(last, time, seconds))
            {
                naive
                    .checked_add_signed(TimeDelta::days(1))
                    .ok_or_else(|| out_of_range(naive))?
            } else {
                naive
            }
        }
    };
    clock.last = Some(naive);
    clock.date = Some(naive.date());
    let text = checked_text(text)?;
    if !(earliest_local()..=latest_local()).contains(&naive) {
        return Err(out_of_range(naive));
    }
    let at = local_to_utc(tz, naive, "").map_err(|_| Reason::NoSuchLocalTime(naive))?;
    let at = crate::time_range::check(at).map_err(|_| out_of_range(naive))?;
    Ok((at, text))
}

/// The earliest wall-clock time that may be in range in some time zone (a day before it):
/// nothing further out is converted (the exact check is on the UTC time).
fn earliest_local() -> NaiveDateTime {
    crate::time_range::EARLIEST.naive_utc() - TimeDelta::days(1)
}

/// The latest wall-clock time that may be in range in some time zone (a day after it).
fn latest_local() -> NaiveDateTime {
    crate::time_range::LATEST.naive_utc() + TimeDelta::days(1)
}

fn out_of_range(naive: NaiveDateTime) -> Reason {
    Reason::OutOfRange(naive.format("%Y-%m-%d %H:%M:%S").to_string())
}

/// Whether a time of day is earlier than the last line's (at the line's own precision, so
/// `[23:50:34]` then `[23:50]` stays on the same day).
fn goes_back(last: NaiveDateTime, time: NaiveTime, seconds: bool) -> bool {
    let last = last.time();
    if seconds {
        time < last
    } else {
        (time.hour(), time.minute()) < (last.hour(), last.minute())
    }
}

fn checked_text(text: &str) -> Result<String, Reason> {
    if text.is_empty() {
        return Err(Reason::EmptyText);
    }
    if text.len() > MAX_TEXT_BYTES {
        return Err(Reason::TooLong(text.len()));
    }
    Ok(text.to_string())
}

fn read_stamp(inside: &str) -> Result<Stamp, Reason> {
    if let Some(time) = parse_time(inside) {
        let seconds = inside.matches(':').count() == 2;
        return Ok(Stamp::Time { time, seconds });
    }
    let full = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(inside, f).ok());
    if let Some(naive) = full {
        return Ok(Stamp::Full(naive));
    }
    if let Ok(exact) = DateTime::parse_from_rfc3339(inside) {
        return Ok(Stamp::Exact(exact.with_timezone(&Utc)));
    }
    let looks_like_time = inside.starts_with(|c: char| c.is_ascii_digit()) && inside.contains(':');
    if looks_like_time {
        Err(Reason::BadTime(inside.to_string()))
    } else {
        Err(Reason::NoTime)
    }
}

#[cfg(test)]
mod tests;
