//! Selection and scrolling in the panes, and keeping them right when data changes.

use ratatui::layout::Rect;

use crate::tui::app::{App, ListView, Pane};
use crate::tui::data::{Data, Growth};
use crate::tui::layout::{self, inner};
use crate::tui::measure::{decision_rows, step_rows, timeline_rows};
use crate::tui::scroll::{bottom, keep_visible};

/// Rows the mouse wheel moves.
const WHEEL_STEP: isize = 3;

/// The inside of a pane at the current size (empty when it is hidden).
fn pane_inner(app: &App, pane: Pane) -> Rect {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    inner(layout::areas(area, app.focus).pane(pane))
}

/// How many items a page moves.
pub fn page(app: &App, pane: Pane) -> usize {
    (pane_inner(app, pane).height as usize)
        .saturating_sub(1)
        .max(1)
}

/// Moves a pane's selection by `delta` items.
pub fn move_by(app: &mut App, pane: Pane, delta: isize) {
    let target = app.view(pane).selected.saturating_add_signed(delta);
    move_to(app, pane, target);
}

/// Selects item `index` of a pane (clamped).
pub fn move_to(app: &mut App, pane: Pane, index: usize) {
    let len = app.pane_len(pane);
    let view = app.view_mut(pane);
    view.selected = index.min(len.saturating_sub(1));
    view.follow = len > 0 && view.selected == len - 1;
    keep_all_visible(app);
}

/// The mouse wheel over a cell moves the selection of the pane under it.
pub fn wheel(app: &mut App, column: u16, row: u16, down: bool) {
    if let Some(popup) = &mut app.popup {
        use crate::tui::app::Popup;
        if let Popup::Help { scroll }
        | Popup::Briefing { scroll, .. }
        | Popup::Text { scroll, .. } = popup
        {
            *scroll = if down {
                scroll.saturating_add(3)
            } else {
                scroll.saturating_sub(3)
            };
        }
        return;
    }
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    if let Some(pane) = layout::areas(area, app.focus).pane_at(column, row) {
        move_by(app, pane, if down { WHEEL_STEP } else { -WHEEL_STEP });
    }
}

/// Recomputes every pane's offset so its selection is in view.
pub fn keep_all_visible(app: &mut App) {
    keep_pane_visible(app, Pane::Timeline, timeline_rows);
    keep_pane_visible(app, Pane::Steps, step_rows);
    keep_pane_visible(app, Pane::Decisions, decision_rows);
}

/// Moves a pane's offset so its selection is in view; `rows` says how many rows an item takes
/// at a width.
fn keep_pane_visible(app: &mut App, pane: Pane, rows: impl Fn(&App, usize, u16) -> usize) {
    let area = pane_inner(app, pane);
    let ListView {
        offset, selected, ..
    } = *app.view(pane);
    let len = app.pane_len(pane);
    let offset = keep_visible(offset, selected, len, area.height as usize, |i| {
        rows(app, i, area.width)
    });
    app.view_mut(pane).offset = offset;
}

/// Installs newly loaded data, keeping each selection on the same item where it can.
pub fn replace_data(app: &mut App, data: Option<Data>) {
    let same_session =
        matches!((&app.data, &data), (Some(a), Some(b)) if a.session.id == b.session.id);
    let kept = Selection::remember(app);
    if !same_session {
        app.timeline = ListView {
            follow: true,
            ..ListView::default()
        };
        app.steps = ListView::default();
        app.decisions = ListView::default();
        app.filter.clear();
    }
    app.data = data;
    kept.restore(app, false);
}

/// Adds what was appended to the session shown (no copy of what was there), keeping the
/// selections.
pub fn grow_data(app: &mut App, growth: Growth) {
    let kept = Selection::remember(app);
    if let Some(data) = app.data.as_mut() {
        data.grow(growth, app.settings.threshold);
    }
    kept.restore(app, true);
}

/// The items selected before the data changed, found again after.
struct Selection {
    interaction: Option<ulid::Ulid>,
    step: Option<ulid::Ulid>,
    decision: Option<ulid::Ulid>,
}

