//! Day-one polish: the config file, colour and NO_COLOR, completions, the man page, stats.

mod common;

use std::fs;

use common::Home;
use serde_json::{Value, json};

const NOW: &str = "2025-08-16T08:12:00Z";

fn home_with_config(config: &str) -> Home {
    let home = Home::new();
    fs::write(home.path().join("config.toml"), config).unwrap();
    home
}

#[test]
fn a_bad_setting_every_command_uses_is_refused_with_the_file_the_key_and_the_line() {
    let cases = [
        (
            "theme = \"dark\"\nlock_timeout = \"soon\"\n",
            ":2: lock_timeout: invalid duration 'soon'",
        ),
        ("gap_threshold = [\n", ":1:"),
    ];
    for (config, want) in cases {
        let home = home_with_config(config);
        let path = home.path().join("config.toml").display().to_string();
        for args in [&["status"][..], &["log", "x"], &[]] {
            let err = home.refuse(NOW, args);
            assert!(
                err.starts_with(&format!("tether: {path}{want}")),
                "{config:?} {args:?}: {err}"
            );
        }
    }
}

/// The dashboard's settings that are wrong, and how each is named.
const BAD_DASHBOARD_SETTINGS: [(&str, &str); 5] = [
    (
        "gap_threshold = \"2h\"\ntheme = \"neon\"\n",
        ":2: theme: unknown theme 'neon' (known: dark, light, high-contrast)",
    ),
    (
        "[keys]\nlog = [\"x\"]\nadd_step = [\"x\"]\n",
        ":3: keys.add_step: the key 'x' is bound to both log and add_step",
    ),
    (
        "\n\n[colors]\ngap = \"blurple\"\n",
        ":4: colors.gap: 'blurple' is not a colour: use a name like red, a number 0-255, or #rrggbb",
    ),
    (
        "[keys.confirm]\nyes = [\"y\"]\nno = [\"y\"]\n",
        ":3: keys.confirm.no: the key 'y' is bound to both yes and no",
    ),
    (
        "tick_rate = \"soon\"\n",
        ":1: tick_rate: invalid duration 'soon': expected something like 2h, 30m or 1h30m",
    ),
];

#[test]
fn a_bad_dashboard_setting_is_one_warning_for_commands_which_run() {
    for (config, want) in BAD_DASHBOARD_SETTINGS {
        let home = home_with_config(config);
        let path = home.path().join("config.toml").display().to_string();
        home.run(NOW, &["start", "Still works"]);
        let (ok, stdout, stderr) = home.try_run(NOW, &["log", "the hook keeps logging"]);
        assert!(ok, "{config:?}: {stderr}");
        assert!(stdout.starts_with("Logged to session 00001"), "{stdout}");
        assert_eq!(
            stderr,
            format!("tether: warning: {path}{want}\n"),
            "{config:?}"
        );
        let (ok, stdout, _) = home.try_run(NOW, &["status", "--format", "tmux"]);
        assert!(ok && stdout.contains("Still works"), "{config:?}: {stdout}");
    }
}

#[test]
fn the_dashboard_refuses_to_open_on_a_bad_setting_naming_the_file_the_key_and_the_line() {
    for (config, want) in BAD_DASHBOARD_SETTINGS {
        let home = home_with_config(config);
        let path = home.path().join("config.toml").display().to_string();
        let err = home.refuse(NOW, &[]);
        assert_eq!(err, format!("tether: {path}{want}"), "{config:?}");
    }
}

