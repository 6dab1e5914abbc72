//! The loop: draw → event → action → update → effects. Terminal events, the worker's
//! results and the file watcher's notices arrive on one channel; effects go to the worker,
//! so the screen never waits on the lock, on git or on the disk.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use color_eyre::eyre::Result;
use notify::{RecursiveMode, Watcher};
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseEventKind};

use super::action::Action;
use super::app::{App, Settings};
use super::clipboard;
use super::effect::Effect;
use super::shell::{self, Gate};
use super::terminal;
use super::theme::Theme;
use super::ui;
use super::update::update;
use super::worker::Worker;
use crate::Ctx;
use crate::ops::{self, Change};
use crate::session::Source;
use crate::zone::Zone;

/// How often terminal events are looked for by the reading thread.
const POLL: Duration = Duration::from_millis(100);

/// How often the store's files are looked at when no change was notified.
const STAMP_EVERY: Duration = Duration::from_millis(700);

/// What reaches the loop.
enum Msg {
    /// A terminal event, or why reading the terminal failed.
    Terminal(io::Result<Event>),
    /// A result from the worker.
    Action(Action),
    /// A file in the data folder changed.
    StoreChanged,
}

/// Runs the dashboard until it is told to quit, the terminal goes away, or a signal comes.
pub fn run(ctx: &Ctx) -> Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    // apart: a ctrl-c typed in a shell opened from the dashboard reaches it too, and is the
    // shell's
    let interrupt = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGINT, Arc::clone(&interrupt))?;
    let mut settings = Settings::from_config(&ctx.config, Zone::Local);
    settings.here = crate::reality::default_workspace();
    settings.tmux = std::env::var_os("TMUX").is_some_and(|v| !v.is_empty());
    if !ctx.color.tui {
        settings.theme = Theme::monochrome();
    }
    let (tty, guard) = terminal::enter()?;
    let (tx, rx) = mpsc::channel();
    let gate = Arc::new(Gate::default());
    read_events(Arc::clone(&stop), Arc::clone(&gate), tx.clone());
    let watcher = watch(ctx, tx.clone());
    let reply = tx.clone();
    let worker = Worker {
        store: ctx.store.clone(),
        clock: Arc::clone(&ctx.clock),
        threshold: settings.threshold,
        zone: settings.zone,
    };
    let (effects, worker) = worker.spawn(Arc::new(move |action| {
        drop(reply.send(Msg::Action(action)))
    }));
    let mut app = App::new(ctx.clock.now(), settings);
    let mut run = Loop {
        ctx,
        tty,
        effects,
        rx,
        dirty: true,
        gate,
        interrupt,
        _watcher: watcher,
    };
    let size = run.tty.size()?;
    app.size = (size.width, size.height);
    run.dispatch(&mut app, Action::Tick(ctx.clock.now()));
    run.dispatch(&mut app, Action::StoreChanged);
    run.until_done(&mut app, &stop)?;
    stop.store(true, Ordering::Relaxed); // ends the event thread
    let Loop { tty, effects, .. } = run;
    drop(tty);
    drop(guard);
    if app.quit {
        // what was asked before `q` is written before the context is frozen
        drop(effects);
        let _ = worker.join();
        freeze_on_quit(ctx, &app)?;
    }
    Ok(())
}

/// The loop's side of the IO boundary.
struct Loop<'a> {
    ctx: &'a Ctx,
    tty: terminal::Tty,
    effects: Sender<Effect>,
    rx: Receiver<Msg>,
    dirty: bool,
    /// Where the event reader waits while a shell has the terminal.
    gate: Arc<Gate>,
    /// Set by SIGINT.
    interrupt: Arc<AtomicBool>,
    _watcher: Option<notify::RecommendedWatcher>,
}

