//! The dashboard shows hostile text without acting on it: a title that would set the
//! window title, a note that would write the clipboard, clear the screen or ring the bell,
//! C1 controls, bidi overrides, invisible characters, and a note of megabytes. Read through
//! `vt100` as a person's terminal would: no title, no clipboard, no bell, nothing cleared,
//! no character hidden, and it still answers.

#[allow(dead_code)] // the harness serves several test binaries, each using a part
mod e2e_support;

use e2e_support::{Home, Tui, contains};
use tether::record::{Record, to_line};
use tether::session::{Interaction, Kind, Source};

const TITLE: &str = "Evil\x1b]0;pwned\x07 \x1b]2;owned\x07title";
const NOTE: &str = "clip\x1b]52;c;cHduZWQ=\x07 clear\x1b[2J\x1b[H bell\x07 c1\u{9b}2J osc\u{9d}0;x\u{9c} rlo\u{202e}gnp.exe iso\u{2066}y\u{2069} zw\u{200b}sp zwj\u{200d}x alm\u{61c}x bom\u{feff}x ls\u{2028}x";

/// What the terminal was asked to do besides drawing.
#[derive(Default)]
struct Effects {
    bells: usize,
    titles: Vec<Vec<u8>>,
    clipboard: usize,
    unhandled_osc: usize,
}

impl vt100::Callbacks for Effects {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(name.to_vec());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], _: &[u8]) {
        self.clipboard += 1;
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8]) {
        self.clipboard += 1;
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, _: &[&[u8]]) {
        self.unhandled_osc += 1;
    }
}

/// A home whose every field holds hostile text, and one note of `megabytes`.
fn hostile_home(megabytes: usize) -> Home {
    let home = Home::new();
    home.cli(&["start", TITLE]);
    home.cli(&["step", "add", NOTE]);
    home.cli(&["decide", NOTE, "--why", NOTE]);
    home.cli(&["log", NOTE]);
    // the CLI takes 64 KiB at most: a larger note can only come from elsewhere (another
    // tool, a hand edit), and must not take the dashboard down either
    let huge = Record::Interaction(Interaction {
        id: ulid::Ulid::generate(),
        at: chrono::Utc::now(),
        kind: Kind::Note,
        source: Source::Import,
        text: format!("huge {}", NOTE.repeat(megabytes * 1_000_000 / NOTE.len())),
        head: None,
        branch: None,
    });
    let path = home.timeline_path();
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend(to_line(&huge));
    std::fs::write(&path, bytes).unwrap();
    home.cli(&["log", "the last words"]);
    home
}

/// Everything the dashboard wrote, replayed into a terminal that records side effects.
fn effects_of(raw: &[u8]) -> (Effects, String) {
    let size = |n| std::num::NonZeroU16::new(n).unwrap();
    let mut parser = vt100::Parser::new_with_callbacks(size(30), size(100), 0, Effects::default());
    parser.process(raw);
    let screen = parser.screen().contents();
    (std::mem::take(parser.callbacks_mut()), screen)
}

#[test]
fn hostile_text_on_the_dashboard_is_shown_never_obeyed() {
    let home = hostile_home(3);
    let mut tui = Tui::spawn(&home, 30, 100);
    tui.wait_for_text(&["the last words", "Timeline"]);
    // the note, visibly, and every pane still drawn
    let screen = tui.wait_for_text(&["clip␛]52;c;cHduZWQ=␇"]);
    // the invisible characters, visibly (the step pane shows the whole note)
    tui.wait_for_text(&[
        "zw<U+200B>sp zwj<U+200D>x",
        "alm<U+061C>x bom<U+FEFF>x",
        "ls<U+2028>x",
    ]);
    assert!(
        screen.lines().next().unwrap().contains("Evil␛]0;pwned␇"),
        "{screen}"
    );
    // open the briefing and the help, which show the same text again, then close them
    // (each once drawn: an escape followed at once by a key reads as alt and that key)
    for (open, title) in [(&b"r"[..], "· briefing "), (b"?", " Keys ·")] {
        tui.send(open);
        tui.wait_for_text(&[title]);
        tui.send(b"\x1b");
        tui.wait_for("the popup closed", |s| !s.contains(title));
    }
    for key in [&b"j"[..], b"k", b"G"] {
        tui.send(key);
    }
    let screen = tui.wait_for_text(&["the last words"]);
    assert!(
        screen.contains("Evil"),
        "the header is still there:\n{screen}"
    );

    let raw = tui.raw();
    for (what, bytes) in [
        ("a bell", &b"\x07"[..]),
        ("an OSC sequence", b"\x1b]"),
        ("a C1 CSI", "\u{9b}".as_bytes()),
        ("a C1 OSC", "\u{9d}".as_bytes()),
        ("a right-to-left override", "\u{202e}".as_bytes()),
        ("a left-to-right isolate", "\u{2066}".as_bytes()),
        ("a zero-width space", "\u{200b}".as_bytes()),
        ("a zero-width joiner", "\u{200d}".as_bytes()),
        ("an Arabic letter mark", "\u{61c}".as_bytes()),
        ("a byte-order mark", "\u{feff}".as_bytes()),
        ("a line separator", "\u{2028}".as_bytes()),
    ] {
        assert!(
            !contains(&raw, bytes),
            "the dashboard sent {what} to the terminal"
        );
    }
    let (effects, replayed) = effects_of(&raw);
    assert_eq!(effects.bells, 0, "no bell");
    assert!(
        effects.titles.is_empty(),
        "no title set: {:?}",
        effects.titles
    );
    assert_eq!(effects.clipboard, 0, "no clipboard access");
    assert_eq!(effects.unhandled_osc, 0, "no other OSC");
    assert!(
        replayed.contains("the last words"),
        "nothing cleared:\n{replayed}"
    );

    tui.send(b"q");
    assert!(tui.wait_exit().success());
}
