//! `tether agent hook EVENT --client NAME`, the command an assistant's hooks run. It reads
//! the event's JSON on standard input and answers in that assistant's format: at a session's
//! start the agent briefing of the session that follows the event's folder, at a prompt an
//! interaction logged into that session (without waiting for the store). When no session
//! follows the folder it does nothing. It never fails nor stalls the assistant: whatever goes
//! wrong is an empty, valid answer, with the reason appended to `agent-hooks.log` in the data
//! folder.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::{Client, Event};
use crate::clock::{self, Clock, SystemClock};
use crate::config::{Config, Prompts};
use crate::home::Home;
use crate::ops::{self, Entry, Target};
use crate::session::{MAX_TEXT_BYTES, Source};
use crate::store::Store;

/// How long git may take for the briefing's "what changed" in a hook.
pub const GIT_DEADLINE: Duration = Duration::from_millis(300);

/// How long the hook waits for the assistant to finish writing the event.
const STDIN_WAIT: Duration = Duration::from_secs(2);

/// The most of an event read (a full prompt fits many times over).
const MAX_EVENT_BYTES: u64 = 8 * 1024 * 1024;

/// The log of what went wrong in hooks, in the data folder.
pub const LOG_FILE: &str = "agent-hooks.log";

/// The log is started afresh (the old one kept beside it) past this size.
const LOG_LIMIT: u64 = 64 * 1024;

/// How long a prompt's first line is kept.
const FIRST_LINE_CHARS: usize = 120;

/// The fields of an event tether reads; the rest is ignored.
#[derive(Debug, Default, Deserialize)]
pub struct Input {
    /// The folder the assistant works in.
    #[serde(default)]
    pub cwd: Option<PathBuf>,
    /// Why a session started (startup, resume, clear, compact).
    #[serde(default)]
    pub source: Option<String>,
    /// The prompt the person sent.
    #[serde(default)]
    pub prompt: Option<String>,
    /// The event's name in the assistant's words.
    #[serde(default)]
    pub hook_event_name: Option<String>,
}

/// Answers one hook: what to print on stdout (possibly nothing). Never fails; without a
/// home (none could be found) it can only answer that it has nothing to say.
pub fn run(
    home: Option<Home>,
    event: Event,
    client: Client,
    stdin: impl Read + Send + 'static,
) -> String {
    let Some(home) = home else {
        return answer(client, event, None);
    };
    let data = home.data_dir.clone();
    let clock: Box<dyn Clock> = clock::from_env().unwrap_or_else(|_| Box::new(SystemClock));
    let now = clock.now();
    let work = std::panic::AssertUnwindSafe(move || respond(&home, event, stdin, now));
    let outcome = std::panic::catch_unwind(work);
    let briefing = match outcome {
        Ok(Ok(briefing)) => briefing,
        Ok(Err(why)) => {
            note(&data, now, client, event, &why);
            None
        }
        Err(_) => {
            note(&data, now, client, event, "tether panicked (a bug)");
            None
        }
    };
    answer(client, event, briefing.as_deref())
}

/// The answer in `client`'s format, with what a terminal might act on escaped.
pub fn answer(client: Client, event: Event, briefing: Option<&str>) -> String {
    crate::sanitize::json(match client {
        Client::Claude => super::claude::answer(event, briefing),
        Client::Codex => super::codex::answer(event, briefing),
        Client::Gemini => super::gemini::answer(event, briefing),
    })
}

/// Does the work: the briefing to hand back, if any.
fn respond(
    home: &Home,
    event: Event,
    stdin: impl Read + Send + 'static,
    now: DateTime<Utc>,
) -> Result<Option<String>, String> {
    let input = read_event(stdin)?;
    let config = Config::load(&home.config_file).map_err(|e| e.to_string())?;
    let store = Store::new(&home.data_dir);
    let cwd = match input.cwd.clone() {
        Some(dir) => dir,
        None => std::env::current_dir().map_err(|e| format!("no folder given nor known: {e}"))?,
    };
    let Some(id) = ops::session_following(&store, &cwd).map_err(|e| e.to_string())? else {
        return Ok(None);
    };
    match event {
        Event::SessionStart => {
            let deadline = Instant::now() + GIT_DEADLINE;
            let b = ops::agent_briefing(&store, &id, now, config.gap_threshold, deadline)
                .map_err(|e| e.to_string())?;
            let text = crate::context::agent::render(&b, config.agent.budget);
            Ok(Some(format!(
                "From tether, the journal this folder's work is kept in:\n\n{text}"
            )))
        }
        Event::Prompt => {
            let Some(text) = input
                .prompt
                .as_deref()
                .and_then(|p| prompt_text(p, config.agent.prompts))
            else {
                return Ok(None);
            };
            ops::log_without_waiting(
                &store,
                now,
                Source::Agent,
                &Target::Session(id),
                Entry::note(text),
            )
            .map_err(|e| e.to_string())?;
            Ok(None)
        }
    }
}

