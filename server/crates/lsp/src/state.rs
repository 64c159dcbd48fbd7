//! The server's state: what every handler shares.
//!
//! [`ServerState`] holds the open documents (rope plus tree, edited in place on every
//! `didChange`), the [`load::project::Projects`] that give each document its
//! [`ide::Analysis`] (knowledge plus settings), the client's capabilities and the
//! workspace index. Document edits happen synchronously at the start of each notification
//! handler, so they apply in the order the client sent them; analysis runs on a blocking
//! thread over a [`Snapshot`] ([`run_blocking`]), where a panic becomes an error response
//! instead of a dead server.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use dashmap::DashMap;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types as lsp;

use crate::capabilities::ClientCaps;
use crate::config::Settings;
use crate::document::{DocState, Snapshot};
use crate::line_index::Encoding;
use crate::reports::Report;
use crate::scheduler::{Coalesce, DocDiagnostics};
use crate::workspace::{ChangedFile, Workspace};
use load::project::Resolved;

/// Everything the handlers share.
#[derive(Default)]
pub struct ServerState {
    pub(crate) docs: DashMap<lsp::Uri, OpenDoc>,
    /// The knowledge and settings per project; built on first use, so that `initialize`
    /// answers without waiting for the knowledge base.
    projects: RwLock<Option<Arc<load::project::Projects>>>,
    pub(crate) settings: RwLock<Settings>,
    pub(crate) roots: RwLock<Vec<PathBuf>>,
    /// What the client can do; set once by `initialize`.
    caps: RwLock<ClientCaps>,
    /// Messages about the settings found during `initialize`, shown at `initialized`.
    pub(crate) pending_messages: Mutex<Vec<String>>,
    /// Per source of problems (the settings, or a tradeoff.toml): what was last
    /// published, and to which files.
    pub(crate) reports: Mutex<HashMap<String, Report>>,
    /// Headings, glossaries and mentions of every markdown file of the workspace.
    pub(crate) workspace: Workspace,
    /// Coalesces re-indexing the whole workspace.
    pub(crate) rescan: Arc<Coalesce>,
    /// Files the client reported changed on disk, not indexed yet.
    pub(crate) changed_files: Mutex<Vec<ChangedFile>>,
    /// Held while changed files are indexed, so a query waits for files taken off the queue.
    pub(crate) indexing_changes: Mutex<()>,
    /// Set once the first scan of the workspace is done.
    pub(crate) indexed: (Mutex<bool>, std::sync::Condvar),
    /// Documents being opened or analysed: the workspace scan waits for them.
    foreground: AtomicUsize,
}

/// Counts one piece of work for an open document while it lives (see
/// [`ServerState::yield_to_open_documents`]).
pub(crate) struct Foreground<'a>(&'a AtomicUsize);

impl Drop for Foreground<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// One document the editor has open.
pub(crate) struct OpenDoc {
    pub(crate) state: DocState,
    /// Its diagnostics: cache, scheduling and last result.
    pub(crate) diagnostics: Arc<DocDiagnostics>,
    /// The terms per chunk of the last semantic-tokens answer.
    pub(crate) terms: Arc<Mutex<ide::TermsCache>>,
}

impl OpenDoc {
    pub(crate) fn new(state: DocState) -> OpenDoc {
        OpenDoc {
            state,
            diagnostics: Arc::default(),
            terms: Arc::default(),
        }
    }
}

