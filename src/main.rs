//! The `tether` binary: parse the command line and dispatch.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use tether::cli::{self, Cli, Ctx};

fn main() -> ExitCode {
    if let Err(report) = color_eyre::install() {
        say(&format!("tether: {report}"));
    }
    let args = Cli::parse();
    let result = Ctx::load(args.home, args.color).and_then(|ctx| match args.command {
        Some(command) => cli::run(&ctx, command)?
            .print(ctx.color.cli)
            .map_err(Into::into),
        None => tether::tui::run(&ctx),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(report) => {
            say(&format!(
                "tether: {}",
                tether::sanitize::lines(&report.to_string())
            ));
            ExitCode::FAILURE
        }
    }
}

/// Writes a line to stderr; a closed stderr (the terminal went away) is not worth a panic.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}
