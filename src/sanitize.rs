//! User text is shown, never executed nor hidden: control characters and invisible ones
//! are made visible before they reach a terminal.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` could change a terminal's state or the direction of text, or hide in it:
/// C0 and C1 controls, DEL, the bidirectional marks, overrides and isolates (the Arabic
/// letter mark U+061C among them), and the characters that take no room: zero-width spaces
/// and joiners (U+200B to U+200D, U+2060 to U+2064, U+FEFF), the soft hyphen, the line and
/// paragraph separators (U+2028, U+2029), and the invisible tags (U+E0000 to U+E007F). A
/// joiner inside an emoji sequence is shown too: text that can hide words must not pass.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// The most characters of one line that are shown: as many as a note may hold bytes. A
/// longer text (tether never writes one; another program might) is shown cut, with `…`:
/// the dashboard makes its lines safe on every frame, and megabytes would freeze it. JSON
/// output, which does not go through here, carries it whole.
pub const MAX_SHOWN: usize = crate::session::MAX_TEXT_BYTES;

/// Makes text safe for one line of a terminal: C0 controls become their visible symbols
/// (`␛`, `␊`), a tab a space, and every other unsafe character a `<U+XXXX>` mark. At most
/// [`MAX_SHOWN`] characters are kept.
pub fn line(text: &str) -> Cow<'_, str> {
    // printable ASCII, most text, is told safe without decoding characters
    if text.len() <= MAX_SHOWN && text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Cow::Borrowed(text);
    }
    let (text, cut) = match text.char_indices().nth(MAX_SHOWN) {
        Some((end, _)) => (&text[..end], true),
        None => (text, false),
    };
    if !cut && !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push(' '),
            '\u{0}'..='\u{1F}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
            '\u{7F}' => out.push('\u{2421}'),
            c if is_unsafe(c) => {
                let _ = write!(out, "<U+{:04X}>", c as u32);
            }
            c => out.push(c),
        }
    }
    if cut {
        out.push('…');
    }
    Cow::Owned(out)
}

/// Like [`line`], but keeps line breaks (for multi-line output such as Markdown).
pub fn lines(text: &str) -> String {
    text.split('\n').map(line).collect::<Vec<_>>().join("\n")
}

/// Escapes, inside serialized JSON, the characters serde_json leaves raw but a terminal
/// might act on or hide (C1 controls, DEL, bidi marks, invisible characters, and U+2028
/// and U+2029, which end a line in JavaScript). The JSON means the same afterwards.
pub fn json(serialized: String) -> String {
    // printable ASCII and line breaks, most JSON, is told safe without decoding characters
    let plain = |b: &u8| (0x20..0x7f).contains(b) || matches!(b, b'\n' | b'\t' | b'\r');
    if serialized.as_bytes().iter().all(plain) || !serialized.chars().any(is_unsafe_in_json) {
        return serialized;
    }
    let mut out = String::with_capacity(serialized.len() + 16);
    for c in serialized.chars() {
        if is_unsafe_in_json(c) {
            // past U+FFFF, JSON escapes the UTF-16 surrogate pair
            for unit in c.encode_utf16(&mut [0; 2]) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// serde_json already escapes C0 controls in strings; newlines between tokens are layout.
fn is_unsafe_in_json(c: char) -> bool {
    is_unsafe(c) && !matches!(c, '\n' | '\t' | '\r')
}

/// Cuts `text` to at most `width` characters, marking the cut with an ellipsis.
pub fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible() {
        assert_eq!(line("plain words"), "plain words");
        assert_eq!(line("a\x1b]0;pwned\x07b"), "a␛]0;pwned␇b");
        assert_eq!(line("bell\x07 tab\t nl\n"), "bell␇ tab  nl␊");
        assert_eq!(line("c1 \u{9b}31m"), "c1 <U+009B>31m");
        assert_eq!(line("bidi \u{202E}txt"), "bidi <U+202E>txt");
        assert_eq!(line("del\x7f"), "del␡");
    }

    #[test]
    fn a_line_of_megabytes_is_cut() {
        let huge = "\x1b".repeat(3 * MAX_SHOWN);
        let shown = line(&huge);
        assert_eq!(shown.chars().count(), MAX_SHOWN + 1);
        assert!(shown.starts_with("␛␛") && shown.ends_with('…'));
        let exact = "x".repeat(MAX_SHOWN);
        assert!(matches!(line(&exact), Cow::Borrowed(_)));
    }

    #[test]
    fn multi_line_text_keeps_its_breaks() {
        assert_eq!(lines("one\ntwo\x1b[2J"), "one\ntwo␛[2J");
    }

    #[test]
    fn json_stays_equivalent_and_safe() {
        let value = serde_json::json!({"text": "x\u{9b}2J\u{202E}\x1b"});
        let safe = json(serde_json::to_string(&value).unwrap());
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    /// Each invisible character the issue named, and a tag past U+FFFF.
    const INVISIBLE: &str = "a\u{061C}b\u{200B}c\u{200C}d\u{200D}e\u{2060}f\u{FEFF}g\u{2028}h\u{2029}i\u{E0041}j\u{AD}k";

    #[test]
    fn invisible_characters_become_visible() {
        assert_eq!(
            line(INVISIBLE),
            "a<U+061C>b<U+200B>c<U+200C>d<U+200D>e<U+2060>f<U+FEFF>g<U+2028>h<U+2029>i<U+E0041>j<U+00AD>k"
        );
        assert_eq!(line("café ✓ 日本 👍 é"), "café ✓ 日本 👍 é");
    }

    #[test]
    fn json_escapes_invisible_characters_and_line_separators() {
        let value = serde_json::json!({"text": INVISIBLE});
        let safe = json(serde_json::to_string(&value).unwrap());
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        assert!(safe.contains(r"g\u2028h\u2029i\udb40\udc41j"), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }
}
