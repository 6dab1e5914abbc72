//! The `tether` binary: parse the command line and dispatch.

use std::process::ExitCode;

use clap::Parser;
use tether::cli::{self, Cli, Ctx};

fn main() -> ExitCode {
    if let Err(report) = color_eyre::install() {
        eprintln!("tether: {report}");
    }
    let args = Cli::parse();
    let result = Ctx::load(args.home).and_then(|ctx| match args.command {
        Some(command) => cli::run(&ctx, command)?.print().map_err(Into::into),
        None => tether::tui::run(&ctx),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(report) => {
            eprintln!("tether: {}", tether::sanitize::lines(&report.to_string()));
            ExitCode::FAILURE
        }
    }
}
