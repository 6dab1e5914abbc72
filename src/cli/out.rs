//! What commands print, and the boundary where user text is made safe for a terminal.

use std::borrow::Cow;
use std::io::{self, Write};

use chrono::{DateTime, Datelike, Local, Timelike, Utc};
use serde::Serialize;

use crate::sanitize;

/// What a command prints on stdout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Text for people.
    Text(String),
    /// JSON for programs.
    Json(String),
    /// Generated text (completions, the man page) printed as it is: it holds no user text.
    Script(String),
    /// Nothing more: the command wrote its output as it went (an export streams), made
    /// safe there.
    Written,
}

impl Output {
    /// Pretty JSON of `value`.
    pub fn json<T: Serialize>(value: &T) -> Self {
        Output::Json(serde_json::to_string_pretty(value).expect("output always serializes"))
    }

    /// The bytes to print, with control characters made harmless: in text made visible, in
    /// JSON escaped (so programs still read the same strings).
    pub fn into_safe_string(self, color: bool) -> String {
        let mut text = match self {
            Output::Text(text) => super::paint::finish(&sanitize::lines(&text), color),
            Output::Json(json) => sanitize::json(json),
            Output::Script(script) => script,
            Output::Written => String::new(),
        };
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text
    }

    /// Prints to stdout, in colour when `color`; a closed pipe (`| head`) is not an error.
    pub fn print(self, color: bool) -> io::Result<()> {
        let text = self.into_safe_string(color);
        match io::stdout().lock().write_all(text.as_bytes()) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => other,
        }
    }
}

/// An answer given in part: an error that carries what could still be said, for whoever
/// prints it (on stdout, before the errors), and why the rest could not (a command over
/// every mission: each mission left out, with its file and line). A command fails with it
/// so that a script sees the answer is not whole; it never prints itself (stdout may be a
/// protocol).
#[derive(Debug)]
pub struct PartialAnswer {
    /// What could still be said.
    pub output: Output,
    /// Why each part left out could not be read.
    pub notes: Vec<String>,
    /// One line saying so: the error.
    pub summary: String,
}

impl std::fmt::Display for PartialAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.summary)
    }
}

impl std::error::Error for PartialAnswer {}

impl PartialAnswer {
    /// All of it as text without colour: the output, then each note and the summary.
    pub fn into_text(self) -> String {
        let mut text = self.output.into_safe_string(false);
        for line in self.notes.iter().chain([&self.summary]) {
            text.push_str(&sanitize::line(line));
            text.push('\n');
        }
        text
    }
}

/// `Ok(output)` when nothing was left `unread`, else the [`PartialAnswer`] error carrying it;
/// `what` says what the output is then.
pub fn unless_unread(
    output: Output,
    unread: &[impl std::fmt::Display],
    what: &str,
) -> color_eyre::Result<Output> {
    if unread.is_empty() {
        return Ok(output);
    }
    let missions = crate::text::counted(unread.len(), "mission", "missions");
    Err(PartialAnswer {
        output,
        notes: unread.iter().map(ToString::to_string).collect(),
        summary: format!("{missions} could not be read whole (said above): {what}"),
    }
    .into())
}

/// Prints what a command that failed with a [`PartialAnswer`] could still say (on stdout,
/// in colour when `color`) and each note on stderr, leaving its summary to be said as the
/// error; any other error is given back as it is.
pub fn print_what_was_read(report: color_eyre::Report, color: bool) -> color_eyre::Report {
    let Some(answer) = report.downcast_ref::<PartialAnswer>() else {
        return report;
    };
    let _ = answer.output.clone().print(color);
    for line in &answer.notes {
        note(line);
    }
    report
}

/// User text made safe for one line (and unable to forge colour marks).
pub fn clean(text: &str) -> Cow<'_, str> {
    let safe = sanitize::line(text);
    if !safe.chars().any(super::paint::is_mark) {
        return safe;
    }
    let replace = |c| {
        if super::paint::is_mark(c) {
            '\u{FFFD}'
        } else {
            c
        }
    };
    Cow::Owned(safe.chars().map(replace).collect())
}

/// User or git text for Markdown: made safe like [`clean`], then escaped, so that it
/// renders as written ([`crate::markdown::text`]).
pub fn md(text: &str) -> String {
    crate::markdown::text(&clean(text))
}

/// A user's text of several lines for Markdown, each line like [`md`].
pub fn md_lines(text: &str) -> String {
    text.split('\n').map(md).collect::<Vec<_>>().join("\n")
}

/// A path, branch or commit for Markdown, as a code span ([`crate::markdown::code`]).
pub fn md_code(text: &str) -> String {
    crate::markdown::code(&clean(text))
}

/// A time in local time, to the minute: `2025-08-15 23:50`.
pub fn local_minute(at: DateTime<Utc>) -> String {
    local(at, false)
}

/// A time in local time, to the second: `2025-08-15 23:50:34`.
pub fn local_second(at: DateTime<Utc>) -> String {
    local(at, true)
}

/// A time in local time, to the minute or the second, written directly: a report lists
/// thousands, and `strftime` parses its pattern anew for each.
fn local(at: DateTime<Utc>, seconds: bool) -> String {
    let t = at.with_timezone(&Local);
    // beyond four-digit years and in a leap second, `strftime` has the last word
    if !(0..=9999).contains(&t.year()) || t.nanosecond() >= 1_000_000_000 {
        let pattern = if seconds {
            "%Y-%m-%d %H:%M:%S"
        } else {
            "%Y-%m-%d %H:%M"
        };
        return t.format(pattern).to_string();
    }
    let (y, mo, d, h, mi) = (t.year(), t.month(), t.day(), t.hour(), t.minute());
    match seconds {
        true => format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{:02}", t.second()),
        false => format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}"),
    }
}

/// A local clock time: `23:50`.
pub fn local_clock(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local).format("%H:%M").to_string()
}

/// Prints a note on stderr (made safe): what a person should know, kept out of the
/// output programs read.
pub fn note(message: &str) {
    let _ = writeln!(io::stderr(), "tether: {}", sanitize::line(message));
}

/// Prints a warning on stderr (made safe).
pub fn warn(message: &str) {
    let _ = writeln!(io::stderr(), "tether: warning: {}", sanitize::line(message));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_read_as_strftime_writes_them() {
        for text in [
            "2025-08-15T23:50:34.999Z",
            "0001-01-01T00:00:00Z",
            "1995-06-17T05:54:21Z",
            "9999-12-31T12:00:00Z",
            "2016-12-31T23:59:60.5Z",
        ] {
            let at: DateTime<Utc> = text.parse().unwrap();
            let t = at.with_timezone(&Local);
            assert_eq!(local_minute(at), t.format("%Y-%m-%d %H:%M").to_string());
            assert_eq!(local_second(at), t.format("%Y-%m-%d %H:%M:%S").to_string());
        }
    }
}
