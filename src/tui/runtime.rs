//! The loop: draw → event → action → update → effects, plus live reload and signals.

use std::collections::VecDeque;
use std::io::{self, IsTerminal};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use color_eyre::eyre::Result;
use notify::{RecursiveMode, Watcher};
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers, MouseEventKind};

use super::action::{Action, Command};
use super::app::{App, Settings};
use super::data::{self, Stamp};
use super::effect::{self, Effect};
use super::terminal;
use super::theme::Theme;
use super::ui;
use super::update::update;
use crate::cli::Ctx;
use crate::context::left_at;
use crate::reality::changes_since;
use crate::zone::Zone;

/// How long the loop waits for a terminal event before looking at the clock and the store.
const POLL: Duration = Duration::from_millis(100);

/// A timeline longer than this shows its end before the whole of it is read.
const QUICK_FIRST_FRAME_FROM: u64 = 4 << 20;

/// How often the store's files are looked at when no change was notified.
const STAMP_EVERY: Duration = Duration::from_millis(700);

/// Runs the dashboard until it is told to quit, the terminal goes away, or a signal comes.
pub fn run(ctx: &Ctx) -> Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let (mut tty, guard) = terminal::enter()?;
    let events = read_events(Arc::clone(&stop));
    let size = tty.size()?;
    let mut settings = Settings::from_config(&ctx.config, Zone::Local);
    if !ctx.color.tui {
        settings.theme = Theme::monochrome();
    }
    let mut app = App::new(ctx.clock.now(), settings);
    app.size = (size.width, size.height);
    let (watcher, changes) = watch(ctx).unzip();
    let mut runtime = Runtime {
        ctx,
        stamp: Stamp::default(),
        changes,
        _watcher: watcher,
    };
    runtime.dispatch(&mut app, Action::Tick(ctx.clock.now()));
    runtime.first_load(&mut app, &mut tty)?;
    let mut last_stamp_check = Instant::now();
    let mut dirty = true;
    // A terminal that went away (the tmux pane or window closed) ends the loop quietly:
    // that is a way to leave, and there is nowhere left to report an error.
    while !app.quit && !stop.load(Ordering::Relaxed) && terminal_present() {
        if dirty {
            match tty.draw(|frame| ui::render(frame, &app)) {
                Ok(_) => dirty = false,
                Err(_) if !terminal_present() => break,
                Err(error) => return Err(error.into()),
            }
        }
        let event = match events.recv_timeout(POLL) {
            Ok(Ok(event)) => Some(event),
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) if !terminal_present() => break,
            Ok(Err(error)) => return Err(error.into()),
            Err(RecvTimeoutError::Disconnected) => break,
            Err(RecvTimeoutError::Timeout) => None,
        };
        if let Some(action) = event.and_then(|event| translate(&app, event)) {
            runtime.dispatch(&mut app, Action::Tick(ctx.clock.now()));
            runtime.dispatch(&mut app, action);
            dirty = true;
        }
        let notified = runtime
            .changes
            .as_ref()
            .is_some_and(|rx| rx.try_iter().count() > 0);
        if notified || last_stamp_check.elapsed() >= STAMP_EVERY {
            last_stamp_check = Instant::now();
            dirty |= runtime.reload_if_changed(&mut app);
        }
        let now = ctx.clock.now();
        if now.timestamp() != app.now.timestamp() {
            runtime.dispatch(&mut app, Action::Tick(now));
            dirty = true;
        }
    }
    stop.store(true, Ordering::Relaxed); // ends the event thread
    drop(tty);
    drop(guard);
    if app.quit {
        freeze_on_quit(ctx, &app);
    }
    Ok(())
}

/// Leaving with `q` freezes the context (with the workspace state), so the next briefing
/// knows where things stood. A signal skips it: the process must end at once.
fn freeze_on_quit(ctx: &Ctx, app: &App) {
    let Some(data) = app
        .data
        .as_ref()
        .filter(|d| !d.session.mission.status.is_ended())
    else {
        return;
    };
    let shown = data.complete.then_some(data.interactions.len());
    let write = effect::Write::Freeze(data.session.id.clone(), shown);
    let _ = effect::perform(&ctx.store, ctx.clock.now(), app.settings.threshold, write);
}

/// The loop's side of the IO boundary.
struct Runtime<'a> {
    ctx: &'a Ctx,
    stamp: Stamp,
    changes: Option<Receiver<()>>,
    _watcher: Option<notify::RecommendedWatcher>,
}

