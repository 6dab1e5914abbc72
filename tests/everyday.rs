//! A week of daily use from the command line: one active time for every view, commands
//! with nothing to do that say so and write nothing, the mission's description in the
//! briefing, missions most recently active first, dates for what is long ago, a report
//! with no active mission, active time explained, and a whole Markdown handoff.

mod common;
mod git_support;

use chrono::{DateTime, TimeDelta, Utc};
use common::{Home, json, sid, utc};
use git_support::Repo;
use tether::ops::{self, Change, Entry, StartRequest, Target};
use tether::session::{Kind, Source};
use tether::tui::data::{self, Data, Growth};

const T0: &str = "2025-08-15T10:00:00Z";
const TWO_HOURS: TimeDelta = TimeDelta::hours(2);

/// A session started at `T0` with 199 more interactions, all 0.9 s apart.
fn burst(home: &Home) -> Vec<DateTime<Utc>> {
    let store = home.store();
    let start = StartRequest {
        title: "Burst".into(),
        ..StartRequest::default()
    };
    ops::apply(&store, utc(T0), Source::Cli, Change::Start(start)).unwrap();
    let times: Vec<_> = (0..200)
        .map(|n| utc(T0) + TimeDelta::milliseconds(900 * n))
        .collect();
    for (n, at) in times.iter().enumerate().skip(1) {
        let entry = Entry {
            at: Some(*at),
            kind: Kind::Note,
            text: format!("agent step {n}"),
        };
        let change = Change::Log {
            session: Target::Active,
            entry,
        };
        ops::apply(&store, *at, Source::Agent, change).unwrap();
    }
    times
}

#[test]
fn report_stats_and_the_dashboard_agree_on_active_time_to_the_second() {
    let home = Home::new();
    let times = burst(&home);
    let later = "2025-08-15T10:10:00Z";
    let report = json(&home.run(later, &["report", "--format", "json"]));
    assert_eq!(report["total_interactions"], 200);
    assert_eq!(report["active_seconds"], 179, "199 × 0.9 s, floored once");
    let stats = json(&home.run(later, &["stats", "--format", "json"]));
    assert_eq!(stats["active_seconds"], 179);
    assert_eq!(stats["per_session"][0]["active_seconds"], 179);

    let whole = data::load(&home.store(), TWO_HOURS).unwrap().unwrap();
    assert_eq!(whole.interactions.len(), 200);
    assert_eq!(whole.active, TimeDelta::milliseconds(199 * 900));
    assert_eq!(whole.active_seconds, 179);

    // read in two parts, as the dashboard does when other processes append
    let mut grown = Data::new(
        whole.session.clone(),
        whole.interactions.to_vec()[..100].to_vec(),
        TWO_HOURS,
        None,
    );
    assert_eq!(grown.active_seconds, 89, "99 × 0.9 s");
    let growth = Growth {
        session: whole.session.clone(),
        from: grown.end,
        interactions: whole.interactions.to_vec()[100..].to_vec(),
        seen: None,
        end: whole.end,
        last_line: whole.last_line,
        torn_tail: None,
    };
    grown.grow(growth, TWO_HOURS);
    assert_eq!(grown.active, whole.active);
    assert_eq!(grown.active_seconds, 179);
    assert_eq!(times.len(), 200);
}

#[test]
fn a_step_already_as_asked_says_so_and_writes_nothing() {
    let home = Home::new();
    home.run(T0, &["start", "Plan"]);
    home.run(T0, &["step", "add", "Draft"]);
    home.run(T0, &["step", "add", "Review"]);
    home.run(T0, &["step", "done", "1"]);
    let before = home.files();
    let out = home.run("2025-08-15T11:00:00Z", &["step", "done", "1"]);
    assert_eq!(out, "Step 1 is already done: Draft\n");
    assert_eq!(home.files(), before, "step done on a done step wrote");
    let out = home.run("2025-08-15T11:00:00Z", &["step", "undo", "2"]);
    assert_eq!(out, "Step 2 is not done yet: Review\n");
    assert_eq!(home.files(), before, "step undo on an open step wrote");
    // the step keeps the time it was done
    let session = home.store().session(&sid("1")).unwrap();
    assert_eq!(session.steps[0].done_at, Some(utc(T0)));
    // and a real change still writes
    let out = home.run("2025-08-15T11:00:00Z", &["step", "done", "2"]);
    assert!(out.starts_with("Done step 2: Review"), "{out}");
    assert_ne!(home.files(), before);
}

