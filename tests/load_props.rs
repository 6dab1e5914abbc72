//! The dashboard's whole load, which decodes the common interaction line into its columns
//! without building a record, against the records read one by one and materialized.

use std::io::Write;

use chrono::{DateTime, TimeDelta, Utc};
use clap::ValueEnum;
use proptest::prelude::*;
use tether::ops::{self, Change as OpChange, StartRequest};
use tether::record::{Amendment, Change, Record, Seen, to_line};
use tether::session::{Interaction, Kind, Source};
use tether::store::Store;
use tether::timeline::Materializer;
use tether::tui::entries::Entries;
use ulid::Ulid;

fn base() -> DateTime<Utc> {
    "2025-08-15T22:00:00Z".parse().unwrap()
}

/// A store whose active session's timeline ends with `records`.
fn store_with(records: &[Record]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let request = StartRequest {
        title: "Props".into(),
        ..StartRequest::default()
    };
    ops::apply(&store, base(), Source::Cli, OpChange::Start(request)).unwrap();
    let id = store.active().unwrap();
    let path = store.timeline_path(&id);
    let mut file = std::fs::OpenOptions::new().append(true).open(path).unwrap();
    for record in records {
        file.write_all(&to_line(record)).unwrap();
    }
    (dir, store)
}

/// The new path and the old one agree on the columns and the latest briefing seen.
fn check(records: &[Record]) {
    let (_dir, store) = store_with(records);
    let id = store.active().unwrap();
    let loaded = tether::tui::load::load(&store, &id).unwrap();
    let mut old = Materializer::default();
    store
        .timeline_with(&id, |block| old.extend(block.drain(..)))
        .unwrap();
    let seen = old.seen();
    let expected = Entries::from(old.finish());
    assert_eq!(loaded.entries.len(), expected.len());
    assert_eq!(loaded.entries, expected);
    let ats: Vec<_> = loaded.entries.iter().map(|e| e.id).collect();
    let want: Vec<_> = expected.iter().map(|e| e.id).collect();
    assert_eq!(ats, want, "ties in time go by id");
    assert_eq!(loaded.seen, seen);
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z ]{0,12}",
        2 => "[a-zA-Z0-9 \"\\\\/\n\t\r\u{1}\u{1f}\u{7f}é✓𝄞—]{0,24}",
        1 => Just(String::new()),
    ]
}

fn pick<T: Copy>(all: &[T], n: u8) -> T {
    all[usize::from(n) % all.len()]
}

/// The id of the interaction of line `n`: not in the order written (ties in time go by id,
/// whatever order a merged file holds them in).
fn id_of(n: u64) -> Ulid {
    Ulid::from_parts((n * 2_654_435_761) % 100_000, u128::from(n) * 7919)
}

fn interaction(n: u64, minute: i64, kind: u8, text: String, head: bool) -> Record {
    Record::Interaction(Interaction {
        id: id_of(n),
        at: base() + TimeDelta::seconds(minute),
        kind: pick(Kind::value_variants(), kind),
        source: pick(Source::value_variants(), kind),
        text,
        head: head.then(|| format!("{:040x}", n)),
        branch: n
            .is_multiple_of(5)
            .then(|| "feature/\"quoted\" é".to_string()),
    })
}

/// What a line says: an interaction, an amendment of an earlier one, or a briefing seen.
#[derive(Clone, Debug)]
enum Line {
    Log(i64, u8, String, bool),
    Edit(usize, String),
    Move(usize, i64),
    Rekind(usize, u8),
    Delete(usize, bool),
    Seen(i64, bool),
}

fn line() -> impl Strategy<Value = Line> {
    prop_oneof![
        8 => (-50i64..50, any::<u8>(), text(), any::<bool>()).prop_map(|(m, k, t, h)| Line::Log(m, k, t, h)),
        1 => (any::<usize>(), text()).prop_map(|(i, t)| Line::Edit(i, t)),
        1 => (any::<usize>(), -50i64..50).prop_map(|(i, m)| Line::Move(i, m)),
        1 => (any::<usize>(), any::<u8>()).prop_map(|(i, k)| Line::Rekind(i, k)),
        1 => (any::<usize>(), any::<bool>()).prop_map(|(i, d)| Line::Delete(i, d)),
        1 => (-50i64..50, any::<bool>()).prop_map(|(m, p)| Line::Seen(m, p)),
    ]
}

/// The records of `lines`; an amendment aims at any interaction of them, one written
/// later too (as a merge from another machine may leave it), and was made at its own time.
fn records(lines: &[Line]) -> Vec<Record> {
    let ids: Vec<Ulid> = (0..lines.len())
        .filter(|&n| matches!(lines[n], Line::Log(..)))
        .map(|n| id_of(n as u64 + 1000))
        .collect();
    let mut out = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let n = n as u64 + 1000;
        let own = Ulid::from_parts(n, 1);
        let made = base() + TimeDelta::seconds(((n * 7919) % 101) as i64);
        let amend = |ids: &Vec<Ulid>, i: usize, change| {
            ids.get(i % ids.len().max(1)).map(|&target| {
                Record::Amend(Amendment {
                    id: own,
                    at: made,
                    target,
                    change,
                })
            })
        };
        let record = match line.clone() {
            Line::Log(m, k, t, h) => Some(interaction(n, m, k, t, h)),
            Line::Edit(i, t) => amend(&ids, i, Change::Text(t)),
            Line::Move(i, m) => amend(&ids, i, Change::At(base() + TimeDelta::seconds(m))),
            Line::Rekind(i, k) => amend(&ids, i, Change::Kind(pick(Kind::value_variants(), k))),
            Line::Delete(i, d) => amend(&ids, i, Change::Deleted(d)),
            Line::Seen(m, person) => Some(Record::Seen(Seen {
                id: own,
                at: base() + TimeDelta::seconds(m),
                by: if person { Source::Tui } else { Source::Agent },
            })),
        };
        out.extend(record);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_columns_are_those_of_the_records_materialized(lines in prop::collection::vec(line(), 0..120)) {
        check(&records(&lines));
    }
}

/// Blocks decoded on other threads while the one before is handed on: lines enough for
/// several, with amendments across blocks and times out of order.
#[test]
fn a_timeline_of_many_blocks_loads_as_materialized() {
    let lines: Vec<Line> = (0..60_000i64)
        .map(|n| match n % 97 {
            13 => Line::Edit((n * 31) as usize, format!("edited \"{n}\"\n")),
            29 => Line::Move((n * 17) as usize, -(n % 50)),
            41 => Line::Delete((n * 7) as usize, n % 2 == 0),
            53 => Line::Seen(n % 40, n % 3 == 0),
            _ => Line::Log(
                n % 45,
                (n % 11) as u8,
                format!("note {} é {}", n % 1500, "words ".repeat((n % 9) as usize)),
                n % 4 != 0,
            ),
        })
        .collect();
    check(&records(&lines));
}
