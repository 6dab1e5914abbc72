//! The dashboard's costs, in-process: rendering one full frame into a `TestBackend` with
//! 100k interactions in the active session, and one key press through `update` and render.
//!
//! `cargo bench --bench dashboard`.

#[path = "../examples/gen_store/mod.rs"]
mod gen_store;

use std::hint::black_box;

use chrono::{TimeDelta, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tether::config::Config;
use tether::tui::action::{Action, Command};
use tether::tui::app::{App, Settings};
use tether::tui::data::Data;
use tether::tui::ui;
use tether::tui::update::update;
use tether::zone::Zone;

/// The terminal measured: a roomy tmux pane.
const SIZE: (u16, u16) = (120, 40);

/// A dashboard showing a generated session of `n` interactions.
fn app(n: usize) -> App {
    let spec = gen_store::Spec::new(n, "unused");
    let (session, records) = gen_store::mission(&spec);
    let threshold = TimeDelta::hours(2);
    let data = Data::new(
        session,
        tether::timeline::materialize(records),
        threshold,
        None,
    );
    let mut app = App::new(
        Utc::now(),
        Settings::from_config(&Config::default(), Zone::utc()),
    );
    update(&mut app, Action::Resize(SIZE.0, SIZE.1));
    update(&mut app, Action::Loaded(Ok(Some(Box::new(data)))));
    app
}

fn frame(c: &mut Criterion) {
    let app = app(100_000);
    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("a terminal");
    c.bench_function("full_frame/100000", |b| {
        b.iter(|| {
            // Forget the previous frame, so every cell is drawn again.
            terminal.clear().expect("cleared");
            terminal
                .draw(|f| ui::render(f, black_box(&app)))
                .expect("drawn");
        })
    });
}

fn key_press(c: &mut Criterion) {
    let mut app = app(100_000);
    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("a terminal");
    terminal.draw(|f| ui::render(f, &app)).expect("drawn");
    let mut up = true;
    c.bench_function("key_press/100000", |b| {
        b.iter(|| {
            let command = if up { Command::Up } else { Command::Down };
            up = !up;
            update(&mut app, Action::Command(command));
            terminal.draw(|f| ui::render(f, &app)).expect("drawn");
        })
    });
}

criterion_group!(benches, frame, key_press);
criterion_main!(benches);
