//! `kill -9` in the middle of writing large notes, many times: every acknowledged record
//! survives (acknowledged: the CLI printed that it logged it, which it does only after
//! the flush), a torn fragment is set aside in `timeline.torn`, never deleted, and the next
//! append is whole.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use common::{BIN, END, FAILPOINT, Home, START, assert_fired, sid};
use tether::record::Record;
use tether::timeline::materialize;

/// The largest note tether takes.
const MAX_NOTE: usize = 64 * 1024;

/// A note of `size` bytes starting with `mark`.
fn note(mark: &str, size: usize) -> String {
    let filler = "the night's context, kept whole; ";
    let mut text = format!("{mark} ");
    while text.len() < size {
        text.push_str(filler);
    }
    text.truncate(size);
    text.trim_end().to_string()
}

/// `tether log TEXT` as a child process, with `failpoint` armed when given.
fn spawn_log(home: &Home, text: &str, failpoint: Option<&str>) -> Child {
    let mut cmd = Command::new(BIN);
    cmd.args(["log", text])
        .current_dir(home.path())
        .env("TETHER_HOME", home.path())
        .env("TETHER_NOW", END)
        .env("TZ", "UTC")
        .env_remove("RUST_BACKTRACE")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(failpoint) = failpoint {
        cmd.env(FAILPOINT, failpoint);
    }
    cmd.spawn().expect("tether starts")
}

fn len(path: &Path) -> u64 {
    fs::metadata(path).map_or(0, |m| m.len())
}

/// Polls `cond` until it holds; fails the test after a generous deadline.
fn wait_until(what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        thread::sleep(Duration::from_millis(2));
    }
}

/// Whether a finished child acknowledged its record.
fn acknowledged(out: &Output) -> bool {
    String::from_utf8_lossy(&out.stdout).starts_with("Logged to session")
}

