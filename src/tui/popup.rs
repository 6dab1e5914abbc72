//! What the dashboard shows over its panes: input forms and their fields, confirmations,
//! and the popups that list, brief or search (their state; drawing is in `ui`).

use tui_input::Input;
use ulid::Ulid;

use super::mission_list::MissionList;
use crate::context::Briefing;
use crate::ops::Change;

/// What an input popup is for.
#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    /// Log an interaction.
    Log,
    /// Plan a step.
    AddStep,
    /// Record a decision (text, then rationale).
    Decide,
    /// Edit an interaction.
    EditInteraction(Ulid),
    /// Edit a step.
    EditStep(Ulid),
    /// Edit a decision.
    EditDecision(Ulid),
    /// Start a new mission.
    StartMission,
    /// Rename the mission shown (title, then description).
    Rename,
    /// Filter the timeline (live, as you type).
    Filter,
}

/// One line of text being entered.
#[derive(Clone, Debug)]
pub struct Field {
    /// Its label.
    pub label: &'static str,
    /// The line editor.
    pub input: Input,
}

/// A popup with one or more fields of text.
#[derive(Clone, Debug)]
pub struct InputForm {
    /// What it is for.
    pub purpose: Purpose,
    /// Its title.
    pub title: String,
    /// The fields.
    pub fields: Vec<Field>,
    /// The field with the cursor.
    pub focus: usize,
    /// Why the last submit was refused, if it was.
    pub error: Option<String>,
    /// Submitted, waiting for the store: the form stays until the write is safe.
    pub pending: bool,
}

impl InputForm {
    /// A form with fields labelled `labels`, prefilled with `values`.
    pub fn new(
        purpose: Purpose,
        title: impl Into<String>,
        fields: &[(&'static str, &str)],
    ) -> Self {
        InputForm {
            purpose,
            title: title.into(),
            fields: fields
                .iter()
                .map(|(label, value)| Field {
                    label,
                    input: Input::new(value.to_string()),
                })
                .collect(),
            focus: 0,
            error: None,
            pending: false,
        }
    }

    /// The text of field `i`.
    pub fn value(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", |f| f.input.value())
    }
}

/// A question before a change that cannot be taken back lightly.
#[derive(Clone, Debug, PartialEq)]
pub struct Confirm {
    /// What is asked.
    pub question: String,
    /// What happens on yes.
    pub change: Change,
}

/// The popup in front of the panes, if any.
#[derive(Clone, Debug)]
pub enum Popup {
    /// Entering text.
    Input(InputForm),
    /// A yes/no question.
    Confirm(Confirm),
    /// An item's whole text, to read.
    Text {
        /// What it is: "Decision · 16 Aug 08:10".
        title: String,
        /// The text, paragraphs apart by blank lines.
        body: String,
        /// Lines scrolled.
        scroll: u16,
    },
    /// The keys.
    Help {
        /// Lines scrolled.
        scroll: u16,
    },
    /// The resume briefing.
    Briefing {
        /// What it says.
        briefing: Box<Briefing>,
        /// Lines scrolled.
        scroll: u16,
        /// The key that woke the dashboard and was held, not acted on (its label).
        held: Option<String>,
    },
    /// The protocol's success metrics across every session.
    Stats {
        /// The figures, once computed.
        stats: Option<Box<crate::stats::Stats>>,
    },
    /// The missions, to switch to one or start one.
    Missions(MissionList),
    /// Searching every mission as you type.
    Search(Box<super::search::SearchView>),
}
