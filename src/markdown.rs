//! User and git text in Markdown, rendered as it was written: never a link, an image, an
//! HTML tag or comment, emphasis or a heading of its own.
//!
//! One approach throughout: every ASCII character Markdown or HTML could act on is escaped
//! with a backslash, which CommonMark (GitHub, GitLab, most renderers) shows as the bare
//! character; what begins a line is escaped so it begins no list, heading or rule. Text in
//! a code span or a fenced block is literal there, so it only needs a fence longer than any
//! run of backticks it holds. Everything is first made safe for a terminal
//! ([`crate::sanitize::line`]): a handoff note is read there too.

use crate::sanitize;

/// The characters escaped wherever user text goes: those of emphasis, links, images, code,
/// HTML, entities, tables, strikethrough, headings and math.
const SPECIAL: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '(', ')', '<', '>', '!', '#', '|', '~', '&', '$',
];

/// One line of user text for Markdown, escaped (see the module's documentation). Safe at
/// the start of a line and after a list marker: a leading `-`, `+`, `=` or `1.` is escaped
/// too, and leading white space (an indented code block) is dropped.
pub fn text(text: &str) -> String {
    let safe = sanitize::line(text);
    let safe = safe.trim_start();
    let mut out = String::with_capacity(safe.len() + 8);
    let chars: Vec<char> = safe.chars().collect();
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let ends_marker = |i: usize| chars.get(i + 1).is_none_or(|c| c.is_whitespace());
    for (i, &c) in chars.iter().enumerate() {
        let starts_block = match i {
            0 => matches!(c, '-' | '+' | '='),
            _ => i == digits && matches!(c, '.' | ')') && ends_marker(i),
        };
        if starts_block || SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text as an inline code span (a path, a branch): literal inside, between fences longer
/// than any run of backticks in it, padded with a space where it would touch one. Empty
/// text gives nothing (an empty span cannot be written).
pub fn code(text: &str) -> String {
    let safe = sanitize::line(text);
    if safe.is_empty() {
        return String::new();
    }
    let fence = "`".repeat(longest_backtick_run(&safe) + 1);
    let pad = safe.starts_with('`')
        || safe.ends_with('`')
        || (safe.starts_with(' ') && safe.ends_with(' ') && !safe.trim().is_empty());
    let pad = if pad { " " } else { "" };
    format!("{fence}{pad}{safe}{pad}{fence}")
}

/// Lines already made safe for a terminal (each one through [`sanitize::line`]) as a fenced
/// code block: shown literally, whatever they hold, with a fence no line can close.
pub fn fence(lines: &str) -> String {
    let fence = "`".repeat((longest_backtick_run(lines) + 1).max(3));
    let end = if lines.is_empty() || lines.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    format!("{fence}\n{lines}{end}{fence}\n")
}

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Undoes the backslash escapes, as a CommonMark renderer does.
    fn rendered(escaped: &str) -> String {
        let mut out = String::new();
        let mut chars = escaped.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => out.extend(chars.next()),
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn every_special_character_is_escaped_and_reads_back_as_written() {
        for hostile in [
            "![](https://example.com/beacon.png)",
            "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))",
            "<!-- hidden --> **bold** <details>",
            "`code` ~~gone~~ | cell | &amp; $x$ # not a heading",
            r"a\*b",
        ] {
            let escaped = text(hostile);
            assert_eq!(rendered(&escaped), hostile);
            let mut previous = ' ';
            for c in escaped.chars() {
                if SPECIAL.contains(&c) && c != '\\' {
                    assert_eq!(previous, '\\', "{c:?} unescaped in {escaped}");
                }
                previous = if previous == '\\' { ' ' } else { c };
            }
        }
        assert_eq!(text("<!-- x -->"), r"\<\!-- x --\>");
    }

    #[test]
    fn what_would_begin_a_block_is_escaped() {
        assert_eq!(text("- not an item"), r"\- not an item");
        assert_eq!(text("+ no"), r"\+ no");
        assert_eq!(text("=== no"), r"\=== no");
        assert_eq!(text("12. no"), r"12\. no");
        assert_eq!(text("3) no"), r"3\) no");
        assert_eq!(text("    indented"), "indented");
        assert_eq!(text("1.5 stays"), "1.5 stays");
        assert_eq!(text("12."), r"12\.");
        assert_eq!(text("in - the middle"), "in - the middle");
        assert_eq!(text("plain words, v2.1"), "plain words, v2.1");
    }

    #[test]
    fn code_spans_hold_any_backticks() {
        assert_eq!(code("/home/me/work"), "`/home/me/work`");
        assert_eq!(code("/tmp/a`b"), "``/tmp/a`b``");
        assert_eq!(code("``x"), "``` ``x ```");
        assert_eq!(code(" padded "), "`  padded  `");
        assert_eq!(code("<b>"), "`<b>`");
        assert_eq!(code(""), "");
        assert_eq!(code("a\x1b[2Jb"), "`a␛[2Jb`");
    }

    #[test]
    fn fences_are_longer_than_any_run_inside() {
        assert_eq!(fence("a\nb\n"), "```\na\nb\n```\n");
        assert_eq!(fence("a ```` b"), "`````\na ```` b\n`````\n");
        assert_eq!(fence(""), "```\n```\n");
    }
}