#[test]
fn the_text_briefing_shows_the_mission_description() {
    let home = Home::new();
    home.run(
        T0,
        &[
            "start",
            "--description",
            "Why it matters\nand for whom",
            "Describe",
        ],
    );
    let out = home.run(T0, &["resume"]);
    assert!(
        out.contains("Mission: Describe (active)\n  Why it matters\n  and for whom\nProgress: "),
        "{out}"
    );
}

/// Sessions 1 to 4 started a minute apart, then work logged into 1 and 2 later, and
/// 4 left with no work after its start at the same minute as 3's.
fn four_missions(home: &Home) {
    home.run("2025-08-15T10:00:00Z", &["start", "One"]);
    home.run("2025-08-15T10:01:00Z", &["start", "Two"]);
    home.run("2025-08-15T10:02:00Z", &["start", "Three"]);
    home.run("2025-08-15T10:02:00Z", &["start", "Four"]);
    let log = |at: &str, id: &str| home.run(at, &["log", "--session", id, "work"]);
    log("2025-08-15T10:05:00Z", "2");
    log("2025-08-15T10:06:00Z", "1");
}

#[test]
fn missions_list_the_most_recently_active_first() {
    let home = Home::new();
    four_missions(&home);
    // 1 and 2 by their work; 4 and 3 tie on their start, the higher id first
    let want = ["00001", "00002", "00004", "00003"];
    let text = home.run("2025-08-15T10:10:00Z", &["missions"]);
    let ids: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l[2..].split_whitespace().next().unwrap())
        .collect();
    assert_eq!(ids, want, "{text}");
    let list = json(&home.run("2025-08-15T10:10:00Z", &["missions", "--format", "json"]));
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["session"].as_str().unwrap())
        .collect();
    assert_eq!(ids, want);
    let rows = data::load_missions(&home.store()).unwrap().rows;
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, want, "the dashboard's list");
}

#[test]
fn a_session_with_no_interaction_counts_from_its_creation() {
    let home = Home::new();
    four_missions(&home);
    let mut empty =
        tether::session::Session::new(sid("9"), "Empty".into(), utc("2025-08-15T10:05:30Z"));
    empty.mission.status = tether::session::MissionStatus::Paused;
    home.store()
        .write(|w| w.create_session(&empty))
        .expect("a session without a timeline");
    let rows = data::load_missions(&home.store()).unwrap().rows;
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["00001", "00009", "00002", "00004", "00003"]);
}

#[test]
fn what_is_long_ago_shows_its_date() {
    let home = Home::new();
    home.run("2025-03-04T10:00:00Z", &["start", "Old"]);
    let now = "2026-06-19T18:00:00Z"; // 472d 8h later
    let tmux = home.run(now, &["status", "--format", "tmux"]);
    assert_eq!(tmux, "#[fg=colour208]00001 Old · on 2025-03-04#[default]\n");
    let text = home.run(now, &["status"]);
    assert!(
        text.contains("Last interaction: 2025-03-04 10:00, a gap"),
        "{text}"
    );
    let missions = home.run(now, &["missions"]);
    assert!(
        missions.ends_with(" on 2025-03-04 Old\n"),
        "the mission keeps its column: {missions}"
    );
    // the seed's marker and the gap stay durations
    let briefing = home.run(now, &["resume"]);
    assert!(briefing.contains("resuming after 472d 8h"), "{briefing}");
    // thirty days is still counted
    let month = home.run("2025-04-03T10:00:00Z", &["status", "--format", "tmux"]);
    assert_eq!(month, "#[fg=colour208]00001 Old · 30d ago#[default]\n");
    // a threshold past the silence: the briefing says when, not how long
    std::fs::write(
        home.path().join("config.toml"),
        "gap_threshold = \"1000d\"\n",
    )
    .unwrap();
    let briefing = home.run(now, &["resume"]);
    assert!(
        briefing.starts_with("Session 00001 · last interaction on 2025-03-04\n"),
        "{briefing}"
    );
    let md = home.run(now, &["resume", "--format", "md"]);
    assert!(md.contains("(last interaction on 2025-03-04)"), "{md}");
}

