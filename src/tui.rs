//! The dashboard: a full-screen view of the active session, kept open for days.
//!
//! Data flows one way: a terminal event becomes an [`action::Action`], the pure
//! [`update::update`] changes the [`app::App`] and returns [`effect::Effect`]s, the
//! [`worker`] performs them off the UI thread (store changes through the same
//! [`crate::ops::apply`] as the CLI) and feeds their results back as actions, and the next
//! frame renders `&App`.

pub mod action;
pub mod app;
pub mod clipboard;
pub mod data;
pub mod effect;
pub mod entries;
pub mod keymap;
pub mod layout;
pub mod load;
pub mod measure;
pub mod mission_list;
pub mod pages;
pub mod popup;
mod runtime;
pub mod scroll;
pub mod search;
pub mod settings;
mod shell;
mod terminal;
pub mod texts;
pub mod theme;
pub mod ui;
pub mod update;
pub mod worker;
pub mod wrap;

use std::io::Write;

use color_eyre::eyre::Result;

use crate::Ctx;

/// Opens the dashboard on the active session and runs it until the user quits or the
/// terminal goes away. A bad dashboard setting refuses it, before the terminal is taken,
/// so the message is seen (and read without a terminal too).
pub fn run(ctx: &Ctx) -> Result<()> {
    ctx.refuse_unsafe()?;
    for warning in settings::check(&ctx.config)? {
        let line = crate::sanitize::line(&warning);
        let _ = writeln!(std::io::stderr(), "tether: warning: {line}");
    }
    // the records of other machines, fetched while the dashboard opens (sync = "auto")
    crate::sync::auto::request(ctx);
    let ran = runtime::run(ctx);
    // what was written in it goes out as it closes
    crate::sync::auto::request(ctx);
    ran
}
