//! The summary cache beside a timeline (`Store::summary`): whatever was appended since it
//! was written (records earlier in time, amendments, merged records, a torn tail) and
//! whatever happened to it (another timeline's, cut short, damaged, the timeline cut back),
//! the report and the briefing made from it are those made from the whole timeline.

mod common;

use std::fs::{self, OpenOptions};
use std::io::Write;

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use tempfile::TempDir;
use tether::context::{History, briefing, briefing_from, left_at, left_at_from};
use tether::record::{self, Amendment, Change, Record, Seen};
use tether::session::{Interaction, Kind, Progress, Session, SessionId, Snapshot, Source};
use tether::store::{Position, Store, header_line};
use tether::timeline::{Materializer, reality};
use ulid::Ulid;

const THRESHOLD: TimeDelta = TimeDelta::hours(2);

/// A store caching every summary, and a session of it, written to by hand.
struct Fixture {
    _dir: TempDir,
    store: Store,
    id: SessionId,
}

impl Fixture {
    fn new() -> Self {
        let dir = common::ram_temp_dir();
        let store = Store::new(dir.path()).with_summary_cache_from(0);
        let id: SessionId = "1".parse().unwrap();
        fs::create_dir_all(store.session_dir(&id)).unwrap();
        Fixture {
            _dir: dir,
            store,
            id,
        }
    }

    fn other(&self, n: u32) -> SessionId {
        let id: SessionId = n.to_string().parse().unwrap();
        fs::create_dir_all(self.store.session_dir(&id)).unwrap();
        id
    }

    /// Appends `records`, an incomplete last line first set aside as a writer does.
    fn append_to(&self, id: &SessionId, records: &[Record]) {
        let path = self.store.timeline_path(id);
        if let Ok(bytes) = fs::read(&path)
            && !bytes.ends_with(b"\n")
        {
            let keep = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |n| n + 1);
            fs::write(&path, &bytes[..keep]).unwrap();
        }
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .unwrap();
        if file.metadata().unwrap().len() == 0 {
            file.write_all(&header_line()).unwrap();
        }
        for r in records {
            file.write_all(&record::to_line(r)).unwrap();
        }
    }

    fn append(&self, records: &[Record]) {
        self.append_to(&self.id, records);
    }

    /// The report and briefing from the summary, and whether it was rebuilt.
    fn cached(&self, frozen: Option<DateTime<Utc>>) -> (Made, bool) {
        let s = self
            .store
            .summary(&self.id, THRESHOLD, Some(frozen))
            .unwrap();
        let session = session(frozen);
        let history = History::from_summary(&s.summary, frozen);
        let b = briefing_from(&session, &history, s.summary.seen, now(), THRESHOLD);
        let left = left_at_from(&session, &history, b.gap.as_ref());
        let r = s.summary.all.reality(Progress::default());
        (Made(r, b, left, s.torn_tail), s.rebuilt)
    }

    /// The report and briefing from the whole timeline, as `report` made them before.
    fn scratch(&self, frozen: Option<DateTime<Utc>>) -> Made {
        let mut m = Materializer::default();
        let read = self
            .store
            .timeline_from(&self.id, Position::START, |b| m.extend(b.drain(..)))
            .unwrap();
        let seen = m.seen();
        let interactions = m.finish();
        let session = session(frozen);
        let b = briefing(&session, &interactions, seen, now(), THRESHOLD);
        let left = left_at(&session, &interactions, b.gap.as_ref());
        let r = reality(&interactions, THRESHOLD, Progress::default());
        Made(r, b, left, read.torn)
    }

    /// Checks the summary against the whole timeline; returns whether it was rebuilt.
    fn check(&self, frozen: Option<DateTime<Utc>>) -> bool {
        let (made, rebuilt) = self.cached(frozen);
        assert_eq!(made, self.scratch(frozen));
        rebuilt
    }
}

