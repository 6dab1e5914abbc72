//! The session every `ops` change test works on (two steps, the first done, two decisions,
//! two notes), and what a person sees of it.
#![allow(dead_code)] // each test binary uses a different part of these helpers

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, TimeDelta, Utc};
use tether::ops::{self, Applied, Change, Entry, Pick, StartRequest, Target};
use tether::session::{Decision, Kind, Mission, SessionId, Source, Step};
use tether::store::Store;
use ulid::Ulid;

use crate::common::utc;

/// What a person sees of a session: its plan (a step done again is done at the time it is
/// done again), decisions, mission, workspace, and the text, time and kind of each
/// interaction it shows.
#[derive(Debug, PartialEq)]
pub struct Seen {
    /// The mission: title, status, description.
    pub mission: Mission,
    /// The folder the session works in.
    pub workspace: Option<PathBuf>,
    /// Each step's id, text and whether it is done.
    pub steps: Vec<(Ulid, String, bool)>,
    /// The decisions, in order.
    pub decisions: Vec<Decision>,
    /// Each interaction shown, by id: its text, time and kind.
    pub shown: BTreeMap<Ulid, (String, DateTime<Utc>, Kind)>,
}

/// What a person sees of session `id` in `store`.
pub fn seen(store: &Store, id: &SessionId) -> Seen {
    let loaded = store.load_session(id).expect("the session reads");
    Seen {
        mission: loaded.session.mission,
        workspace: loaded.session.workspace,
        steps: loaded
            .session
            .steps
            .into_iter()
            .map(|s| (s.id, s.text, s.done))
            .collect(),
        decisions: loaded.session.decisions,
        shown: loaded
            .interactions
            .into_iter()
            .map(|i| (i.id, (i.text, i.at, i.kind)))
            .collect(),
    }
}

/// The same as `after`, but only the interactions that `before` had: what a change logs
/// about itself ("Next step: …") is history, and stays when the change is taken back.
pub fn as_before(before: &Seen, mut after: Seen) -> Seen {
    after.shown.retain(|id, _| before.shown.contains_key(id));
    after
}

/// A store with one active session holding two steps (the first done), two decisions and
/// two notes.
pub struct Fixture {
    /// The temporary home, kept for the test's life.
    pub _dir: tempfile::TempDir,
    /// The store in that home.
    pub store: Store,
    /// The session.
    pub id: SessionId,
    /// The time of the last change made (each is a minute after the one before).
    pub now: DateTime<Utc>,
}

impl Fixture {
    /// The store and its session, built change by change.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let mut fixture = Fixture {
            _dir: dir,
            store,
            id: "1".parse().unwrap(),
            now: utc("2025-08-15T22:00:00Z"),
        };
        let start = StartRequest {
            title: "Round trips".into(),
            ..StartRequest::default()
        };
        fixture.apply(Change::Start(start));
        for text in ["Draft the plan", "Write the tests"] {
            fixture.apply(Change::AddStep {
                session: fixture.on(),
                text: text.into(),
            });
        }
        fixture.apply(Change::SetStepDone {
            session: fixture.on(),
            step: Pick::Number(1),
            done: true,
        });
        for (text, why) in [("JSONL", Some("append-only")), ("No daemon", None)] {
            fixture.apply(Change::Decide {
                session: fixture.on(),
                text: text.into(),
                why: why.map(Into::into),
            });
        }
        for text in ["Reviewed the store", "Wrote a test"] {
            fixture.apply(Change::Log {
                session: fixture.on(),
                entry: Entry::note(text),
            });
        }
        fixture
    }

    /// The session, as a change's target.
    pub fn on(&self) -> Target {
        Target::Session(self.id.clone())
    }

    /// Makes `change` a minute after the last, from the dashboard.
    pub fn apply(&mut self, change: Change) -> Applied {
        self.now += TimeDelta::minutes(1);
        ops::apply(&self.store, self.now, Source::Tui, change).expect("the change is made")
    }

    /// What a person sees of the session now.
    pub fn seen(&self) -> Seen {
        seen(&self.store, &self.id)
    }

    /// The session's step at index `n`.
    pub fn step(&self, n: usize) -> Step {
        self.store.session(&self.id).unwrap().steps[n].clone()
    }

    /// The session's decision at index `n`.
    pub fn decision(&self, n: usize) -> Decision {
        self.seen().decisions[n].clone()
    }

    /// The id of the interaction shown with `text`.
    pub fn interaction(&self, text: &str) -> Ulid {
        let shown = self.seen().shown;
        *shown.iter().find(|(_, t)| t.0 == text).expect("shown").0
    }

    /// Applies `change`, checks it changed what a person sees, then applies its inverse
    /// and checks everything is as it was; then takes the inverse back too (a redo).
    pub fn round_trip(&mut self, change: Change) {
        let before = self.seen();
        let applied = self.apply(change.clone());
        assert_eq!(applied.session, self.id, "{change:?}");
        let after = self.seen();
        assert_ne!(after, before, "{change:?} changed nothing");
        let inverse = applied.inverse.expect("the change can be taken back");
        let undone = self.apply(inverse);
        assert_eq!(as_before(&before, self.seen()), before, "{change:?} undone");
        let redo = undone.inverse.expect("an undo can be taken back too");
        self.apply(redo);
        assert_eq!(as_before(&after, self.seen()), after, "{change:?} redone");
    }
}
