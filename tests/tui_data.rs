//! The dashboard's loads: the whole session, its end for a quick first frame, and only what
//! was appended since.

mod tui_support;

use chrono::TimeDelta;
use tether::ops::{self, Change, Entry, InteractionEdit, StartRequest, Target};
use tether::session::Source;
use tether::store::Store;
use tether::tui::action::{Action, Command};
use tether::tui::data::{self, Growth};
use tether::tui::update::update;
use tui_support::*;

const TWO_HOURS: TimeDelta = TimeDelta::hours(2);

fn store_with(logs: &[&str]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let request = StartRequest {
        title: "Grow".into(),
        ..StartRequest::default()
    };
    ops::apply(
        &store,
        t("15T22:00:00"),
        Source::Cli,
        Change::Start(request),
    )
    .unwrap();
    for (n, at) in logs.iter().enumerate() {
        log(&store, at, &format!("log {n}"));
    }
    (dir, store)
}

/// Cuts the file at `path` back to before its last line, as a write taken back does.
fn cut_last_line(path: &std::path::Path) {
    let bytes = std::fs::read(path).unwrap();
    let last_line = bytes[..bytes.len() - 1]
        .iter()
        .rposition(|&b| b == b'\n')
        .unwrap()
        + 1;
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .unwrap()
        .set_len(last_line as u64)
        .unwrap();
}

fn log(store: &Store, at: &str, text: &str) {
    let change = Change::Log {
        session: Target::Active,
        entry: Entry::note(text),
    };
    ops::apply(store, t(at), Source::Cli, change).unwrap();
}

#[test]
fn only_what_was_appended_is_read_again() {
    let (_dir, store) = store_with(&["15T22:10:00", "15T22:20:00"]);
    let data = data::load(&store, TWO_HOURS).unwrap().unwrap();
    assert_eq!(data.interactions.len(), 3);
    assert!(data.complete);
    log(&store, "15T22:30:00", "appended");
    let growth = data::growth(&store, &data.shown())
        .unwrap()
        .expect("an append is enough");
    let texts: Vec<&str> = growth
        .interactions
        .iter()
        .map(|i| i.text.as_str())
        .collect();
    assert_eq!(texts, ["appended"]);
    let mut grown = data.clone();
    grown.grow(growth, TWO_HOURS);
    let whole = data::load(&store, TWO_HOURS).unwrap().unwrap();
    assert_eq!(grown.interactions, whole.interactions);
    assert_eq!(grown.active_seconds, whole.active_seconds);
    assert_eq!(grown.end, whole.end);
    let nothing = data::growth(&store, &whole.shown()).unwrap().unwrap();
    assert!(nothing.interactions.is_empty());
}

#[test]
fn an_amendment_or_an_entry_back_in_time_needs_a_whole_load() {
    let (_dir, store) = store_with(&["15T22:10:00"]);
    let data = data::load(&store, TWO_HOURS).unwrap().unwrap();
    let first = data.interactions.entry(1).id;
    let edit = Change::EditInteraction {
        session: Target::Active,
        interaction: first,
        edit: InteractionEdit::text("edited"),
    };
    ops::apply(&store, t("15T22:15:00"), Source::Cli, edit).unwrap();
    assert_eq!(data::growth(&store, &data.shown()).unwrap(), None);
    let data = data::load(&store, TWO_HOURS).unwrap().unwrap();
    log(&store, "15T21:00:00", "back in time");
    assert_eq!(data::growth(&store, &data.shown()).unwrap(), None);
}

#[test]
fn the_tail_is_incomplete_until_the_whole_load() {
    let (_dir, store) = store_with(&["15T22:10:00", "15T22:20:00"]);
    let tail = data::load_tail(&store, TWO_HOURS).unwrap().unwrap();
    assert!(!tail.complete);
    assert_eq!(
        tail.interactions.len(),
        3,
        "a small timeline's tail is all of it"
    );
    assert_eq!(
        data::growth(&store, &tail.shown()).unwrap(),
        None,
        "an incomplete load is never grown"
    );
}

#[test]
fn growing_keeps_a_selection_away_from_the_end_and_follows_at_the_end() {
    let mut app = app();
    command(&mut app, Command::Top);
    let mut data = session_data();
    let mut late = data.interactions.entry(6).to_interaction();
    late.id = id(77);
    late.at = t("16T08:40:00");
    late.text = "appended".into();
    data.session.mission.title = "Renamed elsewhere".into();
    let growth = Growth {
        session: data.session.clone(),
        from: data.end,
        seen: None,
        interactions: vec![late],
        end: data.end,
        last_line: None,
        torn_tail: None,
    };
    update(&mut app, Action::Grew(Box::new(growth.clone())));
    assert_eq!(app.timeline_len(), 8);
    assert_eq!(app.timeline.selected, 0, "the selection stays where it was");
    assert_eq!(
        app.data.as_ref().unwrap().session.mission.title,
        "Renamed elsewhere"
    );
    assert_eq!(
        app.data.as_ref().unwrap().active_seconds,
        session_data().active_seconds + 600
    );
    command(&mut app, Command::Bottom);
    let mut later = growth;
    later.interactions[0].id = id(78);
    later.interactions[0].at = t("16T08:41:00");
    update(&mut app, Action::Grew(Box::new(later)));
    assert_eq!(
        app.timeline.selected, 8,
        "at the end, the selection follows"
    );
}

