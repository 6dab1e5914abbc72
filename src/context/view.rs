//! What a briefing reads of a timeline: interactions in time order, kept whole in a vector
//! or compact in the dashboard's columns.

use chrono::{DateTime, Utc};

use crate::session::{Interaction, Kind};

/// Interactions in time order, read one at a time by index.
pub trait Timeline {
    /// How many.
    fn count(&self) -> usize;
    /// When interaction `i` happened.
    fn at(&self, i: usize) -> DateTime<Utc>;
    /// What interaction `i` records.
    fn kind(&self, i: usize) -> Kind;
    /// Interaction `i`, owned (a compact timeline may leave out its commit and branch).
    fn interaction(&self, i: usize) -> Interaction;
}

impl Timeline for [Interaction] {
    fn count(&self) -> usize {
        self.len()
    }
    fn at(&self, i: usize) -> DateTime<Utc> {
        self[i].at
    }
    fn kind(&self, i: usize) -> Kind {
        self[i].kind
    }
    fn interaction(&self, i: usize) -> Interaction {
        self[i].clone()
    }
}

/// The indices of the person's work (resume markers left out), latest first.
pub(super) fn work_back<T: Timeline + ?Sized>(t: &T) -> impl Iterator<Item = usize> + '_ {
    (0..t.count()).rev().filter(|&i| t.kind(i) != Kind::Resume)
}
