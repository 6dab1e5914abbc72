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
use crate::session::{Interaction, Kind, Source};

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

/// An interaction decoded without a copy of its words: its text borrowed from the line, or
/// from the buffer it was unescaped into when it has escapes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InteractionRef<'a> {
    /// Its id.
    pub id: Ulid,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// What it records.
    pub kind: Kind,
    /// Who recorded it.
    pub source: Source,
    /// The user's words.
    pub text: &'a str,
}

impl InteractionRef<'_> {
    /// The interaction, owned, without a commit or a branch (which are not read).
    pub fn to_interaction(&self) -> Interaction {
        Interaction {
            id: self.id,
            at: self.at,
            kind: self.kind,
            source: self.source,
            text: self.text.to_string(),
            head: None,
            branch: None,
        }
    }
}

/// The interaction at the start of `bytes` (whole lines, each ending in `\n`) when its line
/// has the canonical shape, and the bytes after its `\n`; `None` for any other line, to be
/// read by [`parse_next`], which decodes every line this accepts to the same interaction
/// (its commit and branch, checked, are not kept). `scratch` holds a text with escapes.
pub fn next_interaction<'a: 'b, 'b>(
    bytes: &'a [u8],
    scratch: &'b mut String,
) -> Option<(InteractionRef<'b>, &'a [u8])> {
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
    let text = match c.plain() {
        Some(text) => text,
        None => {
            c.at = start;
            *scratch = c.string()?;
            scratch.as_str()
        }
    };
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
    let interaction = InteractionRef {
        id,
        at,
        kind,
        source,
        text,
    };
    Some((interaction, &bytes[c.at..]))
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
        let rest = self.bytes.get(self.at..)?;
        if rest.first() != Some(&b'"') {
            return None;
        }
        let len = special(&rest[1..])?;
        if rest[1 + len] != b'"' {
            return None;
        }
        self.at += len + 2;
        Some(&rest[1..1 + len])
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
        if let Some(bytes) = self.plain_bytes()
            && (bytes.is_ascii() || std::str::from_utf8(bytes).is_ok())
        {
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
/// control character. Eight bytes at a time: strings are most of a line.
fn special(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
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
        if flags != 0 {
            return Some(offset + flags.trailing_zeros() as usize / 8);
        }
        offset += 8;
    }
    let tail = chunks.remainder();
    tail.iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .map(|i| offset + i)
}

mod base32;
#[cfg(test)]
mod tests;
mod time;
