//! The store generator shared by `examples/gen-store.rs` and the benches.

#![allow(dead_code)]

pub mod text;
pub mod time;

use std::path::PathBuf;

use chrono::{DateTime, TimeDelta, Utc};
use tether::record::{Amendment, Change, Record};
use tether::session::{
    Decision, Interaction, Kind, MissionStatus, Session, SessionId, Snapshot, Source, State, Step,
};
use tether::store::{Store, StoreError};
use ulid::Ulid;

use text::Rng;

/// Records appended per write: one lock, one sync each.
const CHUNK: usize = 100_000;

/// What to generate.
#[derive(Clone, Debug)]
pub struct Spec {
    /// Interactions in all.
    pub interactions: usize,
    /// The data folder.
    pub home: PathBuf,
    /// How many missions (session folders) share them.
    pub missions: usize,
    /// How many the active (last) mission holds; all when alone, an equal share otherwise.
    pub active: Option<usize>,
    /// The random seed.
    pub seed: u64,
    /// When the last interaction happened.
    pub end: DateTime<Utc>,
    /// The workspace folder the sessions follow, if any.
    pub workspace: Option<PathBuf>,
}

impl Spec {
    /// `interactions` in one active mission under `home`, ending ten minutes before now.
    pub fn new(interactions: usize, home: impl Into<PathBuf>) -> Self {
        Spec {
            interactions,
            home: home.into(),
            missions: 1,
            active: None,
            seed: 7,
            end: Utc::now() - TimeDelta::minutes(10),
            workspace: None,
        }
    }
}

/// One mission built in memory: its session and its timeline's records.
pub fn mission(spec: &Spec) -> (Session, Vec<Record>) {
    let mut rng = Rng::new(spec.seed);
    let times = time::schedule(&mut rng, spec.interactions.max(1), spec.end);
    build(
        &mut rng,
        &SessionId::from_number(1).expect("a small number"),
        &times,
        spec,
    )
}

/// How many interactions each mission gets, the active (last) one at the end.
fn shares(spec: &Spec, rng: &mut Rng) -> Vec<usize> {
    let total = spec.interactions;
    let missions = spec.missions.max(1);
    let active = spec.active.unwrap_or(total / missions).min(total);
    let rest = total - active;
    let weights: Vec<f64> = (1..missions).map(|_| 0.2 + rng.unit() * 2.0).collect();
    let sum: f64 = weights.iter().sum();
    let mut out: Vec<usize> = weights
        .iter()
        .map(|w| ((rest as f64) * w / sum) as usize)
        .collect();
    let short = rest - out.iter().sum::<usize>();
    if let Some(first) = out.first_mut() {
        *first += short;
    }
    out.push(active);
    out
}

/// Writes the store; returns the bytes of timeline written.
pub fn generate(spec: &Spec) -> Result<u64, StoreError> {
    let mut rng = Rng::new(spec.seed);
    let shares = shares(spec, &mut rng);
    let times = time::schedule(&mut rng, spec.interactions.max(1), spec.end);
    let store = Store::new(tether::home::Home::under(&spec.home).data_dir);
    let mut from = 0;
    let mut bytes = 0;
    for (n, &count) in shares.iter().enumerate() {
        let id = SessionId::from_number(n as u64 + 1).expect("a small number");
        let to = (from + count).clamp(from + 1, times.len()).max(from);
        let (mut session, records) = build(&mut rng, &id, &times[from.min(to)..to], spec);
        from += count;
        if n + 1 < shares.len() {
            end_mission(&mut rng, &mut session);
        }
        store.write(|w| w.create_session(&session))?;
        for chunk in records.chunks(CHUNK) {
            store.write(|w| w.append(&id, chunk))?;
        }
        bytes += std::fs::metadata(store.timeline_path(&id)).map_or(0, |m| m.len());
    }
    let active = SessionId::from_number(shares.len() as u64).expect("a small number");
    store.write(|w| {
        w.put_state(&State {
            active: Some(active),
            ..State::default()
        })
    })?;
    Ok(bytes)
}

/// An earlier mission: completed, or paused and never picked up again.
fn end_mission(rng: &mut Rng, session: &mut Session) {
    let complete = rng.chance(0.8);
    session.mission.status = if complete {
        MissionStatus::Complete
    } else {
        MissionStatus::Paused
    };
    if complete {
        let last = session.snapshots.last().map_or(session.created, |s| s.at);
        session.ended = Some(last + TimeDelta::minutes(1));
    }
}

