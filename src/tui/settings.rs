//! The dashboard's settings, read from the config: its theme, colours and keys are read
//! here, not by config, so a bad one stops only the dashboard (with its file, key and line)
//! and is a mere warning for commands.

use std::collections::HashMap;
use std::time::Duration;

use chrono::TimeDelta;

use super::keymap::{Keymap, Mode};
use super::theme::{ELEMENTS, THEMES, Theme};
use crate::config::{Config, ConfigError, Dashboard, Written, WrittenValue};
use crate::zone::Zone;

/// What the dashboard takes from the config and the environment.
#[derive(Clone, Debug)]
pub struct Settings {
    /// A silence longer than this is a gap.
    pub threshold: TimeDelta,
    /// Where times are shown.
    pub zone: Zone,
    /// Key bindings, mode by mode.
    pub keymap: Keymap,
    /// Colours.
    pub theme: Theme,
    /// How dates are shown (strftime).
    pub date_format: String,
    /// How times of day are shown (strftime).
    pub time_format: String,
    /// How often the clock should be refreshed (`tick_rate`).
    pub tick_rate: Duration,
    /// The folder the dashboard was opened in, when it is in a git repository: a mission
    /// started here follows it.
    pub here: Option<std::path::PathBuf>,
    /// Whether the dashboard runs inside tmux (`$TMUX`): a shell opens in a split.
    pub tmux: bool,
}

impl Settings {
    /// The settings of a config, shown in `zone`, with warnings about what is ignored; a
    /// bad dashboard setting is refused with its file, key and line.
    pub fn load(config: &Config, zone: Zone) -> Result<(Self, Vec<String>), ConfigError> {
        let read = read(&config.dashboard)?;
        let settings = Settings::with(config, zone, read.keymap, read.theme);
        Ok((settings, read.warnings))
    }

    /// Like [`Settings::load`], with the defaults in place of bad dashboard settings: for
    /// a config that was [`check`]ed before.
    pub fn from_config(config: &Config, zone: Zone) -> Self {
        match Settings::load(config, zone) {
            Ok((settings, _)) => settings,
            Err(_) => Settings::with(config, zone, Keymap::default(), Theme::default()),
        }
    }

    fn with(config: &Config, zone: Zone, keymap: Keymap, theme: Theme) -> Self {
        Settings {
            threshold: config.gap_threshold,
            zone,
            keymap,
            theme,
            date_format: config.date_format.clone(),
            time_format: config.time_format.clone(),
            tick_rate: config.tick_rate,
            here: None,
            tmux: false,
        }
    }
}

/// Checks the dashboard's settings: the warnings about what is ignored, or the first bad
/// setting (as config would name it). A config that sets none costs nothing.
pub fn check(config: &Config) -> Result<Vec<String>, ConfigError> {
    if !config.dashboard.is_set() {
        return Ok(Vec::new());
    }
    read(&config.dashboard).map(|read| read.warnings)
}

/// The dashboard's settings, read.
struct Read {
    keymap: Keymap,
    theme: Theme,
    warnings: Vec<String>,
}

fn read(dashboard: &Dashboard) -> Result<Read, ConfigError> {
    if let Some(flaw) = dashboard.first_flaw() {
        return Err(flaw);
    }
    let mut warnings = Vec::new();
    let theme = theme(dashboard, &mut warnings)?;
    let keymap = keymap(dashboard, &mut warnings)?;
    Ok(Read {
        keymap,
        theme,
        warnings,
    })
}

/// The theme named, with `[colors]` laid over it.
fn theme(d: &Dashboard, warnings: &mut Vec<String>) -> Result<Theme, ConfigError> {
    let mut theme = Theme::default();
    if let Some(written) = &d.theme {
        let name = text(d, "theme", written, "a theme name like \"dark\"")?;
        theme = Theme::by_name(name).ok_or_else(|| {
            let known = THEMES.join(", ");
            d.invalid(
                "theme",
                written.line,
                format!("unknown theme '{name}' (known: {known})"),
            )
        })?;
    }
    let Some(colors) = &d.colors else {
        return Ok(theme);
    };
    for (element, color) in table(d, "colors", colors)? {
        let key = format!("colors.{element}");
        if !ELEMENTS.contains(&element.as_str()) {
            warnings.push(d.ignored(&key, color.line, "is not an element of the theme"));
            continue;
        }
        let value = text(
            d,
            &key,
            color,
            "a colour like \"red\", \"214\" or \"#ffaf00\"",
        )?;
        theme
            .set(element, value)
            .map_err(|message| d.invalid(&key, color.line, message))?;
    }
    Ok(theme)
}

