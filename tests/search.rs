//! `tether search`: every mission's interactions (edits applied, deletions left out),
//! steps and decisions, newest first, filtered, as text and as JSON.

mod common;
mod search_support;

use common::{Home, sid, utc};
use search_support::{GAP_HITS, Hit, NOW, hits, texts, three_missions};
use tether::record::{Amendment, Change as Amend, Record};
use tether::session::Kind;
use ulid::Ulid;

#[test]
fn every_mission_is_searched_newest_first_steps_and_decisions_included() {
    let home = three_missions();
    let found = hits(&home, &["gap"]);
    assert_eq!(texts(&found), GAP_HITS);
    let sessions: Vec<&str> = found.iter().map(|h| h.session.as_str()).collect();
    assert_eq!(
        sessions,
        [
            "00003", "00003", "00001", "00001", "00001", "00001", "00003"
        ]
    );
    let decision = &found[2];
    assert_eq!(
        (decision.item.as_str(), decision.kind.as_str()),
        ("decision", "decision")
    );
    assert_eq!(decision.source, None);
    assert_eq!(decision.mission, "Write the gap report");
    let step = &found[3];
    assert_eq!(
        (step.item.as_str(), step.number, step.done),
        ("step", Some(1), Some(false))
    );
    assert_eq!(step.time_utc, utc("2025-08-15T09:20:00Z"));
    // the step's own log ("Next step: …") and the decision's ("Decided: …") say the
    // same as the step and the decision: not shown twice
    assert!(
        found.iter().all(|h| !h.text.starts_with("Next step")),
        "{found:?}"
    );
    assert!(
        found.iter().all(|h| !h.text.starts_with("Decided")),
        "{found:?}"
    );
    let commit = &found[0];
    assert_eq!(
        (commit.kind.as_str(), commit.source.as_deref()),
        ("commit", Some("cli"))
    );
    assert_eq!(commit.local_time, "2025-08-17T11:10:00+00:00");
    assert!(commit.id.parse::<Ulid>().is_ok());
}

#[test]
fn the_matches_are_where_the_json_says_in_characters() {
    let home = Home::new();
    home.run("2025-08-15T09:00:00Z", &["start", "Été"]);
    home.run(
        "2025-08-15T09:10:00Z",
        &["log", "Un ÉTÉ, puis un été encore"],
    );
    let found = hits(&home, &["été"]);
    let hit = found
        .iter()
        .find(|h| h.item == "interaction" && h.kind == "note")
        .unwrap();
    let chars: Vec<char> = hit.text.chars().collect();
    let shown: Vec<String> = hit
        .matches
        .iter()
        .map(|[s, e]| chars[*s..*e].iter().collect())
        .collect();
    assert_eq!(shown, ["ÉTÉ", "été"]);
    assert_eq!(hit.matches, [[3, 6], [16, 19]]);
}

#[test]
fn an_edited_interaction_is_found_by_its_new_text_and_a_deleted_one_not_at_all() {
    let home = three_missions();
    assert_eq!(
        texts(&hits(&home, &["changelog"])),
        ["Fixed the changelog wording"]
    );
    assert!(hits(&home, &["typo"]).is_empty());
    assert!(hits(&home, &["secret"]).is_empty());
    let text = home.run(NOW, &["search", "secret"]);
    assert_eq!(text, "No match for “secret”.\n");
    assert_eq!(
        home.run(NOW, &["search", "--format", "json", "secret"]),
        "[]\n"
    );
}

