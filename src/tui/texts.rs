//! The words of a timeline, kept where they stand: each interaction read from the file
//! keeps the place of its text in its line, read again when it is shown; only texts that
//! came another way (written since, changed by an amendment) are held in memory. A million
//! interactions cost twelve bytes each here, whatever their words.

use std::borrow::Cow;
use std::fs::File;
use std::os::unix::fs::FileExt;
use std::sync::{Arc, Mutex};

use ulid::Ulid;

use crate::record::text_of;

/// What a text reads as when its line is no longer where it was read: the file was cut
/// back since (a write taken back, a repair), and it is being read again. (A file put in
/// its place, as a sync does, leaves the one read open and readable.)
pub const MOVED: &str = "(changed on disk: reading the timeline again)";

/// Where one text is: an index into the held texts ([`HELD`] set), or its line's place in
/// the file above the eight bits of where the text starts in that line; and the length of
/// its bytes there, escapes and all.
///
/// Twelve bytes, not sixteen: a million of them is four megabytes less.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C, packed(4))]
pub struct Spot {
    place: u64,
    len: u32,
}

/// The bit of a [`Spot`]'s place that says its text is held.
const HELD: u64 = 1 << 63;

/// How a line of an interaction starts, before its id.
const LINE_START: &[u8] = b"{\"id\":\"";

/// How much is read at once when every text is read.
const BLOCK: usize = 1 << 20;

/// How many texts read from the file are kept for the next time they are asked for: more
/// than a screen shows, each laid out and drawn more than once a frame.
const RECENT: usize = 256;

/// The texts of a timeline: held, or in the file they were read from.
#[derive(Debug, Default)]
pub struct Texts {
    held: Vec<String>,
    file: Option<Arc<File>>,
    /// Texts lately read from the file, each in the slot its place picks.
    recent: Mutex<Vec<Option<(u64, Ulid, String)>>>,
}

impl Clone for Texts {
    fn clone(&self) -> Self {
        Texts {
            held: self.held.clone(),
            file: self.file.clone(),
            recent: Mutex::default(),
        }
    }
}

impl Texts {
    /// Reads the texts not held from `file` (none: they read as [`MOVED`]).
    pub fn read_from(&mut self, file: Option<File>) {
        self.file = file.map(Arc::new);
    }

    /// Holds `text`; its spot.
    pub fn hold(&mut self, text: String) -> Spot {
        self.held.push(text);
        Spot {
            place: HELD | (self.held.len() - 1) as u64,
            len: 0,
        }
    }

    /// The spot of a text `len` bytes long starting `from` bytes into the line at `line`
    /// in the file, when a spot can say that (lines start before 2⁵⁵ and texts within
    /// their first 255 bytes, as every line tether writes).
    pub fn spot(line: u64, from: usize, len: usize) -> Option<Spot> {
        let from = u8::try_from(from).ok()?;
        (line < 1 << 55).then_some(Spot {
            place: line << 8 | u64::from(from),
            len: u32::try_from(len).ok()?,
        })
    }

    /// The text of interaction `id` at `spot`: [`MOVED`] when its line no longer holds it.
    pub fn get(&self, id: Ulid, spot: Spot) -> Cow<'_, str> {
        if let Some(held) = self.held_at(spot) {
            return Cow::Borrowed(held);
        }
        let place = spot.place;
        let slot = (place.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize % RECENT;
        let mut recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(Some((at, its, text))) = recent.get(slot)
            && (*at, *its) == (place, id)
        {
            return Cow::Owned(text.clone());
        }
        let (line, end) = bounds(spot);
        let mut bytes = vec![0; end];
        let read = self
            .file
            .as_ref()
            .map(|f| f.read_exact_at(&mut bytes, line));
        let Some(text) = read
            .and_then(Result::ok)
            .and_then(|()| read_text(&bytes, id, spot))
        else {
            return Cow::Borrowed(MOVED);
        };
        let text = text.into_owned();
        recent.resize(RECENT, None);
        recent[slot] = Some((place, id, text.clone()));
        Cow::Owned(text)
    }

    /// Calls `each` with the texts at `spots` (the texts of interactions `ids`) whose
    /// indices `which` gives, and their index: the held ones first, then those in the file
    /// in the order they stand there, read in long reads: what searching every text costs.
    pub fn each(
        &self,
        ids: &[Ulid],
        spots: &[Spot],
        which: impl ExactSizeIterator<Item = usize>,
        mut each: impl FnMut(usize, &str),
    ) {
        let mut in_file = Vec::with_capacity(which.len());
        for i in which {
            match self.held_at(spots[i]) {
                Some(held) => each(i, held),
                None => in_file.push(i as u32),
            }
        }
        in_file.sort_unstable_by_key(|&i| spots[i as usize].place);
        let reach = |k: usize| bounds(spots[in_file[k] as usize]);
        let mut block = Block::default();
        // past the last text the block read holds
        let mut past = 0;
        for k in 0..in_file.len() {
            let i = in_file[k] as usize;
            let (line, end) = bounds(spots[i]);
            if !block.holds(line, end) {
                // what is read reaches the end of the last text starting within a block's
                // length: texts far apart are read alone, not a block each
                past = past.max(k + 1);
                while past < in_file.len() && reach(past).0 < line + BLOCK as u64 {
                    past += 1;
                }
                let (last, last_end) = reach(past - 1);
                if let Some(file) = &self.file {
                    block.read(file, line, (last - line) as usize + last_end);
                }
            }
            let text = block
                .bytes(line, end)
                .and_then(|bytes| read_text(bytes, ids[i], spots[i]));
            each(i, text.as_deref().unwrap_or(MOVED));
        }
    }

