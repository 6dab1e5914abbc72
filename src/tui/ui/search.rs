//! The search view: the query, where the search stands, and the hits, each with its
//! mission, its time and its text cut around the first match, the matches highlighted.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::dialog::{boxed_with_hint, hint};
use super::fit;
use crate::sanitize;
use crate::search::{Hit, Item};
use crate::tui::app::App;
use crate::tui::keymap::SearchCommand;
use crate::tui::search::{Progress, SearchView, box_size, page, rows_per_hit, spaced};

/// Draws the search view over `area`.
pub fn render(frame: &mut Frame, app: &App, area: Rect, view: &SearchView) {
    let keys = &app.settings.keymap.search;
    let moves = format!(
        "{} {}",
        keys.label(SearchCommand::Up, 1),
        keys.label(SearchCommand::Down, 1)
    );
    let mut hint = hint(
        app,
        &[
            (keys.label(SearchCommand::Open, 1), "open"),
            (moves, "move"),
            (keys.label(SearchCommand::Close, 1), "close"),
        ],
    );
    hint.spans.push(Span::raw(" "));
    let (width, height) = box_size(app.size);
    let title = " Search every mission ";
    let inner = boxed_with_hint(frame, app, area, title, hint, (width, height));
    if inner.is_empty() {
        return;
    }
    let theme = &app.settings.theme;
    let query = view.input.value();
    let field = inner.width.saturating_sub(3) as usize;
    let scroll = view.input.visual_scroll(field.saturating_sub(1));
    let shown: String = query.chars().skip(scroll).collect();
    let mut lines = vec![
        Line::from(vec![
            Span::styled(" › ", theme.key),
            Span::styled(fit(&sanitize::line(&shown), field), theme.selected),
        ]),
        Line::styled(
            fit(&format!(" {}", status(view)), inner.width as usize),
            theme.dim,
        ),
    ];
    if spaced(app.size) {
        lines.push(Line::raw(""));
    }
    let rows = rows_per_hit(app.size);
    let end = (view.offset + page(app.size)).min(view.hits.len());
    for (i, hit) in view.hits.iter().enumerate().take(end).skip(view.offset) {
        let mut item = hit_lines(app, hit, inner.width, rows);
        if i == view.selected {
            for row in &mut item {
                let pad = (inner.width as usize).saturating_sub(row.width());
                row.spans.push(Span::raw(" ".repeat(pad)));
                *row = std::mem::take(row).patch_style(theme.selected);
            }
        }
        lines.extend(item);
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let x = inner.x + 3 + view.input.visual_cursor().saturating_sub(scroll) as u16;
    frame.set_cursor_position(Position::new(
        x.min(inner.right().saturating_sub(1)),
        inner.y,
    ));
}

/// Where the search stands, in words.
fn status(view: &SearchView) -> String {
    let n = view.hits.len();
    let hits = crate::text::counted(n, "hit", "hits");
    match &view.state {
        Progress::Idle => "Type to search every mission: notes, steps, decisions".into(),
        Progress::Searching if n == 0 => "Searching…".into(),
        Progress::Searching => format!("{hits} so far, the newest first; searching…"),
        Progress::Done if n == 0 => "No match".into(),
        Progress::Done => format!("{hits}, the newest first"),
        Progress::Limited => format!("The newest {n} hits (there are more: type more words)"),
        Progress::Failed(error) if n == 0 => sanitize::line(error).into_owned(),
        Progress::Failed(error) => format!("{hits} from the others · {}", sanitize::line(error)),
    }
}

/// A hit's rows: on one row its time, mission, kind and text; on two, the time, mission and
/// kind above the text.
fn hit_lines(app: &App, hit: &Hit, width: u16, rows: usize) -> Vec<Line<'static>> {
    let theme = &app.settings.theme;
    let width = width as usize;
    let when = moment(app, hit);
    let what = match (hit.item, hit.step) {
        (Item::Step, Some((n, true))) => format!("step {n} ✓"),
        (Item::Step, Some((n, false))) => format!("step {n}"),
        (Item::Decision, _) => "decision".into(),
        _ => hit.kind.as_str().into(),
    };
    let title_style = match hit.status.is_ended() {
        true => theme.dim,
        false => theme.text,
    };
    let session = Span::styled(format!("{} ", hit.session), theme.title);
    if rows == 1 {
        let title_width = (width / 5).clamp(12, 32);
        let text_width = width.saturating_sub(12 + 2 + 6 + title_width + 2 + 10 + 1);
        let mut spans = vec![
            Span::styled(format!(" {when:>12}  "), theme.dim),
            session,
            Span::styled(fit(&sanitize::line(&hit.mission), title_width), title_style),
            Span::styled(format!("  {what:<10}"), theme.dim),
        ];
        spans.extend(marked(app, hit, text_width));
        return vec![Line::from(spans)];
    }
    let head = format!(" {when} · ");
    let title_width = width.saturating_sub(head.width() + 6 + what.width() + 3);
    let title = sanitize::truncate(&sanitize::line(&hit.mission), title_width);
    let mut text = vec![Span::raw("   ")];
    text.extend(marked(app, hit, width.saturating_sub(4)));
    vec![
        Line::from(vec![
            Span::styled(head, theme.dim),
            session,
            Span::styled(title, title_style),
            Span::styled(format!(" · {what}"), theme.dim),
        ]),
        Line::from(text),
    ]
}

