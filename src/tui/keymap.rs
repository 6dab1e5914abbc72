//! Keys are data: a keymap maps key presses to commands and feeds the help popup.

use std::collections::{BTreeMap, HashMap};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Command;

/// The default bindings, as shipped in `assets/keymap.toml`.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// A key with its modifiers, normalised so that `D` and shift-`d` are the same key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    code: KeyCode,
    modifiers: KeyModifiers,
}

impl Key {
    /// The key of a key event.
    pub fn from_event(event: &KeyEvent) -> Self {
        let mut modifiers =
            event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        Key {
            code: event.code,
            modifiers,
        }
    }

    /// Parses `l`, `D`, `?`, `space`, `ctrl-c`, `pagedown`, `shift-tab`...
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (flag, len) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") && rest.len() > 6 {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            modifiers |= flag;
            rest = &rest[len..];
        }
        let code = match rest.to_ascii_lowercase().as_str() {
            "space" => KeyCode::Char(' '),
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "backspace" => KeyCode::Backspace,
            "delete" => KeyCode::Delete,
            _ => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if modifiers.contains(KeyModifiers::SHIFT) => {
                        KeyCode::Char(c.to_ascii_uppercase())
                    }
                    (Some(c), None) => KeyCode::Char(c),
                    _ => return Err(format!("unknown key '{text}'")),
                }
            }
        };
        Ok(Key::from_event(&KeyEvent::new(code, modifiers)))
    }

    /// How the key is shown in the footer and the help: `l`, `space`, `ctrl-c`.
    pub fn label(&self) -> String {
        let mut out = String::new();
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            out.push_str("ctrl-");
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            out.push_str("alt-");
        }
        let name = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "enter".into(),
            KeyCode::Esc => "esc".into(),
            KeyCode::Tab => "tab".into(),
            KeyCode::BackTab => "shift-tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "home".into(),
            KeyCode::End => "end".into(),
            KeyCode::PageUp => "pgup".into(),
            KeyCode::PageDown => "pgdn".into(),
            KeyCode::Backspace => "backspace".into(),
            KeyCode::Delete => "del".into(),
            other => format!("{other:?}").to_lowercase(),
        };
        out.push_str(&name);
        out
    }
}

/// Key presses → commands, in both directions.
#[derive(Clone, Debug)]
pub struct Keymap {
    by_key: HashMap<Key, Command>,
    by_command: BTreeMap<Command, Vec<Key>>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::parse(DEFAULT_KEYMAP).expect("the default keymap is valid")
    }
}

impl Keymap {
    /// Reads a keymap in TOML (`command = ["key", ...]`); a key bound twice is refused.
    pub fn parse(text: &str) -> Result<Self, String> {
        Keymap::from_bindings(parse_bindings(text)?).map_err(|e| e.message)
    }

    /// The default bindings, command by command.
    pub fn default_bindings() -> BTreeMap<Command, Vec<String>> {
        parse_bindings(DEFAULT_KEYMAP).expect("the default keymap is valid")
    }

    /// Builds a keymap from bindings; a key bound to two commands is refused.
    pub fn from_bindings(bindings: BTreeMap<Command, Vec<String>>) -> Result<Self, KeymapError> {
        let mut by_key = HashMap::new();
        let mut by_command = BTreeMap::new();
        for (command, keys) in bindings {
            let mut parsed = Vec::new();
            for text in keys {
                let key = Key::parse(&text).map_err(|message| KeymapError {
                    commands: vec![command],
                    message,
                })?;
                if let Some(other) = by_key.insert(key, command).filter(|c| *c != command) {
                    return Err(KeymapError {
                        commands: vec![command, other],
                        message: format!(
                            "the key '{text}' is bound to both {} and {}",
                            other.name(),
                            command.name()
                        ),
                    });
                }
                parsed.push(key);
            }
            by_command.insert(command, parsed);
        }
        Ok(Keymap { by_key, by_command })
    }

    /// The command bound to a key press, if any.
    pub fn command(&self, event: &KeyEvent) -> Option<Command> {
        self.by_key.get(&Key::from_event(event)).copied()
    }

    /// The keys bound to a command.
    pub fn keys(&self, command: Command) -> &[Key] {
        self.by_command.get(&command).map_or(&[], Vec::as_slice)
    }

    /// The first key of a command, as shown in the footer.
    pub fn first_label(&self, command: Command) -> Option<String> {
        self.keys(command).first().map(Key::label)
    }

    /// Every bound command with its keys, in a stable order (for the help popup).
    pub fn entries(&self) -> impl Iterator<Item = (Command, &[Key])> {
        self.by_command
            .iter()
            .filter(|(_, keys)| !keys.is_empty())
            .map(|(c, keys)| (*c, keys.as_slice()))
    }
}

/// Why a keymap was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeymapError {
    /// The commands whose bindings clash (or the one with an unknown key).
    pub commands: Vec<Command>,
    /// What is wrong.
    pub message: String,
}

/// Reads `command = ["key", ...]` lines.
fn parse_bindings(text: &str) -> Result<BTreeMap<Command, Vec<String>>, String> {
    toml::from_str(text).map_err(|e| e.message().trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn the_default_keymap_binds_every_documented_key() {
        let keymap = Keymap::default();
        let cases = [
            (press(KeyCode::Char('l'), KeyModifiers::NONE), Command::Log),
            (
                press(KeyCode::Char(' '), KeyModifiers::NONE),
                Command::ToggleStep,
            ),
            (
                press(KeyCode::Char('D'), KeyModifiers::SHIFT),
                Command::Delete,
            ),
            (
                press(KeyCode::Char('c'), KeyModifiers::CONTROL),
                Command::Quit,
            ),
            (
                press(KeyCode::BackTab, KeyModifiers::SHIFT),
                Command::PreviousPane,
            ),
            (
                press(KeyCode::PageDown, KeyModifiers::NONE),
                Command::PageDown,
            ),
            (press(KeyCode::Char('?'), KeyModifiers::NONE), Command::Help),
        ];
        for (event, want) in cases {
            assert_eq!(keymap.command(&event), Some(want), "{event:?}");
        }
        assert_eq!(
            keymap.command(&press(KeyCode::Char('z'), KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn a_key_bound_twice_is_refused() {
        let err = Keymap::parse("log = [\"l\"]\nquit = [\"l\"]\n").unwrap_err();
        assert_eq!(err, "the key 'l' is bound to both log and quit");
    }

    #[test]
    fn unknown_keys_and_commands_are_refused() {
        assert!(Keymap::parse("log = [\"hyper-l\"]").is_err());
        assert!(Keymap::parse("launch = [\"l\"]").is_err());
    }

    #[test]
    fn labels_read_naturally() {
        assert_eq!(Key::parse("ctrl-c").unwrap().label(), "ctrl-c");
        assert_eq!(Key::parse("space").unwrap().label(), "space");
        assert_eq!(Key::parse("D").unwrap().label(), "D");
    }
}