impl Runtime<'_> {
    /// Runs `update` and every effect it asks for, feeding results back as actions.
    fn dispatch(&mut self, app: &mut App, action: Action) {
        let mut queue = VecDeque::from([action]);
        while let Some(action) = queue.pop_front() {
            for effect in update(app, action) {
                queue.extend(self.perform(app, effect));
            }
        }
    }

    fn perform(&mut self, app: &App, effect: Effect) -> Option<Action> {
        let store = &self.ctx.store;
        let now = self.ctx.clock.now();
        Some(match effect {
            Effect::Write { write, undoable } => Action::Written(
                effect::perform(store, now, app.settings.threshold, write),
                undoable,
            ),
            Effect::Reload => self.load(app),
            Effect::LoadMissions => {
                Action::MissionsLoaded(data::load_missions(store).map_err(|e| e.to_string()))
            }
            Effect::LoadStats => Action::StatsLoaded(
                data::load_stats(store, app.settings.threshold, app.settings.zone)
                    .map(Box::new)
                    .map_err(|e| e.to_string()),
            ),
            Effect::LoadWorkspace => {
                let data = app.data.as_ref()?;
                let workspace = data.session.workspace.as_ref()?;
                let left = left_at(&data.session, &data.interactions);
                Action::WorkspaceLoaded(Box::new(changes_since(workspace, &left, now)))
            }
        })
    }

    /// Reads what changed: only what was appended when that is enough, the whole active
    /// session otherwise. Remembers the files' stamp from just before.
    fn load(&mut self, app: &App) -> Action {
        let store = &self.ctx.store;
        let active = store.state().ok().and_then(|s| s.active);
        self.stamp = data::stamp(store, active.as_ref());
        if let Some(shown) = &app.data {
            match data::growth(store, shown) {
                Ok(Some(growth)) => return Action::Grew(Box::new(growth)),
                Ok(None) => {}
                Err(e) => return Action::Loaded(Err(e.to_string())),
            }
        }
        let loaded = data::load(store, app.settings.threshold).map(|d| d.map(Box::new));
        Action::Loaded(loaded.map_err(|e| e.to_string()))
    }

    /// The first load: a large timeline's end first, for a quick first frame, then the rest.
    fn first_load(&mut self, app: &mut App, tty: &mut terminal::Tty) -> Result<()> {
        let store = &self.ctx.store;
        let active = store.state().ok().and_then(|s| s.active);
        let length = active
            .as_ref()
            .and_then(|id| std::fs::metadata(store.timeline_path(id)).ok())
            .map_or(0, |m| m.len());
        if length > QUICK_FIRST_FRAME_FROM {
            let tail = data::load_tail(store, app.settings.threshold).map(|d| d.map(Box::new));
            self.dispatch(app, Action::Loaded(tail.map_err(|e| e.to_string())));
            tty.draw(|frame| ui::render(frame, app))?;
        }
        self.reload(app);
        Ok(())
    }

    fn reload(&mut self, app: &mut App) {
        let action = self.load(app);
        self.dispatch(app, action);
    }

    /// Reloads when another process changed the store; returns whether it did.
    fn reload_if_changed(&mut self, app: &mut App) -> bool {
        let store = &self.ctx.store;
        let active = store.state().ok().and_then(|s| s.active);
        if data::stamp(store, active.as_ref()) == self.stamp {
            return false;
        }
        self.reload(app);
        true
    }
}

/// Watches the data folder; `None` when watching is not possible (the stamp poll remains).
fn watch(ctx: &Ctx) -> Option<(notify::RecommendedWatcher, Receiver<()>)> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Reading the store (our own stamp checks included) changes nothing: counting it
        // would make every check announce the next one, defeating `STAMP_EVERY`.
        if !matches!(&event, Ok(e) if e.kind.is_access()) {
            let _ = tx.send(());
        }
    })
    .ok()?;
    crate::store::create_private_dir(ctx.store.root()).ok()?;
    watcher
        .watch(ctx.store.root(), RecursiveMode::Recursive)
        .ok()?;
    Some((watcher, rx))
}

/// Whether the dashboard's terminal is still there: once it hangs up, it no longer
/// answers as a terminal.
fn terminal_present() -> bool {
    io::stdin().is_terminal() && io::stdout().is_terminal()
}

/// Reads terminal events on a thread of their own, until `stop` is set or reading fails.
///
/// The loop must never wait inside crossterm itself: once the terminal hangs up,
/// crossterm 0.29's `poll` retries its zero-byte reads without end and never returns, so
/// a loop waiting there would spin forever, deaf to the stop flag (seen with the pane of
/// a tmux window that was killed).
fn read_events(stop: Arc<AtomicBool>) -> Receiver<io::Result<Event>> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            let next = match event::poll(POLL) {
                Ok(true) => event::read(),
                Ok(false) => continue,
                Err(error) => Err(error),
            };
            let failed = next.is_err();
            if tx.send(next).is_err() || failed {
                break;
            }
        }
    });
    rx
}

/// Turns a terminal event into an action: keys go through the keymap, or to the popup.
fn translate(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            let ctrl_c =
                key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
            if ctrl_c {
                Some(Action::Command(Command::Quit))
            } else if app.popup.is_some() {
                Some(Action::Key(key))
            } else {
                app.settings.keymap.command(&key).map(Action::Command)
            }
        }
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
