//! Adding one member to a JSON object or array, or taking one out, as a splice of text:
//! every other byte stays where it was, and taking out what was added gives back the bytes
//! that were there before (the separators, the comments after the last member, a trailing
//! comma and the white space of an empty container are put back as they were).

use std::ops::Range;

/// A container in the text: where its brackets are and where each member lies.
pub struct Container {
    /// From the opening bracket to just after the closing one.
    pub span: Range<usize>,
    /// Each member: a property from its name to the end of its value, or an element.
    pub members: Vec<Range<usize>>,
}

/// How the file is laid out: its unit of indentation and its line ending.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Style {
    /// One level of indentation.
    pub unit: String,
    /// `\n` or `\r\n`.
    pub newline: &'static str,
}

impl Style {
    /// The style of `text`: the indentation of its first indented line (two spaces when
    /// none is), CRLF when its first line ending is one.
    pub fn of(text: &str) -> Self {
        let newline = match text.find('\n') {
            Some(at) if at > 0 && text.as_bytes()[at - 1] == b'\r' => "\r\n",
            _ => "\n",
        };
        let unit = text
            .lines()
            .map(|l| &l[..l.len() - l.trim_start_matches([' ', '\t']).len()])
            .find(|ws| !ws.is_empty())
            .unwrap_or("  ")
            .to_string();
        Style { unit, newline }
    }
}

/// The white space that starts the line holding `at`.
pub fn indent_at(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let line = &text[start..];
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// The text with `member` added after the container's last member. `pretty(indent)` renders
/// the member for a multi-line container whose members start at `indent`; `compact` is
/// used in a container written on one line. Returns the new text, and the white space an
/// empty container held (to put back when the member goes again).
pub fn insert(
    text: &str,
    c: &Container,
    style: &Style,
    pretty: impl Fn(&str) -> String,
    compact: &str,
) -> (String, Option<String>) {
    let open = c.span.start + 1;
    let close = c.span.end - 1;
    let Some(last) = c.members.last() else {
        let inside = &text[open..close];
        let outer = indent_at(text, c.span.start);
        let inner = format!("{outer}{}", style.unit);
        let mut added = format!("{}{inner}{}", style.newline, pretty(&inner));
        if inside.is_empty() {
            added.push_str(style.newline);
            added.push_str(outer);
        }
        let emptied = inside.trim().is_empty().then(|| inside.to_string());
        return (splice(text, open..open, &added), emptied);
    };
    let one_line = !text[open..last.start].contains('\n');
    let after = Trail::after(text, last.end);
    if one_line {
        let at = after.comma.unwrap_or(last.end);
        let added = match after.comma {
            Some(_) => format!(" {compact},"),
            None => format!(", {compact}"),
        };
        return (splice(text, at..at, &added), None);
    }
    let indent = indent_at(text, last.start).to_string();
    let member = pretty(&indent);
    let text = match after.comma {
        Some(_) => splice(
            text,
            after.line_end..after.line_end,
            &format!("{}{indent}{member},", style.newline),
        ),
        None => {
            let tail = format!("{}{indent}{member}", style.newline);
            let with_tail = splice(text, after.line_end..after.line_end, &tail);
            splice(&with_tail, last.end..last.end, ",")
        }
    };
    (text, None)
}

/// The text with member `index` taken out: the inverse of [`insert`] when nothing else
/// changed, and valid JSON whatever did. `emptied` is the white space to leave in a
/// container that this leaves empty (what it held before install), if known.
pub fn remove(text: &str, c: &Container, index: usize, emptied: Option<&str>) -> String {
    let m = c.members[index].clone();
    let after = Trail::after(text, m.end);
    let end = after.comma.map_or(m.end, |comma| comma + 1);
    if c.members.len() == 1 {
        let open = c.span.start + 1;
        let close = c.span.end - 1;
        let rest = &text[end..close];
        if rest.trim().is_empty() {
            return splice(text, open..close, emptied.unwrap_or(""));
        }
        return splice(text, open..end, "");
    }
    if index == 0 {
        // never where install adds; keep whatever comments follow, drop only blank space
        let next = c.members[1].start;
        let to = if text[end..next].trim().is_empty() {
            next
        } else {
            end
        };
        return splice(text, m.start..to, "");
    }
    let before_end = c.members[index - 1].end;
    let between = &text[before_end..m.start];
    let kept = match between.rfind('\n') {
        Some(nl) => {
            let line = between[..nl].strip_suffix('\r').unwrap_or(&between[..nl]);
            match after.comma {
                Some(_) => line.to_string(),
                None => line.replacen(',', "", 1),
            }
        }
        None if after.comma.is_some() => ",".to_string(),
        None => String::new(),
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..before_end]);
    out.push_str(&kept);
    out.push_str(&text[end..]);
    out
}

/// What follows a member on its line: a comma, then the end of the line (after a comment
/// there), or where the next token starts when something else follows on the same line.
struct Trail {
    /// Where a comma right after the member is.
    comma: Option<usize>,
    /// Where to add a member after this one in a multi-line container.
    line_end: usize,
}

impl Trail {
    fn after(text: &str, end: usize) -> Self {
        let bytes = text.as_bytes();
        let skip_blanks = |mut i: usize| {
            while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
                i += 1;
            }
            i
        };
        let mut i = skip_blanks(end);
        let comma = (i < bytes.len() && bytes[i] == b',').then_some(i);
        let mut line_end = comma.map_or(end, |c| c + 1);
        if comma.is_some() {
            i = skip_blanks(i + 1);
        }
        if text[i..].starts_with("//") {
            line_end = text[i..].find(['\r', '\n']).map_or(text.len(), |n| i + n);
        } else if let Some(close) = text[i..].starts_with("/*").then(|| text[i..].find("*/"))
            && let Some(close) = close.map(|n| i + n + 2)
            && !text[i..close].contains('\n')
        {
            let j = skip_blanks(close);
            if matches!(bytes.get(j), Some(b'\r' | b'\n')) {
                line_end = j;
            }
        } else if matches!(bytes.get(i), Some(b'\r' | b'\n')) {
            line_end = i;
        }
        Trail { comma, line_end }
    }
}

/// `text` with `range` replaced by `with`.
fn splice(text: &str, range: Range<usize>, with: &str) -> String {
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(&text[..range.start]);
    out.push_str(with);
    out.push_str(&text[range.end..]);
    out
}
