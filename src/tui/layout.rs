//! Where each region goes, for any terminal size. Shared by rendering and by `update`
//! (which needs the panes' heights to keep selections in view).

use ratatui::layout::{Constraint, Layout, Rect};

use crate::tui::app::Pane;

/// Below this width the panes are shown one at a time (the focused one).
pub const NARROW: u16 = 72;

/// The regions of the screen; a hidden region is an empty rectangle.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Areas {
    /// The header line.
    pub header: Rect,
    /// The activity strip.
    pub activity: Rect,
    /// The timeline pane (with its border).
    pub timeline: Rect,
    /// The next-steps pane (with its border).
    pub steps: Rect,
    /// The key-decisions pane (with its border).
    pub decisions: Rect,
    /// The footer line.
    pub footer: Rect,
}

impl Areas {
    /// A pane's rectangle.
    pub fn pane(&self, pane: Pane) -> Rect {
        match pane {
            Pane::Timeline => self.timeline,
            Pane::Steps => self.steps,
            Pane::Decisions => self.decisions,
        }
    }

    /// The pane under a screen cell, if any.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        let position = ratatui::layout::Position::new(column, row);
        [Pane::Timeline, Pane::Steps, Pane::Decisions]
            .into_iter()
            .find(|p| self.pane(*p).contains(position))
    }
}

/// The inside of a bordered pane.
pub fn inner(rect: Rect) -> Rect {
    Rect {
        x: rect.x.saturating_add(1),
        y: rect.y.saturating_add(1),
        width: rect.width.saturating_sub(2),
        height: rect.height.saturating_sub(2),
    }
}

/// Lays out a screen of `area` with `focus` on one pane.
pub fn areas(area: Rect, focus: Pane) -> Areas {
    let mut out = Areas::default();
    let show_activity = area.height >= 10;
    let show_footer = area.height >= 4;
    let [header, activity, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::from(show_activity)),
        Constraint::Fill(1),
        Constraint::Length(u16::from(show_footer)),
    ])
    .areas(area);
    out.header = header;
    out.activity = activity;
    out.footer = footer;
    if area.width < NARROW {
        match focus {
            Pane::Timeline => out.timeline = body,
            Pane::Steps => out.steps = body,
            Pane::Decisions => out.decisions = body,
        }
        return out;
    }
    let side = (area.width * 2 / 5).clamp(30, 56);
    let [timeline, right] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(side)]).areas(body);
    let [steps, decisions] =
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(right);
    out.timeline = timeline;
    out.steps = steps;
    out.decisions = decisions;
    out
}