#[test]
fn amendments_that_move_an_interaction_or_change_its_kind_are_applied() {
    let home = three_missions();
    let store = home.store();
    let id = store.load_session(&sid("1")).unwrap().interactions[1].id;
    assert_eq!(
        store.load_session(&sid("1")).unwrap().interactions[1].text,
        "Measured the gap between logs"
    );
    let amend = |n: u64, change| {
        Record::Amend(Amendment {
            id: Ulid::from_parts(
                utc("2025-08-19T00:00:00Z").timestamp_millis() as u64,
                u128::from(n),
            ),
            at: utc("2025-08-19T00:00:00Z"),
            target: id,
            change,
        })
    };
    let records = [
        amend(1, Amend::At(utc("2025-08-18T07:00:00Z"))),
        amend(2, Amend::Kind(Kind::Progress)),
    ];
    store.write(|w| w.append(&sid("1"), &records)).unwrap();
    let found = hits(&home, &["gap"]);
    assert_eq!(
        found[0].text, "Measured the gap between logs",
        "moved to the newest"
    );
    assert_eq!(found[0].time_utc, utc("2025-08-18T07:00:00Z"));
    assert_eq!(found[0].kind, "progress");
    assert_eq!(
        texts(&hits(&home, &["gap", "--kind", "progress"]))[0],
        "Measured the gap between logs"
    );
    assert!(
        !texts(&hits(&home, &["gap", "--kind", "note"])).contains(&"Measured the gap between logs")
    );
}

#[test]
fn filters_by_session_time_and_kind() {
    let home = three_missions();
    assert_eq!(
        texts(&hits(&home, &["gap", "--session", "3"])),
        [
            "a1b2c3d Close the gap",
            "Mission started: Plan the GAP week",
            "Gap found late"
        ]
    );
    assert_eq!(
        texts(&hits(
            &home,
            &[
                "gap",
                "--since",
                "2025-08-15 09:15",
                "--until",
                "2025-08-16"
            ]
        )),
        ["Gaps stay visible", "Draft the gap chart"]
    );
    assert_eq!(
        texts(&hits(&home, &["gap", "--until", "2025-08-14"])),
        ["Gap found late"]
    );
    assert_eq!(
        texts(&hits(&home, &["e", "--kind", "step,decision"])),
        [
            "Write the release notes",
            "Gaps stay visible",
            "Draft the gap chart"
        ]
    );
    assert_eq!(
        texts(&hits(
            &home,
            &["gap", "--kind", "commit", "--kind", "progress"]
        )),
        [
            "a1b2c3d Close the gap",
            "Mission started: Plan the GAP week",
            "Mission started: Write the gap report",
        ]
    );
    let error = home.refuse(NOW, &["search", "gap", "--session", "9"]);
    assert!(error.contains("00009"), "{error}");
    let error = home.refuse(NOW, &["search", "gap", "--since", "someday"]);
    assert!(error.contains("someday"), "{error}");
}

#[test]
fn a_regex_is_taken_with_regex_and_a_bad_one_is_refused() {
    let home = three_missions();
    assert_eq!(
        texts(&hits(&home, &["--regex", "^(write|draft) the"])),
        ["Write the release notes", "Draft the gap chart"]
    );
    assert_eq!(
        texts(&hits(&home, &["--regex", r"\bgaps?\b$"])),
        ["a1b2c3d Close the gap"]
    );
    assert!(
        hits(&home, &["^(write"]).is_empty(),
        "a literal is no regex"
    );
    let error = home.refuse(NOW, &["search", "--regex", "^(write"]);
    assert_eq!(
        error,
        "tether: '^(write' is not a regular expression: unclosed group"
    );
    let error = home.refuse(NOW, &["search", ""]);
    assert_eq!(error, "tether: give a pattern to search for");
}

