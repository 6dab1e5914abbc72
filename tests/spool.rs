//! A stuck writer never stalls a hook nor loses what it logs: with the lock held by a
//! stopped process, `tether log --no-wait` (what the git hook runs) returns at once and
//! leaves its record in the spool, which the next writer folds in, in order and once.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{BIN, Home, START, sid};
use tether::record::Record;

const LATER: &str = "2025-08-15T23:30:00Z";

/// A `tether log` stopped while it holds the lock (a debug build's failpoint); it holds it
/// until killed.
fn hold_the_lock(home: &Home) -> Child {
    let mut holder = Command::new(BIN)
        .args(["log", "the holder"])
        .env("TETHER_HOME", home.path())
        .env("TETHER_FAILPOINT", "lock:held=pause")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(holder.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim_end(), "tether: failpoint lock:held fired (pause)");
    holder
}

fn texts(home: &Home) -> Vec<String> {
    home.store()
        .timeline(&sid("1"))
        .unwrap()
        .records
        .into_iter()
        .filter_map(|r| match r {
            Record::Interaction(i) => Some(i.text),
            _ => None,
        })
        .collect()
}

#[test]
fn a_hook_never_waits_for_a_stuck_writer_and_its_record_is_logged_once_afterwards() {
    let home = Home::new();
    // a writer would wait a minute: the hook must not
    std::fs::write(home.path().join("config.toml"), "lock_timeout = \"60s\"\n").unwrap();
    home.run(START, &["start", "Hooked"]);
    let mut holder = hold_the_lock(&home);
    let out = home
        .cmd(LATER)
        .args([
            "log",
            "--no-wait",
            "--kind",
            "commit",
            "--source",
            "git",
            "a1b2c3d Fix",
        ])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("left for session 00001 in the spool"),
        "{said}"
    );
    assert!(!texts(&home).contains(&"a1b2c3d Fix".to_string()));
    assert_eq!(home.store().spooled().unwrap().len(), 1);
    let doctor = home.run(LATER, &["doctor"]);
    assert!(doctor.contains("1 record waits in the spool"), "{doctor}");

    holder.kill().unwrap();
    holder.wait().unwrap();
    home.run(LATER, &["log", "After the holder"]);
    home.run(LATER, &["log", "Once more"]);
    let texts = texts(&home);
    let commits = texts.iter().filter(|t| *t == "a1b2c3d Fix").count();
    assert_eq!(commits, 1, "{texts:?}");
    let at = |t: &str| texts.iter().position(|x| x == t).unwrap();
    assert!(
        at("a1b2c3d Fix") < at("After the holder"),
        "folded in order"
    );
    assert!(home.store().spooled().unwrap().is_empty());
}

#[test]
fn a_record_already_folded_is_not_folded_again() {
    let home = Home::new();
    home.run(START, &["start", "Crash after the append"]);
    home.run(START, &["log", "Folded once"]);
    // a fold cut short after its append: the spool file is still there
    let store = home.store();
    let last = store.recent(&sid("1")).unwrap().pop().unwrap();
    store.spool(&sid("1"), &last).unwrap();
    home.run(LATER, &["log", "Next"]);
    let folded = texts(&home).iter().filter(|t| *t == "Folded once").count();
    assert_eq!(folded, 1);
    assert!(store.spooled().unwrap().is_empty());
}

#[test]
fn a_lock_timeout_past_a_minute_is_refused() {
    let home = Home::new();
    std::fs::write(
        home.path().join("config.toml"),
        "lock_timeout = \"99999999y\"\n",
    )
    .unwrap();
    let err = home.refuse(START, &["start", "Never"]);
    assert!(err.contains("lock_timeout"), "{err}");
    std::fs::write(home.path().join("config.toml"), "lock_timeout = \"2m\"\n").unwrap();
    let err = home.refuse(START, &["start", "Never"]);
    assert!(err.contains("at most 60s"), "{err}");
}

/// Records left in the spool for two sessions, the later one's timeline damaged at its
/// end, and the next write refused (it is to that damaged session): the record that could
/// be folded is in its timeline for good (the refused write takes back only its own), the
/// other waits in the spool for `tether doctor --repair`.
#[test]
fn a_record_folded_stays_whatever_the_rest_of_the_write_does() {
    use tether::session::{Interaction, Kind, Source};
    let home = Home::new();
    home.run(START, &["start", "Folded into"]);
    home.run(START, &["start", "Damaged"]);
    let (damaged, _) = home.damage_end("00002");
    let store = home.store();
    let record = |n: u64, text: &str| {
        Record::Interaction(Interaction {
            id: ulid::Ulid::from_parts(1_755_300_000_000 + n, 7),
            at: common::utc(LATER),
            kind: Kind::Commit,
            source: Source::Git,
            text: text.into(),
            head: None,
            branch: None,
        })
    };
    store
        .spool(&sid("1"), &record(1, "abc1234 spooled for the first"))
        .unwrap();
    let waiting = store
        .spool(&sid("2"), &record(2, "def5678 spooled for the damaged"))
        .unwrap();
    let (ok, _, err) = home.try_run(LATER, &["log", "into the damaged one"]);
    assert!(
        !ok && err.contains(&format!("{}:", damaged.display())),
        "{err}"
    );
    assert!(
        texts(&home).contains(&"abc1234 spooled for the first".to_string()),
        "{:?}",
        texts(&home)
    );
    assert_eq!(store.spooled().unwrap(), [waiting]);
}