    fn held_at(&self, spot: Spot) -> Option<&str> {
        (spot.place & HELD != 0).then(|| self.held[(spot.place & !HELD) as usize].as_str())
    }
}

/// Where the line of a spot in the file starts, and how many of its bytes reach past the
/// text's closing quote.
fn bounds(spot: Spot) -> (u64, usize) {
    let from = (spot.place & 0xff) as usize;
    (spot.place >> 8, from + spot.len as usize + 1)
}

/// The text at `spot` in `bytes`, the start of its line: `None` unless the line is still
/// interaction `id`'s and the text a string there.
fn read_text(bytes: &[u8], id: Ulid, spot: Spot) -> Option<Cow<'_, str>> {
    let from = (spot.place & 0xff) as usize;
    let raw = bytes.get(from..from + spot.len as usize)?;
    let its_id = bytes.get(LINE_START.len()..LINE_START.len() + 26)?;
    let same = bytes.starts_with(LINE_START)
        && std::str::from_utf8(its_id)
            .ok()
            .and_then(|s| Ulid::from_string(s).ok())
            == Some(id)
        && from.checked_sub(1).and_then(|q| bytes.get(q)) == Some(&b'"')
        && bytes.get(from + raw.len()) == Some(&b'"');
    if same { text_of(raw) } else { None }
}

/// A stretch of the file read at once, when every text is read in file order.
#[derive(Default)]
struct Block {
    bytes: Vec<u8>,
    at: u64,
}

impl Block {
    /// Whether bytes `line..line + len` of the file are in the stretch read.
    fn holds(&self, line: u64, len: usize) -> bool {
        line >= self.at && line + len as u64 <= self.at + self.bytes.len() as u64
    }

    /// Reads `len` bytes of `file` from `at` on (fewer past its end).
    fn read(&mut self, file: &File, at: u64, len: usize) {
        self.bytes.resize(len, 0);
        let mut filled = 0;
        while filled < len {
            match file.read_at(&mut self.bytes[filled..], at + filled as u64) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        self.bytes.truncate(filled);
        self.at = at;
    }

    /// Bytes `line..line + len` of the file, when the stretch read holds them.
    fn bytes(&self, line: u64, len: usize) -> Option<&[u8]> {
        let from = usize::try_from(line.checked_sub(self.at)?).ok()?;
        self.bytes.get(from..from.checked_add(len)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn line(id: Ulid, text: &str) -> String {
        format!(
            "{{\"id\":\"{id}\",\"at\":\"2025-08-16T09:00:00Z\",\"kind\":\"note\",\"source\":\"cli\",\"text\":{}}}\n",
            serde_json::to_string(text).unwrap()
        )
    }

    #[test]
    fn texts_read_back_from_their_lines_and_a_moved_line_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("timeline.jsonl");
        let words = ["plain words", "a \"quoted\"\nline é ✓ 𝄞", ""];
        let ids: Vec<Ulid> = (0..3).map(|n| Ulid::from_parts(n, 7)).collect();
        let mut file = File::create(&path).unwrap();
        let mut spots = Vec::new();
        let mut at = 0;
        for (n, (id, text)) in ids.iter().zip(words).enumerate() {
            if n == 2 {
                // the last text more than a block further on
                let filler = [b"x".repeat(BLOCK + 100), b"\n".to_vec()].concat();
                file.write_all(&filler).unwrap();
                at += filler.len() as u64;
            }
            let line = line(*id, text);
            let from = line.find("\"text\":\"").unwrap() + 8;
            let len = line.len() - 3 - from;
            spots.push(Texts::spot(at, from, len).unwrap());
            file.write_all(line.as_bytes()).unwrap();
            at += line.len() as u64;
        }
        let mut texts = Texts::default();
        texts.read_from(Some(File::open(&path).unwrap()));
        let held = texts.hold("held".into());
        for i in 0..3 {
            assert_eq!(texts.get(ids[i], spots[i]), words[i]);
        }
        assert_eq!(texts.get(ids[0], held), "held");
        let mut all = vec![String::new(); 4];
        let (mut every_id, mut every_spot) = (ids.clone(), spots.clone());
        every_id.push(ids[0]);
        every_spot.push(held);
        texts.each(&every_id, &every_spot, 0..4, |i, t| all[i] = t.to_string());
        assert_eq!(all, [words[0], words[1], words[2], "held"]);
        let mut some = Vec::new();
        texts.each(&ids, &spots, [2, 0].into_iter(), |i, t| {
            some.push((i, t.to_string()))
        });
        assert_eq!(some, [(0, words[0].to_string()), (2, words[2].to_string())]);
        // another interaction's id in the place: not its text
        assert_eq!(texts.get(ids[1], spots[0]), MOVED);
        // the file cut back: the line is gone
        File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_len(10)
            .unwrap();
        assert_eq!(
            texts.get(ids[2], spots[2]),
            words[2],
            "one shown lately is kept"
        );
        texts.each(&ids, &spots, 0..3, |i, t| all[i] = t.to_string());
        assert_eq!(all[..3], [MOVED; 3]);
        let mut fresh = Texts::default();
        fresh.read_from(Some(File::open(&path).unwrap()));
        assert_eq!(fresh.get(ids[2], spots[2]), MOVED);
    }
}
