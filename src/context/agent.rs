//! The briefing written for a coding assistant that has never seen the work: "Resuming
//! session 00004 after 8h 17m", the mission, progress, open steps, decisions with their
//! rationale, what changed in the workspace, the last interactions; within a budget of
//! tokens, the least needed given up first.

use chrono::{DateTime, Utc};

use super::Briefing;
use crate::duration::human_delta;
use crate::reality::summary;
use crate::sanitize;

/// The budget of the agent briefing by default, in tokens.
pub const DEFAULT_BUDGET: usize = 1500;

/// About how many characters a token holds in English prose: the budget's unit.
const CHARS_PER_TOKEN: usize = 4;

/// How much of each list a briefing keeps, most first.
const DETAIL: [Detail; 4] = [
    Detail {
        interactions: 8,
        decisions: 6,
        steps: 12,
        workspace: 12,
    },
    Detail {
        interactions: 4,
        decisions: 4,
        steps: 8,
        workspace: 6,
    },
    Detail {
        interactions: 2,
        decisions: 2,
        steps: 5,
        workspace: 3,
    },
    Detail {
        interactions: 0,
        decisions: 1,
        steps: 3,
        workspace: 1,
    },
];

/// How many of each list to keep.
#[derive(Clone, Copy)]
struct Detail {
    interactions: usize,
    decisions: usize,
    steps: usize,
    workspace: usize,
}

/// The briefing as text for a model, within `budget` tokens: the most detailed version
/// that fits, else the least detailed, cut.
pub fn render(b: &Briefing, budget: usize) -> String {
    let limit = budget.max(50) * CHARS_PER_TOKEN;
    let mut text = String::new();
    for detail in DETAIL {
        text = with_detail(b, detail);
        if text.chars().count() <= limit {
            return text;
        }
    }
    let cut: String = text.chars().take(limit.saturating_sub(40)).collect();
    format!("{cut}\n… (cut to fit {budget} tokens)\n")
}

