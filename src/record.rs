//! The lines of `timeline.jsonl`: a header, then interactions, amendments and the marks of
//! a briefing seen.
//!
//! The timeline is append-only. Editing or deleting an interaction appends an
//! [`Amendment`]; [`crate::timeline::materialize`] applies them on read.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ulid::Ulid;

use crate::session::{Interaction, Kind, Source};

mod fast;

pub use fast::{parse_line, parse_next};

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
}

/// The flat shape a record takes on disk.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLine {
    id: Ulid,
    at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    amends: Option<Ulid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kind: Option<Kind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<Source>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    deleted: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    head: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    branch: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seen: Option<Source>,
}

impl TryFrom<RawLine> for Record {
    type Error = &'static str;

    fn try_from(raw: RawLine) -> Result<Self, Self::Error> {
        if !crate::time_range::contains(raw.at) {
            return Err("the time is outside the times tether keeps (1970-01-01 to 9999-12-31)");
        }
        if let Some(by) = raw.seen {
            let others = raw.amends.is_some() || raw.kind.is_some() || raw.text.is_some();
            if others || raw.source.is_some() || raw.deleted.is_some() || raw.head.is_some() {
                return Err("a mark of a briefing seen carries nothing else");
            }
            return Ok(Record::Seen(Seen {
                id: raw.id,
                at: raw.at,
                by,
            }));
        }
        match raw.amends {
            Some(target) => {
                let change = match (raw.text, raw.deleted) {
                    (Some(text), None) => Change::Text(text),
                    (None, Some(deleted)) => Change::Deleted(deleted),
                    _ => return Err("an amendment needs exactly one of text or deleted"),
                };
                Ok(Record::Amend(Amendment {
                    id: raw.id,
                    at: raw.at,
                    target,
                    change,
                }))
            }
            None => Ok(Record::Interaction(Interaction {
                id: raw.id,
                at: raw.at,
                kind: raw.kind.ok_or("an interaction needs a kind")?,
                source: raw.source.ok_or("an interaction needs a source")?,
                text: raw.text.ok_or("an interaction needs a text")?,
                head: raw.head,
                branch: raw.branch,
            })),
        }
    }
}

impl From<Record> for RawLine {
    fn from(record: Record) -> Self {
        match record {
            Record::Interaction(i) => RawLine {
                id: i.id,
                at: i.at,
                amends: None,
                kind: Some(i.kind),
                source: Some(i.source),
                text: Some(i.text),
                deleted: None,
                head: i.head,
                branch: i.branch,
                seen: None,
            },
            Record::Amend(a) => {
                let (text, deleted) = match a.change {
                    Change::Text(t) => (Some(t), None),
                    Change::Deleted(d) => (None, Some(d)),
                };
                RawLine {
                    id: a.id,
                    at: a.at,
                    amends: Some(a.target),
                    kind: None,
                    source: None,
                    text,
                    deleted,
                    head: None,
                    branch: None,
                    seen: None,
                }
            }
            Record::Seen(s) => RawLine {
                id: s.id,
                at: s.at,
                amends: None,
                kind: None,
                source: None,
                text: None,
                deleted: None,
                head: None,
                branch: None,
                seen: Some(s.by),
            },
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
        ];
        for line in bad {
            assert!(serde_json::from_str::<Record>(line).is_err(), "{line}");
        }
    }
}
