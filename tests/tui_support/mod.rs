//! A realistic session, built in memory at fixed times, for dashboard tests.

#![allow(dead_code)]

use chrono::{DateTime, TimeDelta, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tether::config::Config;
use tether::session::{Decision, Interaction, Kind, Session, Source, Step};
use tether::tui::action::{Action, Command};
use tether::tui::app::{App, Settings};
use tether::tui::data::Data;
use tether::tui::effect::Effect;
use tether::tui::ui;
use tether::tui::update::update;
use tether::zone::Zone;
use ulid::Ulid;

/// A UTC time on August 2025: `t("15T23:50:34")`.
pub fn t(s: &str) -> DateTime<Utc> {
    format!("2025-08-{s}Z").parse().unwrap()
}

/// A stable id for item `n`.
pub fn id(n: u64) -> Ulid {
    Ulid::from_parts(1_700_000_000_000 + n, u128::from(n))
}

fn interaction(n: u64, at: &str, kind: Kind, source: Source, text: &str) -> Interaction {
    Interaction {
        id: id(n),
        at: t(at),
        kind,
        source,
        text: text.into(),
        head: None,
        branch: None,
    }
}

/// Session 00004 across a night: a gap of 8h 17m 28s and a change of day.
pub fn session_data() -> Data {
    let mut session = Session::new(
        "4".parse().unwrap(),
        "Implement Reality Agents".into(),
        t("15T22:00:00"),
    );
    for (n, (text, done)) in [
        ("Draft the protocol", true),
        ("Implement the interaction logger", false),
        ("Write the gap tests", false),
    ]
    .into_iter()
    .enumerate()
    {
        session.steps.push(Step {
            id: id(100 + n as u64),
            number: 0,
            text: text.into(),
            done,
            created: t("15T22:00:00"),
            done_at: done.then(|| t("15T23:00:00")),
        });
    }
    session.number_steps();
    session.decisions.push(Decision {
        id: id(200),
        at: t("16T08:10:00"),
        text: "JSONL for the timeline".into(),
        why: Some("O(1) append, crash-safe".into()),
    });
    let interactions = vec![
        interaction(
            1,
            "15T22:00:00",
            Kind::Progress,
            Source::Cli,
            "Mission started: Implement Reality Agents",
        ),
        interaction(
            2,
            "15T23:00:00",
            Kind::Progress,
            Source::Tui,
            "Done: Draft the protocol",
        ),
        interaction(
            3,
            "15T23:41:00",
            Kind::Note,
            Source::Cli,
            "Reviewed the store design",
        ),
        interaction(
            4,
            "15T23:50:34",
            Kind::Note,
            Source::Cli,
            "Creating gift for Session 00004",
        ),
        interaction(
            5,
            "16T08:08:02",
            Kind::Note,
            Source::Tui,
            "Reviewing fix plan",
        ),
        interaction(
            6,
            "16T08:10:00",
            Kind::Decision,
            Source::Tui,
            "Decided: JSONL for the timeline",
        ),
        interaction(
            7,
            "16T08:30:00",
            Kind::Commit,
            Source::Git,
            "a1b2c3d Add gap detection",
        ),
    ];
    let mut data = Data::new(session, interactions, TimeDelta::hours(2), None);
    // the briefing of the night's gap was seen on the way back
    data.seen = Some(t("16T08:08:00"));
    data
}

/// The same session, whose briefing of the night's gap was never seen (the person came
/// back through a popup or a script).
pub fn unseen_session_data() -> Data {
    Data {
        seen: None,
        ..session_data()
    }
}

/// A dashboard at `now` (UTC display) of `width` × `height`, loaded with `data`.
pub fn app_with(data: Option<Data>, now: DateTime<Utc>, size: (u16, u16)) -> App {
    let settings = Settings::from_config(&Config::default(), Zone::utc());
    let mut app = App::new(now, settings);
    update(&mut app, Action::Resize(size.0, size.1));
    update(&mut app, Action::Loaded(Ok(data.map(Box::new))));
    app
}

/// Lays the dashboard settings of a config's text over `app`'s (keys, theme...).
pub fn configure(app: &mut App, config: &str) {
    let config = Config::parse(std::path::Path::new("/h/config.toml"), config).unwrap();
    let (settings, warnings) = Settings::load(&config, Zone::utc()).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    app.settings = settings;
}

/// The usual dashboard: session 00004 shortly after the last interaction.
pub fn app() -> App {
    app_with(Some(session_data()), t("16T08:45:00"), (100, 30))
}

/// Presses a bound command.
pub fn command(app: &mut App, command: Command) -> Vec<Effect> {
    update(app, Action::Command(command))
}

/// Presses a key inside a popup.
pub fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// Types text into a popup, key by key.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// Renders the dashboard into a test terminal.
pub fn render(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal.draw(|frame| ui::render(frame, app)).unwrap();
    terminal
}

/// The rendered screen as text, one line a row.
pub fn screen(app: &App) -> String {
    let terminal = render(app);
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
