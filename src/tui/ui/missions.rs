//! The missions popup: the missions, open ones first and ended ones on request, narrowed
//! as the filter is typed, to switch to one or start a new one.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::dialog::boxed;
use super::fit;
use crate::sanitize;
use crate::session::MissionStatus;
use crate::text::{DateStyle, ago, counted};
use crate::tui::app::App;
use crate::tui::data::MissionRow;
use crate::tui::keymap::MissionsCommand;
use crate::tui::mission_list::MissionList;

/// Rows of the box that are not missions: borders, the filter line, a blank and the hint.
const CHROME: u16 = 5;

/// Draws the missions popup.
pub fn render(frame: &mut Frame, app: &App, area: Rect, list: &MissionList) {
    // as tall as the list unfiltered: the box stays put while the filter is typed
    let count = list.unfiltered().max(1).min(u16::MAX as usize / 2) as u16;
    let inner = boxed(frame, app, area, " Missions ", 90, count + CHROME);
    if inner.is_empty() {
        return;
    }
    let mut lines = vec![filter_line(app, list, inner.width as usize)];
    let visible = inner.height.saturating_sub(3).max(1) as usize;
    match &list.rows {
        None => lines.push(Line::styled(" Loading…", app.settings.theme.dim)),
        Some(_) if list.shown.is_empty() => lines.push(nothing_listed(app, list)),
        Some(_) => {
            // a page at a time: the rows stay put while the selection moves within them
            let first = list.selected / visible * visible;
            for (i, row) in list.listed().enumerate().skip(first).take(visible) {
                lines.push(row_line(app, row, i == list.selected, inner.width as usize));
            }
        }
    }
    let body = Rect {
        height: inner.height.saturating_sub(1),
        ..inner
    };
    let bottom = Rect {
        y: inner.bottom().saturating_sub(1),
        height: 1,
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), body);
    frame.render_widget(
        Paragraph::new(hint(app, list, inner.width as usize)),
        bottom,
    );
    if list.typing {
        let x = inner.x + 3 + list.filter.visual_cursor() as u16;
        if x < inner.right() {
            frame.set_cursor_position(Position::new(x, inner.y));
        }
    }
}

/// The filter as typed (or how to start one), and how many missions are listed.
fn filter_line(app: &App, list: &MissionList, width: usize) -> Line<'static> {
    let theme = &app.settings.theme;
    let listed = list.shown.len();
    let total = list.rows.as_ref().map_or(0, Vec::len);
    let mut count = match list.hidden_ended() {
        0 if listed == total => counted(listed, "mission", "missions"),
        0 => format!("{listed} of {total}"),
        hidden => format!("{listed} open · {hidden} ended hidden"),
    };
    count.push(' ');
    let filter = sanitize::line(list.filter.value()).into_owned();
    let typed = if list.typing || !filter.is_empty() {
        Span::styled(format!(" / {filter}"), theme.text)
    } else {
        let key = app
            .settings
            .keymap
            .missions
            .label(MissionsCommand::Filter, 1);
        Span::styled(format!(" {key} to filter"), theme.dim)
    };
    let room = width.saturating_sub(typed.content.width() + count.width());
    Line::from(vec![
        typed,
        Span::raw(" ".repeat(room)),
        Span::styled(count, theme.dim),
    ])
}

/// Why no mission is listed.
fn nothing_listed(app: &App, list: &MissionList) -> Line<'static> {
    let theme = &app.settings.theme;
    let filter = sanitize::line(list.filter.value()).into_owned();
    let hidden = list.hidden_ended();
    let keys = &app.settings.keymap.missions;
    let show = if list.typing {
        keys.label_not_typing(MissionsCommand::ShowEnded)
    } else {
        keys.label(MissionsCommand::ShowEnded, 1)
    };
    let text = match (filter.trim().is_empty(), hidden) {
        (true, 0) => " No sessions yet.".to_string(),
        (true, n) => format!(" No open mission; {n} ended: {show} shows them"),
        (false, 0) => format!(" No mission matches “{filter}”"),
        (false, n) => format!(" No open mission matches “{filter}”; {n} ended: {show} shows them"),
    };
    Line::styled(text, theme.dim)
}

/// One mission: the active mark, id, status, title, progress and last interaction.
fn row_line(app: &App, row: &MissionRow, selected: bool, width: usize) -> Line<'static> {
    let theme = &app.settings.theme;
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
    let title_width = width.saturating_sub(fixed.width() + 10 + tail.width());
    let line = Line::from(vec![
        Span::styled(fixed, theme.title),
        Span::styled(format!("{:<10}", row.status.as_str()), status_style),
        Span::raw(fit(&sanitize::line(&row.title), title_width)),
        Span::styled(tail, theme.dim),
    ]);
    if selected {
        line.patch_style(theme.selected)
    } else {
        line
    }
}

/// The keys that work now, as many as fit: while typing, those that are not characters.
fn hint(app: &App, list: &MissionList, width: usize) -> Line<'static> {
    let keys = &app.settings.keymap.missions;
    let ended = if list.show_ended {
        "hide ended"
    } else {
        "show ended"
    };
    let pieces: Vec<(String, &str)> = if list.typing {
        let label = |c| keys.label_not_typing(c);
        let moves = format!(
            "{} {}",
            label(MissionsCommand::Down),
            label(MissionsCommand::Up)
        );
        vec![
            (label(MissionsCommand::Switch), "switch"),
            (moves.trim().to_string(), "select"),
            (label(MissionsCommand::ShowEnded), ended),
            (label(MissionsCommand::Close), "clear"),
        ]
    } else {
        let label = |c| keys.label(c, 1);
        vec![
            (label(MissionsCommand::Switch), "switch"),
            (label(MissionsCommand::Filter), "filter"),
            (label(MissionsCommand::ShowEnded), ended),
            (label(MissionsCommand::New), "new"),
            (label(MissionsCommand::Close), "close"),
        ]
    };
    // drawn as ` k what · k what`: each piece costs its words, a space and a separator
    let mut used = 1usize;
    let kept: Vec<(String, &str)> = pieces
        .into_iter()
        .filter(|(keys, _)| !keys.is_empty())
        .take_while(|(keys, what)| {
            let separator = if used > 1 { 3 } else { 0 };
            used += separator + keys.width() + 1 + what.width();
            used <= width
        })
        .collect();
    super::dialog::hint(app, &kept)
}
