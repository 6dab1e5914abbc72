//! Shared helpers for the integration tests: a temporary tether home and ways to run the
//! real binary in it at fixed times.
#![allow(dead_code)] // each test binary uses a different part of these helpers

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use tempfile::TempDir;
use tether::session::SessionId;
use tether::store::Store;

/// The built `tether` binary.
pub const BIN: &str = env!("CARGO_BIN_EXE_tether");

/// The scenario's times: the start, the night's logs, the morning after.
pub const START: &str = "2025-08-15T23:00:00Z";
/// When the night's last logs are written (with `--at` for earlier times).
pub const NIGHT: &str = "2025-08-15T23:55:00Z";
/// A moment in the morning, just before the first log after the gap.
pub const MORNING: &str = "2025-08-16T08:08:00Z";
/// The first log after the gap (8h 17m 28s after 23:50:34).
pub const RESUMED: &str = "2025-08-16T08:08:02Z";
/// A decision and a step done.
pub const LATER: &str = "2025-08-16T08:10:00Z";
/// When the reports are read.
pub const END: &str = "2025-08-16T08:12:00Z";

/// A temporary tether home (config and data) that lives as long as the value.
pub struct Home {
    dir: TempDir,
}

impl Default for Home {
    fn default() -> Self {
        Self::new()
    }
}

impl Home {
    /// A fresh, empty home.
    pub fn new() -> Self {
        Home {
            dir: tempfile::tempdir().expect("a temp dir"),
        }
    }

    /// The home folder (`TETHER_HOME`).
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The home folder as text, for redacting it from output.
    pub fn path_str(&self) -> String {
        self.path().display().to_string()
    }

    /// The store, through the library.
    pub fn store(&self) -> Store {
        Store::new(self.path())
    }

    /// A session's folder.
    pub fn session_dir(&self, id: &str) -> PathBuf {
        self.path().join("sessions").join(id)
    }

    /// A session's `session.json`.
    pub fn session_json(&self, id: &str) -> PathBuf {
        self.session_dir(id).join("session.json")
    }

    /// A session's `timeline.jsonl`.
    pub fn timeline(&self, id: &str) -> PathBuf {
        self.session_dir(id).join("timeline.jsonl")
    }

    /// Damages the end of session `id`'s timeline with a whole line that does not read (as
    /// a disk can; it holds the word "gap", so that a search for it must read it); returns
    /// the timeline and the number of that line.
    pub fn damage_end(&self, id: &str) -> (PathBuf, usize) {
        let path = self.timeline(id);
        let mut bytes = fs::read(&path).expect("a timeline");
        bytes.extend_from_slice(b"{\"id\":garbage, a gap in the bytes\n");
        fs::write(&path, &bytes).unwrap();
        let line = bytes.iter().filter(|&&b| b == b'\n').count();
        (path, line)
    }

    /// A `tether` command in this home with the clock stopped at `now` and local time UTC.
    /// It runs in the home folder, outside any git repository, so no session follows the
    /// repository the tests happen to run in.
    pub fn cmd(&self, now: &str) -> assert_cmd::Command {
        let mut cmd = assert_cmd::Command::new(BIN);
        cmd.current_dir(self.path())
            .env("TETHER_HOME", self.path())
            .env("TETHER_NOW", now)
            .env("TZ", "UTC")
            .env_remove("COLUMNS")
            .env_remove("NO_COLOR")
            // a backtrace per refused command costs half a second in a debug build
            .env_remove("RUST_BACKTRACE")
            .env_remove("RUST_LIB_BACKTRACE");
        cmd
    }

