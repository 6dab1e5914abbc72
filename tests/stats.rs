//! The protocol's metrics (`tether::stats::compute`), on sessions built in memory at fixed
//! times: completion rate, gaps and their lengths, when the work happens (in a fixed zone),
//! week by week, and an empty store.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, Utc};
use tether::session::{MissionStatus, Session};
use tether::stats::{Bucket, Stats, compute};
use tether::zone::Zone;

/// The usual gap threshold.
const THRESHOLD: TimeDelta = TimeDelta::hours(2);

fn utc(text: &str) -> DateTime<Utc> {
    text.parse().expect("an RFC 3339 time")
}

/// The times of interactions at `times`, in order: all the metrics read of them.
fn logs(times: &[DateTime<Utc>]) -> Vec<DateTime<Utc>> {
    times.to_vec()
}

/// Session `id`, started at `created`, in `status` (ended at `created` + 1 day if ended).
fn session(id: &str, created: &str, status: MissionStatus) -> Session {
    let mut session = Session::new(id.parse().unwrap(), format!("Mission {id}"), utc(created));
    session.mission.status = status;
    if status.is_ended() {
        session.ended = Some(utc(created) + TimeDelta::days(1));
    }
    session
}

fn gap_counts(stats: &Stats) -> Vec<(&str, usize)> {
    stats
        .gap_lengths
        .iter()
        .map(|Bucket { label, count }| (label.as_str(), *count))
        .collect()
}

#[test]
fn an_empty_store_has_no_rate_no_gaps_and_empty_buckets() {
    let stats = compute(&[], THRESHOLD, Zone::utc());
    assert_eq!(stats.sessions, 0);
    assert_eq!(stats.completion_rate, None, "no ended mission: no rate");
    assert_eq!((stats.interactions, stats.active_seconds), (0, 0));
    assert_eq!(stats.median_interactions_per_session, 0);
    assert_eq!(stats.gap_count, 0);
    assert_eq!(stats.median_gap_seconds, None);
    assert_eq!(stats.longest_gap_seconds, None);
    assert_eq!(stats.by_hour, vec![0; 24]);
    assert_eq!(stats.by_weekday, vec![0; 7]);
    assert!(stats.weeks.is_empty() && stats.per_session.is_empty());
    assert_eq!(stats.gap_lengths.len(), 6);
    assert!(stats.gap_lengths.iter().all(|b| b.count == 0));
}

#[test]
fn the_completion_rate_counts_ended_missions_only() {
    let start = "2025-08-11T09:00:00Z";
    let sessions: Vec<(Session, Vec<DateTime<Utc>>)> = [
        ("1", MissionStatus::Complete),
        ("2", MissionStatus::Complete),
        ("3", MissionStatus::Abandoned),
        ("4", MissionStatus::Complete),
        ("5", MissionStatus::Active),
        ("6", MissionStatus::Paused),
    ]
    .into_iter()
    .map(|(id, status)| (session(id, start, status), Vec::new()))
    .collect();
    let stats = compute(&sessions, THRESHOLD, Zone::utc());
    assert_eq!(stats.sessions, 6);
    assert_eq!((stats.completed, stats.abandoned), (3, 1));
    assert_eq!(stats.completion_rate, Some(0.75), "3 of the 4 that ended");

    let open = compute(&sessions[4..], THRESHOLD, Zone::utc());
    assert_eq!(open.completion_rate, None, "nothing ended yet");
}

#[test]
fn gaps_are_counted_measured_and_bucketed_by_length() {
    let t0 = utc("2025-08-11T09:00:00Z");
    let hours = |h: i64| TimeDelta::hours(h);
    // silences: 2h (not a gap: the threshold is not passed), 3h, 5h, 30h, 10 days
    let mut at = vec![t0];
    for step in [hours(2), hours(3), hours(5), hours(30), hours(240)] {
        at.push(*at.last().unwrap() + step);
    }
    at.push(*at.last().unwrap() + TimeDelta::minutes(30));
    let one = (
        session("1", "2025-08-11T09:00:00Z", MissionStatus::Active),
        logs(&at),
    );
    let stats = compute(&[one], THRESHOLD, Zone::utc());

    assert_eq!(stats.gap_count, 4);
    assert_eq!(stats.longest_gap_seconds, Some(240 * 3600));
    assert_eq!(stats.median_gap_seconds, Some(5 * 3600), "the lower middle");
    assert_eq!(
        gap_counts(&stats),
        [
            ("< 4h", 1),
            ("4-8h", 1),
            ("8h-1d", 0),
            ("1-3d", 1),
            ("3d-1w", 0),
            ("> 1w", 1)
        ]
    );
    // active time: what is left between the interactions once the gaps are taken out
    assert_eq!(stats.active_seconds, 2 * 3600 + 30 * 60);
    let figures = &stats.per_session[0];
    assert_eq!((figures.interactions, figures.gaps), (7, 4));
    assert_eq!(figures.active_seconds, stats.active_seconds);
}

