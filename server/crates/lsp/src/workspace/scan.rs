//! Keeping the workspace index current: the first scan after `initialized`, files the
//! client reports changed on disk, open documents edited since they were indexed, and the
//! coalesced re-scan that follows a glossary change ([`schedule_rescan`]).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tower_lsp_server::ls_types as lsp;

use super::{FileIndex, index_glossary, index_mentions, markdown_files, path_str, summary};
use crate::state::{ServerState, run_blocking};

/// How long a workspace query waits for the first scan of the workspace.
const INDEX_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

impl ServerState {
    /// Indexes one document; true when the glossary terms it defines changed (the
    /// glossary layer is then already updated, but other files' mentions are stale).
    pub(crate) fn index_doc(
        &self,
        doc: &ide::Document,
        rope: &ropey::Rope,
        version: Option<i32>,
    ) -> bool {
        let Some(path) = doc.path.as_deref().map(PathBuf::from) else {
            return false;
        };
        let projects = self.projects();
        let encoding = self.encoding();
        let base = projects.resolve_base(Some(&path)).analysis;
        let mut index = FileIndex {
            version,
            ..Default::default()
        };
        index_glossary(&base, doc, rope, encoding, &mut index);
        let changed = !self.workspace.same_glossary(&path, &index.glossary);
        if changed {
            let mut partial = FileIndex {
                version,
                ..Default::default()
            };
            partial.glossary = index.glossary.clone();
            partial.entries = index.entries.clone();
            self.workspace.insert(path.clone(), partial);
            projects.set_glossary(self.workspace.glossary_entries());
        }
        let analysis = projects.resolve(Some(&path)).analysis;
        index_mentions(&analysis, doc, rope, encoding, &mut index);
        self.workspace.insert(path, index);
        changed
    }

    /// Indexes a file as it is on disk; true when its glossary changed.
    pub(crate) fn index_file(&self, path: &Path) -> bool {
        let text = match std::fs::metadata(path) {
            Ok(meta) if meta.len() <= super::MAX_FILE_BYTES => std::fs::read(path)
                .ok()
                .and_then(|b| String::from_utf8(b).ok()),
            _ => None,
        };
        let Some(text) = text else {
            return self.forget_file(path);
        };
        let rope = ropey::Rope::from_str(&text);
        let doc = ide::Document::new(text.into(), Some(path_str(path)));
        self.index_doc(&doc, &rope, None)
    }

    /// Drops a file from the index; true when it defined glossary terms.
    pub(crate) fn forget_file(&self, path: &Path) -> bool {
        let had_terms = self.workspace.remove(path);
        if had_terms {
            self.projects()
                .set_glossary(self.workspace.glossary_entries());
        }
        had_terms
    }

    /// The paths and uris of the open documents.
    fn open_paths(&self) -> Vec<(PathBuf, lsp::Uri)> {
        self.docs
            .iter()
            .filter_map(|d| Some((PathBuf::from(&**d.state.path.as_ref()?), d.key().clone())))
            .collect()
    }

    /// Re-indexes the open documents whose text changed since they were indexed; true when
    /// a glossary changed.
    fn refresh_open(&self) -> bool {
        let mut changed = false;
        for (path, uri) in self.open_paths() {
            let Some(version) = self.version(&uri) else {
                continue;
            };
            if self.workspace.version(&path) == Some(Some(version)) {
                continue;
            }
            if let Some(snapshot) = self.snapshot(&uri) {
                changed |= self.index_doc(&snapshot.doc, &snapshot.rope, Some(snapshot.version));
            }
        }
        changed
    }

    /// Indexes the files the client reported changed; true when a glossary changed.
    pub(crate) fn index_changed_files(&self) -> bool {
        let _indexing = self.indexing_changes.lock();
        let queue = match self.changed_files.lock() {
            Ok(mut queue) => std::mem::take(&mut *queue),
            Err(_) => return false,
        };
        let open: Vec<PathBuf> = self.open_paths().into_iter().map(|(p, _)| p).collect();
        let mut changed = false;
        for file in queue {
            if open.contains(&file.path) {
                continue;
            }
            changed |= if file.deleted {
                self.forget_file(&file.path)
            } else {
                self.index_file(&file.path)
            };
        }
        changed
    }

