//! Whole screens of the dashboard in a test terminal, fed with actions as a person would.

mod tui_support;

use insta::assert_snapshot;
use ratatui::crossterm::event::KeyCode;
use tether::tui::action::{Action, Command};
use tether::tui::data::MissionRow;
use tether::tui::theme::Theme;
use tether::tui::update::update;
use tui_support::*;

#[test]
fn main_screen_with_a_gap_and_a_change_of_day() {
    assert_snapshot!(screen(&app()));
}

#[test]
fn main_screen_at_80_by_24() {
    assert_snapshot!(screen(&app_with(
        Some(session_data()),
        t("16T08:45:00"),
        (80, 24)
    )));
}

#[test]
fn narrow_screen_shows_the_focused_pane() {
    let mut app = app_with(Some(session_data()), t("16T08:45:00"), (40, 12));
    let timeline = screen(&app);
    command(&mut app, Command::NextPane);
    let steps = screen(&app);
    assert_snapshot!(format!("{timeline}\n{steps}"));
}

#[test]
fn tiny_screens_do_not_panic() {
    for (width, height) in [(1, 1), (2, 2), (3, 1), (1, 5), (10, 3), (20, 4)] {
        let mut app = app_with(Some(session_data()), t("16T08:45:00"), (width, height));
        screen(&app);
        command(&mut app, Command::Log);
        screen(&app);
        command(&mut app, Command::Help);
        screen(&app);
    }
    assert_snapshot!(screen(&app_with(
        Some(session_data()),
        t("16T08:45:00"),
        (1, 1)
    )));
}

#[test]
fn empty_store_invites_a_first_mission() {
    assert_snapshot!(screen(&app_with(None, t("16T08:45:00"), (80, 20))));
}

#[test]
fn log_popup_while_typing() {
    let mut app = app();
    command(&mut app, Command::Log);
    type_text(&mut app, "Wrote the gap tests");
    assert_snapshot!(screen(&app));
}

#[test]
fn decision_popup_with_two_fields() {
    let mut app = app();
    command(&mut app, Command::Decide);
    type_text(&mut app, "Gaps are derived");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "one source of truth");
    assert_snapshot!(screen(&app));
}

#[test]
fn delete_asks_first() {
    let mut app = app();
    command(&mut app, Command::Delete);
    assert_snapshot!(screen(&app));
}

#[test]
fn help_is_generated_from_the_keymap() {
    // tall enough for every binding at once
    let mut app = app_with(Some(session_data()), t("16T08:45:00"), (100, 40));
    command(&mut app, Command::Help);
    let text = screen(&app);
    for (command, keys) in app.settings.keymap.entries() {
        assert!(text.contains(command.describe()), "help lacks {command:?}");
        assert!(
            text.contains(&keys[0].label()),
            "help lacks the key of {command:?}"
        );
    }
    assert_snapshot!(text);
}

#[test]
fn briefing_after_a_night() {
    let app = app_with(Some(session_data()), t("16T20:00:00"), (100, 34));
    assert_snapshot!(screen(&app));
}

#[test]
fn missions_list() {
    let mut app = app();
    command(&mut app, Command::Missions);
    let row = |id: &str, title: &str, status, progress: (usize, usize), last| MissionRow {
        id: id.parse().unwrap(),
        title: String::from(title),
        status,
        progress: tether::session::Progress {
            done: progress.0,
            total: progress.1,
        },
        last: Some(t(last)),
    };
    use tether::session::MissionStatus::{Active, Complete, Paused};
    let rows = vec![
        row(
            "4",
            "Implement Reality Agents",
            Active,
            (1, 3),
            "16T08:30:00",
        ),
        row(
            "3B",
            "Session Reality Protocol",
            Complete,
            (5, 5),
            "15T21:00:00",
        ),
        row("2", "Protocol review notes", Paused, (0, 2), "14T09:00:00"),
    ];
    update(&mut app, Action::MissionsLoaded(Ok(rows.into())));
    assert_snapshot!(screen(&app));
    // typing narrows the list; the ended mission that matches shows once asked
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "protocol");
    let narrowed = screen(&app);
    assert!(narrowed.contains("Protocol review notes"), "{narrowed}");
    assert!(!narrowed.contains("00004   active"), "{narrowed}");
    assert!(
        narrowed.contains("1 of 2 open · 1 ended hidden"),
        "{narrowed}"
    );
    key(&mut app, KeyCode::Tab);
    assert_snapshot!("missions_list_filtered", screen(&app));
}