    /// Runs `tether ARGS` at `now`, expects success and returns stdout.
    pub fn run(&self, now: &str, args: &[&str]) -> String {
        let out = self.cmd(now).args(args).output().expect("tether runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "tether {args:?} failed: {stderr}\nstdout: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        String::from_utf8(out.stdout).expect("stdout is UTF-8")
    }

    /// Runs `tether ARGS` at `now` and returns (success, stdout, stderr).
    pub fn try_run(&self, now: &str, args: &[&str]) -> (bool, String, String) {
        let out = self.cmd(now).args(args).output().expect("tether runs");
        (
            out.status.success(),
            String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        )
    }

    /// Runs `tether ARGS` at `now`, expecting the refusal the CLI contract promises: a
    /// non-zero exit, one line on stderr, no panic, nothing on stdout and not one byte of
    /// the home changed. Returns the error line.
    pub fn refuse(&self, now: &str, args: &[&str]) -> String {
        self.refuse_with(now, &[], args)
    }

    /// Like [`Home::refuse`], with more environment variables (a time zone).
    pub fn refuse_with(&self, now: &str, env: &[(&str, &str)], args: &[&str]) -> String {
        let stderr = self.refusal(now, env, None, args);
        assert_eq!(stderr.lines().count(), 1, "not one line: {stderr:?}");
        assert!(stderr.starts_with("tether: "), "{stderr}");
        stderr.trim_end().to_string()
    }

    /// Like [`Home::refuse`], with `failpoint` armed: stderr must say first that it fired
    /// (so that a build without failpoints fails here rather than passing untested), then
    /// hold the one error line, which is returned.
    pub fn refuse_at(&self, now: &str, failpoint: &str, args: &[&str]) -> String {
        let stderr = self.refusal(now, &[(FAILPOINT, failpoint)], Some(failpoint), args);
        let mut lines = stderr.lines();
        assert_eq!(lines.next(), Some(fired(failpoint).as_str()), "{stderr:?}");
        let error: Vec<&str> = lines.collect();
        assert_eq!(error.len(), 1, "not one error line: {stderr:?}");
        assert!(error[0].starts_with("tether: "), "{stderr}");
        error[0].to_string()
    }

    /// Runs a command that must be refused and change nothing (and, first of all, fire
    /// `failpoint` when one is given); returns its stderr.
    fn refusal(
        &self,
        now: &str,
        env: &[(&str, &str)],
        failpoint: Option<&str>,
        args: &[&str],
    ) -> String {
        let before = self.files();
        let mut cmd = self.cmd(now);
        cmd.envs(env.iter().copied());
        let out = cmd.args(args).output().expect("tether runs");
        if let Some(failpoint) = failpoint {
            assert_fired(failpoint, &out.stderr);
        }
        let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
        assert!(!out.status.success(), "tether {args:?} succeeded: {stderr}");
        assert_ne!(
            out.status.code(),
            Some(101),
            "a panic's exit code: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(out.stdout.is_empty(), "stdout: {:?}", out.stdout);
        assert_eq!(self.files(), before, "tether {args:?} changed the store");
        stderr
    }

    /// Every file and folder under the home, with each file's bytes.
    pub fn files(&self) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
        let mut all = BTreeMap::new();
        walk(self.path(), &mut all);
        all
    }

    /// Builds the scenario of the seed's night: session 00004 started at 23:00, three steps,
    /// a freeze at 23:30, logs at 23:41:00 and 23:50:34, then (after `MORNING`) a log at
    /// 08:08:02, a decision with its rationale and the first step done at 08:10.
    pub fn night_before(&self) {
        self.run(
            START,
            &["start", "--session", "4", "Implement", "Reality", "Agents"],
        );
        for step in [
            "Draft the protocol",
            "Implement the interaction logger",
            "Write the gap tests",
        ] {
            self.run(START, &["step", "add", step]);
        }
        self.run("2025-08-15T23:30:00Z", &["freeze"]);
        self.run(
            NIGHT,
            &["log", "--at", "23:41:00", "Reviewed the store design"],
        );
        self.run(
            NIGHT,
            &[
                "log",
                "--at",
                "2025-08-15 23:50:34",
                "Creating gift for Session 00004",
            ],
        );
    }

    /// The morning after [`Home::night_before`].
    pub fn morning_after(&self) {
        self.run(RESUMED, &["log", "Reviewing fix plan"]);
        self.run(
            LATER,
            &[
                "decide",
                "JSONL for the timeline",
                "--why",
                "O(1) append, crash-safe",
            ],
        );
        self.run(LATER, &["step", "done", "1"]);
    }
}

fn walk(dir: &Path, all: &mut BTreeMap<PathBuf, Option<Vec<u8>>>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("a dir entry").path();
        if path.is_dir() {
            all.insert(path.clone(), None);
            walk(&path, all);
        } else {
            all.insert(path.clone(), Some(fs::read(&path).expect("readable")));
        }
    }
}

