//! Many writers at once: sixteen processes logging while the dashboard's store code edits
//! steps and decisions of the same session from threads. Nothing is lost on either side.
//!
//! The sixteen loggers are this test binary run again as child processes, each calling
//! `tether::ops::apply` with a `Change::Log` (what `tether log` does) 200 times: 3,200 real process
//! spawns of a debug build would take a minute here, and what is under test is the lock
//! and the re-read, which are the same. `tests/store.rs` runs the CLI binary itself
//! concurrently.

mod common;

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;

use chrono::{DateTime, Utc};
use common::{LATER, START, ram_temp_dir, sid, utc};
use tether::ops::{self, Applied, Change, Entry, Outcome, Pick, StartRequest, Target};
use tether::record::Record;
use tether::session::{Kind, Source};
use tether::store::Store;

const PROCESSES: usize = 16;
const LOGS: usize = 200;
/// Operations each dashboard thread makes.
const EDITS: usize = 40;
/// Tells a run of this binary that it is a logging child: `HOME|WORKER`.
const CHILD_ENV: &str = "TETHER_TEST_LOGGER";

/// The text of log `n` of `worker`: unique, about 1 KiB.
fn text(worker: usize, n: usize) -> String {
    let filler = "context that must survive the night ".repeat(28);
    format!("w{worker:02} n{n:03} {}", filler.trim_end())
}

/// Runs as a logging child when [`CHILD_ENV`] is set; passes trivially otherwise.
#[test]
fn child_logs() {
    let Ok(spec) = std::env::var(CHILD_ENV) else {
        return;
    };
    let (home, worker) = spec.split_once('|').expect("HOME|WORKER");
    let worker: usize = worker.parse().expect("a worker number");
    let store = Store::new(home);
    for n in 0..LOGS {
        let change = Change::Log {
            session: Target::Active,
            entry: Entry::note(text(worker, n)),
        };
        match ops::apply(&store, utc(LATER), Source::Cli, change) {
            // acknowledged: printed only after the record is synced
            Ok(Applied {
                outcome: Outcome::Logged(logged),
                ..
            }) => println!("ack {worker} {n} {}", logged.interaction.id),
            Ok(other) => println!("error {worker} {n} {other:?}"),
            Err(e) => println!("error {worker} {n} {e}"),
        }
    }
}

