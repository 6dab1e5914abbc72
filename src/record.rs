//! The lines of `timeline.jsonl`: a header, then interactions, amendments and the marks of
//! a briefing seen. (What the session itself is, its state, is logged apart: [`state`].)
//!
//! The timeline is append-only. Editing or deleting an interaction appends an
//! [`Amendment`]; [`crate::timeline::materialize`] applies them on read.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ulid::Ulid;

use crate::session::{Interaction, Kind, Source};

mod fast;
mod raw;
pub mod state;

pub use fast::{
    InteractionLine, interaction_head, is_interaction_line, next_interaction, parse_line,
    parse_next, text_of,
};
use raw::RawLine;

/// The first line of every timeline file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// The file format number.
    pub format: u32,
}

/// A change to an earlier interaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// The text was replaced.
    Text(String),
    /// The interaction was deleted (or, with `false`, restored).
    Deleted(bool),
    /// The interaction was moved to another time.
    At(DateTime<Utc>),
    /// The interaction records something else.
    Kind(Kind),
}

/// A record that changes an earlier interaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amendment {
    /// Stable unique id of this amendment.
    pub id: Ulid,
    /// When the change was made.
    pub at: DateTime<Utc>,
    /// The interaction it changes.
    pub target: Ulid,
    /// What changed.
    pub change: Change,
}

/// A resume briefing was seen: by the person (from the dashboard or a terminal) or by an
/// assistant. Only the person's pays the briefing a gap owes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seen {
    /// Stable unique id of this mark.
    pub id: Ulid,
    /// When the briefing was seen.
    pub at: DateTime<Utc>,
    /// Who saw it.
    pub by: Source,
}

impl Seen {
    /// Whether the person saw it (not an assistant, a hook or a script).
    pub fn by_person(&self) -> bool {
        matches!(self.by, Source::Tui | Source::Cli)
    }
}

/// One line of a timeline after the header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawLine", into = "RawLine")]
pub enum Record {
    /// Something that happened.
    Interaction(Interaction),
    /// A change to an earlier interaction.
    Amend(Amendment),
    /// A briefing was seen.
    Seen(Seen),
}

impl Record {
    /// The record's own id.
    pub fn id(&self) -> Ulid {
        match self {
            Record::Interaction(i) => i.id,
            Record::Amend(a) => a.id,
            Record::Seen(s) => s.id,
        }
    }

    /// The interaction this record is, if it is one.
    pub fn interaction(&self) -> Option<&Interaction> {
        match self {
            Record::Interaction(i) => Some(i),
            _ => None,
        }
    }

    /// The interaction this record is, if it is one, taken.
    pub fn into_interaction(self) -> Option<Interaction> {
        match self {
            Record::Interaction(i) => Some(i),
            _ => None,
        }
    }
}

/// Serializes a record as one line ending in `\n`.
pub fn to_line(record: &Record) -> Vec<u8> {
    let mut line = serde_json::to_vec(record).expect("a record always serializes");
    line.push(b'\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn records_round_trip_through_one_line() {
        let records = [
            Record::Interaction(Interaction {
                id: Ulid::from_parts(1, 1),
                at: at("2025-08-15T23:50:34Z"),
                kind: Kind::Note,
                source: Source::Cli,
                text: "Creating gift for \"Session\" 00004\n".into(),
                head: Some("0123456789abcdef0123456789abcdef01234567".into()),
                branch: Some("feature/gaps".into()),
            }),
            Record::Seen(Seen {
                id: Ulid::from_parts(4, 4),
                at: at("2025-08-16T08:08:00Z"),
                by: Source::Tui,
            }),
            Record::Amend(Amendment {
                id: Ulid::from_parts(2, 2),
                at: at("2025-08-16T08:00:00Z"),
                target: Ulid::from_parts(1, 1),
                change: Change::Text("fixed".into()),
            }),
            Record::Amend(Amendment {
                id: Ulid::from_parts(3, 3),
                at: at("2025-08-16T08:00:00Z"),
                target: Ulid::from_parts(1, 1),
                change: Change::Deleted(true),
            }),
            Record::Amend(Amendment {
                id: Ulid::from_parts(5, 5),
                at: at("2025-08-16T08:00:00Z"),
                target: Ulid::from_parts(1, 1),
                change: Change::At(at("2025-08-15T22:00:00Z")),
            }),
            Record::Amend(Amendment {
                id: Ulid::from_parts(6, 6),
                at: at("2025-08-16T08:00:00Z"),
                target: Ulid::from_parts(1, 1),
                change: Change::Kind(Kind::Progress),
            }),
        ];
        for record in records {
            let line = to_line(&record);
            assert_eq!(line.iter().filter(|&&b| b == b'\n').count(), 1);
            let back: Record = serde_json::from_slice(&line).unwrap();
            assert_eq!(back, record);
        }
    }

    #[test]
    fn incomplete_records_are_refused() {
        let bad = [
            r#"{"id":"01K2S5Y7W0000000000000000A","at":"2025-08-15T23:50:34Z","text":"x"}"#,
            r#"{"id":"01K2S5Y7W0000000000000000A","at":"2025-08-15T23:50:34Z","amends":"01K2S5Y7W0000000000000000A"}"#,
            r#"{"id":"01K2S5Y7W0000000000000000A","at":"2025-08-15T23:50:34Z","kind":"note","source":"cli","text":"x","extra":1}"#,
            r#"{"id":"01K2S5Y7W0000000000000000A","at":"2025-08-15T23:50:34Z","amends":"01K2S5Y7W0000000000000000A","kind":"note","text":"x"}"#,
            r#"{"id":"01K2S5Y7W0000000000000000A","at":"2025-08-15T23:50:34Z","kind":"note","source":"cli","text":"x","time":"2025-08-15T23:50:34Z"}"#,
        ];
        for line in bad {
            assert!(serde_json::from_str::<Record>(line).is_err(), "{line}");
        }
    }
}