impl Selection {
    fn remember(app: &App) -> Self {
        let data = app.data.as_ref();
        let len = app.timeline_len();
        Selection {
            interaction: (len > 0)
                .then(|| app.interaction_at(app.timeline.selected.min(len - 1)))
                .and_then(|index| data?.interactions.id(index)),
            step: data
                .and_then(|d| d.session.steps.get(app.steps.selected))
                .map(|s| s.id),
            decision: data
                .and_then(|d| d.session.decisions.get(app.decisions.selected))
                .map(|d| d.id),
        }
    }

    /// Finds the items again; `appended` when the interactions were only added to (the
    /// filter then looks only through those it let through and the new ones).
    fn restore(self, app: &mut App, appended: bool) {
        filter(app, appended);
        let Some(data) = &app.data else { return };
        let steps = data
            .session
            .steps
            .iter()
            .position(|s| Some(s.id) == self.step);
        let decisions = data
            .session
            .decisions
            .iter()
            .position(|d| Some(d.id) == self.decision);
        let interaction = match app.timeline.follow {
            true => None,
            false => self
                .interaction
                .and_then(|id| data.interactions.rposition(id)),
        };
        app.steps.selected = steps.unwrap_or(app.steps.selected);
        app.decisions.selected = decisions.unwrap_or(app.decisions.selected);
        let len = app.timeline_len();
        app.timeline.selected = match interaction {
            Some(index) => app
                .filtered
                .as_ref()
                .map_or(Some(index), |f| f.iter().position(|&i| i == index))
                .unwrap_or(0),
            None => len.saturating_sub(1),
        };
        for pane in [Pane::Timeline, Pane::Steps, Pane::Decisions] {
            let len = app.pane_len(pane);
            let view = app.view_mut(pane);
            view.selected = view.selected.min(len.saturating_sub(1));
        }
        if app.timeline.follow {
            let area = pane_inner(app, Pane::Timeline);
            app.timeline.offset = bottom(len, area.height as usize, |i| {
                timeline_rows(app, i, area.width)
            });
        }
        keep_all_visible(app);
    }
}

/// Recomputes which interactions the filter lets through (case-insensitive), looking
/// through every text.
pub fn apply_filter(app: &mut App) {
    filter(app, false);
}

/// Recomputes which interactions the filter lets through; with `narrow`, a filter that
/// holds the one before looks only through what that one let through and what was
/// appended since (any text holding the longer holds the shorter).
fn filter(app: &mut App, narrow: bool) {
    let needle = app.filter.trim().to_lowercase();
    let Some(data) = app.data.as_ref().filter(|_| !needle.is_empty()) else {
        app.filtered = None;
        app.filtered_by = None;
        return;
    };
    let len = data.interactions.len();
    let scope = match (&app.filtered, &app.filtered_by) {
        (Some(through), Some((before, then)))
            if narrow && needle.contains(before.as_str()) && *then <= len =>
        {
            Some(
                through
                    .iter()
                    .copied()
                    .chain(*then..len)
                    .collect::<Vec<_>>(),
            )
        }
        _ => None,
    };
    let mut through = Vec::new();
    let mut take = |n, text: &str| {
        if text.to_lowercase().contains(&needle) {
            through.push(n);
        }
    };
    match &scope {
        Some(scope) => data.interactions.each_text_in(scope, &mut take),
        None => data.interactions.each_text(&mut take),
    }
    // read in the file's order: shown in the timeline's
    through.sort_unstable();
    app.filtered = Some(through);
    app.filtered_by = Some((needle, len));
}

/// Applies a changed filter: the selection goes to the latest match.
pub fn filter_changed(app: &mut App) {
    filter(app, true);
    app.timeline.selected = app.timeline_len().saturating_sub(1);
    app.timeline.follow = true;
    let area = pane_inner(app, Pane::Timeline);
    let len = app.timeline_len();
    app.timeline.offset = bottom(len, area.height as usize, |i| {
        timeline_rows(app, i, area.width)
    });
    keep_all_visible(app);
}
