//! The command line's words: the subcommands, their arguments and formats, as clap reads
//! them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use super::AgentCommand;
use crate::color::ColorChoice;
use crate::session::{Kind, SessionId, Source};

/// Keep the context of a piece of work alive across any gap in time.
///
/// Sessions are context containers scoped to a mission, not blocks of clock time. Log
/// what happens as it happens; when you come back after a night, a weekend or a month,
/// tether tells you how long you were away, where you were, and what you had decided.
/// Run with no command to open the dashboard.
#[derive(Debug, Parser)]
#[command(name = "tether", version, max_term_width = 100)]
pub struct Cli {
    /// Keep config and data under DIR.
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        env = "TETHER_HOME",
        hide_env_values = true
    )]
    pub home: Option<PathBuf>,

    /// When to use colour: auto (in a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// What to do; the dashboard when none.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a session for a new mission (and pause the active one).
    Start(StartArgs),
    /// Log what just happened in the active session.
    Log(LogArgs),
    /// Plan next steps and check them off.
    #[command(subcommand)]
    Step(StepCommand),
    /// Record a key decision.
    Decide(DecideArgs),
    /// Save a snapshot of the context now.
    Freeze,
    /// The resume briefing: the gap, the mission, where you were and what changed since.
    Resume(ResumeArgs),
    /// Complete the active mission: its session ends.
    Complete(CompleteArgs),
    /// The active session at a glance.
    Status(FormatArgs<StatusFormat>),
    /// The duration-reality report: interactions, active time and gaps.
    Report(ReportArgs),
    /// List the missions (the open ones, unless --status says otherwise).
    Missions(super::MissionsArgs),
    /// What happened across missions, day by day, gaps acknowledged (the last 7 days).
    ///
    /// In time order, grouped by local day, each day with its active time and the missions
    /// touched: what you did this week, in one command (--format md for a standup note).
    Journal(super::journal::JournalArgs),
    /// Export sessions: CSV, JSON lines (a backup import takes back) or calendar events.
    ///
    /// Interactions with their edits applied and deletions left out, written as they are
    /// read (a million rows in little memory): the active session's unless --session or
    /// --all says otherwise.
    Export(super::export::ExportArgs),
    /// Make another session the active one, and show its briefing.
    Switch(SwitchArgs),
    /// Make a completed or abandoned mission active again, and show its briefing.
    Reopen(SwitchArgs),
    /// Rename a session's mission, or change its description (ended missions too).
    Rename(super::rename::RenameArgs),
    /// Change the folder a session follows, or follow none (--none).
    Workspace(super::rename::WorkspaceArgs),
    /// Correct an interaction: its words, its time (--at) or its kind (--kind).
    Edit(super::edit::EditArgs),
    /// Delete an interaction (--undo brings it back).
    Delete(super::edit::DeleteArgs),
    /// The protocol's success metrics across every session.
    Stats(FormatArgs<ListFormat>),
    /// Search every mission's interactions, steps and decisions, newest first.
    Search(super::SearchArgs),
    /// Import a plain session log (`[HH:MM:SS] text` lines) into a session.
    Import(ImportArgs),
    /// Install or remove the git post-commit hook that logs each commit.
    #[command(subcommand)]
    Hook(HookCommand),
    /// Wire a coding assistant (claude, codex, gemini) to tether: its MCP server and hooks.
    #[command(subcommand)]
    Agent(AgentCommand),
    /// Sync the store across machines through a git remote (see `sync init`).
    ///
    /// Each machine commits its own records, merges the others' and pushes: a merge never
    /// conflicts, and every machine that has the same records shows the same state.
    Sync(super::sync::SyncArgs),
    /// Check the store for damage; --repair keeps every readable record.
    Doctor(DoctorArgs),
    /// Serve the Model Context Protocol on stdio, for coding assistants.
    ///
    /// Tools that log, plan and read the briefing of the session that follows the folder
    /// the assistant works in (else the active one), and the briefing as a resource.
    Mcp,
    /// Print the script that registers shell completions (bash, zsh, fish, elvish, powershell).
    ///
    /// Commands, options and session ids complete, each id with its mission. For example, in
    /// ~/.bashrc: source <(tether completions bash)
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    ///
    /// For example: tether man > ~/.local/share/man/man1/tether.1
    Man,
}

/// `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The session to import into (created when it does not exist); the next number when
    /// not given.
    #[arg(long, value_name = "ID")]
    pub session: Option<SessionId>,
    /// The mission's title for a new session; the file's name when not given.
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    /// The date of `[HH:MM:SS]` lines (YYYY-MM-DD); later lines roll over to the next day
    /// when the clock goes backwards.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<chrono::NaiveDate>,
    /// The log file to read.
    pub file: PathBuf,
}

/// `hook`.
#[derive(Debug, Subcommand)]
pub enum HookCommand {
    /// Install the post-commit hook (an existing hook keeps running first).
    Install(HookArgs),
    /// Remove only what `hook install` added.
    Uninstall(HookArgs),
}

