//! Markdown output renders user and git text as written: a mission, steps, decisions,
//! notes, commit subjects, a branch, file names and a workspace path full of Markdown and
//! HTML come out with no live link, image, HTML tag or comment, and still read as typed.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{END, Home, START};

const IMAGE: &str = "![](https://evil.example/beacon.png)";
const TAG: &str = "<img src=x onerror=alert(1)>";
const LINK: &str = "[x](javascript:alert(1))";
const HTML: &str = "<!-- hidden --> <details><summary>open</summary>";
const EMPHASIS: &str = "**loud** __also__ # heading | cell ~~gone~~ &amp;";
const FENCES: &str = "``` and ```` break fences";
const LIST: &str = "- a list item\n1. a numbered one\n---\n<!-- a comment -->\n# a heading";

/// The text outside code spans and fenced blocks, each escaped character (and code span)
/// replaced by `·`: what a renderer would act on.
fn live(md: &str) -> String {
    let mut out = String::new();
    let mut fence: Option<usize> = None;
    for line in md.lines() {
        let run = line.chars().take_while(|&c| c == '`').count();
        match fence {
            Some(open) if run >= open && line[run..].trim().is_empty() => fence = None,
            Some(_) => {}
            None if run >= 3 => fence = Some(run),
            None => out.push_str(&strip_code_and_escapes(line)),
        }
        out.push('\n');
    }
    assert_eq!(fence, None, "a fence left open:\n{md}");
    out
}

fn strip_code_and_escapes(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => {
                out.push('·');
                i += 2;
            }
            '`' => {
                let run = chars[i..].iter().take_while(|&&c| c == '`').count();
                let close = (i + run..chars.len()).find(|&j| {
                    chars[j..].iter().take_while(|&&c| c == '`').count() == run
                        && chars.get(j.wrapping_sub(1)) != Some(&'`')
                });
                let close = close.unwrap_or_else(|| panic!("an unclosed code span in {line}"));
                out.push('·');
                i = close + run;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// The text as rendered: escapes undone (code and fences kept as they are).
fn rendered(md: &str) -> String {
    let mut out = String::new();
    let mut chars = md.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

fn assert_inert(what: &str, md: &str) {
    let live = live(md);
    for markup in ["<", "](", "![", "&", "~~", "__", "*loud", "# heading"] {
        assert!(
            !live.contains(markup),
            "{what}: live {markup:?} in\n{live}\nfrom\n{md}"
        );
    }
    for line in live.lines() {
        let start = line.trim_start();
        for marker in ["- a list", "1. a numbered", "---", "# a heading"] {
            assert!(!start.starts_with(marker), "{what}: a block in {line:?}");
        }
    }
}

fn git(repo: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args([
            "-c",
            "user.name=Ada *bold* [x](y)",
            "-c",
            "user.email=ada@example.com",
        ])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", repo)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

/// A session whose every text is hostile, following a repository in a folder whose name
/// holds a backtick, where hostile commits land while the person is away.
fn hostile_home(repo: &Path) -> Home {
    let home = Home::new();
    let workspace = repo.display().to_string();
    let description = format!("--description={LIST}");
    home.run(
        START,
        &["start", "--workspace", &workspace, &description, IMAGE],
    );
    for step in [TAG, HTML, LINK] {
        home.run(START, &["step", "add", step]);
    }
    home.run(START, &["step", "done", "2"]);
    home.run(START, &["decide", EMPHASIS, "--why", LINK]);
    for note in [IMAGE, TAG, LINK, HTML, EMPHASIS, FENCES] {
        home.run(START, &["log", note]);
    }
    home.run(START, &["freeze"]);
    home
}

#[test]
#[cfg_attr(not(has_git), ignore = "git not installed")]
fn markdown_output_renders_hostile_text_inert_and_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("we`ird <b>folder");
    fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "-q", "-b", "feat/<b>`x`!"]);
    fs::write(repo.join("README.md"), "hello\n").unwrap();
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-qm", "First"]);
    let home = hostile_home(&repo);
    for (n, subject) in [IMAGE, TAG, LINK].iter().enumerate() {
        fs::write(repo.join(format!("file{n}.txt")), subject).unwrap();
        git(&repo, &["add", "."]);
        git(&repo, &["commit", "-qm", subject]);
    }
    fs::write(repo.join("<img src=y>.txt"), "untracked").unwrap();

    let resume = home.run(END, &["resume", "--format", "md"]);
    assert_inert("resume", &resume);
    let read = rendered(&resume);
    for text in [
        IMAGE,
        TAG,
        LINK,
        HTML,
        EMPHASIS,
        "<img src=y>.txt",
        "Ada *bold* [x](y)",
    ] {
        assert!(
            read.contains(text),
            "{text:?} does not read as written:\n{resume}"
        );
    }
    for line in LIST.lines() {
        assert!(read.contains(line), "{line:?} not in\n{resume}");
    }
    assert!(
        resume.contains(&format!("Workspace: ``{}``", repo.display())),
        "the path whole in its code span:\n{resume}"
    );
    assert!(
        resume.contains("- **Branch:** ``feat/<b>`x`!``"),
        "{resume}"
    );

    let report = home.run(END, &["report", "--format", "md"]);
    assert_inert("report", &report);
    assert!(
        report.starts_with(&format!("# Session 00001: {}\n", markdown_escaped(IMAGE))),
        "{report}"
    );
    assert!(
        report.contains("\n`````\n["),
        "a fence longer than ````:\n{report}"
    );
    assert!(report.contains(FENCES), "the timeline keeps the text whole");
}

/// What the title becomes: every special character after a backslash.
fn markdown_escaped(text: &str) -> String {
    tether::markdown::text(text)
}

#[test]
fn without_a_workspace_the_handoff_note_is_inert_too() {
    let home = Home::new();
    home.run(START, &["start", &format!("--description={LIST}"), TAG]);
    home.run(START, &["step", "add", HTML]);
    home.run(START, &["decide", LINK, "--why", IMAGE]);
    home.run(START, &["log", EMPHASIS]);
    let resume = home.run(END, &["resume", "--format", "md"]);
    assert_inert("resume", &resume);
    let read = rendered(&resume);
    for text in [TAG, HTML, LINK, IMAGE, EMPHASIS] {
        assert!(read.contains(text), "{text:?} not in\n{resume}");
    }
    assert_inert("report", &home.run(END, &["report", "--format", "md"]));
}