/// When a hit happened: `15 Aug 23:50` this year, `15 Aug 2024` before.
fn moment(app: &App, hit: &Hit) -> String {
    let zone = app.settings.zone;
    if zone.show(hit.at).year() == zone.show(app.now).year() {
        app.moment(hit.at)
    } else {
        zone.show(hit.at).format("%d %b %Y").to_string()
    }
}

/// A hit's text on one row of `width` columns, made safe piece by piece, its matches
/// highlighted; a long text whose first match comes too late is cut at the start, so that
/// the match shows with some of what comes before it.
fn marked(app: &App, hit: &Hit, width: usize) -> Vec<Span<'static>> {
    let highlight = app
        .settings
        .theme
        .accent
        .add_modifier(Modifier::BOLD | Modifier::REVERSED);
    let text = &hit.text;
    let mut pieces: Vec<(String, bool)> = Vec::new();
    let mut from = 0;
    for m in &hit.matches {
        pieces.push((sanitize::line(&text[from..m.start]).into_owned(), false));
        pieces.push((sanitize::line(&text[m.clone()]).into_owned(), true));
        from = m.end;
    }
    pieces.push((sanitize::line(&text[from..]).into_owned(), false));
    // when the first match would be cut off, start late enough that it shows a third of
    // the way in
    let before = pieces[0].0.width();
    let first = pieces.get(1).map_or(0, |(p, _)| p.width());
    let keep = width / 3;
    if before + first >= width && before > keep {
        let cut = skip_columns(&pieces[0].0, before - keep);
        // from the start of a word, when one starts soon enough
        let word = cut
            .char_indices()
            .take(12)
            .find(|(_, c)| c.is_whitespace())
            .map_or(cut.as_str(), |(at, c)| &cut[at + c.len_utf8()..]);
        pieces[0].0 = format!("…{word}");
    }
    let mut spans = Vec::new();
    let mut left = width;
    for (piece, matched) in pieces {
        if left == 0 {
            break;
        }
        let shown = if piece.width() > left {
            fit(&piece, left)
        } else {
            piece
        };
        left -= shown.width().min(left);
        let style = if matched { highlight } else { Style::default() };
        spans.push(Span::styled(shown, style));
    }
    spans
}

/// `text` without its first `columns` columns.
fn skip_columns(text: &str, columns: usize) -> String {
    let mut skipped = 0;
    let mut chars = text.chars();
    for c in chars.by_ref() {
        skipped += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if skipped >= columns {
            break;
        }
    }
    chars.collect()
}
