//! A shell in the session's folder: a tmux split beside the dashboard inside tmux;
//! otherwise the dashboard steps aside (the terminal as it was before it opened), runs
//! `$SHELL` there, and comes back, redrawn, when it exits. Meanwhile the thread reading
//! terminal events is paused at a [`Gate`], so that every key goes to the shell.

use std::io::{self, Write};
use std::path::Path;
use std::process::Command;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use super::terminal;
use crate::sanitize;

/// Where the thread reading terminal events waits while a shell has the terminal.
#[derive(Debug, Default)]
pub struct Gate {
    state: Mutex<GateState>,
    changed: Condvar,
}

#[derive(Debug, Default)]
struct GateState {
    paused: bool,
    reading: bool,
}

impl Gate {
    fn lock(&self) -> MutexGuard<'_, GateState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Before the reader looks for an event: waits while the terminal is lent out.
    pub fn enter(&self) {
        let mut state = self.lock();
        while state.paused {
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        state.reading = true;
    }

    /// After the reader looked (and read what came).
    pub fn leave(&self) {
        self.lock().reading = false;
        self.changed.notify_all();
    }

    /// Stops the reader: returns once it is not reading (at most its poll interval).
    pub fn pause(&self) {
        let mut state = self.lock();
        state.paused = true;
        while state.reading {
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Lets the reader go on.
    pub fn resume(&self) {
        self.lock().paused = false;
        self.changed.notify_all();
    }
}

/// Runs `$SHELL` (`/bin/sh` when unset) in `dir` on the terminal the dashboard leaves for
/// it, and takes the terminal back when the shell exits, whatever its exit status. The
/// reader must be paused at its gate.
pub fn suspended(dir: &Path) -> Result<(), String> {
    terminal::leave();
    let shell = std::env::var_os("SHELL")
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "/bin/sh".into());
    let shown = sanitize::line(&dir.display().to_string()).into_owned();
    let _ = writeln!(
        io::stdout(),
        "tether: a shell in {shown}; exit it to come back to the dashboard"
    );
    let ran = Command::new(&shell).current_dir(dir).status();
    take_the_terminal_back();
    let back = terminal::resume();
    let shell = sanitize::line(&shell.to_string_lossy()).into_owned();
    ran.map_err(|e| format!("could not run {shell} in {shown}: {e}"))?;
    back.map_err(|e| format!("could not take the terminal back: {e}"))
}

/// Opens a shell in `dir` in a tmux split of the dashboard's pane.
pub fn tmux_split(dir: &Path) -> Result<(), String> {
    let mut tmux = Command::new("tmux");
    tmux.args(["split-window", "-c"]).arg(dir);
    // the dashboard's own pane, wherever the person is in tmux by now
    if let Some(pane) = std::env::var_os("TMUX_PANE").filter(|p| !p.is_empty()) {
        tmux.arg("-t").arg(pane);
    }
    let out = tmux
        .output()
        .map_err(|e| format!("could not run tmux: {e}"))?;
    if out.status.success() {
        return Ok(());
    }
    let said = String::from_utf8_lossy(&out.stderr);
    Err(format!(
        "tmux split-window failed: {}",
        sanitize::line(said.trim())
    ))
}

/// Makes the dashboard's process group the terminal's foreground one again, in case the
/// shell left another there: raw mode could not be set from the background.
fn take_the_terminal_back() {
    // SAFETY: plain calls on the process's own terminal and signal disposition; SIGTTOU is
    // ignored around `tcsetpgrp` (a background group is stopped by it otherwise) and its
    // disposition restored at once.
    unsafe {
        let us = libc::getpgrp();
        if libc::isatty(libc::STDIN_FILENO) == 1 && libc::tcgetpgrp(libc::STDIN_FILENO) != us {
            let before = libc::signal(libc::SIGTTOU, libc::SIG_IGN);
            libc::tcsetpgrp(libc::STDIN_FILENO, us);
            libc::signal(libc::SIGTTOU, before);
        }
    }
}