/// One mission's session and records, one interaction at each of `times`.
fn build(
    rng: &mut Rng,
    id: &SessionId,
    times: &[DateTime<Utc>],
    spec: &Spec,
) -> (Session, Vec<Record>) {
    let title = text::title(rng);
    let start = times.first().copied().unwrap_or(spec.end);
    let mut session = Session::new(id.clone(), title.clone(), start);
    session.workspace = spec.workspace.clone();
    let mut records = Vec::with_capacity(times.len() + times.len() / 100);
    let mut recent: Vec<Ulid> = Vec::new();
    let count = times.len();
    for (i, &at) in times.iter().enumerate() {
        let record = if i == 0 {
            let text = format!("Mission started: {title}");
            interaction(rng, at, Kind::Progress, Source::Cli, text)
        } else {
            next_interaction(rng, &mut session, at)
        };
        recent.push(record.id);
        if recent.len() > 50 {
            recent.remove(0);
        }
        records.push(Record::Interaction(record));
        if rng.chance(0.006) {
            records.push(Record::Amend(amend(rng, at, &recent)));
        }
        // The dashboard freezes on every quit; a session keeps the latest 64 snapshots.
        if rng.chance(0.002) || (i + 1 == count && session.snapshots.is_empty()) {
            session.snapshots.push(snapshot(rng, &session, at, i + 1));
            let excess = session.snapshots.len().saturating_sub(64);
            session.snapshots.drain(..excess);
        }
    }
    (session, records)
}

/// The next interaction; steps and decisions also go into the session as the CLI does.
fn next_interaction(rng: &mut Rng, session: &mut Session, at: DateTime<Utc>) -> Interaction {
    let roll = rng.unit();
    let open: Vec<usize> = (0..session.steps.len())
        .filter(|&i| !session.steps[i].done)
        .collect();
    if roll < 0.02 && session.steps.len() < 120 {
        let text = text::step(rng);
        session.steps.push(Step {
            id: ulid(rng, at),
            number: 0,
            text: text.clone(),
            done: false,
            created: at,
            done_at: None,
        });
        return interaction(
            rng,
            at,
            Kind::Step,
            Source::Cli,
            format!("Next step: {text}"),
        );
    }
    if roll < 0.05 && !open.is_empty() {
        let step = &mut session.steps[open[rng.below(open.len().min(3))]];
        step.done = true;
        step.done_at = Some(at);
        let text = format!("Done: {}", step.text);
        return interaction(rng, at, Kind::Progress, Source::Tui, text);
    }
    if roll < 0.065 && session.decisions.len() < 60 {
        let (text, why) = text::decision(rng);
        session.decisions.push(Decision {
            id: ulid(rng, at),
            at,
            text: text.clone(),
            why,
        });
        return interaction(
            rng,
            at,
            Kind::Decision,
            Source::Tui,
            format!("Decided: {text}"),
        );
    }
    if roll < 0.20 {
        let text = text::commit(rng);
        return interaction(rng, at, Kind::Commit, Source::Git, text);
    }
    if roll < 0.38 {
        let text = text::agent(rng);
        return interaction(rng, at, Kind::Note, Source::Agent, text);
    }
    let source = if rng.chance(0.55) {
        Source::Cli
    } else {
        Source::Tui
    };
    let text = text::note(rng);
    interaction(rng, at, Kind::Note, source, text)
}

fn ulid(rng: &mut Rng, at: DateTime<Utc>) -> Ulid {
    let random = (u128::from(rng.next()) << 64 | u128::from(rng.next())) & ((1 << 80) - 1);
    Ulid::from_parts(at.timestamp_millis() as u64, random)
}

fn interaction(
    rng: &mut Rng,
    at: DateTime<Utc>,
    kind: Kind,
    source: Source,
    text: String,
) -> Interaction {
    Interaction {
        id: ulid(rng, at),
        at,
        kind,
        source,
        text,
        head: Some(text::hex(rng, 40)),
        branch: None,
    }
}

fn amend(rng: &mut Rng, at: DateTime<Utc>, recent: &[Ulid]) -> Amendment {
    let target = recent[rng.below(recent.len())];
    let change = if rng.chance(0.7) {
        Change::Text(text::note(rng))
    } else {
        Change::Deleted(true)
    };
    Amendment {
        id: ulid(rng, at + TimeDelta::seconds(1)),
        at: at + TimeDelta::seconds(1),
        target,
        change,
    }
}

fn snapshot(rng: &mut Rng, session: &Session, at: DateTime<Utc>, count: usize) -> Snapshot {
    Snapshot {
        id: ulid(rng, at),
        at,
        mission: session.mission.clone(),
        progress: session.progress(),
        next_steps: session.open_steps().map(|s| s.text.clone()).collect(),
        key_decisions: session.decisions.clone(),
        interactions: count,
        workspace: None,
    }
}
