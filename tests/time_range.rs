//! Times outside 1970-01-01 to 9999-12-31 are refused wherever they enter (`--at`, an
//! imported line, `TETHER_NOW`, a record or a `session.json` read from disk), and the
//! arithmetic on times never panics, even on the extremes chrono can hold.

mod common;
mod tui_support;

use std::fs;

use chrono::{DateTime, FixedOffset, TimeDelta, Utc};
use common::{END, Home, START};
use tether::session::{Interaction, Kind, MissionStatus, Session, Source};
use tether::tui::action::{Action, Command};
use tether::tui::update::update;
use tether::zone::Zone;

const RANGE: &str = "is outside the times tether keeps (1970-01-01 to 9999-12-31)";

#[test]
fn a_time_given_with_at_outside_the_range_is_refused_and_nothing_panics() {
    let home = Home::new();
    home.run(START, &["start", "Mission"]);
    for at in [
        "-99999999999h",
        "-9223372036854s",
        "-60y",
        "1969-12-31T23:59:59Z",
        "0001-01-01 10:00",
    ] {
        let err = home.refuse(END, &["log", "--at", at, "x"]);
        assert_eq!(err, format!("tether: '{at}' {RANGE}"), "{at}");
    }
}

#[test]
fn a_clock_outside_the_range_is_refused() {
    let home = Home::new();
    for now in ["1969-12-31T23:59:59Z", "0000-01-01T00:00:00Z"] {
        let err = home.refuse(now, &["status"]);
        assert_eq!(err, format!("tether: TETHER_NOW='{now}' {RANGE}"));
    }
    // the last second of the range is a clock like any other
    home.run("9999-12-31T23:59:59Z", &["start", "At the end of time"]);
    home.run(
        "9999-12-31T23:59:59Z",
        &["log", "--at", "-1h", "still fine"],
    );
    home.run("9999-12-31T23:59:59Z", &["stats"]);
}

#[test]
fn an_imported_line_outside_the_range_is_skipped_with_why_and_stats_still_run() {
    let home = Home::new();
    let log = home.path().join("old.log");
    fs::write(
        &log,
        "[-262143-01-01 00:00:00] from the edge of the calendar\n\
         [1969-07-20 20:17:00] before 1970\n\
         [2025-08-15 23:50:34] Creating gift\n",
    )
    .unwrap();
    let out = home.run(END, &["import", "--title", "Old", log.to_str().unwrap()]);
    for skipped in [
        format!("skipped line 1: -262143-01-01 00:00:00 {RANGE}"),
        format!("skipped line 2: 1969-07-20 20:17:00 {RANGE}"),
        "Imported 1 interaction into session 00001; skipped 2 lines".to_string(),
    ] {
        assert!(out.contains(&skipped), "no {skipped:?} in\n{out}");
    }
    let report = home.run(END, &["report", "--session", "1", "--format", "log"]);
    assert_eq!(report, "[2025-08-15 23:50:34] Creating gift\n");
    let stats = home.run(END, &["stats"]);
    assert!(stats.contains("Interactions"), "{stats}");
    home.run(END, &["stats", "--format", "json"]);
}

#[test]
fn a_record_on_disk_outside_the_range_is_a_damaged_line() {
    let home = Home::new();
    home.run(START, &["start", "Mission"]);
    home.run(START, &["log", "kept"]);
    let path = home.timeline("00001");
    let mut bytes = fs::read(&path).unwrap();
    bytes.extend_from_slice(
        br#"{"id":"01K2S5Y7W0000000000000000A","at":"-262143-01-01T00:00:00Z","kind":"note","source":"cli","text":"far"}"#,
    );
    bytes.push(b'\n');
    fs::write(&path, bytes).unwrap();
    let err = home.refuse(END, &["report"]);
    assert!(
        err.contains(&format!(
            "{}:4: cannot read this store file",
            path.display()
        )),
        "{err}"
    );
    assert!(err.contains("outside the times tether keeps"), "{err}");
    let (ok, stdout, _) = home.try_run(END, &["doctor"]);
    assert!(!ok);
    assert!(
        stdout.contains(&format!("problem: {}:4:", path.display())),
        "{stdout}"
    );
    home.run(END, &["doctor", "--repair"]);
    assert!(home.run(END, &["report"]).contains("Interactions"));
    let rejected = fs::read_to_string(path.with_extension("rejected")).unwrap();
    assert!(rejected.contains("-262143-01-01"), "kept aside: {rejected}");
}

