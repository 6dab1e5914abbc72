//! The dashboard.

use color_eyre::eyre::{Result, bail};

use crate::cli::Ctx;

/// Opens the dashboard on the active session.
pub fn run(_ctx: &Ctx) -> Result<()> {
    bail!("the dashboard is not available in this build: use the subcommands (`tether --help`)")
}
