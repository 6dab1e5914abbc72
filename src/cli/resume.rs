//! `tether resume`: the resume briefing as text, a Markdown handoff note, or JSON.

use color_eyre::eyre::Result;

use super::out::{Output, clean, local_minute, md, md_code, md_lines};
use super::paint::{Paint, paint};
use super::{BriefingFormat, ResumeArgs};
use crate::Ctx;
use crate::context::{Briefing, History, briefing_from, left_at_from};
use crate::duration::human_delta;
use crate::ops::{self, Change};
use crate::reality::{WorkspaceChange, summary};
use crate::session::{SessionId, Source};
use crate::text::{DateStyle, ago, counted, earlier_unseen, progress_phrase};
use crate::zone::Zone;
use std::io::IsTerminal;

/// Runs `tether resume`: the active session's briefing, or with `--session` any
/// session's, read without changing a byte. Read as text in a terminal, the active
/// session's briefing pays the gap it owes the person.
pub fn run(ctx: &Ctx, args: ResumeArgs) -> Result<Output> {
    let preview = args.session.is_some();
    let id = super::target_id(&ctx.store, args.session)?;
    if args.format == BriefingFormat::Agent {
        let deadline = std::time::Instant::now() + AGENT_GIT;
        let (now, threshold) = (ctx.clock.now(), ctx.config.gap_threshold);
        let b = ops::agent_briefing(&ctx.store, &id, now, threshold, deadline)?;
        let text = crate::context::agent::render(&b, ctx.config.agent.budget);
        return Ok(Output::Text(text));
    }
    let b = make(ctx, &id)?;
    if !preview && args.format == BriefingFormat::Text {
        acknowledge(ctx, &b);
    }
    Ok(match args.format {
        BriefingFormat::Text => Output::Text(text(&b)),
        BriefingFormat::Md => Output::Text(markdown(&b)),
        BriefingFormat::Json => {
            let mut value = serde_json::to_value(&b)?;
            value["gap_threshold_seconds"] = ctx.config.gap_threshold.num_seconds().into();
            Output::json(&value)
        }
        BriefingFormat::Agent => unreachable!("answered above"),
    })
}

/// How long git may take for an agent briefing asked for on the command line.
const AGENT_GIT: std::time::Duration = std::time::Duration::from_secs(1);

/// The briefing of session `id` now, with what changed in its workspace since the person
/// left.
pub fn make(ctx: &Ctx, id: &SessionId) -> Result<Briefing> {
    let session = ctx.store.session(id)?;
    let frozen = session.last_snapshot().map(|s| s.at);
    let summary = super::summarize(&ctx.store, id, ctx.config.gap_threshold, Some(frozen))?;
    let history = History::from_summary(&summary, frozen);
    let now = ctx.clock.now();
    let threshold = ctx.config.gap_threshold;
    let mut b = briefing_from(&session, &history, summary.seen, now, threshold);
    if let Some(workspace) = &session.workspace {
        let left = left_at_from(&session, &history, b.gap.as_ref());
        b.workspace_changes = Some(crate::reality::changes_since(workspace, &left, now));
    }
    Ok(b)
}

/// Records that the person saw a briefing that owed them a gap, when they did: it is shown
/// on a terminal (not piped to a program). Best effort: the briefing was shown either way.
pub fn acknowledge(ctx: &Ctx, b: &Briefing) {
    if b.owed() && std::io::stdout().is_terminal() {
        let change = Change::See {
            session: b.session.clone().into(),
        };
        let _ = ops::apply(&ctx.store, ctx.clock.now(), Source::Cli, change);
    }
}

/// The opening line: "Session 00004 resuming after 8h 17m".
pub fn headline(b: &Briefing) -> String {
    let session = paint(Paint::Bold, &format!("Session {}", b.session));
    match (&b.gap, b.since_last()) {
        (Some(gap), _) => {
            let mut line = format!(
                "{session} {}",
                paint(
                    Paint::Gap,
                    &format!("resuming after {}", human_delta(gap.length()))
                )
            );
            if let Some(earlier) = earlier_unseen(gap.earlier_unseen) {
                line.push_str(&format!(" ({earlier})"));
            }
            line
        }
        (None, Some(_)) => format!("Session {} · last interaction {}", b.session, last_ago(b)),
        (None, None) => format!("Session {} · nothing logged yet", b.session),
    }
}

/// `12m ago`, or `on 2025-03-04` long ago: when the latest interaction was.
fn last_ago(b: &Briefing) -> String {
    b.last_interaction
        .map(|at| ago(at, b.now, Zone::Local, DateStyle::Iso))
        .unwrap_or_default()
}

