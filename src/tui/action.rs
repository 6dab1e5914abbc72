//! What can happen to the dashboard: commands a key is bound to, and the other messages
//! the loop feeds to `update`.

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::{KeyEvent, MouseEventKind};
use serde::Deserialize;

use super::data::{Data, Missions};
use super::effect::{Failure, History};
use super::keymap::Bindable;
use crate::ops::Applied;

/// A command a key can be bound to (the names are the keymap's).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    /// Log what just happened.
    Log,
    /// Plan a next step.
    AddStep,
    /// Record a key decision.
    Decide,
    /// Mark the selected step done, or not done.
    ToggleStep,
    /// Edit the selected item.
    Edit,
    /// Delete the selected item (asks first).
    Delete,
    /// Read the selected item whole.
    Open,
    /// Undo the last change made here.
    Undo,
    /// Make again the last change undone.
    Redo,
    /// Freeze the context now.
    Freeze,
    /// Show the resume briefing.
    Briefing,
    /// List the missions: switch, or start one.
    Missions,
    /// Complete the mission (asks first).
    Complete,
    /// Rename the mission, or change its description.
    Rename,
    /// Filter the timeline.
    Filter,
    /// Clear the timeline's filter.
    ClearFilter,
    /// Move focus to the next pane.
    NextPane,
    /// Move focus to the previous pane.
    PreviousPane,
    /// Select the next row.
    Down,
    /// Select the previous row.
    Up,
    /// Select the first row.
    Top,
    /// Select the last row.
    Bottom,
    /// Move a page down.
    PageDown,
    /// Move a page up.
    PageUp,
    /// Show the stats: completion rate, gaps, work patterns.
    Stats,
    /// Copy the selected item to the clipboard.
    Copy,
    /// Open a shell in the session's folder.
    Shell,
    /// Search every mission as you type.
    Search,
    /// Show the keys.
    Help,
    /// Leave the dashboard.
    Quit,
}

impl Command {
    /// What the command does, for the help popup.
    pub fn describe(self) -> &'static str {
        match self {
            Command::Log => "log what just happened",
            Command::AddStep => "add a next step",
            Command::Decide => "record a key decision",
            Command::ToggleStep => "mark the selected step done / not done",
            Command::Edit => "edit the selected item (an entry's time and kind too)",
            Command::Delete => "delete the selected item (asks)",
            Command::Open => "read the selected item whole",
            Command::Undo => "undo the last change made here",
            Command::Redo => "redo the last change undone",
            Command::Freeze => "freeze the context now",
            Command::Briefing => "show the resume briefing",
            Command::Missions => "missions: switch, or start a new one",
            Command::Complete => "complete the mission (asks)",
            Command::Rename => "rename the mission, or change its description",
            Command::Filter => "filter the timeline",
            Command::ClearFilter => "clear the timeline's filter",
            Command::NextPane => "focus the next pane",
            Command::PreviousPane => "focus the previous pane",
            Command::Down => "select the next row",
            Command::Up => "select the previous row",
            Command::Top => "select the first row",
            Command::Bottom => "select the last row",
            Command::PageDown => "a page down",
            Command::PageUp => "a page up",
            Command::Stats => "stats: completion rate, gaps, when you work",
            Command::Copy => "copy the selected item to the clipboard (OSC 52)",
            Command::Shell => "open a shell in the session's folder (tmux: a split)",
            Command::Search => "search every mission as you type",
            Command::Help => "show this help",
            Command::Quit => "quit",
        }
    }

    /// The short label in the footer, for the commands shown there.
    pub fn footer_label(self) -> Option<&'static str> {
        Some(match self {
            Command::Log => "log",
            Command::AddStep => "step",
            Command::Decide => "decide",
            Command::ToggleStep => "done",
            Command::Freeze => "freeze",
            Command::Briefing => "briefing",
            Command::Missions => "missions",
            Command::Search => "search",
            Command::Help => "help",
            Command::Quit => "quit",
            _ => return None,
        })
    }
}

impl Command {
    /// Whether the command only moves the view or shows something (it changes nothing).
    pub fn only_looks(self) -> bool {
        matches!(
            self,
            Command::NextPane
                | Command::PreviousPane
                | Command::Down
                | Command::Up
                | Command::Top
                | Command::Bottom
                | Command::PageDown
                | Command::PageUp
                | Command::Briefing
                | Command::Help
                | Command::Stats
                | Command::Search
                | Command::ClearFilter
                | Command::Open
                | Command::Copy
        )
    }
}

impl Bindable for Command {
    fn describe(self) -> &'static str {
        Command::describe(self)
    }
}

/// Everything `update` reacts to.
#[derive(Clone, Debug)]
pub enum Action {
    /// A bound command.
    Command(Command),
    /// A key pressed at a moment, as the terminal sends it: the keymap of what is in front
    /// says what it means, and its time tells a burst typed on the way back from a person
    /// who is present.
    Press(KeyEvent, DateTime<Utc>),
    /// A key for the open popup (typing, Enter, Esc...).
    Key(KeyEvent),
    /// Text pasted into the terminal.
    Paste(String),
    /// The mouse wheel over a cell.
    Mouse {
        /// Scroll up or down.
        kind: MouseEventKind,
        /// The column under the pointer.
        column: u16,
        /// The row under the pointer.
        row: u16,
    },
    /// The terminal changed size.
    Resize(u16, u16),
    /// Time passed.
    Tick(DateTime<Utc>),
    /// Another process may have written the store (a file changed, or it is time to look).
    StoreChanged,
    /// Lines were appended to the timeline shown (read without reading it all again).
    Grew(Box<super::data::Growth>),
    /// The session was (re)loaded from the store; `None` when no session is active.
    Loaded(Result<Option<Box<Data>>, String>),
    /// What changed in the workspace, for the open briefing.
    WorkspaceLoaded(Box<crate::reality::WorkspaceChange>),
    /// The stats were computed.
    StatsLoaded(Result<Box<super::data::Figures>, String>),
    /// The missions list was loaded.
    MissionsLoaded(Result<Missions, String>),
    /// A shell opened for the session's folder (in a tmux split), or ended (the dashboard
    /// back), or could not run.
    ShellDone {
        /// Its folder.
        dir: std::path::PathBuf,
        /// Whether it is in a tmux split.
        split: bool,
        /// Why it could not run, if it could not.
        result: Result<(), String>,
    },
    /// Hits of a search came (all found so far, the latest first).
    Found(Box<super::search::Found>),
    /// A change to the store was made, or refused; the history says what becomes of the
    /// change that takes it back.
    Applied(Box<Result<Applied, Failure>>, History),
}
