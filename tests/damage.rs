//! Files damaged the way power loss and disks damage them: cut at random offsets, tails
//! filled with NUL bytes, invalid UTF-8, a zero-byte `session.json`, garbage. Each is a
//! clear error naming the file and the line, nothing is written over, `tether doctor`
//! reports it and `tether doctor --repair` keeps every readable record and moves the
//! rest aside.

mod common;

use std::fs;
use std::path::Path;

use common::{END, Home, sid};
use tether::timeline::materialize;

/// A tiny deterministic generator for offsets.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// The seed's night and morning: a session with steps, a decision and logs.
fn home() -> Home {
    let home = Home::new();
    home.night_before();
    home.morning_after();
    home
}

/// Every command that reads what is damaged: refused, naming the file and line, with
/// nothing written. (Appending to a timeline reads only its end, so a damaged line in
/// its middle stops reports, not logs.)
const READERS: &[&[&str]] = &[&["report"], &["resume"]];
/// Every command that replaces `session.json`, which reads it whole first. (A log reads
/// only the file's head, the mission: damage past it stops reports, not logs, and a log
/// never writes `session.json`.)
const WRITERS: &[&[&str]] = &[&["step", "add", "nor this"], &["decide", "nor this"]];

fn assert_refused_naming(home: &Home, file: &Path, commands: &[&[&str]]) {
    let named = file.display().to_string();
    for args in commands {
        let err = home.refuse(END, args);
        assert!(err.contains(&format!("{named}:")), "{args:?}: {err}");
        assert!(
            err.contains("doctor"),
            "{args:?} says how to recover: {err}"
        );
    }
    let (ok, out, _) = home.try_run(END, &["doctor"]);
    assert!(!ok && out.contains(&format!("problem: {named}")), "{out}");
}

/// Repairs, then checks the mission, its steps and decision came back and writes work;
/// returns what the repair said.
fn assert_repaired(home: &Home) -> String {
    let out = home.run(END, &["doctor", "--repair"]);
    assert!(out.contains("The store is healthy now."), "{out}");
    let session = home.store().session(&sid("00004")).unwrap();
    assert_eq!(session.mission.title, "Implement Reality Agents");
    let steps: Vec<&str> = session.steps.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        steps,
        [
            "Draft the protocol",
            "Implement the interaction logger",
            "Write the gap tests"
        ]
    );
    assert_eq!(session.decisions[0].text, "JSONL for the timeline");
    home.run(END, &["log", "after the repair"]);
    assert!(
        home.run(END, &["report", "--format", "log"])
            .contains("after the repair")
    );
    out
}

