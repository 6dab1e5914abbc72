//! A real MCP client for the tests: `tether mcp` spawned over stdio in a temporary home, at
//! a fixed time, driven by rmcp's client side.
#![allow(dead_code)]
// each test binary uses a different part of these helpers
// Roots are what the clients of the protocol's 2025 revisions offer (the 2026 one drops them).
#![allow(deprecated)]

use std::path::Path;
use std::process::Stdio;

use rmcp::model::{
    CallToolRequestParams, ClientCapabilities, ClientConfig, Implementation, ListRootsResult,
    ReadResourceRequestParams, ResourceContents, Root, Tool,
};
use rmcp::service::{RequestContext, RunningService};
use rmcp::transport::TokioChildProcess;
use rmcp::{ClientHandler, ErrorData, Peer, RoleClient, ServiceExt};
use serde_json::Value;
use tokio::io::AsyncReadExt;
use tokio::process::{ChildStderr, Command};

use crate::common::{BIN, Home};

/// The client's side: it offers roots when it is given some.
#[derive(Clone, Debug, Default)]
pub struct Handler {
    roots: Vec<String>,
}

impl ClientHandler for Handler {
    fn get_info(&self) -> ClientConfig {
        let mut capabilities = ClientCapabilities::default();
        if !self.roots.is_empty() {
            capabilities = ClientCapabilities::builder().enable_roots().build();
        }
        ClientConfig::new(capabilities, Implementation::new("tether-tests", "1"))
    }

    async fn list_roots(
        &self,
        _context: RequestContext<RoleClient>,
    ) -> Result<ListRootsResult, ErrorData> {
        let roots = self.roots.iter().map(Root::new).collect();
        Ok(ListRootsResult::new(roots))
    }
}

/// A connected client, and the server's stderr.
pub struct Client {
    service: RunningService<RoleClient, Handler>,
    stderr: Option<ChildStderr>,
}

/// What a tool answered.
#[derive(Clone, Debug)]
pub struct Answer {
    /// Whether it was marked `isError`.
    pub is_error: bool,
    /// Its text.
    pub text: String,
}

/// A `tether` command in `home`, run in `dir`, at `now`, local time UTC.
pub fn tether(home: &Home, dir: &Path, now: &str) -> std::process::Command {
    let mut cmd = std::process::Command::new(BIN);
    cmd.current_dir(dir)
        .env("TETHER_HOME", home.path())
        .env("TETHER_NOW", now)
        .env("TZ", "UTC")
        .env_remove("NO_COLOR")
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE");
    cmd
}

/// The `tether mcp` command in `home`, started in `dir`, at `now`.
pub fn command(home: &Home, dir: &Path, now: &str) -> Command {
    let mut cmd = tether(home, dir, now);
    cmd.arg("mcp");
    Command::from(cmd)
}

/// A client of `tether mcp` started in `dir`.
pub async fn connect(home: &Home, dir: &Path, now: &str) -> Client {
    connect_with(home, dir, now, Handler::default()).await
}

/// A client of `tether mcp` started in `dir` that offers `roots` (folders).
pub async fn connect_with_roots(home: &Home, dir: &Path, now: &str, roots: &[&str]) -> Client {
    let roots = roots.iter().map(|r| r.to_string()).collect();
    connect_with(home, dir, now, Handler { roots }).await
}

async fn connect_with(home: &Home, dir: &Path, now: &str, handler: Handler) -> Client {
    let (transport, stderr) = TokioChildProcess::builder(command(home, dir, now))
        .stderr(Stdio::piped())
        .spawn()
        .expect("tether mcp starts");
    let service = handler.serve(transport).await.expect("the client connects");
    Client { service, stderr }
}

impl Client {
    /// The client's peer, for calls made from other tasks.
    pub fn peer(&self) -> Peer<RoleClient> {
        self.service.peer().clone()
    }

    /// What the server said of itself.
    pub fn server(&self) -> rmcp::model::ServerPeerInfo {
        (*self.service.peer_info().expect("initialized")).clone()
    }

    /// Calls `tool` with `args` (a JSON object).
    pub async fn call(&self, tool: &str, args: Value) -> Answer {
        call(&self.peer(), tool, args).await
    }

    /// Calls `tool`, expecting success; returns its text.
    pub async fn ok(&self, tool: &str, args: Value) -> String {
        let answer = self.call(tool, args).await;
        assert!(!answer.is_error, "{tool} failed: {}", answer.text);
        answer.text
    }

    /// Calls `tool`, expecting a result marked `isError`; returns its text.
    pub async fn refused(&self, tool: &str, args: Value) -> String {
        let answer = self.call(tool, args).await;
        assert!(answer.is_error, "{tool} succeeded: {}", answer.text);
        answer.text
    }

    /// Every tool the server lists.
    pub async fn tools(&self) -> Vec<Tool> {
        self.service.list_all_tools().await.expect("tools/list")
    }

    /// The addresses of the resources the server lists.
    pub async fn resources(&self) -> Vec<String> {
        let listed = self.service.list_all_resources().await;
        let listed = listed.expect("resources/list");
        listed.into_iter().map(|r| r.uri.clone()).collect()
    }

    /// The text of resource `uri`.
    pub async fn resource(&self, uri: &str) -> String {
        let read = self
            .service
            .read_resource(ReadResourceRequestParams::new(uri))
            .await
            .expect("resources/read");
        match &read.contents[..] {
            [ResourceContents::TextResourceContents { text, .. }] => text.clone(),
            other => panic!("not one text: {other:?}"),
        }
    }

    /// Closes the connection and returns what the server wrote on stderr, checking that it
    /// did not panic.
    pub async fn close(mut self) -> String {
        self.service.close().await.expect("the client closes");
        let mut stderr = String::new();
        if let Some(mut pipe) = self.stderr.take() {
            pipe.read_to_string(&mut stderr).await.expect("stderr");
        }
        assert!(!stderr.contains("panicked"), "{stderr}");
        stderr
    }
}

/// Calls `tool` with `args` through `peer`.
pub async fn call(peer: &Peer<RoleClient>, tool: &str, args: Value) -> Answer {
    let Value::Object(args) = args else {
        panic!("arguments are an object")
    };
    let params = CallToolRequestParams::new(tool.to_string()).with_arguments(args);
    let result = peer.call_tool(params).await.expect("a tool result");
    let text = result
        .content
        .iter()
        .filter_map(|c| c.as_text().map(|t| t.text.clone()))
        .collect::<Vec<_>>()
        .join("\n");
    Answer {
        is_error: result.is_error == Some(true),
        text,
    }
}
