use chrono::FixedOffset;
use ulid::Ulid;

use super::*;
use crate::session::{Kind, Source};

fn line(n: u64, session: &str, at: &str) -> Line {
    Line {
        session: session.parse().unwrap(),
        mission: format!("Mission {session}"),
        interaction: Interaction {
            id: Ulid::from_parts(n, 0),
            at: format!("2025-08-{at}Z").parse().unwrap(),
            kind: Kind::Note,
            source: Source::Cli,
            text: format!("note {n}"),
            head: None,
            branch: None,
        },
    }
}

/// Two hours ahead of UTC: 21:30Z on the 15th is 23:30 on the 15th, 22:10Z is past
/// midnight, on the 16th.
fn plus2() -> Zone {
    Zone::Fixed(FixedOffset::east_opt(2 * 3600).unwrap())
}

fn journal(lines: Vec<Line>) -> Journal {
    build(lines, Span::default(), TimeDelta::hours(2), plus2())
}

fn shape(day: &Day) -> Vec<String> {
    day.entries
        .iter()
        .map(|e| match e {
            Entry::Gap(g) => format!("gap {}", g.seconds),
            Entry::Interaction(l) => format!("{} {}", l.session, l.interaction.text),
        })
        .collect()
}

#[test]
fn days_are_local_and_gaps_are_silences_across_every_mission() {
    let j = journal(vec![
        line(4, "00002", "16T07:00:00"),
        line(1, "00001", "15T21:30:00"),
        line(2, "00002", "15T21:50:00"),
        line(3, "00001", "15T22:10:00"),
        line(5, "00001", "16T07:30:00"),
        line(6, "00003", "16T07:40:00"),
    ]);
    let dates: Vec<String> = j.days.iter().map(|d| d.date.to_string()).collect();
    assert_eq!(dates, ["2025-08-15", "2025-08-16"]);
    assert_eq!(shape(&j.days[0]), ["00001 note 1", "00002 note 2"]);
    assert_eq!(
        shape(&j.days[1]),
        [
            "00001 note 3",
            "gap 31800",
            "00002 note 4",
            "00001 note 5",
            "00003 note 6"
        ]
    );
    assert_eq!(j.gap_count, 1);
    assert_eq!(j.interactions, 6);
    // 20m on the 15th; on the 16th the 20m pause into midnight's side, then 30m and 10m
    assert_eq!(j.days[0].active_seconds, 20 * 60);
    assert_eq!(j.days[1].active_seconds, (20 + 30 + 10) * 60);
    assert_eq!(j.active_seconds, (20 + 20 + 30 + 10) * 60);
}

#[test]
fn each_day_names_its_missions_with_their_own_active_time() {
    let j = journal(vec![
        line(1, "00001", "15T08:00:00"),
        line(2, "00002", "15T08:10:00"),
        line(3, "00001", "15T08:30:00"),
        line(4, "00002", "15T08:40:00"),
        line(5, "00001", "16T08:00:00"),
    ]);
    let figures = |missions: &[Touched]| -> Vec<(String, usize, i64)> {
        missions
            .iter()
            .map(|t| (t.session.to_string(), t.interactions, t.active_seconds))
            .collect()
    };
    assert_eq!(
        figures(&j.days[0].missions),
        [("00001".into(), 2, 1800), ("00002".into(), 2, 1800)]
    );
    // a day later: the session's own pause from the day before is a gap, nothing counted
    assert_eq!(figures(&j.days[1].missions), [("00001".into(), 1, 0)]);
    assert_eq!(
        figures(&j.missions),
        [("00001".into(), 3, 1800), ("00002".into(), 2, 1800)]
    );
    assert_eq!(j.days[0].active_seconds, 40 * 60);
    assert_eq!(j.days[0].missions[0].mission, "Mission 00001");
}

#[test]
fn nothing_in_the_span_is_an_empty_journal() {
    let j = journal(Vec::new());
    assert!(j.days.is_empty() && j.missions.is_empty());
    assert_eq!((j.interactions, j.active_seconds, j.gap_count), (0, 0, 0));
}

#[test]
fn the_journal_reads_back_from_its_json() {
    let j = journal(vec![
        line(1, "00001", "15T08:00:00"),
        line(2, "00001", "15T12:00:00"),
    ]);
    let text = serde_json::to_string(&j).unwrap();
    let back: Journal = serde_json::from_str(&text).unwrap();
    assert_eq!(back, j);
    assert!(text.contains(r#""type":"gap""#), "{text}");
    assert!(
        text.contains(r#""type":"interaction","session":"00001""#),
        "{text}"
    );
}