fn when(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

fn with_detail(b: &Briefing, d: Detail) -> String {
    let clean = |s: &str| sanitize::line(s).into_owned();
    let mut out = headline(b);
    out.push_str(&format!("Mission: {}\n", clean(&b.mission.title)));
    if let Some(description) = &b.mission.description {
        out.push_str(&format!("About: {}\n", clean(description)));
    }
    out.push_str(&format!(
        "Status: {} · {} of {} steps done\n",
        b.mission.status.as_str(),
        b.progress.done,
        b.progress.total
    ));
    if !b.next_steps.is_empty() {
        out.push_str("\nOpen steps (their numbers stay):\n");
        for step in b.next_steps.iter().take(d.steps) {
            out.push_str(&format!("  {}. {}\n", step.number, clean(&step.text)));
        }
        more(&mut out, b.next_steps.len(), d.steps, "open steps");
    }
    if !b.recent_decisions.is_empty() && d.decisions > 0 {
        out.push_str("\nKey decisions (latest last):\n");
        let skip = b.recent_decisions.len().saturating_sub(d.decisions);
        for decision in &b.recent_decisions[skip..] {
            out.push_str(&format!(
                "  - {} ({})",
                clean(&decision.text),
                when(decision.at)
            ));
            match &decision.why {
                Some(why) => out.push_str(&format!(": because {}\n", clean(why))),
                None => out.push('\n'),
            }
        }
    }
    if let Some(change) = &b.workspace_changes {
        out.push_str(&format!(
            "\nWhat changed in the workspace ({}) since then:\n",
            clean(&change.workspace)
        ));
        let lines = summary::lines(change, when, clean);
        for line in lines.iter().take(d.workspace.max(1)) {
            out.push_str(&format!("  {line}\n"));
        }
        more(
            &mut out,
            lines.len(),
            d.workspace.max(1),
            "lines about the workspace",
        );
    }
    if !b.recent_interactions.is_empty() && d.interactions > 0 {
        out.push_str("\nLast interactions (oldest first):\n");
        let skip = b.recent_interactions.len().saturating_sub(d.interactions);
        for i in &b.recent_interactions[skip..] {
            out.push_str(&format!("  - {} {}\n", when(i.at), clean(&i.text)));
        }
    }
    out
}

/// "Resuming session 00004 after 8h 17m (last interaction …)."
fn headline(b: &Briefing) -> String {
    let last = b
        .last_interaction
        .map(|at| format!(" (last interaction {})", when(at)))
        .unwrap_or_default();
    match (&b.gap, b.since_last()) {
        (Some(gap), _) => format!(
            "Resuming session {} after {}{last}.\n",
            b.session,
            human_delta(gap.length())
        ),
        (None, Some(since)) => format!(
            "Session {}, last interaction {} ago ({}).\n",
            b.session,
            human_delta(since),
            b.last_interaction.map(when).unwrap_or_default()
        ),
        (None, None) => format!("Session {}: nothing logged yet.\n", b.session),
    }
}

/// "  … and 3 more open steps" when a list was cut.
fn more(out: &mut String, total: usize, kept: usize, what: &str) {
    if total > kept {
        out.push_str(&format!("  … and {} more {what}\n", total - kept));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::briefing;
    use crate::session::{Decision, Interaction, Kind, Session, Source, Step};
    use chrono::TimeDelta;

    fn t(s: &str) -> DateTime<Utc> {
        format!("2025-08-{s}Z").parse().unwrap()
    }

    fn busy_session() -> (Session, Vec<Interaction>) {
        let mut s = Session::new(
            "4".parse().unwrap(),
            "Reality Agents".into(),
            t("15T08:00:00"),
        );
        for n in 0..40 {
            s.steps.push(Step {
                id: crate::id::new(),
                number: 0,
                text: format!("step {n} with a rather long description of what is to be done"),
                done: n % 3 == 0,
                created: t("15T08:00:00"),
                done_at: None,
            });
            s.decisions.push(Decision {
                id: crate::id::new(),
                at: t("15T09:00:00") + TimeDelta::minutes(n),
                text: format!("decision {n}"),
                why: Some("a rationale long enough to cost a few tokens each time".into()),
            });
        }
        s.number_steps();
        let notes = (0..40)
            .map(|n| Interaction {
                id: crate::id::new(),
                at: t("15T10:00:00") + TimeDelta::minutes(n),
                kind: Kind::Note,
                source: Source::Agent,
                text: format!("note {n}: what happened, told at some length"),
                head: None,
                branch: None,
            })
            .collect();
        (s, notes)
    }

    #[test]
    fn the_briefing_says_how_long_the_work_sat_and_keeps_within_its_budget() {
        let (session, notes) = busy_session();
        let b = briefing(
            &session,
            &notes,
            None,
            t("16T08:00:00"),
            TimeDelta::hours(2),
        );
        let full = render(&b, 100_000);
        assert!(
            full.starts_with("Resuming session 00004 after 21h 21m"),
            "{full}"
        );
        assert!(full.contains("  2. step 1 with"), "{full}");
        assert!(full.contains("because a rationale"), "{full}");
        for budget in [100, 300, 800] {
            let text = render(&b, budget);
            assert!(
                text.chars().count() <= budget * CHARS_PER_TOKEN,
                "{budget}: {} chars",
                text.chars().count()
            );
            assert!(text.starts_with("Resuming session 00004 after 21h 21m"));
        }
        assert!(render(&b, 300).contains("more open steps"));
    }

    #[test]
    fn without_a_gap_the_headline_says_when_the_last_interaction_was_once() {
        let (session, notes) = busy_session();
        let b = briefing(
            &session,
            &notes,
            None,
            t("15T10:45:00"),
            TimeDelta::hours(2),
        );
        let text = render(&b, 1_500);
        let headline = text.lines().next().unwrap();
        assert!(
            headline.starts_with("Session 00004, last interaction 6m ago (2025-08-15"),
            "{headline}"
        );
        assert_eq!(
            headline.matches("last interaction").count(),
            1,
            "{headline}"
        );
    }
}