/// Reads the event from `stdin`, waiting at most [`STDIN_WAIT`] for it to end.
fn read_event(stdin: impl Read + Send + 'static) -> Result<Input, String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let read = stdin.take(MAX_EVENT_BYTES).read_to_end(&mut bytes);
        let _ = tx.send(read.map(|_| bytes));
    });
    let bytes = rx
        .recv_timeout(STDIN_WAIT)
        .map_err(|_| "the event did not arrive on standard input within 2s".to_string())?
        .map_err(|e| format!("cannot read the event: {e}"))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Input::default());
    }
    serde_json::from_slice(&bytes)
        .map_err(|e| format!("the event is not JSON tether can read: {e}"))
}

/// What is logged of a prompt, per `[agent] prompts`: nothing for a blank prompt.
pub fn prompt_text(prompt: &str, keep: Prompts) -> Option<String> {
    let prompt = prompt.trim();
    if prompt.is_empty() {
        return None;
    }
    Some(match keep {
        Prompts::None => "Prompt to the assistant (its text is not kept)".to_string(),
        Prompts::FirstLine => {
            let line = prompt
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or("");
            let mut kept: String = line.chars().take(FIRST_LINE_CHARS).collect();
            if kept.len() < line.len() {
                kept.pop();
                kept.push('…');
            }
            format!("Prompt: {kept}")
        }
        Prompts::Full => {
            let mut end = prompt.len().min(MAX_TEXT_BYTES - 64);
            while !prompt.is_char_boundary(end) {
                end -= 1;
            }
            format!("Prompt: {}", &prompt[..end])
        }
    })
}

/// Appends why a hook did nothing to the log in the data folder, starting it afresh past
/// [`LOG_LIMIT`] (the previous one kept as `agent-hooks.log.1`). Best effort: a hook has no
/// one else to tell.
fn note(data: &Path, now: DateTime<Utc>, client: Client, event: Event, why: &str) {
    if crate::store::create_private_dir(data).is_err() {
        return;
    }
    let path = data.join(LOG_FILE);
    if std::fs::metadata(&path).is_ok_and(|m| m.len() > LOG_LIMIT) {
        let _ = std::fs::rename(&path, data.join(format!("{LOG_FILE}.1")));
    }
    let line = format!(
        "{} {} {}: {}\n",
        now.format("%Y-%m-%dT%H:%M:%SZ"),
        client.as_str(),
        event.as_str(),
        crate::sanitize::line(why)
    );
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path);
    if let Ok(mut file) = file {
        let _ = file.write_all(line.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prompt_is_kept_as_asked() {
        let long = format!("{}\nsecond line", "é".repeat(200));
        let first = prompt_text(&long, Prompts::FirstLine).unwrap();
        assert_eq!(first.chars().count(), "Prompt: ".len() + FIRST_LINE_CHARS);
        assert!(first.ends_with('…'));
        assert_eq!(
            prompt_text("\n  Fix the gap test  \nthen more", Prompts::FirstLine).unwrap(),
            "Prompt: Fix the gap test"
        );
        assert!(
            prompt_text("a\nb", Prompts::Full)
                .unwrap()
                .ends_with("a\nb")
        );
        assert!(
            !prompt_text("secret", Prompts::None)
                .unwrap()
                .contains("secret")
        );
        assert_eq!(prompt_text("  \n ", Prompts::FirstLine), None);
        let huge = "x".repeat(MAX_TEXT_BYTES * 2);
        assert!(prompt_text(&huge, Prompts::Full).unwrap().len() <= MAX_TEXT_BYTES);
    }
}
