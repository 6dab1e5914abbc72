//! The resume briefing popup: the gap, the mission, where you were, what was decided.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::dialog::{self, boxed_with_hint};
use crate::context::Briefing;
use crate::tui::app::App;
use crate::tui::keymap::BriefingCommand;
use crate::tui::pages::{self, BRIEFING_WIDTH};

/// Draws the briefing popup; `held` names the key that woke the dashboard and was held.
pub fn render(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    (b, scroll, held): (&Briefing, u16, Option<&str>),
) {
    let width = pages::briefing_text_width(area.width);
    let lines = pages::briefing(app, b, held, width);
    let keys = &app.settings.keymap.briefing;
    let scrolling = [BriefingCommand::Down, BriefingCommand::Up]
        .into_iter()
        .filter_map(|c| keys.first_label(c))
        .collect::<Vec<_>>()
        .join(" ");
    let mut hint = dialog::hint(
        app,
        &[
            (keys.label(BriefingCommand::Close, 2), "back to work"),
            (scrolling, "scroll"),
        ],
    );
    let shown = (lines.len() as u16 + 3).min(area.height).saturating_sub(2);
    let scroll = scroll.min(pages::max_scroll(lines.len(), 3, area.height));
    match dialog::position(scroll, shown, lines.len()) {
        Some(p) => hint
            .spans
            .push(Span::styled(format!(" · {p} "), app.settings.theme.dim)),
        None => hint.spans.push(Span::raw(" ")),
    }
    let style = if b.after_gap {
        app.settings.theme.gap.patch(app.settings.theme.title)
    } else {
        app.settings.theme.title
    };
    let size = (BRIEFING_WIDTH, lines.len() as u16 + 3);
    let inner = boxed_with_hint(
        frame,
        app,
        area,
        Line::styled(pages::briefing_title(b), style),
        hint,
        size,
    );
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        inner,
    );
}
