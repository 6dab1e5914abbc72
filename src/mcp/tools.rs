//! The tools, each a thin call into the same operations as the command line, on the
//! session that follows the client's folder (else the active one), as the agent.

use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::CallToolResult;
use rmcp::service::RequestContext;
use rmcp::{RoleServer, tool, tool_router};

use super::args::{
    CompleteArgs, DecideArgs, LogArgs, ResumeArgs, SessionArgs, StartArgs, StepAddArgs,
    StepDoneArgs,
};
use super::server::Server;
use super::{life, read, write};

#[tool_router(vis = "pub(super)")]
impl Server {
    /// `status`.
    #[tool(
        description = "The session the tools work on here, at a glance: its mission, progress, when the last interaction was (and whether that is past the gap threshold), and why the tools work on it (the folder it follows, or that it is the active one).",
        annotations(read_only_hint = true)
    )]
    async fn status(&self, context: RequestContext<RoleServer>) -> CallToolResult {
        self.answer(&context.peer, read::status).await
    }

    /// `resume`.
    #[tool(
        description = "The resume briefing, written for an assistant that has never seen the work: how long it sat (\"Resuming session 00004 after 8h 17m\"), the mission, progress, open steps, key decisions with their rationale, what changed in the workspace since, the last interactions. Read it when you start or come back. With `session`, another session's briefing, read-only.",
        annotations(read_only_hint = true)
    )]
    async fn resume(
        &self,
        Parameters(args): Parameters<ResumeArgs>,
        context: RequestContext<RoleServer>,
    ) -> CallToolResult {
        self.answer(&context.peer, move |call| read::resume(call, args))
            .await
    }

    /// `log`.
    #[tool(
        description = "Log what just happened (done, found, tried) into the session's timeline, now, as the agent's. Log as you go: the timeline is what the next reader resumes from.",
        annotations(
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = false
        )
    )]
    async fn log(
        &self,
        Parameters(args): Parameters<LogArgs>,
        context: RequestContext<RoleServer>,
    ) -> CallToolResult {
        self.answer(&context.peer, move |call| write::log(call, args))
            .await
    }

    /// `step_add`.
    #[tool(
        description = "Plan a next step. It gets a number it keeps for life (the one `step_done` takes).",
        annotations(
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = false
        )
    )]
    async fn step_add(
        &self,
        Parameters(args): Parameters<StepAddArgs>,
        context: RequestContext<RoleServer>,
    ) -> CallToolResult {
        self.answer(&context.peer, move |call| write::step_add(call, args))
            .await
    }

    /// `step_done`.
    #[tool(
        description = "Mark step NUMBER done (progress is steps done, not hours spent). A step already done is left alone, and the answer says so.",
        annotations(
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = true
        )
    )]
    async fn step_done(
        &self,
        Parameters(args): Parameters<StepDoneArgs>,
        context: RequestContext<RoleServer>,
    ) -> CallToolResult {
        self.answer(&context.peer, move |call| write::step_done(call, args))
            .await
    }

    /// `steps`.
    #[tool(
        description = "The session's steps with their numbers, done ones marked [x], and the progress.",
        annotations(read_only_hint = true)
    )]
    async fn steps(&self, context: RequestContext<RoleServer>) -> CallToolResult {
        self.answer(&context.peer, read::steps).await
    }

    /// `decide`.
    #[tool(
        description = "Record a key decision, with why it was made: decisions and their rationale are what a later reader needs most.",
        annotations(
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = false
        )
    )]
    async fn decide(
        &self,
        Parameters(args): Parameters<DecideArgs>,
        context: RequestContext<RoleServer>,
    ) -> CallToolResult {
        self.answer(&context.peer, move |call| write::decide(call, args))
            .await
    }

    /// `freeze`.
    #[tool(
        description = "Freeze the session's context now (progress, open steps, decisions, and the workspace's branch, commit and dirty files), so the next briefing says exactly what changed since.",
        annotations(
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = true
        )
    )]
    async fn freeze(&self, context: RequestContext<RoleServer>) -> CallToolResult {
        self.answer(&context.peer, write::freeze).await
    }

    /// `missions`.
    #[tool(
        description = "Every session, the most recently active first (the active one marked *), with its status, progress and when it was last worked on; and which one the tools here work on.",
        annotations(read_only_hint = true)
    )]
    async fn missions(&self, context: RequestContext<RoleServer>) -> CallToolResult {
        self.answer(&context.peer, read::missions).await
    }

    /// `start`.
    #[tool(
        description = "Start a session for a new mission: it becomes the active one (the one that was is paused) and follows this folder. A session is scoped to one mission, not to a stretch of time.",
        annotations(
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = false
        )
    )]
    async fn start(
        &self,
        Parameters(args): Parameters<StartArgs>,
        context: RequestContext<RoleServer>,
    ) -> CallToolResult {
        self.answer(&context.peer, move |call| life::start(call, args))
            .await
    }

    /// `switch`.
    #[tool(
        description = "Make another open session the active one (the one that was is paused), and read its briefing. The tools here keep working on the session that follows this folder, if one does.",
        annotations(
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = true
        )
    )]
    async fn switch(
        &self,
        Parameters(args): Parameters<SessionArgs>,
        context: RequestContext<RoleServer>,
    ) -> CallToolResult {
        self.answer(&context.peer, move |call| life::switch(call, args))
            .await
    }

    /// `reopen`.
    #[tool(
        description = "Make a completed or abandoned mission active again, and read its briefing.",
        annotations(
            read_only_hint = false,
            destructive_hint = false,
            idempotent_hint = false
        )
    )]
    async fn reopen(
        &self,
        Parameters(args): Parameters<SessionArgs>,
        context: RequestContext<RoleServer>,
    ) -> CallToolResult {
        self.answer(&context.peer, move |call| life::reopen(call, args))
            .await
    }

    /// `undo`.
    #[tool(
        description = "Take back the last change made through this server (a log, a step planned or marked done, a decision, completing or reopening), and say what it was. Each call takes back one more. Starting, switching and freezing are not taken back.",
        annotations(
            read_only_hint = false,
            destructive_hint = true,
            idempotent_hint = false
        )
    )]
    async fn undo(&self, context: RequestContext<RoleServer>) -> CallToolResult {
        self.answer(&context.peer, write::undo).await
    }

    /// `complete`.
    #[tool(
        description = "Complete the session's mission: its session ends (open steps are left open, and listed). Only when the person says the mission is achieved: it is done only with `confirm: true`; `abandon: true` ends it as abandoned instead. `undo` or `reopen` takes it back.",
        annotations(
            read_only_hint = false,
            destructive_hint = true,
            idempotent_hint = false
        )
    )]
    async fn complete(
        &self,
        Parameters(args): Parameters<CompleteArgs>,
        context: RequestContext<RoleServer>,
    ) -> CallToolResult {
        self.answer(&context.peer, move |call| life::complete(call, args))
            .await
    }
}
