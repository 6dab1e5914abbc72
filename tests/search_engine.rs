//! The search engine against the slow and obvious answer: every session loaded whole
//! (amendments applied), every text matched, sorted newest first. Timelines written out of
//! time order (entries back in time, amendments that move, edit and delete), long lines,
//! escapes and renames; and the store's backward reader against its forward one.

mod common;

use std::collections::BTreeSet;

use chrono::{DateTime, TimeDelta, Utc};
use common::{Home, sid, utc};
use tether::record::{Amendment, Change, Record};
use tether::search::{Matcher, Query, Search};
use tether::session::{Decision, Interaction, Kind, Session, SessionId, Source, Step};
use tether::store::Store;
use ulid::Ulid;

/// A small seeded random source (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const WORDS: [&str; 12] = [
    "gap",
    "Gap",
    "GAP",
    "tests",
    "report",
    "plan",
    "é",
    "\"quoted\"",
    "line\nbreak",
    "x\\y",
    "ÉTÉ",
    "été",
];

/// A record id made at `written` (a ULID carries the moment it was made).
fn made(rng: &mut Rng, written: DateTime<Utc>) -> Ulid {
    Ulid::from_parts(written.timestamp_millis() as u64, u128::from(rng.next()))
}

/// A session of `n` interactions written a minute apart from `start`: some logged back in
/// time, some amended later (text, deletion, time, kind), a few long, with steps, decisions
/// and a rename.
fn session(store: &Store, rng: &mut Rng, number: u64, start: DateTime<Utc>, n: usize) {
    let id = SessionId::from_number(number).unwrap();
    let mut session = Session::new(id.clone(), format!("Mission {number} gap"), start);
    let mut records = Vec::new();
    let mut written_ids = Vec::new();
    for i in 0..n {
        let written = start + TimeDelta::minutes(i as i64);
        let at = match rng.below(20) {
            0 => written - TimeDelta::minutes(rng.below(60 * 24 * 30) as i64),
            _ => written,
        };
        let words: Vec<&str> = (0..1 + rng.below(6))
            .map(|_| WORDS[rng.below(12) as usize])
            .collect();
        let mut text = words.join(" ");
        if rng.below(500) == 0 {
            text.push_str(&"long ".repeat(30_000)); // longer than the first block read
        }
        let interaction = Interaction {
            id: made(rng, written),
            at,
            kind: [Kind::Note, Kind::Commit, Kind::Progress][rng.below(3) as usize],
            source: Source::Cli,
            text,
            head: None,
            branch: None,
        };
        written_ids.push(interaction.id);
        records.push(Record::Interaction(interaction));
        if rng.below(15) == 0 {
            let target = written_ids
                [written_ids.len() - 1 - rng.below(written_ids.len().min(200) as u64) as usize];
            let change = match rng.below(4) {
                0 => Change::Text(format!("edited {}", WORDS[rng.below(12) as usize])),
                1 => Change::Deleted(rng.below(3) != 0),
                2 => Change::At(written - TimeDelta::minutes(rng.below(5000) as i64)),
                _ => Change::Kind(Kind::Decision),
            };
            let amend = Amendment {
                id: made(rng, written),
                at: written,
                target,
                change,
            };
            records.push(Record::Amend(amend));
        }
        if rng.below(200) == 0 {
            session.steps.push(Step {
                id: made(rng, written),
                number: session.steps.len() as u32 + 1,
                text: format!("step {}", WORDS[rng.below(12) as usize]),
                done: rng.below(2) == 0,
                created: written,
                done_at: None,
            });
            let decision = Decision {
                id: made(rng, written),
                at: written,
                text: format!("decided {}", WORDS[rng.below(12) as usize]),
                why: None,
            };
            records.push(Record::Interaction(Interaction {
                id: made(rng, written),
                at: written,
                kind: Kind::Decision,
                source: Source::Tui,
                text: format!("Decided: {}", decision.text),
                head: None,
                branch: None,
            }));
            session.decisions.push(decision);
        }
    }
    store.write(|w| w.create_session(&session)).unwrap();
    for chunk in records.chunks(5_000) {
        store.write(|w| w.append(&id, chunk)).unwrap();
    }
    // renamed once its history is written: a record of the session's state log
    let mut renamed = session;
    renamed.mission.title = format!("Renamed {number} \"gap\"");
    let renamed_at = start + TimeDelta::minutes(n as i64);
    store
        .write(|w| w.put_session(&renamed, renamed_at))
        .unwrap();
}

/// What the search must find, the slow way: (session, id, text), and the times in order.
fn expected(store: &Store, query: &Query) -> Vec<(SessionId, Ulid, String, DateTime<Utc>)> {
    let mut all = Vec::new();
    for id in store.session_ids().unwrap() {
        if query.session.as_ref().is_some_and(|s| s != &id) {
            continue;
        }
        let loaded = store.load_session(&id).unwrap();
        let plan = loaded
            .session
            .steps
            .iter()
            .map(|s| (s.id, s.created, Kind::Step, s.text.clone()))
            .chain(
                loaded
                    .session
                    .decisions
                    .iter()
                    .map(|d| (d.id, d.at, Kind::Decision, d.text.clone())),
            );
        let mut logs_of_plan = BTreeSet::new();
        for (item, at, kind, text) in plan {
            if (query.kinds.is_empty() || query.kinds.contains(&kind))
                && query.span.contains(at)
                && query.matcher.find(&text).is_some()
            {
                let said = if kind == Kind::Step {
                    "Next step: "
                } else {
                    "Decided: "
                };
                logs_of_plan.insert((at, format!("{said}{text}")));
                all.push((id.clone(), item, text, at));
            }
        }
        for i in loaded.interactions {
            let taken = (query.kinds.is_empty() || query.kinds.contains(&i.kind))
                && query.span.contains(i.at);
            if taken
                && query.matcher.find(&i.text).is_some()
                && !logs_of_plan.contains(&(i.at, i.text.clone()))
            {
                all.push((id.clone(), i.id, i.text, i.at));
            }
        }
    }
    all.sort_by_key(|hit| std::cmp::Reverse(hit.3));
    all
}