#[test]
fn a_damaged_session_json_is_refused_reported_and_rebuilt_keeping_its_bytes() {
    let mut rng = Rng(0xDA4A_6E5E_55D1_0A11);
    let original = {
        let home = home();
        fs::read(home.session_json("00004")).unwrap()
    };
    let mut damages: Vec<(String, Vec<u8>)> = vec![
        ("zero bytes".into(), Vec::new()),
        (
            "garbage".into(),
            (0..300).map(|_| rng.below(256) as u8).collect(),
        ),
    ];
    for _ in 0..4 {
        let at = 1 + rng.below(original.len() - 2);
        damages.push((format!("cut at {at}"), original[..at].to_vec()));
        let mut nul = original.clone();
        nul[at..].fill(0);
        damages.push((format!("NUL from {at}"), nul));
    }
    let mut bad_utf8 = original.clone();
    let at = original.windows(5).position(|w| w == b"Draft").unwrap();
    bad_utf8.splice(at..at, [0xFF, 0xFE]);
    damages.push(("invalid UTF-8".into(), bad_utf8));

    for (what, damaged) in damages {
        let home = home();
        let path = home.session_json("00004");
        fs::write(&path, &damaged).unwrap();
        assert_refused_naming(&home, &path, READERS);
        assert_refused_naming(&home, &path, WRITERS);
        let (logged, _, err) = home.try_run(END, &["log", "a note"]);
        assert!(
            logged || err.contains(&format!("{}:", path.display())),
            "{what}: {err}"
        );
        assert_eq!(
            fs::read(&path).unwrap(),
            damaged,
            "{what}: never written over"
        );
        let out = assert_repaired(&home);
        assert!(out.contains("the damaged file was kept"), "{what}: {out}");
        let kept = fs::read_dir(home.session_dir("00004"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().contains("session.json.damaged-"))
            .unwrap_or_else(|| panic!("{what}: the damaged bytes were not kept"));
        assert_eq!(
            fs::read(kept).unwrap(),
            damaged,
            "{what}: kept byte for byte"
        );
    }
}

#[test]
fn a_damaged_state_json_is_refused_and_rebuilt() {
    for damaged in [&b""[..], b"\0\0\0\0\0\0", b"{\"format\": 1, \"act"] {
        let home = home();
        let path = home.path().join("state.json");
        fs::write(&path, damaged).unwrap();
        let err = home.refuse(END, &["status"]);
        assert!(err.contains(&format!("{}:", path.display())), "{err}");
        home.refuse(END, &["log", "x"]);
        home.run(END, &["doctor", "--repair"]);
        assert_eq!(home.store().active().unwrap(), sid("00004"));
        home.run(END, &["log", "the active session found again"]);
    }
}

/// The timeline's whole lines (header included) and its length.
fn lines(path: &Path) -> Vec<Vec<u8>> {
    let bytes = fs::read(path).unwrap();
    bytes
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect()
}

#[test]
fn a_timeline_cut_at_any_offset_keeps_every_whole_record_and_the_next_log() {
    let mut rng = Rng(0x7E11_1E5C_0FFE_E000);
    let full = {
        let home = home();
        fs::read(home.timeline("00004")).unwrap()
    };
    let mut offsets: Vec<usize> = (0..8).map(|_| 1 + rng.below(full.len() - 1)).collect();
    offsets.extend([5, 13]); // inside the header, right after it
    for at in offsets {
        let home = home();
        let path = home.timeline("00004");
        fs::write(&path, &full[..at]).unwrap();
        let whole = full[..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            .saturating_sub(1);
        let (ok, _, stderr) = home.try_run(END, &["report", "--format", "log"]);
        assert!(ok, "cut at {at}: {stderr}");
        let out = home
            .cmd(END)
            .args(["log", "the next record"])
            .output()
            .unwrap();
        assert!(out.status.success(), "cut at {at}: {out:?}");
        let read = home.store().timeline(&sid("00004")).unwrap();
        assert_eq!(read.torn_tail, None);
        let texts: Vec<String> = materialize(read.records)
            .into_iter()
            .map(|i| i.text)
            .collect();
        assert_eq!(texts.len(), whole + 1, "cut at {at}: {texts:?}");
        assert_eq!(texts.last().unwrap(), "the next record");
        let cut_line = full[..at].len()
            - full[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
        if cut_line > 0 {
            let torn = fs::read(path.with_file_name("timeline.torn")).unwrap();
            assert_eq!(
                torn.len(),
                cut_line + 1,
                "cut at {at}: the fragment is kept"
            );
        }
    }
}

#[test]
fn nul_filled_tails_never_swallow_the_next_record() {
    // a tail of NULs with no line end: what delayed allocation leaves after power loss
    let home = home();
    let path = home.timeline("00004");
    let before = lines(&path);
    let mut bytes = fs::read(&path).unwrap();
    bytes.extend(std::iter::repeat_n(0u8, 4096));
    fs::write(&path, &bytes).unwrap();
    let (ok, _, stderr) = home.try_run(END, &["report"]);
    assert!(
        ok && stderr.contains("incomplete last line (4096 bytes)"),
        "{stderr}"
    );
    home.run(END, &["log", "after the NULs"]);
    let after = lines(&path);
    assert_eq!(
        &after[..before.len()],
        &before[..],
        "the old lines untouched"
    );
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(
        fs::read(path.with_file_name("timeline.torn"))
            .unwrap()
            .len(),
        4097
    );

    // the last line's bytes overwritten with NULs (its line end too)
    let home = self::home();
    let path = home.timeline("00004");
    let before = lines(&path);
    let mut bytes = fs::read(&path).unwrap();
    let last = before.last().unwrap().len();
    let n = bytes.len();
    bytes[n - last..].fill(0);
    fs::write(&path, &bytes).unwrap();
    home.run(END, &["log", "after the NULs"]);
    let read = home.store().timeline(&sid("00004")).unwrap();
    assert_eq!(
        read.records.len(),
        before.len() - 2 + 1,
        "all but the lost line, and the new one"
    );

    // NULs then a line end: a damaged last line. Nothing is appended after it (in a small
    // timeline, and in one larger than the end a log reads) until the doctor moved it aside.
    for big in [false, true] {
        let home = self::home();
        if big {
            for n in 0..4 {
                home.run(
                    END,
                    &["log", &format!("{n} {}", "a large note ".repeat(2_000))],
                );
            }
        }
        let path = home.timeline("00004");
        let mut bytes = fs::read(&path).unwrap();
        bytes.extend_from_slice(&[0; 100]);
        bytes.push(b'\n');
        fs::write(&path, &bytes).unwrap();
        let line = lines(&path).len();
        for args in [&["report"][..], &["log", "not after the damage"]] {
            let err = home.refuse(END, args);
            assert!(
                err.contains(&format!("{}:{line}:", path.display())),
                "{err}"
            );
        }
        let out = home.run(END, &["doctor", "--repair"]);
        assert!(out.contains("moved 1 unreadable lines"), "{out}");
        home.run(END, &["log", "written after the repair"]);
        let log = home.run(END, &["report", "--format", "log"]);
        assert!(log.contains("written after the repair"), "{log}");
        let rejected = fs::read(path.with_extension("rejected")).unwrap();
        assert_eq!(
            rejected,
            [&[0u8; 100][..], b"\n"].concat(),
            "the damaged line is kept"
        );
    }
}

#[test]
fn invalid_utf8_and_garbage_lines_are_named_then_moved_aside() {
    for bad in [
        &b"{\"id\":\"\xFF\xFE\"}"[..],
        b"garbage \x01\x02 {",
        b"{\"id\": 1}",
    ] {
        let home = home();
        let path = home.timeline("00004");
        let mut all = lines(&path);
        all.insert(3, [bad, b"\n"].concat());
        fs::write(&path, all.concat()).unwrap();
        assert_refused_naming(&home, &path, READERS);
        // the refusal names line 4: the header is line 1
        let err = home.refuse(END, &["report"]);
        assert!(err.contains(&format!("{}:4:", path.display())), "{err}");
        let out = assert_repaired(&home);
        assert!(
            out.contains("kept 9 records, moved 1 unreadable lines"),
            "{out}"
        );
        assert_eq!(
            fs::read(path.with_extension("rejected")).unwrap(),
            [bad, b"\n"].concat()
        );
    }
}

/// A damaged line at the end of a timeline: every command that would append to it is
/// refused naming the file and the line, and writes nothing anywhere (a switch does not
/// pause the mission left, a completion ends nothing), so the damage is not buried under
/// new lines and `tether doctor --repair` finds it where it was.
#[test]
fn nothing_is_appended_after_a_damaged_end() {
    let home = home();
    home.run(END, &["start", "Another mission"]);
    let paused = home.damage_end("00004");
    let active = home.damage_end("00005");
    let line = |(path, line): &(std::path::PathBuf, usize)| format!("{}:{line}:", path.display());
    for args in [
        &["switch", "00004"][..],
        &["log", "not after the damage"],
        &["log", "--kind", "commit", "abc1234 not after it"],
        &["step", "add", "nor this"],
        &["decide", "nor this"],
        &["freeze"],
        &["complete"],
    ] {
        let err = home.refuse(END, args);
        let damaged = if args[0] == "switch" {
            &paused
        } else {
            &active
        };
        assert!(err.contains(&line(damaged)), "{args:?}: {err}");
    }
}

/// A tmux status bar shows only what `status --format tmux` prints on stdout: when the
/// active mission cannot be read, a short line there says so (the error, with its file and
/// line, goes to stderr as always) instead of the bar going blank.
#[test]
fn the_tmux_line_says_when_the_store_cannot_be_read() {
    let home = home();
    let (timeline, line) = home.damage_end("00004");
    let before = home.files();
    let (ok, out, err) = home.try_run(END, &["status", "--format", "tmux"]);
    assert!(!ok);
    assert_eq!(out, "tether: cannot read the store · tether doctor\n");
    assert!(
        err.contains(&format!("{}:{line}:", timeline.display())),
        "{err}"
    );
    assert_eq!(home.files(), before);
}
