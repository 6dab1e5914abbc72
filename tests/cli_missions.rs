//! `tether missions --status`: the open missions by default, saying how many ended ones are
//! hidden; any status on request, in every format.

mod common;

use common::{END, Home, NIGHT};
use serde_json::Value;

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

/// Sessions 1 complete, 2 abandoned, 3 paused, 4 active.
fn four_sessions() -> Home {
    let home = Home::new();
    home.run(NIGHT, &["start", "Done and dusted"]);
    home.run(NIGHT, &["complete"]);
    home.run(NIGHT, &["start", "Given up"]);
    home.run(NIGHT, &["complete", "--abandon"]);
    home.run(NIGHT, &["start", "Waiting"]);
    home.run(NIGHT, &["start", "Doing"]);
    home
}

/// The sessions of a JSON list, in order.
fn sessions(list: &Value) -> Vec<&str> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|m| m["session"].as_str().expect("an id"))
        .collect()
}

#[test]
fn by_default_the_open_missions_and_how_many_ended_are_hidden() {
    let home = four_sessions();
    let text = home.run(END, &["missions"]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("SESSION"), "{text}");
    assert!(lines[1].starts_with("* 00004    active"), "{text}");
    assert!(lines[2].starts_with("  00003    paused"), "{text}");
    assert_eq!(lines[3], "", "{text}");
    assert_eq!(
        lines[4],
        "2 ended missions hidden: `tether missions --status all` lists them too"
    );
    assert_eq!(lines.len(), 5, "{text}");
    let open = json(&home.run(END, &["missions", "--format", "json"]));
    assert_eq!(sessions(&open), ["00004", "00003"]);
    assert_eq!(
        open,
        json(&home.run(END, &["missions", "--status", "open", "--format", "json"]))
    );
}

#[test]
fn each_status_on_request_in_every_format() {
    let home = four_sessions();
    let all = json(&home.run(END, &["missions", "--status", "all", "--format", "json"]));
    assert_eq!(sessions(&all), ["00004", "00003", "00002", "00001"]);
    let text = home.run(END, &["missions", "--status", "all"]);
    assert_eq!(text.lines().count(), 5, "a header and four rows:\n{text}");
    assert!(!text.contains("hidden"), "{text}");

    let ended = json(&home.run(END, &["missions", "--status", "ended", "--format", "json"]));
    assert_eq!(sessions(&ended), ["00002", "00001"]);
    assert_eq!(ended[0]["status"], "abandoned");
    assert_eq!(ended[1]["status"], "complete");
    assert_eq!(ended[1]["ended"], NIGHT);
    let text = home.run(END, &["missions", "--status", "ended"]);
    assert!(text.contains("00002    abandoned") && text.contains("00001    complete"));
    assert!(
        text.ends_with(
            "\n2 more with another status: `tether missions --status all` lists them too\n"
        ),
        "{text}"
    );

    let paused = json(&home.run(END, &["missions", "--status", "paused", "--format", "json"]));
    assert_eq!(sessions(&paused), ["00003"]);
    let active = json(&home.run(END, &["missions", "--status", "active", "--format", "json"]));
    assert_eq!(sessions(&active), ["00004"]);
    assert_eq!(active[0]["active"], true);
}

#[test]
fn when_every_mission_has_ended_it_says_how_to_go_on() {
    let home = Home::new();
    home.run(NIGHT, &["start", "Only one"]);
    home.run(NIGHT, &["complete"]);
    let text = home.run(END, &["missions"]);
    assert_eq!(
        text,
        "No open mission, 1 ended: `tether start TITLE` starts one, `tether missions --status all` lists every one\n"
    );
    let text = home.run(END, &["missions", "--status", "paused"]);
    assert!(
        text.starts_with("No paused mission among 1 session:"),
        "{text}"
    );
    assert_eq!(
        json(&home.run(END, &["missions", "--format", "json"])),
        json("[]")
    );
}

/// One mission's timeline damaged at its end, another's own file garbage: the list still
/// shows every mission that reads (the first with no last interaction known), each damaged
/// file is named with its path on stderr, the exit status says the list is not whole, and
/// nothing is written.
#[test]
fn a_damaged_mission_is_named_and_the_others_still_listed() {
    let home = four_sessions();
    let (timeline, _) = home.damage_end("00003");
    std::fs::write(home.session_json("00001"), b"garbage").unwrap();
    let before = home.files();
    let (ok, stdout, stderr) = home.try_run(END, &["missions", "--status", "all"]);
    assert!(!ok, "the list is not whole");
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[1].starts_with("* 00004    active"), "{stdout}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("  00003    paused") && l.contains(" - ")),
        "{stdout}"
    );
    assert!(
        stdout.contains("00002") && !stdout.contains("00001"),
        "{stdout}"
    );
    for damaged in [timeline, home.session_json("00001")] {
        assert!(
            stderr.contains(&format!("{}:", damaged.display())),
            "{stderr}"
        );
    }
    assert!(
        stderr.contains("2 missions could not be read whole (said above)"),
        "{stderr}"
    );
    assert_eq!(home.files(), before);
    let (ok, stdout, _) = home.try_run(END, &["missions", "--format", "json"]);
    assert!(!ok);
    assert_eq!(sessions(&json(&stdout)), ["00004", "00003"]);
}
