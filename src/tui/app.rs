//! The dashboard's model: what is loaded, what is selected, what is open. No IO here.

use chrono::{DateTime, TimeDelta, Utc};

use super::data::Data;
pub use super::popup::{Confirm, Field, InputForm, Popup, Purpose};
pub use super::settings::Settings;
use crate::ops::Change;

/// The panes that take focus, in `Tab` order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    /// The interactions.
    Timeline,
    /// The next steps.
    Steps,
    /// The key decisions.
    Decisions,
}

impl Pane {
    /// The pane after this one.
    pub fn next(self) -> Self {
        match self {
            Pane::Timeline => Pane::Steps,
            Pane::Steps => Pane::Decisions,
            Pane::Decisions => Pane::Timeline,
        }
    }

    /// The pane before this one.
    pub fn previous(self) -> Self {
        self.next().next()
    }
}

/// A scrolled list: which item is selected and which is at the top.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ListView {
    /// The selected item.
    pub selected: usize,
    /// The first item shown.
    pub offset: usize,
    /// Whether the selection follows new items at the end.
    pub follow: bool,
}

/// A change kept to take another back (or make it again), with the other said in words:
/// `log “Reviewed the plan”`.
#[derive(Clone, Debug, PartialEq)]
pub struct Undoable {
    /// The change that takes the other back (or makes it again).
    pub change: Change,
    /// What the other was.
    pub what: String,
}

/// What the rest of a burst of keys typed on the way back goes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Wake {
    /// The text field the first key opened: the burst is typed into it.
    Typing,
    /// Nothing: the first key was held (its label), and so is the rest of the burst.
    Held(String),
}

/// A short message in the footer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flash {
    /// What it says.
    pub text: String,
    /// Whether it reports a failure.
    pub error: bool,
    /// When it appeared.
    pub at: DateTime<Utc>,
}

/// How long a footer message stays.
pub const FLASH_FOR: TimeDelta = TimeDelta::seconds(6);

/// The whole state of the dashboard.
#[derive(Clone, Debug)]
pub struct App {
    /// The active session, once loaded (`None`: no session is active).
    pub data: Option<Data>,
    /// Whether the first load has finished.
    pub loaded: bool,
    /// Why the store could not be read, if it could not.
    pub load_error: Option<String>,
    /// The current time, as of the last tick.
    pub now: DateTime<Utc>,
    /// What the config and the environment decided.
    pub settings: Settings,
    /// The terminal's size (columns, rows).
    pub size: (u16, u16),
    /// The pane with focus.
    pub focus: Pane,
    /// The timeline's scroll (over the filtered view).
    pub timeline: ListView,
    /// The steps' scroll.
    pub steps: ListView,
    /// The decisions' scroll.
    pub decisions: ListView,
    /// The timeline filter (empty: none).
    pub filter: String,
    /// The interactions the filter lets through (indices), when filtering.
    pub filtered: Option<Vec<usize>>,
    /// What `filtered` was found for: the filter (lowercase) and how many interactions
    /// there were. A filter typed further looks only through those it let through (and
    /// any appended since), not through every text again.
    pub filtered_by: Option<(String, usize)>,
    /// The popup, if one is open.
    pub popup: Option<Popup>,
    /// The footer message, if any.
    pub flash: Option<Flash>,
    /// The changes that take back those made here, latest last.
    pub undo: Vec<Undoable>,
    /// The changes that make again those undone here, latest last.
    pub redo: Vec<Undoable>,
    /// When a key was last pressed.
    pub last_key: DateTime<Utc>,
    /// The popup under the open one (the briefing under a form opened from it), shown
    /// again when the open one closes.
    pub behind: Option<Popup>,
    /// Where the rest of a burst of keys typed on the way back goes, while it lasts.
    pub wake: Option<Wake>,
    /// Show the briefing of the next session loaded (a switch from the missions list).
    pub brief_on_load: bool,
    /// The entry to select once its mission is loaded (opened from the search).
    pub reveal: Option<super::search::Reveal>,
    /// Set when the dashboard should close.
    pub quit: bool,
}