impl ServerState {
    /// Marks work for an open document until the guard drops.
    pub(crate) fn foreground(&self) -> Foreground<'_> {
        self.foreground.fetch_add(1, Ordering::AcqRel);
        Foreground(&self.foreground)
    }

    /// Called by the workspace scan between files: while a document is being opened or
    /// analysed, waits (up to a second at a time), so that the document the writer looks
    /// at gets the cores first.
    pub(crate) fn yield_to_open_documents(&self) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(1);
        while self.foreground.load(Ordering::Acquire) > 0 && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }

    /// True when `path` is inside a workspace folder.
    pub(crate) fn in_workspace(&self, path: &Path) -> bool {
        self.roots
            .read()
            .is_ok_and(|roots| roots.iter().any(|r| path.starts_with(r)))
    }

    /// The workspace folders.
    pub(crate) fn roots(&self) -> Vec<PathBuf> {
        self.roots.read().map(|r| r.clone()).unwrap_or_default()
    }

    /// What the client can do (the defaults before `initialize`).
    pub(crate) fn caps(&self) -> ClientCaps {
        self.caps.read().map(|c| *c).unwrap_or_default()
    }

    pub(crate) fn set_caps(&self, caps: ClientCaps) {
        if let Ok(mut it) = self.caps.write() {
            *it = caps;
        }
    }

    pub(crate) fn encoding(&self) -> Encoding {
        self.caps().encoding
    }

    /// The analysis for a document, from the tradeoff.toml above it or the settings.
    pub(crate) fn resolve(&self, snapshot: &Snapshot) -> Resolved {
        self.projects()
            .resolve(snapshot.doc.path.as_deref().map(Path::new))
    }

    /// The projects, built from the current settings when nothing has built them yet.
    pub(crate) fn projects(&self) -> Arc<load::project::Projects> {
        if let Some(projects) = self.projects.read().ok().and_then(|it| it.clone()) {
            return projects;
        }
        self.reload();
        match self.projects.read().ok().and_then(|it| it.clone()) {
            Some(projects) => projects,
            None => Arc::new(load::project::Projects::new(Default::default())),
        }
    }

    pub(crate) fn snapshot(&self, uri: &lsp::Uri) -> Option<Snapshot> {
        self.docs.get_mut(uri).map(|mut doc| doc.state.snapshot())
    }

    pub(crate) fn version(&self, uri: &lsp::Uri) -> Option<i32> {
        self.docs.get(uri).map(|doc| doc.state.version)
    }

    /// A result computed on `version` of `uri` is only sent when that is still the text
    /// the client has; otherwise the client gets ContentModified and asks again.
    pub(crate) fn still_current<T>(
        &self,
        uri: &lsp::Uri,
        version: i32,
        res: Result<T>,
    ) -> Result<T> {
        if self.version(uri) != Some(version) {
            return Err(Error::content_modified());
        }
        res
    }

    /// Rebuilds the projects from the settings; returns the base problems to report.
    pub(crate) fn reload(&self) -> Resolved {
        let settings = self
            .settings
            .read()
            .map(|it| it.clone())
            .unwrap_or_default();
        let root = self.roots.read().ok().and_then(|it| it.first().cloned());
        let projects = load::project::Projects::new(settings.base_settings(root.as_deref()));
        // The workspace's glossaries stay laid over the new knowledge.
        projects.set_glossary(self.workspace.glossary_entries());
        let resolved = projects.default_resolved().clone();
        if let Ok(mut it) = self.projects.write() {
            *it = Some(Arc::new(projects));
        }
        resolved
    }
}

/// Runs `f` on a blocking thread; a panic becomes an internal error.
pub(crate) async fn run_blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(f).await.map_err(|err| {
        if err.is_cancelled() {
            // The runtime is shutting down.
            tracing::debug!("a request was cancelled: {err}");
            return Error::request_cancelled();
        }
        tracing::error!("a request handler panicked: {err}");
        let mut e = Error::internal_error();
        e.message =
            "tradeoff hit an internal error while answering; the server keeps running".into();
        e
    })
}

/// The path `ide` knows a document by: its file path, or the uri's path for other schemes.
pub(crate) fn path_of(uri: &lsp::Uri) -> Option<Arc<str>> {
    match uri.to_file_path() {
        Some(path) => Some(path.to_string_lossy().replace('\\', "/").into()),
        None => Some(uri.path().as_str().into()),
    }
}

/// Hands the memory freed by a closed document back to the system: glibc keeps freed
/// pages of its heaps otherwise, and a closed 1 MB document would leave tens of MB.
pub(crate) fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns unused pages of the allocator's heaps to the
    // system; it takes the allocator's locks and touches no memory in use.
    unsafe {
        libc::malloc_trim(0);
    }
}
