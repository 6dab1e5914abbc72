//! The story the screenshots tell, made with the real `tether` and `git` at fixed times: a
//! day's work on a mission, a teammate's commit overnight, the briefing on opening the
//! dashboard the morning after (8h 17m later), a morning's work, and the dashboard then.

use crate::grid::Grid;
use crate::terminal::Terminal;
use crate::world::{Author, World};

/// The terminal's size, rows by columns.
pub const SIZE: (u16, u16) = (30, 100);

/// The person whose mission it is.
const ME: Author = Author {
    name: "Grace Hopper",
    email: "grace@example.com",
};

/// A teammate who commits while the person is away.
const TEAMMATE: Author = Author {
    name: "Ada Lovelace",
    email: "ada@example.com",
};

/// When the dashboard is opened the morning after: 8h 17m after the night's last log.
const MORNING: &str = "2025-08-16T08:08:00Z";

/// When the dashboard is opened after the morning's work.
const LATER: &str = "2025-08-16T08:52:00Z";

/// One thing done at a moment of the story.
enum Act {
    /// `tether ARGS`, run in the repository.
    Tether(&'static [&'static str]),
    /// The person writes `.1` into the file `.0` and commits it with the subject `.2`; the
    /// git hook logs the commit.
    Commit(&'static str, &'static str, &'static str),
}

use Act::{Commit, Tether};

/// The day: the mission started in its repository, three steps planned, notes, two
/// decisions, the first step done, a commit, an assistant's remark; the last log at
/// 23:50:34.
#[rustfmt::skip]
const DAY: &[(&str, Act)] = &[
    ("2025-08-15T14:02:00Z", Tether(&["start", "--session", "4", "Implement Reality Agents"])),
    ("2025-08-15T14:02:30Z", Tether(&["hook", "install"])),
    ("2025-08-15T14:03:00Z", Tether(&["step", "add", "Draft the protocol"])),
    ("2025-08-15T14:03:40Z", Tether(&["step", "add", "Implement the interaction logger"])),
    ("2025-08-15T14:04:10Z", Tether(&["step", "add", "Write the gap tests"])),
    ("2025-08-15T14:31:00Z", Tether(&["log", "Sketched the store: one folder per session"])),
    ("2025-08-15T15:12:00Z", Tether(&["decide", "JSONL for the timeline",
                                       "--why", "O(1) append, crash-safe, greppable"])),
    ("2025-08-15T16:05:00Z", Tether(&["log", "Protocol drafted: a session ends with its mission"])),
    ("2025-08-15T16:40:00Z", Tether(&["step", "done", "1"])),
    ("2025-08-15T17:05:00Z", Commit("src/timeline.rs", "//! The timeline.\n",
                                    "Add the append-only timeline")),
    ("2025-08-15T18:20:00Z", Tether(&["log", "Gap detection works on last week's logs"])),
    ("2025-08-15T19:55:00Z", Tether(&["log", "--source", "agent",
        "Assistant: measure gaps between interactions, never from the start"])),
    ("2025-08-15T21:30:00Z", Tether(&["decide", "Gaps are derived, never stored",
                                       "--why", "one source of truth: the timestamps"])),
    ("2025-08-15T22:45:00Z", Tether(&["log", "Reviewed the store design with fresh eyes"])),
    ("2025-08-15T23:50:34Z", Tether(&["log", "Creating gift for Session 00004"])),
];

/// The morning after the briefing: the person's first log, an assistant's note, a commit.
#[rustfmt::skip]
const MORNING_WORK: &[(&str, Act)] = &[
    ("2025-08-16T08:08:02Z", Tether(&["log", "Reviewing fix plan"])),
    ("2025-08-16T08:21:00Z", Tether(&["log", "--source", "agent",
        "Assistant: the briefing should name the commits since the last interaction"])),
    ("2025-08-16T08:40:00Z", Commit("src/briefing.rs", "//! The briefing.\n",
                                    "Name the commits made meanwhile")),
];

/// The repository's first commit (before the hook, so not logged), then the [`DAY`]; the
/// evening ends with a change left uncommitted.
pub fn the_day(w: &World) -> Result<(), String> {
    let (repo, now) = (w.repo(), "2025-08-15T13:55:00Z");
    w.git(
        &repo,
        now,
        ME,
        &["init", "--quiet", "--initial-branch", "main"],
    )?;
    w.commit(
        &repo,
        now,
        ME,
        ("README.md", "# Reality agents\n"),
        "Start the reality agents",
    )?;
    play(w, DAY)?;
    let wip = repo.join("src/timeline.rs");
    std::fs::write(&wip, "//! The timeline.\n\npub struct Timeline;\n")
        .map_err(|e| format!("{}: {e}", wip.display()))
}

/// The night: a teammate commits in a clone of their own, which the person's repository
/// pulls in (no hook runs for that: it is news for the briefing, not an interaction).
pub fn the_night(w: &World) -> Result<(), String> {
    let (repo, clone) = (w.repo(), w.beside("ada"));
    let now = "2025-08-16T06:40:00Z";
    let (from, to) = (repo.display().to_string(), clone.display().to_string());
    w.git(&repo, now, TEAMMATE, &["clone", "--quiet", &from, &to])?;
    let gaps = ("src/gaps.rs", "//! Gaps, measured between interactions.\n");
    w.commit(
        &clone,
        now,
        TEAMMATE,
        gaps,
        "Handle clocks that go backwards",
    )?;
    w.git(
        &repo,
        now,
        ME,
        &["pull", "--quiet", "--ff-only", &to, "main"],
    )
}

/// The [`MORNING_WORK`].
pub fn the_morning(w: &World) -> Result<(), String> {
    play(w, MORNING_WORK)
}

/// Does `acts`, each at its moment.
fn play(w: &World, acts: &[(&str, Act)]) -> Result<(), String> {
    for (now, act) in acts {
        match act {
            Tether(args) => w.tether(now, args).map(drop)?,
            Commit(file, text, subject) => w.commit(&w.repo(), now, ME, (file, text), subject)?,
        }
    }
    Ok(())
}

/// The dashboard opened the morning after: the briefing, once it says what changed.
pub fn briefing(w: &World) -> Result<Grid, String> {
    let mut term = Terminal::open(w, MORNING, SIZE.0, SIZE.1)?;
    term.wait_for("the resume briefing", |s| {
        s.contains("resuming after 8h 17m")
            && s.contains("Handle clocks that go backwards")
            && s.contains("15 Aug 23:50 Creating gift for Session 00004")
    })?;
    let grid = term.capture();
    term.send(b"\x1b")?;
    term.wait_for("the briefing to close", |s| !s.contains("resuming after"))?;
    term.quit()?;
    Ok(grid)
}

/// The dashboard after the morning's work, the gap behind it.
pub fn dashboard(w: &World) -> Result<Grid, String> {
    let term = Terminal::open(w, LATER, SIZE.0, SIZE.1)?;
    term.wait_for("the dashboard", |s| {
        s.contains("Session 00004")
            && s.contains("8h 17m")
            && s.contains("Name the commits made meanwhile")
            && s.contains("Key decisions")
            && !s.contains("reading")
    })?;
    let grid = term.capture();
    term.quit()?;
    Ok(grid)
}
