//! tether keeps the context of a piece of work alive across any gap in time.
//!
//! It implements the Session Reality Protocol: a session is a context container scoped to
//! a mission, interactions are logged when they happen, a long silence is a gap (shown,
//! measured and acknowledged, never an end), and the context is restored on return.

pub mod agent;
pub mod cli;
pub mod clock;
pub mod color;
pub mod config;
pub mod context;
pub mod ctx;
pub mod doctor;
pub mod duration;
pub mod export;
pub mod hint;
pub mod home;
pub mod hook;
pub mod id;
pub mod import;
pub mod journal;
pub mod markdown;
pub mod mcp;
pub mod ops;
pub mod reality;
pub mod record;
pub mod safe_file;
pub mod sanitize;
pub mod search;
pub mod session;
pub mod stats;
pub mod store;
pub mod sync;
pub mod text;
pub mod time_range;
pub mod timeline;
pub mod tui;
pub mod when;
pub mod zone;

pub use ctx::Ctx;
