//! The dashboard's search view: typing searches every mission (the newest query winning),
//! the hits show with their mission and match, and `enter` opens a hit in its mission.

mod tui_support;

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Modifier;
use tether::ops::Change;
use tether::search::{Hit, Item};
use tether::session::{Kind, MissionStatus, SessionId, Source};
use tether::tui::action::{Action, Command};
use tether::tui::app::{Pane, Popup};
use tether::tui::effect::{Effect, History};
use tether::tui::search::{Found, Progress};
use tether::tui::update::update;
use tui_support::*;

fn sid(n: &str) -> SessionId {
    n.parse().unwrap()
}

/// A hit on `text`, the match at `range`.
fn hit(session: &str, item: Item, n: u64, at: DateTime<Utc>, text: &str, found: &str) -> Hit {
    let start = text.find(found).unwrap();
    Hit {
        session: sid(session),
        mission: if session == "4" {
            "Implement Reality Agents"
        } else {
            "Ship the release"
        }
        .into(),
        status: MissionStatus::Paused,
        item,
        id: id(n),
        at,
        kind: match item {
            Item::Step => Kind::Step,
            Item::Decision => Kind::Decision,
            Item::Interaction => Kind::Note,
        },
        source: (item == Item::Interaction).then_some(Source::Cli),
        text: text.into(),
        matches: std::iter::once(start..start + found.len()).collect(),
        step: (item == Item::Step).then_some((3, false)),
    }
}

/// The hits of a search for "gap": one in another mission, then the session shown's
/// commit, its step and an interaction.
fn gap_hits() -> Vec<Hit> {
    vec![
        hit(
            "7",
            Item::Interaction,
            70,
            t("16T09:00:00"),
            "Closed the gap in the release",
            "gap",
        ),
        hit(
            "4",
            Item::Interaction,
            7,
            t("16T08:30:00"),
            "a1b2c3d Add gap detection",
            "gap",
        ),
        hit(
            "4",
            Item::Step,
            102,
            t("15T22:00:00"),
            "Write the gap tests",
            "gap",
        ),
        hit(
            "4",
            Item::Interaction,
            3,
            t("15T23:41:00"),
            "Reviewed the store design",
            "store",
        ),
    ]
}

fn searches(effects: &[Effect]) -> Vec<(u64, &str)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Search { seq, pattern } => Some((*seq, pattern.as_str())),
            _ => None,
        })
        .collect()
}

/// Opens the search at 120 × 40, types "gap" and brings its hits back.
fn searched() -> tether::tui::app::App {
    let mut app = app_with(Some(session_data()), t("16T08:45:00"), (120, 40));
    command(&mut app, Command::Search);
    type_text(&mut app, "gap");
    let found = Found {
        seq: 3,
        hits: gap_hits(),
        state: Progress::Done,
    };
    update(&mut app, Action::Found(Box::new(found)));
    app
}

#[test]
fn f_opens_the_search_and_each_key_typed_searches_again() {
    let mut app = app();
    let keymap = &app.settings.keymap;
    let f = ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char('F'),
        ratatui::crossterm::event::KeyModifiers::SHIFT,
    );
    assert_eq!(keymap.command(&f), Some(Command::Search));
    assert!(
        command(&mut app, Command::Search).is_empty(),
        "nothing typed, nothing searched"
    );
    assert!(matches!(&app.popup, Some(Popup::Search(_))));
    let mut all = Vec::new();
    for c in "gap ".chars() {
        all.extend(key(&mut app, KeyCode::Char(c)));
    }
    assert_eq!(
        searches(&all),
        [(1, "g"), (2, "ga"), (3, "gap"), (4, "gap")]
    );
    let effects = key(&mut app, KeyCode::Backspace);
    assert_eq!(searches(&effects), [(5, "gap")]);
    // a key that changes nothing searches nothing
    assert!(key(&mut app, KeyCode::Left).is_empty());
    // letters bound in the dashboard type here: q does not quit, j does not move
    type_text(&mut app, "qj");
    assert!(!app.quit);
    let Some(Popup::Search(view)) = &app.popup else {
        panic!("the search closed")
    };
    assert_eq!(view.input.value(), "gaqjp");
}

