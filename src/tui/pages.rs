//! The popups that scroll (the resume briefing, the help) laid out as lines at a width:
//! drawn by `ui`, and counted by `update` so that scrolling stops at their end.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::app::App;
use super::wrap::wrap;
use crate::context::Briefing;
use crate::reality::summary;
use crate::sanitize;
use crate::session::Progress;
use crate::text::{DateStyle, active_time_explained, ago, counted, earlier_unseen};

/// The widest the briefing popup gets, borders included.
pub const BRIEFING_WIDTH: u16 = 84;

/// The widest the help popup gets, borders included.
pub const HELP_WIDTH: u16 = 78;

/// The columns the briefing's text takes on a screen `columns` wide.
pub fn briefing_text_width(columns: u16) -> usize {
    columns.min(BRIEFING_WIDTH).saturating_sub(3) as usize
}

/// How far a popup of `lines` rows, drawn in a box `chrome` rows taller than its text on a
/// screen `rows` high, can scroll before its last line is at the bottom.
pub fn max_scroll(lines: usize, chrome: u16, rows: u16) -> u16 {
    let shown = rows.min(lines as u16 + chrome).saturating_sub(2) as usize;
    lines.saturating_sub(shown).min(u16::MAX as usize) as u16
}

/// A progress gauge: `■■■□□□□□`.
pub fn gauge(progress: Progress, cells: usize) -> (String, String) {
    let filled = (progress.done * cells + progress.total / 2)
        .checked_div(progress.total)
        .unwrap_or(0);
    (
        "■".repeat(filled.min(cells)),
        "□".repeat(cells - filled.min(cells)),
    )
}

/// A lead (a time, a number) then text wrapped to `width`, later rows indented under the
/// text.
pub fn hanging(
    lead: String,
    lead_style: Style,
    text: &str,
    style: Style,
    width: usize,
) -> Vec<Line<'static>> {
    let indent = unicode_width::UnicodeWidthStr::width(lead.as_str());
    wrap(text, width.saturating_sub(indent).max(8))
        .into_iter()
        .enumerate()
        .map(|(n, row)| {
            let lead = if n == 0 {
                Span::styled(lead.clone(), lead_style)
            } else {
                Span::raw(" ".repeat(indent))
            };
            Line::from(vec![lead, Span::styled(row, style)])
        })
        .collect()
}

/// The briefing popup's title: " Session 00004 resuming after 8h 17m ".
pub fn briefing_title(b: &Briefing) -> String {
    match &b.gap {
        Some(gap) => format!(
            " Session {} resuming after {} ",
            b.session,
            crate::duration::human_delta(gap.length())
        ),
        None => format!(" Session {} · briefing ", b.session),
    }
}

/// The briefing's lines at `width` columns; `held` names the key that woke the dashboard
/// and was held, not acted on.
pub fn briefing(app: &App, b: &Briefing, held: Option<&str>, width: usize) -> Vec<Line<'static>> {
    let mut out = vec![Line::raw("")];
    if let Some(key) = held {
        out.push(Line::styled(
            format!(" {key} was held, not done: press it again once you have read this"),
            app.settings.theme.key,
        ));
        out.push(Line::raw(""));
    }
    overview(&mut out, app, b, width);
    next_steps(&mut out, app, b, width);
    decisions(&mut out, app, b, width);
    workspace(&mut out, app, b, width);
    if !b.recent_interactions.is_empty() {
        section(&mut out, app, "Where you were");
        for i in &b.recent_interactions {
            let lead = format!("   {} ", app.moment(i.at));
            let text = sanitize::line(&i.text);
            out.extend(hanging(
                lead,
                app.settings.theme.dim,
                &text,
                app.settings.theme.text,
                width,
            ));
        }
    }
    out
}

/// The mission, the progress, the last interaction and the last freeze.
fn overview(out: &mut Vec<Line<'static>>, app: &App, b: &Briefing, width: usize) {
    let theme = &app.settings.theme;
    out.push(Line::from(vec![
        Span::styled(" Mission   ", theme.dim),
        Span::styled(sanitize::line(&b.mission.title).into_owned(), theme.title),
    ]));
    if let Some(description) = &b.mission.description {
        let text = sanitize::line(description);
        out.extend(hanging(
            " About     ".into(),
            theme.dim,
            &text,
            theme.text,
            width,
        ));
    }
    let mut progress = vec![Span::styled(" Progress  ", theme.dim)];
    if b.progress.total == 0 {
        progress.push(Span::styled("no steps planned", theme.dim));
    } else {
        let (filled, empty) = gauge(b.progress, 10);
        progress.push(Span::styled(filled, theme.accent));
        progress.push(Span::styled(empty, theme.dim));
        progress.push(Span::raw(format!(" {} steps done", b.progress)));
    }
    out.push(Line::from(progress));
    if let Some(last) = b.last_interaction {
        let when = app.moment(last);
        let ago = ago(last, b.now, app.settings.zone, DateStyle::Short);
        out.push(Line::from(vec![
            Span::styled(" Last      ", theme.dim),
            Span::raw(format!("{when} ({ago})")),
        ]));
    }
    if let Some((left, back)) = b.gap.and_then(|g| g.back.map(|back| (g.left, back))) {
        out.push(Line::from(vec![
            Span::styled(" Away      ", theme.dim),
            Span::raw(format!("{} → {}", app.moment(left), app.moment(back))),
            Span::styled(" (you came back without seeing this)", theme.dim),
        ]));
    }
    if let Some(earlier) = b.gap.and_then(|g| earlier_unseen(g.earlier_unseen)) {
        out.push(Line::from(vec![
            Span::styled(" Also      ", theme.dim),
            Span::styled(earlier, theme.gap),
        ]));
    }
    if let Some(since) = &b.since_freeze {
        out.push(Line::from(vec![
            Span::styled(" Frozen    ", theme.dim),
            Span::raw(format!(
                "{}: since then {}, {}, {}",
                app.moment(since.frozen_at),
                counted(since.steps_done.len(), "step done", "steps done"),
                counted(since.decisions_made, "decision", "decisions"),
                counted(since.interactions_logged, "interaction", "interactions"),
            )),
        ]));
    }
}