#[test]
fn doctor_reports_a_bad_dashboard_setting_as_a_problem() {
    let home = home_with_config("[keys]\nlog = [\"x\"]\nadd_step = [\"x\"]\n");
    let path = home.path().join("config.toml").display().to_string();
    let (ok, stdout, stderr) = home.try_run(NOW, &["doctor"]);
    assert!(!ok, "a problem fails the checkup: {stdout}");
    assert!(
        stdout.contains(&format!(
            "problem: {path}:3: keys.add_step: the key 'x' is bound to both log and add_step\n"
        )),
        "{stdout}"
    );
    assert!(!stdout.contains("No problems found"), "{stdout}");
    assert!(
        stderr.contains("the dashboard will not open until the config is fixed"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("warning"),
        "reported once, as a problem: {stderr}"
    );
    fs::write(home.path().join("config.toml"), "[keys]\nlog = [\"L\"]\n").unwrap();
    let healthy = home.run(NOW, &["doctor"]);
    assert!(healthy.contains("No problems found."), "{healthy}");
}

#[test]
fn unknown_keys_are_warned_about_and_the_command_still_runs() {
    let home = home_with_config("gap_treshold = \"3h\"\n[keys]\nlaunch = [\"x\"]\n");
    let out = home.cmd(NOW).arg("status").output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let path = home.path().join("config.toml").display().to_string();
    assert_eq!(
        stderr,
        format!(
            "tether: warning: {path}:1: 'gap_treshold' is not a setting tether knows; it is ignored\n\
             tether: warning: {path}:3: 'keys.launch' is not a command (see the help); it is ignored\n"
        )
    );
}

#[test]
fn the_example_config_is_accepted_without_a_warning() {
    let home = home_with_config(include_str!("../assets/config.example.toml"));
    let out = home.cmd(NOW).arg("status").output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
}

/// A session whose last interaction was long ago, so status shows a gap.
fn gapped_home() -> Home {
    let home = Home::new();
    home.run("2025-08-15T23:00:00Z", &["start", "Colour"]);
    home
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let home = gapped_home();
    let run = |args: &[&str], no_color: bool| {
        let mut cmd = home.cmd(NOW);
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        String::from_utf8(cmd.args(args).output().unwrap().stdout).unwrap()
    };
    assert!(run(&["--color", "always", "status"], false).contains("\x1b[38;5;214ma gap\x1b[0m"));
    assert!(
        !run(&["status"], false).contains('\x1b'),
        "auto: a pipe gets no colour"
    );
    assert!(!run(&["--color", "never", "status"], false).contains('\x1b'));
    assert!(
        run(&["--color", "always", "status"], true).contains('\x1b'),
        "always beats NO_COLOR"
    );
    let tmux = run(&["status", "--format", "tmux"], false);
    assert!(tmux.starts_with("#[fg=colour208]"), "{tmux}");
    let plain = run(&["status", "--format", "tmux"], true);
    assert!(
        !plain.contains("#[fg="),
        "NO_COLOR drops tmux colours too: {plain}"
    );
    assert!(!run(&["--color", "never", "status", "--format", "tmux"], false).contains("#[fg="));
}

#[test]
fn completions_for_every_shell() {
    let home = Home::new();
    let program = common::BIN;
    for (shell, asks) in [
        ("bash", "COMPLETE=\"bash\""),
        ("zsh", "COMPLETE=\"zsh\""),
        ("fish", "COMPLETE=fish"),
        ("elvish", "COMPLETE=\"elvish\""),
        ("powershell", "$env:COMPLETE = \"powershell\""),
    ] {
        let script = home.run(NOW, &["completions", shell]);
        assert!(
            script.contains(asks) && script.contains(program),
            "{shell}: the script asks this program for candidates:\n{script}"
        );
    }
    let bash = home
        .run(NOW, &["completions", "bash"])
        .replace(program, "[tether]");
    insta::assert_snapshot!("completions_bash", bash);
    let out = home
        .cmd(NOW)
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "a usage error");
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("possible values: bash, elvish, fish, powershell, zsh")
    );
}

#[test]
fn the_man_page() {
    let home = Home::new();
    let page = home.run(NOW, &["man"]);
    assert!(page.starts_with(".ie \\n(.g .ds Aq \\(aq"), "roff");
    assert!(
        page.contains(".SH NAME") && page.contains(".SH SUBCOMMANDS"),
        "{page}"
    );
    insta::assert_snapshot!("man", page);
}

/// Three sessions at known times (UTC): one completed, one abandoned, one still active.
fn stats_home() -> Home {
    let home = Home::new();
    // Mon 11 Aug: 09:00 start, 10:00 log, 14:30 log (a 4h 30m gap), 15:00 complete.
    home.run("2025-08-11T09:00:00Z", &["start", "First"]);
    home.run("2025-08-11T10:00:00Z", &["log", "one"]);
    home.run("2025-08-11T14:30:00Z", &["log", "two"]);
    home.run("2025-08-11T15:00:00Z", &["complete"]);
    // Tue 12 Aug: 22:00 start, 23:00 log, Wed 08:00 log (a 9h gap), 08:30 abandon.
    home.run("2025-08-12T22:00:00Z", &["start", "Second"]);
    home.run("2025-08-12T23:00:00Z", &["log", "three"]);
    home.run("2025-08-13T08:00:00Z", &["log", "four"]);
    home.run("2025-08-13T08:30:00Z", &["complete", "--abandon"]);
    // Wed 20 Aug: 09:00 start, Fri 22 Aug 09:00 log (a 2d gap).
    home.run("2025-08-20T09:00:00Z", &["start", "Third"]);
    home.run("2025-08-22T09:00:00Z", &["log", "five"]);
    home
}

