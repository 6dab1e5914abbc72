//! The summary cache under any sequence of appends, amendments, reads and damage (to the
//! cache or the timeline): the report and the briefing made from it are always those made
//! from the whole timeline.

mod common;
mod summary_support;

use std::fs::{self, OpenOptions};
use std::io::Write;

use proptest::prelude::*;
use summary_support::{Fixture, THRESHOLD, amend, day, note, t};
use tether::record::{self, Change, Record, Seen};
use tether::session::{Kind, Progress, SessionId, Source};
use tether::store::header_line;
use ulid::Ulid;

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
