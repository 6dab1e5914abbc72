//! A harness for the end-to-end tests: the real `tether` binary in a pseudo-terminal,
//! its output parsed by `vt100` into the screen a person would see.
//!
//! Synchronisation is always "poll a condition until a deadline": nothing here sleeps a
//! fixed time and hopes, and nothing asserts on how long something took.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use tempfile::TempDir;

pub mod clock;

/// The built `tether` binary.
pub const BIN: &str = env!("CARGO_BIN_EXE_tether");

/// How long any awaited condition may take before the test fails. Generous: it only
/// matters when something is wrong, and a loaded machine must not make a test flaky.
pub const DEADLINE: Duration = Duration::from_secs(15);

/// How often a condition is looked at again.
const POLL: Duration = Duration::from_millis(20);

/// Enters the alternate screen.
pub const ENTER_ALT: &[u8] = b"\x1b[?1049h";
/// Leaves the alternate screen.
pub const LEAVE_ALT: &[u8] = b"\x1b[?1049l";
/// Shows the cursor.
pub const SHOW_CURSOR: &[u8] = b"\x1b[?25h";

/// A temporary tether home (config and data), removed when dropped.
pub struct Home {
    dir: TempDir,
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

    /// Runs the CLI with the real clock and asserts that it succeeds.
    pub fn cli(&self, args: &[&str]) -> Output {
        self.run_cli(None, args)
    }

    /// Runs the CLI with the clock fixed at `now` (RFC 3339) and asserts that it succeeds.
    pub fn cli_at(&self, now: &str, args: &[&str]) -> Output {
        self.run_cli(Some(now), args)
    }

