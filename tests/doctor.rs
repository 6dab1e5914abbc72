//! `tether::doctor` called directly on stores in temporary folders: a clean store, a
//! damaged `session.json`, a torn or garbled timeline, and what interrupted writes leave.
//! (`tests/damage.rs` drives the same code through the CLI.)

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use tempfile::TempDir;
use tether::doctor::{Checkup, check, repair};
use tether::record::Record;
use tether::session::{
    Decision, Interaction, Kind, MissionStatus, Session, SessionId, Source, State, Step,
};
use tether::store::Store;
use tether::timeline::materialize;
use ulid::Ulid;

/// When the repairs run.
const NOW: &str = "2025-08-16T08:12:00Z";

fn utc(text: &str) -> DateTime<Utc> {
    text.parse().expect("an RFC 3339 time")
}

fn id() -> SessionId {
    "4".parse().unwrap()
}

fn note(n: u64, at: &str, text: &str) -> Record {
    Record::Interaction(Interaction {
        id: Ulid::from_parts(1_700_000_000_000 + n, u128::from(n)),
        at: utc(at),
        kind: Kind::Note,
        source: Source::Cli,
        text: text.into(),
        head: None,
        branch: None,
    })
}

/// A store with session 00004 (active): two steps, a decision, three records.
fn store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let mut session = Session::new(id(), "Implement Reality Agents".into(), utc(NOW));
    for (n, text) in ["Draft the protocol", "Write the gap tests"]
        .iter()
        .enumerate()
    {
        session.steps.push(Step {
            id: Ulid::from_parts(1, n as u128),
            number: 0,
            text: (*text).into(),
            done: n == 0,
            created: utc("2025-08-15T23:00:00Z"),
            done_at: (n == 0).then(|| utc("2025-08-15T23:30:00Z")),
        });
    }
    session.decisions.push(Decision {
        id: Ulid::from_parts(2, 0),
        at: utc("2025-08-16T08:10:00Z"),
        text: "JSONL for the timeline".into(),
        why: None,
    });
    let records = [
        note(
            1,
            "2025-08-15T23:00:00Z",
            "Mission started: Implement Reality Agents",
        ),
        note(2, "2025-08-15T23:50:34Z", "Creating gift for Session 00004"),
        note(3, "2025-08-16T08:08:02Z", "Reviewing fix plan"),
    ];
    store
        .write(|w| {
            w.create_session(&session)?;
            w.append(&id(), &records)?;
            w.put_state(&State {
                active: Some(id()),
                ..State::default()
            })
        })
        .unwrap();
    (dir, store)
}

/// Every file under `root`, with its bytes.
fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut all = BTreeMap::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                all.insert(path.clone(), fs::read(&path).unwrap());
            }
        }
    }
    all
}

fn texts(store: &Store) -> Vec<String> {
    let read = store.timeline(&id()).unwrap();
    assert_eq!(read.torn_tail, None);
    materialize(read.records)
        .into_iter()
        .map(|i| i.text)
        .collect()
}

/// Asserts a check finds nothing wrong.
fn assert_clean(store: &Store) -> Checkup {
    let checkup = check(store).unwrap();
    assert!(checkup.problems.is_empty(), "{:#?}", checkup.problems);
    checkup
}

#[test]
fn a_clean_store_has_no_problems_and_repair_changes_nothing() {
    let (dir, store) = store();
    let checkup = assert_clean(&store);
    assert_eq!((checkup.sessions, checkup.records), (1, 3));
    let before = files(dir.path());
    assert_eq!(repair(&store, utc(NOW)).unwrap(), Vec::<String>::new());
    assert_eq!(
        files(dir.path()),
        before,
        "a repair of nothing wrote something"
    );

    let empty = tempfile::tempdir().unwrap();
    let checkup = assert_clean(&Store::new(empty.path().join("never-used")));
    assert_eq!((checkup.sessions, checkup.records), (0, 0));
}

#[test]
fn a_cut_session_json_is_named_kept_aside_and_rebuilt_from_the_timeline() {
    let (_dir, store) = store();
    let path = store.session_path(&id());
    let whole = fs::read(&path).unwrap();
    let cut = &whole[..whole.len() / 2];
    fs::write(&path, cut).unwrap();

    let checkup = check(&store).unwrap();
    assert_eq!(checkup.problems.len(), 1, "{:#?}", checkup.problems);
    let problem = &checkup.problems[0];
    assert_eq!(problem.path, path);
    assert!(problem.repairable && problem.line.is_some(), "{problem:?}");

    let done = repair(&store, utc(NOW)).unwrap();
    let aside = path.with_extension("json.damaged-20250816T081200");
    assert_eq!(fs::read(&aside).unwrap(), cut, "the damaged bytes, kept");
    assert!(done.iter().any(|d| d.contains("kept as")), "{done:?}");
    let session = store.session(&id()).unwrap();
    assert_eq!(session.mission.title, "Implement Reality Agents");
    assert_eq!(
        session.mission.status,
        MissionStatus::Active,
        "still the active one"
    );
    assert_eq!(texts(&store).len(), 3, "the timeline untouched");
    assert_clean(&store);
}

