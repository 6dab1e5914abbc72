//! The keymap's modes: the main one (the dashboard) and one per kind of popup, each with
//! the commands its keys can be bound to.

use serde::Deserialize;

use super::Bindable;
use crate::tui::action::Command;

/// A set of bindings of its own: a key is bound at most once within a mode, and different
/// modes may share keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mode {
    /// The dashboard itself (the top level of the keymap and of `[keys]`).
    Main,
    /// A yes/no question (`[confirm]`).
    Confirm,
    /// The resume briefing (`[resume_briefing]`: `briefing` is the dashboard command); it
    /// closes only on a key bound to close it.
    Briefing,
    /// The help and the stats, which scroll (`[scroll]`).
    Scroll,
    /// The missions list (`[mission_list]`: `missions` is the dashboard command).
    Missions,
    /// Text fields (`[form]`).
    Form,
    /// The search view (`[search_view]`: `search` is the dashboard command; typing goes
    /// into the query).
    Search,
}

impl Mode {
    /// Every mode, in the order of the help.
    pub const ALL: [Mode; 7] = [
        Mode::Main,
        Mode::Confirm,
        Mode::Briefing,
        Mode::Scroll,
        Mode::Missions,
        Mode::Search,
        Mode::Form,
    ];

    /// The mode's table in the keymap (`[keys.confirm]` in config.toml); the main mode's
    /// bindings are at the top level.
    pub fn table(self) -> Option<&'static str> {
        match self {
            Mode::Main => None,
            Mode::Confirm => Some("confirm"),
            Mode::Briefing => Some("resume_briefing"),
            Mode::Scroll => Some("scroll"),
            Mode::Missions => Some("mission_list"),
            Mode::Form => Some("form"),
            Mode::Search => Some("search_view"),
        }
    }

    /// The mode whose table is `name`.
    pub fn from_table(name: &str) -> Option<Self> {
        Mode::ALL.into_iter().find(|m| m.table() == Some(name))
    }

    /// The mode's heading in the help.
    pub fn heading(self) -> &'static str {
        match self {
            Mode::Main => "The dashboard",
            Mode::Confirm => "Questions (are you sure?): only yes goes ahead",
            Mode::Briefing => "The resume briefing",
            Mode::Scroll => "This help, the stats and an item read whole",
            Mode::Missions => "The missions list",
            Mode::Form => "Text fields",
            Mode::Search => "The search view (other keys type the query)",
        }
    }

    /// Whether `name` is a command of this mode.
    pub fn knows(self, name: &str) -> bool {
        match self {
            Mode::Main => Command::from_name(name).is_some(),
            Mode::Confirm => ConfirmCommand::from_name(name).is_some(),
            Mode::Briefing => BriefingCommand::from_name(name).is_some(),
            Mode::Scroll => ScrollCommand::from_name(name).is_some(),
            Mode::Missions => MissionsCommand::from_name(name).is_some(),
            Mode::Form => FormCommand::from_name(name).is_some(),
            Mode::Search => SearchCommand::from_name(name).is_some(),
        }
    }

    /// Where a command of this mode is set in config.toml: `keys.log`, `keys.confirm.yes`.
    pub fn config_key(self, command: &str) -> String {
        match self.table() {
            None => format!("keys.{command}"),
            Some(table) => format!("keys.{table}.{command}"),
        }
    }
}

/// The answers to a yes/no question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfirmCommand {
    /// Go ahead.
    Yes,
    /// Leave things as they are.
    No,
}

impl Bindable for ConfirmCommand {
    fn describe(self) -> &'static str {
        match self {
            ConfirmCommand::Yes => "yes: go ahead",
            ConfirmCommand::No => "no: leave things as they are (so does any other key)",
        }
    }
}

/// Reading the resume briefing: keys not bound here do nothing (what is typed on the way
/// back never reaches the screen behind it), but those that open a text field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BriefingCommand {
    /// A line down.
    Down,
    /// A line up.
    Up,
    /// A page down.
    PageDown,
    /// A page up.
    PageUp,
    /// Back to the top.
    Top,
    /// To the end.
    Bottom,
    /// Copy the briefing to the clipboard.
    Copy,
    /// Back to work.
    Close,
}