#[test]
fn kill_9_in_the_middle_of_a_large_append_keeps_every_acknowledged_record() {
    const ROUNDS: usize = 16;
    let home = Home::new();
    home.run(START, &["start", "Night"]);
    let path = home.timeline("00001");
    let mut kept = vec!["Mission started: Night".to_string()];
    let mut torn = Vec::new();
    for round in 0..ROUNDS {
        // sizes up to the limit; the cut anywhere from the first byte to the text's end
        let size = [300, 5_000, 40_000, MAX_NOTE][round % 4];
        let cut = 1 + (size - 1) * round / ROUNDS;
        let base = len(&path);
        let failpoint = format!("append:torn={cut}");
        let mut writer = spawn_log(&home, &note("killed", size), Some(&failpoint));
        wait_until("the torn write", || {
            len(&path) == base + cut as u64 || writer.try_wait().unwrap().is_some()
        });
        writer.kill().expect("kill -9");
        let out = writer.wait_with_output().unwrap();
        assert_fired(&failpoint, &out.stderr);
        assert!(!out.status.success() && !acknowledged(&out));
        torn.push(cut);

        // a reader skips the fragment; the next writer sets it aside and starts whole
        let (ok, _, stderr) = home.try_run(END, &["report", "--format", "log"]);
        assert!(ok && stderr.contains("incomplete last line"), "{stderr}");
        let text = note(&format!("kept {round}"), MAX_NOTE - round * 997);
        let out = spawn_log(&home, &text, None).wait_with_output().unwrap();
        assert!(acknowledged(&out), "{out:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("timeline.torn"));
        kept.push(text);
    }

    let read = home.store().timeline(&sid("00001")).unwrap();
    assert_eq!(read.torn_tail, None);
    let texts: Vec<String> = materialize(read.records)
        .into_iter()
        .map(|i| i.text)
        .collect();
    assert_eq!(texts, kept, "every acknowledged record, whole, in order");
    let set_aside = fs::read(home.session_dir("00001").join("timeline.torn")).unwrap();
    let fragments: Vec<&[u8]> = set_aside
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(
        fragments.iter().map(|f| f.len()).collect::<Vec<_>>(),
        torn,
        "each fragment kept, byte for byte"
    );
    assert!(
        fragments
            .iter()
            .all(|f| b"{\"id\":\"".starts_with(&f[..f.len().min(7)]))
    );
}

/// A tiny deterministic generator for the test's choices.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Runs one writer and kills it at a moment chosen by `rng`; returns its output.
fn log_and_maybe_kill(home: &Home, text: &str, rng: &mut Rng) -> (Output, bool) {
    let path = home.timeline("00001");
    let mut child = spawn_log(home, text, None);
    let killed = match rng.below(4) {
        0 => false,
        1 => true, // before it has even started
        2 => {
            // after a varying number of looks at it
            for _ in 0..rng.below(20_000) {
                if child.try_wait().unwrap().is_some() {
                    break;
                }
            }
            true
        }
        _ => {
            // the moment the timeline grows: in or just after someone's write
            let base = len(&path);
            let deadline = Instant::now() + Duration::from_secs(5);
            while len(&path) == base
                && child.try_wait().unwrap().is_none()
                && Instant::now() < deadline
            {}
            true
        }
    };
    if killed {
        let _ = child.kill();
    }
    (child.wait_with_output().unwrap(), killed)
}

#[test]
fn kill_9_at_random_moments_among_concurrent_writers_loses_nothing_acknowledged() {
    const WRITERS: usize = 4;
    const EACH: usize = 12;
    let home = Home::new();
    home.run(START, &["start", "Night"]);
    let results: Vec<Vec<(String, bool, bool)>> = thread::scope(|scope| {
        let home = &home;
        let handles: Vec<_> = (0..WRITERS)
            .map(|w| {
                scope.spawn(move || {
                    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ ((w as u64 + 1) * 0x1234_5678));
                    (0..EACH)
                        .map(|i| {
                            let size = 200 + rng.below(MAX_NOTE as u64 - 200) as usize;
                            let text = note(&format!("w{w} i{i}"), size);
                            let (out, killed) = log_and_maybe_kill(home, &text, &mut rng);
                            (text, acknowledged(&out), killed)
                        })
                        .collect()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    home.run(END, &["log", "the morning after"]);

    let read = home.store().timeline(&sid("00001")).unwrap();
    assert_eq!(
        read.torn_tail, None,
        "the last append set any torn tail aside"
    );
    let ids: std::collections::HashSet<_> = read.records.iter().map(Record::id).collect();
    assert_eq!(ids.len(), read.records.len(), "unique ids");
    let texts: Vec<String> = materialize(read.records)
        .into_iter()
        .map(|i| i.text)
        .collect();
    let attempts: Vec<_> = results.into_iter().flatten().collect();
    let killed = attempts.iter().filter(|(_, _, k)| *k).count();
    assert!(killed >= WRITERS * EACH / 4, "only {killed} kills");
    for (text, acked, _) in &attempts {
        let copies = texts.iter().filter(|t| *t == text).count();
        assert!(copies <= 1, "a record written twice");
        if *acked {
            assert_eq!(copies, 1, "an acknowledged record was lost");
        }
    }
    for text in &texts {
        let known = text == "Mission started: Night" || text == "the morning after";
        assert!(
            known || attempts.iter().any(|(t, _, _)| t == text),
            "a mixed record"
        );
    }
    // whatever a kill tore was set aside, never deleted: fragments of line starts
    let torn = fs::read(home.session_dir("00001").join("timeline.torn")).unwrap_or_default();
    let fragments: Vec<&[u8]> = torn
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    for fragment in &fragments {
        assert!(fragment.starts_with(b"{\"id\":\"") || b"{\"id\":\"".starts_with(fragment));
    }
    let acked = attempts.iter().filter(|(_, a, _)| *a).count();
    eprintln!(
        "{} writers, {killed} killed, {acked} acknowledged and kept, {} torn fragments set aside",
        attempts.len(),
        fragments.len()
    );
}