#[test]
fn filtered_timeline() {
    let mut app = app();
    command(&mut app, Command::Filter);
    type_text(&mut app, "review");
    key(&mut app, KeyCode::Enter);
    assert_snapshot!(screen(&app));
}

#[test]
fn gap_rows_carry_the_gap_style() {
    let app = app();
    let terminal = render(&app);
    let buffer = terminal.backend().buffer();
    let gap = Theme::default().gap;
    let rows: Vec<u16> = (0..buffer.area.height)
        .filter(|&y| {
            let line: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect();
            line.contains("resumed after 8h 17m")
        })
        .collect();
    assert_eq!(rows.len(), 1, "one gap row");
    let y = rows[0];
    let x = (0..buffer.area.width)
        .find(|&x| buffer[(x, y)].symbol() == "r")
        .expect("the label is drawn");
    assert_eq!(
        buffer[(x, y)].fg,
        gap.fg.unwrap(),
        "the label is in the gap colour"
    );
    assert_eq!(buffer[(x - 2, y)].symbol(), "━");
    assert_eq!(
        buffer[(x - 2, y)].fg,
        gap.fg.unwrap(),
        "the rule is in the gap colour"
    );
    let ordinary = (0..buffer.area.height)
        .find(|&y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .contains("Reviewing")
        })
        .unwrap();
    assert_ne!(
        buffer[(10, ordinary)].fg,
        gap.fg.unwrap(),
        "an ordinary row is not"
    );
}

#[test]
fn the_header_turns_to_the_gap_colour_past_the_threshold() {
    let gap = Theme::default().gap;
    // the cells of "last … ago": whether each is drawn in the gap style
    let in_gap_style = |app: &tether::tui::app::App| -> Vec<bool> {
        let terminal = render(app);
        let buffer = terminal.backend().buffer();
        let cells: Vec<&str> = (0..buffer.area.width)
            .map(|x| buffer[(x, 0)].symbol())
            .collect();
        let find = |from: usize, text: &str| {
            cells[from..]
                .windows(text.len())
                .position(|w| w.concat() == text)
                .map(|at| from + at)
        };
        let start = find(0, "last ").expect("the header shows the last interaction");
        let end = find(start, " ago").expect("… ago") + " ago".len();
        (start..end)
            .map(|x| {
                let cell = &buffer[(x as u16, 0)];
                Some(cell.fg) == gap.fg && cell.modifier.contains(gap.add_modifier)
            })
            .collect()
    };
    let mut app = app(); // the last interaction at 08:30, the threshold 2h
    assert!(in_gap_style(&app).iter().all(|g| !g), "15m");
    update(&mut app, Action::Tick(t("16T10:30:00")));
    assert!(in_gap_style(&app).iter().all(|g| !g), "2h, not yet past");
    update(&mut app, Action::Tick(t("16T10:30:01")));
    assert!(in_gap_style(&app).iter().all(|g| *g), "2h 0m 1s: past");
}

#[test]
fn control_characters_in_user_text_are_made_visible() {
    let mut data = session_data();
    let mut all = data.interactions.to_vec();
    all[4].text = "evil \x1b]0;pwned\x07 \x1b[2J \u{9b}31m \u{202e}txt".into();
    data.interactions = all.into();
    data.session.mission.title = "title \x1b[31mred".into();
    let text = screen(&app_with(Some(data), t("16T08:45:00"), (100, 30)));
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text}");
    assert!(
        text.contains("evil ␛]0;pwned␇ ␛[2J <U+009B>31m <U+202E>txt"),
        "{text}"
    );
    assert!(text.contains("title ␛[31mred"), "{text}");
}

