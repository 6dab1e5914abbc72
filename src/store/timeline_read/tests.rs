//! The block reader against whole files: pieces of whole lines, a long read ahead, a torn
//! tail, a bad line named by its number, and the last line remembered.

use super::*;

#[test]
fn parts_are_whole_lines_and_cover_everything() {
    let line = b"{\"x\":1}\n";
    let bytes: Vec<u8> = line
        .iter()
        .copied()
        .cycle()
        .take(line.len() * 100_000)
        .collect();
    for n in 1..=5 {
        let parts = split(&bytes, n);
        assert!(parts.len() <= n.max(1));
        assert!(parts.iter().all(|p| p.ends_with(b"\n")));
        assert_eq!(parts.concat(), bytes);
    }
    assert_eq!(split(b"", 4), vec![&b""[..]]);
}

/// A file of `lines` interaction lines after a header, then `tail`.
fn timeline(dir: &Path, lines: usize, tail: &[u8]) -> std::path::PathBuf {
    let path = dir.join("timeline.jsonl");
    let mut bytes = b"{\"format\":1}\n".to_vec();
    for n in 0..lines {
        let record = Record::Interaction(crate::session::Interaction {
            id: ulid::Ulid::from_parts(n as u64, 1),
            at: "2025-08-15T10:00:00Z".parse().unwrap(),
            kind: crate::session::Kind::Note,
            source: crate::session::Source::Cli,
            text: format!("note {n} {}", "words ".repeat(n % 40)),
            head: None,
            branch: None,
        });
        bytes.extend(record::to_line(&record));
    }
    bytes.extend_from_slice(tail);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_long_read_ahead_gives_every_line_the_torn_tail_and_a_bad_line_by_number() {
    let dir = tempfile::tempdir().unwrap();
    // long enough to be read ahead on a thread of its own
    let lines = 60_000;
    let path = timeline(dir.path(), lines, b"{\"id\":\"01");
    assert!(std::fs::metadata(&path).unwrap().len() > 4 * BLOCK as u64);
    let mut read = 0;
    let end = read_from(
        &path,
        Position::START,
        |_| Ok(()),
        |block| {
            read += block.len();
        },
    )
    .unwrap();
    assert_eq!(read, lines);
    assert_eq!(end.torn, Some(9));
    assert_eq!(end.end.line, lines + 2);
    let file = std::fs::File::open(&path).unwrap();
    let last = end.last.expect("the last whole line is remembered");
    assert!(last.still_in(&file, end.end.offset));
    assert!(
        !last.still_in(&file, end.end.offset - 1),
        "it ends the read"
    );

    let path = timeline(dir.path(), lines, b"not a record\n");
    let err = read_from(&path, Position::START, |_| Ok(()), |_| {}).unwrap_err();
    match err {
        StoreError::Corrupt { line, .. } => assert_eq!(line, lines + 2),
        other => panic!("{other}"),
    }
}