#[test]
fn text_shows_each_hit_on_a_line_the_match_marked_only_in_colour() {
    let home = three_missions();
    let out = home.run(NOW, &["search", "changelog"]);
    assert_eq!(
        out,
        "2025-08-16 10:10 · 00002 Ship the release · note · Fixed the changelog wording\n"
    );
    let out = home.run(NOW, &["search", "--color", "always", "release notes"]);
    assert_eq!(
        out,
        "\x1b[2m2025-08-16 10:30\x1b[0m · \x1b[1m00002\x1b[0m Ship the release · \x1b[2mstep 1\x1b[0m · Write the \x1b[1;7mrelease notes\x1b[0m\n"
    );
    let plain = home
        .cmd(NOW)
        .args(["search", "--color", "always", "notes"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        String::from_utf8(plain.stdout)
            .unwrap()
            .contains("\x1b[1;7m"),
        "--color always wins"
    );
    let plain = home
        .cmd(NOW)
        .args(["search", "notes"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8(plain.stdout).unwrap().contains('\x1b'));
}

#[test]
fn hostile_text_in_a_hit_is_made_visible_and_escaped_in_json() {
    let home = Home::new();
    home.run(
        "2025-08-15T09:00:00Z",
        &["start", "Hostile \x1b[2J mission"],
    );
    home.run(
        "2025-08-15T09:10:00Z",
        &["log", "gap \x1b]0;pwned\x07 and \u{202E}gap\u{200B}"],
    );
    let out = home.run(NOW, &["search", "--color", "always", "gap"]);
    let line = out.lines().find(|l| l.contains("pwned")).unwrap();
    let visible = line
        .replace("\x1b[1;7m", "")
        .replace("\x1b[2m", "")
        .replace("\x1b[1m", "")
        .replace("\x1b[0m", "");
    assert_eq!(
        common::unsafe_chars(&visible),
        Vec::<char>::new(),
        "{line:?}"
    );
    assert!(
        visible.ends_with("gap ␛]0;pwned␇ and <U+202E>gap<U+200B>"),
        "{visible}"
    );
    assert!(visible.contains("Hostile ␛[2J mission"), "{visible}");
    let json = home.run(NOW, &["search", "--format", "json", "pwned"]);
    assert!(json.contains(r"\u001b]0;pwned\u0007"), "{json}");
    assert!(json.contains(r"\u202e"), "{json}");
    let found: Vec<Hit> = serde_json::from_str(&json).unwrap();
    assert_eq!(
        found[0].text,
        "gap \x1b]0;pwned\x07 and \u{202E}gap\u{200B}"
    );
    assert_eq!(found[0].mission, "Hostile \x1b[2J mission");
}

#[test]
fn a_text_with_escapes_is_found_by_what_it_says() {
    let home = Home::new();
    home.run("2025-08-15T09:00:00Z", &["start", "Quotes"]);
    home.run(
        "2025-08-15T09:10:00Z",
        &["log", "said \"hello\"\nthen left\\"],
    );
    assert_eq!(texts(&hits(&home, &["\"hello\"\nthen left\\"])).len(), 1);
    assert_eq!(texts(&hits(&home, &["--regex", r#"left\\$"#])).len(), 1);
    let out = home.run(NOW, &["search", "hello"]);
    assert!(
        out.ends_with("· note · said \"hello\"␊then left\\\n"),
        "{out}"
    );
}

/// One mission's timeline damaged where the search reads: that mission is named on stderr
/// with the file and line, the others are still searched and shown, and the exit status
/// says that not everything could be searched. Nothing is written.
#[test]
fn a_damaged_mission_is_told_and_the_others_are_still_searched() {
    let home = three_missions();
    let (timeline, lines) = home.damage_end("00002");
    let before = home.files();
    let (ok, stdout, stderr) = home.try_run(NOW, &["search", "--format", "json", "gap"]);
    assert!(!ok, "not everything was searched");
    let found: Vec<Hit> = serde_json::from_str(&stdout).expect("the JSON array closes");
    assert_eq!(texts(&found), GAP_HITS);
    let told = format!("{}:{lines}:", timeline.display());
    assert!(stderr.contains(&told), "{stderr}");
    assert!(
        stderr.trim_end().ends_with(
            "tether: 1 mission could not be searched (said above): the hits shown are the others'"
        ),
        "{stderr}"
    );
    assert_eq!(home.files(), before);
}
