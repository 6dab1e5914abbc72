//! The dashboard's share of a week of daily use: what is long ago shows its date (the
//! header, the briefing, the missions list) and the help says what active time is.

mod tui_support;

use tether::session::{MissionStatus, Progress};
use tether::tui::action::{Action, Command};
use tether::tui::data::MissionRow;
use tether::tui::update::update;
use tui_support::*;

/// 2025-10-01, 46 days after the session's last interaction (16 Aug 08:30).
fn much_later() -> chrono::DateTime<chrono::Utc> {
    "2025-10-01T09:00:00Z".parse().unwrap()
}

#[test]
fn long_ago_the_header_and_the_briefing_show_the_date() {
    let app = app_with(Some(session_data()), much_later(), (120, 40));
    let shown = screen(&app);
    let header = shown.lines().next().unwrap();
    assert!(header.contains("last on 16 Aug 2025"), "{header}");
    assert!(!shown.contains("ago"), "{shown}");
    assert!(
        shown.contains("16 Aug 08:30 (on 16 Aug 2025)"),
        "the briefing:\n{shown}"
    );
    // within thirty days it is counted
    let app = app_with(Some(session_data()), t("31T09:00:00"), (120, 40));
    let shown = screen(&app);
    assert!(
        shown.lines().next().unwrap().contains("last 15d ago"),
        "{shown}"
    );
    assert!(shown.contains("16 Aug 08:30 (15d ago)"), "{shown}");
}

#[test]
fn long_ago_the_missions_list_shows_the_date() {
    let mut app = app_with(Some(session_data()), much_later(), (120, 40));
    app.popup = None;
    command(&mut app, Command::Missions);
    let row = |id: &str, last: &str| MissionRow {
        id: id.parse().unwrap(),
        title: format!("Mission {id}"),
        status: MissionStatus::Paused,
        progress: Progress::default(),
        last: Some(last.parse().unwrap()),
    };
    let rows = vec![
        row("4", "2025-09-30T21:00:00Z"),
        row("3", "2025-03-04T10:00:00Z"),
    ];
    update(&mut app, Action::MissionsLoaded(Ok(rows.into())));
    let shown = screen(&app);
    let line = |id: &str| {
        shown
            .lines()
            .find(|l| l.contains(&format!("Mission {id}")))
            .unwrap_or_else(|| panic!("no row {id}:\n{shown}"))
            .to_string()
    };
    assert!(line("4").contains("12h ago"), "{shown}");
    assert!(line("3").contains("on 4 Mar 2025"), "{shown}");
}

#[test]
fn the_help_says_what_active_time_is() {
    let app = app();
    let help: String = tether::tui::pages::help(&app)
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
                + "\n"
        })
        .collect();
    let joined = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        joined.contains(
            "Active time is the time between interactions closer than the gap threshold (2h)."
        ),
        "{help}"
    );
    let widest = help.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(
        widest < tether::tui::pages::HELP_WIDTH as usize - 2,
        "{help}"
    );
}
