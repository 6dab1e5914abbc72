//! Copying to the clipboard of the terminal the dashboard runs in, with OSC 52 (which tmux
//! passes on with `set-clipboard on`): the text made safe, then base64 in one escape
//! sequence that the loop writes between two frames.

use crate::sanitize;

/// The most bytes of text copied: many terminals (and tmux) drop a longer sequence.
pub const MAX_COPY: usize = 64 * 1024;

/// The text the clipboard is given: its lines made safe, so that no control character of
/// the user's reaches a terminal, even once pasted; `Err` with its size when it is longer
/// than [`MAX_COPY`].
pub fn prepare(text: &str) -> Result<String, usize> {
    let safe = sanitize::lines(text);
    match safe.len() {
        n if n > MAX_COPY => Err(n),
        _ => Ok(safe),
    }
}

/// The escape sequence that puts `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x1b\\", base64(text.as_bytes()))
}

/// Standard base64 (RFC 4648), padded.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_as_the_rfc_says() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain}");
        }
        assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
    }

    #[test]
    fn one_sequence_ended_by_a_string_terminator() {
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x1b\\");
    }

    #[test]
    fn the_users_control_characters_never_reach_the_clipboard() {
        assert_eq!(
            prepare("two\nlines \x1b]52;c;x\x07").as_deref(),
            Ok("two\nlines ␛]52;c;x␇")
        );
        let fits = "line\n".repeat(MAX_COPY / 5);
        assert_eq!(prepare(&fits).map(|t| t.len()), Ok(fits.len()));
        let long = format!("{fits}more");
        assert_eq!(prepare(&long), Err(long.len()));
    }
}
