//! Searching every mission, in-process, at 100k and 1M interactions: the first hit, the
//! first 200 (what the dashboard shows), every hit of a common phrase, and a phrase found
//! nowhere (the whole store read). One mission holding them all, and the same history
//! spread over 300 missions.
//!
//! `cargo bench --bench search`. Stores are generated under the system's temp folder by
//! the same generator as `examples/gen-store.rs`.

#[path = "../examples/gen_store/mod.rs"]
mod gen_store;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use tempfile::TempDir;
use tether::search::{Matcher, Query, Search};
use tether::store::Store;

/// A generated store of `n` interactions over `missions` missions.
fn store(n: usize, missions: usize) -> (TempDir, Store) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut spec = gen_store::Spec::new(n, dir.path());
    spec.missions = missions;
    gen_store::generate(&spec).expect("the store is written");
    let store = Store::new(dir.path());
    (dir, store)
}

/// The first `take` hits of `phrase` (all of them when `take` is `usize::MAX`).
fn search(store: &Store, phrase: &str, take: usize) -> usize {
    let query = Query::new(Matcher::literal(phrase).expect("a pattern"));
    Search::new(store, query)
        .expect("the store reads")
        .take(take)
        .inspect(|hit| {
            black_box(hit.as_ref().expect("a hit"));
        })
        .count()
}

fn searches(c: &mut Criterion) {
    for (n, missions) in [(100_000, 1), (1_000_000, 1), (1_000_000, 300)] {
        let (_dir, store) = store(n, missions);
        let mut group = c.benchmark_group(format!("search/{n}x{missions}"));
        if n >= 1_000_000 {
            group
                .sample_size(10)
                .measurement_time(Duration::from_secs(6));
        }
        let cases = [
            ("first hit", "gap detector", 1),
            ("first 200 hits", "gap detector", 200),
            ("every hit (about 40k at 1M)", "gap detector", usize::MAX),
            ("found nowhere", "zebra crossing", usize::MAX),
        ];
        for (name, phrase, take) in cases {
            group.bench_with_input(BenchmarkId::from_parameter(name), &store, |b, store| {
                b.iter(|| search(store, phrase, take))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, searches);
criterion_main!(benches);