#[derive(Debug, PartialEq)]
struct Made(
    tether::timeline::Reality,
    tether::context::Briefing,
    tether::reality::LeftAt,
    Option<usize>,
);

fn t(minutes: i64) -> DateTime<Utc> {
    "2025-08-15T08:00:00Z".parse::<DateTime<Utc>>().unwrap() + TimeDelta::minutes(minutes)
}

fn now() -> DateTime<Utc> {
    t(60 * 24 * 30)
}

fn session(frozen: Option<DateTime<Utc>>) -> Session {
    let mut s = Session::new("1".parse().unwrap(), "Summaries".into(), t(0));
    if let Some(at) = frozen {
        s.snapshots.push(Snapshot {
            id: Ulid::from_parts(1, 1),
            at,
            mission: s.mission.clone(),
            progress: Progress::default(),
            next_steps: vec![],
            key_decisions: vec![],
            interactions: 0,
            workspace: None,
        });
    }
    s
}

fn note(n: u64, minutes: i64, kind: Kind) -> Record {
    Record::Interaction(Interaction {
        id: Ulid::from_parts(n, 0),
        at: t(minutes),
        kind,
        source: Source::Cli,
        text: format!("note {n}"),
        head: Some(format!("{n:040x}")),
        branch: None,
    })
}

fn amend(n: u64, target: u64, change: Change) -> Record {
    Record::Amend(Amendment {
        id: Ulid::from_parts(1_000_000 + n, 0),
        at: t(0),
        target: Ulid::from_parts(target, 0),
        change,
    })
}

/// A day of notes: a morning, a long lunch, an afternoon.
fn day(first: u64, day: i64) -> Vec<Record> {
    let start = day * 24 * 60;
    (0..12)
        .map(|n| {
            let minutes = start + n * 20 + if n >= 6 { 180 } else { 0 };
            note(first + n as u64, minutes, Kind::Note)
        })
        .collect()
}

#[test]
fn an_append_is_folded_and_a_second_read_uses_the_cache() {
    let f = Fixture::new();
    f.append(&day(0, 0));
    assert!(f.check(None), "no cache yet: made from the whole timeline");
    assert!(!f.check(None), "read again: from the cache");
    f.append(&day(100, 1));
    f.append(&[
        note(200, 30, Kind::Note),
        note(201, 24 * 60 - 1, Kind::Note),
    ]);
    assert!(!f.check(None), "appended, earlier in time too: folded");
    assert!(f.store.summary_path(&f.id).is_file());
}

#[test]
fn a_cache_from_another_timeline_is_rebuilt() {
    let f = Fixture::new();
    let other = f.other(2);
    f.append(&day(0, 0));
    f.append_to(&other, &day(500, 3));
    f.check(None);
    f.store.summary(&other, THRESHOLD, Some(None)).unwrap();
    fs::copy(f.store.summary_path(&other), f.store.summary_path(&f.id)).unwrap();
    assert!(f.check(None), "another timeline's cache");
}

#[test]
fn a_cut_cache_a_cut_timeline_and_a_replaced_one_are_rebuilt() {
    let f = Fixture::new();
    f.append(&day(0, 0));
    f.check(None);
    let cache = f.store.summary_path(&f.id);
    let bytes = fs::read(&cache).unwrap();
    fs::write(&cache, &bytes[..bytes.len() / 2]).unwrap();
    assert!(f.check(None), "a cache cut short");

    let timeline = f.store.timeline_path(&f.id);
    let whole = fs::read(&timeline).unwrap();
    let cut = whole.len() - record::to_line(&note(11, 0, Kind::Note)).len() - 40;
    fs::write(&timeline, &whole[..cut]).unwrap();
    assert!(f.check(None), "the timeline cut back");
    f.append(&day(300, 2));
    assert!(!f.check(None));
    // another timeline, longer, put in its place
    let other = f.other(3);
    f.append_to(&other, &day(700, 4));
    f.append_to(&other, &day(800, 5));
    let now_len = fs::metadata(&timeline).unwrap().len();
    fs::copy(f.store.timeline_path(&other), &timeline).unwrap();
    assert!(fs::metadata(&timeline).unwrap().len() > now_len);
    assert!(f.check(None), "other bytes where the cache ended");
}

