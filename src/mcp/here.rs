//! Where the client works, and so which session the tools address: the session that
//! follows the client's roots (when it offers them) or the folder it started the server in,
//! by the git hook's rule; the active session when none does.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use rmcp::{Peer, RoleServer};

use crate::ops::{Target, session_following};
use crate::session::SessionId;
use crate::store::{Store, StoreError};

/// How long a client may take to list its roots before the server goes on without them.
const ROOTS_WAIT: Duration = Duration::from_secs(2);

/// The client's roots as local folders: asked for once, and again after the client says
/// they changed.
#[derive(Clone, Debug, Default)]
pub struct Roots(Arc<Mutex<Option<Vec<PathBuf>>>>);

impl Roots {
    /// The roots, asking the client when they are not known (none when it offers none, or
    /// does not answer in time).
    pub async fn get(&self, peer: &Peer<RoleServer>) -> Vec<PathBuf> {
        if let Some(known) = self.lock().clone() {
            return known;
        }
        let offered = peer
            .peer_info()
            .is_some_and(|info| info.capabilities.roots.is_some());
        let roots = if offered { ask(peer).await } else { Vec::new() };
        *self.lock() = Some(roots.clone());
        roots
    }

    /// Forgets the roots: the client changed them.
    pub fn forget(&self) {
        *self.lock() = None;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Vec<PathBuf>>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Asks the client for its roots. The protocol's 2026 revision drops roots (SEP-2577), but
/// the clients of the 2025 revisions in use offer them; without them the server's own
/// folder stands alone.
#[allow(deprecated)]
async fn ask(peer: &Peer<RoleServer>) -> Vec<PathBuf> {
    match tokio::time::timeout(ROOTS_WAIT, peer.list_roots()).await {
        Ok(Ok(listed)) => listed
            .roots
            .iter()
            .filter_map(|root| file_path(&root.uri))
            .collect(),
        _ => Vec::new(),
    }
}

/// The local path of a `file://` URI, percent-decoded; none for another scheme, a remote
/// host or a bad escape.
pub fn file_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let bytes = percent_decoded(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        String::from_utf8(bytes).ok().map(PathBuf::from)
    }
}

fn percent_decoded(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The folders of one call: the client's roots, then the server's own folder.
#[derive(Clone, Debug, Default)]
pub struct Here {
    folders: Vec<PathBuf>,
}

impl Here {
    /// The roots first (what the client says it works on), then `cwd`.
    pub fn new(roots: Vec<PathBuf>, cwd: Option<&Path>) -> Self {
        let mut folders = roots;
        folders.extend(cwd.map(Path::to_path_buf));
        Here { folders }
    }

    /// The folder the client works in: its first root, else the server's folder.
    pub fn folder(&self) -> Option<&Path> {
        self.folders.first().map(PathBuf::as_path)
    }

    /// The first folder an open session follows, with that session.
    pub fn followed(&self, store: &Store) -> Result<Option<(&Path, SessionId)>, StoreError> {
        for folder in &self.folders {
            if let Some(id) = session_following(store, folder)? {
                return Ok(Some((folder, id)));
            }
        }
        Ok(None)
    }

    /// The session the tools work on: the one that follows these folders, else the active
    /// one (resolved again under the store's lock when a change is made).
    pub fn target(&self, store: &Store) -> Result<Target, StoreError> {
        Ok(match self.followed(store)? {
            Some((folder, _)) => Target::Following(folder.to_path_buf()),
            None => Target::Active,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_become_paths() {
        let path = |uri| file_path(uri).map(|p| p.display().to_string());
        assert_eq!(path("file:///home/me/repo"), Some("/home/me/repo".into()));
        assert_eq!(path("file://localhost/srv/a%20b"), Some("/srv/a b".into()));
        assert_eq!(path("file:///caf%C3%A9"), Some("/café".into()));
        assert_eq!(path("file://server/share"), None);
        assert_eq!(path("https://example.com/x"), None);
        assert_eq!(path("file:///bad%2"), None);
        assert_eq!(path("file:///bad%+1"), None);
    }

    #[test]
    fn roots_come_before_the_servers_folder() {
        let here = Here::new(vec![PathBuf::from("/root/a")], Some(Path::new("/cwd")));
        assert_eq!(here.folder(), Some(Path::new("/root/a")));
        assert_eq!(here.folders.len(), 2);
        assert_eq!(Here::new(Vec::new(), None).folder(), None);
    }
}
