//! The missions list's model: the rows loaded, the filter typed, whether ended missions
//! show, and the selection among the rows shown. Pure, and cheap on every key with
//! hundreds of missions: only titles and ids are looked at.

use tui_input::Input;

use super::data::MissionRow;
use crate::session::SessionId;

/// The missions popup's state.
#[derive(Clone, Debug, Default)]
pub struct MissionList {
    /// Every mission, the most recently active first, once loaded.
    pub rows: Option<Vec<MissionRow>>,
    /// What is typed to narrow the list: every word must be in the id or the title.
    pub filter: Input,
    /// Whether keys type into the filter (after `/`).
    pub typing: bool,
    /// Whether ended missions (complete, abandoned) are listed.
    pub show_ended: bool,
    /// The rows listed (indices into `rows`), in order.
    pub shown: Vec<usize>,
    /// The selected row, among those listed.
    pub selected: usize,
}

impl MissionList {
    /// A list waiting for its rows.
    pub fn loading() -> Self {
        MissionList::default()
    }

    /// Takes the rows loaded, keeping the selected mission selected when it is still listed.
    pub fn load(&mut self, rows: Vec<MissionRow>) {
        let keep = self.selected_row().map(|r| r.id.clone());
        self.rows = Some(rows);
        self.refilter(keep.as_ref());
    }

    /// The selected mission, if any is listed.
    pub fn selected_row(&self) -> Option<&MissionRow> {
        let i = *self.shown.get(self.selected)?;
        self.rows.as_ref()?.get(i)
    }

    /// The rows listed, in order.
    pub fn listed(&self) -> impl Iterator<Item = &MissionRow> {
        let rows = self.rows.as_deref().unwrap_or_default();
        self.shown.iter().filter_map(|&i| rows.get(i))
    }

    /// How many rows are listed with no filter.
    pub fn unfiltered(&self) -> usize {
        let rows = self.rows.iter().flatten();
        rows.filter(|r| self.show_ended || !r.status.is_ended())
            .count()
    }

    /// The ended missions the filter lets through that are hidden.
    pub fn hidden_ended(&self) -> usize {
        if self.show_ended {
            return 0;
        }
        let words = self.words();
        self.rows
            .iter()
            .flatten()
            .filter(|r| r.status.is_ended() && matches(r, &words))
            .count()
    }

    /// Lists the rows again after the filter or `show_ended` changed; the selection stays
    /// on the mission it was on when that is still listed, else goes to the first row.
    pub fn changed(&mut self) {
        let keep = self.selected_row().map(|r| r.id.clone());
        self.refilter(keep.as_ref());
    }

    /// Shows or hides the ended missions.
    pub fn toggle_ended(&mut self) {
        self.show_ended = !self.show_ended;
        self.changed();
    }

    /// Stops typing, and forgets the filter.
    pub fn clear_filter(&mut self) {
        self.typing = false;
        if !self.filter.value().is_empty() {
            self.filter.reset();
            self.changed();
        }
    }

    /// Moves the selection by `delta` rows, staying within the list.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.shown.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    fn refilter(&mut self, keep: Option<&SessionId>) {
        let words = self.words();
        let rows = self.rows.as_deref().unwrap_or_default();
        self.shown = (0..rows.len())
            .filter(|&i| {
                let row = &rows[i];
                (self.show_ended || !row.status.is_ended()) && matches(row, &words)
            })
            .collect();
        self.selected = keep
            .and_then(|id| self.shown.iter().position(|&i| &rows[i].id == id))
            .unwrap_or(0);
    }

    /// The filter's words, lower case.
    fn words(&self) -> Vec<String> {
        self.filter
            .value()
            .split_whitespace()
            .map(str::to_lowercase)
            .collect()
    }
}

/// Whether every word is in the row's id or title (case aside).
fn matches(row: &MissionRow, words: &[String]) -> bool {
    if words.is_empty() {
        return true;
    }
    let title = row.title.to_lowercase();
    let id = row.id.as_str().to_lowercase();
    words
        .iter()
        .all(|w| title.contains(w.as_str()) || id.contains(w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{MissionStatus, Progress};
    use tui_input::InputRequest;

    fn row(id: &str, title: &str, status: MissionStatus) -> MissionRow {
        MissionRow {
            id: id.parse().unwrap(),
            title: title.into(),
            status,
            progress: Progress::default(),
            last: None,
        }
    }

    fn list() -> MissionList {
        let mut list = MissionList::loading();
        list.load(vec![
            row("5", "Ship the store", MissionStatus::Active),
            row("4", "Fix the search", MissionStatus::Complete),
            row("3", "Store benchmarks", MissionStatus::Paused),
            row("2", "Old store idea", MissionStatus::Abandoned),
        ]);
        list
    }

    fn type_text(list: &mut MissionList, text: &str) {
        for c in text.chars() {
            list.filter.handle(InputRequest::InsertChar(c));
        }
        list.changed();
    }

    fn ids(list: &MissionList) -> Vec<&str> {
        list.listed().map(|r| r.id.as_str()).collect()
    }

    #[test]
    fn ended_missions_hide_until_asked() {
        let mut list = list();
        assert_eq!(ids(&list), ["00005", "00003"]);
        assert_eq!(list.hidden_ended(), 2);
        list.toggle_ended();
        assert_eq!(ids(&list), ["00005", "00004", "00003", "00002"]);
        assert_eq!(list.hidden_ended(), 0);
    }

    #[test]
    fn every_word_typed_narrows_the_list_case_aside() {
        let mut list = list();
        type_text(&mut list, "STORE");
        assert_eq!(ids(&list), ["00005", "00003"]);
        assert_eq!(list.hidden_ended(), 1, "the old store idea is hidden");
        type_text(&mut list, " bench");
        assert_eq!(ids(&list), ["00003"]);
        list.clear_filter();
        type_text(&mut list, "00004");
        assert!(ids(&list).is_empty());
        assert_eq!(list.hidden_ended(), 1);
    }

    #[test]
    fn the_selection_stays_on_its_mission_while_it_is_listed() {
        let mut list = list();
        list.move_by(1);
        assert_eq!(list.selected_row().unwrap().id.as_str(), "00003");
        list.toggle_ended();
        assert_eq!(list.selected_row().unwrap().id.as_str(), "00003");
        type_text(&mut list, "ship");
        assert_eq!(list.selected_row().unwrap().id.as_str(), "00005");
        list.move_by(5);
        assert_eq!(list.selected, 0, "nothing below the only row");
        type_text(&mut list, "nothing like it");
        assert!(list.selected_row().is_none());
    }
}