#[test]
fn a_cache_older_than_an_amendment_is_rebuilt() {
    let f = Fixture::new();
    f.append(&day(0, 0));
    f.check(None);
    f.append(&[amend(1, 5, Change::Deleted(true))]);
    assert!(f.check(None), "a deletion joins two pauses");
    f.append(&[amend(2, 3, Change::At(t(-600)))]);
    assert!(f.check(None), "a move");
    f.append(&[amend(3, 2, Change::Text("only words".into()))]);
    assert!(!f.check(None), "a text no figure holds");
    f.append(&[amend(4, 11, Change::Text("the latest, reworded".into()))]);
    assert!(f.check(None), "a text the briefing shows");
    f.append(&[amend(5, 7, Change::Kind(Kind::Resume))]);
    assert!(f.check(None));
}

#[test]
fn merged_records_out_of_order_match_the_whole_timeline() {
    let f = Fixture::new();
    f.append(&day(0, 0));
    f.append(&day(100, 2));
    f.check(Some(t(60)));
    // from another device: an amendment before its target, then old and new records
    f.append(&[
        amend(1, 150, Change::Deleted(true)),
        note(150, 24 * 60 + 5, Kind::Note),
    ]);
    f.check(Some(t(60)));
    f.append(&day(200, 1));
    f.append(&[note(300, 2 * 24 * 60 + 90, Kind::Resume)]);
    f.append(&[Record::Seen(Seen {
        id: Ulid::from_parts(9, 9),
        at: t(2 * 24 * 60 + 100),
        by: Source::Tui,
    })]);
    assert!(!f.check(Some(t(60))));
    assert!(f.check(Some(t(24 * 60))), "another freeze is counted again");
}

#[test]
fn a_torn_tail_after_the_cache_is_skipped_as_a_whole_read_skips_it() {
    let f = Fixture::new();
    f.append(&day(0, 0));
    f.check(None);
    let timeline = f.store.timeline_path(&f.id);
    let mut file = OpenOptions::new().append(true).open(&timeline).unwrap();
    let line = record::to_line(&note(50, 9000, Kind::Note));
    file.write_all(&line[..line.len() / 2]).unwrap();
    let (made, rebuilt) = f.cached(None);
    assert!(!rebuilt);
    assert_eq!(made.3, Some(line.len() / 2));
    assert_eq!(made, f.scratch(None));
    file.write_all(&line[line.len() / 2..]).unwrap();
    assert!(!f.check(None), "the line completed is folded");
}

#[test]
fn a_cache_that_cannot_be_written_leaves_the_answer_right() {
    let f = Fixture::new();
    f.append(&day(0, 0));
    fs::create_dir(f.store.summary_path(&f.id)).unwrap();
    assert!(f.check(None));
    assert!(f.check(None), "nothing cached: made again");
}

/// One thing that happens to a timeline or its cache.
#[derive(Clone, Debug)]
enum Step {
    /// Interactions logged `minutes` after the last, or before it.
    Log(Vec<(i64, bool)>),
    Amend(usize, u8, i64),
    Seen(i64),
    Summarize(Option<u8>),
    /// What `report` asks: any freeze will do.
    Report,
    CutCache(usize),
    FlipCache(usize),
    CacheOfOther,
    TornTail(usize),
    CutTimeline(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => prop::collection::vec((-400i64..300, any::<bool>()), 1..6).prop_map(Step::Log),
        2 => (any::<usize>(), 0u8..5, -300i64..300).prop_map(|(i, c, m)| Step::Amend(i, c, m)),
        1 => (0i64..400).prop_map(Step::Seen),
        4 => prop::option::of(0u8..3).prop_map(Step::Summarize),
        2 => Just(Step::Report),
        1 => any::<usize>().prop_map(Step::CutCache),
        1 => any::<usize>().prop_map(Step::FlipCache),
        1 => Just(Step::CacheOfOther),
        1 => (1usize..60).prop_map(Step::TornTail),
        1 => any::<usize>().prop_map(Step::CutTimeline),
    ]
}

