//! Property tests of the timeline and its line format: any sequence of appends and torn
//! tails reads back every whole record in order with each fragment set aside; any record
//! survives a round trip through one line; the fast line reader and serde agree on any
//! line, however damaged.

mod common;

use std::fs::{self, OpenOptions};
use std::io::Write;

use chrono::{DateTime, TimeZone, Utc};
use common::ram_temp_dir;
use proptest::prelude::*;
use tether::record::{Amendment, Change, Record, Seen, parse_line, to_line};
use tether::session::{Interaction, Kind, Session, SessionId, Source};
use tether::store::{Store, StoreError, header_line};
use ulid::Ulid;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        ..ProptestConfig::default()
    }
}

fn ulid() -> impl Strategy<Value = Ulid> {
    (0u64..(1 << 48), any::<u64>()).prop_map(|(ms, r)| Ulid::from_parts(ms, u128::from(r)))
}

fn time() -> impl Strategy<Value = DateTime<Utc>> {
    let nanos = prop_oneof![Just(0u32), 0u32..1_000_000_000, Just(123_000_000)];
    (0i64..4_102_444_800, nanos).prop_map(|(s, n)| Utc.timestamp_opt(s, n).unwrap())
}

/// Any text at all: controls, quotes, backslashes, line and paragraph separators.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z \"\\\\\n\t\u{7f}\u{9b}\u{2028}\u{202e}é😀]{0,40}",
    ]
}

fn record() -> impl Strategy<Value = Record> {
    let kind = prop::sample::select(vec![
        Kind::Note,
        Kind::Progress,
        Kind::Decision,
        Kind::Step,
        Kind::Commit,
        Kind::Resume,
    ]);
    let source = prop::sample::select(vec![
        Source::Tui,
        Source::Cli,
        Source::Git,
        Source::Import,
        Source::Agent,
    ]);
    let interaction = (
        ulid(),
        time(),
        kind,
        source.clone(),
        text(),
        prop::option::of(text()),
        prop::option::of(text()),
    )
        .prop_map(|(id, at, kind, source, text, head, branch)| {
            Record::Interaction(Interaction {
                id,
                at,
                kind,
                source,
                text,
                head,
                branch,
            })
        });
    let change = prop_oneof![
        text().prop_map(Change::Text),
        any::<bool>().prop_map(Change::Deleted)
    ];
    let amendment = (ulid(), time(), ulid(), change).prop_map(|(id, at, target, change)| {
        Record::Amend(Amendment {
            id,
            at,
            target,
            change,
        })
    });
    let seen = (ulid(), time(), source).prop_map(|(id, at, by)| Record::Seen(Seen { id, at, by }));
    prop_oneof![3 => interaction, 1 => amendment, 1 => seen]
}

/// What happens to a timeline: records appended whole, or a write torn by a crash.
#[derive(Clone, Debug)]
enum Op {
    Append(Vec<Record>),
    /// The first bytes of a record's line (a fraction of it, in thousandths).
    Tear(Record, usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => prop::collection::vec(record(), 1..4).prop_map(Op::Append),
        1 => (record(), 0usize..1000).prop_map(|(r, cut)| Op::Tear(r, cut)),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn appends_and_torn_tails_read_back_every_whole_record_in_order(
        ops in prop::collection::vec(op(), 1..12)
    ) {
        let dir = ram_temp_dir();
        let store = Store::new(dir.path());
        let id: SessionId = "00001".parse().unwrap();
        let session = Session::new(id.clone(), "props".into(), Utc::now());
        store.write(|w| w.create_session(&session)).unwrap();
        let path = store.timeline_path(&id);

        let (mut written, mut pending, mut set_aside) = (Vec::new(), Vec::new(), Vec::new());
        for op in ops {
            match op {
                Op::Append(records) => {
                    let outcome = store
                        .write(|w| w.append(&id, &records))
                        .map_err(|e: StoreError| TestCaseError::fail(e.to_string()))?;
                    let torn = (!pending.is_empty()).then_some(pending.len());
                    prop_assert_eq!(outcome.set_aside, torn);
                    if !pending.is_empty() {
                        set_aside.extend_from_slice(&pending);
                        set_aside.push(b'\n');
                        pending.clear();
                    }
                    written.extend(records);
                }
                Op::Tear(record, cut) => {
                    // a crash in the middle of a write: of the header when the file is new
                    let new = fs::metadata(&path).map_or(true, |m| m.len() == 0);
                    let line = if new && pending.is_empty() { header_line() } else { to_line(&record) };
                    let n = 1 + cut * (line.len() - 2) / 1000;
                    let mut file = OpenOptions::new().create(true).append(true).open(&path).unwrap();
                    file.write_all(&line[..n]).unwrap();
                    pending.extend_from_slice(&line[..n]);
                }
            }
        }
        let read = store.timeline(&id).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&read.records, &written);
        prop_assert_eq!(read.torn_tail, (!pending.is_empty()).then_some(pending.len()));
        let recent = store.recent(&id).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(written.ends_with(&recent), "the recent records are the last ones");
        let torn = fs::read(store.torn_path(&id)).unwrap_or_default();
        prop_assert_eq!(torn, set_aside, "every fragment set aside, byte for byte");
    }