/// The default keymap with `[keys]` laid over it, mode by mode: the top level for the
/// dashboard, `[keys.confirm]` and the like for popups. A key the config gives to one
/// command is taken from the default binding of another (so a config written before a
/// default key was added keeps working); a key the config itself binds twice within a
/// mode is refused at the line of the user's binding.
fn keymap(d: &Dashboard, warnings: &mut Vec<String>) -> Result<Keymap, ConfigError> {
    let mut names = Keymap::default_names();
    let mut lines = HashMap::new();
    let Some(keys) = &d.keys else {
        return Keymap::from_names(&names).map_err(|e| d.invalid("keys", 1, e.message));
    };
    let mut bindings = Vec::new();
    for (name, entry) in table(d, "keys", keys)? {
        let (mode, entries) = match &entry.value {
            WrittenValue::Table(entries) => match Mode::from_table(name) {
                Some(mode) => (mode, entries.iter().map(|(c, w)| (c, w)).collect()),
                None => {
                    let why = "is not a mode of the keymap (confirm, scroll, mission_list, search_view, form)";
                    warnings.push(d.ignored(&format!("keys.{name}"), entry.line, why));
                    continue;
                }
            },
            _ => (Mode::Main, vec![(name, entry)]),
        };
        for (command, written) in entries {
            if mode.knows(command) {
                bindings.push((mode, command, written));
            } else {
                let key = mode.config_key(command);
                warnings.push(d.ignored(&key, written.line, "is not a command (see the help)"));
            }
        }
    }
    for (mode, command, written) in bindings {
        let WrittenValue::Texts(list) = &written.value else {
            let expected = "a list of keys like [\"l\", \"ctrl-l\"]";
            return Err(type_error(d, &mode.config_key(command), written, expected));
        };
        names
            .entry(mode)
            .or_default()
            .insert(command.clone(), list.clone());
        lines.insert((mode, command.clone()), written.line);
    }
    yield_defaults(&mut names, &lines, warnings);
    Keymap::from_names(&names).map_err(|e| {
        let set_here = |c: &&String| lines.contains_key(&(e.mode, c.to_string()));
        let command = e.commands.iter().find(set_here).or(e.commands.first());
        let line = command.and_then(|c| lines.get(&(e.mode, c.clone())));
        let key = command.map_or_else(|| "keys".to_string(), |c| e.mode.config_key(c));
        d.invalid(&key, line.copied().unwrap_or(keys.line), e.message)
    })
}

/// Takes the keys the config binds (`set`, by mode and command) from the default bindings
/// of the other commands of their mode; warns of a command left with no key.
fn yield_defaults(
    names: &mut crate::tui::keymap::Names,
    set: &HashMap<(Mode, String), usize>,
    warnings: &mut Vec<String>,
) {
    let key = |name: &str| crate::tui::keymap::Key::parse(name).ok();
    for (mode, bindings) in names.iter_mut() {
        let is_set = |command: &str| set.contains_key(&(*mode, command.to_string()));
        let taken: Vec<(Option<_>, String)> = (bindings.iter())
            .filter(|(command, _)| is_set(command))
            .flat_map(|(command, keys)| keys.iter().map(|k| (key(k), command.clone())))
            .collect();
        for (command, keys) in bindings.iter_mut().filter(|(c, _)| !is_set(c)) {
            let mut takers = Vec::new();
            keys.retain(
                |k| match taken.iter().find(|(t, _)| t.is_some() && *t == key(k)) {
                    Some((_, by)) => {
                        takers.push(by.clone());
                        false
                    }
                    None => true,
                },
            );
            if keys.is_empty() && !takers.is_empty() {
                warnings.push(format!(
                    "{} has no key now: the config gives its keys to {} (bind it to another key in [keys])",
                    mode.config_key(command),
                    takers.join(", ")
                ));
            }
        }
    }
}

/// A setting's text, or why it is not one.
fn text<'w>(
    d: &Dashboard,
    key: &str,
    written: &'w Written,
    expected: &str,
) -> Result<&'w str, ConfigError> {
    match &written.value {
        WrittenValue::Text(text) => Ok(text),
        _ => Err(type_error(d, key, written, expected)),
    }
}

/// A setting's table, or why it is not one.
fn table<'w>(
    d: &Dashboard,
    key: &str,
    written: &'w Written,
) -> Result<&'w [(String, Written)], ConfigError> {
    match &written.value {
        WrittenValue::Table(entries) => Ok(entries),
        _ => Err(type_error(d, key, written, &format!("a table ([{key}])"))),
    }
}

fn type_error(d: &Dashboard, key: &str, written: &Written, expected: &str) -> ConfigError {
    let found = match &written.value {
        WrittenValue::Text(_) => "string",
        WrittenValue::Texts(_) => "array",
        WrittenValue::Table(_) => "table",
        WrittenValue::Other(kind) => kind,
    };
    d.invalid(
        key,
        written.line,
        format!("invalid type: {found}, expected {expected}"),
    )
}

#[cfg(test)]
mod tests;
