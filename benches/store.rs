//! The store's costs, in-process: loading a timeline (as records, and as the dashboard's
//! compact columns) and measuring its gaps at 1k, 100k and 1M interactions, appending one
//! interaction to a large store, and the report.
//!
//! `cargo bench --bench store`. Stores are generated under the system's temp folder by the
//! same generator as `examples/gen-store.rs`. The 1M cases take few samples.

#[path = "../examples/gen_store/mod.rs"]
mod gen_store;

use std::hint::black_box;
use std::time::Duration;

use chrono::{TimeDelta, Utc};
use clap::Parser;
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, BenchmarkId, Criterion, criterion_group, criterion_main};
use tempfile::TempDir;
use tether::Ctx;
use tether::cli::Cli;
use tether::color::ColorChoice;
use tether::ops::{self, Change, Entry, Target};
use tether::session::{Interaction, Progress, Source};
use tether::store::Store;
use tether::timeline::{self, Materializer};

/// The sizes measured.
const SIZES: [usize; 3] = [1_000, 100_000, 1_000_000];

/// A generated store of `n` interactions in one active mission.
fn store(n: usize) -> (TempDir, Store) {
    let dir = tempfile::tempdir().expect("a temp dir");
    gen_store::generate(&gen_store::Spec::new(n, dir.path())).expect("the store is written");
    let store = Store::new(dir.path());
    (dir, store)
}

/// What the dashboard and the report do: the active timeline, amendments applied.
fn load(store: &Store) -> Vec<Interaction> {
    let id = store.active().expect("an active session");
    let mut interactions = Materializer::default();
    store
        .timeline_with(&id, |block| interactions.extend(block.drain(..)))
        .expect("the timeline reads");
    interactions.finish()
}

/// A group for one measure; the 1M cases take ten samples.
fn sized<'a>(c: &'a mut Criterion, name: &str, n: usize) -> BenchmarkGroup<'a, WallTime> {
    let mut group = c.benchmark_group(name);
    if n >= 1_000_000 {
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(8));
    }
    group
}

fn timeline_load(c: &mut Criterion) {
    for n in SIZES {
        let (_dir, store) = store(n);
        let mut group = sized(c, "timeline_load", n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &store, |b, store| {
            b.iter(|| black_box(load(store)))
        });
        group.finish();
        let id = store.active().expect("an active session");
        let mut group = sized(c, "dashboard_load", n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &store, |b, store| {
            b.iter(|| black_box(tether::tui::load::load(store, &id).expect("it loads")))
        });
        group.finish();
        let interactions = load(&store);
        let mut group = sized(c, "gaps", n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &interactions, |b, list| {
            b.iter(|| {
                black_box(timeline::reality(
                    black_box(list),
                    TimeDelta::hours(2),
                    Progress::default(),
                ))
            })
        });
        group.finish();
    }
}

fn append(c: &mut Criterion) {
    let (_dir, store) = store(100_000);
    c.bench_function("append_one/100000", |b| {
        b.iter(|| {
            let change = Change::Log {
                session: Target::Active,
                entry: Entry::note("Reviewed the fix plan"),
            };
            black_box(ops::apply(&store, Utc::now(), Source::Cli, change).expect("logged"))
        })
    });
}

fn report(c: &mut Criterion) {
    for n in [100_000, 1_000_000] {
        let (dir, _store) = store(n);
        let ctx = Ctx::load(Some(dir.path().to_path_buf()), ColorChoice::Never).expect("a context");
        let mut group = sized(c, "report", n);
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| {
                let cli = Cli::try_parse_from(["tether", "report"]).expect("a command line");
                let command = cli.command.expect("a subcommand");
                black_box(tether::cli::run(&ctx, command).expect("a report"))
            })
        });
        group.finish();
    }
}

criterion_group!(benches, timeline_load, append, report);
criterion_main!(benches);
