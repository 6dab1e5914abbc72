//! The export as CSV (RFC 4180: a header row, fields quoted when they hold a comma, a
//! quote or a line break, lines ending in CRLF), one row an interaction.
//!
//! Texts are made safe as everywhere tether prints them: control and invisible characters
//! shown (`␛`, `<U+200B>`), line breaks kept inside the quoted field. A text that begins
//! with `=`, `+`, `-` or `@` gets a `'` in front, so that a spreadsheet shows it rather than
//! computing it (a commit subject is someone else's text). The JSON lines carry every text
//! exactly.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

use chrono::{DateTime, Datelike, NaiveDateTime, SecondsFormat, Timelike, Utc};

use super::Sink;
use crate::sanitize;
use crate::session::Interaction;
use crate::store::Amended;
use crate::zone::Zone;

/// The header row.
pub const HEADER: [&str; 8] = [
    "session",
    "mission",
    "id",
    "time_utc",
    "local_time",
    "kind",
    "source",
    "text",
];

/// Writes CSV rows to `out`.
pub struct Csv<W: Write> {
    out: ::csv::Writer<W>,
    zone: Zone,
    /// The current session's mission, made safe once.
    mission: String,
    /// The two times of a row, written again for each.
    utc: String,
    local: String,
}

impl<W: Write> Csv<W> {
    /// A CSV export to `out`, local times in `zone`; writes the header row.
    pub fn new(out: W, zone: Zone) -> io::Result<Self> {
        let mut out = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(out);
        out.write_record(HEADER).map_err(into_io)?;
        Ok(Csv {
            out,
            zone,
            mission: String::new(),
            utc: String::new(),
            local: String::new(),
        })
    }
}

/// A text as a cell: made safe for a terminal, line breaks kept, and unable to start a
/// spreadsheet formula.
pub fn cell(text: &str) -> Cow<'_, str> {
    let safe = match text.contains('\n') {
        true => Cow::Owned(sanitize::lines(text)),
        false => sanitize::line(text),
    };
    if safe.starts_with(['=', '+', '-', '@']) {
        Cow::Owned(format!("'{safe}"))
    } else {
        safe
    }
}

/// `2025-08-15T23:50:34Z`, with the fraction of a second there is, as RFC 3339 writes it
/// (`SecondsFormat::AutoSi`), without parsing a format for each row.
fn write_utc(out: &mut String, at: DateTime<Utc>) {
    out.clear();
    let nanos = at.timestamp_subsec_nanos();
    if nanos >= 1_000_000_000 {
        // a leap second: rare enough for the general path
        out.push_str(&at.to_rfc3339_opts(SecondsFormat::AutoSi, true));
        return;
    }
    write_date_time(out, at.naive_utc(), 'T');
    let _ = match nanos {
        0 => Ok(()),
        n if n % 1_000_000 == 0 => write!(out, ".{:03}", n / 1_000_000),
        n if n % 1_000 == 0 => write!(out, ".{:06}", n / 1_000),
        n => write!(out, ".{n:09}"),
    };
    out.push('Z');
}

/// `2025-08-16 01:50:34`: wall-clock time to the second.
fn write_date_time(out: &mut String, at: NaiveDateTime, between: char) {
    let _ = write!(
        out,
        "{:04}-{:02}-{:02}{between}{:02}:{:02}:{:02}",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    );
}

impl<W: Write> Sink for Csv<W> {
    fn session(&mut self, amended: &Amended) -> io::Result<()> {
        self.mission = cell(&amended.session.mission.title).into_owned();
        Ok(())
    }

    fn interaction(&mut self, amended: &Amended, i: Interaction) -> io::Result<()> {
        write_utc(&mut self.utc, i.at);
        self.local.clear();
        write_date_time(&mut self.local, self.zone.show(i.at).naive_local(), ' ');
        let mut id = [0; ulid::ULID_LEN];
        let text = cell(&i.text);
        let row = [
            amended.session.id.as_str(),
            self.mission.as_str(),
            i.id.array_to_str(&mut id),
            self.utc.as_str(),
            self.local.as_str(),
            i.kind.as_str(),
            i.source.as_str(),
            &text,
        ];
        self.out.write_record(row).map_err(into_io)
    }

    fn end_session(&mut self, _: &Amended) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// The csv crate's error as the io error it wraps (a closed pipe stays one).
fn into_io(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_as_rfc_3339_writes_them() {
        let mut out = String::new();
        for text in [
            "2025-08-15T23:50:34Z",
            "2025-08-15T23:50:34.500Z",
            "2025-08-15T23:50:34.000250Z",
            "1970-01-01T00:00:00.000000001Z",
            "9999-12-31T23:59:59Z",
            "2016-12-31T23:59:60Z",
        ] {
            let at: DateTime<Utc> = text.parse().unwrap();
            write_utc(&mut out, at);
            assert_eq!(out, at.to_rfc3339_opts(SecondsFormat::AutoSi, true));
        }
    }

    #[test]
    fn a_cell_cannot_start_a_formula_nor_carry_an_escape() {
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("a,b \"c\"\nd\u{1b}"), "a,b \"c\"\nd␛");
        assert!(matches!(cell("plain"), Cow::Borrowed("plain")));
    }
}
