//! The dashboard: a full-screen view of the active session, kept open for days.
//!
//! Data flows one way: a terminal event becomes an [`action::Action`], the pure
//! [`update::update`] changes the [`app::App`] and returns [`effect::Effect`]s, the
//! [`worker`] performs them off the UI thread (store changes through the same
//! [`crate::ops::apply`] as the CLI) and feeds their results back as actions, and the next
//! frame renders `&App`.

pub mod action;
pub mod app;
pub mod data;
pub mod effect;
pub mod keymap;
pub mod layout;
pub mod measure;
mod runtime;
pub mod scroll;
mod terminal;
pub mod theme;
pub mod ui;
pub mod update;
pub mod worker;
pub mod wrap;

use color_eyre::eyre::Result;

use crate::Ctx;

/// Opens the dashboard on the active session and runs it until the user quits or the
/// terminal goes away.
pub fn run(ctx: &Ctx) -> Result<()> {
    runtime::run(ctx)
}
