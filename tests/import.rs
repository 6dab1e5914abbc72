//! `tether import`: plain session logs into a session, run as the real binary.

mod common;

use std::fs;
use std::path::PathBuf;

use common::{Home, START, json, sid, utc};
use tempfile::TempDir;
use tether::session::{Interaction, Kind, MissionStatus, Source};
use tether::timeline::materialize;

/// When the imports run: after every time in the logs below.
const NOW: &str = "2025-08-20T12:00:00Z";

/// The seed's log: the night, the marker the old tools wrote, the morning.
const SEED_LOG: &str = "[23:50:34] Creating gift for Session 00004\n\
                        [SESSION RESUMED after 8h break]\n\
                        [08:08:02] Reviewing fix plan\n";

/// A folder for log files, outside the tether home (so `refuse` sees only the store).
struct Logs(TempDir);

impl Logs {
    fn new() -> Self {
        Logs(tempfile::tempdir().unwrap())
    }

    /// Writes `text` to `name` and returns its path as text.
    fn write(&self, name: &str, text: &str) -> String {
        let path: PathBuf = self.0.path().join(name);
        fs::write(&path, text).unwrap();
        path.display().to_string()
    }
}

fn interactions(home: &Home, id: &str) -> Vec<Interaction> {
    materialize(home.store().timeline(&sid(id)).unwrap().records)
}

fn times_and_texts(home: &Home, id: &str) -> Vec<(String, String)> {
    interactions(home, id)
        .into_iter()
        .map(|i| (i.at.to_rfc3339(), i.text))
        .collect()
}

fn pair(at: &str, text: &str) -> (String, String) {
    (utc(at).to_rfc3339(), text.to_string())
}

#[test]
fn both_line_forms_become_notes_from_import_at_their_times() {
    let home = Home::new();
    let logs = Logs::new();
    let file = logs.write(
        "mixed.log",
        "[09:15] Minutes only\n\
         [09:15:30] With seconds\n\
         [2025-08-17 10:00] Dated, minutes\n\
         [2025-08-17 10:00:45] Dated, seconds\n",
    );
    let out = home.run(
        NOW,
        &["import", "--session", "7", "--date", "2025-08-16", &file],
    );
    assert!(
        out.ends_with("Imported 4 interactions into session 00007; skipped 0 lines\n"),
        "{out}"
    );
    assert_eq!(
        times_and_texts(&home, "00007"),
        [
            pair("2025-08-16T09:15:00Z", "Minutes only"),
            pair("2025-08-16T09:15:30Z", "With seconds"),
            pair("2025-08-17T10:00:00Z", "Dated, minutes"),
            pair("2025-08-17T10:00:45Z", "Dated, seconds"),
        ]
    );
    let all = interactions(&home, "00007");
    assert!(
        all.iter()
            .all(|i| i.kind == Kind::Note && i.source == Source::Import)
    );
    let mut ids: Vec<_> = all.iter().map(|i| i.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 4, "every interaction has its own id");
}

#[test]
fn times_are_read_in_local_time_and_stored_in_utc() {
    let home = Home::new();
    let logs = Logs::new();
    let file = logs.write("plus2.log", "[01:50:34] Late at night, two hours east\n");
    home.cmd(NOW)
        .env("TZ", "XYZ-2") // POSIX: two hours east of UTC, no tz database needed
        .args(["import", "--session", "1", "--date", "2025-08-16", &file])
        .assert()
        .success();
    assert_eq!(
        times_and_texts(&home, "00001"),
        [pair(
            "2025-08-15T23:50:34Z",
            "Late at night, two hours east"
        )]
    );
}

#[test]
fn the_seeds_night_rolls_over_midnight_and_shows_one_gap_of_8h_17m_28s() {
    let home = Home::new();
    let logs = Logs::new();
    let file = logs.write("session-00003B.log", SEED_LOG);
    let out = home.run(
        NOW,
        &["import", "--session", "3B", "--date", "2025-08-15", &file],
    );
    assert!(out.contains("passed over 1 gap marker"), "{out}");
    assert_eq!(
        times_and_texts(&home, "00003B"),
        [
            pair("2025-08-15T23:50:34Z", "Creating gift for Session 00004"),
            pair("2025-08-16T08:08:02Z", "Reviewing fix plan"),
        ]
    );
    let report = json(&home.run(NOW, &["report", "--session", "00003B", "--format", "json"]));
    assert_eq!(report["total_interactions"], 2);
    assert_eq!(report["gap_count"], 1);
    assert_eq!(report["gap_seconds"], 29_848);
    assert_eq!(report["gaps"][0]["seconds"], 29_848);
    assert_eq!(report["active_seconds"], 0);
    let log = home.run(NOW, &["report", "--session", "3B", "--format", "log"]);
    assert_eq!(
        log,
        "[2025-08-15 23:50:34] Creating gift for Session 00004\n\
         [SESSION RESUMED after 8h 17m break]\n\
         [2025-08-16 08:08:02] Reviewing fix plan\n"
    );
}

