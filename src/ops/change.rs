//! A change to the store as a value: what was asked, with named fields, and what it did.

use ulid::Ulid;

use super::Target;
use super::lifecycle::StartRequest;
use super::log::{Entry, Logged};
use super::plan::Pick;
use super::timeline_edit::InteractionEdit;
use crate::record::SessionField;
use crate::session::{
    Decision, Interaction, Mission, MissionStatus, Progress, SessionId, Snapshot, Step,
};

/// A change a person or a program asks of the store.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// Log an interaction.
    Log {
        /// The session to log into.
        session: Target,
        /// What happened.
        entry: Entry,
    },
    /// Plan a next step.
    AddStep {
        /// The session.
        session: Target,
        /// What is to be done.
        text: String,
    },
    /// Mark a step done, or not done again.
    SetStepDone {
        /// The session.
        session: Target,
        /// Which step.
        step: Pick,
        /// Done or not.
        done: bool,
    },
    /// Replace a step's text.
    EditStep {
        /// The session.
        session: Target,
        /// Which step.
        step: Pick,
        /// Its new text.
        text: String,
    },
    /// Delete a step.
    DeleteStep {
        /// The session.
        session: Target,
        /// Which step.
        step: Pick,
    },
    /// Put a deleted step back at its place in the plan.
    RestoreStep {
        /// The session.
        session: Target,
        /// Where it was (0-based).
        position: usize,
        /// The step as it was.
        step: Step,
    },
    /// Record a key decision.
    Decide {
        /// The session.
        session: Target,
        /// What was decided.
        text: String,
        /// Why, if said.
        why: Option<String>,
    },
    /// Replace a decision's text and rationale.
    EditDecision {
        /// The session.
        session: Target,
        /// The decision's id.
        decision: Ulid,
        /// Its new text.
        text: String,
        /// Its new rationale.
        why: Option<String>,
    },
    /// Delete a decision.
    DeleteDecision {
        /// The session.
        session: Target,
        /// The decision's id.
        decision: Ulid,
    },
    /// Put a deleted decision back at its place.
    RestoreDecision {
        /// The session.
        session: Target,
        /// Where it was (0-based).
        position: usize,
        /// The decision as it was.
        decision: Decision,
    },
    /// Change an interaction's words, time or kind (any of them, in one step).
    EditInteraction {
        /// The session.
        session: Target,
        /// The interaction's id.
        interaction: Ulid,
        /// What it sets.
        edit: InteractionEdit,
    },
    /// Delete an interaction.
    DeleteInteraction {
        /// The session.
        session: Target,
        /// The interaction's id.
        interaction: Ulid,
    },
    /// Restore a deleted interaction.
    RestoreInteraction {
        /// The session.
        session: Target,
        /// The interaction's id.
        interaction: Ulid,
    },
    /// Freeze the context, with the workspace state, now.
    Freeze {
        /// The session.
        session: Target,
        /// How many interactions the timeline holds, when the caller knows.
        interactions: Option<usize>,
    },
    /// End the mission.
    Complete {
        /// The session.
        session: Target,
        /// Complete or abandoned.
        status: MissionStatus,
    },
    /// Make a session the active one, pausing the one that was.
    Switch {
        /// The session to resume.
        session: SessionId,
    },
    /// Make an ended mission active again, pausing the one that was.
    Reopen {
        /// The session to reopen.
        session: SessionId,
    },
    /// Record that the briefing of a session was seen (by whoever applies the change).
    See {
        /// The session.
        session: Target,
    },
    /// Start a new mission and make it the active one.
    Start(StartRequest),
    /// Set fields of the session itself: rename the mission, describe it, or follow
    /// another folder (in order; ended missions too).
    SetSession {
        /// The session.
        session: Target,
        /// What to set.
        fields: Vec<SessionField>,
    },
}

/// What a change did.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// An interaction was logged (or found already logged).
    Logged(Logged),
    /// A step was planned.
    StepAdded {
        /// Its number.
        number: u32,
        /// The step.
        step: Step,
    },
    /// A step was marked done or not done.
    StepSet {
        /// Its number.
        number: u32,
        /// The step as it now is.
        step: Step,
        /// The session's progress now.
        progress: Progress,
        /// False when the step already was so: nothing but the session's file changed.
        changed: bool,
    },
    /// A step's text was replaced.
    StepEdited {
        /// The step as it was.
        before: Step,
    },
    /// A step was deleted.
    StepDeleted {
        /// The step.
        step: Step,
    },
    /// A deleted step was put back.
    StepRestored {
        /// The step.
        step: Step,
    },
    /// A decision was recorded.
    Decided {
        /// The decision.
        decision: Decision,
    },
    /// A decision was changed.
    DecisionEdited {
        /// The decision as it was.
        before: Decision,
    },
    /// A decision was deleted.
    DecisionDeleted {
        /// The decision.
        decision: Decision,
    },
    /// A deleted decision was put back.
    DecisionRestored {
        /// The decision.
        decision: Decision,
    },
    /// An interaction's words, time or kind were changed (nothing was written when
    /// `before` and `after` are the same).
    InteractionEdited {
        /// The interaction as it was.
        before: Interaction,
        /// The interaction as it now is.
        after: Interaction,
    },
    /// An interaction was deleted.
    InteractionDeleted {
        /// The interaction.
        interaction: Interaction,
    },
    /// A deleted interaction was restored.
    InteractionRestored {
        /// The interaction.
        interaction: Interaction,
    },
    /// The context was frozen.
    Frozen {
        /// The snapshot taken.
        snapshot: Snapshot,
    },
    /// The mission ended.
    Completed {
        /// The mission as it now is.
        mission: Mission,
        /// Its final progress.
        progress: Progress,
        /// The steps left open.
        open_steps: Vec<String>,
        /// The paused mission most recently worked on, to offer next (never switched to by
        /// itself): its session and title.
        next: Option<(SessionId, String)>,
    },
    /// Another session became the active one.
    Switched {
        /// The session paused for it, if one was active.
        paused: Option<SessionId>,
        /// True when it already was the active one: nothing was written.
        already: bool,
    },
    /// An ended mission became the active one again.
    Reopened {
        /// How it had ended.
        was: MissionStatus,
        /// The session paused for it, if one was active.
        paused: Option<SessionId>,
    },
    /// A briefing was marked seen.
    Seen,
    /// A new mission was started.
    Started {
        /// The session paused for it, if one was active.
        paused: Option<SessionId>,
    },
    /// Fields of the session were set.
    SessionSet {
        /// Each field that changed, as it was and as it now is (none: nothing was written).
        changed: Vec<(SessionField, SessionField)>,
    },
}

/// A change made: the session it was made on, what it did, and the change that takes it
/// back (none for changes that are not undone: freezing, switching, starting, seeing).
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    /// The session changed.
    pub session: SessionId,
    /// What happened.
    pub outcome: Outcome,
    /// The change that takes this one back, when there is one.
    pub inverse: Option<Change>,
}
