//! The resume briefing popup: the gap, the mission, where you were, what was decided.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::dialog::{self, boxed_with_hint};
use super::hanging;
use super::header::gauge;
use crate::context::Briefing;
use crate::duration::human_delta;
use crate::reality::summary;
use crate::sanitize;
use crate::text::earlier_unseen;
use crate::tui::app::App;
use crate::tui::keymap::ScrollCommand;

/// The briefing's lines.
pub fn lines(app: &App, b: &Briefing, width: usize) -> Vec<Line<'static>> {
    let mut out = vec![Line::raw("")];
    overview(&mut out, app, b);
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
fn overview(out: &mut Vec<Line<'static>>, app: &App, b: &Briefing) {
    let theme = &app.settings.theme;
    out.push(Line::from(vec![
        Span::styled(" Mission   ", theme.dim),
        Span::styled(sanitize::line(&b.mission.title).into_owned(), theme.title),
    ]));
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
        let ago = b.since_last().map(human_delta).unwrap_or_default();
        out.push(Line::from(vec![
            Span::styled(" Last      ", theme.dim),
            Span::raw(format!("{when} ({ago} ago)")),
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
                "{}: since then {} steps done, {} decisions, {} interactions",
                app.moment(since.frozen_at),
                since.steps_done.len(),
                since.decisions_made,
                since.interactions_logged
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
    for line in summary::lines(change, |at| app.moment(at)) {
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

/// The popup's title: "Session 00004 resuming after 8h 17m".
pub fn title(b: &Briefing) -> String {
    match &b.gap {
        Some(gap) => format!(
            " Session {} resuming after {} ",
            b.session,
            human_delta(gap.length())
        ),
        None => format!(" Session {} · briefing ", b.session),
    }
}

/// Draws the briefing popup.
pub fn render(frame: &mut Frame, app: &App, area: Rect, b: &Briefing, scroll: u16) {
    let width = area.width.min(84).saturating_sub(3) as usize;
    let lines = lines(app, b, width);
    let close = app.settings.keymap.scroll.label(ScrollCommand::Close, 2);
    let mut hint = dialog::hint(
        app,
        &[
            (close, "back to work"),
            (dialog::scroll_keys(app), "scroll"),
        ],
    );
    hint.spans.push(Span::raw(" "));
    let style = if b.after_gap {
        app.settings.theme.gap.patch(app.settings.theme.title)
    } else {
        app.settings.theme.title
    };
    let size = (84, lines.len() as u16 + 3);
    let inner = boxed_with_hint(frame, app, area, Line::styled(title(b), style), hint, size);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        inner,
    );
}