#[test]
fn malformed_lines_are_skipped_and_reported_with_their_numbers() {
    let home = Home::new();
    let logs = Logs::new();
    let file = logs.write(
        "partial.log",
        "[08:08:02] Reviewing fix plan\n\
         \n\
         just a thought without a time\n\
         [2025-08-15 23:50:34] Creating gift for Session 00004\n\
         [2025-08-16 08:09]\n\
         [25:61] A clock that does not exist\n\
         [2025-08-16 08:10:00] Reviewed\n",
    );
    let out = home.run(NOW, &["import", "--session", "3B", &file]);
    for expected in [
        "skipped line 3: no [time] at the start\n",
        "skipped line 1: [HH:MM:SS] needs --date\n",
        "skipped line 5: empty text\n",
        "skipped line 6: [25:61] is not a time",
    ] {
        assert!(out.contains(expected), "{expected:?} missing from:\n{out}");
    }
    assert!(out.starts_with("Read "), "says what it read first:\n{out}");
    assert!(
        out.ends_with("Imported 2 interactions into session 00003B; skipped 4 lines\n"),
        "{out}"
    );
    let texts: Vec<String> = interactions(&home, "00003B")
        .into_iter()
        .map(|i| i.text)
        .collect();
    assert_eq!(texts, ["Creating gift for Session 00004", "Reviewed"]);
}

#[test]
fn importing_the_same_log_twice_adds_nothing_the_second_time() {
    let home = Home::new();
    let logs = Logs::new();
    let file = logs.write("night.log", SEED_LOG);
    let args = ["import", "--session", "3B", "--date", "2025-08-15", &file];
    home.run(NOW, &args);
    let before = home.files();
    let out = home.run(NOW, &args);
    assert!(
        out.contains("already imported: lines 1, 3\n"),
        "names the lines:\n{out}"
    );
    assert!(
        out.ends_with(
            "Imported 0 interactions into session 00003B; skipped 0 lines; 2 already imported\n"
        ),
        "{out}"
    );
    assert_eq!(home.files(), before, "a second import changed the store");

    // a line added to the log since: only it is new
    fs::write(&file, format!("{SEED_LOG}[08:30:00] Fixed it\n")).unwrap();
    let out = home.run(NOW, &args);
    assert!(
        out.ends_with(
            "Imported 1 interaction into session 00003B; skipped 0 lines; 2 already imported\n"
        ),
        "{out}"
    );
    assert_eq!(interactions(&home, "00003B").len(), 3);
}

#[test]
fn a_deleted_imported_line_stays_deleted_on_reimport() {
    let home = Home::new();
    let logs = Logs::new();
    let file = logs.write("night.log", SEED_LOG);
    let args = ["import", "--session", "3B", "--date", "2025-08-15", &file];
    home.run(NOW, &args);
    let first = interactions(&home, "00003B")[0].id;
    let delete = tether::ops::Change::DeleteInteraction {
        session: tether::ops::Target::Session(sid("3B")),
        interaction: first,
    };
    tether::ops::apply(
        &home.store(),
        utc(NOW),
        tether::session::Source::Tui,
        delete,
    )
    .unwrap();
    home.run(NOW, &args);
    let texts: Vec<String> = interactions(&home, "00003B")
        .into_iter()
        .map(|i| i.text)
        .collect();
    assert_eq!(texts, ["Reviewing fix plan"]);
}

#[test]
fn a_new_session_is_paused_and_the_active_one_stays_active() {
    let home = Home::new();
    let logs = Logs::new();
    home.run(START, &["start", "Current", "work"]);
    let file = logs.write("session-00003B.log", SEED_LOG);
    let out = home.run(
        NOW,
        &["import", "--session", "3B", "--date", "2025-08-15", &file],
    );
    assert!(
        out.contains("`tether switch 00003B`"),
        "hints at switch:\n{out}"
    );
    let store = home.store();
    assert_eq!(store.active().unwrap(), sid("00001"));
    let active = store.session(&sid("00001")).unwrap();
    assert_eq!(active.mission.status, MissionStatus::Active);
    let imported = store.session(&sid("00003B")).unwrap();
    assert_eq!(imported.mission.status, MissionStatus::Paused);
    assert_eq!(imported.mission.title, "session-00003B", "the file's stem");
    assert_eq!(
        imported.created,
        utc("2025-08-15T23:50:34Z"),
        "its first line"
    );
}