#[test]
fn the_compact_load_is_the_materialized_timeline() {
    let (_dir, store) = store_with(&["15T22:10:00", "15T22:20:00", "15T22:30:00"]);
    let data = data::load(&store, TWO_HOURS).unwrap().unwrap();
    let [second, third] = [2, 3].map(|n| data.interactions.entry(n).id);
    let edits = [
        (second, InteractionEdit::text("log 0")), // the same text as another: shared
        (third, InteractionEdit::text("edited")),
    ];
    for (interaction, edit) in edits {
        let change = Change::EditInteraction {
            session: Target::Active,
            interaction,
            edit,
        };
        ops::apply(&store, t("15T22:35:00"), Source::Cli, change).unwrap();
    }
    let delete = Change::DeleteInteraction {
        session: Target::Active,
        interaction: data.interactions.entry(1).id,
    };
    ops::apply(&store, t("15T22:36:00"), Source::Cli, delete).unwrap();
    log(&store, "15T21:00:00", "back in time");
    let id = store.active().unwrap();
    let whole = store.load_session(&id).unwrap().interactions;
    let data = data::load(&store, TWO_HOURS).unwrap().unwrap();
    assert_eq!(data.interactions.to_vec().len(), whole.len());
    assert_eq!(data.interactions, whole.clone().into());
    let texts: Vec<String> = data.interactions.iter().map(|e| e.text.into()).collect();
    assert_eq!(texts[0], "back in time");
    assert_eq!(texts.iter().filter(|&t| t == "log 0").count(), 1);
    assert!(texts.contains(&"edited".to_string()));
}

/// Lines enough for several blocks, each decoded on more than one thread, with amendments
/// and marks of a briefing seen among them: the compact load, which joins what each thread
/// made of its part, still reads what the materializer does.
#[test]
fn a_timeline_of_many_blocks_loads_compact_as_materialized() {
    use std::io::Write;
    use tether::record::{Amendment, Change as Edit, Record, Seen};
    use tether::session::{Interaction, Kind};
    let (_dir, store) = store_with(&[]);
    let id = store.active().unwrap();
    let base = t("15T22:01:00");
    let mut lines = Vec::new();
    let ulid = |n: u64| ulid::Ulid::from_parts(1_700_000_000_000 + n, u128::from(n));
    for n in 0..40_000u64 {
        // every seventh is earlier than those before it: time order has work to do
        let at = base + TimeDelta::seconds(if n % 7 == 0 { -(n as i64) } else { n as i64 });
        let record = match n % 1000 {
            999 => Record::Seen(Seen {
                id: ulid(n),
                at,
                by: Source::Cli,
            }),
            n3 if n3 % 250 == 249 => Record::Amend(Amendment {
                id: ulid(n),
                at,
                target: ulid(n - 200),
                change: match n3 {
                    249 => Edit::Text(format!("edited {n}")),
                    499 => Edit::Deleted(true),
                    _ => Edit::Kind(Kind::Decision),
                },
            }),
            _ => Record::Interaction(Interaction {
                id: ulid(n),
                at,
                kind: Kind::Note,
                source: Source::Agent,
                text: format!("{:>140}", n % 97),
                head: None,
                branch: None,
            }),
        };
        lines.extend(serde_json::to_vec(&record).unwrap());
        lines.push(b'\n');
    }
    assert!(lines.len() > 9 << 20, "more than two blocks of 4 MiB");
    let path = store.timeline_path(&id);
    let mut file = std::fs::OpenOptions::new().append(true).open(path).unwrap();
    file.write_all(&lines).unwrap();
    let whole = store.load_session(&id).unwrap();
    let data = data::load(&store, TWO_HOURS).unwrap().unwrap();
    assert_eq!(data.interactions.len(), whole.interactions.len());
    assert_eq!(data.interactions, whole.interactions.into());
    assert_eq!(data.seen, whole.seen);
    assert!(data.seen.is_some());
    drop(file);
    log(&store, "16T22:00:00", "after many blocks");
    let growth = data::growth(&store, &data.shown())
        .unwrap()
        .expect("the last line of the last block is where it was");
    assert_eq!(growth.interactions.len(), 1);
}

