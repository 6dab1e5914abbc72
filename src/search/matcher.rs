//! What a search looks for: a literal or a regular expression, case-insensitive (Unicode
//! simple case folding), matched on decoded text and, before anything is decoded, on the
//! raw bytes of the timeline's lines.

use std::ops::Range;

use regex::bytes::{Regex as BytesRegex, RegexBuilder as BytesBuilder};
use regex::{Regex, RegexBuilder};

/// The most bytes a compiled pattern may take (the regex crate's own default).
const SIZE_LIMIT: usize = 10 << 20;

/// A pattern that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BadPattern {
    /// Nothing to look for.
    #[error("give a pattern to search for")]
    Empty,
    /// Not a regular expression.
    #[error("'{pattern}' is not a regular expression: {why}")]
    Regex {
        /// The pattern as given.
        pattern: String,
        /// What is wrong, in one line.
        why: String,
    },
}

/// A compiled search pattern.
#[derive(Clone, Debug)]
pub struct Matcher {
    /// Matches decoded text.
    text: Regex,
    /// The same pattern on raw bytes: a line whose text has no JSON escape holds that text
    /// byte for byte.
    raw: BytesRegex,
    /// Whether the pattern can tell where a text starts or ends (`^`, `$`, `\A`, `\z`): then
    /// a whole block cannot be searched at once, only each line's text.
    anchored: bool,
    /// The pattern as given.
    pattern: String,
}

impl Matcher {
    /// Looks for `pattern` as written, whatever its case.
    pub fn literal(pattern: &str) -> Result<Self, BadPattern> {
        Matcher::build(pattern, &regex::escape(pattern), false)
    }

    /// Looks for the regular expression `pattern` (the `regex` crate's syntax), whatever the
    /// case unless it says otherwise (`(?-i)`).
    pub fn regex(pattern: &str) -> Result<Self, BadPattern> {
        let anchored = ["^", "$", "\\A", "\\z"].iter().any(|a| pattern.contains(a));
        Matcher::build(pattern, pattern, anchored)
    }

    fn build(pattern: &str, source: &str, anchored: bool) -> Result<Self, BadPattern> {
        if pattern.is_empty() {
            return Err(BadPattern::Empty);
        }
        let bad = |e: regex::Error| BadPattern::Regex {
            pattern: pattern.to_string(),
            why: one_line(&e),
        };
        let text = RegexBuilder::new(source)
            .case_insensitive(true)
            .size_limit(SIZE_LIMIT)
            .build()
            .map_err(bad)?;
        let raw = BytesBuilder::new(source)
            .case_insensitive(true)
            .size_limit(SIZE_LIMIT)
            .build()
            .map_err(bad)?;
        Ok(Matcher {
            text,
            raw,
            anchored,
            pattern: pattern.to_string(),
        })
    }

    /// The pattern as given.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// Where `text` matches (byte ranges, empty matches left out), or `None` when it does
    /// not. A pattern that matches only the empty string matches with no range to show.
    pub fn find(&self, text: &str) -> Option<Vec<Range<usize>>> {
        let mut found = false;
        let ranges = self
            .text
            .find_iter(text)
            .inspect(|_| found = true)
            .filter(|m| !m.is_empty())
            .map(|m| m.range())
            .collect();
        found.then_some(ranges)
    }

    /// Whether the raw bytes of a text without escapes match.
    pub(super) fn raw_matches(&self, bytes: &[u8]) -> bool {
        self.raw.is_match(bytes)
    }

    /// Whether lines can be picked by searching a whole block of them at once.
    pub(super) fn searches_blocks(&self) -> bool {
        !self.anchored
    }

    /// Where the raw pattern matches in `bytes` at or after `from`.
    pub(super) fn raw_find_at(&self, bytes: &[u8], from: usize) -> Option<usize> {
        self.raw.find_at(bytes, from).map(|m| m.start())
    }
}

/// The regex crate's error in one line: its last line says what is wrong ("unclosed
/// group"), the lines above draw the pattern with a caret.
fn one_line(e: &regex::Error) -> String {
    let text = e.to_string();
    let last = text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    last.trim().trim_start_matches("error: ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_literal_matches_whatever_the_case_and_says_where() {
        let m = Matcher::literal("ÉTÉ (x)").unwrap();
        let found = m.find("un été (X) long").unwrap();
        assert_eq!((found.len(), found[0].clone()), (1, 3..12));
        assert_eq!(m.find("ete (x)"), None);
        assert!(m.searches_blocks());
    }

    #[test]
    fn a_regex_is_read_and_a_bad_one_said_in_one_line() {
        let m = Matcher::regex("^gap|tests$").unwrap();
        assert!(!m.searches_blocks());
        assert_eq!(m.find("Gap tests"), Some(vec![0..3, 4..9]));
        let bad = Matcher::regex("a(").unwrap_err();
        assert_eq!(
            bad.to_string(),
            "'a(' is not a regular expression: unclosed group"
        );
        assert_eq!(Matcher::literal("").unwrap_err(), BadPattern::Empty);
        // only the empty string: a match, nothing to show
        assert_eq!(Matcher::regex("x*").unwrap().find("abc"), Some(vec![]));
    }
}
