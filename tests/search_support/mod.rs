//! The three missions every `tether search` test looks through, and a hit as the JSON
//! output reads back.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use tether::ops::{self, Change, Target};
use tether::session::Source;

use crate::common::{Home, sid, utc};

/// When the searches run.
pub const NOW: &str = "2025-08-20T12:00:00Z";

/// What a search for "gap" finds in [`three_missions`], newest first.
pub const GAP_HITS: [&str; 7] = [
    "a1b2c3d Close the gap",
    "Mission started: Plan the GAP week",
    "Gaps stay visible",
    "Draft the gap chart",
    "Measured the gap between logs",
    "Mission started: Write the gap report",
    "Gap found late",
];

/// A hit as `--format json` prints it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hit {
    pub session: String,
    pub mission: String,
    pub item: String,
    pub id: String,
    pub time_utc: DateTime<Utc>,
    pub local_time: String,
    pub kind: String,
    pub source: Option<String>,
    pub text: String,
    pub matches: Vec<[usize; 2]>,
    pub number: Option<u32>,
    pub done: Option<bool>,
}

/// Three missions over three days, with a gap report, a release and a week's plan.
pub fn three_missions() -> Home {
    let home = Home::new();
    let at = |day: u32, time: &str| format!("2025-08-{day}T{time}Z");
    home.run(&at(15, "09:00:00"), &["start", "Write the gap report"]);
    home.run(
        &at(15, "09:10:00"),
        &["log", "Measured the gap between logs"],
    );
    home.run(&at(15, "09:20:00"), &["step", "add", "Draft the gap chart"]);
    home.run(
        &at(15, "09:30:00"),
        &["decide", "Gaps stay visible", "--why", "truth"],
    );
    home.run(&at(16, "10:00:00"), &["start", "Ship the release"]);
    home.run(&at(16, "10:10:00"), &["log", "typo in the changelog"]);
    home.run(&at(16, "10:20:00"), &["log", "secret gap to forget"]);
    home.run(
        &at(16, "10:30:00"),
        &["step", "add", "Write the release notes"],
    );
    home.run(&at(17, "11:00:00"), &["start", "Plan the GAP week"]);
    home.run(
        &at(17, "11:10:00"),
        &["log", "--kind", "commit", "a1b2c3d Close the gap"],
    );
    home.run(
        &at(17, "11:20:00"),
        &["log", "--at", "2025-08-14 08:00", "Gap found late"],
    );
    // the release's typo is edited, its secret deleted (as the dashboard does)
    let store = home.store();
    let interactions = store.load_session(&sid("2")).unwrap().interactions;
    let id_of = |text: &str| interactions.iter().find(|i| i.text == text).unwrap().id;
    let session = Target::Session(sid("2"));
    let edits = [
        Change::EditInteraction {
            session: session.clone(),
            interaction: id_of("typo in the changelog"),
            edit: tether::ops::InteractionEdit::text("Fixed the changelog wording"),
        },
        Change::DeleteInteraction {
            session,
            interaction: id_of("secret gap to forget"),
        },
    ];
    for change in edits {
        ops::apply(&store, utc(&at(18, "08:00:00")), Source::Tui, change).unwrap();
    }
    home
}

/// The hits of `tether search --format json ARGS` at [`NOW`].
pub fn hits(home: &Home, args: &[&str]) -> Vec<Hit> {
    let mut all = vec!["search", "--format", "json"];
    all.extend_from_slice(args);
    let out = home.run(NOW, &all);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not a JSON array of hits ({e}): {out}"))
}

/// The text of each hit, in order.
pub fn texts(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.text.as_str()).collect()
}
