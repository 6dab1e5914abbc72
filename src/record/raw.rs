//! The flat shape every record takes on disk, and the rules that turn it into a record.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ulid::Ulid;

use super::{Amendment, Change, Record, Seen};
use crate::session::{Interaction, Kind, Source};

/// The flat shape a record takes on disk: the fields in this order, those a record does
/// not carry left out.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLine {
    pub(super) id: Ulid,
    pub(super) at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) amends: Option<Ulid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) kind: Option<Kind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) source: Option<Source>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) deleted: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) time: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) head: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) branch: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) seen: Option<Source>,
}

impl RawLine {
    /// A line with only its id and time.
    pub(super) fn bare(id: Ulid, at: DateTime<Utc>) -> Self {
        RawLine {
            id,
            at,
            amends: None,
            kind: None,
            source: None,
            text: None,
            deleted: None,
            time: None,
            head: None,
            branch: None,
            seen: None,
        }
    }

    /// Whether a field only an interaction carries is there.
    fn has_interaction_fields(&self) -> bool {
        self.source.is_some() || self.head.is_some() || self.branch.is_some()
    }
}

impl TryFrom<RawLine> for Record {
    type Error = &'static str;

    fn try_from(raw: RawLine) -> Result<Self, Self::Error> {
        let times = [Some(raw.at), raw.time];
        if !times.into_iter().flatten().all(crate::time_range::contains) {
            return Err("the time is outside the times tether keeps (1970-01-01 to 9999-12-31)");
        }
        if let Some(by) = raw.seen {
            let others = raw.amends.is_some() || raw.kind.is_some() || raw.text.is_some();
            let more = raw.deleted.is_some() || raw.time.is_some();
            if others || more || raw.has_interaction_fields() {
                return Err("a mark of a briefing seen carries nothing else");
            }
            return Ok(Record::Seen(Seen {
                id: raw.id,
                at: raw.at,
                by,
            }));
        }
        match raw.amends {
            Some(target) => amendment(raw, target).map(Record::Amend),
            None if raw.deleted.is_some() || raw.time.is_some() => {
                Err("only an amendment carries deleted or time")
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

fn amendment(raw: RawLine, target: Ulid) -> Result<Amendment, &'static str> {
    if raw.has_interaction_fields() {
        return Err("an amendment carries no source, head or branch");
    }
    let change = match (raw.text, raw.deleted, raw.kind, raw.time) {
        (Some(text), None, None, None) => Change::Text(text),
        (None, Some(deleted), None, None) => Change::Deleted(deleted),
        (None, None, Some(kind), None) => Change::Kind(kind),
        (None, None, None, Some(at)) => Change::At(at),
        _ => return Err("an amendment needs exactly one of text, deleted, kind or time"),
    };
    Ok(Amendment {
        id: raw.id,
        at: raw.at,
        target,
        change,
    })
}

impl From<Record> for RawLine {
    fn from(record: Record) -> Self {
        match record {
            Record::Interaction(i) => RawLine {
                kind: Some(i.kind),
                source: Some(i.source),
                text: Some(i.text),
                head: i.head,
                branch: i.branch,
                ..RawLine::bare(i.id, i.at)
            },
            Record::Amend(a) => {
                let mut raw = RawLine {
                    amends: Some(a.target),
                    ..RawLine::bare(a.id, a.at)
                };
                match a.change {
                    Change::Text(t) => raw.text = Some(t),
                    Change::Deleted(d) => raw.deleted = Some(d),
                    Change::Kind(k) => raw.kind = Some(k),
                    Change::At(at) => raw.time = Some(at),
                }
                raw
            }
            Record::Seen(s) => RawLine {
                seen: Some(s.by),
                ..RawLine::bare(s.id, s.at)
            },
        }
    }
}
