//! The missions popup: every session, to switch to one or start a new one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::dialog::boxed;
use super::fit;
use crate::sanitize;
use crate::session::MissionStatus;
use crate::text::{DateStyle, ago};
use crate::tui::app::App;
use crate::tui::data::MissionRow;
use crate::tui::keymap::MissionsCommand;

/// Draws the missions popup.
pub fn render(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    rows: Option<&[MissionRow]>,
    selected: usize,
) {
    let theme = &app.settings.theme;
    let count = rows.map_or(1, |r| r.len().max(1)) as u16;
    let inner = boxed(frame, app, area, " Missions ", 90, count + 5);
    if inner.is_empty() {
        return;
    }
    let width = inner.width as usize;
    let mut lines = vec![Line::raw("")];
    let visible = inner.height.saturating_sub(3) as usize;
    match rows {
        None => lines.push(Line::styled(" Loading…", theme.dim)),
        Some([]) => lines.push(Line::styled(" No sessions yet.", theme.dim)),
        Some(rows) => {
            let first = selected.saturating_sub(visible.saturating_sub(1));
            for (i, row) in rows.iter().enumerate().skip(first).take(visible) {
                let active = app.data.as_ref().is_some_and(|d| d.session.id == row.id);
                let ago = row.last.map_or_else(
                    || "-".to_string(),
                    |at| ago(at, app.now, app.settings.zone, DateStyle::Short),
                );
                let status_style = match row.status {
                    MissionStatus::Active => theme.accent,
                    MissionStatus::Paused => theme.text,
                    _ => theme.dim,
                };
                let fixed = format!(
                    " {} {:<7} ",
                    if active { '*' } else { ' ' },
                    row.id.as_str()
                );
                let tail = format!(" {:>5}  {:>10} ", row.progress.to_string(), ago);
                let title_width =
                    width.saturating_sub(fixed.chars().count() + 10 + tail.chars().count());
                let mut line = Line::from(vec![
                    Span::styled(fixed, theme.title),
                    Span::styled(format!("{:<10}", row.status.as_str()), status_style),
                    Span::raw(fit(&sanitize::line(&row.title), title_width)),
                    Span::styled(tail, theme.dim),
                ]);
                if i == selected {
                    line = line.patch_style(theme.selected);
                }
                lines.push(line);
            }
        }
    }
    lines.push(Line::raw(""));
    let keys = &app.settings.keymap.missions;
    lines.push(super::dialog::hint(
        app,
        &[
            (keys.label(MissionsCommand::Switch, 1), "switch"),
            (keys.label(MissionsCommand::New, 1), "new mission"),
            (keys.label(MissionsCommand::Close, 1), "close"),
        ],
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}