fn spawn_logger(home: &Path, worker: usize) -> std::process::Child {
    Command::new(std::env::current_exe().expect("the test binary"))
        .args(["child_logs", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, format!("{}|{worker}", home.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("a logging child")
}

/// What one dashboard thread did, to compare with what the store ends up holding.
#[derive(Default)]
struct Edits {
    /// Step texts in plan order with their done flags.
    steps: Vec<(String, bool)>,
    /// Decision texts in order.
    decisions: Vec<String>,
    /// The notes the operations log, by kind.
    notes: Vec<(Kind, String)>,
    /// How many operations it made.
    ops: usize,
}

/// Applies a change the dashboard makes; it must be made.
fn apply(store: &Store, now: DateTime<Utc>, change: Change) -> Outcome {
    ops::apply(store, now, Source::Tui, change)
        .expect("the change is made")
        .outcome
}

/// The dashboard's plan edits: add steps, tick every other one, rename every third.
fn edit_steps(store: &Store, target: &Target, now: DateTime<Utc>) -> Edits {
    let mut edits = Edits::default();
    for n in 0..EDITS {
        let text = format!("step {n}");
        let added = apply(
            store,
            now,
            Change::AddStep {
                session: target.clone(),
                text: text.clone(),
            },
        );
        let Outcome::StepAdded { step, .. } = added else {
            panic!("a step is added")
        };
        edits.ops += 1;
        edits.notes.push((Kind::Step, format!("Next step: {text}")));
        let mut current = text;
        if n % 3 == 0 {
            current = format!("step {n} (renamed)");
            apply(
                store,
                now,
                Change::EditStep {
                    session: target.clone(),
                    step: Pick::Id(step.id),
                    text: current.clone(),
                },
            );
            edits.ops += 1;
        }
        let done = n % 2 == 0;
        if done {
            apply(
                store,
                now,
                Change::SetStepDone {
                    session: target.clone(),
                    step: Pick::Id(step.id),
                    done: true,
                },
            );
            edits.ops += 1;
            edits
                .notes
                .push((Kind::Progress, format!("Done: {current}")));
        }
        edits.steps.push((current, done));
    }
    edits
}

/// The dashboard's decisions: record them, delete every fourth.
fn edit_decisions(store: &Store, target: &Target, now: DateTime<Utc>) -> Edits {
    let mut edits = Edits::default();
    for n in 0..EDITS {
        let text = format!("decision {n}");
        let why = format!("because {n}");
        let decided = apply(
            store,
            now,
            Change::Decide {
                session: target.clone(),
                text: text.clone(),
                why: Some(why),
            },
        );
        let Outcome::Decided { decision } = decided else {
            panic!("a decision is recorded")
        };
        edits.ops += 1;
        edits
            .notes
            .push((Kind::Decision, format!("Decided: {text}")));
        if n % 4 == 1 {
            apply(
                store,
                now,
                Change::DeleteDecision {
                    session: target.clone(),
                    decision: decision.id,
                },
            );
            edits.ops += 1;
        } else {
            edits.decisions.push(text);
        }
    }
    edits
}

#[test]
fn sixteen_processes_logging_while_the_dashboard_edits_lose_nothing() {
    // in memory when possible: this is about locking and re-reading, not a disk's flushes
    let dir = ram_temp_dir();
    let home = dir.path();
    let store = Store::new(home);
    let request = StartRequest {
        title: "Crowded night".into(),
        ..StartRequest::default()
    };
    let started =
        ops::apply(&store, utc(START), Source::Cli, Change::Start(request)).expect("start");
    let target = Target::Session(started.session.clone());

    let mut children: Vec<_> = (0..PROCESSES).map(|w| spawn_logger(home, w)).collect();
    let (steps, decisions) = thread::scope(|scope| {
        let steps = scope.spawn(|| edit_steps(&store, &target, utc(LATER)));
        let decisions = scope.spawn(|| edit_decisions(&store, &target, utc(LATER)));
        (steps.join().unwrap(), decisions.join().unwrap())
    });

    // Every child's acknowledgements, read as they come.
    let mut acknowledged = HashMap::new();
    for child in &mut children {
        let stdout = child.stdout.take().unwrap();
        for line in BufReader::new(stdout).lines() {
            let line = line.unwrap();
            // libtest may print its own words before the child's on the first line
            assert!(!line.contains("error "), "a log was refused: {line}");
            if let Some((_, ack)) = line.split_once("ack ") {
                let mut parts = ack.split(' ');
                let (w, n, id) = (parts.next(), parts.next(), parts.next());
                let key = (w.unwrap().parse().unwrap(), n.unwrap().parse().unwrap());
                acknowledged.insert(key, id.unwrap().parse::<ulid::Ulid>().unwrap());
            }
        }
        assert!(child.wait().unwrap().success());
    }
    assert_eq!(
        acknowledged.len(),
        PROCESSES * LOGS,
        "every log acknowledged"
    );

    // Every line reads, every id is unique, every acknowledged log is there once.
    let read = store
        .timeline(&started.session)
        .expect("the timeline reads");
    assert_eq!(read.torn_tail, None);
    let ids: HashSet<_> = read.records.iter().map(Record::id).collect();
    assert_eq!(ids.len(), read.records.len(), "unique ids");
    let interactions: Vec<_> = read
        .records
        .iter()
        .filter_map(Record::interaction)
        .collect();
    let logs: Vec<_> = interactions
        .iter()
        .filter(|i| i.source == Source::Cli && i.kind == Kind::Note)
        .collect();
    assert_eq!(logs.len(), PROCESSES * LOGS, "3,200 logs, no more, no less");
    let mut seen: HashMap<usize, usize> = HashMap::new();
    for log in &logs {
        let (w, n): (usize, usize) = (
            log.text[1..3].parse().unwrap(),
            log.text[5..8].parse().unwrap(),
        );
        assert_eq!(log.text, text(w, n), "the text is whole");
        assert_eq!(acknowledged.get(&(w, n)), Some(&log.id), "w{w} n{n}");
        // each process's logs land in the order it wrote them
        let next = seen.entry(w).or_default();
        assert_eq!(*next, n, "worker {w} out of order");
        *next += 1;
    }

    // The dashboard's edits all hold, as do the notes they logged.
    let session = store.session(&sid(started.session.as_str())).unwrap();
    let got_steps: Vec<(String, bool)> = session
        .steps
        .iter()
        .map(|s| (s.text.clone(), s.done))
        .collect();
    assert_eq!(got_steps, steps.steps, "no step edit lost");
    let got_decisions: Vec<&str> = session.decisions.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(got_decisions, decisions.decisions, "no decision edit lost");
    let tui_notes: Vec<(Kind, String)> = interactions
        .iter()
        .filter(|i| i.source == Source::Tui)
        .map(|i| (i.kind, i.text.clone()))
        .collect();
    for edits in [&steps, &decisions] {
        let mine: Vec<_> = tui_notes
            .iter()
            .filter(|note| edits.notes.contains(note))
            .cloned()
            .collect();
        assert_eq!(mine, edits.notes, "every note, in order");
    }
    assert_eq!(tui_notes.len(), steps.notes.len() + decisions.notes.len());
    assert_eq!(
        steps.ops + decisions.ops,
        124,
        "the dashboard's edits, all kept"
    );
}
