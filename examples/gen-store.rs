//! Builds a realistic store for benchmarks, written through tether's own store code so the
//! files are exactly what tether writes.
//!
//! ```text
//! cargo run --release --example gen-store -- --interactions 1000000 --home /tmp/t1m
//!     [--missions 1] [--active N] [--seed 7] [--end 2025-08-16T08:00:00Z] [--workspace DIR]
//! ```
//!
//! Work happens on weekdays, in a morning and an afternoon block around lunch (sometimes
//! long enough to be a gap), with evening sessions now and then, rare weekend work, and
//! holidays. Within a block the pace varies: slow notes, quick bursts from an agent, commits
//! from a git hook. Steps, decisions and frozen snapshots go to `session.json`; a few
//! interactions are edited or deleted later (amendment lines). The active mission is the last
//! one and ends shortly before `--end` (default: now).

mod gen_store;

use std::process::ExitCode;

use gen_store::Spec;

fn parse_args() -> Result<Spec, String> {
    let mut spec = Spec::new(100_000, "");
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        let bad = |e: &dyn std::fmt::Display| format!("{flag}: {e}");
        match flag.as_str() {
            "--interactions" => spec.interactions = value()?.parse().map_err(|e| bad(&e))?,
            "--home" => spec.home = value()?.into(),
            "--missions" => spec.missions = value()?.parse().map_err(|e| bad(&e))?,
            "--active" => spec.active = Some(value()?.parse().map_err(|e| bad(&e))?),
            "--seed" => spec.seed = value()?.parse().map_err(|e| bad(&e))?,
            "--end" => spec.end = value()?.parse().map_err(|e| bad(&e))?,
            "--workspace" => spec.workspace = Some(value()?.into()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if spec.home.as_os_str().is_empty() {
        return Err("--home DIR is required".into());
    }
    if spec.home.join("sessions").exists() {
        return Err(format!("{} already holds a store", spec.home.display()));
    }
    spec.missions = spec.missions.max(1);
    Ok(spec)
}

fn main() -> ExitCode {
    let spec = match parse_args() {
        Ok(spec) => spec,
        Err(e) => {
            eprintln!("gen-store: {e}");
            return ExitCode::FAILURE;
        }
    };
    let started = std::time::Instant::now();
    match gen_store::generate(&spec) {
        Ok(bytes) => {
            eprintln!(
                "gen-store: {} interactions in {} mission(s), {:.1} MB of timeline, in {:.1?} → {}",
                spec.interactions,
                spec.missions,
                bytes as f64 / 1e6,
                started.elapsed(),
                spec.home.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-store: {e}");
            ExitCode::FAILURE
        }
    }
}
