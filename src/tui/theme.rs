//! The dashboard's colours and styles, in one place: built-in themes and per-element colours.

use std::str::FromStr;

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

/// The names of the built-in themes.
pub const THEMES: &[&str] = &["dark", "light", "high-contrast"];

/// The elements whose colour `[colors]` in config.toml can set.
pub const ELEMENTS: &[&str] = &[
    "text",
    "dim",
    "title",
    "gap",
    "date",
    "border",
    "border_focused",
    "selected",
    "done",
    "accent",
    "key",
    "error",
    "ok",
];

impl Default for Theme {
    fn default() -> Self {
        Theme::dark()
    }
}

impl Theme {
    /// Calm colours for a dark terminal.
    pub fn dark() -> Self {
        Theme::from_palette([245, 214, 110, 240, 110, 237, 235, 245, 108, 110, 203, 108])
    }

    /// Calm colours for a light terminal.
    pub fn light() -> Self {
        Theme::from_palette([244, 166, 25, 250, 25, 254, 255, 246, 28, 25, 160, 28])
    }

    /// The sixteen basic colours, bold where it helps, for low vision or odd terminals.
    pub fn high_contrast() -> Self {
        let bold = Modifier::BOLD;
        Theme {
            text: Style::new().fg(Color::White),
            dim: Style::new().fg(Color::Gray),
            title: Style::new().fg(Color::White).add_modifier(bold),
            gap: Style::new().fg(Color::LightYellow).add_modifier(bold),
            date: Style::new().fg(Color::LightCyan).add_modifier(bold),
            border: Style::new().fg(Color::Gray),
            border_focused: Style::new().fg(Color::LightCyan).add_modifier(bold),
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::LightCyan)
                .add_modifier(bold),
            selected_unfocused: Style::new().fg(Color::Black).bg(Color::Gray),
            done: Style::new().fg(Color::Gray),
            accent: Style::new().fg(Color::LightGreen),
            key: Style::new().fg(Color::LightCyan).add_modifier(bold),
            error: Style::new().fg(Color::LightRed).add_modifier(bold),
            ok: Style::new().fg(Color::LightGreen),
        }
    }

    /// No colour at all (`NO_COLOR`): emphasis by weight and reversal only.
    pub fn monochrome() -> Self {
        let plain = Style::new();
        Theme {
            text: plain,
            dim: plain.add_modifier(Modifier::DIM),
            title: plain.add_modifier(Modifier::BOLD),
            gap: plain.add_modifier(Modifier::BOLD),
            date: plain.add_modifier(Modifier::UNDERLINED),
            border: plain,
            border_focused: plain.add_modifier(Modifier::BOLD),
            selected: plain.add_modifier(Modifier::REVERSED),
            selected_unfocused: plain.add_modifier(Modifier::UNDERLINED),
            done: plain.add_modifier(Modifier::DIM),
            accent: plain,
            key: plain.add_modifier(Modifier::BOLD),
            error: plain.add_modifier(Modifier::BOLD),
            ok: plain,
        }
    }

    /// A built-in theme by name.
    pub fn by_name(name: &str) -> Option<Self> {
        match name {
            "dark" => Some(Theme::dark()),
            "light" => Some(Theme::light()),
            "high-contrast" | "high_contrast" => Some(Theme::high_contrast()),
            _ => None,
        }
    }

    /// A theme from indexed colours, one for each field after `text` and `title`, in the
    /// order of the fields (selections as backgrounds). Text and titles keep the terminal's
    /// own colour, so they read on any background.
    fn from_palette(p: [u8; 12]) -> Self {
        let fg = |i: usize| Style::new().fg(Color::Indexed(p[i]));
        Theme {
            text: Style::new(),
            dim: fg(0),
            title: Style::new().add_modifier(Modifier::BOLD),
            gap: fg(1),
            date: fg(2).add_modifier(Modifier::BOLD),
            border: fg(3),
            border_focused: fg(4),
            selected: Style::new()
                .bg(Color::Indexed(p[5]))
                .add_modifier(Modifier::BOLD),
            selected_unfocused: Style::new().bg(Color::Indexed(p[6])),
            done: fg(7),
            accent: fg(8),
            key: fg(9).add_modifier(Modifier::BOLD),
            error: fg(10),
            ok: fg(11),
        }
    }

    /// Sets one element's colour (`selected` sets the background) from a name (`red`,
    /// `light-blue`), an index (`214`) or `#rrggbb`.
    pub fn set(&mut self, element: &str, color: &str) -> Result<(), String> {
        let color = Color::from_str(color).map_err(|_| {
            format!("'{color}' is not a colour: use a name like red, a number 0-255, or #rrggbb")
        })?;
        let style = match element {
            "text" => &mut self.text,
            "dim" => &mut self.dim,
            "title" => &mut self.title,
            "gap" => &mut self.gap,
            "date" => &mut self.date,
            "border" => &mut self.border,
            "border_focused" => &mut self.border_focused,
            "selected" => {
                self.selected = self.selected.bg(color);
                return Ok(());
            }
            "done" => &mut self.done,
            "accent" => &mut self.accent,
            "key" => &mut self.key,
            "error" => &mut self.error,
            "ok" => &mut self.ok,
            other => {
                return Err(format!(
                    "unknown element '{other}' (known: {})",
                    ELEMENTS.join(", ")
                ));
            }
        };
        *style = style.fg(color);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_theme_has_a_name_and_sets_gaps_apart() {
        for name in THEMES {
            let theme = Theme::by_name(name).unwrap();
            assert_ne!(theme.gap, theme.text, "{name}");
        }
        assert_eq!(Theme::by_name("neon"), None);
    }

    #[test]
    fn elements_take_names_numbers_and_hex() {
        let mut theme = Theme::dark();
        theme.set("gap", "red").unwrap();
        theme.set("accent", "#00ff00").unwrap();
        theme.set("selected", "236").unwrap();
        assert_eq!(theme.gap.fg, Some(Color::Red));
        assert_eq!(theme.accent.fg, Some(Color::Rgb(0, 255, 0)));
        assert_eq!(theme.selected.bg, Some(Color::Indexed(236)));
        assert!(theme.set("gap", "blurple").is_err());
        assert!(theme.set("sidebar", "red").is_err());
    }

    #[test]
    fn every_palette_entry_is_drawn() {
        let palette: [u8; 12] = std::array::from_fn(|i| 100 + i as u8);
        let theme = Theme::from_palette(palette);
        let styles = [
            theme.dim,
            theme.gap,
            theme.date,
            theme.border,
            theme.border_focused,
            theme.selected,
            theme.selected_unfocused,
            theme.done,
            theme.accent,
            theme.key,
            theme.error,
            theme.ok,
        ];
        for entry in palette {
            let drawn = styles.iter().any(|s| {
                s.fg == Some(Color::Indexed(entry)) || s.bg == Some(Color::Indexed(entry))
            });
            assert!(drawn, "palette entry {entry} is never drawn");
        }
    }

    #[test]
    fn the_calm_themes_keep_their_colours() {
        let dark = Theme::dark();
        assert_eq!((dark.text, dark.title.fg), (Style::new(), None));
        assert_eq!(dark.dim.fg, Some(Color::Indexed(245)));
        assert_eq!(dark.gap.fg, Some(Color::Indexed(214)));
        assert_eq!(dark.selected.bg, Some(Color::Indexed(237)));
        assert_eq!(dark.ok.fg, Some(Color::Indexed(108)));
        let light = Theme::light();
        assert_eq!(light.dim.fg, Some(Color::Indexed(244)));
        assert_eq!(light.selected_unfocused.bg, Some(Color::Indexed(255)));
        assert_eq!(light.error.fg, Some(Color::Indexed(160)));
    }

    #[test]
    fn monochrome_has_no_colour() {
        let theme = Theme::monochrome();
        for style in [
            theme.text,
            theme.gap,
            theme.selected,
            theme.accent,
            theme.key,
        ] {
            assert_eq!((style.fg, style.bg), (None, None));
        }
    }
}
