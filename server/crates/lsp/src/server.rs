//! The language server: protocol in, one `ide` call, protocol out.
//!
//! State lives in [`ServerState`]: the open documents (rope plus tree, edited in place on
//! every `didChange`), the current [`ide::Analysis`] (knowledge plus settings) and the
//! negotiated position encoding. Document edits happen synchronously at the start of
//! each notification handler, so they apply in the order the client sent them; analysis
//! runs on a blocking thread over a snapshot, where a panic becomes an error response
//! instead of a dead server.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use dashmap::DashMap;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::{Client, LanguageServer};

use crate::config::Settings;
use crate::document::{DocState, Snapshot};
use crate::line_index::{self, Encoding};
use crate::to_proto;
use crate::workspace::{self, FileIndex, Workspace};
use load::project::Resolved;

/// How long a workspace query waits for the first scan of the workspace.
const INDEX_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Everything the handlers share.
pub struct ServerState {
    docs: DashMap<lsp::Uri, OpenDoc>,
    /// The knowledge and settings per project; built on first use, so that `initialize`
    /// answers without waiting for the knowledge base.
    projects: RwLock<Option<Arc<load::project::Projects>>>,
    settings: RwLock<Settings>,
    roots: RwLock<Vec<PathBuf>>,
    encoding: AtomicU8,
    /// The client pulls diagnostics (`textDocument/diagnostic`), so we do not push them.
    pull_diagnostics: AtomicBool,
    /// The client answers `workspace/configuration`.
    pull_configuration: AtomicBool,
    /// Messages about the settings found during `initialize`, shown at `initialized`.
    pending_messages: Mutex<Vec<String>>,
    /// Per source of problems (the settings, or a tradeoff.toml): what was last
    /// published, and to which files.
    reports: Mutex<HashMap<String, Report>>,
    /// Headings, glossaries and mentions of every markdown file of the workspace.
    workspace: Workspace,
    /// Coalesces re-indexing the whole workspace.
    rescan: Arc<Pending>,
    completion_caps: RwLock<to_proto::CompletionCaps>,
    /// The client can register file watchers for us.
    watch_files: AtomicBool,
    /// Files the client reported changed on disk, not indexed yet: (path, deleted).
    changed_files: Mutex<Vec<(PathBuf, bool)>>,
    /// Held while changed files are indexed, so a query waits for files taken off the queue.
    indexing_changes: Mutex<()>,
    /// Set once the first scan of the workspace is done.
    indexed: (Mutex<bool>, std::sync::Condvar),
}

struct OpenDoc {
    state: DocState,
    pending: Arc<Pending>,
    /// The block findings of the last diagnostics run, so the next re-analyses only the
    /// blocks an edit touched. Only the coalesced diagnostics run uses it.
    cache: Arc<Mutex<ide::DiagnosticsCache>>,
    /// The terms per chunk of the last semantic-tokens answer.
    terms: Arc<Mutex<ide::TermsCache>>,
}

/// Coalesces diagnostics runs: one runs at a time per document; edits during a run
/// trigger exactly one more run, on the newest text. A lone keystroke waits for nothing.
#[derive(Default)]
struct Pending {
    running: AtomicBool,
    dirty: AtomicBool,
}

/// The server.
pub struct Backend {
    client: Client,
    state: Arc<ServerState>,
}

impl Backend {
    /// A server that talks to `client`.
    pub fn new(client: Client) -> Backend {
        let state = ServerState {
            docs: DashMap::new(),
            projects: RwLock::new(None),
            settings: RwLock::default(),
            roots: RwLock::default(),
            encoding: AtomicU8::new(0),
            pull_diagnostics: AtomicBool::new(false),
            pull_configuration: AtomicBool::new(false),
            pending_messages: Mutex::default(),
            reports: Mutex::default(),
            workspace: Workspace::default(),
            rescan: Arc::default(),
            completion_caps: RwLock::default(),
            watch_files: AtomicBool::new(false),
            indexed: Default::default(),
            changed_files: Mutex::default(),
            indexing_changes: Mutex::default(),
        };
        Backend {
            client,
            state: Arc::new(state),
        }
    }
}

