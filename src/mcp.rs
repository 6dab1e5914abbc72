//! `tether mcp`: a Model Context Protocol server on stdio, so a coding assistant reads the
//! briefing and writes the journal through the same operations as the command line.
//!
//! Every tool is a thin call into `ops` (source `agent`) on the session that follows the
//! client's folder (its roots when it offers them, else the folder it started the server
//! in), or the active session when none does. A refusal is a tool result marked `isError`
//! with the command line's one-line message; stdout carries nothing but the protocol.

mod args;
mod call;
mod here;
mod life;
mod read;
mod resource;
mod server;
mod tools;
mod write;

pub use server::Server;

use color_eyre::eyre::Result;
use rmcp::ServiceExt;

use crate::Ctx;

/// Serves MCP on stdin and stdout until the client closes them. The only place tether
/// starts an async runtime: every other command runs without one.
pub fn serve(ctx: Ctx) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let running = Server::new(ctx).serve(rmcp::transport::stdio()).await?;
        running.waiting().await?;
        Ok(())
    })
}