/// The open steps with their numbers.
fn next_steps(out: &mut Vec<Line<'static>>, app: &App, b: &Briefing, width: usize) {
    let theme = &app.settings.theme;
    section(out, app, "Next steps");
    if b.next_steps.is_empty() {
        out.push(Line::styled("   none open", theme.dim));
    }
    for step in &b.next_steps {
        let lead = format!("   {:>2}. ", step.number);
        let text = sanitize::line(&step.text);
        out.extend(hanging(lead, theme.dim, &text, theme.text, width));
    }
}

/// The latest decisions with their rationale.
fn decisions(out: &mut Vec<Line<'static>>, app: &App, b: &Briefing, width: usize) {
    if b.recent_decisions.is_empty() {
        return;
    }
    let theme = &app.settings.theme;
    section(out, app, "Key decisions");
    for d in &b.recent_decisions {
        let lead = format!("   {} ", app.moment(d.at));
        let indent = " ".repeat(unicode_width::UnicodeWidthStr::width(lead.as_str()));
        let text = sanitize::line(&d.text);
        out.extend(hanging(lead, theme.dim, &text, theme.text, width));
        if let Some(why) = &d.why {
            let why = sanitize::line(why);
            out.extend(hanging(
                format!("{indent}why: "),
                theme.dim,
                &why,
                theme.dim,
                width,
            ));
        }
    }
}

/// What changed in the workspace, once the worker has found out.
fn workspace(out: &mut Vec<Line<'static>>, app: &App, b: &Briefing, width: usize) {
    if b.workspace.is_none() {
        return;
    }
    let theme = &app.settings.theme;
    section(out, app, "What changed in the workspace since");
    let Some(change) = &b.workspace_changes else {
        out.push(Line::styled("   looking at the workspace…", theme.dim));
        return;
    };
    let clean = |s: &str| crate::sanitize::line(s).into_owned();
    for line in summary::lines(change, |at| app.moment(at), clean) {
        let depth = line.len() - line.trim_start().len();
        let lead = " ".repeat(3 + depth);
        out.extend(hanging(
            lead,
            theme.dim,
            line.trim_start(),
            theme.text,
            width,
        ));
    }
}

fn section(out: &mut Vec<Line<'static>>, app: &App, title: &str) {
    out.push(Line::raw(""));
    out.push(Line::styled(format!(" {title}"), app.settings.theme.title));
}

/// The help: every binding of the keymap, mode by mode under a heading, then the keys of
/// the line editor.
pub fn help(app: &App) -> Vec<Line<'static>> {
    let theme = &app.settings.theme;
    let mut lines = Vec::new();
    for (mode, entries) in app.settings.keymap.sections() {
        if entries.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(format!(" {}", mode.heading()), theme.title));
        for (keys, what) in entries {
            let keys: Vec<String> = keys.iter().map(|k| k.label()).collect();
            lines.push(Line::from(vec![
                Span::styled(format!("   {:<16}", keys.join(" ")), theme.key),
                Span::styled(what.to_string(), theme.text),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        " In text fields: ctrl-←/→ move a word, ctrl-w deletes one, ctrl-u clears.",
        theme.dim,
    ));
    lines.push(Line::styled(
        " The mouse wheel scrolls the pane under the pointer.",
        theme.dim,
    ));
    let active = active_time_explained(app.settings.threshold);
    for row in wrap(&active, HELP_WIDTH as usize - 4) {
        lines.push(Line::styled(format!(" {row}"), theme.dim));
    }
    lines
}

/// The widest an item's text is shown, borders included.
pub const TEXT_WIDTH: u16 = 80;

/// An item's whole text, wrapped to a screen `columns` wide.
pub fn text(app: &App, body: &str, columns: u16) -> Vec<Line<'static>> {
    let width = columns.min(TEXT_WIDTH).saturating_sub(4).max(1) as usize;
    let mut lines = vec![Line::raw("")];
    for paragraph in body.split('\n') {
        for row in wrap(&sanitize::line(paragraph), width) {
            lines.push(Line::styled(format!(" {row}"), app.settings.theme.text));
        }
    }
    lines
}
