//! Keys are data: a keymap maps key presses to commands, mode by mode (the dashboard, and
//! each kind of popup), and feeds the help popup and the hints.

mod key;
mod modes;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Debug;
use std::hash::Hash;

use ratatui::crossterm::event::KeyEvent;
use serde::de::DeserializeOwned;

use super::action::Command;
pub use key::Key;
pub use modes::{
    BriefingCommand, ConfirmCommand, FormCommand, MissionsCommand, Mode, ScrollCommand,
    SearchCommand,
};

/// The default bindings, as shipped in `assets/keymap.toml`.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// Something a key can be bound to: the commands of one mode.
pub trait Bindable: Copy + Ord + Hash + Debug + DeserializeOwned {
    /// What the command does, for the help.
    fn describe(self) -> &'static str;

    /// The command's name in the keymap (`add_step`).
    fn name(self) -> String {
        let debug = format!("{self:?}");
        let mut out = String::new();
        for (i, c) in debug.chars().enumerate() {
            if c.is_uppercase() && i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        }
        out
    }

    /// The command with this keymap name, if any.
    fn from_name(name: &str) -> Option<Self> {
        toml::Value::String(name.to_string()).try_into().ok()
    }
}

/// Bindings by name, as written: mode → command → keys.
pub type Names = BTreeMap<Mode, BTreeMap<String, Vec<String>>>;

/// A bound command's keys and what it does, for the help.
pub type Described<'a> = (&'a [Key], &'static str);

/// One mode's bindings: key presses → commands, in both directions.
#[derive(Clone, Debug)]
pub struct Bindings<C> {
    by_key: HashMap<Key, C>,
    by_command: BTreeMap<C, Vec<Key>>,
}

impl<C: Bindable> Bindings<C> {
    /// Builds a mode's bindings from names; an unknown command or key, or a key bound to
    /// two commands, is refused.
    fn from_names(
        mode: Mode,
        names: Option<&BTreeMap<String, Vec<String>>>,
    ) -> Result<Self, KeymapError> {
        let refuse = |commands: Vec<String>, message: String| KeymapError {
            mode,
            commands,
            message,
        };
        // In the commands' own order, so that a clash names them the way the help lists them.
        let mut typed = BTreeMap::new();
        for (name, keys) in names.into_iter().flatten() {
            let command = C::from_name(name)
                .ok_or_else(|| refuse(vec![name.clone()], format!("unknown command '{name}'")))?;
            typed.insert(command, keys);
        }
        let mut by_key = HashMap::new();
        let mut by_command = BTreeMap::new();
        for (command, keys) in typed {
            let mut parsed = Vec::new();
            for text in keys {
                let key = Key::parse(text).map_err(|m| refuse(vec![command.name()], m))?;
                if let Some(other) = by_key.insert(key, command).filter(|c| *c != command) {
                    let message = format!(
                        "the key '{text}' is bound to both {} and {}",
                        other.name(),
                        command.name()
                    );
                    return Err(refuse(vec![command.name(), other.name()], message));
                }
                parsed.push(key);
            }
            by_command.insert(command, parsed);
        }
        Ok(Bindings { by_key, by_command })
    }

    /// The command bound to a key press, if any.
    pub fn command(&self, event: &KeyEvent) -> Option<C> {
        self.by_key.get(&Key::from_event(event)).copied()
    }

    /// The command bound to a key press or, failing that, to the same key without its
    /// modifiers: popups have always taken `ctrl-y` for `y`, and still do.
    pub fn command_or_plain(&self, event: &KeyEvent) -> Option<C> {
        let key = Key::from_event(event);
        self.by_key
            .get(&key)
            .or_else(|| self.by_key.get(&key.plain()))
            .copied()
    }

    /// The keys bound to a command.
    pub fn keys(&self, command: C) -> &[Key] {
        self.by_command.get(&command).map_or(&[], Vec::as_slice)
    }

    /// The first key of a command, as shown in the footer.
    pub fn first_label(&self, command: C) -> Option<String> {
        self.keys(command).first().map(Key::label)
    }

    /// The command bound to a key press that does not type a character: what a key means
    /// while text is typed in a list's filter.
    pub fn command_not_typing(&self, event: &KeyEvent) -> Option<C> {
        let key = Key::from_event(event);
        (!key.types()).then(|| self.by_key.get(&key).copied())?
    }

    /// The first key of a command that does not type a character, as a hint while typing.
    pub fn label_not_typing(&self, command: C) -> String {
        let key = self.keys(command).iter().find(|k| !k.types());
        key.map(Key::label).unwrap_or_default()
    }

    /// Up to `n` keys of a command for a hint: `n / esc`; empty when it has none.
    pub fn label(&self, command: C, n: usize) -> String {
        let labels: Vec<String> = self.keys(command).iter().take(n).map(Key::label).collect();
        labels.join(" / ")
    }

    /// Every bound command with its keys, in the commands' order (for the help).
    pub fn entries(&self) -> impl Iterator<Item = (C, &[Key])> {
        self.by_command
            .iter()
            .filter(|(_, keys)| !keys.is_empty())
            .map(|(c, keys)| (*c, keys.as_slice()))
    }

