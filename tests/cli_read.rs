//! The subcommands that read: status, report, resume, missions, stats, doctor, man.

mod common;

use common::{END, Home, MORNING, START, json};
use serde_json::json;

#[test]
fn report_json_carries_the_duration_reality() {
    let home = Home::new();
    home.night_before();
    home.morning_after();
    let r = json(&home.run(END, &["report", "--format", "json"]));
    assert_eq!(r["session"], "00004");
    assert_eq!(r["mission"], "Implement Reality Agents");
    assert_eq!(r["status"], "active");
    assert_eq!(r["first_interaction"], "2025-08-15T23:00:00Z");
    assert_eq!(r["last_interaction"], "2025-08-16T08:10:00Z");
    // start, three steps planned, two logs at night, one in the morning, a decision, a step done
    assert_eq!(r["total_interactions"], 9);
    // 23:00 → 08:10 is 33,000 s; the gap 23:50:34 → 08:08:02 is 29,848 s of it
    assert_eq!(r["active_seconds"], 33_000 - 29_848);
    assert_eq!(r["gap_count"], 1);
    assert_eq!(r["gap_seconds"], 29_848);
    assert_eq!(
        r["gaps"],
        json!([{
            "start": "2025-08-15T23:50:34Z",
            "end": "2025-08-16T08:08:02Z",
            "seconds": 29_848,
        }])
    );
    assert_eq!(r["progress"], json!({"done": 1, "total": 3}));
}

#[test]
fn report_log_acknowledges_the_gap_between_the_two_lines() {
    let home = Home::new();
    home.night_before();
    home.morning_after();
    let log = home.run(END, &["report", "--format", "log"]);
    let lines: Vec<&str> = log.lines().collect();
    let night = lines
        .iter()
        .position(|l| *l == "[2025-08-15 23:50:34] Creating gift for Session 00004")
        .expect("the night's last line");
    assert_eq!(lines[night + 1], "[SESSION RESUMED after 8h 17m break]");
    assert_eq!(lines[night + 2], "[2025-08-16 08:08:02] Reviewing fix plan");
    assert_eq!(log.matches("SESSION RESUMED").count(), 1, "{log}");
}

#[test]
fn report_follows_the_gap_threshold_in_the_config() {
    let home = Home::new();
    home.night_before();
    home.morning_after();
    std::fs::write(home.path().join("config.toml"), "gap_threshold = \"10h\"\n").unwrap();
    let r = json(&home.run(END, &["report", "--format", "json"]));
    assert_eq!(r["gap_count"], 0);
    assert_eq!(r["active_seconds"], 33_000);
    std::fs::write(home.path().join("config.toml"), "gap_threshold = \"30m\"\n").unwrap();
    let r = json(&home.run(END, &["report", "--format", "json"]));
    // 23:00 → 23:41 (41m) is a gap too now
    assert_eq!(r["gap_count"], 2);
    assert_eq!(r["gap_seconds"], 29_848 + 41 * 60);
}

#[test]
fn report_names_another_session_with_session() {
    let home = Home::new();
    home.night_before();
    home.run(END, &["start", "Other"]);
    let text = home.run(END, &["report", "--session", "4"]);
    assert!(
        text.starts_with("Session 00004 · Implement Reality Agents (paused)\n"),
        "{text}"
    );
    let r = json(&home.run(END, &["report", "--format", "json"]));
    assert_eq!(
        (r["session"].as_str(), r["total_interactions"].as_u64()),
        (Some("00005"), Some(1))
    );
}

#[test]
fn status_json_carries_the_session_at_a_glance() {
    let home = Home::new();
    home.night_before();
    let s = json(&home.run(MORNING, &["status", "--format", "json"]));
    assert_eq!(s["session"], "00004");
    assert_eq!(s["mission"], "Implement Reality Agents");
    assert_eq!(s["status"], "active");
    assert_eq!(s["progress"], json!({"done": 0, "total": 3}));
    assert_eq!(s["last_interaction"], "2025-08-15T23:50:34Z");
    assert_eq!(s["seconds_since_last"], 8 * 3600 + 17 * 60 + 26);
    assert_eq!(s["gap"], true);

    home.morning_after();
    let s = json(&home.run(END, &["status", "--format", "json"]));
    assert_eq!(s["progress"], json!({"done": 1, "total": 3}));
    assert_eq!(s["last_interaction"], "2025-08-16T08:10:00Z");
    assert_eq!(s["seconds_since_last"], 120);
    assert_eq!(s["gap"], false);
}

