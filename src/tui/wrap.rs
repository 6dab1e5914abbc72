//! Text cut to the columns it is shown in: wrapped by words, bounded in rows, fitted to
//! a width. Shared by drawing and by measuring, so both count the same rows.

/// Word-wraps text to `width` columns (at least one row, even for empty text).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let (text, cut) = first_chars(text, WRAP_LIMIT);
    let mut rows: Vec<String> = textwrap::wrap(text, width.max(1))
        .into_iter()
        .map(|c| c.into_owned())
        .collect();
    if rows.is_empty() {
        rows.push(String::new());
    }
    if cut {
        rows.last_mut().expect("a row").push('…');
    }
    rows
}

/// The most characters of one text the dashboard wraps: what a note may hold at most. A
/// longer text (written by another program) is shown cut, with `…`: wrapping megabytes on
/// every frame would freeze the dashboard.
const WRAP_LIMIT: usize = crate::session::MAX_TEXT_BYTES;

/// The first `n` characters of `text`, and whether that cut anything.
fn first_chars(text: &str, n: usize) -> (&str, bool) {
    match text.char_indices().nth(n) {
        Some((end, _)) => (&text[..end], true),
        None => (text, false),
    }
}

/// Word-wraps text to at most `max_rows` rows, marking a cut with `…`.
pub fn wrap_at_most(text: &str, width: usize, max_rows: usize) -> Vec<String> {
    // more than enough to fill the rows (a character takes a column or two, rarely none)
    let (shown, cut) = first_chars(text, (max_rows + 1) * width.max(1) * 2);
    let mut rows = wrap(shown, width);
    if rows.len() > max_rows || cut {
        rows.truncate(max_rows.max(1));
        let last = rows.last_mut().expect("at least one row is kept");
        *last = fit(&format!("{last} …"), width).trim_end().to_string();
        if !last.ends_with('…') {
            last.push('…');
        }
    }
    rows
}

/// Pads or cuts `text` to exactly `width` columns, marking a cut with `…`.
pub fn fit(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut used = 0;
    let total = unicode_width::UnicodeWidthStr::width(text);
    let budget = if total > width {
        width.saturating_sub(1)
    } else {
        width
    };
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > budget {
            break;
        }
        out.push(c);
        used += w;
    }
    if total > width && width > 0 {
        out.push('…');
        used += 1;
    }
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}