impl Bindable for BriefingCommand {
    fn describe(self) -> &'static str {
        match self {
            BriefingCommand::Copy => "copy the briefing to the clipboard",
            BriefingCommand::Down => "scroll a line down",
            BriefingCommand::Up => "scroll a line up",
            BriefingCommand::PageDown => "scroll a page down",
            BriefingCommand::PageUp => "scroll a page up",
            BriefingCommand::Top => "back to the top",
            BriefingCommand::Bottom => "to the end",
            BriefingCommand::Close => "back to work",
        }
    }
}

/// Moving through the help or the stats; any key not bound here closes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScrollCommand {
    /// A line down.
    Down,
    /// A line up.
    Up,
    /// A page down.
    PageDown,
    /// A page up.
    PageUp,
    /// Back to the top.
    Top,
    /// To the end.
    Bottom,
    /// Copy the item read to the clipboard.
    Copy,
    /// Close the popup.
    Close,
}

impl Bindable for ScrollCommand {
    fn describe(self) -> &'static str {
        match self {
            ScrollCommand::Copy => "copy the item read to the clipboard",
            ScrollCommand::Down => "scroll a line down",
            ScrollCommand::Up => "scroll a line up",
            ScrollCommand::PageDown => "scroll a page down",
            ScrollCommand::PageUp => "scroll a page up",
            ScrollCommand::Top => "back to the top",
            ScrollCommand::Bottom => "to the end",
            ScrollCommand::Close => "close (so does any key not bound here)",
        }
    }
}

/// Choosing in the missions list. While the filter is typed into, its keys that are not
/// characters (arrows, enter, tab, esc) still work; characters type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissionsCommand {
    /// Select the next mission.
    Down,
    /// Select the previous mission.
    Up,
    /// Move a page down.
    PageDown,
    /// Move a page up.
    PageUp,
    /// Make the selected mission the active one.
    Switch,
    /// Type to narrow the list.
    Filter,
    /// Show or hide the ended missions.
    ShowEnded,
    /// Start a new mission.
    New,
    /// Close the list (while typing: clear the filter).
    Close,
}

impl Bindable for MissionsCommand {
    fn describe(self) -> &'static str {
        match self {
            MissionsCommand::Down => "select the next mission",
            MissionsCommand::Up => "select the previous mission",
            MissionsCommand::PageDown => "a page down",
            MissionsCommand::PageUp => "a page up",
            MissionsCommand::Switch => "switch to the selected mission",
            MissionsCommand::Filter => "type to narrow the list (arrows and enter still work)",
            MissionsCommand::ShowEnded => "show or hide the ended missions",
            MissionsCommand::New => "start a new mission",
            MissionsCommand::Close => "close the list (while typing: clear the filter)",
        }
    }
}

/// Keys of a form of text fields that are not typing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormCommand {
    /// Save what was typed.
    Submit,
    /// Close the form without saving.
    Cancel,
    /// Move to the next field (in a form of several).
    NextField,
    /// Move to the previous field (in a form of several).
    PreviousField,
}

impl Bindable for FormCommand {
    fn describe(self) -> &'static str {
        match self {
            FormCommand::Submit => "save",
            FormCommand::Cancel => "cancel (in the filter: clear it)",
            FormCommand::NextField => "the next field",
            FormCommand::PreviousField => "the previous field",
        }
    }
}

/// Moving through the search view's hits; every other key types into the query.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchCommand {
    /// Select the next hit (older).
    Down,
    /// Select the previous hit (newer).
    Up,
    /// A page of hits down.
    PageDown,
    /// A page of hits up.
    PageUp,
    /// Open the selected hit in its mission.
    Open,
    /// Close the search.
    Close,
}

impl Bindable for SearchCommand {
    fn describe(self) -> &'static str {
        match self {
            SearchCommand::Down => "select the next hit (older)",
            SearchCommand::Up => "select the previous hit (newer)",
            SearchCommand::PageDown => "a page of hits down",
            SearchCommand::PageUp => "a page of hits up",
            SearchCommand::Open => "open the hit in its mission (switching to it)",
            SearchCommand::Close => "close the search",
        }
    }
}
