//! Searching every mission: the interactions (edits applied, deleted ones left out), steps
//! and decisions whose text matches, newest first, in bounded memory.
//!
//! Each session is read from the end of its timeline back (see
//! [`crate::store::Backwards`]), and a line is decoded only when its bytes could match: a
//! line whose text has no JSON escape holds that text byte for byte, so the pattern is
//! looked for in whole blocks of raw bytes first; lines with escapes, amendments, and the
//! interactions that amendments seen later change are always decoded. Sessions are merged
//! newest first, each read only as far back as the hits to hand on need: a record's time
//! is never much later than the moment it was written (tether refuses times in the
//! future), and lines were written in the order they stand, so once a session has been
//! read back to a line written at `t`, nothing further back is later than `t` and a day.
//!
//! A step or a decision is a hit of its own (with its number and state, or its time);
//! the interaction logged when it was planned or decided ("Next step: …", "Decided: …",
//! at the same moment, in the same words) is left out when the step or decision is a
//! hit too: it says the same thing, and the step is the one that lives on (done, edited).

mod matcher;
mod merge;
mod scan;

use std::ops::Range;

use chrono::{DateTime, Utc};
use serde::Serialize;
use ulid::Ulid;

pub use matcher::{BadPattern, Matcher};
pub use merge::Search;

use crate::session::{Kind, MissionStatus, SessionId, Source};
use crate::when::Span;

/// What a hit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Item {
    /// An interaction of the timeline.
    Interaction,
    /// A step of the plan.
    Step,
    /// A key decision.
    Decision,
}

impl Item {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Item::Interaction => "interaction",
            Item::Step => "step",
            Item::Decision => "decision",
        }
    }
}

/// One thing found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The session it is in.
    pub session: SessionId,
    /// That session's mission (as last renamed).
    pub mission: String,
    /// Where that mission stands.
    pub status: MissionStatus,
    /// What it is.
    pub item: Item,
    /// Its id.
    pub id: Ulid,
    /// When it happened (a step: when it was planned).
    pub at: DateTime<Utc>,
    /// Its kind: an interaction's (edits applied), `step` or `decision` otherwise.
    pub kind: Kind,
    /// Who recorded it (interactions only: the session's file does not say who planned a
    /// step or took a decision).
    pub source: Option<Source>,
    /// Its text (edits applied).
    pub text: String,
    /// Where the pattern matches in the text (byte ranges, in order).
    pub matches: Vec<Range<usize>>,
    /// A step's number and whether it is done.
    pub step: Option<(u32, bool)>,
}

/// What to look for, and where.
#[derive(Clone, Debug)]
pub struct Query {
    /// The pattern.
    pub matcher: Matcher,
    /// Only this session, when given.
    pub session: Option<SessionId>,
    /// Only what happened in this span.
    pub span: Span,
    /// Only these kinds (`step` and `decision` take steps and decisions too); all when
    /// empty.
    pub kinds: Vec<Kind>,
}

impl Query {
    /// Looks for `matcher` everywhere, at any time, of any kind.
    pub fn new(matcher: Matcher) -> Self {
        Query {
            matcher,
            session: None,
            span: Span::default(),
            kinds: Vec::new(),
        }
    }

    /// Whether something of `kind` at `at` is asked for.
    fn takes(&self, kind: Kind, at: DateTime<Utc>) -> bool {
        (self.kinds.is_empty() || self.kinds.contains(&kind)) && self.span.contains(at)
    }
}