/// The briefing as plain text for a terminal.
pub fn text(b: &Briefing) -> String {
    let mut out = format!("{}\n", headline(b));
    out.push_str(&format!(
        "Mission: {} ({})\n",
        clean(&b.mission.title),
        b.mission.status.as_str(),
    ));
    let description = b.mission.description.iter().flat_map(|d| d.lines());
    for line in description.filter(|l| !l.trim().is_empty()) {
        out.push_str(&format!("  {}\n", clean(line)));
    }
    out.push_str(&format!("Progress: {}\n", progress_phrase(b.progress)));
    if let Some(last) = b.last_interaction {
        out.push_str(&format!("Last interaction: {}\n", local_minute(last)));
    }
    if let Some(back) = b.gap.and_then(|g| g.back.map(|back| (g.left, back))) {
        out.push_str(&format!(
            "Away: {} → {} (you came back without seeing this briefing)\n",
            local_minute(back.0),
            local_minute(back.1)
        ));
    }
    out.push_str(&format!("\n{}\n", paint(Paint::Bold, "Next steps")));
    if b.next_steps.is_empty() {
        out.push_str("  none open: `tether step add TEXT` plans one\n");
    }
    for step in &b.next_steps {
        out.push_str(&format!("  {:>2}. {}\n", step.number, clean(&step.text)));
    }
    if !b.recent_decisions.is_empty() {
        out.push_str(&format!("\n{}\n", paint(Paint::Bold, "Key decisions")));
        for d in &b.recent_decisions {
            out.push_str(&format!("  {}  {}\n", local_minute(d.at), clean(&d.text)));
            if let Some(why) = &d.why {
                out.push_str(&format!("  {:16}  why: {}\n", "", clean(why)));
            }
        }
    }
    if !b.recent_interactions.is_empty() {
        out.push_str(&format!("\n{}\n", paint(Paint::Bold, "Last interactions")));
        for i in &b.recent_interactions {
            out.push_str(&format!("  {}  {}\n", local_minute(i.at), clean(&i.text)));
        }
    }
    if let Some(since) = &b.since_freeze {
        out.push_str(&format!(
            "\nSince the freeze at {}: {}, {}, {} logged\n",
            local_minute(since.frozen_at),
            counted(since.steps_done.len(), "step done", "steps done"),
            counted(since.decisions_made, "decision", "decisions"),
            counted(since.interactions_logged, "interaction", "interactions"),
        ));
    }
    if let Some(change) = &b.workspace_changes {
        let title = format!(
            "What changed in {} since you left",
            clean(&change.workspace)
        );
        out.push_str(&format!("\n{}\n", paint(Paint::Bold, &title)));
        let clean = |s: &str| clean(s).into_owned();
        for line in summary::lines(change, local_minute, clean) {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out
}

/// The briefing as a Markdown handoff note: whole enough for an assistant or a teammate
/// to pick the mission up (what is done, what is next, where the repository stands). Every
/// text from the person or from git is escaped ([`md`]): it renders as written, never as a
/// link, an image or HTML.
fn markdown(b: &Briefing) -> String {
    let description = b.mission.description.as_deref();
    let mut out = format!("# Session {}: {}\n\n", b.session, md(&b.mission.title));
    let pause = match (&b.gap, b.since_last()) {
        (Some(gap), _) => format!("resuming after a gap of {}", human_delta(gap.length())),
        (None, Some(_)) => format!("last interaction {}", last_ago(b)),
        (None, None) => "nothing logged yet".to_string(),
    };
    out.push_str(&format!(
        "- **Status:** {} ({pause})\n- **Progress:** {}\n- **Briefing made:** {}\n",
        b.mission.status.as_str(),
        progress_phrase(b.progress),
        local_minute(b.now)
    ));
    if let Some(last) = b.last_interaction {
        out.push_str(&format!("- **Last interaction:** {}\n", local_minute(last)));
    }
    if let Some(change) = &b.workspace_changes {
        out.push_str(&markdown_checkout(change));
    }
    if let Some(description) = description {
        out.push_str(&format!("\n{}\n", md_lines(description)));
    }
    out.push_str("\n## Next steps\n\n");
    if b.next_steps.is_empty() {
        out.push_str("None open.\n");
    }
    for step in &b.next_steps {
        out.push_str(&format!("{}. {}\n", step.number, md(&step.text)));
    }
    if !b.done_steps.is_empty() {
        out.push_str("\n## Done\n\n");
        for step in &b.done_steps {
            out.push_str(&format!("{}. {}\n", step.number, md(&step.text)));
        }
    }
    markdown_recall(&mut out, b);
    if let Some(change) = &b.workspace_changes {
        out.push_str(&format!(
            "\n## What changed in the workspace since\n\nWorkspace: {}\n\n",
            md_code(&change.workspace)
        ));
        for line in summary::lines(change, local_minute, md) {
            match line.strip_prefix("  ") {
                Some(commit) => out.push_str(&format!("  - {commit}\n")),
                None => out.push_str(&format!("- {line}\n")),
            }
        }
    }
    out
}

/// `- **Branch:** main` and `- **HEAD:** 0123abc…`: where the repository stands now.
fn markdown_checkout(change: &WorkspaceChange) -> String {
    if change.branch.is_none() && change.head.is_none() {
        return String::new();
    }
    let branch = change
        .branch
        .as_deref()
        .map_or_else(|| "detached HEAD".to_string(), md_code);
    let mut out = format!("- **Branch:** {branch}\n");
    if let Some(head) = &change.head {
        out.push_str(&format!("- **HEAD:** {}\n", md_code(head)));
    }
    out
}

/// The key decisions, the last interactions and what happened since the last freeze.
fn markdown_recall(out: &mut String, b: &Briefing) {
    if !b.recent_decisions.is_empty() {
        out.push_str("\n## Key decisions\n\n");
        for d in &b.recent_decisions {
            out.push_str(&format!("- **{}** ({})", md(&d.text), local_minute(d.at)));
            match &d.why {
                Some(why) => out.push_str(&format!(": {}\n", md(why))),
                None => out.push('\n'),
            }
        }
    }
    if !b.recent_interactions.is_empty() {
        out.push_str("\n## Last interactions\n\n");
        for i in &b.recent_interactions {
            out.push_str(&format!("- {} · {}\n", local_minute(i.at), md(&i.text)));
        }
    }
    if let Some(since) = &b.since_freeze {
        out.push_str(&format!(
            "\n## Since the context was frozen ({})\n\n",
            local_minute(since.frozen_at)
        ));
        out.push_str(&format!(
            "- {} logged, {} made\n",
            counted(since.interactions_logged, "interaction", "interactions"),
            counted(since.decisions_made, "decision", "decisions"),
        ));
        for step in &since.steps_done {
            out.push_str(&format!("- done: {}\n", md(step)));
        }
    }
}