/// Where the hook goes.
#[derive(Debug, Args)]
pub struct HookArgs {
    /// The repository; the current folder's when not given.
    #[arg(long, value_name = "DIR")]
    pub repo: Option<PathBuf>,
}

/// `start`.
#[derive(Debug, Args)]
pub struct StartArgs {
    /// Use this session id (e.g. 00004 or 00003B) to continue an existing numbering.
    #[arg(long, value_name = "ID")]
    pub session: Option<SessionId>,
    /// The folder whose state the reality tracker follows.
    #[arg(long, value_name = "DIR")]
    pub workspace: Option<PathBuf>,
    /// A longer description of the mission.
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// The mission's title.
    #[arg(required = true, value_name = "TITLE")]
    pub title: Vec<String>,
}

/// `log`.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// Log into this session rather than the active one.
    #[arg(long, value_name = "ID", conflicts_with = "following")]
    pub session: Option<SessionId>,
    /// Log into the open session that follows DIR (its repository, or a folder inside its
    /// workspace); nothing is logged when none does.
    #[arg(long = "following", value_name = "DIR")]
    pub following: Option<PathBuf>,
    /// Never wait for the store: when another writer holds it, leave the entry in the
    /// spool for the next command that writes (what hooks use).
    #[arg(long)]
    pub no_wait: bool,
    /// When it happened: 2025-08-15T23:50:34Z, "2025-08-15 23:50", 23:50, or -2h, -1h30m.
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// What it records.
    #[arg(long, value_enum, default_value_t = Kind::Note)]
    pub kind: Kind,
    /// Who records it.
    #[arg(long, value_enum, default_value_t = Source::Cli)]
    pub source: Source,
    /// What happened; without it, asked for in a terminal or read from a pipe.
    #[arg(value_name = "TEXT")]
    pub text: Vec<String>,
}

/// `step`.
#[derive(Debug, Subcommand)]
pub enum StepCommand {
    /// Plan a next step.
    Add {
        /// What is to be done.
        #[arg(required = true, value_name = "TEXT")]
        text: Vec<String>,
    },
    /// Mark step N done.
    Done {
        /// The step's number in `step list` (it stays for the step's life).
        n: u32,
    },
    /// Mark step N not done again.
    Undo {
        /// The step's number in `step list` (it stays for the step's life).
        n: u32,
    },
    /// Replace the words of step N.
    Edit {
        /// The step's number in `step list` (it stays for the step's life).
        n: u32,
        /// Its new words.
        #[arg(required = true, value_name = "TEXT")]
        text: Vec<String>,
    },
    /// Remove step N from the plan.
    Rm {
        /// The step's number in `step list` (it stays for the step's life).
        n: u32,
    },
    /// List the steps with their numbers.
    List(FormatArgs<ListFormat>),
}

/// `decide`.
#[derive(Debug, Args)]
pub struct DecideArgs {
    /// Why it was decided.
    #[arg(long, value_name = "TEXT")]
    pub why: Option<String>,
    /// What was decided.
    #[arg(required = true, value_name = "TEXT")]
    pub text: Vec<String>,
}

/// `complete`.
#[derive(Debug, Args)]
pub struct CompleteArgs {
    /// End the mission as abandoned rather than achieved.
    #[arg(long)]
    pub abandon: bool,
}

/// `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The session to report on; the active one when not given.
    #[arg(long, value_name = "ID")]
    pub session: Option<SessionId>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// List the interactions with their ids (for `tether edit` and `tether delete`); with
    /// --format text or log.
    #[arg(long)]
    pub ids: bool,
}

/// `switch` and `reopen`.
#[derive(Debug, Args)]
pub struct SwitchArgs {
    /// The session to make active.
    pub id: SessionId,
}

/// `resume`.
#[derive(Debug, Args)]
pub struct ResumeArgs {
    /// Read this session's briefing (a paused one before switching to it, an ended one to
    /// remember it) without changing anything; the active session's when not given.
    #[arg(long, value_name = "ID")]
    pub session: Option<SessionId>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: BriefingFormat,
}

/// `doctor`.
#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Rewrite damaged files keeping every readable record; the rest is moved aside.
    #[arg(long)]
    pub repair: bool,
}

/// A `--format` option.
#[derive(Debug, Args)]
pub struct FormatArgs<F: ValueEnum + Clone + Send + Sync + Default + 'static> {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: F,
}

/// Formats of the resume briefing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum BriefingFormat {
    /// Plain text for the terminal.
    #[default]
    Text,
    /// A Markdown handoff note.
    Md,
    /// JSON for programs.
    Json,
    /// For a coding assistant that has never seen the work: within `[agent] budget` tokens,
    /// read in O(1) of the history.
    Agent,
}

/// Formats of `status`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    /// Plain text.
    #[default]
    Text,
    /// JSON for programs.
    Json,
    /// One short line for a tmux status bar.
    Tmux,
}

/// Formats of `report`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Plain text.
    #[default]
    Text,
    /// Markdown.
    Md,
    /// JSON for programs.
    Json,
    /// The timeline as session logs read, gaps acknowledged inline.
    Log,
}

/// Formats of lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Plain text.
    #[default]
    Text,
    /// JSON for programs.
    Json,
}
