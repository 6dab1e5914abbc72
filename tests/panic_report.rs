//! A panic's report is in colour only on a terminal without `NO_COLOR`: piped to a file or
//! a program, it carries no escape sequence. The panic is forced with the test-only
//! failpoint `lock:held=panic` (debug builds).

#[allow(dead_code)] // the harness serves several test binaries, each using a part
mod e2e_support;

use std::process::Command;

use e2e_support::{BIN, Home, Tui, contains};

const PANIC: &str = "lock:held=panic";
const FIRED: &str = "tether: failpoint lock:held fired (panic)";

fn started() -> Home {
    let home = Home::new();
    home.cli(&["start", "Mission"]);
    home
}

#[test]
fn a_panic_reported_into_a_pipe_has_no_colour() {
    let home = started();
    for no_color in [None, Some("1")] {
        let mut command = Command::new(BIN);
        command
            .args(["log", "a panic on the way"])
            .current_dir(home.path())
            .env("TETHER_HOME", home.path())
            .env("TETHER_FAILPOINT", PANIC)
            .env_remove("RUST_BACKTRACE")
            .env_remove("RUST_LIB_BACKTRACE");
        match no_color {
            Some(value) => command.env("NO_COLOR", value),
            None => command.env_remove("NO_COLOR"),
        };
        let out = command.output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.contains(FIRED),
            "the failpoint did not fire: {stderr}"
        );
        assert_eq!(out.status.code(), Some(101), "{stderr}");
        assert!(
            stderr.contains("The application panicked (crashed).")
                && stderr.contains("Message:  a failpoint asked for a panic"),
            "{stderr}"
        );
        assert!(!stderr.contains("\x1b["), "colour codes in {stderr:?}");
    }
}

#[test]
fn a_panic_reported_on_a_terminal_is_in_colour_unless_no_color() {
    let home = started();
    let quiet = [("TETHER_FAILPOINT", PANIC), ("RUST_BACKTRACE", "0")];
    for (no_color, coloured) in [("", true), ("1", false)] {
        let env = [quiet[0], quiet[1], ("NO_COLOR", no_color)];
        let mut tui = Tui::spawn_args(&home, 24, 100, &env, &["log", "a panic on the way"]);
        let message = b"a failpoint asked for a panic";
        tui.wait_for_raw("the panic's message", |raw| contains(raw, message));
        tui.wait_exit();
        let raw = tui.raw();
        assert_eq!(
            contains(&raw, b"\x1b["),
            coloured,
            "{env:?}: {}",
            String::from_utf8_lossy(&raw)
        );
    }
}