    #[test]
    fn any_record_is_one_line_and_reads_back_the_same(record in record()) {
        let line = to_line(&record);
        prop_assert_eq!(line.iter().filter(|&&b| b == b'\n').count(), 1);
        prop_assert!(line.ends_with(b"\n"));
        let body = &line[..line.len() - 1];
        prop_assert_eq!(parse_line(body).unwrap(), record.clone());
        prop_assert_eq!(serde_json::from_slice::<Record>(body).unwrap(), record);
    }

    #[test]
    fn the_fast_reader_and_serde_agree_on_any_damaged_line(
        record in record(),
        at in 0usize..10_000,
        byte in any::<u8>(),
        how in 0u8..4,
    ) {
        let line = to_line(&record);
        let mut body = line[..line.len() - 1].to_vec();
        let at = at % body.len();
        match how {
            0 => body.truncate(at),
            1 => body[at] = byte,
            2 => body.insert(at, byte),
            _ => {
                body.remove(at);
            }
        }
        let fast = parse_line(&body).ok();
        let serde = serde_json::from_slice::<Record>(&body).ok();
        prop_assert_eq!(fast, serde, "{:?}", String::from_utf8_lossy(&body));
    }
}

/// A timeline as two machines' merges may deliver it: notes of distinct times and ids, and
/// amendments of distinct times aimed at them (some at ids no note has yet).
fn merged_history() -> impl Strategy<Value = Vec<Record>> {
    (
        1usize..12,
        prop::collection::vec((0usize..14, 0u8..4, 0u32..1000), 0..16),
    )
        .prop_map(|(notes, changes)| {
            let at = |minute: u32| {
                Utc.timestamp_opt(1_750_000_000 + i64::from(minute) * 60, 0)
                    .unwrap()
            };
            let mut records: Vec<Record> = (0..notes)
                .map(|n| {
                    Record::Interaction(Interaction {
                        id: Ulid::from_parts(n as u64 + 1, 7),
                        at: at(n as u32 * 3),
                        kind: Kind::Note,
                        source: Source::Cli,
                        text: format!("note {n}"),
                        head: None,
                        branch: None,
                    })
                })
                .collect();
            for (i, (target, what, minute)) in changes.into_iter().enumerate() {
                let change = match what {
                    0 => Change::Text(format!("edited {i}")),
                    1 => Change::Deleted(true),
                    2 => Change::Deleted(false),
                    _ => Change::At(at(minute * 2 + 1)),
                };
                records.push(Record::Amend(Amendment {
                    id: Ulid::from_parts(10_000 + i as u64, 9),
                    // distinct times: the order the amendments were made in
                    at: at(100_000 + i as u32),
                    target: Ulid::from_parts(target as u64 + 1, 7),
                    change,
                }));
            }
            records
        })
}

proptest! {
    #![proptest_config(config())]

    /// Records delivered in any order, amendments any number of times (a merge keeps lines
    /// of both sides; an amendment may come before the record it amends), read the same.
    #[test]
    fn a_merged_timeline_reads_the_same_in_any_order(
        records in merged_history(),
        seed in any::<u64>(),
        repeats in prop::collection::vec(any::<prop::sample::Index>(), 0..4),
    ) {
        let expected = tether::timeline::materialize(records.clone());
        let mut delivered = records.clone();
        for pick in &repeats {
            let record = pick.get(&records).clone();
            if matches!(record, Record::Amend(_)) {
                delivered.push(record);
            }
        }
        // a deterministic shuffle from the seed
        let mut state = seed | 1;
        for i in (1..delivered.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            delivered.swap(i, (state % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(tether::timeline::materialize(delivered), expected);
    }
}

/// The ids and times of `records` as a reader keeping only those reads them.
fn moments(records: Vec<Record>) -> Vec<(Ulid, DateTime<Utc>)> {
    let mut m = tether::timeline::Materializer::<tether::timeline::Moment>::default();
    m.extend(records);
    m.finish().into_iter().map(|m| (m.id, m.at)).collect()
}

/// The ids and times of the whole interactions `records` make.
fn whole(records: Vec<Record>) -> Vec<(Ulid, DateTime<Utc>)> {
    tether::timeline::materialize(records)
        .into_iter()
        .map(|i| (i.id, i.at))
        .collect()
}

proptest! {
    #![proptest_config(config())]

    /// Keeping only ids and times (what the stats read) gives the interactions, their
    /// order and their times that keeping them whole gives, whatever the amendments.
    #[test]
    fn moments_are_the_interactions_times_whatever_the_amendments(
        merged in merged_history(),
        random in prop::collection::vec(record(), 0..40),
    ) {
        prop_assert_eq!(moments(merged.clone()), whole(merged));
        prop_assert_eq!(moments(random.clone()), whole(random));
    }
}
