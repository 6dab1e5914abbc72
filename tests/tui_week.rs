//! The dashboard after a week of use: the filter's keys, reading an item whole, the side
//! panes using their room, the footer and the help at 80 columns, the whole screen and the
//! stats at 200 columns.

mod tui_support;

use insta::assert_snapshot;
use ratatui::crossterm::event::KeyCode;
use tether::ops::{Applied, Outcome};
use tether::tui::action::{Action, Command};
use tether::tui::app::{Pane, Popup};
use tether::tui::effect::History;
use tether::tui::update::update;
use tui_support::*;

#[test]
fn esc_clears_a_filter_kept_with_enter_and_the_footer_says_how_while_typing() {
    let mut app = app();
    command(&mut app, Command::Filter);
    type_text(&mut app, "plan");
    let typing = screen(&app);
    let footer = typing.lines().last().unwrap();
    assert!(
        footer.contains("enter keeps it") && footer.contains("esc clears it"),
        "{footer}"
    );
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.timeline_len(), 1, "the filter is kept");
    let kept = screen(&app);
    assert!(
        kept.lines()
            .last()
            .unwrap()
            .contains("esc clear the filter"),
        "{kept}"
    );
    command(&mut app, Command::ClearFilter);
    assert_eq!(app.timeline_len(), 7, "esc cleared it");
    assert!(app.filter.is_empty());
}

#[test]
fn enter_reads_the_selected_item_whole() {
    let mut app = app();
    command(&mut app, Command::NextPane);
    command(&mut app, Command::NextPane);
    assert_eq!(app.focus, Pane::Decisions);
    command(&mut app, Command::Open);
    let Some(Popup::Text { title, body, .. }) = &app.popup else {
        panic!("no text: {:?}", app.popup)
    };
    assert!(title.contains("Decision"), "{title}");
    assert_eq!(
        body,
        "JSONL for the timeline\n\nWhy: O(1) append, crash-safe"
    );
    let shown = screen(&app);
    assert!(shown.contains("Why: O(1) append, crash-safe"), "{shown}");
    key(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none());
}

#[test]
fn a_long_rationale_shows_whole_when_the_pane_has_room() {
    let mut data = session_data();
    let why = "the timeline is only ever appended to, so a crash can tear at most its last \
               line; every line is a whole record, read without the ones before it; and \
               the fold that reads it back is the same for every device";
    data.session.decisions[0].why = Some(why.into());
    let app = app_with(Some(data), t("16T08:45:00"), (100, 40));
    let shown = screen(&app);
    assert!(
        shown.contains("the same for every") && shown.contains("│              device "),
        "the rationale was cut with room to spare:\n{shown}"
    );
}

#[test]
fn a_step_already_done_says_so() {
    let mut app = app();
    let step = app.data.as_ref().unwrap().session.steps[0].clone();
    let applied = Applied {
        session: "4".parse().unwrap(),
        outcome: Outcome::StepSet {
            number: step.number,
            progress: Default::default(),
            step,
            changed: false,
        },
        inverse: None,
    };
    update(
        &mut app,
        Action::Applied(Box::new(Ok(applied)), History::Record),
    );
    assert_eq!(app.flash.as_ref().unwrap().text, "Step 1 was already done");
    assert!(app.undo.is_empty(), "nothing to undo");
}

#[test]
fn at_80_columns_the_footer_keeps_help_and_quit_and_the_help_says_it_scrolls() {
    let mut app = app_with(Some(session_data()), t("16T08:45:00"), (80, 24));
    let footer = screen(&app).lines().last().unwrap().trim_end().to_string();
    assert!(footer.ends_with("? help · q quit"), "{footer}");
    command(&mut app, Command::Help);
    let help = screen(&app);
    assert!(help.contains(" of ") && help.contains("↓"), "{help}");
}

#[test]
fn the_whole_dashboard_at_200_by_50() {
    assert_snapshot!(screen(&app_with(
        Some(session_data()),
        t("16T08:45:00"),
        (200, 50)
    )));
}

#[test]
fn the_stats_fill_200_columns_with_counts_on_every_chart() {
    let mut app = app_with(Some(session_data()), t("16T08:45:00"), (200, 50));
    command(&mut app, Command::Stats);
    let stats = session_stats();
    update(&mut app, Action::StatsLoaded(Ok(Box::new(stats.into()))));
    let text = screen(&app);
    let hours = text
        .lines()
        .find(|l| l.contains("Interactions by hour of day"))
        .unwrap();
    assert!(
        hours.trim_end().len() > 190,
        "the hour chart spans the width"
    );
    assert_snapshot!(text);
}

#[test]
fn the_stats_of_the_missions_read_show_and_one_that_cannot_be_read_is_told() {
    let mut app = app_with(Some(session_data()), t("16T08:45:00"), (120, 40));
    command(&mut app, Command::Stats);
    let stats = session_stats();
    let error = "/home/x/sessions/00002/timeline.jsonl:3: cannot read this store file";
    let figures = tether::tui::data::Figures {
        stats,
        unread: Some(error.into()),
    };
    update(&mut app, Action::StatsLoaded(Ok(Box::new(figures))));
    let text = screen(&app);
    assert!(text.contains("Interactions by hour of day"), "{text}");
    let flash = app.flash.as_ref().expect("the damage is told");
    assert!(flash.error && flash.text == error, "{flash:?}");
}

/// The stats of the session the dashboard shows.
fn session_stats() -> tether::stats::Stats {
    let data = session_data();
    let sessions = vec![(data.session, data.interactions.ats().to_vec())];
    let zone = tether::zone::Zone::utc();
    tether::stats::compute(&sessions, chrono::TimeDelta::hours(2), zone)
}
