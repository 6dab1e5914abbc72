//! Every kind of change, applied in process and then taken back by the inverse it returned:
//! the session's plan, decisions, mission and what the timeline shows are as they were;
//! what cannot be taken back, or needs not be, returns no inverse.

mod common;
mod ops_support;

use common::utc;
use ops_support::{Fixture, as_before};
use tether::ops::{Change, Entry, InteractionEdit, Outcome, Pick, StartRequest, Target};
use tether::session::SessionField;
use tether::session::{Kind, MissionStatus};

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
