//! A week across three missions for the journal and export tests, made by the real binary
//! at fixed times in Paris (UTC+2 in August), so that a day in local time is not a day in
//! UTC.

#![allow(dead_code)]

use std::path::Path;

use chrono::{DateTime, Utc};
use tether::ops::{self, Change, InteractionEdit, Target};
use tether::session::{Interaction, Source};

use crate::common::{Home, sid, utc};

/// When the journal and the exports are read: Saturday 16 August, 12:00 in Paris.
pub const NOW: &str = "2025-08-16T10:00:00Z";

/// Paris by name when the system has its rules, else the same rules as a POSIX TZ string.
pub fn paris() -> String {
    if Path::new("/usr/share/zoneinfo/Europe/Paris").exists() {
        "Europe/Paris".to_string()
    } else {
        "CET-1CEST,M3.5.0,M10.5.0/3".to_string()
    }
}

/// Runs `tether ARGS` at `now` in `tz`; expects success and returns stdout.
pub fn run_in(home: &Home, tz: &str, now: &str, args: &[&str]) -> String {
    let out = home.cmd(now).env("TZ", tz).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "tether {args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    String::from_utf8(out.stdout).unwrap()
}

/// Runs `tether ARGS` at [`NOW`] in Paris.
pub fn run(home: &Home, args: &[&str]) -> String {
    run_in(home, &paris(), NOW, args)
}

/// The week: on Thursday night in Paris (21:30Z is 23:30) session 00001 starts and logs
/// until 00:10 on Friday (still Thursday in UTC); then, after a gap of 8h 50m, sessions
/// 00002 and 00003 start on Friday morning and all three missions log until 10:00.
pub fn three_missions(home: &Home) {
    let tz = paris();
    let at = |now: &str, args: &[&str]| {
        run_in(home, &tz, now, args);
    };
    at(
        "2025-08-14T21:30:00Z",
        &["start", "--session", "1", "Implement Reality Agents"],
    );
    at(
        "2025-08-14T21:50:00Z",
        &["log", "Reviewed the store design"],
    );
    at("2025-08-14T22:10:00Z", &["log", "Past midnight in Paris"]);
    at("2025-08-15T07:00:00Z", &["start", "Gift for Session 00004"]);
    at(
        "2025-08-15T07:20:00Z",
        &["log", "Wrapped the gift, with \"ribbons\"; nicely"],
    );
    at("2025-08-15T07:30:00Z", &["start", "Write the README"]);
    at(
        "2025-08-15T07:45:00Z",
        &["log", "--session", "1", "Back on the agents"],
    );
    at("2025-08-15T08:00:00Z", &["log", "Tour written"]);
}

/// Session `id`'s interactions, amendments applied, in time order.
pub fn interactions(home: &Home, id: &str) -> Vec<Interaction> {
    home.store().load_session(&sid(id)).unwrap().interactions
}

/// The interaction of session `id` whose text is `text`.
pub fn find(home: &Home, id: &str, text: &str) -> Interaction {
    interactions(home, id)
        .into_iter()
        .find(|i| i.text == text)
        .unwrap_or_else(|| panic!("no interaction {text:?} in {id}"))
}

/// Edits an interaction's text, the way the dashboard does.
pub fn edit(home: &Home, id: &str, text: &str, new: &str) {
    let change = Change::EditInteraction {
        session: Target::Session(sid(id)),
        interaction: find(home, id, text).id,
        edit: InteractionEdit::text(new),
    };
    ops::apply(&home.store(), utc(NOW), Source::Tui, change).unwrap();
}

/// Deletes an interaction, the way the dashboard does.
pub fn delete(home: &Home, id: &str, text: &str) {
    let change = Change::DeleteInteraction {
        session: Target::Session(sid(id)),
        interaction: find(home, id, text).id,
    };
    ops::apply(&home.store(), utc(NOW), Source::Tui, change).unwrap();
}

/// Moves an interaction to another time, the way the dashboard's edit does.
pub fn move_to(home: &Home, id: &str, text: &str, to: DateTime<Utc>) {
    let change = Change::EditInteraction {
        session: Target::Session(sid(id)),
        interaction: find(home, id, text).id,
        edit: InteractionEdit {
            at: Some(to),
            ..InteractionEdit::default()
        },
    };
    ops::apply(&home.store(), utc(NOW), Source::Tui, change).unwrap();
}
