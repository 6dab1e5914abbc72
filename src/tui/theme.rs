//! The dashboard's colours and styles, in one place.

use ratatui::style::{Color, Modifier, Style};

/// Every style the dashboard uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    /// Ordinary text.
    pub text: Style,
    /// Secondary text: times, kinds, hints.
    pub dim: Style,
    /// The session id and mission title.
    pub title: Style,
    /// Gap rows, the gap part of the activity strip, a late "last" in the header.
    pub gap: Style,
    /// Day-change rows.
    pub date: Style,
    /// Borders of panes that do not have focus.
    pub border: Style,
    /// The border of the pane with focus.
    pub border_focused: Style,
    /// The selected row in the pane with focus.
    pub selected: Style,
    /// The selected row in a pane without focus.
    pub selected_unfocused: Style,
    /// Done steps.
    pub done: Style,
    /// The filled part of the progress gauge and the activity bars.
    pub accent: Style,
    /// Keys in the footer and the help.
    pub key: Style,
    /// A message that something went wrong.
    pub error: Style,
    /// A message that something worked.
    pub ok: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::dark()
    }
}

impl Theme {
    /// Calm colours for a dark terminal.
    pub fn dark() -> Self {
        let gap = Color::Indexed(214);
        Theme {
            text: Style::new(),
            dim: Style::new().fg(Color::Indexed(245)),
            title: Style::new().add_modifier(Modifier::BOLD),
            gap: Style::new().fg(gap),
            date: Style::new()
                .fg(Color::Indexed(110))
                .add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::Indexed(240)),
            border_focused: Style::new().fg(Color::Indexed(110)),
            selected: Style::new()
                .bg(Color::Indexed(237))
                .add_modifier(Modifier::BOLD),
            selected_unfocused: Style::new().bg(Color::Indexed(235)),
            done: Style::new().fg(Color::Indexed(245)),
            accent: Style::new().fg(Color::Indexed(108)),
            key: Style::new()
                .fg(Color::Indexed(110))
                .add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::Indexed(203)),
            ok: Style::new().fg(Color::Indexed(108)),
        }
    }
}
