//! The export as an iCalendar file (RFC 5545): one event for each active stretch of a
//! session (its interactions between two gaps), titled with the mission.
//!
//! Lines end in CRLF and are folded at 75 octets (never inside a character); text values
//! escape `\`, `;`, `,` and line breaks, and are made safe like every text tether prints.
//! Times are in UTC, to the second. A stretch shorter than a second (a lone interaction
//! has no active time) makes no event. Each event's UID is the session and the stretch's
//! start, so that a calendar importing a later export updates the events it has.

use std::io::{self, Write};

use chrono::{DateTime, TimeDelta, Utc};

use super::Sink;
use crate::duration::human_delta;
use crate::sanitize;
use crate::session::Interaction;
use crate::store::Amended;
use crate::text::counted;
use crate::timeline::{Stretch, stretches};

/// The most octets of a line before it is folded.
const FOLD: usize = 75;

/// Writes calendar events to `out`.
pub struct Ics<W: Write> {
    out: W,
    threshold: TimeDelta,
    stamp: String,
    /// The current session's times.
    times: Vec<DateTime<Utc>>,
}

impl<W: Write> Ics<W> {
    /// A calendar to `out`, made at `now`, stretches cut at gaps longer than `threshold`;
    /// writes its start.
    pub fn new(out: W, now: DateTime<Utc>, threshold: TimeDelta) -> io::Result<Self> {
        let mut ics = Ics {
            out,
            threshold,
            stamp: basic(now),
            times: Vec::new(),
        };
        ics.line("BEGIN", "VCALENDAR")?;
        ics.line("VERSION", "2.0")?;
        let product = format!("-//tether//tether {}//EN", env!("CARGO_PKG_VERSION"));
        ics.line("PRODID", &product)?;
        ics.line("CALSCALE", "GREGORIAN")?;
        ics.line("X-WR-CALNAME", "tether")?;
        Ok(ics)
    }

    /// Writes one content line, `name:value`, folded.
    fn line(&mut self, name: &str, value: &str) -> io::Result<()> {
        self.out
            .write_all(fold(&format!("{name}:{value}")).as_bytes())
    }

    fn event(&mut self, amended: &Amended, stretch: &Stretch) -> io::Result<()> {
        let session = &amended.session;
        let start = basic(stretch.start);
        let description = format!(
            "Session {} · {} · active {}",
            session.id,
            counted(stretch.interactions, "interaction", "interactions"),
            human_delta(stretch.length())
        );
        self.line("BEGIN", "VEVENT")?;
        self.line("UID", &format!("{}-{start}@tether", session.id))?;
        let stamp = self.stamp.clone();
        self.line("DTSTAMP", &stamp)?;
        self.line("DTSTART", &start)?;
        self.line("DTEND", &basic(stretch.end))?;
        self.line("SUMMARY", &text(&session.mission.title))?;
        self.line("DESCRIPTION", &text(&description))?;
        self.line("END", "VEVENT")
    }
}

impl<W: Write> Sink for Ics<W> {
    fn session(&mut self, _: &Amended) -> io::Result<()> {
        self.times.clear();
        Ok(())
    }

    fn interaction(&mut self, _: &Amended, interaction: Interaction) -> io::Result<()> {
        self.times.push(interaction.at);
        Ok(())
    }

    fn end_session(&mut self, amended: &Amended) -> io::Result<()> {
        let mut times = std::mem::take(&mut self.times);
        times.sort_unstable();
        for stretch in stretches(&times, self.threshold) {
            if stretch.length() >= TimeDelta::seconds(1) {
                self.event(amended, &stretch)?;
            }
        }
        self.times = times;
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.line("END", "VCALENDAR")?;
        self.out.flush()
    }
}

/// A UTC time in the basic form, to the second: `20250815T235034Z`.
fn basic(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value: made safe for a terminal line by line, then `\`, `;`, `,` and line breaks
/// escaped.
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    for (n, line) in value.split('\n').enumerate() {
        if n > 0 {
            out.push_str("\\n");
        }
        for c in sanitize::line(line).chars() {
            if matches!(c, '\\' | ';' | ',') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// A content line folded at [`FOLD`] octets (a continuation line starts with a space,
/// which counts), each piece ending in CRLF; a character is never cut.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / FOLD * 3 + 2);
    let mut room = FOLD;
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > room {
            out.push_str("\r\n ");
            room = FOLD - 1;
            used = 0;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_cutting_a_character() {
        let line = format!("SUMMARY:{}", "é".repeat(100));
        let folded = fold(&line);
        assert!(folded.ends_with("\r\n"));
        let pieces: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(pieces.len() > 2);
        assert!(pieces.iter().all(|p| p.len() <= FOLD), "{pieces:?}");
        assert!(pieces[1..].iter().all(|p| p.starts_with(' ')));
        let unfolded: String = pieces
            .iter()
            .enumerate()
            .map(|(n, p)| if n == 0 { *p } else { &p[1..] })
            .collect();
        assert_eq!(unfolded, line);
        assert_eq!(fold("END:VEVENT"), "END:VEVENT\r\n");
    }

    #[test]
    fn text_values_escape_what_rfc_5545_says() {
        assert_eq!(text("a\\b;c,d\ne"), "a\\\\b\\;c\\,d\\ne");
        assert_eq!(text("bell\u{7}"), "bell␇");
    }
}
