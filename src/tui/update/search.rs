//! The search view: typing searches every mission (off the UI thread, the newest query
//! winning), the arrows move through the hits, and `enter` opens a hit in its mission.
//!
//! Opening a hit in another mission switches to it (an ended one is reopened), as choosing
//! it in the missions list does, with its briefing. The entry is selected once the mission
//! is loaded.

use ratatui::crossterm::event::{Event, KeyEvent};
use tui_input::InputRequest;
use tui_input::backend::crossterm::to_input_request;

use super::nav::{self, keep_all_visible};
use crate::ops::Change;
use crate::search::Item;
use crate::tui::app::{App, Pane, Popup};
use crate::tui::effect::{Effect, History};
use crate::tui::keymap::SearchCommand;
use crate::tui::search::{Found, Progress, Reveal, SearchView, page};

/// Opens the search view, empty.
pub(super) fn open(app: &mut App) {
    app.open(Popup::Search(Box::default()));
}

/// A key in the search view: a bound one moves, opens or closes; any other edits the query.
pub(super) fn key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let moving = match app.settings.keymap.search.command_or_plain(&key) {
        Some(SearchCommand::Open) => return open_hit(app),
        Some(SearchCommand::Close) => {
            let seq = view_seq(app);
            app.close_popup();
            // what is still searched for is of no use now
            return vec![search(seq + 1, String::new())];
        }
        Some(moving) => moving,
        None => {
            return match to_input_request(&Event::Key(key)) {
                Some(request) => edit(app, &[request]),
                None => Vec::new(),
            };
        }
    };
    let page = page(app.size);
    let Some(Popup::Search(view)) = &mut app.popup else {
        return Vec::new();
    };
    let last = view.hits.len().saturating_sub(1);
    view.selected = match moving {
        SearchCommand::Down => (view.selected + 1).min(last),
        SearchCommand::Up => view.selected.saturating_sub(1),
        SearchCommand::PageDown => (view.selected + page).min(last),
        SearchCommand::PageUp => view.selected.saturating_sub(page),
        SearchCommand::Open | SearchCommand::Close => view.selected,
    };
    keep_in_view(view, page);
    Vec::new()
}

/// Pasted text goes into the query, line breaks as spaces.
pub(super) fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    let requests: Vec<InputRequest> = text
        .chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => InputRequest::InsertChar(' '),
            c => InputRequest::InsertChar(c),
        })
        .collect();
    edit(app, &requests)
}

/// Edits the query; when it changed, searches again (a query of spaces searches nothing).
fn edit(app: &mut App, requests: &[InputRequest]) -> Vec<Effect> {
    let Some(Popup::Search(view)) = &mut app.popup else {
        return Vec::new();
    };
    let before = view.input.value().to_string();
    for request in requests {
        view.input.handle(*request);
    }
    let pattern = view.input.value().trim().to_string();
    if view.input.value() == before {
        return Vec::new();
    }
    view.seq += 1;
    view.selected = 0;
    view.offset = 0;
    if pattern.is_empty() {
        view.hits.clear();
        view.state = Progress::Idle;
    } else {
        view.state = Progress::Searching;
    }
    vec![search(view.seq, pattern)]
}

fn search(seq: u64, pattern: String) -> Effect {
    Effect::Search { seq, pattern }
}

fn view_seq(app: &App) -> u64 {
    match &app.popup {
        Some(Popup::Search(view)) => view.seq,
        _ => 0,
    }
}

/// Keeps the selected hit in the `page` hits shown.
fn keep_in_view(view: &mut SearchView, page: usize) {
    let page = page.max(1);
    if view.selected < view.offset {
        view.offset = view.selected;
    } else if view.selected >= view.offset + page {
        view.offset = view.selected + 1 - page;
    }
}

/// Hits of a search: shown when they are the latest search's.
pub(super) fn found(app: &mut App, found: Found) {
    let page = page(app.size);
    let Some(Popup::Search(view)) = &mut app.popup else {
        return;
    };
    if found.seq != view.seq {
        return;
    }
    view.hits = found.hits;
    view.state = found.state;
    view.selected = view.selected.min(view.hits.len().saturating_sub(1));
    keep_in_view(view, page);
}

/// Opens the selected hit: in the mission shown, it is selected at once; another mission
/// is switched to (reopened when it has ended), and the hit selected once it is loaded.
fn open_hit(app: &mut App) -> Vec<Effect> {
    let Some(Popup::Search(view)) = &app.popup else {
        return Vec::new();
    };
    let Some(hit) = view.hits.get(view.selected).cloned() else {
        return Vec::new();
    };
    let seq = view.seq;
    app.close_popup();
    let mut effects = vec![search(seq + 1, String::new())];
    app.reveal = Some(Reveal::from(&hit));
    if app
        .data
        .as_ref()
        .is_some_and(|d| d.session.id == hit.session)
    {
        reveal(app);
        return effects;
    }
    let change = match hit.status.is_ended() {
        true => Change::Reopen {
            session: hit.session,
        },
        false => Change::Switch {
            session: hit.session,
        },
    };
    app.brief_on_load = true;
    effects.push(Effect::Apply {
        change,
        history: History::Record,
    });
    effects
}

/// Selects the entry a hit was opened at, once its mission is the one loaded (and, for an
/// interaction, once the part of the timeline holding it is): the pane that holds it gets
/// the focus, and a filter that hides it is cleared.
pub(super) fn reveal(app: &mut App) {
    let Some(reveal) = app.reveal.clone() else {
        return;
    };
    let Some(data) = app.data.as_ref().filter(|d| d.session.id == reveal.session) else {
        return;
    };
    let (pane, index) = match reveal.item {
        Item::Interaction => (Pane::Timeline, data.interactions.rposition(reveal.id)),
        Item::Step => (
            Pane::Steps,
            data.session.steps.iter().position(|s| s.id == reveal.id),
        ),
        Item::Decision => (
            Pane::Decisions,
            data.session
                .decisions
                .iter()
                .position(|d| d.id == reveal.id),
        ),
    };
    let Some(mut index) = index else {
        if data.complete {
            app.reveal = None;
            app.flash("That entry is no longer there", true);
        }
        return; // the rest of a long timeline is still being read
    };
    app.reveal = None;
    if pane == Pane::Timeline {
        if app
            .filtered
            .as_ref()
            .is_some_and(|shown| !shown.contains(&index))
        {
            app.filter.clear();
            nav::apply_filter(app);
        }
        if let Some(shown) = &app.filtered {
            index = shown.iter().position(|&i| i == index).unwrap_or(0);
        }
    }
    app.focus = pane;
    let len = app.pane_len(pane);
    let view = app.view_mut(pane);
    view.selected = index;
    view.follow = index + 1 == len;
    keep_all_visible(app);
}
