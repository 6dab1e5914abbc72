//! What goes outside the dashboard: text copied to the terminal's clipboard (the selected
//! entry, the briefing, an item read whole), and a shell opened in the session's folder.

use std::path::PathBuf;

use ratatui::text::Line;

use crate::sanitize;
use crate::tui::app::{App, Pane, Popup};
use crate::tui::clipboard::{self, MAX_COPY};
use crate::tui::effect::Effect;
use crate::tui::pages;

/// The width the briefing is laid out at when copied: a readable paragraph.
const COPY_WIDTH: usize = 80;

/// Copies the selected entry of the pane with focus: an interaction, a step or a decision
/// (with its rationale), whole.
pub(super) fn copy_selected(app: &mut App) -> Vec<Effect> {
    let Some(data) = &app.data else {
        return Vec::new();
    };
    let entry = match app.focus {
        Pane::Timeline if app.timeline_len() > 0 => {
            let i = data
                .interactions
                .entry(app.interaction_at(app.timeline.selected));
            Some(("interaction", i.text.to_string()))
        }
        Pane::Steps => data
            .session
            .steps
            .get(app.steps.selected)
            .map(|s| ("step", s.text.clone())),
        Pane::Decisions => data.session.decisions.get(app.decisions.selected).map(|d| {
            let text = match &d.why {
                Some(why) => format!("{}\n\nWhy: {why}", d.text),
                None => d.text.clone(),
            };
            ("decision", text)
        }),
        Pane::Timeline => None,
    };
    match entry {
        Some((kind, text)) => {
            // the footer is one line: the quote takes what the words leave of it
            let room = (app.size.0 as usize).saturating_sub(kind.len() + 16);
            let quoted = sanitize::truncate(&sanitize::line(&text), room.clamp(12, 40));
            copy(app, (kind, format!("the {kind} “{quoted}”")), &text)
        }
        None => {
            app.flash("Nothing selected to copy", true);
            Vec::new()
        }
    }
}

/// Copies the open briefing as it reads, its title first.
pub(super) fn copy_briefing(app: &mut App) -> Vec<Effect> {
    let Some(Popup::Briefing { briefing, .. }) = &app.popup else {
        return Vec::new();
    };
    let mut text = pages::briefing_title(briefing).trim().to_string();
    text.push('\n');
    for line in pages::briefing(app, briefing, None, COPY_WIDTH) {
        let line = plain(&line);
        // without the popup's margin
        text.push_str(line.strip_prefix(' ').unwrap_or(&line).trim_end());
        text.push('\n');
    }
    let lines = text.lines().count();
    copy(
        app,
        ("briefing", format!("the briefing ({lines} lines)")),
        &text,
    )
}

/// Copies the item read whole; the help and the stats are not copied.
pub(super) fn copy_read(app: &mut App) -> Vec<Effect> {
    match &app.popup {
        Some(Popup::Text { title, body, .. }) => {
            let what = format!("“{}”", sanitize::line(title.trim()));
            let body = body.clone();
            copy(app, ("text", what), &body)
        }
        _ => {
            app.flash("Nothing to copy here", true);
            Vec::new()
        }
    }
}

/// Puts `text` on the clipboard, made safe, and says so (`what`: its kind, and how it is
/// named); refuses what is too long.
fn copy(app: &mut App, (kind, named): (&str, String), text: &str) -> Vec<Effect> {
    match clipboard::prepare(text) {
        Ok(text) => {
            app.flash(format!("Copied {named}"), false);
            vec![Effect::Copy { text }]
        }
        Err(bytes) => {
            let (kb, max) = (bytes.div_ceil(1024), MAX_COPY / 1024);
            app.flash(
                format!("Too long to copy: the {kind} is {kb} KB ({max} KB at most)"),
                true,
            );
            Vec::new()
        }
    }
}

/// The text of a laid-out line.
fn plain(line: &Line) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// Opens a shell in the folder the session follows: a tmux split inside tmux, otherwise in
/// this terminal, the dashboard back when it exits. A session that follows no folder runs
/// nothing.
pub(super) fn open_shell(app: &mut App) -> Vec<Effect> {
    let Some(data) = &app.data else {
        return Vec::new();
    };
    match data.session.workspace.clone() {
        Some(dir) => vec![Effect::Shell {
            dir,
            tmux: app.settings.tmux,
        }],
        None => {
            app.flash("No folder followed: `tether workspace DIR` sets one", true);
            Vec::new()
        }
    }
}

/// A shell opened in a split, or ended, or refused: said in the footer.
pub(super) fn shell_done(app: &mut App, dir: PathBuf, split: bool, result: Result<(), String>) {
    let dir = sanitize::line(&dir.display().to_string()).into_owned();
    match (result, split) {
        (Ok(()), true) => app.flash(format!("A shell is open in {dir}, in a tmux split"), false),
        (Ok(()), false) => app.flash(format!("Back from the shell in {dir}"), false),
        (Err(why), _) => app.flash(format!("No shell: {why}"), true),
    }
}
