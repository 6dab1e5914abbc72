//! What a person can do about an error, said once as a value. Each front end words it its
//! own way: the command line as a command to run, the dashboard as a key to press.

use crate::session::SessionId;

/// A way out of an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hint {
    /// Start a mission, or continue a paused one.
    StartMission,
    /// Start the next mission (this one has ended).
    NextMission,
    /// See the steps with their numbers.
    ListSteps,
    /// See the sessions with their ids.
    ListMissions,
    /// Continue this session, which already exists.
    Continue(SessionId),
    /// Switch to this session, which is open.
    SwitchTo(SessionId),
    /// Say what goes in this (empty) field: "text", "mission title", "step", "decision".
    Say(&'static str),
    /// Shorten a text that is too long.
    Shorten,
    /// See what is damaged in the store, and repair it.
    Doctor,
    /// Rebuild what can be rebuilt of a file a crash left empty.
    Repair,
    /// Try again: another writer held the store.
    TryAgain,
    /// Start a mission that follows this folder.
    FollowHere(std::path::PathBuf),
}

/// An error with the hint that goes with it, if any.
pub trait Hinted {
    /// What the person can do about it.
    fn hint(&self) -> Option<Hint>;
}
