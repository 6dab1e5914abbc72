//! Where colour is used: decided once from `--color`, `NO_COLOR` and the terminal, for the
//! command line's output and the dashboard alike.

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
        Colors::resolve(choice, no_color(), std::io::stdout().is_terminal())
    }
}

/// Whether `NO_COLOR` is set (and not empty).
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Whether a report on stderr (a panic's, before the arguments are read) may be in
/// colour: stderr is a terminal and `NO_COLOR` is not set.
pub fn on_stderr() -> bool {
    !no_color() && std::io::stderr().is_terminal()
}

#[cfg(test)]
mod tests {
    use super::*;

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
