//! Colour in the command line's text, decided at the output boundary.
//!
//! Commands mark spans with [`paint`]; the marks are private-use characters that survive
//! sanitising, and [`finish`] turns them into ANSI colours or drops them (`NO_COLOR`,
//! `--color never`, output to a pipe).

/// A way to paint a span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paint {
    /// Headings.
    Bold,
    /// Secondary text.
    Dim,
    /// Gaps.
    Gap,
    /// Progress and the active mark.
    Accent,
    /// What a search found, in its text: bold and reversed, which every terminal shows.
    Match,
}

/// The first mark character; a paint's mark is this plus its index.
const MARK: u32 = 0xE000;
/// The mark that ends a painted span.
const END: char = '\u{E0FF}';

impl Paint {
    fn ansi(self) -> &'static str {
        match self {
            Paint::Bold => "\x1b[1m",
            Paint::Dim => "\x1b[2m",
            Paint::Gap => "\x1b[38;5;214m",
            Paint::Accent => "\x1b[38;5;108m",
            Paint::Match => "\x1b[1;7m",
        }
    }

    fn all() -> [Paint; 5] {
        [
            Paint::Bold,
            Paint::Dim,
            Paint::Gap,
            Paint::Accent,
            Paint::Match,
        ]
    }
}

/// `text` marked to be shown in `paint`.
pub fn paint(paint: Paint, text: &str) -> String {
    let mark = char::from_u32(MARK + paint as u32).expect("marks are valid characters");
    format!("{mark}{text}{END}")
}

/// Whether `c` is one of the marks (user text never keeps them: see `out::clean`).
pub fn is_mark(c: char) -> bool {
    (MARK..=END as u32).contains(&(c as u32))
}

/// Turns the marks into ANSI colours, or removes them.
pub fn finish(text: &str, color: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !is_mark(c) {
            out.push(c);
        } else if color {
            let paint = Paint::all()
                .into_iter()
                .find(|p| MARK + *p as u32 == c as u32);
            out.push_str(paint.map_or("\x1b[0m", Paint::ansi));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_colours_or_nothing() {
        let text = format!("a {} b", paint(Paint::Gap, "gap"));
        assert_eq!(finish(&text, true), "a \x1b[38;5;214mgap\x1b[0m b");
        assert_eq!(finish(&text, false), "a gap b");
    }
}