#[test]
fn only_the_latest_search_shows_its_hits() {
    let mut app = app();
    command(&mut app, Command::Search);
    type_text(&mut app, "gap");
    let stale = Found {
        seq: 2,
        hits: gap_hits()[..1].to_vec(),
        state: Progress::Done,
    };
    update(&mut app, Action::Found(Box::new(stale)));
    let Some(Popup::Search(view)) = &app.popup else {
        panic!()
    };
    assert!(view.hits.is_empty());
    assert_eq!(view.state, Progress::Searching);
    let fresh = Found {
        seq: 3,
        hits: gap_hits(),
        state: Progress::Done,
    };
    update(&mut app, Action::Found(Box::new(fresh)));
    let Some(Popup::Search(view)) = &app.popup else {
        panic!()
    };
    assert_eq!(view.hits.len(), 4);
    assert_eq!(view.state, Progress::Done);
    // clearing the query clears the hits and stops the search under way
    for _ in 0..3 {
        key(&mut app, KeyCode::Backspace);
    }
    let Some(Popup::Search(view)) = &app.popup else {
        panic!()
    };
    assert!(view.hits.is_empty());
    assert_eq!(view.state, Progress::Idle);
}

#[test]
fn enter_on_a_hit_in_the_mission_shown_selects_it_there() {
    let mut app = searched();
    key(&mut app, KeyCode::Down);
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(searches(&effects), [(4, "")], "the search under way stops");
    assert!(effects.iter().all(|e| !matches!(e, Effect::Apply { .. })));
    assert!(app.popup.is_none());
    assert_eq!(app.focus, Pane::Timeline);
    assert_eq!(
        app.timeline.selected, 6,
        "the commit, the latest interaction"
    );
    let mut app = searched();
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        (app.focus, app.steps.selected),
        (Pane::Steps, 2),
        "the step, in its pane"
    );
    // a filter that hides the entry is cleared
    let mut app = tui_support::app();
    command(&mut app, Command::Filter);
    type_text(&mut app, "gap");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.filtered.as_deref(), Some(&[6][..]));
    command(&mut app, Command::Search);
    type_text(&mut app, "gap");
    let found = Found {
        seq: 3,
        hits: gap_hits(),
        state: Progress::Done,
    };
    update(&mut app, Action::Found(Box::new(found)));
    for _ in 0..3 {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.filtered, None);
    assert_eq!(app.timeline.selected, 2, "Reviewed the store design");
}

#[test]
fn enter_on_a_hit_in_another_mission_switches_to_it_then_selects_the_hit() {
    let mut app = searched();
    let effects = key(&mut app, KeyCode::Enter);
    let switch = effects.iter().find_map(|e| match e {
        Effect::Apply { change, history } => Some((change.clone(), history.clone())),
        _ => None,
    });
    assert_eq!(
        switch,
        Some((Change::Switch { session: sid("7") }, History::Record)),
        "as the missions list does"
    );
    assert!(app.popup.is_none());
    // the mission comes in: the hit is selected, the briefing shows over it
    let mut other = session_data();
    other.session.id = sid("7");
    let mut all = other.interactions.to_vec();
    all[4].id = id(70);
    other.interactions = all.into();
    update(&mut app, Action::Loaded(Ok(Some(Box::new(other)))));
    assert_eq!((app.focus, app.timeline.selected), (Pane::Timeline, 4));
    assert!(matches!(app.popup, Some(Popup::Briefing { .. })));
    assert!(app.reveal.is_none());
    // an ended mission is reopened
    let mut app = searched();
    if let Some(Popup::Search(view)) = &mut app.popup {
        view.hits[0].status = MissionStatus::Complete;
    }
    let effects = key(&mut app, KeyCode::Enter);
    assert!(effects.iter().any(|e| matches!(e, Effect::Apply { change: Change::Reopen { session }, .. } if *session == sid("7"))));
}