    /// Every bound command's keys and description, for the help.
    fn described(&self) -> Vec<Described<'_>> {
        self.entries()
            .map(|(c, keys)| (keys, c.describe()))
            .collect()
    }
}

/// The keys of the dashboard and of its popups, mode by mode.
#[derive(Clone, Debug)]
pub struct Keymap {
    /// The dashboard's own keys.
    pub main: Bindings<Command>,
    /// A yes/no question.
    pub confirm: Bindings<ConfirmCommand>,
    /// The resume briefing.
    pub briefing: Bindings<BriefingCommand>,
    /// The help and the stats.
    pub scroll: Bindings<ScrollCommand>,
    /// The missions list.
    pub missions: Bindings<MissionsCommand>,
    /// Text fields.
    pub form: Bindings<FormCommand>,
    /// The search view.
    pub search: Bindings<SearchCommand>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::parse(DEFAULT_KEYMAP).expect("the default keymap is valid")
    }
}

impl Keymap {
    /// Reads a keymap in TOML: `command = ["key", ...]` lines for the dashboard, then a
    /// table per popup mode (`[confirm]`...); a key bound twice within a mode is refused.
    pub fn parse(text: &str) -> Result<Self, String> {
        Keymap::from_names(&parse_names(text)?).map_err(|e| e.message)
    }

    /// The default bindings by name.
    pub fn default_names() -> Names {
        parse_names(DEFAULT_KEYMAP).expect("the default keymap is valid")
    }

    /// Builds a keymap from bindings by name.
    pub fn from_names(names: &Names) -> Result<Self, KeymapError> {
        Ok(Keymap {
            main: Bindings::from_names(Mode::Main, names.get(&Mode::Main))?,
            confirm: Bindings::from_names(Mode::Confirm, names.get(&Mode::Confirm))?,
            briefing: Bindings::from_names(Mode::Briefing, names.get(&Mode::Briefing))?,
            scroll: Bindings::from_names(Mode::Scroll, names.get(&Mode::Scroll))?,
            missions: Bindings::from_names(Mode::Missions, names.get(&Mode::Missions))?,
            form: Bindings::from_names(Mode::Form, names.get(&Mode::Form))?,
            search: Bindings::from_names(Mode::Search, names.get(&Mode::Search))?,
        })
    }

    /// The dashboard command bound to a key press, if any.
    pub fn command(&self, event: &KeyEvent) -> Option<Command> {
        self.main.command(event)
    }

    /// The keys bound to a dashboard command.
    pub fn keys(&self, command: Command) -> &[Key] {
        self.main.keys(command)
    }

    /// The first key of a dashboard command, as shown in the footer.
    pub fn first_label(&self, command: Command) -> Option<String> {
        self.main.first_label(command)
    }

    /// Every bound dashboard command with its keys.
    pub fn entries(&self) -> impl Iterator<Item = (Command, &[Key])> {
        self.main.entries()
    }

    /// Every mode with its bound keys and what they do, in the order of the help.
    pub fn sections(&self) -> Vec<(Mode, Vec<Described<'_>>)> {
        Mode::ALL
            .into_iter()
            .map(|mode| {
                let entries = match mode {
                    Mode::Main => self.main.described(),
                    Mode::Confirm => self.confirm.described(),
                    Mode::Briefing => self.briefing.described(),
                    Mode::Scroll => self.scroll.described(),
                    Mode::Missions => self.missions.described(),
                    Mode::Form => self.form.described(),
                    Mode::Search => self.search.described(),
                };
                (mode, entries)
            })
            .collect()
    }
}

/// Why a keymap was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeymapError {
    /// The mode concerned.
    pub mode: Mode,
    /// The names of the commands whose bindings clash (or of the one that is wrong).
    pub commands: Vec<String>,
    /// What is wrong.
    pub message: String,
}

/// Reads a keymap's text into names: arrays at the top level, tables for modes.
fn parse_names(text: &str) -> Result<Names, String> {
    let table: toml::Table = toml::from_str(text).map_err(|e| e.message().trim().to_string())?;
    let mut names = Names::new();
    for (name, value) in table {
        match value {
            toml::Value::Table(bindings) => {
                let mode = Mode::from_table(&name).ok_or(format!("unknown mode '{name}'"))?;
                let entries = names.entry(mode).or_default();
                for (command, keys) in bindings {
                    entries.insert(command.clone(), key_names(&command, keys)?);
                }
            }
            keys => {
                let keys = key_names(&name, keys)?;
                names.entry(Mode::Main).or_default().insert(name, keys);
            }
        }
    }
    Ok(names)
}

/// A binding's keys: a list of names.
fn key_names(command: &str, keys: toml::Value) -> Result<Vec<String>, String> {
    keys.try_into()
        .map_err(|_| format!("{command}: expected a list of keys like [\"l\", \"ctrl-l\"]"))
}

#[cfg(test)]
mod tests;