#[test]
fn a_session_file_with_a_time_outside_the_range_is_damage_with_its_line() {
    let home = Home::new();
    home.run(START, &["start", "Mission"]);
    let path = home.session_json("00001");
    let text = fs::read_to_string(&path).unwrap();
    let created = "\"created\": \"2025-08-15T23:00:00Z\"";
    assert!(text.contains(created), "{text}");
    fs::write(
        &path,
        text.replace(created, "\"created\": \"1900-01-01T00:00:00Z\""),
    )
    .unwrap();
    let err = home.refuse(END, &["report"]);
    assert!(
        err.contains(&format!("{}:", path.display())) && err.contains("outside the times"),
        "{err}"
    );
}

fn at(n: u64, at: DateTime<Utc>) -> Interaction {
    Interaction {
        id: ulid::Ulid::from_parts(n, u128::from(n)),
        at,
        kind: Kind::Note,
        source: Source::Cli,
        text: format!("note {n}"),
        head: None,
        branch: None,
    }
}

/// A session whose times span all chrono holds: what no file may bring in any more, and
/// what the arithmetic must still survive.
fn extreme_session() -> (Session, Vec<Interaction>) {
    let (min, max) = (DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC);
    let mut session = Session::new("1".parse().unwrap(), "Edges".into(), min);
    session.mission.status = MissionStatus::Complete;
    session.ended = Some(max);
    (session, vec![at(1, min), at(2, min), at(3, max)])
}

#[test]
fn the_arithmetic_on_times_survives_the_extremes() {
    let (session, interactions) = extreme_session();
    let far_east = Zone::Fixed(FixedOffset::east_opt(14 * 3600).unwrap());
    let far_west = Zone::Fixed(FixedOffset::west_opt(12 * 3600).unwrap());
    let times: Vec<DateTime<Utc>> = interactions.iter().map(|i| i.at).collect();
    let sessions = vec![(session.clone(), times)];
    for threshold in [TimeDelta::hours(2), TimeDelta::MAX] {
        for zone in [Zone::utc(), far_east, far_west, Zone::Local] {
            let stats = tether::stats::compute(&sessions, threshold, zone);
            assert_eq!(stats.interactions, 3);
        }
        let reality = tether::timeline::reality(&interactions, threshold, session.progress());
        assert_eq!(reality.total_interactions, 3);
        for now in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
            let seen = Some(DateTime::<Utc>::MAX_UTC);
            let b = tether::context::briefing(&session, &interactions, seen, now, threshold);
            let _ = (b.since_last(), b.gap.map(|g| g.length()));
        }
    }
}

#[test]
fn the_dashboard_and_its_stats_survive_the_extremes() {
    let (session, interactions) = extreme_session();
    let mut data = tui_support::session_data();
    data.session = session.clone();
    data.interactions = interactions.clone().into();
    for now in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
        let mut app = tui_support::app_with(Some(data.clone()), now, (120, 40));
        let _ = tui_support::screen(&app);
        tui_support::command(&mut app, Command::Stats);
        let times = interactions.iter().map(|i| i.at).collect();
        let sessions = vec![(session.clone(), times)];
        let stats = tether::stats::compute(&sessions, TimeDelta::hours(2), Zone::utc());
        update(&mut app, Action::StatsLoaded(Ok(Box::new(stats.into()))));
        let screen = tui_support::screen(&app);
        assert!(screen.contains("Gaps"), "{screen}");
    }
}
