//! The resume briefing popup: the gap, the mission, where you were, what was decided.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::hanging;
use super::header::gauge;
use super::popup::{self, boxed_with_hint};
use crate::context::Briefing;
use crate::duration::human_delta;
use crate::reality::summary;
use crate::sanitize;
use crate::tui::app::App;
use crate::tui::keymap::ScrollCommand;

/// The briefing's lines.
pub fn lines(app: &App, b: &Briefing, width: usize) -> Vec<Line<'static>> {
    let theme = &app.settings.theme;
    let mut out = vec![Line::raw("")];
    let clean = |s: &str| sanitize::line(s).into_owned();
    out.push(Line::from(vec![
        Span::styled(" Mission   ", theme.dim),
        Span::styled(clean(&b.mission.title), theme.title),
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
    section(&mut out, app, "Next steps");
    if b.next_steps.is_empty() {
        out.push(Line::styled("   none open", theme.dim));
    }
    for step in &b.next_steps {
        let lead = format!("   {:>2}. ", step.number);
        out.extend(hanging(
            lead,
            theme.dim,
            &clean(&step.text),
            theme.text,
            width,
        ));
    }
    if !b.recent_decisions.is_empty() {
        section(&mut out, app, "Key decisions");
        for d in &b.recent_decisions {
            let lead = format!("   {} ", app.moment(d.at));
            let indent = " ".repeat(unicode_width::UnicodeWidthStr::width(lead.as_str()));
            out.extend(hanging(lead, theme.dim, &clean(&d.text), theme.text, width));
            if let Some(why) = &d.why {
                out.extend(hanging(
                    format!("{indent}why: "),
                    theme.dim,
                    &clean(why),
                    theme.dim,
                    width,
                ));
            }
        }
    }
    if b.workspace.is_some() {
        section(&mut out, app, "What changed in the workspace since");
        match &b.workspace_changes {
            None => out.push(Line::styled("   looking at the workspace…", theme.dim)),
            Some(change) => {
                let when = |at| app.moment(at);
                for line in summary::lines(change, when) {
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
        }
    }
    if !b.recent_interactions.is_empty() {
        section(&mut out, app, "Where you were");
        for i in &b.recent_interactions {
            let lead = format!("   {} ", app.moment(i.at));
            out.extend(hanging(lead, theme.dim, &clean(&i.text), theme.text, width));
        }
    }
    out
}

fn section(out: &mut Vec<Line<'static>>, app: &App, title: &str) {
    out.push(Line::raw(""));
    out.push(Line::styled(format!(" {title}"), app.settings.theme.title));
}

/// The popup's title: "Session 00004 resuming after 8h 17m".
pub fn title(b: &Briefing) -> String {
    match b.since_last() {
        Some(since) if b.after_gap => format!(
            " Session {} resuming after {} ",
            b.session,
            human_delta(since)
        ),
        _ => format!(" Session {} · briefing ", b.session),
    }
}

/// Draws the briefing popup.
pub fn render(frame: &mut Frame, app: &App, area: Rect, b: &Briefing, scroll: u16) {
    let width = area.width.min(84).saturating_sub(3) as usize;
    let lines = lines(app, b, width);
    let close = app.settings.keymap.scroll.label(ScrollCommand::Close, 2);
    let mut hint = popup::hint(
        app,
        &[(close, "back to work"), (popup::scroll_keys(app), "scroll")],
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