#[test]
fn without_a_session_the_next_number_is_created_with_the_title_given() {
    let home = Home::new();
    let logs = Logs::new();
    home.run(
        START,
        &["start", "--session", "4", "Implement", "Reality", "Agents"],
    );
    let file = logs.write("night.log", SEED_LOG);
    let out = home.run(
        NOW,
        &[
            "import",
            "--title",
            "The night before",
            "--date",
            "2025-08-15",
            &file,
        ],
    );
    assert!(
        out.contains("Imported 2 interactions into session 00005;"),
        "{out}"
    );
    let session = home.store().session(&sid("00005")).unwrap();
    assert_eq!(session.mission.title, "The night before");
    assert_eq!(home.store().active().unwrap(), sid("00004"));
}

#[test]
fn importing_into_an_existing_session_appends_to_its_timeline() {
    let home = Home::new();
    let logs = Logs::new();
    home.run(START, &["start", "--session", "4", "Reality", "Agents"]);
    let file = logs.write("more.log", "[2025-08-15 23:10] Sketched the store\n");
    let out = home.run(NOW, &["import", "--session", "4", &file]);
    assert!(!out.contains("Created"), "{out}");
    let texts: Vec<String> = interactions(&home, "00004")
        .into_iter()
        .map(|i| i.text)
        .collect();
    assert_eq!(
        texts,
        ["Mission started: Reality Agents", "Sketched the store"]
    );
    assert_eq!(
        home.store().session(&sid("4")).unwrap().mission.status,
        MissionStatus::Active
    );
}

#[test]
fn a_file_with_no_valid_line_writes_nothing() {
    let logs = Logs::new();
    let file = logs.write(
        "bad.log",
        "no time here\n[23:50:34] no date given\n[SESSION RESUMED after 8h break]\n",
    );
    let empty = logs.write("empty.log", "\n\n");

    // into a fresh home: not even the store's folder appears
    let home = Home::new();
    let error = home.refuse(NOW, &["import", "--session", "3B", &file]);
    assert!(
        error.contains("nothing to import")
            && error.contains("line 1: no [time] at the start")
            && error.contains("line 2: [HH:MM:SS] needs --date"),
        "{error}"
    );
    assert!(home.files().is_empty());
    let error = home.refuse(NOW, &["import", &empty]);
    assert!(error.contains("nothing to import"), "{error}");

    // into a store in use
    home.run(START, &["start", "Current"]);
    home.refuse(NOW, &["import", "--session", "3B", &file]);
    home.refuse(NOW, &["import", &file]);
    assert!(!home.session_dir("00003B").exists());
}

#[test]
fn future_times_are_skipped_as_a_likely_wrong_date() {
    let home = Home::new();
    let logs = Logs::new();
    let file = logs.write("night.log", SEED_LOG);
    // the clock stops between the two lines: the morning has not happened yet
    let out = home.run(
        "2025-08-16T01:00:00Z",
        &["import", "--session", "3B", "--date", "2025-08-15", &file],
    );
    assert!(
        out.contains("skipped line 3: in the future (is --date right?)"),
        "{out}"
    );
    assert_eq!(interactions(&home, "00003B").len(), 1);
    // a wrong date for every line: refused
    home.refuse(
        "2025-08-16T01:00:00Z",
        &["import", "--session", "9", "--date", "2025-09-01", &file],
    );
}

#[test]
fn unreadable_files_and_ended_sessions_are_refused_in_one_line() {
    let home = Home::new();
    let logs = Logs::new();
    let missing = logs.0.path().join("missing.log").display().to_string();
    let error = home.refuse(NOW, &["import", &missing]);
    assert!(
        error.starts_with("tether: cannot import ") && error.contains("missing.log"),
        "{error}"
    );
    let folder = logs.0.path().display().to_string();
    home.refuse(NOW, &["import", &folder]);
    let latin1 = logs.0.path().join("latin1.log");
    fs::write(&latin1, b"[10:00] fine\n[10:01] caf\xe9\n").unwrap();
    let error = home.refuse(
        NOW,
        &["import", "--date", "2025-08-15", latin1.to_str().unwrap()],
    );
    assert!(error.contains("line 2 is not UTF-8"), "{error}");

    home.run(START, &["start", "--session", "3B", "Done", "already"]);
    home.run(START, &["complete"]);
    let file = logs.write("night.log", SEED_LOG);
    let error = home.refuse(
        NOW,
        &["import", "--session", "3B", "--date", "2025-08-15", &file],
    );
    assert!(error.contains("has ended"), "{error}");
}
