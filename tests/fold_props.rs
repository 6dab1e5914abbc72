//! Property tests of a session's state as the fold of its records: any history of changes,
//! written as the records `diff` makes, folds back to the session it built; and any set of
//! those records, delivered in any order and any number of times, folds to the same state.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use proptest::prelude::*;
use tether::record::state::{StateChange, StateRecord};
use tether::session::fold::{diff, fold};
use tether::session::{Decision, MissionStatus, Session, SessionId, Snapshot, Step};
use ulid::Ulid;

/// One change a person makes to a session.
#[derive(Clone, Debug)]
enum Edit {
    AddStep(String),
    SetDone(usize, bool),
    RewordStep(usize, String),
    DeleteStep(usize),
    RestoreLastDeleted,
    Decide(String, Option<String>),
    RewordDecision(usize, String, Option<String>),
    DeleteDecision(usize),
    Rename(String),
    Describe(Option<String>),
    Status(MissionStatus),
    Freeze,
}

fn edit() -> impl Strategy<Value = Edit> {
    let text = "[a-z \"é]{1,12}";
    let status = prop_oneof![
        Just(MissionStatus::Active),
        Just(MissionStatus::Paused),
        Just(MissionStatus::Complete),
        Just(MissionStatus::Abandoned),
    ];
    prop_oneof![
        3 => text.prop_map(Edit::AddStep),
        2 => (0usize..8, any::<bool>()).prop_map(|(i, d)| Edit::SetDone(i, d)),
        1 => (0usize..8, text).prop_map(|(i, t)| Edit::RewordStep(i, t)),
        1 => (0usize..8).prop_map(Edit::DeleteStep),
        1 => Just(Edit::RestoreLastDeleted),
        2 => (text, proptest::option::of(text)).prop_map(|(t, w)| Edit::Decide(t, w)),
        1 => (0usize..8, text, proptest::option::of(text))
            .prop_map(|(i, t, w)| Edit::RewordDecision(i, t, w)),
        1 => (0usize..8).prop_map(Edit::DeleteDecision),
        1 => text.prop_map(Edit::Rename),
        1 => proptest::option::of(text).prop_map(Edit::Describe),
        1 => status.prop_map(Edit::Status),
        1 => Just(Edit::Freeze),
    ]
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 8, 15, 9, 0, 0).unwrap()
}

/// Applies `edit` at `at` the way the operations do; `deleted` keeps deleted steps.
fn apply(session: &mut Session, edit: Edit, at: DateTime<Utc>, deleted: &mut Vec<(usize, Step)>) {
    let id = || Ulid::from_parts(at.timestamp_millis() as u64, 7);
    match edit {
        Edit::AddStep(text) => {
            session.last_step_number += 1;
            let number = session.last_step_number;
            session.steps.push(Step {
                id: id(),
                number,
                text,
                done: false,
                created: at,
                done_at: None,
            });
        }
        Edit::SetDone(i, done) => {
            if let Some(step) = session.steps.get_mut(i) {
                step.done = done;
                step.done_at = done.then_some(at);
            }
        }
        Edit::RewordStep(i, text) => {
            if let Some(step) = session.steps.get_mut(i) {
                step.text = text;
            }
        }
        Edit::DeleteStep(i) => {
            if i < session.steps.len() {
                deleted.push((i, session.steps.remove(i)));
            }
        }
        Edit::RestoreLastDeleted => {
            if let Some((i, step)) = deleted.pop() {
                session.steps.insert(i.min(session.steps.len()), step);
            }
        }
        Edit::Decide(text, why) => session.decisions.push(Decision {
            id: id(),
            at,
            text,
            why,
        }),
        Edit::RewordDecision(i, text, why) => {
            if let Some(d) = session.decisions.get_mut(i) {
                d.text = text;
                d.why = why;
            }
        }
        Edit::DeleteDecision(i) => {
            if i < session.decisions.len() {
                session.decisions.remove(i);
            }
        }
        Edit::Rename(title) => session.mission.title = title,
        Edit::Describe(text) => session.mission.description = text,
        Edit::Status(status) => {
            session.mission.status = status;
            session.ended = status.is_ended().then_some(at);
        }
        Edit::Freeze => session.snapshots.push(Snapshot {
            id: id(),
            at,
            mission: session.mission.clone(),
            progress: session.progress(),
            next_steps: session.open_steps().map(|s| s.text.clone()).collect(),
            key_decisions: session.decisions.clone(),
            interactions: 0,
            workspace: None,
        }),
    }
}

/// A history: the records written, and the session they should fold to.
fn history(edits: Vec<Edit>) -> (Vec<StateRecord>, Session) {
    let mut session = Session::new(SessionId::from_number(4).unwrap(), "Gift".into(), start());
    let mut records = vec![StateRecord {
        id: Ulid::from_parts(1, 0),
        at: start(),
        change: StateChange::Base(Box::new(session.clone())),
    }];
    let mut deleted = Vec::new();
    for (n, edit) in edits.into_iter().enumerate() {
        let at = start() + TimeDelta::minutes(n as i64 + 1);
        let before = session.clone();
        apply(&mut session, edit, at, &mut deleted);
        for (k, change) in diff(&before, &session).into_iter().enumerate() {
            records.push(StateRecord {
                id: Ulid::from_parts(2 + n as u64, k as u128),
                at,
                change,
            });
        }
    }
    (records, session)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn a_history_folds_back_to_the_session_it_built(edits in prop::collection::vec(edit(), 0..40)) {
        let (records, session) = history(edits);
        prop_assert_eq!(fold(records), Some(session));
    }

    #[test]
    fn records_in_any_order_and_any_number_of_times_fold_to_one_state(
        edits in prop::collection::vec(edit(), 0..30),
        seed in any::<u64>(),
        copies in 1usize..3,
    ) {
        let (records, _) = history(edits);
        let expected = fold(records.clone());
        let mut delivered: Vec<StateRecord> =
            (0..copies).flat_map(|_| records.iter().cloned()).collect();
        shuffle(&mut delivered, seed);
        let folded = fold(delivered);
        prop_assert_eq!(
            serde_json::to_vec(&folded).unwrap(),
            serde_json::to_vec(&expected).unwrap()
        );
    }
}

/// A shuffle driven by `seed` (xorshift), so a failure reproduces.
fn shuffle<T>(items: &mut [T], mut seed: u64) {
    for i in (1..items.len()).rev() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        items.swap(i, (seed % (i as u64 + 1)) as usize);
    }
}

#[test]
fn a_step_number_taken_on_two_machines_is_given_again_once_to_the_later_step() {
    let base = Session::new(SessionId::from_number(4).unwrap(), "Gift".into(), start());
    let step = |id: u64, text: &str| StateRecord {
        id: Ulid::from_parts(id, 0),
        at: start(),
        change: StateChange::Step(tether::record::state::StepChange {
            id: Ulid::from_parts(100 + id, 0),
            number: Some(1),
            text: Some(text.into()),
            done: Some(false),
            removed: Some(false),
            ..Default::default()
        }),
    };
    let records = vec![
        StateRecord {
            id: Ulid::from_parts(1, 0),
            at: start(),
            change: StateChange::Base(Box::new(base)),
        },
        step(3, "on the desktop"),
        step(2, "on the laptop"),
    ];
    let session = fold(records).unwrap();
    let steps: Vec<(u32, &str)> = session
        .steps
        .iter()
        .map(|s| (s.number, s.text.as_str()))
        .collect();
    assert_eq!(steps, [(1, "on the laptop"), (2, "on the desktop")]);
    assert_eq!(session.last_step_number, 2);
}