#[test]
fn status_text_and_tmux_show_the_time_since_the_last_interaction() {
    let home = Home::new();
    home.night_before();
    let text = home.run(MORNING, &["status"]);
    assert_eq!(
        text,
        "Session 00004 · Implement Reality Agents (active)\nProgress: 0/3 steps done\nLast interaction: 2025-08-15 23:50 (8h 17m ago), a gap: `tether resume` restores the context (threshold 2h)\n"
    );
    let tmux = home.run(MORNING, &["status", "--format", "tmux"]);
    assert_eq!(
        tmux,
        "#[fg=colour208]00004 Implement Reality Agents 0/3 · 8h 17m ago#[default]\n"
    );
    home.morning_after();
    let tmux = home.run(END, &["status", "--format", "tmux"]);
    assert_eq!(tmux, "00004 Implement Reality Agents 1/3 · 2m ago\n");
    let text = home.run(END, &["status"]);
    assert!(
        text.ends_with("Last interaction: 2025-08-16 08:10 (2m ago)\n"),
        "{text}"
    );
}

#[test]
fn status_without_an_active_mission_says_so_and_succeeds() {
    let home = Home::new();
    let text = home.run(END, &["status"]);
    assert!(text.starts_with("No active mission"), "{text}");
    assert_eq!(
        home.run(END, &["status", "--format", "tmux"]),
        "tether: no active mission\n"
    );
    let s = json(&home.run(END, &["status", "--format", "json"]));
    assert_eq!(s["session"], serde_json::Value::Null);
    assert_eq!(s["seconds_since_last"], serde_json::Value::Null);
    assert!(
        home.files().is_empty(),
        "reading wrote nothing: {:?}",
        home.files()
    );
}

