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
            let page: Vec<(usize, &MissionRow)> = list
                .listed()
                .enumerate()
                .skip(first)
                .take(visible)
                .collect();
            let columns = Columns::of(app, page.iter().map(|(_, r)| *r), inner.width);
            for (i, row) in page {
                lines.push(columns.row(app, row, i == list.selected));
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
    let of = list.unfiltered();
    let filtering = !list.filter.value().trim().is_empty();
    let mut count = match (list.show_ended, filtering) {
        (true, false) => counted(listed, "mission", "missions"),
        (true, true) => format!("{listed} of {of}"),
        (false, false) => format!("{listed} open"),
        (false, true) => format!("{listed} of {of} open"),
    };
    match list.hidden_ended() {
        0 => {}
        hidden => count.push_str(&format!(" · {hidden} ended hidden")),
    }
    if list.rows.is_none() {
        count.clear();
    }
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

/// The widths of a page of rows, so that its columns line up: the progress gives way on a
/// narrow screen, the title takes what is left.
struct Columns {
    progress: Option<usize>,
    ago: usize,
    title: usize,
}

/// The columns before the title: ` * 00004   ` and the status.
const LEAD: usize = 11 + 10;

impl Columns {
    fn of<'r>(app: &App, rows: impl Iterator<Item = &'r MissionRow>, width: u16) -> Self {
        let (mut progress, mut ago) = (0, 0);
        for row in rows {
            progress = progress.max(row.progress.to_string().width());
            ago = ago.max(last(app, row).width());
        }
        let width = width as usize;
        let progress = (width >= 72).then_some(progress);
        let tail = progress.map_or(0, |p| p + 2) + ago + 1;
        let title = width.saturating_sub(LEAD + tail + 1);
        Columns {
            progress,
            ago,
            title,
        }
    }

    /// One mission: the active mark, id, status, title, progress and last interaction.
    fn row(&self, app: &App, row: &MissionRow, selected: bool) -> Line<'static> {
        let theme = &app.settings.theme;
        let active = app.data.as_ref().is_some_and(|d| d.session.id == row.id);
        let status_style = match row.status {
            MissionStatus::Active => theme.accent,
            MissionStatus::Paused => theme.text,
            _ => theme.dim,
        };
        let mark = if active { '*' } else { ' ' };
        let mut tail = String::from(" ");
        if let Some(width) = self.progress {
            tail.push_str(&format!("{:>width$}  ", row.progress.to_string()));
        }
        tail.push_str(&format!("{:>width$} ", last(app, row), width = self.ago));
        let line = Line::from(vec![
            Span::styled(format!(" {mark} {:<7} ", row.id.as_str()), theme.title),
            Span::styled(format!("{:<10}", row.status.as_str()), status_style),
            Span::raw(fit(&sanitize::line(&row.title), self.title)),
            Span::styled(tail, theme.dim),
        ]);
        if selected {
            line.patch_style(theme.selected)
        } else {
            line
        }
    }
}

/// When the mission was last worked on: `12h ago`, `on 4 Mar 2025`.
fn last(app: &App, row: &MissionRow) -> String {
    row.last.map_or_else(
        || "-".to_string(),
        |at| ago(at, app.now, app.settings.zone, DateStyle::Short),
    )
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
            (label(MissionsCommand::Close), "close"),
            (label(MissionsCommand::New), "new"),
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
