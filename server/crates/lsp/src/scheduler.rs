//! Diagnostics scheduling: one path for clients that take pushed diagnostics and clients
//! that pull them (`textDocument/diagnostic`).
//!
//! Every open document has a [`DocDiagnostics`]: the per-chunk [`ide::DiagnosticsCache`],
//! a [`Coalesce`] that keeps one analysis running at a time, and the last result. Each
//! edit schedules an analysis (see [`schedule`]); when it is done the result is published
//! (push) or kept for the next pull, and the glossary the document defines is re-indexed
//! either way. A pull ([`pull`]) answers from the result of the version the client has,
//! `unchanged` when its `previousResultId` names that result, and waits for the analysis
//! in progress rather than starting another.
//!
//! [`Coalesce`] is also what re-indexes the workspace (`workspace::schedule_rescan`).

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::watch;
use tower_lsp_server::Client;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;

use crate::reports::report_config;
use crate::state::{ServerState, run_blocking};
use crate::to_proto;
use crate::workspace::{self, FileIndex, schedule_rescan};

/// How long a pull waits for an analysis before it gives up with an error (the client
/// asks again); only a bug makes an analysis take that long.
const PULL_WAIT: Duration = Duration::from_secs(30);

/// Coalesces runs of one job: one runs at a time; requests during a run cause exactly one
/// more run, which starts when the current one ends and sees everything requested before
/// it started. A lone request waits for nothing.
#[derive(Default)]
pub(crate) struct Coalesce {
    running: AtomicBool,
    dirty: AtomicBool,
}

impl Coalesce {
    /// Runs `run` on the runtime now, or once more after the run in progress.
    pub(crate) fn request<F, Fut>(self: &Arc<Self>, mut run: F)
    where
        F: FnMut() -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        if self.running.swap(true, Ordering::AcqRel) {
            self.dirty.store(true, Ordering::Release);
            return;
        }
        let this = self.clone();
        tokio::spawn(async move {
            loop {
                this.dirty.store(false, Ordering::Release);
                // A task of its own: a panic in one run is reported, not a stuck `running`.
                if let Err(err) = tokio::spawn(run()).await {
                    tracing::error!("a scheduled job failed: {err}");
                }
                this.running.store(false, Ordering::Release);
                if !this.dirty.load(Ordering::Acquire) || this.running.swap(true, Ordering::AcqRel)
                {
                    break;
                }
            }
        });
    }

    /// True while a run is in progress or about to start.
    pub(crate) fn is_running(&self) -> bool {
        self.running.load(Ordering::Acquire)
    }
}

/// The result of one analysis of one version of a document.
pub(crate) struct Analysed {
    /// The version analysed.
    pub version: i32,
    /// Unique per analysis (also across settings changes on the same version).
    pub result_id: String,
    /// The findings; kept only for clients that pull them.
    pub items: Arc<Vec<lsp::Diagnostic>>,
}

/// The diagnostics state of one open document.
pub(crate) struct DocDiagnostics {
    coalesce: Arc<Coalesce>,
    /// The block findings of the last run, so the next re-analyses only the blocks an
    /// edit touched.
    cache: Arc<Mutex<ide::DiagnosticsCache>>,
    /// The last result, watched by pulls waiting for it.
    result: watch::Sender<Option<Arc<Analysed>>>,
}

impl Default for DocDiagnostics {
    fn default() -> Self {
        DocDiagnostics {
            coalesce: Arc::default(),
            cache: Arc::default(),
            result: watch::Sender::new(None),
        }
    }
}

impl DocDiagnostics {
    /// Forgets the last result, so that a pull waits for the next analysis (new
    /// settings or knowledge).
    pub(crate) fn invalidate(&self) {
        self.result.send_replace(None);
    }
}

fn next_result_id() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed).to_string()
}

/// Schedules an analysis of `uri`'s newest text, coalesced with the one in progress.
pub(crate) fn schedule(state: &Arc<ServerState>, client: &Client, uri: lsp::Uri) {
    let Some(diagnostics) = state.docs.get(&uri).map(|doc| doc.diagnostics.clone()) else {
        return;
    };
    let state = state.clone();
    let client = client.clone();
    let coalesce = diagnostics.coalesce.clone();
    coalesce.request(move || {
        let (state, client, uri, diagnostics) = (
            state.clone(),
            client.clone(),
            uri.clone(),
            diagnostics.clone(),
        );
        async move { analyse(state, client, uri, diagnostics).await }
    });
}

