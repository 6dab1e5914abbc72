//! Entering and leaving the full-screen terminal, whatever way the dashboard ends.

use std::io::{self, Stdout, stdout};
use std::ops::{Deref, DerefMut};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// The dashboard's terminal.
pub struct Tty(Option<Terminal<CrosstermBackend<Stdout>>>);

impl Deref for Tty {
    type Target = Terminal<CrosstermBackend<Stdout>>;

    fn deref(&self) -> &Self::Target {
        self.0.as_ref().expect("the terminal lives until dropped")
    }
}

impl DerefMut for Tty {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.0.as_mut().expect("the terminal lives until dropped")
    }
}

impl Drop for Tty {
    /// ratatui's own drop shows the cursor and reports a failure with `eprintln!`, which
    /// panics (and then aborts in the panic hook) once the terminal has hung up: it only
    /// runs when showing the cursor worked. Otherwise the terminal is left to the process's
    /// end; [`Guard`] restores what can still be restored either way.
    fn drop(&mut self) {
        if let Some(mut terminal) = self.0.take()
            && terminal.show_cursor().is_err()
        {
            std::mem::forget(terminal);
        }
    }
}

/// Restores the terminal when dropped (a normal exit, an error, or a signal).
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        leave();
    }
}

/// Switches to raw mode and the alternate screen with mouse and paste reporting; a panic
/// restores the terminal before its message is printed.
pub fn enter() -> io::Result<(Tty, Guard)> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        previous(info);
    }));
    let guard = Guard;
    resume()?;
    let terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    Ok((Tty(Some(terminal)), guard))
}

/// Takes the terminal (back): raw mode, the alternate screen, mouse and paste reporting.
pub fn resume() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

/// Leaves the alternate screen and raw mode. Errors are ignored: after a hang-up there is
/// no terminal left to restore.
pub fn leave() {
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        Show
    );
    let _ = disable_raw_mode();
}

/// Makes the next frame draw every cell on a cleared screen (after the terminal was lent
/// out). Unlike `Terminal::clear`, it does not ask the terminal where its cursor is: that
/// waits for an answer some terminals never give.
pub fn redraw_all(tty: &mut Tty) -> io::Result<()> {
    use ratatui::backend::{Backend, ClearType};
    tty.backend_mut().clear_region(ClearType::All)?;
    // what the next frame is compared with is forgotten: every cell counts as changed
    tty.swap_buffers();
    Ok(())
}
