//! The dashboard in a pseudo-terminal, its output parsed by `vt100` into the screen a person
//! would see, and waited on by polling that screen (never by sleeping a fixed time).

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

use crate::grid::Grid;
use crate::world::{UNSET, World};

/// How long a screen may take to appear before giving up.
const DEADLINE: Duration = Duration::from_secs(30);

/// How often the screen is looked at again.
const POLL: Duration = Duration::from_millis(20);

/// How many looks in a row must find the screen unchanged before it counts as drawn: a
/// frame can arrive in several reads, and a condition can hold half-way through one.
const STEADY: usize = 5;

/// `tether` (the dashboard) running in a pseudo-terminal.
pub struct Terminal {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl Terminal {
    /// Opens the dashboard of `world` at `now` in a `rows`×`cols` terminal.
    pub fn open(world: &World, now: &str, rows: u16, cols: u16) -> Result<Terminal, String> {
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pty = native_pty_system()
            .openpty(size)
            .map_err(|e| format!("cannot open a pseudo-terminal: {e}"))?;
        let mut command = CommandBuilder::new(world.bin());
        command.cwd(world.repo());
        for name in UNSET {
            command.env_remove(name);
        }
        for (name, value) in world.env(now) {
            command.env(name, value);
        }
        command.env("TERM", "xterm-256color");
        let child = pty
            .slave
            .spawn_command(command)
            .map_err(|e| format!("cannot start tether: {e}"))?;
        // Only the child may hold the other end, so that the reader sees it close.
        drop(pty.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let mut reader = pty
            .master
            .try_clone_reader()
            .map_err(|e| format!("cannot read the pseudo-terminal: {e}"))?;
        let writer = pty
            .master
            .take_writer()
            .map_err(|e| format!("cannot write to the pseudo-terminal: {e}"))?;
        let sink = Arc::clone(&parser);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                lock(&sink).process(&buf[..n]);
            }
        });
        Ok(Terminal {
            parser,
            writer,
            child,
            _master: pty.master,
        })
    }

    /// The screen's text as it is now.
    pub fn text(&self) -> String {
        lock(&self.parser).screen().contents()
    }

    /// Waits until the screen's text satisfies `drawn` and has then stayed the same for a
    /// few looks; says what the screen showed when the deadline passes first.
    pub fn wait_for(&self, what: &str, drawn: impl Fn(&str) -> bool) -> Result<(), String> {
        let deadline = Instant::now() + DEADLINE;
        let mut last = String::new();
        let mut steady = 0;
        loop {
            let now = lock(&self.parser).screen().contents_formatted();
            steady = if now == last { steady + 1 } else { 0 };
            last = now;
            if steady >= STEADY && drawn(&self.text()) {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "timed out waiting for {what}; the screen shows:\n{}",
                    self.text()
                ));
            }
            thread::sleep(POLL);
        }
    }

    /// Sends bytes as if typed (`b"\x1b"` is Esc).
    pub fn send(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.writer
            .write_all(bytes)
            .and_then(|()| self.writer.flush())
            .map_err(|e| format!("cannot type into the pseudo-terminal: {e}"))
    }

    /// Every cell of the screen as it is now.
    pub fn capture(&self) -> Grid {
        Grid::from_screen(lock(&self.parser).screen())
    }

    /// Quits with `q` (which freezes the context, as a person's quitting does) and waits
    /// for the program to end.
    pub fn quit(mut self) -> Result<(), String> {
        self.send(b"q")?;
        let deadline = Instant::now() + DEADLINE;
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) if status.success() => return Ok(()),
                Ok(Some(status)) => return Err(format!("tether ended with {status}")),
                Ok(None) if Instant::now() < deadline => thread::sleep(POLL),
                Ok(None) => return Err("tether did not quit on q".into()),
                Err(e) => return Err(format!("cannot wait for tether: {e}")),
            }
        }
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap_or(NonZeroU16::MIN)
}

/// Locks, ignoring poisoning: the screen is still worth reading.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