impl App {
    /// A dashboard at `now`, nothing loaded yet.
    pub fn new(now: DateTime<Utc>, settings: Settings) -> Self {
        App {
            data: None,
            loaded: false,
            load_error: None,
            now,
            settings,
            size: (80, 24),
            focus: Pane::Timeline,
            timeline: ListView {
                follow: true,
                ..ListView::default()
            },
            steps: ListView::default(),
            decisions: ListView::default(),
            filter: String::new(),
            filtered: None,
            filtered_by: None,
            popup: None,
            flash: None,
            undo: Vec::new(),
            redo: Vec::new(),
            last_key: now,
            behind: None,
            wake: None,
            brief_on_load: false,
            reveal: None,
            quit: false,
        }
    }

    /// How many interactions the timeline shows (after the filter).
    pub fn timeline_len(&self) -> usize {
        match (&self.filtered, &self.data) {
            (Some(f), _) => f.len(),
            (None, Some(d)) => d.interactions.len(),
            (None, None) => 0,
        }
    }

    /// The interaction index of timeline row `view`.
    pub fn interaction_at(&self, view: usize) -> usize {
        self.filtered.as_ref().map_or(view, |f| f[view])
    }

    /// The number of items in a pane.
    pub fn pane_len(&self, pane: Pane) -> usize {
        match pane {
            Pane::Timeline => self.timeline_len(),
            Pane::Steps => self.data.as_ref().map_or(0, |d| d.session.steps.len()),
            Pane::Decisions => self.data.as_ref().map_or(0, |d| d.session.decisions.len()),
        }
    }

    /// A pane's scroll state.
    pub fn view(&self, pane: Pane) -> &ListView {
        match pane {
            Pane::Timeline => &self.timeline,
            Pane::Steps => &self.steps,
            Pane::Decisions => &self.decisions,
        }
    }

    /// A pane's scroll state, to change.
    pub fn view_mut(&mut self, pane: Pane) -> &mut ListView {
        match pane {
            Pane::Timeline => &mut self.timeline,
            Pane::Steps => &mut self.steps,
            Pane::Decisions => &mut self.decisions,
        }
    }

    /// The silence since the latest interaction.
    pub fn since_last(&self) -> Option<TimeDelta> {
        let last = self.data.as_ref()?.last_at()?;
        Some((self.now - last).max(TimeDelta::zero()))
    }

    /// Opens a popup. A form or a question opened over the briefing keeps it behind, to
    /// come back to when they close.
    pub fn open(&mut self, popup: Popup) {
        let over_briefing = matches!(self.popup, Some(Popup::Briefing { .. }))
            && matches!(popup, Popup::Input(_) | Popup::Confirm(_));
        self.behind = if over_briefing {
            self.popup.take()
        } else {
            None
        };
        self.popup = Some(popup);
    }

    /// Closes the open popup, showing the one behind it, if any.
    pub fn close_popup(&mut self) {
        self.popup = self.behind.take();
    }

    /// Whether a gap is owed to the person: a silence past the threshold since which they
    /// have not seen a briefing (they are coming back now, or logged from a popup).
    pub fn owed(&self) -> bool {
        self.data.as_ref().is_some_and(|d| {
            crate::context::latest_return_in(
                &d.interactions,
                d.seen,
                self.now,
                self.settings.threshold,
            )
            .is_some_and(|r| r.unseen)
        })
    }

    /// Whether the silence since the latest interaction is a gap now.
    pub fn in_gap(&self) -> bool {
        self.since_last()
            .is_some_and(|d| crate::timeline::is_gap(d, self.settings.threshold))
    }

    /// A time of day as the user likes it: `23:50`.
    pub fn time(&self, at: DateTime<Utc>) -> String {
        self.settings
            .zone
            .show(at)
            .format(&self.settings.time_format)
            .to_string()
    }

    /// A date as the user likes it: `Fri 15 Aug 2025`.
    pub fn date(&self, at: DateTime<Utc>) -> String {
        self.settings
            .zone
            .show(at)
            .format(&self.settings.date_format)
            .to_string()
    }

    /// A short moment: `15 Aug 23:50`.
    pub fn moment(&self, at: DateTime<Utc>) -> String {
        format!(
            "{} {}",
            self.settings.zone.show(at).format("%d %b"),
            self.time(at)
        )
    }

    /// Shows a message in the footer.
    pub fn flash(&mut self, text: impl Into<String>, error: bool) {
        self.flash = Some(Flash {
            text: text.into(),
            error,
            at: self.now,
        });
    }
}
