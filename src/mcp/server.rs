//! The server: its state (the context, the folder it started in, the client's roots, the
//! undo stack), what it says it offers, and the one way a tool's work is run and answered.

use std::path::PathBuf;
use std::sync::Arc;

use color_eyre::eyre::{Report, Result};
use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::model::{
    CallToolResult, ContentBlock, Implementation, ListResourcesResult, PaginatedRequestParams,
    ReadResourceRequestParams, ReadResourceResponse, ReadResourceResult, ResourceContents,
    ServerCapabilities, ServerConfig,
};
use rmcp::service::{NotificationContext, RequestContext};
use rmcp::{ErrorData, Peer, RoleServer, ServerHandler, tool_handler};

use super::call::{Call, UndoStack};
use super::here::{Here, Roots};
use super::resource;
use crate::Ctx;
use crate::sanitize;

/// What the server tells a client about itself when it connects.
const INSTRUCTIONS: &str = "tether keeps the context of a piece of work alive across any gap \
in time. Read the briefing (the `resume` tool, or the tether://briefing resource) when you \
start or resume: how long the work sat, the mission, open steps, decisions and what changed. \
As you work, `log` what happened, plan with `step_add` and `step_done`, and record decisions \
with `decide` (with why). Every tool works on the session that follows this folder, else on \
the active one; `status` says which.";

/// The MCP server of one client.
#[derive(Clone)]
pub struct Server {
    ctx: Arc<Ctx>,
    cwd: Option<PathBuf>,
    roots: Roots,
    undo: UndoStack,
    tool_router: ToolRouter<Server>,
}

impl Server {
    /// A server working from the current folder (the one the client started it in).
    pub fn new(ctx: Ctx) -> Self {
        Server {
            ctx: Arc::new(ctx),
            cwd: std::env::current_dir().ok(),
            roots: Roots::default(),
            undo: UndoStack::default(),
            tool_router: Self::tool_router(),
        }
    }

    /// Runs a tool's work and answers with its text, or with its refusal marked `isError`
    /// (never a protocol error: the person should see it).
    pub(super) async fn answer<F>(&self, peer: &Peer<RoleServer>, work: F) -> CallToolResult
    where
        F: FnOnce(&Call) -> Result<String> + Send + 'static,
    {
        match self.run(peer, work).await {
            Ok(text) => CallToolResult::success(vec![ContentBlock::text(shown(&text))]),
            Err(report) => CallToolResult::error(vec![ContentBlock::text(refusal(&report))]),
        }
    }

    /// Runs `work` off the protocol's thread (it takes the store's lock, reads files and
    /// may run git), with where the client works now.
    async fn run<T, F>(&self, peer: &Peer<RoleServer>, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Call) -> Result<T> + Send + 'static,
    {
        let roots = self.roots.get(peer).await;
        let call = Call {
            ctx: Arc::clone(&self.ctx),
            here: Here::new(roots, self.cwd.as_deref()),
            undo: self.undo.clone(),
        };
        tokio::task::spawn_blocking(move || work(&call)).await?
    }
}

/// A tool's text made safe, as the command line shows it.
fn shown(text: &str) -> String {
    sanitize::lines(text.trim_end())
}

/// An error's one line, with what to do about it worded as the command line words it.
pub(super) fn refusal(report: &Report) -> String {
    sanitize::line(&crate::cli::explain(report)).into_owned()
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        let capabilities = ServerCapabilities::builder()
            .enable_tools()
            .enable_resources()
            .build();
        ServerConfig::new(capabilities)
            .with_server_info(Implementation::new("tether", env!("CARGO_PKG_VERSION")))
            .with_instructions(INSTRUCTIONS)
    }

    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, ErrorData> {
        Ok(resource::list())
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, ErrorData> {
        if request.uri != resource::BRIEFING {
            let known = serde_json::json!({ "known": [resource::BRIEFING] });
            return Err(ErrorData::resource_not_found(
                format!("no resource {}", sanitize::line(&request.uri)),
                Some(known),
            ));
        }
        let text = self
            .run(&context.peer, |call| Ok(resource::read(call)))
            .await
            .unwrap_or_else(|report| refusal(&report));
        let contents =
            ResourceContents::text(shown(&text), resource::BRIEFING).with_mime_type("text/plain");
        Ok(ReadResourceResult::new(vec![contents]).into())
    }

    async fn on_roots_list_changed(&self, _context: NotificationContext<RoleServer>) {
        self.roots.forget();
    }
}
