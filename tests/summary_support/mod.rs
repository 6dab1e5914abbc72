//! A store caching every summary, a session written to by hand, and the report and the
//! briefing made both from the summary and from the whole timeline, for the summary cache
//! tests.

use std::fs::{self, OpenOptions};
use std::io::Write;

use chrono::{DateTime, TimeDelta, Utc};
use tempfile::TempDir;
use tether::context::{History, briefing, briefing_from, left_at, left_at_from};
use tether::record::{self, Amendment, Change, Record};
use tether::session::{Interaction, Kind, Progress, Session, SessionId, Snapshot, Source};
use tether::store::{Position, Store, header_line};
use tether::timeline::{Materializer, reality};
use ulid::Ulid;

use crate::common;

/// The pause past which a gap counts.
pub const THRESHOLD: TimeDelta = TimeDelta::hours(2);

/// A store caching every summary, and a session of it, written to by hand.
pub struct Fixture {
    _dir: TempDir,
    /// The store, caching every summary.
    pub store: Store,
    /// The session written to.
    pub id: SessionId,
}

impl Fixture {
    /// An empty store with the session's folder made.
    pub fn new() -> Self {
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

    /// Another session `n` of the store, its folder made.
    pub fn other(&self, n: u32) -> SessionId {
        let id: SessionId = n.to_string().parse().unwrap();
        fs::create_dir_all(self.store.session_dir(&id)).unwrap();
        id
    }

    /// Appends `records`, an incomplete last line first set aside as a writer does.
    pub fn append_to(&self, id: &SessionId, records: &[Record]) {
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

    /// Appends `records` to the session's timeline.
    pub fn append(&self, records: &[Record]) {
        self.append_to(&self.id, records);
    }

    /// The report and briefing from the summary, and whether it was rebuilt.
    pub fn cached(&self, frozen: Option<DateTime<Utc>>) -> (Made, bool) {
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
    pub fn scratch(&self, frozen: Option<DateTime<Utc>>) -> Made {
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
    pub fn check(&self, frozen: Option<DateTime<Utc>>) -> bool {
        let (made, rebuilt) = self.cached(frozen);
        assert_eq!(made, self.scratch(frozen));
        rebuilt
    }
}

/// What is made from a timeline: the report, the briefing, where it was left, the torn tail.
#[derive(Debug, PartialEq)]
pub struct Made(
    pub tether::timeline::Reality,
    pub tether::context::Briefing,
    pub tether::reality::LeftAt,
    pub Option<usize>,
);

/// `minutes` after the first note's time.
pub fn t(minutes: i64) -> DateTime<Utc> {
    "2025-08-15T08:00:00Z".parse::<DateTime<Utc>>().unwrap() + TimeDelta::minutes(minutes)
}

/// When the report and the briefing are made: a month after the first note.
pub fn now() -> DateTime<Utc> {
    t(60 * 24 * 30)
}

/// The session, frozen at `frozen` if given.
pub fn session(frozen: Option<DateTime<Utc>>) -> Session {
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

/// Interaction `n`, of `kind`, `minutes` after the first note's time.
pub fn note(n: u64, minutes: i64, kind: Kind) -> Record {
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

/// Amendment `n`, making `change` to interaction `target`.
pub fn amend(n: u64, target: u64, change: Change) -> Record {
    Record::Amend(Amendment {
        id: Ulid::from_parts(1_000_000 + n, 0),
        at: t(0),
        target: Ulid::from_parts(target, 0),
        change,
    })
}

/// A day of notes: a morning, a long lunch, an afternoon.
pub fn day(first: u64, day: i64) -> Vec<Record> {
    let start = day * 24 * 60;
    (0..12)
        .map(|n| {
            let minutes = start + n * 20 + if n >= 6 { 180 } else { 0 };
            note(first + n as u64, minutes, Kind::Note)
        })
        .collect()
}