#[test]
fn stats_json_has_the_known_answers() {
    let home = stats_home();
    let stats: Value =
        serde_json::from_str(&home.run("2025-08-22T10:00:00Z", &["stats", "--format", "json"]))
            .unwrap();
    assert_eq!(stats["sessions"], 3);
    assert_eq!(
        (stats["completed"].clone(), stats["abandoned"].clone()),
        (json!(1), json!(1))
    );
    assert_eq!(stats["completion_rate"], 0.5);
    // start + logs + the ending line: 4 + 4 + 2.
    assert_eq!(stats["interactions"], 10);
    assert_eq!(stats["median_interactions_per_session"], 4);
    assert_eq!(stats["gap_count"], 3);
    assert_eq!(stats["median_gap_seconds"], 9 * 3600);
    assert_eq!(stats["longest_gap_seconds"], 2 * 86_400);
    let gaps: Vec<u64> = stats["gap_lengths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["count"].as_u64().unwrap())
        .collect();
    assert_eq!(gaps, [0, 1, 1, 1, 0, 0], "4-8h, 8h-1d, 1-3d");
    let hours = stats["by_hour"].as_array().unwrap();
    assert_eq!(hours[9], 3, "two starts and a log at 09:00");
    assert_eq!(hours[8], 2, "a log and an abandon at 08");
    assert_eq!(stats["by_weekday"], json!([4, 2, 3, 0, 1, 0, 0]));
    let weeks = stats["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 2);
    assert_eq!(weeks[0]["start"], "2025-08-11");
    assert_eq!(
        (weeks[0]["started"].clone(), weeks[0]["completed"].clone()),
        (json!(2), json!(1))
    );
    assert_eq!(weeks[1]["interactions"], 2);
    let text = home.run("2025-08-22T10:00:00Z", &["stats"]);
    assert!(text.contains("completion rate 50%"), "{text}");
    assert!(
        text.contains("3 crossed without ending a session · median 9h · longest 2d"),
        "{text}"
    );
}

#[test]
fn log_reads_its_text_from_a_pipe() {
    let home = Home::new();
    home.run(NOW, &["start", "Piped"]);
    let out = home
        .cmd(NOW)
        .args(["log", "--kind", "progress"])
        .write_stdin("from a pipe\n")
        .output()
        .unwrap();
    common::assert_ok(&out);
    let timeline = fs::read_to_string(home.timeline("00001")).unwrap();
    assert!(
        timeline.contains("\"kind\":\"progress\",\"source\":\"cli\",\"text\":\"from a pipe\""),
        "{timeline}"
    );
    let empty = home.cmd(NOW).arg("log").write_stdin("").output().unwrap();
    assert!(!empty.status.success(), "an empty pipe is empty text");
}

#[test]
fn the_tmux_line_is_one_short_line_even_for_a_long_mission() {
    let home = Home::new();
    let title = "An extremely long mission title that goes on and on about reality agents and gaps";
    home.run("2025-08-15T23:00:00Z", &["start", title]);
    for n in 0..12 {
        home.run(
            "2025-08-15T23:00:00Z",
            &["step", "add", &format!("step {n}")],
        );
    }
    for args in [
        &["status", "--format", "tmux"][..],
        &["--color", "never", "status", "--format", "tmux"][..],
    ] {
        let line = home.run("2025-08-20T08:00:00Z", args);
        assert_eq!(line.lines().count(), 1, "{line:?}");
        let visible = line
            .trim_end()
            .replace("#[fg=colour208]", "")
            .replace("#[default]", "");
        assert!(
            visible.chars().count() <= 80,
            "{} columns: {visible}",
            visible.chars().count()
        );
        assert!(
            visible.contains("0/12") && visible.contains("4d 9h ago"),
            "{visible}"
        );
    }
}
