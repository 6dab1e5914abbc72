//! The comeback in the dashboard's pure update: the briefing a gap owes, shown on opening
//! and on the first key after the dashboard sat idle, and the keys typed on the way back,
//! which never act behind it.

mod tui_support;

use chrono::{DateTime, TimeDelta, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tether::ops::{Applied, Change, Entry, Outcome, Target};
use tether::session::{Mission, MissionStatus, Progress};
use tether::tui::action::{Action, Command};
use tether::tui::app::{App, Popup, Purpose};
use tether::tui::effect::{Effect, History};
use tether::tui::update::update;
use tui_support::*;

/// The dashboard left open overnight: the last interaction at 08:30, the last key at 08:45,
/// the night's gap already seen; now it is 20:00.
fn left_open() -> App {
    let mut app = app();
    update(&mut app, Action::Tick(t("16T20:00:00")));
    app
}

/// Presses `c` at `at`.
fn press(app: &mut App, c: char, at: DateTime<Utc>) -> Vec<Effect> {
    let code = match c {
        '\n' => KeyCode::Enter,
        '\x1b' => KeyCode::Esc,
        c => KeyCode::Char(c),
    };
    update(
        app,
        Action::Press(KeyEvent::new(code, KeyModifiers::NONE), at),
    )
}

/// Types `text` as a burst starting at `at`, a key every 20 ms; returns every effect.
fn burst(app: &mut App, text: &str, at: DateTime<Utc>) -> Vec<Effect> {
    let mut effects = Vec::new();
    for (n, c) in text.chars().enumerate() {
        let when = at + TimeDelta::milliseconds(20 * n as i64);
        effects.extend(press(app, c, when));
    }
    effects
}

fn changes(effects: &[Effect]) -> Vec<&Change> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Apply { change, .. } => Some(change),
            _ => None,
        })
        .collect()
}

fn briefing_open(app: &App) -> bool {
    matches!(app.popup, Some(Popup::Briefing { .. }))
}

#[test]
fn opening_after_a_gap_shows_the_briefing_and_marks_it_seen() {
    let mut app = app_with(None, t("16T20:00:00"), (100, 30));
    app.loaded = false;
    let effects = update(&mut app, Action::Loaded(Ok(Some(Box::new(session_data())))));
    let Some(Popup::Briefing { briefing, .. }) = &app.popup else {
        panic!("no briefing")
    };
    assert!(briefing.after_gap);
    assert_eq!(briefing.session.as_str(), "00004");
    assert_eq!(
        changes(&effects),
        [&Change::See {
            session: Target::Session("4".parse().unwrap())
        }]
    );
    assert!(
        app_with(Some(session_data()), t("16T08:45:00"), (100, 30))
            .popup
            .is_none(),
        "the night's gap was seen: nothing is owed"
    );
}

#[test]
fn a_gap_never_seen_is_owed_on_opening_even_after_logging_past_it() {
    let app = app_with(Some(unseen_session_data()), t("16T08:45:00"), (100, 30));
    let Some(Popup::Briefing { briefing, .. }) = &app.popup else {
        panic!("the briefing logged past from a popup is still owed")
    };
    let gap = briefing.gap.expect("a gap is stated");
    assert_eq!(gap.left, t("15T23:50:34"));
    assert_eq!(gap.back, Some(t("16T08:08:02")));
}

#[test]
fn the_first_key_after_sitting_idle_past_the_threshold_shows_the_briefing() {
    let mut app = left_open();
    assert!(
        press(&mut app, 'j', t("16T20:00:00"))
            .iter()
            .any(|e| matches!(
                e,
                Effect::Apply {
                    change: Change::See { .. },
                    ..
                }
            ))
    );
    assert!(briefing_open(&app), "the key was taken by the briefing");
    press(&mut app, '\x1b', t("16T20:00:05"));
    assert!(app.popup.is_none(), "esc, pressed after reading, closes it");
    press(&mut app, 'l', t("16T20:00:06"));
    assert!(
        matches!(app.popup, Some(Popup::Input(_))),
        "the next key works as usual"
    );
}

#[test]
fn a_burst_that_began_with_the_log_key_is_logged_and_completes_nothing() {
    let mut app = left_open();
    let effects = burst(&mut app, "lback after coffee\n", t("16T20:00:00"));
    let logged = Change::Log {
        session: Target::Session("4".parse().unwrap()),
        entry: Entry::note("back after coffee"),
    };
    let made = changes(&effects);
    assert!(made.contains(&&logged), "{made:?}");
    assert!(
        !made.iter().any(|c| matches!(
            c,
            Change::Complete { .. } | Change::DeleteInteraction { .. }
        )),
        "{made:?}"
    );
    assert!(
        matches!(&app.popup, Some(Popup::Input(f)) if f.purpose == Purpose::Log && f.pending),
        "the form waits for the write, over the briefing"
    );
    assert!(matches!(app.behind, Some(Popup::Briefing { .. })));
}