#[test]
fn stats_view_at_80_by_24() {
    let mut app = app_with(Some(session_data()), t("16T08:45:00"), (80, 24));
    let effects = command(&mut app, Command::Stats);
    assert_eq!(effects, vec![tether::tui::effect::Effect::LoadStats]);
    let data = session_data();
    let sessions = vec![(data.session, data.interactions.ats().to_vec())];
    let stats = tether::stats::compute(
        &sessions,
        chrono::TimeDelta::hours(2),
        tether::zone::Zone::utc(),
    );
    update(&mut app, Action::StatsLoaded(Ok(Box::new(stats.into()))));
    let text = screen(&app);
    assert!(text.contains("Gaps crossed 1"), "{text}");
    assert_snapshot!(text);
}

#[test]
fn pending_states_are_drawn() {
    use tether::config::Config;
    use tether::tui::app::{App, Settings};
    use tether::zone::Zone;
    let settings = Settings::from_config(&Config::default(), Zone::utc());
    let mut reading = App::new(t("16T08:45:00"), settings);
    update(&mut reading, Action::Resize(80, 20));
    let before = screen(&reading);
    assert!(before.contains("Reading the store…"), "{before}");
    assert!(!before.contains("No mission is active"), "{before}");

    let mut app = app();
    command(&mut app, Command::Log);
    type_text(&mut app, "words in flight");
    key(&mut app, KeyCode::Enter);
    let saving = screen(&app);
    assert!(saving.contains("words in flight"), "{saving}");
    assert!(saving.contains("Saving…"), "{saving}");
}

/// The text of rendered lines.
fn text_of(lines: &[ratatui::text::Line]) -> String {
    lines
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

#[test]
fn the_help_lists_every_mode_under_its_heading() {
    let app = app();
    let help = text_of(&tether::tui::pages::help(&app));
    let mut from = 0;
    for (mode, entries) in app.settings.keymap.sections() {
        let heading = format!(" {}\n", mode.heading());
        let at = help[from..].find(&heading).map(|i| i + from);
        let at = at.unwrap_or_else(|| panic!("no heading for {mode:?}: {help}"));
        for (keys, what) in entries {
            let labels: Vec<String> = keys.iter().map(|k| k.label()).collect();
            let row = format!("{:<16}{what}\n", labels.join(" "));
            assert!(help[at..].contains(&row), "{mode:?} lacks {row:?}");
        }
        from = at + heading.len();
    }
    assert!(
        help.contains("   y Y             yes: go ahead\n"),
        "{help}"
    );
}

#[test]
fn hints_and_placeholders_name_the_keys_of_the_keymap() {
    let config = "[keys]\nlog = [\"L\"]\nfilter = [\"|\"]\n\
                  [keys.confirm]\nyes = [\"o\"]\nno = [\"x\", \"esc\"]\n\
                  [keys.form]\nsubmit = [\"ctrl-s\"]\ncancel = [\"ctrl-g\"]\n\
                  [keys.mission_list]\nswitch = [\"s\"]\n\
                  [keys.scroll]\nclose = [\"z\"]\n";
    let mut data = session_data();
    data.interactions.clear();
    let mut app = app_with(Some(data), t("16T08:45:00"), (100, 30));
    configure(&mut app, config);
    assert!(
        screen(&app).contains("Nothing logged yet. Press L to log what you are doing."),
        "{}",
        screen(&app)
    );
    let mut app = self::app();
    configure(&mut app, config);
    command(&mut app, Command::Delete);
    assert!(
        screen(&app).contains(" o yes · x / esc no "),
        "{}",
        screen(&app)
    );
    app.popup = None;
    command(&mut app, Command::Log);
    key(&mut app, KeyCode::Enter);
    let form = screen(&app);
    assert!(form.contains(" ctrl-s save · ctrl-g cancel "), "{form}");
    update(
        &mut app,
        Action::Key(ratatui::crossterm::event::KeyEvent::new(
            KeyCode::Char('s'),
            ratatui::crossterm::event::KeyModifiers::CONTROL,
        )),
    );
    assert!(screen(&app).contains("Type something first (ctrl-g cancels)"));
    app.popup = None;
    command(&mut app, Command::Missions);
    assert!(
        screen(&app).contains(" s switch · / filter · e show ended · esc close · n new"),
        "{}",
        screen(&app)
    );
    app.popup = None;
    command(&mut app, Command::Help);
    assert!(screen(&app).contains(" Keys · z closes · j k scroll "));
    app.popup = None;
    command(&mut app, Command::Stats);
    assert!(screen(&app).contains("success metrics · z closes "));
}
