//! The summary cache beside a timeline (`Store::summary`), case by case: whatever was
//! appended since it was written (records earlier in time, amendments, merged records, a
//! torn tail) and whatever happened to it (another timeline's, cut short, the timeline cut
//! back, unwritable), the report and the briefing made from it are those made from the
//! whole timeline.

mod common;
mod summary_support;

use std::fs::{self, OpenOptions};
use std::io::Write;

use summary_support::{Fixture, THRESHOLD, amend, day, note, t};
use tether::record::{self, Change, Record, Seen};
use tether::session::{Kind, Source};
use ulid::Ulid;

#[test]
fn an_append_is_folded_and_a_second_read_uses_the_cache() {
    let f = Fixture::new();
    f.append(&day(0, 0));
    assert!(f.check(None), "no cache yet: made from the whole timeline");
    assert!(!f.check(None), "read again: from the cache");
    f.append(&day(100, 1));
    f.append(&[
        note(200, 30, Kind::Note),
        note(201, 24 * 60 - 1, Kind::Note),
    ]);
    assert!(!f.check(None), "appended, earlier in time too: folded");
    assert!(f.store.summary_path(&f.id).is_file());
}

#[test]
fn a_cache_from_another_timeline_is_rebuilt() {
    let f = Fixture::new();
    let other = f.other(2);
    f.append(&day(0, 0));
    f.append_to(&other, &day(500, 3));
    f.check(None);
    f.store.summary(&other, THRESHOLD, Some(None)).unwrap();
    fs::copy(f.store.summary_path(&other), f.store.summary_path(&f.id)).unwrap();
    assert!(f.check(None), "another timeline's cache");
}

#[test]
fn a_cut_cache_a_cut_timeline_and_a_replaced_one_are_rebuilt() {
    let f = Fixture::new();
    f.append(&day(0, 0));
    f.check(None);
    let cache = f.store.summary_path(&f.id);
    let bytes = fs::read(&cache).unwrap();
    fs::write(&cache, &bytes[..bytes.len() / 2]).unwrap();
    assert!(f.check(None), "a cache cut short");

    let timeline = f.store.timeline_path(&f.id);
    let whole = fs::read(&timeline).unwrap();
    let cut = whole.len() - record::to_line(&note(11, 0, Kind::Note)).len() - 40;
    fs::write(&timeline, &whole[..cut]).unwrap();
    assert!(f.check(None), "the timeline cut back");
    f.append(&day(300, 2));
    assert!(!f.check(None));
    // another timeline, longer, put in its place
    let other = f.other(3);
    f.append_to(&other, &day(700, 4));
    f.append_to(&other, &day(800, 5));
    let now_len = fs::metadata(&timeline).unwrap().len();
    fs::copy(f.store.timeline_path(&other), &timeline).unwrap();
    assert!(fs::metadata(&timeline).unwrap().len() > now_len);
    assert!(f.check(None), "other bytes where the cache ended");
}

#[test]
fn a_cache_older_than_an_amendment_is_rebuilt() {
    let f = Fixture::new();
    f.append(&day(0, 0));
    f.check(None);
    f.append(&[amend(1, 5, Change::Deleted(true))]);
    assert!(f.check(None), "a deletion joins two pauses");
    f.append(&[amend(2, 3, Change::At(t(-600)))]);
    assert!(f.check(None), "a move");
    f.append(&[amend(3, 2, Change::Text("only words".into()))]);
    assert!(!f.check(None), "a text no figure holds");
    f.append(&[amend(4, 11, Change::Text("the latest, reworded".into()))]);
    assert!(f.check(None), "a text the briefing shows");
    f.append(&[amend(5, 7, Change::Kind(Kind::Resume))]);
    assert!(f.check(None));
}

#[test]
fn merged_records_out_of_order_match_the_whole_timeline() {
    let f = Fixture::new();
    f.append(&day(0, 0));
    f.append(&day(100, 2));
    f.check(Some(t(60)));
    // from another device: an amendment before its target, then old and new records
    f.append(&[
        amend(1, 150, Change::Deleted(true)),
        note(150, 24 * 60 + 5, Kind::Note),
    ]);
    f.check(Some(t(60)));
    f.append(&day(200, 1));
    f.append(&[note(300, 2 * 24 * 60 + 90, Kind::Resume)]);
    f.append(&[Record::Seen(Seen {
        id: Ulid::from_parts(9, 9),
        at: t(2 * 24 * 60 + 100),
        by: Source::Tui,
    })]);
    assert!(!f.check(Some(t(60))));
    assert!(f.check(Some(t(24 * 60))), "another freeze is counted again");
}

#[test]
fn a_torn_tail_after_the_cache_is_skipped_as_a_whole_read_skips_it() {
    let f = Fixture::new();
    f.append(&day(0, 0));
    f.check(None);
    let timeline = f.store.timeline_path(&f.id);
    let mut file = OpenOptions::new().append(true).open(&timeline).unwrap();
    let line = record::to_line(&note(50, 9000, Kind::Note));
    file.write_all(&line[..line.len() / 2]).unwrap();
    let (made, rebuilt) = f.cached(None);
    assert!(!rebuilt);
    assert_eq!(made.3, Some(line.len() / 2));
    assert_eq!(made, f.scratch(None));
    file.write_all(&line[line.len() / 2..]).unwrap();
    assert!(!f.check(None), "the line completed is folded");
}

#[test]
fn a_cache_that_cannot_be_written_leaves_the_answer_right() {
    let f = Fixture::new();
    f.append(&day(0, 0));
    fs::create_dir(f.store.summary_path(&f.id)).unwrap();
    assert!(f.check(None));
    assert!(f.check(None), "nothing cached: made again");
}
