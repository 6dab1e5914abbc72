//! `sync = "auto"`: a sync started in the background after writes and when the dashboard
//! opens. The command that asks returns at once; the background process waits for writes
//! to settle (a burst of hook logs makes one sync, not one each), then syncs and writes
//! what happened to `sync.log`. A machine that is offline just syncs later.

use std::io::Write as _;
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::Utc;

use super::layout::{SYNC_LOG, SyncState};
use crate::Ctx;

/// How long the background sync waits for more writes before it syncs.
const SETTLE: Duration = Duration::from_secs(3);

/// The most bytes `sync.log` keeps before starting again.
const MAX_LOG: u64 = 256 << 10;

/// Starts a background sync when the config asks for it and the store is synced; never
/// waits for it, and a failure to start it is only lost time (the next write tries again).
pub fn request(ctx: &Ctx) {
    if !ctx.config.auto_sync || !super::is_synced(ctx.store.root()) {
        return;
    }
    let mut state = SyncState::read(&ctx.store);
    state.asked = Some(Utc::now());
    state.write(&ctx.store);
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let mut command = Command::new(exe);
    if ctx.home.config_file == ctx.home.data_dir.join("config.toml") {
        // the home was named (--home or TETHER_HOME): the same for the background sync
        command.arg("--home").arg(&ctx.home.data_dir);
    }
    let _ = command
        .args(["sync", "--background"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
}

/// The background sync: waits for writes to settle; leaves the sync to a later request
/// when one came meanwhile; else syncs and logs the outcome.
pub fn run_in_background(ctx: &Ctx) {
    let started = Utc::now();
    std::thread::sleep(SETTLE);
    if SyncState::read(&ctx.store)
        .asked
        .is_some_and(|asked| asked > started)
    {
        return;
    }
    let outcome = match super::sync(&ctx.store, ctx.clock.now()) {
        Ok(synced) => {
            let told = super::told(&synced);
            if !told.is_empty() {
                let mut state = SyncState::read(&ctx.store);
                state.untold.extend(told.iter().cloned());
                state.write(&ctx.store);
            }
            let mut line = format!("synced with {}", synced.remote);
            for said in told {
                line.push_str("; ");
                line.push_str(&said);
            }
            line
        }
        Err(e) => format!("sync failed: {e}"),
    };
    let path = ctx.store.root().join(SYNC_LOG);
    if std::fs::metadata(&path).is_ok_and(|m| m.len() > MAX_LOG) {
        let _ = std::fs::remove_file(&path);
    }
    if let Ok(mut log) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
    {
        let _ = writeln!(log, "{} {outcome}", Utc::now().to_rfc3339());
    }
}

/// What a background sync changed for the person and has not told them yet, taken (the
/// next command shows it, once). Costs one look at a file in a store that is not synced.
pub fn take_untold(ctx: &Ctx) -> Vec<String> {
    if !ctx.store.is_synced() {
        return Vec::new();
    }
    let mut state = SyncState::read(&ctx.store);
    let untold = std::mem::take(&mut state.untold);
    if !untold.is_empty() {
        state.write(&ctx.store);
    }
    untold
}
