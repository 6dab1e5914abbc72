//! Reading a tether export (JSON lines, `tether export --format jsonl`) back: every line
//! checked and each session's plan gathered in a first pass, before anything is written;
//! its interactions read again, line by line, when they are restored.

use std::io::{self, BufRead, Read};

use crate::export::jsonl::{self, FORMAT, Header, Line, SessionLine};
use crate::session::{Decision, SessionId, Snapshot, Step};

/// The longest line read: far more than any session line or snapshot tether writes.
pub const MAX_LINE: u64 = 16 << 20;

/// Why an export cannot be restored.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The file could not be read.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// A line is not what an export holds there.
    #[error("line {line}: {reason}")]
    Line {
        /// The 1-based line number.
        line: usize,
        /// Why.
        reason: String,
    },
}

/// One session of an export: everything but its interactions, which are counted.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// The line of the session.
    pub line: usize,
    /// The session.
    pub session: SessionLine,
    /// Its steps, decisions and snapshots.
    pub steps: Vec<Step>,
    /// Its decisions.
    pub decisions: Vec<Decision>,
    /// Its snapshots.
    pub snapshots: Vec<Snapshot>,
    /// How many interaction lines follow.
    pub interactions: usize,
}

/// What the first pass found.
#[derive(Clone, Debug, PartialEq)]
pub struct Backup {
    /// The first line.
    pub header: Header,
    /// The sessions, in the order of the file.
    pub sessions: Vec<Plan>,
}

/// Whether a file's first line (without its `\n`) is that of a tether export.
pub fn is_export(first_line: &[u8]) -> bool {
    matches!(jsonl::parse(first_line), Ok(Line::Export(_)))
}

/// The lines of an export, one at a time, each bounded by [`MAX_LINE`].
pub struct Reader<R> {
    reader: R,
    buf: Vec<u8>,
    line: usize,
}

impl<R: BufRead> Reader<R> {
    /// Reads the export in `reader`.
    pub fn new(reader: R) -> Self {
        Reader {
            reader,
            buf: Vec::new(),
            line: 0,
        }
    }

    /// The next line (blank ones passed over) with its number, or `None` at the end.
    pub fn next_line(&mut self) -> Result<Option<(usize, Line)>, BackupError> {
        loop {
            self.buf.clear();
            let n = (&mut self.reader)
                .take(MAX_LINE + 1)
                .read_until(b'\n', &mut self.buf)?;
            if n == 0 {
                return Ok(None);
            }
            self.line += 1;
            let line = self.line;
            let bad = |reason: String| BackupError::Line { line, reason };
            if self.buf.len() as u64 > MAX_LINE {
                return Err(bad(format!("longer than {} bytes", MAX_LINE)));
            }
            let bytes = self.buf.trim_ascii();
            if bytes.is_empty() {
                continue;
            }
            return match jsonl::parse(bytes) {
                Ok(parsed) => Ok(Some((line, parsed))),
                Err(e) => Err(bad(e.to_string())),
            };
        }
    }
}

/// The first pass: checks every line of an export and gathers its sessions. Refused: a
/// first line that is not an export's, a newer format, a line of a session outside that
/// session's lines, a session twice.
pub fn plan<R: BufRead>(reader: &mut Reader<R>) -> Result<Backup, BackupError> {
    let header = match reader.next_line()? {
        Some((_, Line::Export(header))) if header.format <= FORMAT => header,
        Some((line, Line::Export(header))) => {
            return Err(BackupError::Line {
                line,
                reason: format!(
                    "an export of format {}, newer than this tether reads ({FORMAT}): update tether",
                    header.format
                ),
            });
        }
        _ => {
            return Err(BackupError::Line {
                line: 1,
                reason: "not a tether export (its first line is not `{\"type\":\"export\",…}`)"
                    .into(),
            });
        }
    };
    let mut sessions: Vec<Plan> = Vec::new();
    while let Some((line, parsed)) = reader.next_line()? {
        let bad = |reason: String| BackupError::Line { line, reason };
        if let Line::Session(session) = parsed {
            if sessions
                .iter()
                .any(|p| p.session.session == session.session)
            {
                return Err(bad(format!("session {} again", session.session)));
            }
            sessions.push(Plan {
                line,
                session,
                steps: Vec::new(),
                decisions: Vec::new(),
                snapshots: Vec::new(),
                interactions: 0,
            });
            continue;
        }
        let Some(plan) = sessions.last_mut() else {
            return Err(bad("a line of a session before any session line".into()));
        };
        let expect = |of: &SessionId| match of == &plan.session.session {
            true => Ok(()),
            false => Err(bad(format!(
                "a line of session {of} among the lines of session {}",
                plan.session.session
            ))),
        };
        match parsed {
            Line::Export(_) => return Err(bad("a second export line".into())),
            Line::Session(_) => unreachable!("taken above"),
            Line::Step(of) => expect(&of.session).map(|()| plan.steps.push(of.item))?,
            Line::Decision(of) => expect(&of.session).map(|()| plan.decisions.push(of.item))?,
            Line::Snapshot(of) => expect(&of.session).map(|()| plan.snapshots.push(of.item))?,
            Line::Interaction(of) => expect(&of.session).map(|()| plan.interactions += 1)?,
        }
    }
    Ok(Backup { header, sessions })
}
