//! The search view's state: the query being typed, the hits of the latest search, which
//! one is selected, and the entry to select once a mission opened from it is loaded.

use tui_input::Input;
use ulid::Ulid;

use crate::search::{Hit, Item};
use crate::session::SessionId;

/// The most hits a search in the dashboard shows: the newest, found without reading the
/// rest of the store.
pub const SHOWN: usize = 200;

/// The widest the search box grows.
const MAX_WIDTH: u16 = 132;

/// From this inner width on, a hit takes one row (its mission and its text side by side);
/// below it, two.
pub const ONE_ROW_FROM: u16 = 96;

/// The search box's size in a terminal of `size` (columns, rows): nearly all of it.
pub fn box_size(size: (u16, u16)) -> (u16, u16) {
    let width = size.0.saturating_sub(4).clamp(size.0.min(40), MAX_WIDTH);
    (width, size.1.saturating_sub(2).max(size.1.min(6)))
}

/// The rows a hit takes in the box at a terminal of `size`.
pub fn rows_per_hit(size: (u16, u16)) -> usize {
    if box_size(size).0.saturating_sub(2) >= ONE_ROW_FROM {
        1
    } else {
        2
    }
}

/// Whether the box has the room for a blank row between the query and the hits.
pub fn spaced(size: (u16, u16)) -> bool {
    box_size(size).1 >= 20
}

/// How many hits show at once: the box's inside, less its query and status rows (and the
/// blank row after them, when there is room for it).
pub fn page(size: (u16, u16)) -> usize {
    let header = 2 + 2 + u16::from(spaced(size));
    let inner = box_size(size).1.saturating_sub(header) as usize;
    (inner / rows_per_hit(size)).max(1)
}

/// The search view.
#[derive(Clone, Debug, Default)]
pub struct SearchView {
    /// The query.
    pub input: Input,
    /// The hits of the latest search, the newest first.
    pub hits: Vec<Hit>,
    /// The selected hit.
    pub selected: usize,
    /// The first hit shown.
    pub offset: usize,
    /// The latest search asked for: hits of an earlier one are dropped.
    pub seq: u64,
    /// Where that search stands.
    pub state: Progress,
}

/// Where a search stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Progress {
    /// Nothing typed yet.
    #[default]
    Idle,
    /// Reading the store (hits may already show).
    Searching,
    /// Every hit is found.
    Done,
    /// The newest [`SHOWN`] hits are found; there are more.
    Limited,
    /// The search failed.
    Failed(String),
}

/// What the worker found for a search.
#[derive(Clone, Debug)]
pub struct Found {
    /// Which search.
    pub seq: u64,
    /// The hits so far, the newest first.
    pub hits: Vec<Hit>,
    /// Where the search stands now (`Searching` while it goes on).
    pub state: Progress,
}

/// An entry to select in a mission once that mission is loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reveal {
    /// The session.
    pub session: SessionId,
    /// Where the entry is.
    pub item: Item,
    /// Its id.
    pub id: Ulid,
}

impl From<&Hit> for Reveal {
    fn from(hit: &Hit) -> Self {
        Reveal {
            session: hit.session.clone(),
            item: hit.item,
            id: hit.id,
        }
    }
}
