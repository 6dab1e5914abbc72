//! One list widget for every pane: items of one or more rows drawn from the pane's first
//! shown item, the selected one highlighted across the pane's width.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::selection_style;
use crate::tui::app::{App, ListView, Pane};

/// One item's rows.
pub struct Item {
    /// Every row of the item.
    pub lines: Vec<Line<'static>>,
    /// The first row the selection highlights (rows before it, like a date, stay plain).
    pub selectable_from: usize,
}

impl From<Vec<Line<'static>>> for Item {
    fn from(lines: Vec<Line<'static>>) -> Self {
        Item {
            lines,
            selectable_from: 0,
        }
    }
}

/// Draws `len` items of `pane` into `inner`, from the view's offset down, highlighting the
/// selected one; `item(i)` gives item `i`'s rows.
pub fn render(
    frame: &mut Frame,
    app: &App,
    pane: Pane,
    inner: Rect,
    (view, len): (&ListView, usize),
    item: impl Fn(usize) -> Item,
) {
    let style = selection_style(app, pane);
    let height = inner.height as usize;
    let mut lines = Vec::with_capacity(height);
    let mut i = view.offset.min(len.saturating_sub(1));
    while lines.len() < height && i < len {
        let Item {
            lines: mut rows,
            selectable_from,
        } = item(i);
        if i == view.selected {
            for row in rows.iter_mut().skip(selectable_from) {
                let pad = (inner.width as usize).saturating_sub(row.width());
                row.spans.push(Span::raw(" ".repeat(pad)));
                *row = std::mem::take(row).patch_style(style);
            }
        }
        lines.extend(rows);
        i += 1;
    }
    lines.truncate(height);
    frame.render_widget(Paragraph::new(lines), inner);
}