#[test]
fn hours_and_weekdays_are_counted_in_the_zone_given() {
    // Sunday 17 August, 23:30 UTC, is Monday 18 August, 01:30 at UTC+2
    let late = utc("2025-08-17T23:30:00Z");
    let noon = utc("2025-08-18T12:00:00Z"); // Monday
    let one = (
        session("1", "2025-08-17T23:00:00Z", MissionStatus::Active),
        logs(&[late, noon]),
    );
    let sessions = [one];

    let in_utc = compute(&sessions, THRESHOLD, Zone::utc());
    assert_eq!((in_utc.by_hour[23], in_utc.by_hour[12]), (1, 1));
    assert_eq!(in_utc.by_weekday, [1, 0, 0, 0, 0, 0, 1], "Monday, Sunday");
    let weeks: Vec<(NaiveDate, usize)> = in_utc
        .weeks
        .iter()
        .map(|w| (w.start, w.interactions))
        .collect();
    let monday = |d: u32| NaiveDate::from_ymd_opt(2025, 8, d).unwrap();
    assert_eq!(weeks, [(monday(11), 1), (monday(18), 1)]);

    let paris_summer = Zone::Fixed(FixedOffset::east_opt(2 * 3600).unwrap());
    let in_paris = compute(&sessions, THRESHOLD, paris_summer);
    assert_eq!((in_paris.by_hour[1], in_paris.by_hour[14]), (1, 1));
    assert_eq!(in_paris.by_hour.iter().sum::<usize>(), 2);
    assert_eq!(in_paris.by_weekday, [2, 0, 0, 0, 0, 0, 0], "both on Monday");
    assert_eq!(in_paris.weeks.len(), 1, "one week: Monday 18 August");
    assert_eq!(in_paris.weeks[0].start, monday(18));
    assert_eq!(in_paris.weeks[0].interactions, 2);
    assert_eq!(in_paris.weeks[0].started, 1, "started 01:00 Monday there");
}

#[test]
fn weeks_count_starts_and_completions_and_sessions_their_own_figures() {
    let mut done = session("1", "2025-08-11T09:00:00Z", MissionStatus::Complete);
    done.ended = Some(utc("2025-08-19T10:00:00Z")); // completed the next week
    let dropped = session("2", "2025-08-12T09:00:00Z", MissionStatus::Abandoned);
    let open = session("3", "2025-08-20T09:00:00Z", MissionStatus::Active);
    let at = |text: &str| utc(text);
    let sessions = [
        (
            done,
            logs(&[at("2025-08-11T09:00:00Z"), at("2025-08-11T10:00:00Z")]),
        ),
        (dropped, logs(&[at("2025-08-12T09:00:00Z")])),
        (
            open,
            logs(&[
                at("2025-08-20T09:00:00Z"),
                at("2025-08-20T09:10:00Z"),
                at("2025-08-20T09:20:00Z"),
            ]),
        ),
    ];
    let stats = compute(&sessions, THRESHOLD, Zone::utc());
    let weeks: Vec<(u32, usize, usize, usize)> = stats
        .weeks
        .iter()
        .map(|w| {
            use chrono::Datelike;
            (w.start.day(), w.started, w.completed, w.interactions)
        })
        .collect();
    assert_eq!(weeks, [(11, 2, 0, 3), (18, 1, 1, 3)]);
    assert_eq!(stats.interactions, 6);
    assert_eq!(stats.median_interactions_per_session, 2, "of 1, 2 and 3");
    let per: Vec<(&str, MissionStatus, usize)> = stats
        .per_session
        .iter()
        .map(|s| (s.session.as_str(), s.status, s.interactions))
        .collect();
    assert_eq!(
        per,
        [
            ("00001", MissionStatus::Complete, 2),
            ("00002", MissionStatus::Abandoned, 1),
            ("00003", MissionStatus::Active, 3),
        ]
    );
    assert_eq!(stats.active_seconds, 3600 + 20 * 60);
}