    fn run_cli(&self, now: Option<&str>, args: &[&str]) -> Output {
        let mut command = Command::new(BIN);
        command
            .args(args)
            .current_dir(self.path())
            .env("TETHER_HOME", self.path())
            .env("TZ", "UTC")
            .env_remove("TETHER_NOW");
        if let Some(now) = now {
            command.env("TETHER_NOW", now);
        }
        let output = command.output().expect("the tether CLI runs");
        assert!(
            output.status.success(),
            "tether {args:?} failed: {}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    /// The first session's timeline, one JSON value a line (the format header skipped).
    pub fn timeline(&self) -> Vec<serde_json::Value> {
        let path = self.timeline_path();
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        text.lines()
            .map(|line| serde_json::from_str(line).expect("each timeline line is JSON"))
            .filter(|value: &serde_json::Value| value.get("text").is_some())
            .collect()
    }

    /// Where the first session's timeline lives.
    pub fn timeline_path(&self) -> PathBuf {
        self.path().join("sessions/00001/timeline.jsonl")
    }
}

/// A home with one mission, a step and a log, all written now with the real clock (so the
/// dashboard opens without a resume briefing).
pub fn seeded_home() -> Home {
    let home = Home::new();
    home.cli(&["start", "E2E mission"]);
    home.cli(&["step", "add", "Write the end-to-end tests"]);
    home.cli(&["log", "Seeded from the CLI"]);
    home
}

/// The dashboard running in a pseudo-terminal.
pub struct Tui {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// The terminal's master side; `None` once hung up.
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    /// Tells the reader thread to close its end too (on its next read).
    hung_up: Arc<AtomicBool>,
    child: Box<dyn Child + Send + Sync>,
}

impl Tui {
    /// Starts `tether` (no arguments) on `home` in a `rows`×`cols` terminal, real clock.
    pub fn spawn(home: &Home, rows: u16, cols: u16) -> Tui {
        Tui::spawn_with(home, rows, cols, &[])
    }

    /// Like [`Tui::spawn`], with extra environment variables.
    pub fn spawn_with(home: &Home, rows: u16, cols: u16, env: &[(&str, &str)]) -> Tui {
        Tui::spawn_args(home, rows, cols, env, &[])
    }

    /// Starts `tether ARGS` in a terminal, with extra environment variables.
    pub fn spawn_args(
        home: &Home,
        rows: u16,
        cols: u16,
        env: &[(&str, &str)],
        args: &[&str],
    ) -> Tui {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(BIN);
        command.args(args);
        command.cwd(home.path());
        command.env("TETHER_HOME", home.path());
        command.env("TZ", "UTC");
        command.env("TERM", "xterm-256color");
        command.env_remove("TETHER_NOW");
        command.env_remove("NO_COLOR");
        for (name, value) in env {
            command.env(name, value);
        }
        let child = pty.slave.spawn_command(command).expect("tether starts");
        // Only the child may hold the terminal's other end: the reader then sees the end.
        drop(pty.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pty.master.try_clone_reader().expect("a PTY reader");
        let writer = pty.master.take_writer().expect("a PTY writer");
        let hung_up = Arc::new(AtomicBool::new(false));
        let (parser_in, raw_in, hung_up_in) =
            (Arc::clone(&parser), Arc::clone(&raw), Arc::clone(&hung_up));
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    _ if hung_up_in.load(Ordering::SeqCst) => break,
                    Ok(n) => {
                        // The parser first: whoever sees the bytes in `raw` also sees the screen.
                        lock(&parser_in).process(&buf[..n]);
                        lock(&raw_in).extend_from_slice(&buf[..n]);
                    }
                }
            }
        });
        Tui {
            parser,
            raw,
            master: Some(pty.master),
            writer: Some(writer),
            hung_up,
            child,
        }
    }

    /// The screen's text as it is now.
    pub fn screen(&self) -> String {
        lock(&self.parser).screen().contents()
    }

    /// Every row of the screen the test reads, blanks at the end of each left out.
    pub fn rows(&self) -> Vec<String> {
        let parser = lock(&self.parser);
        let (_, cols) = parser.screen().size();
        parser.screen().rows(0, cols.get()).collect()
    }

    /// Everything the program wrote so far, escape sequences included.
    pub fn raw(&self) -> Vec<u8> {
        lock(&self.raw).clone()
    }

    /// Waits until the screen's text satisfies `cond`; returns that text. Fails the test,
    /// showing the screen, when the deadline passes first.
    pub fn wait_for(&self, what: &str, cond: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let screen = self.screen();
            if cond(&screen) {
                return screen;
            }
            if Instant::now() >= deadline {
                panic!("timed out waiting for {what}; the screen shows:\n{screen}");
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until the screen shows every one of `texts`.
    pub fn wait_for_text(&self, texts: &[&str]) -> String {
        self.wait_for(&format!("{texts:?} on screen"), |s| {
            texts.iter().all(|t| s.contains(t))
        })
    }

    /// Waits until the raw output satisfies `cond`.
    pub fn wait_for_raw(&self, what: &str, cond: impl Fn(&[u8]) -> bool) {
        let deadline = Instant::now() + DEADLINE;
        while !cond(&lock(&self.raw)) {
            if Instant::now() >= deadline {
                panic!(
                    "timed out waiting for {what}; the output was:\n{}",
                    String::from_utf8_lossy(&self.raw()).escape_debug()
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Sends bytes as if typed (`b"\r"` is Enter, `b"\x1b"` Esc).
    pub fn send(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("the terminal is still open");
        writer.write_all(bytes).expect("writing to the PTY");
        writer.flush().expect("flushing the PTY");
    }

    /// Types `text`.
    pub fn type_text(&mut self, text: &str) {
        self.send(text.as_bytes());
    }

    /// Resizes the terminal: the parser first (its screen wiped, so that only what the
    /// program draws afterwards shows), then the PTY, which signals the program.
    pub fn resize(&mut self, rows: u16, cols: u16) {
        {
            let mut parser = lock(&self.parser);
            parser.set_size(nz(rows), nz(cols));
            parser.process(b"\x1b[H\x1b[2J");
        }
        self.resize_pty(rows, cols);
    }

    /// Resizes the terminal the program sees to `rows`×`cols`, while the screen the test
    /// reads keeps its size (wiped): whatever the program draws outside the new size stays
    /// visible there, for a test to find.
    pub fn resize_program_only(&mut self, rows: u16, cols: u16) {
        lock(&self.parser).process(b"\x1b[H\x1b[2J");
        self.resize_pty(rows, cols);
    }

    fn resize_pty(&mut self, rows: u16, cols: u16) {
        self.master
            .as_ref()
            .expect("the terminal is still open")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resizing the PTY");
    }

    /// Sends a signal (`"HUP"`, `"TERM"`, ...) to the program with `kill(1)`.
    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("the child's pid");
        let status = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -{name} {pid} failed: {status}");
    }

    /// Closes the terminal the way a closed tmux pane or window does: every handle on the
    /// master side goes away (the reader's after the next thing the program writes), and
    /// the kernel hangs up on the program.
    pub fn hang_up(&mut self) {
        self.hung_up.store(true, Ordering::SeqCst);
        self.writer = None;
        self.master = None;
    }

    /// Waits for the program to end; fails the test if it is still running at the deadline.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                panic!(
                    "tether did not exit in time; the screen shows:\n{}",
                    self.screen()
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Whether the parsed terminal is on the alternate screen.
    pub fn on_alternate_screen(&self) -> bool {
        lock(&self.parser).screen().alternate_screen()
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Whether `needle` occurs in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find_last(haystack, needle).is_some()
}

/// Where `needle` last occurs in `haystack`.
pub fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal size is at least 1×1")
}

/// Locks, ignoring poisoning (a failed test must still show what it saw).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
