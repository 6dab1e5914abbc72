//! A fast reader for the lines tether writes itself, with serde as the fallback.
//!
//! Every line this program writes has one shape: the fields of [`RawLine`] in their
//! declared order, no whitespace, strings escaped the way `serde_json` escapes them. This
//! reader decodes exactly that shape without going through serde's generic machinery
//! (borrowing the bytes, allocating only the text and the commit). Anything else, a line
//! written by hand, in another order, with escapes in the id, or simply invalid, is left to
//! `serde_json`, so what is accepted and what each error says stay exactly as before.

use chrono::{DateTime, Utc};
use ulid::Ulid;

use super::{RawLine, Record};
use crate::session::{Kind, Source};

/// Decodes one timeline line (without its `\n`).
pub fn parse_line(line: &[u8]) -> serde_json::Result<Record> {
    match fast(line) {
        Some((record, end)) if end == line.len() => Ok(record),
        _ => serde_json::from_slice(line),
    }
}

/// Decodes the line at the start of `bytes` (whole lines, each ending in `\n`); returns it
/// and the bytes after its `\n`, or the line's bytes (without the `\n`) and why it failed.
/// One pass over a canonical line: its end is found by decoding it.
pub fn parse_next(bytes: &[u8]) -> (serde_json::Result<Record>, &[u8], &[u8]) {
    if let Some((record, end)) = fast(bytes)
        && bytes.get(end) == Some(&b'\n')
    {
        return (Ok(record), &bytes[..end], &bytes[end + 1..]);
    }
    let end = bytes
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(bytes.len());
    let line = &bytes[..end];
    let rest = bytes.get(end + 1..).unwrap_or_default();
    (serde_json::from_slice(line), line, rest)
}

/// Whether `line` (without its `\n`) begins as only an interaction tether wrote does: its
/// id, its time, then its kind. Amendments, edits and marks of a briefing seen follow
/// their time with another field, and a line in another shape is never taken for one, so
/// a reader after those alone can pass such lines by without decoding them.
pub fn is_interaction_line(line: &[u8]) -> bool {
    const ID: &[u8] = b"{\"id\":\"";
    const AT: &[u8] = b"\",\"at\":\"";
    const KIND: &[u8] = b",\"kind\":";
    let at = ID.len() + 26;
    if !line.starts_with(ID) || line.get(at..at + AT.len()) != Some(AT) {
        return false;
    }
    let time = at + AT.len();
    match line[time..].iter().position(|&b| b == b'"') {
        Some(end) => line[time + end + 1..].starts_with(KIND),
        None => false,
    }
}

/// The id and time of a line that [`is_interaction_line`], read without decoding the rest
/// (its text): `None` for any other line.
pub fn interaction_head(line: &[u8]) -> Option<(Ulid, DateTime<Utc>)> {
    let mut c = Cursor { bytes: line, at: 0 };
    c.literal(b"{\"id\":")?;
    let id = c.ulid()?;
    c.literal(b",\"at\":")?;
    let at = c.time()?;
    c.literal(b",\"kind\":")?;
    Some((id, at))
}

/// An interaction decoded but for its words, which are left where they stand in the line:
/// a reader that keeps only their place reads them when they are shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InteractionLine {
    /// Its id.
    pub id: Ulid,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// What it records.
    pub kind: Kind,
    /// Who recorded it.
    pub source: Source,
    /// Where its text stands in the line: the bytes between the quotes, escapes and all
    /// (read by [`text_of`]).
    pub text: std::ops::Range<usize>,
}

/// The interaction at the start of `bytes` (whole lines, each ending in `\n`) when its line
/// has the canonical shape, and the bytes after its `\n`; `None` for any other line, to be
/// read by [`parse_next`], which decodes every line this accepts to the same interaction
/// (its commit and branch, checked, are not kept). Its text is checked as that decoding
/// checks it (a text with escapes is decoded into `scratch`), so a line taken here reads
/// back by [`text_of`].
pub fn next_interaction<'a>(
    bytes: &'a [u8],
    scratch: &mut String,
) -> Option<(InteractionLine, &'a [u8])> {
    let mut c = Cursor { bytes, at: 0 };
    c.literal(b"{\"id\":")?;
    let id = c.ulid()?;
    c.literal(b",\"at\":")?;
    let at = c.time()?;
    c.literal(b",\"kind\":")?;
    let kind = kind(c.name()?)?;
    c.literal(b",\"source\":")?;
    let source = source(c.name()?)?;
    c.literal(b",\"text\":")?;
    let start = c.at;
    if c.plain_checked().is_none() {
        c.at = start;
        *scratch = c.string()?;
    }
    let text = start + 1..c.at - 1;
    if c.optional(b",\"head\":") {
        c.skip_string()?;
    }
    if c.optional(b",\"branch\":") {
        c.skip_string()?;
    }
    c.literal(b"}\n")?;
    if !crate::time_range::contains(at) {
        return None;
    }
    let interaction = InteractionLine {
        id,
        at,
        kind,
        source,
        text,
    };
    Some((interaction, &bytes[c.at..]))
}

