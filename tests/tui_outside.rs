//! What leaves the dashboard, in its pure update: `y` copies the selected entry (or the
//! briefing, or the item read) as an effect the loop writes with OSC 52, and `o` opens a
//! shell in the session's folder.

mod tui_support;

use ratatui::crossterm::event::KeyCode;
use tether::tui::action::{Action, Command};
use tether::tui::app::{App, Pane, Popup};
use tether::tui::effect::Effect;
use tether::tui::update::update;
use tui_support::*;

/// The text of the one copy asked for.
fn copied(effects: &[Effect]) -> &str {
    match effects {
        [Effect::Copy { text }] => text,
        other => panic!("not one copy: {other:?}"),
    }
}

fn flash(app: &App) -> (&str, bool) {
    let flash = app.flash.as_ref().expect("a footer message");
    (&flash.text, flash.error)
}

#[test]
fn y_copies_the_selected_interaction_whole() {
    let mut app = app();
    let effects = command(&mut app, Command::Copy);
    assert_eq!(copied(&effects), "a1b2c3d Add gap detection");
    assert_eq!(
        flash(&app),
        ("Copied the interaction “a1b2c3d Add gap detection”", false)
    );
    command(&mut app, Command::Up);
    let effects = command(&mut app, Command::Copy);
    assert_eq!(copied(&effects), "Decided: JSONL for the timeline");
}

#[test]
fn y_copies_a_step_or_a_decision_with_its_rationale() {
    let mut app = app();
    app.focus = Pane::Steps;
    command(&mut app, Command::Down);
    assert_eq!(
        copied(&command(&mut app, Command::Copy)),
        "Implement the interaction logger"
    );
    app.focus = Pane::Decisions;
    assert_eq!(
        copied(&command(&mut app, Command::Copy)),
        "JSONL for the timeline\n\nWhy: O(1) append, crash-safe"
    );
}

#[test]
fn only_safe_text_is_copied_and_never_too_much() {
    let mut app = app();
    let data = app.data.as_mut().unwrap();
    let mut all = data.interactions.to_vec();
    all.last_mut().unwrap().text = "evil \x1b]52;c;AAAA\x07 \u{202e}txt".into();
    data.interactions = all.into();
    let effects = command(&mut app, Command::Copy);
    assert_eq!(copied(&effects), "evil ␛]52;c;AAAA␇ <U+202E>txt");
    let data = app.data.as_mut().unwrap();
    data.session.decisions[0].text = "d".repeat(40_000);
    data.session.decisions[0].why = Some("w".repeat(40_000));
    app.focus = Pane::Decisions;
    assert!(command(&mut app, Command::Copy).is_empty());
    let (text, error) = flash(&app);
    assert!(error, "{text}");
    assert_eq!(
        text,
        "Too long to copy: the decision is 79 KB (64 KB at most)"
    );
}

#[test]
fn with_the_briefing_open_y_copies_the_briefing() {
    let mut app = app_with(Some(unseen_session_data()), t("16T08:40:00"), (100, 30));
    assert!(matches!(app.popup, Some(Popup::Briefing { .. })));
    let effects = key(&mut app, KeyCode::Char('y'));
    let text = copied(&effects);
    assert!(
        text.starts_with(
            "Session 00004 resuming after 8h 17m\n\nMission   Implement Reality Agents\n"
        ),
        "{text}"
    );
    assert!(text.contains("JSONL for the timeline"), "{text}");
    assert!(
        matches!(app.popup, Some(Popup::Briefing { .. })),
        "it stays open"
    );
    assert!(
        flash(&app).0.starts_with("Copied the briefing ("),
        "{:?}",
        flash(&app)
    );
}

#[test]
fn y_copies_the_item_read_whole_but_not_the_help() {
    let mut app = app();
    command(&mut app, Command::Open);
    let effects = key(&mut app, KeyCode::Char('y'));
    assert_eq!(copied(&effects), "a1b2c3d Add gap detection");
    app.popup = None;
    command(&mut app, Command::Help);
    assert!(key(&mut app, KeyCode::Char('y')).is_empty());
    assert_eq!(flash(&app), ("Nothing to copy here", true));
    assert!(matches!(app.popup, Some(Popup::Help { .. })));
}

#[test]
fn o_opens_a_shell_in_the_folder_the_session_follows() {
    let mut app = app();
    assert!(
        command(&mut app, Command::Shell).is_empty(),
        "no folder followed"
    );
    assert_eq!(
        flash(&app),
        ("No folder followed: `tether workspace DIR` sets one", true)
    );
    app.data.as_mut().unwrap().session.workspace = Some("/work/reality".into());
    assert_eq!(
        command(&mut app, Command::Shell),
        vec![Effect::Shell {
            dir: "/work/reality".into(),
            tmux: false
        }]
    );
    app.settings.tmux = true;
    assert_eq!(
        command(&mut app, Command::Shell),
        vec![Effect::Shell {
            dir: "/work/reality".into(),
            tmux: true
        }]
    );
    let done = |split, result| Action::ShellDone {
        dir: "/work/reality".into(),
        split,
        result,
    };
    update(&mut app, done(false, Ok(())));
    assert_eq!(flash(&app), ("Back from the shell in /work/reality", false));
    update(&mut app, done(true, Ok(())));
    assert_eq!(
        flash(&app),
        ("A shell is open in /work/reality, in a tmux split", false)
    );
    update(&mut app, done(false, Err("could not run /bin/nope".into())));
    assert_eq!(flash(&app), ("No shell: could not run /bin/nope", true));
}
