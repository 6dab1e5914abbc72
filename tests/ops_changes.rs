//! Every kind of change, applied in process and then taken back by the inverse it returned:
//! the session's plan, decisions, mission and what the timeline shows are as they were.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, TimeDelta, Utc};
use common::utc;
use tether::ops::{
    self, Applied, Change, Entry, InteractionEdit, Outcome, Pick, StartRequest, Target,
};
use tether::record::SessionField;
use tether::session::{Decision, Kind, Mission, MissionStatus, SessionId, Source, Step};
use tether::store::Store;
use ulid::Ulid;

/// What a person sees of a session: its plan (a step done again is done at the time it is
/// done again), decisions, mission, workspace, and the text, time and kind of each
/// interaction it shows.
#[derive(Debug, PartialEq)]
struct Seen {
    mission: Mission,
    workspace: Option<PathBuf>,
    steps: Vec<(Ulid, String, bool)>,
    decisions: Vec<Decision>,
    shown: BTreeMap<Ulid, (String, DateTime<Utc>, Kind)>,
}

fn seen(store: &Store, id: &SessionId) -> Seen {
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
fn as_before(before: &Seen, mut after: Seen) -> Seen {
    after.shown.retain(|id, _| before.shown.contains_key(id));
    after
}

/// A store with one active session holding two steps (the first done), two decisions and
/// two notes.
struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    id: SessionId,
    now: DateTime<Utc>,
}

