//! Amendments gathered by a first pass over a timeline and applied to each interaction as a
//! second pass reads it: a session's interactions, amended, in memory bounded by its
//! amendments (a few in a thousand records) rather than by its length.

use chrono::{DateTime, Utc};

use super::materialize::{UlidMap, apply_change};
use crate::record::{Amendment, Change};
use crate::session::Interaction;

/// The amendments of one timeline, by the interaction they change.
///
/// Each interaction gets every amendment of its id, in the order they were made (ties in
/// the order written), wherever they stand in the file: what [`super::Materializer`] does
/// too, so that a timeline merged from two machines, which may hold an amendment before
/// its target, reads the same both ways.
#[derive(Debug, Default)]
pub struct Amendments {
    changes: UlidMap<Vec<(DateTime<Utc>, Change)>>,
    count: usize,
}

impl Amendments {
    /// Takes the next amendment.
    pub fn push(&mut self, amendment: Amendment) {
        self.count += 1;
        let changes = self.changes.entry(amendment.target).or_default();
        // kept in the order made: written out of order only when merged from another machine
        let place = changes.partition_point(|(at, _)| *at <= amendment.at);
        changes.insert(place, (amendment.at, amendment.change));
    }

    /// How many amendments were taken.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether an amendment changes the interaction of id `id`.
    pub fn touch(&self, id: ulid::Ulid) -> bool {
        self.changes.contains_key(&id)
    }

    /// Whether none was taken.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The interaction as its amendments leave it, or `None` when they leave it deleted.
    pub fn apply(&self, mut interaction: Interaction) -> Option<Interaction> {
        let Some(changes) = self.changes.get(&interaction.id) else {
            return Some(interaction);
        };
        let mut gone = false;
        for (_, change) in changes {
            if let Some(deleted) = apply_change(&mut interaction, change.clone()) {
                gone = deleted;
            }
        }
        (!gone).then_some(interaction)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Record;
    use crate::session::{Kind, Source};
    use crate::timeline::materialize;
    use ulid::Ulid;

    fn note(n: u64, at: &str) -> Interaction {
        Interaction {
            id: Ulid::from_parts(n, 0),
            at: format!("2025-08-15T{at}Z").parse().unwrap(),
            kind: Kind::Note,
            source: Source::Cli,
            text: format!("note {n}"),
            head: None,
            branch: None,
        }
    }

    fn amend(n: u64, target: u64, change: Change) -> Amendment {
        Amendment {
            id: Ulid::from_parts(100 + n, 0),
            at: "2025-08-16T00:00:00Z".parse().unwrap(),
            target: Ulid::from_parts(target, 0),
            change,
        }
    }

    #[test]
    fn two_passes_give_what_the_materializer_gives() {
        let interactions = [
            note(1, "10:00:00"),
            note(2, "11:00:00"),
            note(3, "12:00:00"),
        ];
        let amendments = [
            amend(1, 1, Change::Text("edited".into())),
            amend(2, 2, Change::Deleted(true)),
            amend(3, 3, Change::Deleted(true)),
            amend(4, 3, Change::Deleted(false)),
            amend(5, 3, Change::At("2025-08-15T09:00:00Z".parse().unwrap())),
            amend(6, 1, Change::Kind(Kind::Progress)),
            amend(7, 99, Change::Deleted(true)),
        ];
        let records = interactions
            .iter()
            .cloned()
            .map(Record::Interaction)
            .chain(amendments.iter().cloned().map(Record::Amend));
        let mut whole = materialize(records);
        let mut gathered = Amendments::default();
        amendments.iter().cloned().for_each(|a| gathered.push(a));
        assert_eq!(gathered.len(), 7);
        let mut streamed: Vec<Interaction> = interactions
            .into_iter()
            .filter_map(|i| gathered.apply(i))
            .collect();
        streamed.sort_by_key(|i| i.at);
        whole.sort_by_key(|i| i.at);
        assert_eq!(streamed, whole);
        let texts: Vec<&str> = streamed.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(texts, ["note 3", "edited"]);
        assert_eq!(streamed[1].kind, Kind::Progress);
    }
}