impl ServerState {
    fn encoding(&self) -> Encoding {
        if self.encoding.load(Ordering::Relaxed) == 1 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    /// The analysis for a document, from the tradeoff.toml above it or the settings.
    fn resolve(&self, snapshot: &Snapshot) -> Resolved {
        self.projects()
            .resolve(snapshot.doc.path.as_deref().map(Path::new))
    }

    /// The projects, built from the current settings when nothing has built them yet.
    fn projects(&self) -> Arc<load::project::Projects> {
        if let Some(projects) = self.projects.read().ok().and_then(|it| it.clone()) {
            return projects;
        }
        self.reload();
        match self.projects.read().ok().and_then(|it| it.clone()) {
            Some(projects) => projects,
            None => Arc::new(load::project::Projects::new(Default::default())),
        }
    }

    fn snapshot(&self, uri: &lsp::Uri) -> Option<Snapshot> {
        self.docs.get_mut(uri).map(|mut doc| doc.state.snapshot())
    }

    fn version(&self, uri: &lsp::Uri) -> Option<i32> {
        self.docs.get(uri).map(|doc| doc.state.version)
    }

    /// A result computed on `version` of `uri` is only sent when that is still the text
    /// the client has; otherwise the client gets ContentModified and asks again.
    fn still_current<T>(&self, uri: &lsp::Uri, version: i32, res: Result<T>) -> Result<T> {
        if self.version(uri) != Some(version) {
            return Err(Error::content_modified());
        }
        res
    }

    /// Rebuilds the projects from the settings; returns the base problems to report.
    fn reload(&self) -> Resolved {
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

/// The workspace index.
impl ServerState {
    /// Indexes one document; true when the glossary terms it defines changed (the
    /// glossary layer is then already updated, but other files' mentions are stale).
    fn index_doc(&self, doc: &ide::Document, rope: &ropey::Rope, version: Option<i32>) -> bool {
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
        workspace::index_glossary(&base, doc, rope, encoding, &mut index);
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
        workspace::index_mentions(&analysis, doc, rope, self.encoding(), &mut index);
        self.workspace.insert(path, index);
        changed
    }

    /// Indexes a file as it is on disk; true when its glossary changed.
    fn index_file(&self, path: &Path) -> bool {
        let text = match std::fs::metadata(path) {
            Ok(meta) if meta.len() <= workspace::MAX_FILE_BYTES => std::fs::read(path)
                .ok()
                .and_then(|b| String::from_utf8(b).ok()),
            _ => None,
        };
        let Some(text) = text else {
            return self.forget_file(path);
        };
        let rope = ropey::Rope::from_str(&text);
        let doc = ide::Document::new(text.into(), Some(workspace::path_str(path)));
        self.index_doc(&doc, &rope, None)
    }

    /// Drops a file from the index; true when it defined glossary terms.
    fn forget_file(&self, path: &Path) -> bool {
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
    fn index_changed_files(&self) -> bool {
        let _indexing = self.indexing_changes.lock();
        let queue = match self.changed_files.lock() {
            Ok(mut queue) => std::mem::take(&mut *queue),
            Err(_) => return false,
        };
        let open: Vec<PathBuf> = self.open_paths().into_iter().map(|(p, _)| p).collect();
        let mut changed = false;
        for (path, deleted) in queue {
            if open.contains(&path) {
                continue;
            }
            changed |= if deleted {
                self.forget_file(&path)
            } else {
                self.index_file(&path)
            };
        }
        changed
    }

    /// Brings the index up to date before a workspace query: the first scan, files
    /// changed on disk, open documents edited since they were indexed.
    fn index_for_query(&self) {
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
        let roots = self.roots.read().map(|r| r.clone()).unwrap_or_default();
        let files = workspace::markdown_files(&roots);
        let open: Vec<PathBuf> = self.open_paths().into_iter().map(|(p, _)| p).collect();
        let projects = self.projects();
        let encoding = self.encoding();
        for path in &files {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            if open.contains(path)
                || !ide::may_define_terms(Some(&workspace::path_str(path)), &text)
            {
                continue;
            }
            let rope = ropey::Rope::from_str(&text);
            let doc = ide::Document::new(text.into(), Some(workspace::path_str(path)));
            let base = projects.resolve_base(Some(path)).analysis;
            let mut index = FileIndex::default();
            workspace::index_glossary(&base, &doc, &rope, encoding, &mut index);
            self.workspace.insert(path.clone(), index);
        }
        self.refresh_open();
        projects.set_glossary(self.workspace.glossary_entries());
        for path in &files {
            if !open.contains(path) {
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
            workspace::summary(&self.workspace)
        );
    }
}

/// Navigation answers built from the index.
impl ServerState {
    /// Where an entry is defined: a glossary term in its document, a user entry in its
    /// file, a bundled entry in its copy in the cache directory.
    fn entry_location(&self, entry: &knowledge::Entry) -> Option<lsp::Location> {
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

    /// The markdown that ends a hover: the other files that mention the concept.
    fn discussed_in(&self, ids: &[&str], current: Option<&Path>) -> Option<String> {
        const SHOWN: usize = 5;
        let files = workspace::discussed_in(self.workspace.mentions(ids), current);
        if files.is_empty() {
            return None;
        }
        let roots = self.roots.read().map(|r| r.clone()).unwrap_or_default();
        let mut links: Vec<String> = files
            .iter()
            .take(SHOWN)
            .filter_map(|(path, range, count)| {
                let uri = lsp::Uri::from_file_path(path)?;
                let shown = workspace::display_path(path, &roots);
                Some(format!(
                    "[{shown}]({}#L{}) ({count})",
                    uri.as_str(),
                    range.start.line + 1
                ))
            })
            .collect();
        if files.len() > SHOWN {
            links.push(format!("{} more files", files.len() - SHOWN));
        }
        Some(format!("*Discussed in:* {}", links.join(", ")))
    }
}

fn workspace_symbol(
    name: String,
    kind: lsp::SymbolKind,
    container: String,
    location: lsp::Location,
) -> lsp::WorkspaceSymbol {
    lsp::WorkspaceSymbol {
        name,
        kind,
        tags: None,
        container_name: Some(container),
        location: lsp::OneOf::Left(location),
        data: None,
    }
}

/// Re-indexes the whole workspace on a blocking thread; calls during a run cause one more.
fn schedule_rescan(state: &Arc<ServerState>) {
    let pending = state.rescan.clone();
    if pending.running.swap(true, Ordering::AcqRel) {
        pending.dirty.store(true, Ordering::Release);
        return;
    }
    let state = state.clone();
    tokio::task::spawn_blocking(move || {
        loop {
            pending.dirty.store(false, Ordering::Release);
            // A panic in one run must not stop the server or leave `running` set.
            let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| state.scan()));
            if ran.is_err() {
                tracing::error!("indexing the workspace failed; the index may be incomplete");
            }
            let (lock, ready) = &state.indexed;
            if let Ok(mut done) = lock.lock() {
                *done = true;
                ready.notify_all();
            }
            pending.running.store(false, Ordering::Release);
            if !pending.dirty.load(Ordering::Acquire)
                || pending.running.swap(true, Ordering::AcqRel)
            {
                break;
            }
        }
    });
}

/// What was last published for one source of problems.
struct Report {
    problems: Arc<Vec<load::LoadProblem>>,
    files: Vec<lsp::Uri>,
}

/// Publishes the problems of one source (the settings, or a config file) as diagnostics on
/// the files they concern, clearing files that no longer have any. `also_clear` is a file
/// that gets an empty report when it has no problems (a config file that was fixed).
async fn report_problems(
    state: &ServerState,
    client: &Client,
    source: String,
    problems: Arc<Vec<load::LoadProblem>>,
    also_clear: Option<lsp::Uri>,
) {
    let previous = {
        let Ok(reports) = state.reports.lock() else {
            return;
        };
        match reports.get(&source) {
            Some(report) if Arc::ptr_eq(&report.problems, &problems) => return,
            Some(report) => report.files.clone(),
            None => Vec::new(),
        }
    };
    let mut by_file: BTreeMap<lsp::Uri, Vec<lsp::Diagnostic>> = BTreeMap::new();
    for problem in problems.iter() {
        let Some(uri) = problem.file.as_ref().and_then(lsp::Uri::from_file_path) else {
            client
                .show_message(lsp::MessageType::WARNING, format!("tradeoff: {problem}"))
                .await;
            continue;
        };
        let line = problem.line.saturating_sub(1);
        let range = lsp::Range {
            start: lsp::Position { line, character: 0 },
            end: lsp::Position {
                line,
                character: u32::MAX >> 1,
            },
        };
        let code = if problem.path == load::project::CONFIG_FILE {
            "config"
        } else {
            "knowledge-entry"
        };
        by_file.entry(uri).or_default().push(lsp::Diagnostic {
            range,
            severity: Some(lsp::DiagnosticSeverity::ERROR),
            code: Some(lsp::NumberOrString::String(code.into())),
            source: Some("tradeoff".into()),
            message: problem.message.clone(),
            ..Default::default()
        });
    }
    for uri in previous.into_iter().chain(also_clear) {
        if !by_file.contains_key(&uri) {
            client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }
    let files: Vec<lsp::Uri> = by_file.keys().cloned().collect();
    for (uri, diagnostics) in by_file {
        client.publish_diagnostics(uri, diagnostics, None).await;
    }
    if let Ok(mut reports) = state.reports.lock() {
        reports.insert(source, Report { problems, files });
    }
}

/// Reports the problems of the config file a document was analysed with.
async fn report_config(state: &ServerState, client: &Client, resolved: &Resolved) {
    let Some(config) = &resolved.config else {
        return;
    };
    let uri = lsp::Uri::from_file_path(config);
    report_problems(
        state,
        client,
        config.to_string_lossy().into_owned(),
        resolved.problems.clone(),
        uri,
    )
    .await;
}

fn path_of(uri: &lsp::Uri) -> Option<Arc<str>> {
    match uri.to_file_path() {
        Some(path) => Some(path.to_string_lossy().replace('\\', "/").into()),
        None => Some(uri.path().as_str().into()),
    }
}

/// Runs `f` on a blocking thread; a panic becomes an internal error.
async fn run_blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T> {
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

impl Backend {
    fn schedule_diagnostics(&self, uri: lsp::Uri) {
        if self.state.pull_diagnostics.load(Ordering::Relaxed) {
            return;
        }
        let Some((pending, cache)) = self
            .state
            .docs
            .get(&uri)
            .map(|doc| (doc.pending.clone(), doc.cache.clone()))
        else {
            return;
        };
        if pending.running.swap(true, Ordering::AcqRel) {
            pending.dirty.store(true, Ordering::Release);
            return;
        }
        let state = self.state.clone();
        let client = self.client.clone();
        tokio::spawn(async move {
            loop {
                pending.dirty.store(false, Ordering::Release);
                if let Some(snapshot) = state.snapshot(&uri) {
                    let resolved = state.resolve(&snapshot);
                    report_config(&state, &client, &resolved).await;
                    let analysis = resolved.analysis;
                    let encoding = state.encoding();
                    let version = snapshot.version;
                    let cache = cache.clone();
                    let target = uri.clone();
                    let computed = run_blocking(move || {
                        let started = std::time::Instant::now();
                        let found = match cache.lock() {
                            Ok(mut cache) => {
                                let found = analysis.diagnostics_cached(&snapshot.doc, &mut cache);
                                tracing::debug!(
                                    "diagnostics of version {}: {} findings, {} blocks analysed, {} reused, {:?}",
                                    snapshot.version,
                                    found.len(),
                                    cache.last_run.0,
                                    cache.last_run.1,
                                    started.elapsed()
                                );
                                found
                            }
                            Err(_) => analysis.diagnostics(&snapshot.doc),
                        };
                        let diagnostics = found
                            .iter()
                            .map(|d| to_proto::diagnostic(&target, &snapshot.rope, encoding, d))
                            .collect::<Vec<_>>();
                        (diagnostics, snapshot)
                    })
                    .await;
                    // Publish only what matches the text the client has now.
                    if let Ok((diagnostics, snapshot)) = computed
                        && state.version(&uri) == Some(version)
                    {
                        client
                            .publish_diagnostics(uri.clone(), diagnostics, Some(version))
                            .await;
                        // A glossary typed in this document applies to hover and completion
                        // at once, and to the other files' mentions after a re-index.
                        let indexing = state.clone();
                        let glossary_changed = run_blocking(move || {
                            let Some(path) = snapshot.doc.path.as_deref().map(PathBuf::from) else {
                                return false;
                            };
                            let base = indexing.projects().resolve_base(Some(&path)).analysis;
                            let mut probe = FileIndex::default();
                            workspace::index_glossary(
                                &base,
                                &snapshot.doc,
                                &snapshot.rope,
                                indexing.encoding(),
                                &mut probe,
                            );
                            !indexing.workspace.same_glossary(&path, &probe.glossary)
                                && indexing.index_doc(
                                    &snapshot.doc,
                                    &snapshot.rope,
                                    Some(snapshot.version),
                                )
                        })
                        .await;
                        if glossary_changed == Ok(true) {
                            schedule_rescan(&state);
                        }
                    }
                }
                pending.running.store(false, Ordering::Release);
                if !pending.dirty.load(Ordering::Acquire)
                    || pending.running.swap(true, Ordering::AcqRel)
                {
                    break;
                }
            }
        });
    }

    /// Asks the client for the `tradeoff` section of its settings, when it can answer.
    async fn pull_settings(&self) {
        if !self.state.pull_configuration.load(Ordering::Relaxed) {
            return;
        }
        let item = lsp::ConfigurationItem {
            scope_uri: None,
            section: Some("tradeoff".into()),
        };
        match self.client.configuration(vec![item]).await {
            // A null answer means the client has no such section: keep what we have.
            Ok(values) => match values.into_iter().next() {
                Some(value) if !value.is_null() => {
                    self.apply_settings(&serde_json::json!({ "tradeoff": value }))
                        .await;
                }
                _ => {}
            },
            Err(err) => tracing::warn!("workspace/configuration failed: {err}"),
        }
    }

    /// Applies settings, rebuilds the knowledge and re-analyses open documents.
    async fn apply_settings(&self, value: &serde_json::Value) {
        let (settings, messages) = Settings::from_json(value);
        if let Ok(mut it) = self.state.settings.write() {
            *it = settings;
        }
        let state = self.state.clone();
        let Ok(resolved) = run_blocking(move || state.reload()).await else {
            return;
        };
        for message in messages {
            self.client
                .show_message(lsp::MessageType::WARNING, format!("tradeoff: {message}"))
                .await;
        }
        report_problems(
            &self.state,
            &self.client,
            "settings".into(),
            resolved.problems,
            None,
        )
        .await;
        let uris: Vec<lsp::Uri> = self.state.docs.iter().map(|it| it.key().clone()).collect();
        for uri in uris {
            self.schedule_diagnostics(uri);
        }
        // Other knowledge can name other concepts: find the mentions again.
        schedule_rescan(&self.state);
    }
}

impl Backend {
    /// Runs `f` on a snapshot of the document on a blocking thread. When the document
    /// changed meanwhile the client gets ContentModified, so nothing computed on old text
    /// (a hover range, a quick fix's edits) is ever applied to new text.
    async fn on_snapshot<T: Send + 'static>(
        &self,
        uri: &lsp::Uri,
        f: impl FnOnce(&ide::Analysis, &Snapshot, Encoding) -> Option<T> + Send + 'static,
    ) -> Result<Option<T>> {
        let Some(snapshot) = self.state.snapshot(uri) else {
            return Ok(None);
        };
        let analysis = self.state.resolve(&snapshot).analysis;
        let encoding = self.state.encoding();
        let version = snapshot.version;
        let res = run_blocking(move || f(&analysis, &snapshot, encoding)).await;
        self.state.still_current(uri, version, res)
    }

    /// [`Backend::on_snapshot`] with the request's position as a byte offset.
    async fn at_position<T: Send + 'static>(
        &self,
        position: lsp::TextDocumentPositionParams,
        f: impl FnOnce(&ide::Analysis, &Snapshot, usize, Encoding) -> Option<T> + Send + 'static,
    ) -> Result<Option<T>> {
        let at = position.position;
        self.on_snapshot(
            &position.text_document.uri,
            move |analysis, snapshot, encoding| {
                let offset = line_index::offset(&snapshot.rope, at, encoding);
                f(analysis, snapshot, offset, encoding)
            },
        )
        .await
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: lsp::InitializeParams) -> Result<lsp::InitializeResult> {
        let offered = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref());
        let utf8 = offered.is_some_and(|it| it.contains(&lsp::PositionEncodingKind::UTF8));
        self.state.encoding.store(u8::from(utf8), Ordering::Relaxed);
        let pull = params
            .capabilities
            .text_document
            .as_ref()
            .is_some_and(|t| t.diagnostic.is_some());
        self.state.pull_diagnostics.store(pull, Ordering::Relaxed);
        let configuration = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.configuration)
            .unwrap_or(false);
        self.state
            .pull_configuration
            .store(configuration, Ordering::Relaxed);
        let watch = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        self.state.watch_files.store(watch, Ordering::Relaxed);
        let item_caps = params
            .capabilities
            .text_document
            .as_ref()
            .and_then(|t| t.completion.as_ref())
            .and_then(|c| c.completion_item.as_ref());
        let caps = to_proto::CompletionCaps {
            snippets: item_caps.and_then(|i| i.snippet_support).unwrap_or(false),
            resolve_documentation: item_caps
                .and_then(|i| i.resolve_support.as_ref())
                .is_some_and(|r| r.properties.iter().any(|p| p == "documentation")),
        };
        if let Ok(mut it) = self.state.completion_caps.write() {
            *it = caps;
        }
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
            .collect();
        #[allow(deprecated)]
        if roots.is_empty()
            && let Some(path) = params.root_uri.as_ref().and_then(|u| u.to_file_path())
        {
            roots.push(path.into_owned());
        }
        if let Ok(mut it) = self.state.roots.write() {
            *it = roots;
        }
        // Settings are stored now; the knowledge is built after the answer (`initialized`)
        // or at the first request, whichever comes first.
        let options = params.initialization_options.unwrap_or_default();
        let (settings, messages) = Settings::from_json(&options);
        if let Ok(mut it) = self.state.settings.write() {
            *it = settings;
        }
        if let Ok(mut pending) = self.state.pending_messages.lock() {
            *pending = messages;
        }

        let capabilities = lsp::ServerCapabilities {
            position_encoding: Some(if utf8 {
                lsp::PositionEncodingKind::UTF8
            } else {
                lsp::PositionEncodingKind::UTF16
            }),
            text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
                lsp::TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                    ..Default::default()
                },
            )),
            hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
            code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
                lsp::CodeActionOptions {
                    code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                    ..Default::default()
                },
            )),
            diagnostic_provider: pull.then(|| {
                lsp::DiagnosticServerCapabilities::Options(lsp::DiagnosticOptions {
                    identifier: Some("tradeoff".into()),
                    inter_file_dependencies: false,
                    workspace_diagnostics: false,
                    ..Default::default()
                })
            }),
            completion_provider: Some(lsp::CompletionOptions {
                resolve_provider: Some(true),
                ..Default::default()
            }),
            definition_provider: Some(lsp::OneOf::Left(true)),
            references_provider: Some(lsp::OneOf::Left(true)),
            document_symbol_provider: Some(lsp::OneOf::Left(true)),
            workspace_symbol_provider: Some(lsp::OneOf::Left(true)),
            document_link_provider: Some(lsp::DocumentLinkOptions {
                resolve_provider: Some(false),
                work_done_progress_options: Default::default(),
            }),
            inlay_hint_provider: Some(lsp::OneOf::Left(true)),
            semantic_tokens_provider: Some(
                lsp::SemanticTokensServerCapabilities::SemanticTokensOptions(
                    lsp::SemanticTokensOptions {
                        legend: to_proto::semantic_legend(),
                        range: Some(true),
                        full: Some(lsp::SemanticTokensFullOptions::Bool(true)),
                        ..Default::default()
                    },
                ),
            ),
            workspace: Some(lsp::WorkspaceServerCapabilities {
                workspace_folders: Some(lsp::WorkspaceFoldersServerCapabilities {
                    supported: Some(true),
                    change_notifications: Some(lsp::OneOf::Left(true)),
                }),
                file_operations: None,
            }),
            ..Default::default()
        };
        Ok(lsp::InitializeResult {
            capabilities,
            server_info: Some(lsp::ServerInfo {
                name: "tradeoff".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            ..Default::default()
        })
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: lsp::DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let path = path_of(&doc.uri);
        let state = DocState::new(&doc.text, doc.version, path);
        self.state.docs.insert(
            doc.uri.clone(),
            OpenDoc {
                state,
                pending: Arc::default(),
                cache: Arc::default(),
                terms: Arc::default(),
            },
        );
        self.schedule_diagnostics(doc.uri);
    }

    async fn did_change(&self, params: lsp::DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let encoding = self.state.encoding();
        let applied = match self.state.docs.get_mut(&uri) {
            Some(mut doc) => {
                let changes = params.content_changes;
                let version = params.text_document.version;
                let started = std::time::Instant::now();
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    doc.state.apply_changes(changes, version, encoding);
                }));
                tracing::debug!(
                    "version {version} applied and reparsed in {:?}",
                    started.elapsed()
                );
                result.is_ok()
            }
            None => {
                tracing::warn!("didChange for {} which is not open; ignored", uri.as_str());
                return;
            }
        };
        if !applied {
            // The copy may no longer match the client's text: forget it rather than lie.
            tracing::error!(
                "applying a change to {} failed; closing our copy",
                uri.as_str()
            );
            self.state.docs.remove(&uri);
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
            return;
        }
        self.schedule_diagnostics(uri);
    }

    async fn did_close(&self, params: lsp::DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.state.docs.remove(&uri);
        self.client
            .publish_diagnostics(uri.clone(), Vec::new(), None)
            .await;
        // The editor's copy is gone: the file on disk is what the workspace says now.
        if let Some(path) = uri.to_file_path().map(|p| p.into_owned()) {
            let state = self.state.clone();
            if run_blocking(move || state.index_file(&path)).await == Ok(true) {
                schedule_rescan(&self.state);
            }
        }
    }

    async fn did_save(&self, _: lsp::DidSaveTextDocumentParams) {}

    async fn did_change_watched_files(&self, params: lsp::DidChangeWatchedFilesParams) {
        // Queued at once, so that a query that arrives next sees them.
        if let Ok(mut queue) = self.state.changed_files.lock() {
            for event in params.changes {
                if let Some(path) = event.uri.to_file_path() {
                    queue.push((path.into_owned(), event.typ == lsp::FileChangeType::DELETED));
                }
            }
        }
        let state = self.state.clone();
        if run_blocking(move || state.index_changed_files()).await == Ok(true) {
            schedule_rescan(&self.state);
        }
    }

    async fn initialized(&self, _: lsp::InitializedParams) {
        // What initialize found: messages about the settings and problems with knowledge.
        let messages = self
            .state
            .pending_messages
            .lock()
            .map(|mut it| std::mem::take(&mut *it))
            .unwrap_or_default();
        for message in messages {
            self.client
                .show_message(lsp::MessageType::WARNING, format!("tradeoff: {message}"))
                .await;
        }
        // Build the knowledge now, after initialize has been answered.
        let state = self.state.clone();
        if let Ok(problems) =
            run_blocking(move || state.projects().default_resolved().problems.clone()).await
        {
            report_problems(&self.state, &self.client, "settings".into(), problems, None).await;
        }
        self.pull_settings().await;
        if self.state.watch_files.load(Ordering::Relaxed) {
            let watchers = serde_json::json!({
                "watchers": [{ "globPattern": "**/*.{md,markdown}" }]
            });
            let registration = lsp::Registration {
                id: "tradeoff-markdown-files".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: Some(watchers),
            };
            if let Err(err) = self.client.register_capability(vec![registration]).await {
                tracing::warn!("could not watch markdown files: {err}");
            }
        }
        schedule_rescan(&self.state);
    }

    async fn did_change_configuration(&self, params: lsp::DidChangeConfigurationParams) {
        // Clients that use the pull model send an empty notification: ask them.
        let empty =
            params.settings.is_null() || params.settings.as_object().is_some_and(|o| o.is_empty());
        if empty && self.state.pull_configuration.load(Ordering::Relaxed) {
            self.pull_settings().await;
        } else {
            self.apply_settings(&params.settings).await;
        }
    }

    async fn did_change_workspace_folders(&self, params: lsp::DidChangeWorkspaceFoldersParams) {
        if let Ok(mut roots) = self.state.roots.write() {
            for removed in params.event.removed {
                if let Some(path) = removed.uri.to_file_path() {
                    roots.retain(|r| r.as_path() != path.as_ref());
                }
            }
            for added in params.event.added {
                if let Some(path) = added.uri.to_file_path() {
                    roots.push(path.into_owned());
                }
            }
        }
    }

    async fn hover(&self, params: lsp::HoverParams) -> Result<Option<lsp::Hover>> {
        let state = self.state.clone();
        self.at_position(
            params.text_document_position_params,
            move |analysis, snapshot, offset, encoding| {
                let mut hover = analysis.hover(&snapshot.doc, offset)?;
                let kb = analysis.knowledge();
                let ids: Vec<&str> = hover.entries.iter().map(|&e| &*kb.entry(e).id).collect();
                let current = snapshot.doc.path.as_deref().map(Path::new);
                if let Some(more) = state.discussed_in(&ids, current) {
                    hover.markdown = format!("{}\n\n{more}", hover.markdown.trim_end());
                }
                Some(to_proto::hover(&snapshot.rope, encoding, hover))
            },
        )
        .await
    }

    async fn completion(
        &self,
        params: lsp::CompletionParams,
    ) -> Result<Option<lsp::CompletionResponse>> {
        let caps = self
            .state
            .completion_caps
            .read()
            .map(|c| *c)
            .unwrap_or_default();
        let uri = params.text_document_position.text_document.uri.clone();
        self.at_position(
            params.text_document_position,
            move |analysis, snapshot, offset, encoding| {
                let res = analysis.completions(&snapshot.doc, offset);
                Some(to_proto::completions(
                    &snapshot.rope,
                    encoding,
                    res,
                    caps,
                    &uri,
                    analysis,
                ))
            },
        )
        .await
    }

    async fn completion_resolve(
        &self,
        mut item: lsp::CompletionItem,
    ) -> Result<lsp::CompletionItem> {
        let data = item.data.take().unwrap_or_default();
        let entry = data.get("entry").and_then(|v| v.as_str());
        let uri = data
            .get("uri")
            .and_then(|v| v.as_str())
            .and_then(|u| u.parse::<lsp::Uri>().ok());
        if let Some(entry) = entry {
            let path = uri
                .as_ref()
                .and_then(|u| u.to_file_path())
                .map(|p| p.into_owned());
            let analysis = self.state.projects().resolve(path.as_deref()).analysis;
            if let Some(value) = analysis.entry_markdown(entry) {
                item.documentation = Some(lsp::Documentation::MarkupContent(lsp::MarkupContent {
                    kind: lsp::MarkupKind::Markdown,
                    value,
                }));
            }
        }
        Ok(item)
    }

    async fn goto_definition(
        &self,
        params: lsp::GotoDefinitionParams,
    ) -> Result<Option<lsp::GotoDefinitionResponse>> {
        let state = self.state.clone();
        self.at_position(
            params.text_document_position_params,
            move |analysis, snapshot, offset, _| {
                let term = analysis.term_at(&snapshot.doc, offset)?;
                let kb = analysis.knowledge();
                let locations: Vec<lsp::Location> = term
                    .entries
                    .iter()
                    .filter_map(|&e| state.entry_location(kb.entry(e)))
                    .collect();
                (!locations.is_empty()).then_some(lsp::GotoDefinitionResponse::Array(locations))
            },
        )
        .await
    }

    async fn references(&self, params: lsp::ReferenceParams) -> Result<Option<Vec<lsp::Location>>> {
        let state = self.state.clone();
        let declaration = params.context.include_declaration;
        self.at_position(
            params.text_document_position,
            move |analysis, snapshot, offset, _| {
                let term = analysis.term_at(&snapshot.doc, offset)?;
                state.index_for_query();
                let kb = analysis.knowledge();
                let entries: Vec<&knowledge::Entry> =
                    term.entries.iter().map(|&e| kb.entry(e)).collect();
                let ids: Vec<&str> = entries.iter().map(|e| &*e.id).collect();
                // The definitions in the workspace: listed first when asked for, left out
                // otherwise (a glossary's term is also a mention of itself).
                let declarations: Vec<lsp::Location> = entries
                    .iter()
                    .filter(|e| e.origin != knowledge::Origin::Bundled)
                    .filter_map(|e| state.entry_location(e))
                    .collect();
                let mut res: Vec<lsp::Location> = Vec::new();
                if declaration {
                    res.extend(declarations.iter().cloned());
                }
                for (path, ranges) in state.workspace.mentions(&ids) {
                    let Some(uri) = lsp::Uri::from_file_path(&path) else {
                        continue;
                    };
                    for range in ranges {
                        let location = lsp::Location {
                            uri: uri.clone(),
                            range,
                        };
                        if !res.contains(&location) && !declarations.contains(&location) {
                            res.push(location);
                        }
                    }
                }
                Some(res)
            },
        )
        .await
    }

    async fn document_symbol(
        &self,
        params: lsp::DocumentSymbolParams,
    ) -> Result<Option<lsp::DocumentSymbolResponse>> {
        self.on_snapshot(&params.text_document.uri, |analysis, snapshot, encoding| {
            let outline = analysis.outline(&snapshot.doc);
            let symbols = to_proto::document_symbols(&snapshot.rope, encoding, outline);
            Some(lsp::DocumentSymbolResponse::Nested(symbols))
        })
        .await
    }

    async fn symbol(
        &self,
        params: lsp::WorkspaceSymbolParams,
    ) -> Result<Option<lsp::WorkspaceSymbolResponse>> {
        const LIMIT: usize = 100;
        let state = self.state.clone();
        let query = params.query;
        let symbols = run_blocking(move || {
            state.index_for_query();
            let analysis = state.projects().resolve(None).analysis;
            let mut res: Vec<lsp::WorkspaceSymbol> = Vec::new();
            for entry in analysis.search(&query, LIMIT) {
                let Some(location) = state.entry_location(entry) else {
                    continue;
                };
                let kind = if entry.origin == knowledge::Origin::Glossary {
                    lsp::SymbolKind::KEY
                } else {
                    lsp::SymbolKind::CONSTANT
                };
                res.push(workspace_symbol(
                    entry.term.to_string(),
                    kind,
                    entry.category.to_string(),
                    location,
                ));
            }
            let roots = state.roots.read().map(|r| r.clone()).unwrap_or_default();
            for (path, title, range) in state.workspace.headings(&query, LIMIT) {
                let Some(uri) = lsp::Uri::from_file_path(&path) else {
                    continue;
                };
                let container = workspace::display_path(&path, &roots);
                let location = lsp::Location { uri, range };
                res.push(workspace_symbol(
                    title,
                    lsp::SymbolKind::STRING,
                    container,
                    location,
                ));
            }
            res
        })
        .await?;
        Ok(Some(lsp::WorkspaceSymbolResponse::Nested(symbols)))
    }

    async fn semantic_tokens_full(
        &self,
        params: lsp::SemanticTokensParams,
    ) -> Result<Option<lsp::SemanticTokensResult>> {
        let uri = &params.text_document.uri;
        let cache = self.state.docs.get(uri).map(|doc| doc.terms.clone());
        self.on_snapshot(uri, move |analysis, snapshot, encoding| {
            let terms = match cache.as_ref().and_then(|c| c.lock().ok()) {
                Some(mut cache) => analysis.all_terms(&snapshot.doc, &mut cache),
                None => analysis.terms(&snapshot.doc, 0..snapshot.doc.text.len()),
            };
            let tokens = to_proto::semantic_tokens(&snapshot.rope, encoding, analysis, terms);
            Some(lsp::SemanticTokensResult::Tokens(tokens))
        })
        .await
    }

    async fn semantic_tokens_range(
        &self,
        params: lsp::SemanticTokensRangeParams,
    ) -> Result<Option<lsp::SemanticTokensRangeResult>> {
        let range = params.range;
        self.on_snapshot(
            &params.text_document.uri,
            move |analysis, snapshot, encoding| {
                let std::ops::Range { start, end } =
                    line_index::offsets(&snapshot.rope, range, encoding);
                let terms: Vec<ide::TermSpan> = analysis
                    .terms(&snapshot.doc, start..end)
                    .into_iter()
                    .filter(|t| t.range.end > start && t.range.start < end)
                    .collect();
                let tokens = to_proto::semantic_tokens(&snapshot.rope, encoding, analysis, terms);
                Some(lsp::SemanticTokensRangeResult::Tokens(tokens))
            },
        )
        .await
    }

    async fn inlay_hint(
        &self,
        params: lsp::InlayHintParams,
    ) -> Result<Option<Vec<lsp::InlayHint>>> {
        let range = params.range;
        self.on_snapshot(
            &params.text_document.uri,
            move |analysis, snapshot, encoding| {
                let hints = analysis
                    .inlay_hints(
                        &snapshot.doc,
                        line_index::offsets(&snapshot.rope, range, encoding),
                    )
                    .into_iter()
                    .map(|h| lsp::InlayHint {
                        position: line_index::position(&snapshot.rope, h.offset, encoding),
                        label: lsp::InlayHintLabel::String(h.label),
                        kind: None,
                        text_edits: None,
                        tooltip: Some(lsp::InlayHintTooltip::String(
                            "Downtime a year this availability allows (365.25-day year)".into(),
                        )),
                        padding_left: Some(true),
                        padding_right: None,
                        data: None,
                    })
                    .collect();
                Some(hints)
            },
        )
        .await
    }

    async fn document_link(
        &self,
        params: lsp::DocumentLinkParams,
    ) -> Result<Option<Vec<lsp::DocumentLink>>> {
        let state = self.state.clone();
        self.on_snapshot(
            &params.text_document.uri,
            move |analysis, snapshot, encoding| {
                let kb = analysis.knowledge();
                let links = analysis
                    .entry_links(&snapshot.doc)
                    .into_iter()
                    .filter_map(|(range, id)| {
                        let entry = kb.by_id(&id)?;
                        let target = state.entry_location(entry)?.uri;
                        Some(lsp::DocumentLink {
                            range: line_index::range(&snapshot.rope, range, encoding),
                            target: Some(target),
                            tooltip: Some(entry.term.to_string()),
                            data: None,
                        })
                    })
                    .collect();
                Some(links)
            },
        )
        .await
    }

    async fn diagnostic(
        &self,
        params: lsp::DocumentDiagnosticParams,
    ) -> Result<lsp::DocumentDiagnosticReportResult> {
        let items = match self.state.snapshot(&params.text_document.uri) {
            None => Vec::new(),
            Some(snapshot) => {
                let resolved = self.state.resolve(&snapshot);
                report_config(&self.state, &self.client, &resolved).await;
                let analysis = resolved.analysis;
                let encoding = self.state.encoding();
                let uri = params.text_document.uri.clone();
                run_blocking(move || {
                    let found = analysis.diagnostics(&snapshot.doc);
                    found
                        .iter()
                        .map(|d| to_proto::diagnostic(&uri, &snapshot.rope, encoding, d))
                        .collect()
                })
                .await?
            }
        };
        Ok(lsp::DocumentDiagnosticReportResult::Report(
            lsp::DocumentDiagnosticReport::Full(lsp::RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport {
                    result_id: None,
                    items,
                },
            }),
        ))
    }

    async fn code_action(
        &self,
        params: lsp::CodeActionParams,
    ) -> Result<Option<lsp::CodeActionResponse>> {
        let uri = params.text_document.uri;
        let range = params.range;
        let doc_uri = uri.clone();
        self.on_snapshot(&uri, move |analysis, snapshot, encoding| {
            let assists = analysis.assists(
                &snapshot.doc,
                line_index::offsets(&snapshot.rope, range, encoding),
            );
            let actions = assists
                .into_iter()
                .map(|a| {
                    lsp::CodeActionOrCommand::CodeAction(to_proto::code_action(
                        &snapshot.rope,
                        encoding,
                        &doc_uri,
                        a,
                    ))
                })
                .collect();
            Some(actions)
        })
        .await
    }
}
