//! End to end, in a pseudo-terminal: `y` puts the selected entry on the terminal's
//! clipboard with OSC 52 (read from the raw output, base64 decoded), and `o` lends the
//! terminal to a shell in the session's folder, or splits the tmux pane.

#[allow(dead_code)] // the harness serves several test binaries, each using a part
mod e2e_support;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use e2e_support::{Home, Tui, contains, seeded_home};

/// Where an OSC 52 sequence starts.
const OSC52: &[u8] = b"\x1b]52;c;";

/// The text of the last OSC 52 sequence in `raw`, if a whole one is there.
fn clipboard(raw: &[u8]) -> Option<String> {
    let start = raw.windows(OSC52.len()).rposition(|w| w == OSC52)? + OSC52.len();
    let end = start + raw[start..].windows(2).position(|w| w == b"\x1b\\")?;
    Some(String::from_utf8(decode(&raw[start..end])).expect("UTF-8"))
}

/// Standard base64, decoded (the test's own, to check the program's).
fn decode(text: &[u8]) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        other => panic!("not base64: {:?}", other as char),
    };
    let mut out = Vec::new();
    for chunk in text.chunks(4) {
        let digits: Vec<u32> = chunk
            .iter()
            .filter(|&&c| c != b'=')
            .map(|&c| u32::from(value(c)))
            .collect();
        let n = digits
            .iter()
            .enumerate()
            .fold(0, |n, (i, d)| n | d << (18 - 6 * i));
        out.extend(n.to_be_bytes()[1..digits.len()].iter());
    }
    out
}

/// An executable script at `path`.
fn script(path: &Path, body: &str) -> PathBuf {
    std::fs::write(path, format!("#!/bin/sh\n{body}")).expect("the script is written");
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    path.to_path_buf()
}

#[test]
fn y_puts_the_selected_entry_on_the_clipboard() {
    let home = seeded_home();
    let mut tui = Tui::spawn(&home, 30, 100);
    tui.wait_for_text(&["E2E mission", "Seeded from the CLI"]);
    assert!(!contains(&tui.raw(), OSC52), "nothing copied before y");
    tui.send(b"y");
    tui.wait_for_raw("an OSC 52 sequence", |raw| clipboard(raw).is_some());
    assert_eq!(
        clipboard(&tui.raw()).as_deref(),
        Some("Seeded from the CLI")
    );
    tui.wait_for_text(&["Copied the interaction “Seeded from the CLI”"]);
    // the briefing, when it is open
    tui.send(b"r");
    tui.wait_for_text(&["back to work"]);
    tui.send(b"y");
    tui.wait_for_raw("the briefing copied", |raw| {
        clipboard(raw).is_some_and(|text| text.starts_with("Session 00001 · briefing"))
    });
    let text = clipboard(&tui.raw()).unwrap();
    assert!(text.contains("Mission   E2E mission"), "{text}");
    assert!(text.contains("Write the end-to-end tests"), "{text}");
    tui.send(b"\x1b");
    tui.wait_for("the briefing closed", |s| !s.contains("back to work"));
    tui.send(b"q");
    assert!(tui.wait_exit().success());
}

/// A home whose mission follows `workspace`.
fn home_following(workspace: &Path) -> Home {
    let home = Home::new();
    let dir = workspace.to_str().unwrap();
    home.cli(&["start", "--workspace", dir, "Shell mission"]);
    home.cli(&["log", "Before the shell"]);
    home
}

#[test]
fn o_lends_the_terminal_to_a_shell_in_the_workspace_and_comes_back() {
    let workspace = tempfile::tempdir().unwrap();
    let workspace = workspace.path().canonicalize().unwrap();
    let tools = tempfile::tempdir().unwrap();
    let out = tools.path().join("shell.out");
    // a shell that says where it runs, then reads a line from the terminal, then exits
    let shell = script(
        &tools.path().join("shell"),
        "pwd > \"$OUT\"\necho SHELL READY\nread line\necho \"$line\" >> \"$OUT\"\n",
    );
    let home = home_following(&workspace);
    let env = [
        ("SHELL", shell.to_str().unwrap()),
        ("OUT", out.to_str().unwrap()),
        ("TMUX", ""),
    ];
    let mut tui = Tui::spawn_with(&home, 30, 100, &env);
    tui.wait_for_text(&["Shell mission", "Before the shell"]);
    tui.send(b"o");
    tui.wait_for_text(&["SHELL READY"]);
    assert!(
        !tui.on_alternate_screen(),
        "the shell has the plain terminal"
    );
    tui.type_text("typed into the shell\r");
    let screen = tui.wait_for("the dashboard back", |s| {
        s.contains("Back from the shell in") && s.contains("Before the shell")
    });
    assert!(tui.on_alternate_screen(), "{screen}");
    let said = std::fs::read_to_string(&out).expect("the shell ran");
    assert_eq!(
        said,
        format!("{}\ntyped into the shell\n", workspace.display()),
        "every key went to the shell, none to the dashboard"
    );
    tui.send(b"l");
    tui.wait_for_text(&["Log what just happened"]);
    tui.send(b"\x1b");
    tui.wait_for("the form closed", |s| !s.contains("Log what just happened"));
    tui.send(b"q");
    assert!(tui.wait_exit().success());
}

#[test]
fn inside_tmux_o_splits_the_dashboards_pane() {
    let workspace = tempfile::tempdir().unwrap();
    let workspace = workspace.path().canonicalize().unwrap();
    let tools = tempfile::tempdir().unwrap();
    let out = tools.path().join("tmux.out");
    script(&tools.path().join("tmux"), "echo \"$@\" > \"$OUT\"\n");
    let path = format!(
        "{}:{}",
        tools.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let home = home_following(&workspace);
    let env = [
        ("PATH", path.as_str()),
        ("OUT", out.to_str().unwrap()),
        ("TMUX", "/tmp/tmux-0/default,1,0"),
        ("TMUX_PANE", "%7"),
    ];
    let mut tui = Tui::spawn_with(&home, 30, 100, &env);
    tui.wait_for_text(&["Shell mission"]);
    tui.send(b"o");
    tui.wait_for_text(&["A shell is open in", "in a tmux split"]);
    let args = std::fs::read_to_string(&out).expect("tmux ran");
    assert_eq!(
        args,
        format!("split-window -c {} -t %7\n", workspace.display())
    );
    tui.send(b"q");
    assert!(tui.wait_exit().success());
}