#[test]
fn esc_closes_the_search_and_stops_it() {
    let mut app = searched();
    let effects = key(&mut app, KeyCode::Esc);
    assert_eq!(searches(&effects), [(4, "")]);
    assert!(app.popup.is_none());
    assert_eq!(app.focus, Pane::Timeline);
}

#[test]
fn the_view_shows_each_hit_with_its_mission_and_the_match_highlighted() {
    let app = searched();
    let shown = screen(&app);
    assert!(shown.contains("Search every mission"), "{shown}");
    assert!(shown.contains("› gap"), "{shown}");
    assert!(shown.contains("4 hits, the newest first"), "{shown}");
    let row = shown
        .lines()
        .find(|l| l.contains("Closed the gap"))
        .expect("the first hit");
    assert!(
        row.contains("16 Aug 09:00") && row.contains("00007 Ship the release"),
        "{row}"
    );
    assert!(shown.contains("step 3"), "{shown}");
    let terminal = render(&app);
    let buffer = terminal.backend().buffer();
    let (y, line) = shown
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Add gap detection"))
        .unwrap();
    let x = line.chars().take_while(|_| true).collect::<Vec<_>>();
    let column = x
        .windows(3)
        .position(|w| w.iter().collect::<String>() == "gap")
        .unwrap();
    let cell = &buffer[(column as u16, y as u16)];
    assert!(
        cell.modifier.contains(Modifier::REVERSED),
        "the match is highlighted"
    );
    assert!(
        !buffer[(column as u16 - 2, y as u16)]
            .modifier
            .contains(Modifier::REVERSED)
    );
}

#[test]
fn a_small_screen_shows_each_hit_on_two_rows_and_a_long_text_from_its_match() {
    let mut app = app_with(Some(session_data()), t("16T08:45:00"), (60, 15));
    command(&mut app, Command::Search);
    type_text(&mut app, "gap");
    let long = format!("{} the gap at last", "words before ".repeat(20));
    let mut hits = gap_hits();
    hits[1] = hit("4", Item::Interaction, 7, t("16T08:30:00"), &long, "gap");
    update(
        &mut app,
        Action::Found(Box::new(Found {
            seq: 3,
            hits,
            state: Progress::Limited,
        })),
    );
    let shown = screen(&app);
    assert!(shown.contains("00007 Ship the release"), "{shown}");
    assert!(
        shown.contains("   Closed the gap in the release"),
        "{shown}"
    );
    assert!(
        shown.contains("…") && shown.contains("the gap at last"),
        "{shown}"
    );
    assert!(shown.contains("The newest 4 hits"), "{shown}");
    for size in [(1, 1), (20, 5), (40, 8)] {
        app.size = size;
        let _ = screen(&app);
    }
}

#[test]
fn pasted_text_searches_too_and_the_help_lists_the_keys() {
    let mut app = app();
    command(&mut app, Command::Search);
    let effects = update(&mut app, Action::Paste("the\ngap".into()));
    assert_eq!(searches(&effects), [(1, "the gap")]);
    let mut app = tui_support::app();
    command(&mut app, Command::Help);
    let help = tether::tui::pages::help(&app)
        .iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(help.contains("search every mission as you type"), "{help}");
    assert!(help.contains("The search view"), "{help}");
    assert!(help.contains("open the hit in its mission"), "{help}");
}

#[test]
fn a_mission_that_cannot_be_read_is_told_beside_the_hits_of_the_others() {
    let mut app = searched();
    let error = "/home/x/sessions/00002/timeline.jsonl:3: cannot read this store file";
    let found = Found {
        seq: 3,
        hits: gap_hits(),
        state: Progress::Failed(error.into()),
    };
    update(&mut app, Action::Found(Box::new(found)));
    let shown = screen(&app);
    assert!(
        shown.contains("4 hits from the others · /home/x/sessions/00002/timeline.jsonl:3"),
        "{shown}"
    );
    assert!(shown.contains("Closed the gap"), "{shown}");
}