impl Loop<'_> {
    /// Draws, waits for what comes next and dispatches it, until the person quits, a
    /// signal comes or the terminal goes away.
    fn until_done(&mut self, app: &mut App, stop: &AtomicBool) -> Result<()> {
        let tick = app.settings.tick_rate;
        let mut last_look = Instant::now();
        // A terminal that went away (the tmux pane or window closed) ends the loop quietly:
        // that is a way to leave, and there is nowhere left to report an error.
        let interrupt = Arc::clone(&self.interrupt);
        let signalled = || stop.load(Ordering::Relaxed) || interrupt.load(Ordering::Relaxed);
        while !app.quit && !signalled() && terminal_present() {
            if self.dirty {
                match self.tty.draw(|frame| ui::render(frame, app)) {
                    Ok(_) => self.dirty = false,
                    Err(_) if !terminal_present() => break,
                    Err(error) => return Err(error.into()),
                }
            }
            let wait = tick.min(STAMP_EVERY).min(POLL);
            match self.rx.recv_timeout(wait) {
                Ok(Msg::Terminal(Ok(event))) => {
                    let now = self.ctx.clock.now();
                    if let Some(action) = translate(event, now) {
                        self.dispatch(app, Action::Tick(now));
                        self.dispatch(app, action);
                    }
                }
                Ok(Msg::Terminal(Err(_))) if !terminal_present() => break,
                Ok(Msg::Terminal(Err(error))) => return Err(error.into()),
                Ok(Msg::Action(action)) => self.dispatch(app, action),
                Ok(Msg::StoreChanged) => {
                    last_look = Instant::now();
                    self.dispatch(app, Action::StoreChanged);
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
            if last_look.elapsed() >= STAMP_EVERY {
                last_look = Instant::now();
                self.dispatch(app, Action::StoreChanged);
            }
            let now = self.ctx.clock.now();
            if (now - app.now)
                .abs()
                .to_std()
                .is_ok_and(|passed| passed >= tick)
            {
                self.dispatch(app, Action::Tick(now));
            }
        }
        Ok(())
    }

    /// Runs `update` and hands every effect it asks for to the worker, but those that are
    /// the terminal's: a copy to its clipboard, a shell in it.
    fn dispatch(&mut self, app: &mut App, action: Action) {
        // looking at the store changes nothing on screen until what it finds comes back
        self.dirty |= !matches!(action, Action::StoreChanged);
        for effect in update(app, action) {
            match effect {
                Effect::Copy { text } => self.copy(&text),
                Effect::Shell { dir, tmux: false } => self.shell(app, dir),
                effect => {
                    let _ = self.effects.send(effect);
                }
            }
        }
    }

    /// Writes the clipboard's escape sequence between two frames, through the backend the
    /// frames are drawn with. A terminal gone is not worth an error.
    fn copy(&mut self, text: &str) {
        let backend = self.tty.backend_mut();
        let sequence = clipboard::osc52(text);
        let _ = backend
            .write_all(sequence.as_bytes())
            .and_then(|()| backend.flush());
    }

    /// Lends the terminal to a shell in `dir`; once it exits, everything is drawn again.
    fn shell(&mut self, app: &mut App, dir: PathBuf) {
        self.gate.pause();
        let result = shell::suspended(&dir);
        self.interrupt.store(false, Ordering::Relaxed);
        let _ = terminal::redraw_all(&mut self.tty);
        self.gate.resume();
        if let Ok(size) = self.tty.size() {
            self.dispatch(app, Action::Resize(size.width, size.height));
        }
        let split = false;
        self.dispatch(app, Action::ShellDone { dir, split, result });
    }
}

/// Leaving with `q` freezes the context (with the workspace state), so the next briefing
/// knows where things stood; when that fails, the person is told (and the exit status
/// says so): what they logged is kept either way. A signal skips it: the process must end
/// at once.
fn freeze_on_quit(ctx: &Ctx, app: &App) -> Result<()> {
    let Some(data) = app
        .data
        .as_ref()
        .filter(|d| !d.session.mission.status.is_ended())
    else {
        return Ok(());
    };
    let change = Change::Freeze {
        session: data.session.id.clone().into(),
        interactions: data.complete.then_some(data.interactions.len()),
    };
    match ops::apply(&ctx.store, ctx.clock.now(), Source::Tui, change) {
        Ok(_) => Ok(()),
        Err(e) => Err(color_eyre::eyre::eyre!(
            "could not freeze the context on the way out ({e}); everything logged is kept"
        )),
    }
}

/// Watches the data folder; `None` when watching is not possible (the stamp poll remains).
fn watch(ctx: &Ctx, tx: Sender<Msg>) -> Option<notify::RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Reading the store (our own stamp checks included) changes nothing: counting it
        // would make every check announce the next one.
        if !matches!(&event, Ok(e) if e.kind.is_access()) {
            let _ = tx.send(Msg::StoreChanged);
        }
    })
    .ok()?;
    crate::store::create_private_dir(ctx.store.root()).ok()?;
    watcher
        .watch(ctx.store.root(), RecursiveMode::Recursive)
        .ok()?;
    Some(watcher)
}

/// Whether the dashboard's terminal is still there: once it hangs up, it no longer
/// answers as a terminal.
fn terminal_present() -> bool {
    io::stdin().is_terminal() && io::stdout().is_terminal()
}

/// Reads terminal events on a thread of their own, until `stop` is set or reading fails;
/// it waits at `gate` while a shell has the terminal, so that every key goes to the shell.
///
/// The loop must never wait inside crossterm itself: once the terminal hangs up,
/// crossterm 0.29's `poll` retries its zero-byte reads without end and never returns, so
/// a loop waiting there would spin forever, deaf to the stop flag (seen with the pane of
/// a tmux window that was killed).
fn read_events(stop: Arc<AtomicBool>, gate: Arc<Gate>, tx: Sender<Msg>) {
    thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            gate.enter();
            let next = match event::poll(POLL) {
                Ok(true) => Some(event::read()),
                Ok(false) => None,
                Err(error) => Some(Err(error)),
            };
            gate.leave();
            let Some(next) = next else { continue };
            let failed = next.is_err();
            if tx.send(Msg::Terminal(next)).is_err() || failed {
                break;
            }
        }
    });
}

/// Turns a terminal event into an action: a key with the time it came (what it means is
/// `update`'s to say), the mouse wheel, a paste, a resize.
fn translate(event: Event, now: chrono::DateTime<chrono::Utc>) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => Some(Action::Press(key, now)),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Mouse(mouse)
            if matches!(
                mouse.kind,
                MouseEventKind::ScrollDown | MouseEventKind::ScrollUp
            ) =>
        {
            Some(Action::Mouse {
                kind: mouse.kind,
                column: mouse.column,
                row: mouse.row,
            })
        }
        Event::Resize(width, height) => Some(Action::Resize(width, height)),
        _ => None,
    }
}