impl Fixture {
    fn new() -> Self {
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

    fn on(&self) -> Target {
        Target::Session(self.id.clone())
    }

    fn apply(&mut self, change: Change) -> Applied {
        self.now += TimeDelta::minutes(1);
        ops::apply(&self.store, self.now, Source::Tui, change).expect("the change is made")
    }

    fn seen(&self) -> Seen {
        seen(&self.store, &self.id)
    }

    fn step(&self, n: usize) -> Step {
        self.store.session(&self.id).unwrap().steps[n].clone()
    }

    fn decision(&self, n: usize) -> Decision {
        self.seen().decisions[n].clone()
    }

    fn interaction(&self, text: &str) -> Ulid {
        let shown = self.seen().shown;
        *shown.iter().find(|(_, t)| t.0 == text).expect("shown").0
    }

    /// Applies `change`, checks it changed what a person sees, then applies its inverse
    /// and checks everything is as it was; then takes the inverse back too (a redo).
    fn round_trip(&mut self, change: Change) {
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

#[test]
fn every_change_to_the_plan_and_the_timeline_is_taken_back_by_its_inverse() {
    let mut f = Fixture::new();
    let (first, second) = (f.step(0), f.step(1));
    let (jsonl, daemon) = (f.decision(0), f.decision(1));
    let note = f.interaction("Wrote a test");
    let review = f.interaction("Reviewed the store");
    let session = f.on();
    let folder = f._dir.path().join("work");
    std::fs::create_dir(&folder).unwrap();
    let changes = [
        Change::Log {
            session: session.clone(),
            entry: Entry::note("A new note"),
        },
        Change::AddStep {
            session: session.clone(),
            text: "Ship it".into(),
        },
        Change::SetStepDone {
            session: session.clone(),
            step: Pick::Id(second.id),
            done: true,
        },
        Change::SetStepDone {
            session: session.clone(),
            step: Pick::Number(1),
            done: false,
        },
        Change::EditStep {
            session: session.clone(),
            step: Pick::Id(first.id),
            text: "Draft the plan again".into(),
        },
        Change::DeleteStep {
            session: session.clone(),
            step: Pick::Id(first.id),
        },
        Change::Decide {
            session: session.clone(),
            text: "Gaps are derived".into(),
            why: Some("one source of truth".into()),
        },
        Change::EditDecision {
            session: session.clone(),
            decision: jsonl.id,
            text: "JSON lines".into(),
            why: None,
        },
        Change::DeleteDecision {
            session: session.clone(),
            decision: daemon.id,
        },
        Change::EditInteraction {
            session: session.clone(),
            interaction: note,
            edit: InteractionEdit::text("Wrote two tests"),
        },
        Change::EditInteraction {
            session: session.clone(),
            interaction: review,
            edit: InteractionEdit {
                text: Some("Reviewed the store again".into()),
                at: Some(utc("2025-08-15T20:30:00Z")),
                kind: Some(Kind::Progress),
            },
        },
        Change::EditInteraction {
            session: session.clone(),
            interaction: review,
            edit: InteractionEdit {
                at: Some(utc("2025-08-15T21:59:00Z")),
                ..InteractionEdit::default()
            },
        },
        Change::DeleteInteraction {
            session: session.clone(),
            interaction: note,
        },
        Change::SetSession {
            session: session.clone(),
            fields: vec![
                SessionField::Title("Round trips, renamed".into()),
                SessionField::Description(Some("Every change undone".into())),
            ],
        },
        Change::SetSession {
            session,
            fields: vec![SessionField::Workspace(Some(folder))],
        },
    ];
    for change in changes {
        f.round_trip(change);
    }
}

#[test]
fn a_deleted_step_and_decision_come_back_at_their_place() {
    let mut f = Fixture::new();
    let plan = f.store.session(&f.id).unwrap().steps;
    let first = f.step(0);
    let deleted = f.apply(Change::DeleteStep {
        session: f.on(),
        step: Pick::Id(first.id),
    });
    assert!(matches!(&deleted.outcome, Outcome::StepDeleted { step } if step == &first));
    f.apply(deleted.inverse.unwrap());
    let back = f.store.session(&f.id).unwrap().steps;
    assert_eq!(back, plan, "back first, done as it was, when it was");
    let decisions = f.seen().decisions;
    let deleted = f.apply(Change::DeleteDecision {
        session: f.on(),
        decision: decisions[0].id,
    });
    f.apply(deleted.inverse.unwrap());
    assert_eq!(f.seen().decisions, decisions, "back first, as it was");
}

#[test]
fn freezing_switching_starting_and_seeing_are_not_taken_back() {
    let mut f = Fixture::new();
    let frozen = f.apply(Change::Freeze {
        session: f.on(),
        interactions: None,
    });
    assert!(matches!(frozen.outcome, Outcome::Frozen { .. }));
    assert_eq!(frozen.inverse, None);
    let other = f.apply(Change::Start(StartRequest {
        title: "Another".into(),
        ..StartRequest::default()
    }));
    assert_eq!(
        other.outcome,
        Outcome::Started {
            paused: Some(f.id.clone())
        }
    );
    assert_eq!(other.inverse, None);
    let back = f.apply(Change::Switch {
        session: f.id.clone(),
    });
    assert_eq!(back.inverse, None);
    let seen = f.apply(Change::See { session: f.on() });
    assert_eq!((seen.outcome, seen.inverse), (Outcome::Seen, None));
}

#[test]
fn ending_a_mission_is_taken_back_by_reopening_it() {
    let mut f = Fixture::new();
    let before = f.seen();
    let ended = f.apply(Change::Complete {
        session: Target::Active,
        status: MissionStatus::Complete,
    });
    assert!(matches!(
        &ended.outcome,
        Outcome::Completed { mission, open_steps, .. }
            if mission.status == MissionStatus::Complete && open_steps == &["Write the tests"]
    ));
    assert_eq!(f.store.state().unwrap().active, None);
    let reopened = f.apply(ended.inverse.expect("an ending is taken back"));
    assert!(matches!(
        reopened.outcome,
        Outcome::Reopened {
            was: MissionStatus::Complete,
            ..
        }
    ));
    assert_eq!(
        as_before(&before, f.seen()),
        before,
        "open and active again"
    );
    assert_eq!(f.store.state().unwrap().active, Some(f.id.clone()));
    let again = f.apply(reopened.inverse.expect("a reopening is taken back"));
    assert!(matches!(again.outcome, Outcome::Completed { .. }));
}

#[test]
fn a_step_already_done_changes_nothing_and_has_nothing_to_undo() {
    let mut f = Fixture::new();
    let again = f.apply(Change::SetStepDone {
        session: f.on(),
        step: Pick::Number(1),
        done: true,
    });
    assert!(matches!(
        again.outcome,
        Outcome::StepSet { changed: false, .. }
    ));
    assert_eq!(again.inverse, None);
}

#[test]
fn each_change_records_who_made_it() {
    let f = Fixture::new();
    for source in [Source::Cli, Source::Agent, Source::Git] {
        let change = Change::AddStep {
            session: f.on(),
            text: format!("planned by {}", source.as_str()),
        };
        ops::apply(&f.store, f.now, source, change).unwrap();
        let change = Change::Log {
            session: f.on(),
            entry: Entry {
                at: None,
                kind: Kind::Commit,
                text: format!("logged by {}", source.as_str()),
            },
        };
        ops::apply(&f.store, f.now, source, change).unwrap();
    }
    let timeline = f.store.load_session(&f.id).unwrap().interactions;
    for source in [Source::Cli, Source::Agent, Source::Git] {
        for text in [
            format!("Next step: planned by {}", source.as_str()),
            format!("logged by {}", source.as_str()),
        ] {
            let line = timeline.iter().find(|i| i.text == text).expect("logged");
            assert_eq!(line.source, source, "{text}");
        }
    }
}

#[test]
fn a_refused_change_writes_nothing() {
    let mut f = Fixture::new();
    let files = |store: &Store| {
        let session = std::fs::read(store.session_path(&f.id)).unwrap();
        let timeline = std::fs::read(store.timeline_path(&f.id)).unwrap();
        (session, timeline)
    };
    let before = files(&f.store);
    let refused = [
        Change::AddStep {
            session: f.on(),
            text: "   ".into(),
        },
        Change::SetStepDone {
            session: f.on(),
            step: Pick::Number(9),
            done: true,
        },
        Change::DeleteDecision {
            session: f.on(),
            decision: Ulid::nil(),
        },
        Change::EditInteraction {
            session: f.on(),
            interaction: Ulid::nil(),
            edit: InteractionEdit::text("x"),
        },
        Change::Switch {
            session: "77".parse().unwrap(),
        },
        Change::SetSession {
            session: f.on(),
            fields: vec![SessionField::Title(" \t ".into())],
        },
        Change::SetSession {
            session: f.on(),
            fields: vec![
                SessionField::Title("A good title".into()),
                SessionField::Workspace(Some(f._dir.path().join("missing"))),
            ],
        },
        Change::SetSession {
            session: Target::Session("77".parse().unwrap()),
            fields: vec![SessionField::Title("Nobody".into())],
        },
        Change::EditInteraction {
            session: f.on(),
            interaction: f.interaction("Wrote a test"),
            edit: InteractionEdit {
                text: Some("fine words".into()),
                at: Some(f.now + TimeDelta::hours(1)),
                kind: None,
            },
        },
        Change::EditInteraction {
            session: f.on(),
            interaction: f.interaction("Wrote a test"),
            edit: InteractionEdit {
                at: Some(utc("1969-12-31T23:59:59Z")),
                ..InteractionEdit::default()
            },
        },
    ];
    for change in refused {
        f.now += TimeDelta::minutes(1);
        let result = ops::apply(&f.store, f.now, Source::Tui, change.clone());
        assert!(result.is_err(), "{change:?} was made");
        assert_eq!(files(&f.store), before, "{change:?} wrote");
    }
}

#[test]
fn step_numbers_stay_for_a_steps_life_and_are_never_given_again() {
    let mut f = Fixture::new();
    let planned = f.apply(Change::AddStep {
        session: f.on(),
        text: "Third".into(),
    });
    assert!(matches!(
        planned.outcome,
        Outcome::StepAdded { number: 3, .. }
    ));
    let second = f.step(1);
    assert_eq!(second.number, 2);
    f.apply(Change::DeleteStep {
        session: f.on(),
        step: Pick::Id(second.id),
    });
    let fourth = f.apply(Change::AddStep {
        session: f.on(),
        text: "Fourth".into(),
    });
    assert!(
        matches!(fourth.outcome, Outcome::StepAdded { number: 4, .. }),
        "2 is never given again: {:?}",
        fourth.outcome
    );
    let numbers: Vec<u32> = f
        .store
        .session(&f.id)
        .unwrap()
        .steps
        .iter()
        .map(|s| s.number)
        .collect();
    assert_eq!(numbers, [1, 3, 4], "the others kept theirs");
    let done = f.apply(Change::SetStepDone {
        session: f.on(),
        step: Pick::Number(3),
        done: true,
    });
    assert!(matches!(&done.outcome, Outcome::StepSet { step, .. } if step.text == "Third"));
}

#[test]
fn steps_written_before_numbers_take_their_place_once() {
    let f = Fixture::new();
    let path = f.store.session_path(&f.id);
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    json.as_object_mut().unwrap().remove("last_step_number");
    for step in json["steps"].as_array_mut().unwrap() {
        step.as_object_mut().unwrap().remove("number");
    }
    std::fs::write(&path, serde_json::to_vec_pretty(&json).unwrap()).unwrap();
    let session = f.store.session(&f.id).unwrap();
    let numbers: Vec<u32> = session.steps.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [1, 2]);
    assert_eq!(session.next_step_number(), 3);
}

#[test]
fn an_edit_that_changes_nothing_writes_nothing_and_has_nothing_to_undo() {
    let mut f = Fixture::new();
    let path = f.store.timeline_path(&f.id);
    let json = f.store.session_path(&f.id);
    let bytes = || (std::fs::read(&path).unwrap(), std::fs::read(&json).unwrap());
    let before = bytes();
    let note = f.interaction("Wrote a test");
    let kind = f.seen().shown[&note].2;
    let same = f.apply(Change::EditInteraction {
        session: f.on(),
        interaction: note,
        edit: InteractionEdit {
            text: Some("  Wrote a test ".into()),
            at: None,
            kind: Some(kind),
        },
    });
    assert!(
        matches!(&same.outcome, Outcome::InteractionEdited { before, after } if before == after)
    );
    assert_eq!(same.inverse, None);
    let same = f.apply(Change::SetSession {
        session: f.on(),
        fields: vec![SessionField::Title("Round trips".into())],
    });
    assert_eq!(same.outcome, Outcome::SessionSet { changed: vec![] });
    assert_eq!(same.inverse, None);
    assert_eq!(bytes(), before);
}

#[test]
fn an_ended_mission_can_be_renamed_and_the_rename_is_a_record_of_its_timeline() {
    let mut f = Fixture::new();
    f.apply(Change::Complete {
        session: f.on(),
        status: MissionStatus::Complete,
    });
    let renamed = f.apply(Change::SetSession {
        session: f.on(),
        fields: vec![SessionField::Title("Round trips, done".into())],
    });
    let Some(Change::SetSession { fields, .. }) = &renamed.inverse else {
        panic!("a rename is undone by another: {:?}", renamed.inverse)
    };
    assert_eq!(fields, &[SessionField::Title("Round trips".into())]);
    let head = f.store.session_head(&f.id).unwrap();
    assert_eq!(
        head.mission.title, "Round trips, done",
        "session.json follows"
    );
    assert_eq!(head.mission.status, MissionStatus::Complete, "still ended");
    let edits: Vec<_> = f
        .store
        .timeline(&f.id)
        .unwrap()
        .records
        .into_iter()
        .filter_map(|r| match r {
            tether::record::Record::Edit(e) => Some(e.field),
            _ => None,
        })
        .collect();
    assert_eq!(edits, [SessionField::Title("Round trips, done".into())]);
}
