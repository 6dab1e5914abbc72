//! Realistic words for a store: notes, commits, agent summaries, steps and decisions.

/// A small, fast, seeded random source (SplitMix64): the same seed makes the same store.
pub struct Rng(u64);

impl Rng {
    /// A source seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A number in `[0, n)`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// An exponentially distributed number with mean 1.
    pub fn exponential(&mut self) -> f64 {
        -(1.0 - self.unit()).ln()
    }

    /// One of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const VERBS: &[&str] = &[
    "Reviewed",
    "Fixed",
    "Refactored",
    "Tested",
    "Profiled",
    "Documented",
    "Sketched",
    "Debugged",
    "Cleaned up",
    "Renamed",
    "Split",
    "Measured",
    "Read through",
    "Simplified",
    "Ported",
    "Wired up",
    "Paired on",
    "Rewrote",
    "Benchmarked",
    "Traced",
];
const THINGS: &[&str] = &[
    "the store design",
    "the gap detector",
    "the resume briefing",
    "the fix plan",
    "the interaction logger",
    "the parser for imported logs",
    "the flaky CI job",
    "the release notes",
    "the onboarding doc",
    "the migration script",
    "the cache layer",
    "the login flow",
    "the retry logic",
    "the metrics exporter",
    "the config loader",
    "the PR from Ana",
    "the error messages",
    "the build pipeline",
    "the API client",
    "the dashboard layout",
    "the search index",
    "the billing webhook",
    "the test fixtures",
];
const DETAILS: &[&str] = &[
    "",
    "",
    "",
    " before the demo",
    " — much faster now",
    " with Sam",
    " after the review",
    " (still one edge case left)",
    " for the Friday release",
    ": works on Linux, not macOS yet",
    ", see issue #482",
    " and wrote down what is left",
    " — café wifi is slow, will retry",
    " 🎉",
    " after lunch",
    ", the numbers look right",
];
const MODULES: &[&str] = &[
    "store", "timeline", "tui", "cli", "config", "import", "hook", "report", "parser", "api",
    "auth", "db", "ui", "docs", "ci",
];
const COMMIT_VERBS: &[&str] = &[
    "Add", "Fix", "Remove", "Update", "Refactor", "Test", "Document", "Speed up", "Handle",
];
const STEPS: &[&str] = &[
    "Write the gap tests",
    "Implement the interaction logger",
    "Draft the protocol",
    "Ask Ana about the schema",
    "Profile the import",
    "Update the README",
    "Cut the release",
    "Fix the flaky test",
    "Try the new layout on a small terminal",
    "Back up the production database",
    "Reply to the review comments",
    "Measure memory at 1M",
];
const DECISIONS: &[(&str, &str)] = &[
    ("JSONL for the timeline", "O(1) append, crash-safe"),
    ("Keep the config in TOML", "people edit it by hand"),
    ("No background daemon", "one less thing to crash"),
    ("Times stored in UTC", "local time only at the edges"),
    ("Postgres over SQLite for the server", "concurrent writers"),
    ("Ship without the plugin API", "nobody asked for it yet"),
    ("Drop Windows support for now", ""),
    ("Use ratatui", "mature, well tested, good examples"),
];
const AGENT: &[&str] = &[
    "Ran the test suite: all green",
    "Ran the test suite: 2 failures in",
    "Read",
    "Edited",
    "Searched the code for",
    "Summarised the discussion about",
    "Proposed a patch for",
];

/// A mission title.
pub fn title(rng: &mut Rng) -> String {
    let verb = rng.pick(&[
        "Implement",
        "Fix",
        "Ship",
        "Migrate",
        "Investigate",
        "Design",
    ]);
    let thing = rng.pick(THINGS).trim_start_matches("the ");
    let mut t = format!("{verb} {thing}");
    if rng.chance(0.3) {
        t.push_str(&format!(" for v{}.{}", 1 + rng.below(4), rng.below(10)));
    }
    t
}

/// A note a person writes.
pub fn note(rng: &mut Rng) -> String {
    let mut text = format!(
        "{} {}{}",
        rng.pick(VERBS),
        rng.pick(THINGS),
        rng.pick(DETAILS)
    );
    if rng.chance(0.05) {
        // A longer thought, now and then across lines.
        let sep = if rng.chance(0.3) { "\n" } else { " " };
        text.push_str(&format!(
            ".{sep}Next I want to look at {} and {}, because {} broke twice this week",
            rng.pick(THINGS),
            rng.pick(THINGS),
            rng.pick(THINGS)
        ));
    }
    text
}

/// A commit as the git hook logs it: short hash and subject.
pub fn commit(rng: &mut Rng) -> String {
    format!(
        "{} {}({}): {} {}",
        hex(rng, 7),
        rng.pick(&["feat", "fix", "refactor", "test", "docs", "chore"]),
        rng.pick(MODULES),
        rng.pick(COMMIT_VERBS),
        rng.pick(THINGS).trim_start_matches("the ")
    )
}

/// What an AI assistant reports.
pub fn agent(rng: &mut Rng) -> String {
    let what = rng.pick(AGENT);
    let module = rng.pick(MODULES);
    let n = 1 + rng.below(40);
    match rng.below(3) {
        0 => format!("{what} src/{module}.rs"),
        1 => format!(
            "{what} src/{module}/{}.rs ({n} lines changed)",
            rng.pick(MODULES)
        ),
        _ => format!("{what} {}", rng.pick(THINGS)),
    }
}

/// A next step.
pub fn step(rng: &mut Rng) -> String {
    rng.pick(STEPS).to_string()
}

/// A decision and its rationale.
pub fn decision(rng: &mut Rng) -> (String, Option<String>) {
    let (text, why) = DECISIONS[rng.below(DECISIONS.len())];
    (text.to_string(), (!why.is_empty()).then(|| why.to_string()))
}

/// `n` hex digits.
pub fn hex(rng: &mut Rng, n: usize) -> String {
    let mut out = String::with_capacity(n);
    while out.len() < n {
        out.push_str(&format!("{:016x}", rng.next()));
    }
    out.truncate(n);
    out
}
