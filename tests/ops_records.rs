//! What a change writes to the store: who made it, nothing when it is refused or changes
//! nothing, step numbers kept for a step's life, and an ended mission's rename as a record
//! of its state log.

mod common;
mod ops_support;

use chrono::TimeDelta;
use common::utc;
use ops_support::Fixture;
use tether::ops::{self, Change, Entry, InteractionEdit, Outcome, Pick, Target};
use tether::session::SessionField;
use tether::session::{Kind, MissionStatus, Source};
use tether::store::Store;
use ulid::Ulid;

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
fn an_ended_mission_can_be_renamed_and_the_rename_is_a_record_of_its_state_log() {
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
    let titles: Vec<_> = f
        .store
        .state_records(&f.id)
        .unwrap()
        .into_iter()
        .filter_map(|r| match r.change {
            tether::record::state::StateChange::Title(title) => Some(title),
            _ => None,
        })
        .collect();
    assert_eq!(titles, ["Round trips, done"]);
}
