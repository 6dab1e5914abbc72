//! A dialog: a centred, bordered box drawn over the panes, with a title and the keys that
//! work on its bottom border. Every popup is drawn inside one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear};

use crate::tui::app::App;
use crate::tui::keymap::ScrollCommand;

/// Clears a centred box of at most `width` × `height` and draws its border; returns the inside.
pub fn boxed<'t>(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    title: impl Into<Line<'t>>,
    width: u16,
    height: u16,
) -> Rect {
    boxed_with_hint(frame, app, area, title, Line::default(), (width, height))
}

/// Like [`boxed`], with a hint (the keys that work) on the bottom border.
pub fn boxed_with_hint<'t>(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    title: impl Into<Line<'t>>,
    hint: Line<'t>,
    (width, height): (u16, u16),
) -> Rect {
    let rect = area.centered(
        Constraint::Length(width.min(area.width)),
        Constraint::Length(height.min(area.height)),
    );
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(app.settings.theme.border_focused);
    let title: Line = title.into();
    let block = block
        .title(title.patch_style(app.settings.theme.title))
        .title_bottom(hint);
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    inner
}

/// The keys that work, for a popup: ` y yes · n / esc no`; a command without keys is left
/// out.
pub fn hint(app: &App, pieces: &[(String, &str)]) -> Line<'static> {
    let theme = &app.settings.theme;
    let mut spans = vec![Span::raw(" ")];
    for (keys, what) in pieces.iter().filter(|(keys, _)| !keys.is_empty()) {
        if spans.len() > 1 {
            spans.push(Span::styled(" · ", theme.dim));
        }
        spans.push(Span::styled(keys.clone(), theme.key));
        spans.push(Span::styled(format!(" {what}"), theme.dim));
    }
    Line::from(spans)
}

/// The first keys of scrolling down and up: `j k`.
pub fn scroll_keys(app: &App) -> String {
    let keys = &app.settings.keymap.scroll;
    let labels: Vec<String> = [ScrollCommand::Down, ScrollCommand::Up]
        .into_iter()
        .filter_map(|c| keys.first_label(c))
        .collect();
    labels.join(" ")
}

/// Where a scrolled popup stands, for its bottom border when it does not show all its
/// lines: ` 21–40 of 58 ↓ ` (the arrows say which way there is more).
pub fn position(scroll: u16, shown: u16, total: usize) -> Option<String> {
    let (first, shown) = (scroll as usize, shown as usize);
    if shown == 0 || total <= shown {
        return None;
    }
    let last = (first + shown).min(total);
    let up = if first > 0 { "↑" } else { "" };
    let down = if last < total { "↓" } else { "" };
    Some(format!("{}–{last} of {total} {up}{down}", first + 1))
}