/// One run: analyse the newest snapshot with the cache, then publish or keep the result,
/// then re-index the glossary the document defines.
async fn analyse(
    state: Arc<ServerState>,
    client: Client,
    uri: lsp::Uri,
    diagnostics: Arc<DocDiagnostics>,
) {
    let started = std::time::Instant::now();
    let Some(snapshot) = state.snapshot(&uri) else {
        return;
    };
    // Resolving looks for a `tradeoff.toml` on disk: not on the async runtime.
    let (resolver, path) = (state.clone(), snapshot.doc.path.clone());
    let resolving = move || resolver.projects().resolve(path.as_deref().map(Path::new));
    let Ok(resolved) = run_blocking(resolving).await else {
        return;
    };
    report_config(&state, &client, &resolved).await;
    let resolved_in = started.elapsed();
    let analysis = resolved.analysis;
    let encoding = state.encoding();
    let version = snapshot.version;
    let cache = diagnostics.cache.clone();
    let foreground = state.clone();
    let target = uri.clone();
    let computed = run_blocking(move || {
        let _first = foreground.foreground();
        let started = std::time::Instant::now();
        let found = match cache.lock() {
            Ok(mut cache) => {
                let found = analysis.diagnostics_cached(&snapshot.doc, &mut cache);
                tracing::debug!(
                    "diagnostics of version {}: {} findings, {} blocks analysed, {} reused, {:?}",
                    snapshot.version,
                    found.len(),
                    cache.last_run.analysed,
                    cache.last_run.reused,
                    started.elapsed()
                );
                found
            }
            Err(_) => analysis.diagnostics(&snapshot.doc),
        };
        let analysed_in = started.elapsed();
        let items = found
            .iter()
            .map(|d| to_proto::diagnostic(&target, &snapshot.rope, encoding, d))
            .collect::<Vec<_>>();
        tracing::debug!(
            "version {}: analysed in {analysed_in:?}, converted in {:?}",
            snapshot.version,
            started.elapsed() - analysed_in
        );
        (items, snapshot)
    })
    .await;
    // Only what matches the text the client has now: a newer run follows otherwise.
    if state.version(&uri) != Some(version) {
        return;
    }
    let pull = state.caps().pull_diagnostics;
    let (items, snapshot) = match computed {
        Ok(it) => it,
        Err(_) => {
            // The analysis failed (logged): answer pulls with nothing rather than hang.
            diagnostics.result.send_replace(Some(Arc::new(Analysed {
                version,
                result_id: next_result_id(),
                items: Arc::default(),
            })));
            return;
        }
    };
    let result_id = next_result_id();
    if pull {
        diagnostics.result.send_replace(Some(Arc::new(Analysed {
            version,
            result_id,
            items: Arc::new(items),
        })));
    } else {
        diagnostics.result.send_replace(Some(Arc::new(Analysed {
            version,
            result_id,
            items: Arc::default(),
        })));
        let sending = std::time::Instant::now();
        client
            .publish_diagnostics(uri.clone(), items, Some(version))
            .await;
        tracing::debug!(
            "version {version}: published {:?} after the run started (knowledge and settings \
             {resolved_in:?}, sending {:?})",
            started.elapsed(),
            sending.elapsed()
        );
    }
    reindex_glossary(&state, snapshot).await;
}

/// A glossary typed in this document applies to hover and completion at once, and to
/// the other files' mentions after a re-index of the workspace.
async fn reindex_glossary(state: &Arc<ServerState>, snapshot: crate::document::Snapshot) {
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
            && indexing.index_doc(&snapshot.doc, &snapshot.rope, Some(snapshot.version))
    })
    .await;
    if glossary_changed == Ok(true) {
        schedule_rescan(state);
    }
}

/// Answers `textDocument/diagnostic`: from the result of the version the client has,
/// waiting for the analysis in progress when there is none yet.
pub(crate) async fn pull(
    state: &Arc<ServerState>,
    client: &Client,
    params: lsp::DocumentDiagnosticParams,
) -> Result<lsp::DocumentDiagnosticReportResult> {
    let uri = params.text_document.uri;
    let previous = params.previous_result_id;
    let Some(mut results) = state
        .docs
        .get(&uri)
        .map(|doc| doc.diagnostics.result.subscribe())
    else {
        return Ok(full(None, Vec::new()));
    };
    let deadline = tokio::time::Instant::now() + PULL_WAIT;
    let mut scheduled = false;
    loop {
        let Some(version) = state.version(&uri) else {
            return Ok(full(None, Vec::new()));
        };
        let last = results.borrow_and_update().clone();
        if let Some(last) = last.filter(|it| it.version == version) {
            if previous.as_deref() == Some(&*last.result_id) {
                return Ok(lsp::DocumentDiagnosticReportResult::Report(
                    lsp::DocumentDiagnosticReport::Unchanged(
                        lsp::RelatedUnchangedDocumentDiagnosticReport {
                            related_documents: None,
                            unchanged_document_diagnostic_report:
                                lsp::UnchangedDocumentDiagnosticReport {
                                    result_id: last.result_id.clone(),
                                },
                        },
                    ),
                ));
            }
            return Ok(full(Some(last.result_id.clone()), (*last.items).clone()));
        }
        // Every edit schedules a run, so one is normally in progress; start one if not
        // (after new settings, or a client that pulls before anything ran).
        let in_progress = state
            .docs
            .get(&uri)
            .is_some_and(|doc| doc.diagnostics.coalesce.is_running());
        if !in_progress && !scheduled {
            schedule(state, client, uri.clone());
            scheduled = true;
        }
        match tokio::time::timeout_at(deadline, results.changed()).await {
            Ok(Ok(())) => {}
            // The document was closed.
            Ok(Err(_)) => return Ok(full(None, Vec::new())),
            Err(_) => {
                tracing::error!("no diagnostics for {} after {PULL_WAIT:?}", uri.as_str());
                return Err(tower_lsp_server::jsonrpc::Error::content_modified());
            }
        }
    }
}

fn full(
    result_id: Option<String>,
    items: Vec<lsp::Diagnostic>,
) -> lsp::DocumentDiagnosticReportResult {
    lsp::DocumentDiagnosticReportResult::Report(lsp::DocumentDiagnosticReport::Full(
        lsp::RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport { result_id, items },
        },
    ))
}
