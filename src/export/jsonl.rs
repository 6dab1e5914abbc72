//! The export as JSON lines: a backup that `tether import` takes back whole.
//!
//! One JSON object a line, each with its `type`: first `export` (the format, the version
//! of tether, when, and the active session), then for each session a `session` line (its
//! mission, description, status, workspace, times), its `step`, `decision` and `snapshot`
//! lines, and its `interaction` lines, edits applied and deletions left out, each with its
//! own id, so that importing it again adds nothing.

use std::io::{self, Write};
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Sink;
use crate::sanitize;
use crate::session::{
    Decision, Interaction, Mission, MissionStatus, Session, SessionId, Snapshot, Step,
};
use crate::store::Amended;

/// The format of the export this program writes and reads.
pub const FORMAT: u32 = 1;

/// One line of the export.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Line {
    /// The first line: what the file is.
    Export(Header),
    /// A session, before its steps, decisions, snapshots and interactions.
    Session(SessionLine),
    /// A next step of the session.
    Step(Of<Step>),
    /// A key decision of the session.
    Decision(Of<Decision>),
    /// A snapshot of the session's context.
    Snapshot(Of<Snapshot>),
    /// An interaction of the session.
    Interaction(Of<Interaction>),
}

/// The first line of an export.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// The format number ([`FORMAT`]).
    pub format: u32,
    /// The version of tether that wrote it.
    pub tether: String,
    /// When it was written.
    #[serde(deserialize_with = "crate::time_range::deserialize")]
    pub exported: DateTime<Utc>,
    /// The active session when it was written, if it is in the export.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<SessionId>,
}

/// A session: everything of `session.json` but its steps, decisions and snapshots, which
/// have lines of their own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionLine {
    /// Its id.
    pub session: SessionId,
    /// The mission's title.
    pub mission: String,
    /// The mission's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where the mission stands.
    pub status: MissionStatus,
    /// When the session was started.
    #[serde(deserialize_with = "crate::time_range::deserialize")]
    pub created: DateTime<Utc>,
    /// When the mission ended, if it has.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time_range::deserialize_option"
    )]
    pub ended: Option<DateTime<Utc>>,
    /// The folder the session follows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace: Option<PathBuf>,
    /// The highest step number ever given.
    #[serde(default)]
    pub last_step_number: u32,
    /// When the person last saw a briefing of it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time_range::deserialize_option"
    )]
    pub seen: Option<DateTime<Utc>>,
}

impl SessionLine {
    /// The line of `session` (whose steps, decisions and snapshots are left to theirs).
    pub fn of(session: &Session, seen: Option<DateTime<Utc>>) -> Self {
        SessionLine {
            session: session.id.clone(),
            mission: session.mission.title.clone(),
            description: session.mission.description.clone(),
            status: session.mission.status,
            created: session.created,
            ended: session.ended,
            workspace: session.workspace.clone(),
            last_step_number: session.last_step_number,
            seen,
        }
    }

    /// The session it describes, with no steps, decisions or snapshots yet.
    pub fn session(&self) -> Session {
        let mut session = Session::new(self.session.clone(), self.mission.clone(), self.created);
        session.mission = Mission {
            title: self.mission.clone(),
            description: self.description.clone(),
            status: self.status,
        };
        session.ended = self.ended;
        session.workspace = self.workspace.clone();
        session.last_step_number = self.last_step_number;
        session
    }
}

/// Something that belongs to a session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Of<T> {
    /// The session.
    pub session: SessionId,
    /// The thing, its fields beside `session`.
    #[serde(flatten)]
    pub item: T,
}

/// A thing of `session`, on a line of its own.
fn of<T: Clone>(session: &Session, item: &T) -> Of<T> {
    Of {
        session: session.id.clone(),
        item: item.clone(),
    }
}

/// Reads one line of an export (without its `\n`).
pub fn parse(line: &[u8]) -> serde_json::Result<Line> {
    serde_json::from_slice(line)
}

/// Writes JSON lines to `out`.
pub struct Jsonl<W: Write> {
    out: W,
    line: Vec<u8>,
}

impl<W: Write> Jsonl<W> {
    /// A JSON-lines export to `out`; writes the first line.
    pub fn new(out: W, header: Header) -> io::Result<Self> {
        let mut jsonl = Jsonl {
            out,
            line: Vec::with_capacity(512),
        };
        jsonl.write(&Line::Export(header))?;
        Ok(jsonl)
    }

    fn write(&mut self, line: &Line) -> io::Result<()> {
        self.line.clear();
        serde_json::to_writer(&mut self.line, line).map_err(io::Error::other)?;
        self.line.push(b'\n');
        if self
            .line
            .iter()
            .any(|&b| !(0x20..0x7f).contains(&b) && b != b'\n')
        {
            // the characters a terminal acts on or hides in, escaped: the JSON means the same
            let text = String::from_utf8_lossy(&self.line).into_owned();
            return self.out.write_all(sanitize::json(text).as_bytes());
        }
        self.out.write_all(&self.line)
    }
}

impl<W: Write> Sink for Jsonl<W> {
    fn session(&mut self, amended: &Amended) -> io::Result<()> {
        let session = &amended.session;
        self.write(&Line::Session(SessionLine::of(session, amended.seen)))?;
        for step in &session.steps {
            self.write(&Line::Step(of(session, step)))?;
        }
        for decision in &session.decisions {
            self.write(&Line::Decision(of(session, decision)))?;
        }
        for snapshot in &session.snapshots {
            self.write(&Line::Snapshot(of(session, snapshot)))?;
        }
        Ok(())
    }

    fn interaction(&mut self, amended: &Amended, item: Interaction) -> io::Result<()> {
        self.write(&Line::Interaction(Of {
            session: amended.session.id.clone(),
            item,
        }))
    }

    fn end_session(&mut self, _: &Amended) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