#[test]
fn any_other_waking_key_is_held_with_the_rest_of_its_burst() {
    let mut app = left_open();
    let effects = burst(&mut app, "cy\nDyq", t("16T20:00:00"));
    assert!(
        changes(&effects)
            .iter()
            .all(|c| matches!(c, Change::See { .. })),
        "nothing but the briefing seen: {effects:?}"
    );
    let Some(Popup::Briefing { held, .. }) = &app.popup else {
        panic!("the briefing stays open: {:?}", app.popup)
    };
    assert_eq!(held.as_deref(), Some("c"), "it says c was held");
    assert!(!app.quit);

    // letters that do nothing in the briefing do not reach the screen behind it
    press(&mut app, 'D', t("16T20:01:00"));
    press(&mut app, 'x', t("16T20:01:01"));
    assert!(briefing_open(&app));
    // the held key pressed again acts, asking first; enter is no
    press(&mut app, 'c', t("16T20:01:02"));
    assert!(matches!(app.popup, Some(Popup::Confirm(_))));
    assert!(press(&mut app, '\n', t("16T20:01:03")).is_empty());
    assert!(app.popup.is_none(), "enter said no");
}

#[test]
fn the_briefing_scrolls_to_its_end_and_no_further() {
    let mut app = app_with(Some(session_data()), t("16T20:00:00"), (100, 16));
    update(&mut app, Action::Command(Command::Briefing));
    let scroll = |app: &App| match app.popup {
        Some(Popup::Briefing { scroll, .. }) => scroll,
        _ => panic!("the briefing closed"),
    };
    press(&mut app, 'G', t("16T20:00:01"));
    let end = scroll(&app);
    assert!(end > 0, "a 16-row screen does not hold the whole briefing");
    press(&mut app, 'j', t("16T20:00:02"));
    assert_eq!(scroll(&app), end, "never past the last line");
    press(&mut app, 'g', t("16T20:00:03"));
    assert_eq!(scroll(&app), 0);
}

#[test]
fn u_right_after_completing_reopens_the_mission() {
    let mut app = app();
    update(&mut app, Action::Command(Command::Complete));
    let effects = press(&mut app, 'y', t("16T08:46:00"));
    assert!(matches!(changes(&effects)[..], [Change::Complete { .. }]));
    let reopen = Change::Reopen {
        session: "4".parse().unwrap(),
    };
    let completed = Applied {
        session: "4".parse().unwrap(),
        outcome: Outcome::Completed {
            mission: Mission {
                title: "Implement Reality Agents".into(),
                description: None,
                status: MissionStatus::Complete,
            },
            progress: Progress { done: 1, total: 3 },
            open_steps: vec!["Write the gap tests".into()],
            next: None,
        },
        inverse: Some(reopen.clone()),
    };
    update(
        &mut app,
        Action::Applied(Box::new(Ok(completed)), History::Record),
    );
    let effects = update(&mut app, Action::Command(Command::Undo));
    assert_eq!(changes(&effects), [&reopen]);
}

#[test]
fn ending_a_mission_offers_the_paused_one_and_never_switches_by_itself() {
    let mut app = app();
    let completed = Applied {
        session: "4".parse().unwrap(),
        outcome: Outcome::Completed {
            mission: Mission {
                title: "Implement Reality Agents".into(),
                description: None,
                status: MissionStatus::Complete,
            },
            progress: Progress { done: 3, total: 3 },
            open_steps: Vec::new(),
            next: Some(("3B".parse().unwrap(), "The gift".into())),
        },
        inverse: None,
    };
    let effects = update(
        &mut app,
        Action::Applied(Box::new(Ok(completed)), History::Record),
    );
    assert!(changes(&effects).is_empty(), "nothing switched by itself");
    let Some(Popup::Confirm(offer)) = &app.popup else {
        panic!("no offer")
    };
    assert!(
        offer.question.contains("00003B · The gift"),
        "{}",
        offer.question
    );
    let effects = press(&mut app, 'y', t("16T08:46:00"));
    assert_eq!(
        changes(&effects),
        [&Change::Switch {
            session: "3B".parse().unwrap()
        }]
    );
    assert!(app.brief_on_load, "its briefing shows once loaded");
    update(&mut app, Action::Loaded(Ok(Some(Box::new(session_data())))));
    assert!(briefing_open(&app), "the way back shows the briefing");
}

/// The header's colour for it is checked in `tui_render.rs`
/// (`the_header_turns_to_the_gap_colour_past_the_threshold`).
#[test]
fn a_tick_past_the_threshold_turns_the_silence_into_a_gap() {
    let mut app = app(); // the last interaction at 08:30, the threshold 2h
    assert!(!app.in_gap());
    update(&mut app, Action::Tick(t("16T10:30:00")));
    assert!(!app.in_gap(), "exactly the threshold is not yet a gap");
    update(
        &mut app,
        Action::Tick(t("16T10:30:00") + TimeDelta::seconds(1)),
    );
    assert!(app.in_gap());
}