/// The environment variable that arms the test-only failpoints (`src/store/failpoint.rs`).
pub const FAILPOINT: &str = "TETHER_FAILPOINT";

/// The line tether prints on stderr when the failpoint armed by `spec` (`POINT[@N][=ACTION]`)
/// fires: `tether: failpoint append:sync fired (abort)`. Only debug builds have failpoints.
pub fn fired(spec: &str) -> String {
    let (target, action) = spec.split_once('=').unwrap_or((spec, "abort"));
    let point = target.split_once('@').map_or(target, |(point, _)| point);
    let action = match action.parse::<usize>() {
        Ok(bytes) => format!("torn after {bytes} bytes"),
        Err(_) => action.to_string(),
    };
    format!("tether: failpoint {point} fired ({action})")
}

/// Asserts that `stderr` says the failpoint armed by `spec` fired.
pub fn assert_fired(spec: &str, stderr: &[u8]) {
    let stderr = String::from_utf8_lossy(stderr);
    assert!(
        stderr.lines().any(|line| line == fired(spec)),
        "the failpoint {spec} did not fire (a build without failpoints?): {stderr:?}"
    );
}

/// A temporary folder in memory (`/dev/shm`) when the system has one, else the usual one:
/// for tests of locking and re-reading that flush thousands of times, where a slow disk's
/// flushes only add minutes.
pub fn ram_temp_dir() -> TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(dir) = tempfile::tempdir_in(shm)
    {
        return dir;
    }
    tempfile::tempdir().expect("a temp dir")
}

/// A UTC time from RFC 3339 text.
pub fn utc(text: &str) -> chrono::DateTime<chrono::Utc> {
    text.parse().expect("an RFC 3339 time")
}

/// A session id from text.
pub fn sid(id: &str) -> SessionId {
    id.parse().expect("a valid session id")
}

/// Parses JSON output.
pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Replaces every `"id"` value (ULIDs are random) with `[ulid]`, checking it was one.
pub fn redact_ids(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if key == "id" {
                    let text = v.as_str().expect("an id is a string");
                    assert!(text.parse::<ulid::Ulid>().is_ok(), "not a ULID: {text}");
                    *v = "[ulid]".into();
                } else {
                    redact_ids(v);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact_ids),
        _ => {}
    }
}

/// The characters a terminal could act on, that reorder text or that hide in it: controls
/// other than a line break, the bidi marks, overrides and isolates, and the invisible ones
/// (zero-width spaces and joiners, the byte-order mark, the line and paragraph separators).
pub fn unsafe_chars(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || ('\u{202A}'..='\u{202E}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
                || INVISIBLE_CHARS.contains(&c)
        })
        .collect()
}

/// The invisible characters tether shows as `<U+XXXX>`: the Arabic letter mark, the
/// zero-width space, non-joiner and joiner, the word joiner, the byte-order mark, the line
/// and paragraph separators.
pub const INVISIBLE_CHARS: [char; 8] = [
    '\u{061C}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{2028}', '\u{2029}',
];

/// Asserts that a command succeeded, showing its stderr when it did not.
pub fn assert_ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
