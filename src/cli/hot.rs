//! The command lines run most often, read without building clap's whole tree: a tmux
//! status bar runs `tether status --format tmux` every few seconds and a git hook or an
//! assistant runs `tether log TEXT` on every commit or prompt, and building the definition
//! of every subcommand costs those a third of their time. Only the plainest forms are
//! taken here, each read into exactly the [`Cli`] clap would make of it (the tests hold
//! the two side by side); anything else, from a flag to a word starting with `-`, goes
//! to clap.

use std::ffi::OsString;
use std::path::PathBuf;

use super::args::{Cli, Command, FormatArgs, LogArgs, StatusFormat};
use crate::color::ColorChoice;
use crate::session::{Kind, Source};

/// The command line `args` (without the program's name) as clap would read it, when it is
/// one of the hot forms: `[--home DIR] status --format tmux` or `[--home DIR] log WORD…`
/// with plain words. `env_home` is `TETHER_HOME`.
pub fn parse(args: &[OsString], env_home: Option<OsString>) -> Option<Cli> {
    let mut words = Vec::with_capacity(args.len());
    for arg in args {
        words.push(arg.to_str()?);
    }
    let (home, rest) = match words.as_slice() {
        ["--home", dir, rest @ ..] => (Some(dir.to_string()), rest),
        [first, rest @ ..] if first.starts_with("--home=") => {
            (Some(first["--home=".len()..].to_string()), rest)
        }
        rest => (None, rest),
    };
    let command = match rest {
        ["status", "--format", "tmux"] | ["status", "--format=tmux"] => {
            Command::Status(FormatArgs {
                format: StatusFormat::Tmux,
            })
        }
        ["log", text @ ..] if !text.is_empty() && text.iter().all(|w| is_plain(w)) => {
            Command::Log(LogArgs {
                session: None,
                following: None,
                no_wait: false,
                at: None,
                kind: Kind::Note,
                source: Source::Cli,
                text: text.iter().map(|w| w.to_string()).collect(),
            })
        }
        _ => return None,
    };
    let home = match home {
        // clap reads an empty value as no value, and takes a folder from the environment
        // only when none was given
        Some(dir) if dir.is_empty() || dir.starts_with('-') => return None,
        Some(dir) => Some(PathBuf::from(dir)),
        None => match env_home {
            Some(dir) if dir.is_empty() => return None,
            dir => dir.map(PathBuf::from),
        },
    };
    Some(Cli {
        home,
        color: ColorChoice::Auto,
        command: Some(command),
    })
}

/// A word clap takes as text whatever it says: not an option, not `--`, not empty.
fn is_plain(word: &str) -> bool {
    !word.is_empty() && !word.starts_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    /// What clap makes of `args` (given `TETHER_HOME` as `env_home`), as text.
    fn by_clap(args: &[&str], env_home: Option<&str>) -> String {
        let mut full = vec!["tether"];
        full.extend(args);
        let cmd = <Cli as clap::CommandFactory>::command();
        // the environment is read by clap itself: give it the value through a copy of the
        // definition whose `--home` takes no environment, and the value as an argument
        let cmd = cmd.mut_arg("home", |a| a.env(None::<&str>));
        let mut full: Vec<String> = full.iter().map(|s| s.to_string()).collect();
        if let Some(home) = env_home
            && !full
                .iter()
                .any(|a| a == "--home" || a.starts_with("--home="))
            && !home.is_empty()
        {
            full.insert(1, format!("--home={home}"));
        }
        let matches = cmd.try_get_matches_from(full).expect("clap reads it");
        let cli = <Cli as clap::FromArgMatches>::from_arg_matches(&matches).expect("a Cli");
        format!("{cli:?}")
    }

    fn by_hand(args: &[&str], env_home: Option<&str>) -> Option<String> {
        parse(&os(args), env_home.map(OsString::from)).map(|cli| format!("{cli:?}"))
    }

    #[test]
    fn the_hot_forms_read_as_clap_reads_them() {
        let forms: &[&[&str]] = &[
            &["status", "--format", "tmux"],
            &["status", "--format=tmux"],
            &["--home", "/tmp/h", "status", "--format", "tmux"],
            &["--home=/tmp/h", "status", "--format=tmux"],
            &["log", "Reviewed", "the", "fix", "plan"],
            &["log", "Reviewed the fix plan"],
            &["log", "a #tag: with = and \"quotes\""],
            &["--home", "/tmp/h", "log", "x"],
            &["log", "x-y", "help", "status"],
        ];
        for form in forms {
            for env in [None, Some("/tmp/env")] {
                let hand = by_hand(form, env);
                assert_eq!(
                    hand.as_deref(),
                    Some(by_clap(form, env).as_str()),
                    "{form:?} with TETHER_HOME={env:?}"
                );
            }
        }
    }

    #[test]
    fn every_other_form_goes_to_clap() {
        let forms: &[&[&str]] = &[
            &[],
            &["status"],
            &["status", "--format", "json"],
            &["status", "--format", "tmux", "--color", "never"],
            &["--color", "never", "status", "--format", "tmux"],
            &["log"],
            &["log", "--kind", "commit", "x"],
            &["log", "-"],
            &["log", "--", "x"],
            &["log", ""],
            &["log", "x", "--at", "-2h"],
            &["--home", "", "log", "x"],
            &["--home", "--color", "log", "x"],
            &["resume"],
            &["--version"],
        ];
        for form in forms {
            assert_eq!(by_hand(form, None), None, "{form:?}");
        }
        assert_eq!(
            by_hand(&["log", "x"], Some("")),
            None,
            "an empty TETHER_HOME"
        );
    }

    #[cfg(unix)]
    #[test]
    fn words_that_are_not_unicode_go_to_clap() {
        use std::os::unix::ffi::OsStringExt;
        let args = vec![OsString::from("log"), OsString::from_vec(vec![0xff, b'x'])];
        assert!(parse(&args, None).is_none());
    }
}
