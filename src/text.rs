//! Wording both front ends share: counts, progress, silences.

use chrono::TimeDelta;

use crate::duration::human_delta;
use crate::session::Progress;

/// `1 step done`, `3 steps done`: a count with its noun agreeing.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `3/8 steps done` or `no steps planned`.
pub fn progress_phrase(progress: Progress) -> String {
    if progress.total == 0 {
        "no steps planned".to_string()
    } else {
        format!("{progress} steps done")
    }
}

/// `resuming after 8h 17m`: how a gap is announced to the person coming back.
pub fn resuming_after(silence: TimeDelta) -> String {
    format!("resuming after {}", human_delta(silence))
}

/// `resumed after 8h 17m`: how a gap is acknowledged.
pub fn resumed_after(silence: TimeDelta) -> String {
    format!("resumed after {}", human_delta(silence))
}

/// `2 earlier gaps went unseen`: what else a briefing owes, when it states the latest gap.
pub fn earlier_unseen(n: usize) -> Option<String> {
    (n > 0).then(|| {
        let gaps = counted(n, "earlier gap", "earlier gaps");
        format!("{gaps} since you last looked")
    })
}
