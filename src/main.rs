//! The `tether` binary: parse the command line and dispatch.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use tether::Ctx;
use tether::cli::{self, Cli};

fn main() -> ExitCode {
    // the shell asking for completions (`COMPLETE=bash tether -- ...`) is answered, and
    // the process ends, before anything else happens
    cli::complete::answer_if_asked();
    install_reports();
    let argv: Vec<_> = std::env::args_os().skip(1).collect();
    let hot = cli::hot::parse(&argv, std::env::var_os("TETHER_HOME"));
    let args = match hot.map_or_else(Cli::try_parse, Ok) {
        Ok(args) => args,
        Err(e) => return refused_arguments(e),
    };
    if let Some(cli::Command::Agent(cli::AgentCommand::Hook(hook))) = &args.command {
        // an assistant's hook never fails: answered before anything that could refuse
        let home = tether::home::Home::resolve(args.home).ok();
        let _ = std::io::stdout().write_all(cli::agent_hook(home, hook).as_bytes());
        return ExitCode::SUCCESS;
    }
    let result = Ctx::load(args.home, args.color).and_then(|ctx| {
        for warning in &ctx.config.warnings {
            cli::warn(warning);
        }
        match args.command {
            Some(command) => match cli::run(&ctx, command) {
                Ok(output) => output.print(ctx.color.cli).map_err(Into::into),
                // an answer without some missions is printed, then said to be partial
                Err(report) => Err(cli::print_what_was_read(report, ctx.color.cli)),
            },
            None => tether::tui::run(&ctx),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(report) => {
            say(&format!(
                "tether: {}",
                tether::sanitize::lines(&cli::explain(&report))
            ));
            ExitCode::FAILURE
        }
    }
}

/// Installs the reports of panics and errors: in colour only on a terminal without
/// `NO_COLOR` (a report in a log file or a pipe must not carry escape sequences).
fn install_reports() {
    use color_eyre::config::{HookBuilder, Theme};
    let theme = if tether::color::on_stderr() {
        Theme::dark()
    } else {
        Theme::new()
    };
    if let Err(report) = HookBuilder::default().theme(theme).install() {
        say(&format!("tether: {report}"));
    }
}

/// Reports what clap refused. Its message quotes what was typed, which may carry escape
/// sequences (clap passes them to a terminal raw): then it is shown plain and made safe.
fn refused_arguments(e: clap::Error) -> ExitCode {
    let hostile = std::env::args_os().any(|arg| {
        arg.to_string_lossy()
            .chars()
            .any(tether::sanitize::is_unsafe)
    });
    if !e.use_stderr() || !hostile {
        e.exit()
    }
    let message = e.render().to_string();
    say(&tether::sanitize::lines(message.trim_end()));
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

/// Writes a line to stderr; a closed stderr (the terminal went away) is not worth a panic.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}