#[test]
fn resume_briefs_on_the_gap_the_steps_and_what_happened_since_the_freeze() {
    let home = Home::new();
    home.night_before();
    let text = home.run(MORNING, &["resume"]);
    assert_eq!(
        text.lines().next(),
        Some("Session 00004 resuming after 8h 17m")
    );
    assert!(text.contains("   1. Draft the protocol\n"), "{text}");
    assert!(
        text.contains(
            "Since the freeze at 2025-08-15 23:30: 0 steps done, 0 decisions, 2 interactions logged"
        ),
        "{text}"
    );
    let b = json(&home.run(MORNING, &["resume", "--format", "json"]));
    assert_eq!(b["session"], "00004");
    assert_eq!(b["after_gap"], true);
    assert_eq!(b["seconds_since_last"], 29_846);
    assert_eq!(b["mission"]["title"], "Implement Reality Agents");
    let numbers: Vec<_> = b["next_steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, [1, 2, 3]);
    assert_eq!(b["since_freeze"]["interactions_logged"], 2);
    let md = home.run(MORNING, &["resume", "--format", "md"]);
    assert!(
        md.starts_with("# Session 00004: Implement Reality Agents\n"),
        "{md}"
    );
    assert!(md.contains("resuming after a gap of 8h 17m"), "{md}");
}

#[test]
fn missions_lists_every_session_and_marks_the_active_one() {
    let home = Home::new();
    home.night_before();
    home.run(END, &["start", "Second", "mission"]);
    home.run(END, &["step", "add", "x"]);
    let text = home.run(END, &["missions"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[0].contains("SESSION") && lines[0].contains("MISSION"),
        "{text}"
    );
    // the most recently active first
    assert!(lines[1].starts_with("* 00005    active"), "{text}");
    assert!(lines[2].starts_with("  00004    paused"), "{text}");
    assert!(
        lines[2].ends_with("0/3  8h 21m ago    Implement Reality Agents"),
        "{text}"
    );
    let list = json(&home.run(END, &["missions", "--format", "json"]));
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[1]["session"], "00004");
    assert_eq!(list[1]["status"], "paused");
    assert_eq!(list[1]["active"], false);
    assert_eq!(list[1]["last_interaction"], "2025-08-15T23:50:34Z");
    assert_eq!(list[0]["session"], "00005");
    assert_eq!(list[0]["mission"], "Second mission");
    assert_eq!(list[0]["active"], true);
    assert_eq!(list[0]["progress"], json!({"done": 0, "total": 1}));
}

#[test]
fn missions_on_an_empty_home_suggests_starting() {
    let home = Home::new();
    let text = home.run(END, &["missions"]);
    assert!(text.starts_with("No sessions yet"), "{text}");
    assert_eq!(
        json(&home.run(END, &["missions", "--format", "json"])),
        json!([])
    );
}

#[test]
fn stats_measure_completion_and_gaps_across_sessions() {
    let home = Home::new();
    home.night_before();
    home.morning_after();
    home.run(END, &["complete"]);
    home.run(END, &["start", "Give", "up"]);
    home.run(END, &["complete", "--abandon"]);
    home.run(END, &["start", "Still", "open"]);
    let s = json(&home.run(END, &["stats", "--format", "json"]));
    assert_eq!(s["sessions"], 3);
    assert_eq!(s["completed"], 1);
    assert_eq!(s["abandoned"], 1);
    assert_eq!(s["completion_rate"], 0.5);
    // 00004: 9 + "Mission complete"; 00005: start + abandoned; 00006: start
    assert_eq!(s["interactions"], 13);
    assert_eq!(s["gap_count"], 1);
    assert_eq!(s["longest_gap_seconds"], 29_848);
    let text = home.run(END, &["stats"]);
    assert!(text.contains("completion rate 50%\n"), "{text}");
    assert!(text.contains("median 8h 17m · longest 8h 17m\n"), "{text}");
}

/// A damaged mission: the stats are the others', the file is named with its line, and the
/// exit status says the figures are not whole.
#[test]
fn stats_are_the_others_when_a_mission_cannot_be_read() {
    let home = Home::new();
    home.night_before();
    home.morning_after();
    home.run(END, &["start", "Still", "open"]);
    let (timeline, lines) = home.damage_end("00004");
    let (ok, out, err) = home.try_run(END, &["stats", "--format", "json"]);
    assert!(!ok);
    let s = json(&out);
    assert_eq!(
        (s["sessions"].clone(), s["interactions"].clone()),
        (json!(1), json!(1))
    );
    assert!(
        err.contains(&format!("{}:{lines}:", timeline.display())),
        "{err}"
    );
    assert!(
        err.contains("1 mission could not be read whole (said above): the figures are the others'"),
        "{err}"
    );
}

#[test]
fn doctor_finds_a_healthy_store_healthy() {
    let home = Home::new();
    home.night_before();
    let before = home.files();
    let out = home.run(END, &["doctor"]);
    let out = out.replace(&home.path_str(), "[HOME]");
    assert_eq!(
        out,
        "Store: [HOME]\n1 sessions, 6 timeline records read\nNo problems found.\n"
    );
    assert_eq!(
        home.files(),
        before,
        "doctor without --repair writes nothing"
    );
    let out = home.run(END, &["doctor", "--repair"]);
    assert!(out.ends_with("No problems found.\n"), "{out}");
    assert_eq!(home.files(), before, "nothing to repair, nothing written");
}

#[test]
fn doctor_reports_damage_without_writing_and_repair_fixes_it() {
    let home = Home::new();
    home.night_before();
    let timeline = home.timeline("00004");
    let mut bytes = std::fs::read(&timeline).unwrap();
    bytes.extend_from_slice(b"not a record\n");
    std::fs::write(&timeline, &bytes).unwrap();
    let before = home.files();
    let (ok, stdout, stderr) = home.try_run(END, &["doctor"]);
    assert!(!ok);
    let problem = format!("problem: {}:8: ", timeline.display());
    assert!(stdout.contains(&problem), "{stdout}");
    assert!(stderr.contains("tether doctor --repair"), "{stderr}");
    assert_eq!(home.files(), before);
    let out = home.run(END, &["doctor", "--repair"]);
    assert!(
        out.contains("kept 6 records, moved 1 unreadable lines"),
        "{out}"
    );
    assert!(out.ends_with("The store is healthy now.\n"), "{out}");
    assert!(home.run(END, &["doctor"]).contains("No problems found."));
}

#[test]
fn man_prints_a_roff_page() {
    let home = Home::new();
    let page = home.run(START, &["man"]);
    assert!(page.contains(".TH tether 1"), "{page}");
    assert!(page.contains(".SH NAME"), "{page}");
    assert!(
        page.contains("Keep the context of a piece of work alive"),
        "{page}"
    );
    assert!(page.contains("resume"), "subcommands are listed: {page}");
}