    /// Brings the index up to date before a workspace query: the first scan, files
    /// changed on disk, open documents edited since they were indexed.
    pub(crate) fn index_for_query(&self) {
        self.wait_indexed(INDEX_WAIT);
        let disk = self.index_changed_files();
        if self.refresh_open() || disk {
            self.scan();
        }
    }

    /// Blocks until the first scan of the workspace is done, for at most `timeout`: a
    /// query asked while the editor starts waits for a whole answer rather than giving
    /// half of one.
    fn wait_indexed(&self, timeout: std::time::Duration) {
        let (lock, ready) = &self.indexed;
        if let Ok(done) = lock.lock() {
            let _ = ready.wait_timeout_while(done, timeout, |done| !*done);
        }
    }

    /// Indexes every markdown file of the workspace: first the files that may define
    /// glossary terms, so that the mentions of those terms are found everywhere.
    fn scan(&self) {
        let started = std::time::Instant::now();
        let files = markdown_files(&self.roots());
        let open: Vec<PathBuf> = self.open_paths().into_iter().map(|(p, _)| p).collect();
        let projects = self.projects();
        let encoding = self.encoding();
        for path in &files {
            self.yield_to_open_documents();
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            if open.contains(path) || !ide::may_define_terms(Some(&path_str(path)), &text) {
                continue;
            }
            let rope = ropey::Rope::from_str(&text);
            let doc = ide::Document::new(text.into(), Some(path_str(path)));
            let base = projects.resolve_base(Some(path)).analysis;
            let mut index = FileIndex::default();
            index_glossary(&base, &doc, &rope, encoding, &mut index);
            self.workspace.insert(path.clone(), index);
        }
        self.refresh_open();
        projects.set_glossary(self.workspace.glossary_entries());
        for path in &files {
            if !open.contains(path) {
                self.yield_to_open_documents();
                self.index_file(path);
            }
        }
        let keep: std::collections::HashSet<&Path> =
            files.iter().chain(&open).map(PathBuf::as_path).collect();
        self.workspace.retain(|p| keep.contains(p));
        projects.set_glossary(self.workspace.glossary_entries());
        tracing::info!(
            "indexed {} markdown files in {} ms: {:?}",
            files.len(),
            started.elapsed().as_millis(),
            summary(&self.workspace)
        );
    }

    /// Where an entry is defined: a glossary term in its document, a user entry in its
    /// file, a bundled entry in its copy in the cache directory.
    pub(crate) fn entry_location(&self, entry: &knowledge::Entry) -> Option<lsp::Location> {
        let path = load::entry_file(entry)?;
        let line = entry.line.saturating_sub(1);
        let range = match entry.origin {
            knowledge::Origin::Glossary => self.workspace.glossary_location(&path, &entry.term),
            _ => None,
        }
        .unwrap_or(lsp::Range {
            start: lsp::Position { line, character: 0 },
            end: lsp::Position { line, character: 0 },
        });
        Some(lsp::Location {
            uri: lsp::Uri::from_file_path(&path)?,
            range,
        })
    }
}

/// Re-indexes the whole workspace on a blocking thread; calls during a run cause one more.
pub(crate) fn schedule_rescan(state: &Arc<ServerState>) {
    let state = state.clone();
    let rescan = state.rescan.clone();
    rescan.request(move || {
        let state = state.clone();
        async move {
            let _ = run_blocking(move || {
                // A panic in one run must not leave the queries waiting for the first scan.
                let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| state.scan()));
                if ran.is_err() {
                    tracing::error!("indexing the workspace failed; the index may be incomplete");
                }
                let (lock, ready) = &state.indexed;
                if let Ok(mut done) = lock.lock() {
                    *done = true;
                    ready.notify_all();
                }
            })
            .await;
        }
    });
}