#[test]
fn report_with_no_active_mission_shows_the_one_worked_on_last() {
    let home = Home::new();
    home.run("2025-08-15T10:00:00Z", &["start", "First"]);
    home.run("2025-08-15T10:01:00Z", &["start", "Second"]);
    home.run("2025-08-15T10:02:00Z", &["complete"]);
    home.run(
        "2025-08-15T10:03:00Z",
        &["log", "--session", "1", "Still on it"],
    );
    let (ok, stdout, stderr) = home.try_run("2025-08-15T10:04:00Z", &["report"]);
    assert!(ok, "{stderr}");
    assert!(
        stdout.starts_with("Session 00001 · First (paused)\n"),
        "{stdout}"
    );
    assert_eq!(
        stderr,
        "tether: no active mission: the report of session 00001 (paused), the one worked on last\n"
    );
    let (ok, stdout, _) = home.try_run("2025-08-15T10:04:00Z", &["report", "--format", "json"]);
    assert!(ok);
    assert_eq!(json(&stdout)["session"], "00001", "stdout stays JSON");
    // with no session at all it is still an error, with its hint
    let empty = Home::new();
    let error = empty.refuse("2025-08-15T10:04:00Z", &["report"]);
    assert!(error.contains("no active"), "{error}");
}

#[test]
fn stats_say_what_active_time_is() {
    let home = Home::new();
    home.run(T0, &["start", "Measure"]);
    let text = home.run(T0, &["stats"]);
    assert!(
        text.contains(
            "Active time is the time between interactions closer than the gap threshold (2h).\n"
        ),
        "{text}"
    );
}

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn the_markdown_handoff_is_whole() {
    let repo = Repo::new();
    repo.commit_ok("First");
    let home = Home::new();
    let ws = repo.path_str();
    home.run(T0, &["start", "--workspace", &ws, "Handoff"]);
    for step in ["Draft", "Build", "Ship"] {
        home.run(T0, &["step", "add", step]);
    }
    home.run("2025-08-15T10:05:00Z", &["step", "done", "1"]);
    home.run("2025-08-15T10:06:00Z", &["step", "done", "3"]);
    home.run("2025-08-15T10:07:00Z", &["log", "Built half"]);
    // markers: switched away and back, completed and reopened
    home.run("2025-08-15T10:08:00Z", &["start", "Other"]);
    home.run("2025-08-15T10:09:00Z", &["switch", "1"]);
    home.run("2025-08-15T10:10:00Z", &["complete"]);
    home.run("2025-08-15T10:11:00Z", &["reopen", "1"]);
    let md = home.run("2025-08-15T10:12:00Z", &["resume", "--format", "md"]);
    let branch = repo.git_ok(&["rev-parse", "--abbrev-ref", "HEAD"]);
    let head = repo.git_ok(&["rev-parse", "HEAD"]);
    assert!(
        md.contains(&format!("- **Branch:** `{}`\n", branch.trim())),
        "{md}"
    );
    assert!(
        md.contains(&format!("- **HEAD:** `{}`\n", head.trim())),
        "{md}"
    );
    assert!(md.contains("\n## Next steps\n\n2. Build\n"), "{md}");
    assert!(md.contains("\n## Done\n\n1. Draft\n3. Ship\n"), "{md}");
    let recent = md
        .split("## Last interactions\n\n")
        .nth(1)
        .expect("the last interactions")
        .split("\n\n")
        .next()
        .unwrap();
    assert!(recent.contains("Built half"), "{recent}");
    for marker in ["Resumed mission", "Mission reopened"] {
        assert!(!recent.contains(marker), "{marker} in:\n{recent}");
    }
    let b = json(&home.run("2025-08-15T10:12:00Z", &["resume", "--format", "json"]));
    assert_eq!(b["done_steps"][1]["number"], 3);
    assert_eq!(b["workspace_changes"]["head"], head.trim());
}