fn check(store: &Store, query: Query) -> usize {
    let want = expected(store, &query);
    let hits: Vec<_> = Search::new(store, query)
        .unwrap()
        .map(|h| h.unwrap())
        .collect();
    let times: Vec<DateTime<Utc>> = hits.iter().map(|h| h.at).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "not newest first");
    let got: BTreeSet<_> = hits
        .iter()
        .map(|h| (h.session.clone(), h.id, h.text.clone(), h.at))
        .collect();
    let want_set: BTreeSet<_> = want.iter().cloned().collect();
    assert_eq!(got.len(), hits.len(), "a hit twice");
    assert_eq!(got, want_set);
    for hit in &hits {
        assert!(hit.mission.starts_with("Renamed"), "{}", hit.mission);
        for m in &hit.matches {
            assert!(!hit.text[m.clone()].is_empty());
        }
    }
    hits.len()
}

#[test]
fn the_search_finds_what_loading_every_session_finds_in_time_order() {
    let home = Home::new();
    let store = home.store();
    let mut rng = Rng(7);
    let start = utc("2025-01-01T00:00:00Z");
    for (number, n) in [(1, 6_000), (2, 300), (3, 9_000)] {
        session(
            &store,
            &mut rng,
            number,
            start + TimeDelta::days(number as i64 * 3),
            n,
        );
    }
    let literal = |p: &str| Query::new(Matcher::literal(p).unwrap());
    let regex = |p: &str| Query::new(Matcher::regex(p).unwrap());
    assert!(check(&store, literal("gap")) > 1_000);
    assert!(check(&store, literal("été")) > 100);
    assert!(check(&store, literal("\"quoted\" ")) > 10);
    assert!(check(&store, literal("line\nbreak")) > 10);
    assert!(check(&store, literal("x\\y")) > 10);
    assert!(check(&store, literal("edited")) > 10);
    assert!(check(&store, regex(r"^(gap|step) ")) > 100);
    assert!(check(&store, regex(r"tests$")) > 100);
    assert_eq!(check(&store, literal("nowhere at all")), 0);
    let mut q = literal("gap");
    q.kinds = vec![Kind::Decision, Kind::Step];
    assert!(check(&store, q) > 10);
    let mut q = literal("report");
    q.session = Some(sid("3"));
    q.span.since = Some(start + TimeDelta::days(12));
    q.span.until = Some(start + TimeDelta::days(14));
    assert!(check(&store, q) > 10);
}

#[test]
fn the_first_hits_come_without_reading_the_rest() {
    let home = Home::new();
    let store = home.store();
    let mut rng = Rng(11);
    session(&store, &mut rng, 1, utc("2025-01-01T00:00:00Z"), 4_000);
    let first: Vec<_> = Search::new(&store, Query::new(Matcher::literal("gap").unwrap()))
        .unwrap()
        .take(3)
        .map(|h| h.unwrap())
        .collect();
    let all = expected(&store, &Query::new(Matcher::literal("gap").unwrap()));
    assert_eq!(
        first.iter().map(|h| h.at).collect::<Vec<_>>(),
        all[..3].iter().map(|w| w.3).collect::<Vec<_>>()
    );
    // a cancelled search ends at once
    let mut cancelled = Search::new(&store, Query::new(Matcher::literal("gap").unwrap()))
        .unwrap()
        .cancel_when(|| true);
    assert!(cancelled.next().is_none());
}

#[test]
fn the_backward_reader_reads_what_the_forward_one_reads() {
    let home = Home::new();
    let store = home.store();
    let mut rng = Rng(3);
    session(&store, &mut rng, 1, utc("2025-01-01T00:00:00Z"), 3_000);
    let id = sid("1");
    // a torn last line, as a crash leaves it
    let path = store.timeline_path(&id);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(b"{\"id\":\"01K2S5Y7W0");
    std::fs::write(&path, &bytes).unwrap();
    let forward = store.timeline(&id).unwrap();
    let mut backward = Vec::new();
    let torn = store
        .timeline_back_with(&id, |block| backward.append(block))
        .unwrap();
    backward.reverse();
    assert_eq!(backward, forward.records);
    assert_eq!(torn, forward.torn_tail);
    assert_eq!(torn, Some(17));
    let plan = store.session_plan(&id).unwrap();
    assert_eq!(
        plan,
        Session {
            snapshots: Vec::new(),
            ..store.session(&id).unwrap()
        }
    );
}

#[test]
fn a_damaged_line_is_named_and_a_newer_format_refused() {
    let home = Home::new();
    let store = home.store();
    let mut rng = Rng(5);
    session(&store, &mut rng, 1, utc("2025-01-01T00:00:00Z"), 50);
    let id = sid("1");
    let path = store.timeline_path(&id);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[10] = "{\"id\": gap, not json}";
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let error = Search::new(&store, Query::new(Matcher::literal("gap").unwrap()))
        .unwrap()
        .find_map(Result::err)
        .expect("the damaged line is met");
    assert!(error.to_string().contains("timeline.jsonl:11:"), "{error}");
    lines[0] = "{\"format\":99}";
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let error = store
        .timeline_backwards(&id)
        .unwrap()
        .next_block()
        .unwrap_err();
    assert!(error.to_string().contains("format 99"), "{error}");
}