/// The words of a JSON string from the bytes between its quotes: borrowed when they hold
/// no escape, decoded otherwise; `None` when they are not a string's (not UTF-8, a bad
/// escape, a quote or a control character unescaped).
pub fn text_of(raw: &[u8]) -> Option<std::borrow::Cow<'_, str>> {
    if special(raw).is_none() {
        return std::str::from_utf8(raw).ok().map(Into::into);
    }
    serde_json::from_slice::<String>(&[b"\"", raw, b"\""].concat())
        .ok()
        .map(Into::into)
}

/// The canonical shape at the start of `line` and where it ends, or `None` to let serde
/// decide.
fn fast(line: &[u8]) -> Option<(Record, usize)> {
    let mut c = Cursor { bytes: line, at: 0 };
    c.literal(b"{\"id\":")?;
    let id = c.ulid()?;
    c.literal(b",\"at\":")?;
    let at = c.time()?;
    let mut raw = RawLine::bare(id, at);
    if c.optional(b",\"amends\":") {
        raw.amends = Some(c.ulid()?);
    }
    if c.optional(b",\"kind\":") {
        raw.kind = Some(kind(c.name()?)?);
    }
    if c.optional(b",\"source\":") {
        raw.source = Some(source(c.name()?)?);
    }
    if c.optional(b",\"text\":") {
        raw.text = Some(c.string()?);
    }
    if c.optional(b",\"deleted\":") {
        raw.deleted = Some(c.boolean()?);
    }
    if c.optional(b",\"head\":") {
        raw.head = Some(c.string()?);
    }
    if c.optional(b",\"branch\":") {
        raw.branch = Some(c.string()?);
    }
    if c.optional(b",\"seen\":") {
        raw.seen = Some(source(c.name()?)?);
    }
    c.literal(b"}")?;
    Some((Record::try_from(raw).ok()?, c.at))
}

fn kind(name: &[u8]) -> Option<Kind> {
    Some(match name {
        b"note" => Kind::Note,
        b"progress" => Kind::Progress,
        b"decision" => Kind::Decision,
        b"step" => Kind::Step,
        b"commit" => Kind::Commit,
        b"resume" => Kind::Resume,
        _ => return None,
    })
}

fn source(name: &[u8]) -> Option<Source> {
    Some(match name {
        b"tui" => Source::Tui,
        b"cli" => Source::Cli,
        b"git" => Source::Git,
        b"import" => Source::Import,
        b"agent" => Source::Agent,
        _ => return None,
    })
}

/// The longest name of a kind or a source.
const NAME: usize = 8;