/// The dashboard keeps where each text stands in the timeline and reads it when shown: a
/// file put in its place (as a sync does) leaves every text readable from the one read; a
/// file cut back (as a write taken back does) shows a text gone as gone, and the next
/// look at the store loads it again. (A line written over where another stood is told
/// apart by its id: see `tether::tui::texts`.)
#[test]
fn texts_are_read_from_the_timeline_they_were_loaded_from() {
    let (_dir, store) = store_with(&["15T22:10:00", "15T22:20:00", "15T22:30:00"]);
    let data = data::load(&store, TWO_HOURS).unwrap().unwrap();
    let texts = |data: &data::Data| -> Vec<String> {
        (0..data.interactions.len())
            .map(|i| data.interactions.text(i).into_owned())
            .collect()
    };
    let want = texts(&data);
    assert_eq!(want[1..], ["log 0", "log 1", "log 2"]);
    let id = store.active().unwrap();
    let path = store.timeline_path(&id);
    let bytes = std::fs::read(&path).unwrap();

    // another file in its place, its lines elsewhere
    let header = bytes.iter().position(|&b| b == b'\n').unwrap() + 1;
    let mut other = bytes[..header].to_vec();
    other.extend_from_slice(&bytes[header..]);
    other.splice(header..header, b"\n".repeat(40));
    let new = path.with_extension("new");
    std::fs::write(&new, &other).unwrap();
    std::fs::rename(&new, &path).unwrap();
    assert_eq!(texts(&data), want, "read from the file loaded");
    let mut all = vec![String::new(); want.len()];
    data.interactions
        .each_text(|i, text| all[i] = text.to_string());
    assert_eq!(all, want);

    // the file loaded, cut back (its texts not shown yet: one shown is kept a while)
    let data = data::load(&store, TWO_HOURS).unwrap().unwrap();
    data.interactions
        .each_text(|i, text| assert_eq!(text, want[i]));
    cut_last_line(&path);
    let shown = texts(&data);
    assert_eq!(shown[..3], want[..3]);
    assert_eq!(shown[3], tether::tui::texts::MOVED);
    assert_eq!(data::growth(&store, &data.shown()).unwrap(), None);
    let again = data::load(&store, TWO_HOURS).unwrap().unwrap();
    assert_eq!(texts(&again)[1..], ["log 0", "log 1"]);
}

/// The timeline cut back (a failed write's rollback) and written again past where the
/// dashboard's read ended: reading on from there would start in the middle of a line, or
/// past records that are gone; the whole session is read again instead.
#[test]
fn a_timeline_cut_back_and_written_again_is_read_whole() {
    let (_dir, store) = store_with(&["15T22:10:00", "15T22:20:00"]);
    let data = data::load(&store, TWO_HOURS).unwrap().unwrap();
    let path = store.timeline_path(&store.active().unwrap());
    cut_last_line(&path);
    log(
        &store,
        "15T22:30:00",
        "written after the cut, a longer line than the one cut",
    );
    log(&store, "15T22:40:00", "and another");
    assert!(std::fs::metadata(&path).unwrap().len() > data.end.offset);
    assert_eq!(data::growth(&store, &data.shown()).unwrap(), None);
    let again = data::load(&store, TWO_HOURS).unwrap().unwrap();
    let texts: Vec<String> = (1..again.interactions.len())
        .map(|i| again.interactions.text(i).into_owned())
        .collect();
    assert_eq!(
        texts,
        [
            "log 0",
            "written after the cut, a longer line than the one cut",
            "and another"
        ]
    );
}

/// Another file put in the timeline's place: with the lines read still where they were
/// (a sync's merge adds lines after them), what follows is read; with a line read gone
/// (a repair took out a damaged one before them), the whole.
#[test]
fn a_timeline_replaced_is_read_on_only_when_it_holds_what_was_read() {
    let (_dir, store) = store_with(&["15T22:10:00", "15T22:20:00"]);
    let data = data::load(&store, TWO_HOURS).unwrap().unwrap();
    let path = store.timeline_path(&store.active().unwrap());
    let before = std::fs::read(&path).unwrap();
    log(&store, "15T22:30:00", "merged");
    let merged = std::fs::read(&path).unwrap();
    let replace = |bytes: &[u8]| {
        let new = path.with_extension("new");
        std::fs::write(&new, bytes).unwrap();
        std::fs::rename(&new, &path).unwrap();
    };
    replace(&merged);
    let growth = data::growth(&store, &data.shown()).unwrap().unwrap();
    assert_eq!(growth.interactions.len(), 1);
    assert_eq!(growth.interactions[0].text, "merged");

    // the same length and more, one line fewer before the end of what was read
    let header = before.iter().position(|&b| b == b'\n').unwrap() + 1;
    let first = header + before[header..].iter().position(|&b| b == b'\n').unwrap() + 1;
    let mut repaired = [&before[..header], &before[first..]].concat();
    repaired.extend_from_slice(&merged[before.len()..]);
    repaired.extend_from_slice(&merged[before.len()..]);
    assert!(repaired.len() as u64 >= data.end.offset);
    replace(&repaired);
    assert_eq!(data::growth(&store, &data.shown()).unwrap(), None);
}