struct Run {
    f: Fixture,
    other: SessionId,
    next: u64,
    clock: i64,
}

impl Run {
    fn apply(&mut self, step: Step) {
        let f = &self.f;
        let cache = f.store.summary_path(&f.id);
        let timeline = f.store.timeline_path(&f.id);
        match step {
            Step::Log(entries) => {
                let records: Vec<Record> = entries
                    .into_iter()
                    .map(|(minutes, resume)| {
                        self.clock += minutes.max(0);
                        self.next += 1;
                        let kind = if resume { Kind::Resume } else { Kind::Note };
                        note(self.next, self.clock + minutes.min(0), kind)
                    })
                    .collect();
                self.f.append(&records);
            }
            Step::Amend(target, change, minutes) => {
                let change = match change {
                    0 => Change::Text("changed".into()),
                    1 => Change::Deleted(true),
                    2 => Change::Deleted(false),
                    3 => Change::At(t(self.clock + minutes)),
                    _ => Change::Kind(Kind::Resume),
                };
                let target = (target as u64) % (self.next + 2);
                self.next += 1;
                self.f.append(&[amend(self.next, target, change)]);
            }
            Step::Seen(minutes) => {
                self.next += 1;
                self.f.append(&[Record::Seen(Seen {
                    id: Ulid::from_parts(self.next, 1),
                    at: t(minutes * 10),
                    by: Source::Cli,
                })]);
            }
            Step::Summarize(frozen) => {
                f.check(frozen.map(|n| t(i64::from(n) * 600)));
            }
            Step::Report => {
                let s = f.store.summary(&f.id, THRESHOLD, None).unwrap();
                let r = s.summary.all.reality(Progress::default());
                assert_eq!(r, f.scratch(None).0);
            }
            Step::CutCache(at) => {
                if let Ok(bytes) = fs::read(&cache) {
                    fs::write(&cache, &bytes[..at % (bytes.len() + 1)]).unwrap();
                }
            }
            Step::FlipCache(at) => {
                if let Ok(mut bytes) = fs::read(&cache)
                    && !bytes.is_empty()
                {
                    let n = bytes.len();
                    bytes[at % n] ^= 1 << (at % 7);
                    fs::write(&cache, &bytes).unwrap();
                }
            }
            Step::CacheOfOther => {
                f.store.summary(&self.other, THRESHOLD, None).unwrap();
                fs::copy(f.store.summary_path(&self.other), &cache).unwrap();
            }
            Step::TornTail(n) => {
                let mut file = OpenOptions::new().append(true).open(&timeline).unwrap();
                let line = record::to_line(&note(u64::MAX, self.clock, Kind::Note));
                file.write_all(&line[..n.min(line.len() - 1)]).unwrap();
            }
            Step::CutTimeline(at) => {
                if let Ok(bytes) = fs::read(&timeline) {
                    let header = header_line().len();
                    let keep = header + at % (bytes.len() - header + 1);
                    fs::write(&timeline, &bytes[..keep]).unwrap();
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_timeline_and_any_damage_give_the_report_made_from_scratch(
        steps in prop::collection::vec(step(), 1..40)
    ) {
        let f = Fixture::new();
        let other = f.other(2);
        f.append_to(&other, &day(10_000, 5));
        f.append(&[note(0, 0, Kind::Note)]);
        let mut run = Run { f, other, next: 1, clock: 0 };
        for step in steps {
            run.apply(step);
        }
        for frozen in [None, Some(t(600))] {
            run.f.check(frozen);
            run.f.check(frozen);
        }
    }
}