#[test]
fn a_session_json_that_still_parses_as_json_keeps_its_steps_and_decisions() {
    let (_dir, store) = store();
    let path = store.session_path(&id());
    let mut value: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    value["created"] = "last tuesday".into(); // not a time: the file no longer reads
    fs::write(&path, serde_json::to_vec(&value).unwrap()).unwrap();
    assert_eq!(check(&store).unwrap().problems.len(), 1);

    repair(&store, utc(NOW)).unwrap();
    let session = store.session(&id()).unwrap();
    let steps: Vec<(&str, bool)> = session
        .steps
        .iter()
        .map(|s| (s.text.as_str(), s.done))
        .collect();
    assert_eq!(
        steps,
        [("Draft the protocol", true), ("Write the gap tests", false)]
    );
    assert_eq!(session.decisions.len(), 1);
    assert_eq!(session.decisions[0].text, "JSONL for the timeline");
    assert_clean(&store);
}

#[test]
fn a_torn_last_line_is_moved_to_timeline_torn_and_the_records_stay() {
    let (_dir, store) = store();
    let path = store.timeline_path(&id());
    let fragment = b"{\"id\":\"01K2S5Y7W0";
    let mut bytes = fs::read(&path).unwrap();
    bytes.extend_from_slice(fragment);
    fs::write(&path, &bytes).unwrap();

    let checkup = check(&store).unwrap();
    assert_eq!(checkup.records, 3);
    let [problem] = checkup.problems.as_slice() else {
        panic!("{:#?}", checkup.problems)
    };
    assert_eq!(problem.path, path);
    assert!(
        problem
            .what
            .contains(&format!("incomplete last line ({} bytes)", fragment.len())),
        "{problem:?}"
    );

    let done = repair(&store, utc(NOW)).unwrap();
    assert!(
        done.iter().any(|d| d.contains("kept 3 records")),
        "{done:?}"
    );
    let mut kept = fragment.to_vec();
    kept.push(b'\n');
    assert_eq!(fs::read(store.torn_path(&id())).unwrap(), kept);
    assert_eq!(texts(&store).len(), 3);
    assert_clean(&store);
}

#[test]
fn an_unreadable_line_is_named_by_number_and_moved_to_timeline_rejected() {
    let (_dir, store) = store();
    let path = store.timeline_path(&id());
    let text = fs::read_to_string(&path).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(2, "not a record");
    fs::write(&path, lines.join("\n") + "\n").unwrap();

    let checkup = check(&store).unwrap();
    let [problem] = checkup.problems.as_slice() else {
        panic!("{:#?}", checkup.problems)
    };
    assert_eq!(
        (problem.path.clone(), problem.line),
        (path.clone(), Some(3))
    );

    repair(&store, utc(NOW)).unwrap();
    let rejected = fs::read_to_string(path.with_extension("rejected")).unwrap();
    assert_eq!(rejected, "not a record\n");
    assert_eq!(
        texts(&store),
        [
            "Mission started: Implement Reality Agents",
            "Creating gift for Session 00004",
            "Reviewing fix plan"
        ]
    );
    assert_clean(&store);
}

#[test]
fn leftovers_of_interrupted_writes_are_found_and_cleared_and_nothing_else() {
    let (dir, store) = store();
    let data = files(dir.path());
    let temporary = store.session_dir(&id()).join(".session.json.a1B2c3");
    fs::write(&temporary, b"{\"half\": ").unwrap();
    // a `start` that crashed before its session.json: a folder with a temporary file only
    let unfinished = store.session_dir(&"5".parse().unwrap());
    fs::create_dir(&unfinished).unwrap();
    let unfinished_temporary = unfinished.join(".session.json.Zz9Yy8");
    fs::write(&unfinished_temporary, b"{").unwrap();

    let checkup = check(&store).unwrap();
    assert_eq!(checkup.sessions, 1, "an unfinished start is not a session");
    let mut found: Vec<&Path> = checkup.problems.iter().map(|p| p.path.as_path()).collect();
    found.sort();
    assert_eq!(found, [temporary.as_path(), unfinished_temporary.as_path()]);
    assert!(
        checkup
            .problems
            .iter()
            .all(|p| p.repairable && p.what.contains("temporary file"))
    );

    let done = repair(&store, utc(NOW)).unwrap();
    assert_eq!(done.len(), 3, "two files and one folder: {done:?}");
    assert!(!unfinished.exists());
    assert_eq!(files(dir.path()), data, "only the leftovers went");
    assert_clean(&store);
}
