//! How many rows each item of a pane takes at a width, computed from the data alone (no
//! styled lines built): `update` uses it to keep selections in view, and drawing lays items
//! out by the same numbers.

use chrono::TimeDelta;
use unicode_width::UnicodeWidthStr;

use ratatui::layout::Rect;

use super::app::{App, Pane};
use super::entries::Entry;
use super::wrap::{wrap, wrap_at_most};
use crate::sanitize;
use crate::session::Source;

/// The most rows one interaction's text takes.
pub const INTERACTION_ROWS: usize = 4;

/// The most rows a step's text takes, when the pane cannot show every step whole.
pub const STEP_ROWS: usize = 2;

/// The most rows a decision's text, and its rationale, take, when the pane cannot show
/// every decision whole.
pub const DECISION_ROWS: usize = 2;

/// The most rows the selected item of a side pane takes.
pub const SELECTED_ROWS: usize = 12;

/// How one timeline row is laid out.
pub struct TimelineRow<'a> {
    /// The interaction shown.
    pub interaction: Entry<'a>,
    /// The silence before it, when it is a gap (a gap row comes first).
    pub gap: Option<TimeDelta>,
    /// Whether a date row comes before it (the first row, or a new day).
    pub new_day: bool,
    /// Its time of day, as the person likes it.
    pub time: String,
    /// Who recorded it, when that is worth saying (`  git`); empty otherwise.
    pub tag: String,
    /// Columns before its text.
    pub prefix: usize,
    /// Columns its text wraps in.
    pub text_width: usize,
}

impl TimelineRow<'_> {
    /// Rows before the text: a gap row and a date row, when due.
    pub fn lead_rows(&self) -> usize {
        usize::from(self.gap.is_some()) + usize::from(self.new_day)
    }

    /// The text's rows.
    pub fn text(&self) -> Vec<String> {
        wrap_at_most(
            &sanitize::line(&self.interaction.text),
            self.text_width,
            INTERACTION_ROWS,
        )
    }
}

/// How timeline item `view` (an index into what the filter lets through) is laid out at
/// `width` columns; `None` when there is no such item.
pub fn timeline_row(app: &App, view: usize, width: u16) -> Option<TimelineRow<'_>> {
    let data = app.data.as_ref()?;
    let index = app.interaction_at(view);
    let interaction = data.interactions.get(index)?;
    let zone = app.settings.zone;
    let new_day = view == 0 || {
        let before = data.interactions.at(app.interaction_at(view - 1));
        zone.show(before).date_naive() != zone.show(interaction.at).date_naive()
    };
    let tag = match interaction.source {
        Source::Git | Source::Agent | Source::Import => {
            format!("  {}", interaction.source.as_str())
        }
        Source::Cli | Source::Tui => String::new(),
    };
    let time = app.time(interaction.at);
    let prefix = time.width() + 4;
    let text_width = (width as usize).saturating_sub(prefix + tag.len()).max(1);
    Some(TimelineRow {
        interaction,
        gap: data.gap_before(index, app.settings.threshold),
        new_day,
        time,
        tag,
        prefix,
        text_width,
    })
}

/// How many rows timeline item `view` takes at `width`.
pub fn timeline_rows(app: &App, view: usize, width: u16) -> usize {
    timeline_row(app, view, width).map_or(0, |row| row.lead_rows() + row.text().len())
}

/// The columns of a step's number: as wide as the highest number given.
pub fn step_number_width(app: &App) -> usize {
    let highest = app.data.as_ref().map_or(0, |d| d.session.last_step_number);
    highest.max(1).to_string().len()
}

/// Columns before a step's text: ` 12 [x] `.
pub fn step_lead(app: &App) -> usize {
    step_number_width(app) + 6
}

/// The rows of step `i`'s text at `width`.
pub fn step_text(app: &App, i: usize, width: u16) -> Vec<String> {
    let Some(step) = app.data.as_ref().and_then(|d| d.session.steps.get(i)) else {
        return Vec::new();
    };
    let width = (width as usize).saturating_sub(step_lead(app));
    let cap = cap(app, Pane::Steps, i, STEP_ROWS);
    wrap_at_most(&sanitize::line(&step.text), width, cap)
}

/// The most rows item `i` of a side pane takes: no more than `rows` when the pane cannot
/// show every item whole, more for the selected one (read it whole with `enter`).
fn cap(app: &App, pane: Pane, i: usize, rows: usize) -> usize {
    if app.view(pane).selected == i || fits_whole(app, pane) {
        SELECTED_ROWS
    } else {
        rows
    }
}

/// Whether every item of a side pane fits in it whole.
fn fits_whole(app: &App, pane: Pane) -> bool {
    let area = crate::tui::layout::inner(
        crate::tui::layout::areas(Rect::new(0, 0, app.size.0, app.size.1), app.focus).pane(pane),
    );
    let Some(data) = &app.data else { return true };
    let width = area.width as usize;
    let full = |text: &str, indent: usize| {
        wrap(&sanitize::line(text), width.saturating_sub(indent).max(1)).len()
    };
    let rows: usize = match pane {
        Pane::Steps => {
            let lead = step_lead(app);
            data.session.steps.iter().map(|s| full(&s.text, lead)).sum()
        }
        Pane::Decisions => {
            let indent = decision_indent(app);
            let whys =
                |d: &crate::session::Decision| d.why.as_deref().map_or(0, |w| full(w, indent + 5));
            data.session
                .decisions
                .iter()
                .map(|d| full(&d.text, indent) + whys(d))
                .sum()
        }
        Pane::Timeline => return false,
    };
    rows <= area.height as usize
}

/// How many rows step `i` takes at `width`.
pub fn step_rows(app: &App, i: usize, width: u16) -> usize {
    step_text(app, i, width).len()
}

/// The column a decision's text starts at: after its time (or date) and two spaces.
pub fn decision_indent(app: &App) -> usize {
    app.time(app.now).width().max(6) + 3
}

/// The rows of decision `i` at `width`: its text's, then its rationale's (after `why: `).
pub fn decision_text(app: &App, i: usize, width: u16) -> (Vec<String>, Vec<String>) {
    let Some(d) = app.data.as_ref().and_then(|d| d.session.decisions.get(i)) else {
        return (Vec::new(), Vec::new());
    };
    let (width, indent) = (width as usize, decision_indent(app));
    let cap = cap(app, Pane::Decisions, i, DECISION_ROWS);
    let text = wrap_at_most(&sanitize::line(&d.text), width.saturating_sub(indent), cap);
    let why = d.why.as_deref().map_or_else(Vec::new, |why| {
        wrap_at_most(&sanitize::line(why), width.saturating_sub(indent + 5), cap)
    });
    (text, why)
}

/// How many rows decision `i` takes at `width`.
pub fn decision_rows(app: &App, i: usize, width: u16) -> usize {
    let (text, why) = decision_text(app, i, width);
    text.len() + why.len()
}