/// A position in a line.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn literal<const N: usize>(&mut self, expected: &[u8; N]) -> Option<()> {
        self.optional(expected).then_some(())
    }

    /// Passes `expected` by when the line goes on with it. Its length known when compiled,
    /// the comparison is a few loads, not a call to `memcmp` (a few per line, every line).
    fn optional<const N: usize>(&mut self, expected: &[u8; N]) -> bool {
        let ahead = self.bytes.get(self.at..self.at + N);
        let found = ahead.and_then(|b| <&[u8; N]>::try_from(b).ok()) == Some(expected);
        if found {
            self.at += expected.len();
        }
        found
    }

    /// A string without escapes or control characters, borrowed; `None` otherwise.
    fn plain(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.plain_bytes()?).ok()
    }

    /// Like [`Cursor::plain`], for a string only checked, not used: its bytes, checked to be
    /// UTF-8 only when they are not all ASCII (most are, and the scan for the closing quote
    /// has told).
    fn plain_checked(&mut self) -> Option<&'a [u8]> {
        let (bytes, ascii) = self.plain_scan()?;
        (ascii || std::str::from_utf8(bytes).is_ok()).then_some(bytes)
    }

    /// The bytes of a kind's or a source's name, up to its closing quote (at most [`NAME`]
    /// of them): no name holds a quote, a backslash or a control character, and what is
    /// read is matched against the names, so nothing else passes.
    fn name(&mut self) -> Option<&'a [u8]> {
        let rest = self.bytes.get(self.at..)?;
        if rest.first() != Some(&b'"') {
            return None;
        }
        let len = rest[1..].iter().take(NAME + 1).position(|&b| b == b'"')?;
        self.at += len + 2;
        Some(&rest[1..1 + len])
    }

    /// The bytes of a string without escapes or control characters (not yet checked to be
    /// UTF-8: for fields whose every valid value is ASCII, checked by their own decoding).
    fn plain_bytes(&mut self) -> Option<&'a [u8]> {
        self.plain_scan().map(|(bytes, _)| bytes)
    }

    /// [`Cursor::plain_bytes`], and whether they are all ASCII (`false` may also mean not
    /// known).
    fn plain_scan(&mut self) -> Option<(&'a [u8], bool)> {
        let rest = self.bytes.get(self.at..)?;
        if rest.first() != Some(&b'"') {
            return None;
        }
        let (len, ascii) = special(&rest[1..])?;
        if rest[1 + len] != b'"' {
            return None;
        }
        self.at += len + 2;
        Some((&rest[1..1 + len], ascii))
    }

    /// A string; one with escapes is decoded by serde_json (they are rare).
    fn string(&mut self) -> Option<String> {
        let start = self.at;
        if let Some(plain) = self.plain() {
            return Some(plain.to_owned());
        }
        let rest = self.bytes.get(start..)?;
        if rest.first() != Some(&b'"') {
            return None;
        }
        let mut i = 1;
        loop {
            match *rest.get(i)? {
                b'"' => break,
                b'\\' => i += 2,
                _ => i += 1,
            }
        }
        self.at = start + i + 1;
        serde_json::from_slice(&rest[..=i]).ok()
    }

    /// Passes a string by, as [`Cursor::string`] would read it, copying it only when it has
    /// escapes or is not UTF-8 (rare: then decoded by serde_json).
    fn skip_string(&mut self) -> Option<()> {
        let start = self.at;
        if self.plain_checked().is_some() {
            return Some(());
        }
        self.at = start;
        self.string().map(drop)
    }

    fn boolean(&mut self) -> Option<bool> {
        if self.optional(b"true") {
            Some(true)
        } else if self.optional(b"false") {
            Some(false)
        } else {
            None
        }
    }

    fn ulid(&mut self) -> Option<Ulid> {
        let quoted = self.bytes.get(self.at..self.at + 28);
        if let Some([b'"', text @ .., b'"']) = quoted
            && let Some(id) = base32::decode(text.try_into().ok()?)
        {
            self.at += 28;
            return Some(id);
        }
        Ulid::from_string(self.plain()?).ok()
    }

    /// A time as chrono writes a UTC time: `2025-08-15T23:50:34[.f{1,9}]Z`. The lengths it
    /// writes (9, 6, 3 or no decimals) are tried in place, without looking for the quote:
    /// only a whole time parses, every byte of it a digit or its fixed mark.
    fn time(&mut self) -> Option<DateTime<Utc>> {
        let rest = self.bytes.get(self.at..)?;
        if rest.first() != Some(&b'"') {
            return None;
        }
        for len in [30, 27, 24, 20] {
            if rest.get(len + 1) == Some(&b'"')
                && let Some(at) = time::parse(&rest[1..=len])
            {
                self.at += len + 2;
                return Some(at);
            }
        }
        time::parse(self.plain_bytes()?)
    }
}

/// The index of the first byte that ends a plain JSON string: a quote, a backslash or a
/// control character; and whether every byte before it is ASCII (`false` may also mean
/// that one in the same eight bytes after it is not). Eight bytes at a time: strings are
/// most of a line.
fn special(bytes: &[u8]) -> Option<(usize, bool)> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    let mut seen = 0;
    for chunk in chunks.by_ref() {
        let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let quote = w ^ (ONES * u64::from(b'"'));
        let backslash = w ^ (ONES * u64::from(b'\\'));
        // A byte is flagged when it is zero (after the xor) or below 0x20; the lowest flag
        // is always exact, which is all that is needed.
        let flags = (quote.wrapping_sub(ONES) & !quote
            | backslash.wrapping_sub(ONES) & !backslash
            | w.wrapping_sub(ONES * 0x20) & !w)
            & HIGH;
        seen |= w;
        if flags != 0 {
            let at = offset + flags.trailing_zeros() as usize / 8;
            return Some((at, seen & HIGH == 0));
        }
        offset += 8;
    }
    let tail = chunks.remainder();
    let at = tail
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
    Some((offset + at, seen & HIGH == 0 && tail[..at].is_ascii()))
}

mod base32;
#[cfg(test)]
mod tests;
mod time;
