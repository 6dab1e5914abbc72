//! The briefing as a resource, `tether://briefing`: what a client can attach to a
//! conversation without calling a tool.

use rmcp::model::{ListResourcesResult, Resource};

use super::call::Call;
use super::read::this_session;

/// The briefing's address.
pub const BRIEFING: &str = "tether://briefing";

/// The resources offered: the briefing.
pub fn list() -> ListResourcesResult {
    let briefing = Resource::new(BRIEFING, "briefing")
        .with_title("Resume briefing")
        .with_description(
            "The agent briefing of the session that follows this folder (else the active one): \
             how long the work sat, the mission, progress, open steps, key decisions with \
             their rationale, what changed in the workspace since, the last interactions",
        )
        .with_mime_type("text/plain");
    ListResourcesResult::with_all_items(vec![briefing])
}

/// The briefing's text, or when there is none to give, the one-line reason and what to do
/// about it (a client attaching the resource shows it either way).
pub fn read(call: &Call) -> String {
    match this_session(call).and_then(|id| call.briefing(&id)) {
        Ok(text) => text,
        Err(report) => super::server::refusal(&report),
    }
}
