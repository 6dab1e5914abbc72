//! Colour in the command line's text, decided at the output boundary.
//!
//! Commands mark spans with [`paint`]; the marks are private-use characters that survive
//! sanitising, and [`finish`] turns them into ANSI colours or drops them (`NO_COLOR`,
//! `--color never`, output to a pipe).

use std::io::IsTerminal;

use clap::ValueEnum;

/// When to use colour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// In a terminal, unless `NO_COLOR` is set.
    #[default]
    Auto,
    /// Always, even into a pipe or with `NO_COLOR`.
    Always,
    /// Never.
    Never,
}

/// Where colour is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colors {
    /// ANSI colours in command output.
    pub cli: bool,
    /// Colours in the dashboard and in tmux's status line.
    pub tui: bool,
}

impl Colors {
    /// Resolves `--color` against `NO_COLOR` (set and not empty) and whether stdout is a
    /// terminal.
    pub fn resolve(choice: ColorChoice, no_color: bool, stdout_is_terminal: bool) -> Self {
        match choice {
            ColorChoice::Always => Colors {
                cli: true,
                tui: true,
            },
            ColorChoice::Never => Colors {
                cli: false,
                tui: false,
            },
            ColorChoice::Auto => Colors {
                cli: !no_color && stdout_is_terminal,
                tui: !no_color,
            },
        }
    }

    /// Resolves `--color` in this process's environment.
    pub fn from_env(choice: ColorChoice) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Colors::resolve(choice, no_color, std::io::stdout().is_terminal())
    }
}

/// A way to paint a span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paint {
    /// Headings.
    Bold,
    /// Secondary text.
    Dim,
    /// Gaps.
    Gap,
    /// Progress and the active mark.
    Accent,
}

/// The first mark character; a paint's mark is this plus its index.
const MARK: u32 = 0xE000;
/// The mark that ends a painted span.
const END: char = '\u{E0FF}';

impl Paint {
    fn ansi(self) -> &'static str {
        match self {
            Paint::Bold => "\x1b[1m",
            Paint::Dim => "\x1b[2m",
            Paint::Gap => "\x1b[38;5;214m",
            Paint::Accent => "\x1b[38;5;108m",
        }
    }

    fn all() -> [Paint; 4] {
        [Paint::Bold, Paint::Dim, Paint::Gap, Paint::Accent]
    }
}

/// `text` marked to be shown in `paint`.
pub fn paint(paint: Paint, text: &str) -> String {
    let mark = char::from_u32(MARK + paint as u32).expect("marks are valid characters");
    format!("{mark}{text}{END}")
}

/// Whether `c` is one of the marks (user text never keeps them: see `out::clean`).
pub fn is_mark(c: char) -> bool {
    (MARK..=END as u32).contains(&(c as u32))
}

/// Turns the marks into ANSI colours, or removes them.
pub fn finish(text: &str, color: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !is_mark(c) {
            out.push(c);
        } else if color {
            let paint = Paint::all()
                .into_iter()
                .find(|p| MARK + *p as u32 == c as u32);
            out.push_str(paint.map_or("\x1b[0m", Paint::ansi));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_colours_or_nothing() {
        let text = format!("a {} b", paint(Paint::Gap, "gap"));
        assert_eq!(finish(&text, true), "a \x1b[38;5;214mgap\x1b[0m b");
        assert_eq!(finish(&text, false), "a gap b");
    }

    #[test]
    fn no_color_and_pipes_turn_it_off_unless_forced() {
        assert_eq!(
            Colors::resolve(ColorChoice::Auto, false, true),
            Colors {
                cli: true,
                tui: true
            }
        );
        assert_eq!(
            Colors::resolve(ColorChoice::Auto, true, true),
            Colors {
                cli: false,
                tui: false
            }
        );
        assert_eq!(
            Colors::resolve(ColorChoice::Auto, false, false),
            Colors {
                cli: false,
                tui: true
            }
        );
        assert_eq!(
            Colors::resolve(ColorChoice::Always, true, false),
            Colors {
                cli: true,
                tui: true
            }
        );
        assert_eq!(
            Colors::resolve(ColorChoice::Never, false, true),
            Colors {
                cli: false,
                tui: false
            }
        );
    }
}
