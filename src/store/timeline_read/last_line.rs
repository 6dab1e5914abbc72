//! The last whole line a read took, remembered by its place and its first bytes, so that a
//! later read of what was appended can first tell whether the file still holds it there: a
//! timeline cut back and written again, or replaced by another one, is then read whole
//! rather than from the middle of a line or past records that are no longer there.

use std::fs::File;
use std::os::unix::fs::FileExt;

/// How many bytes of a line are kept: its id and more (`{"id":"` and 26 characters).
const HEAD: usize = 48;

/// The last whole line of a read: where it starts and its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LastLine {
    /// Bytes before it in the file.
    at: u64,
    /// How many bytes of `head` it has (all of it, for a line of a record).
    len: u8,
    /// Its first bytes: every record's line starts with its id, which no other line has.
    head: [u8; HEAD],
}

impl LastLine {
    /// The last line of `lines` (whole lines, each ending in `\n`, the first at the start),
    /// which start `at` bytes into the file; `None` when there is none.
    pub(super) fn of(lines: &[u8], at: u64) -> Option<LastLine> {
        let (_, before) = lines.split_last()?;
        let start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        let line = &before[start..];
        let len = line.len().min(HEAD);
        let mut head = [0; HEAD];
        head[..len].copy_from_slice(&line[..len]);
        Some(LastLine {
            at: at + start as u64,
            len: len as u8,
            head,
        })
    }

    /// Whether `file` still holds this line where it was, ending before `end`.
    pub fn still_in(&self, file: &File, end: u64) -> bool {
        let len = usize::from(self.len);
        let mut now = [0; HEAD];
        let mut newline = [0];
        self.at + len as u64 <= end
            && file.read_exact_at(&mut now[..len], self.at).is_ok()
            && file.read_exact_at(&mut newline, end - 1).is_ok()
            && now[..len] == self.head[..len]
            && newline == *b"\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn file_of(bytes: &[u8]) -> File {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(bytes).unwrap();
        file
    }

    #[test]
    fn the_last_line_is_found_and_checked_in_place() {
        let lines = b"{\"format\":1}\n{\"id\":\"A\",\"text\":\"one\"}\n{\"id\":\"B\"}\n";
        let last = LastLine::of(&lines[13..], 13).unwrap();
        assert_eq!(last.at, 13 + 24);
        let end = lines.len() as u64;
        assert!(last.still_in(&file_of(lines), end));
        let header = LastLine::of(&lines[..13], 0).unwrap();
        assert!(header.still_in(&file_of(lines), 13));
        assert_eq!(LastLine::of(b"", 7), None);
    }

    #[test]
    fn a_line_elsewhere_or_another_line_in_its_place_is_told() {
        let lines = b"{\"format\":1}\n{\"id\":\"A\"}\n{\"id\":\"B\"}\n";
        let last = LastLine::of(lines, 0).unwrap();
        let end = lines.len() as u64;
        let moved = b"{\"format\":1}\n{\"id\":\"B\"}\n{\"id\":\"C\"}\n";
        assert!(!last.still_in(&file_of(moved), end));
        let other = b"{\"format\":1}\n{\"id\":\"A\"}\n{\"id\":\"D\"}\n";
        assert!(!last.still_in(&file_of(other), end));
        let cut = &lines[..lines.len() - 3];
        assert!(!last.still_in(&file_of(cut), end));
        let longer = b"{\"format\":1}\n{\"id\":\"A\"}\n{\"id\":\"B\",\"x\":1}\n";
        assert!(
            !last.still_in(&file_of(longer), end),
            "no longer a line's end"
        );
    }
}
