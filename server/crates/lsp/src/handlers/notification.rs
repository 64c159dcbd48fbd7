//! One function per LSP notification. Edits apply here, synchronously and in arrival
//! order; the work they cause (diagnostics, re-indexing) is scheduled, not awaited.

use std::sync::Arc;

use tower_lsp_server::Client;
use tower_lsp_server::ls_types as lsp;

use crate::config::Settings;
use crate::document::DocState;
use crate::reports::report_problems;
use crate::scheduler;
use crate::state::{OpenDoc, ServerState, path_of, release_freed_memory, run_blocking};
use crate::workspace::{ChangedFile, schedule_rescan};

/// `initialized`: shows what `initialize` found, builds the knowledge, asks for the
/// settings, watches markdown files and starts the first scan of the workspace.
pub(crate) async fn initialized(state: &Arc<ServerState>, client: &Client) {
    // What initialize found: messages about the settings and problems with knowledge.
    let messages = state
        .pending_messages
        .lock()
        .map(|mut it| std::mem::take(&mut *it))
        .unwrap_or_default();
    for message in messages {
        client
            .show_message(lsp::MessageType::WARNING, format!("tradeoff: {message}"))
            .await;
    }
    // Build the knowledge now, after initialize has been answered.
    let building = state.clone();
    if let Ok(problems) =
        run_blocking(move || building.projects().default_resolved().problems.clone()).await
    {
        report_problems(state, client, "settings".into(), problems, None).await;
    }
    pull_settings(state, client).await;
    if state.caps().watch_files {
        let watchers = serde_json::json!({
            "watchers": [{ "globPattern": "**/*.{md,markdown}" }]
        });
        let registration = lsp::Registration {
            id: "tradeoff-markdown-files".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: Some(watchers),
        };
        if let Err(err) = client.register_capability(vec![registration]).await {
            tracing::warn!("could not watch markdown files: {err}");
        }
    }
    schedule_rescan(state);
}

/// `textDocument/didOpen`: parses the document and schedules its diagnostics.
pub(crate) fn did_open(
    state: &Arc<ServerState>,
    client: &Client,
    params: lsp::DidOpenTextDocumentParams,
) {
    let doc = params.text_document;
    let path = path_of(&doc.uri);
    let started = std::time::Instant::now();
    let doc_state = {
        let _first = state.foreground();
        DocState::new(&doc.text, doc.version, path)
    };
    tracing::debug!(
        "opened {} ({} bytes, {} chunks) in {:?}",
        doc.uri.as_str(),
        doc.text.len(),
        doc_state.tree.chunk_count(),
        started.elapsed()
    );
    state.docs.insert(doc.uri.clone(), OpenDoc::new(doc_state));
    scheduler::schedule(state, client, doc.uri);
}

/// `textDocument/didChange`: applies the edits to the rope and the tree, then schedules
/// diagnostics. A change that fails to apply closes our copy rather than lie about it.
pub(crate) async fn did_change(
    state: &Arc<ServerState>,
    client: &Client,
    params: lsp::DidChangeTextDocumentParams,
) {
    let uri = params.text_document.uri;
    let encoding = state.encoding();
    let applied = match state.docs.get_mut(&uri) {
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
        state.docs.remove(&uri);
        client.publish_diagnostics(uri, Vec::new(), None).await;
        return;
    }
    scheduler::schedule(state, client, uri);
}

/// `textDocument/didClose`: forgets the document and indexes the file as it is on disk.
pub(crate) async fn did_close(
    state: &Arc<ServerState>,
    client: &Client,
    params: lsp::DidCloseTextDocumentParams,
) {
    let uri = params.text_document.uri;
    state.docs.remove(&uri);
    client
        .publish_diagnostics(uri.clone(), Vec::new(), None)
        .await;
    // The editor's copy is gone: the file on disk is what the workspace says now (and a
    // file outside the workspace folders is forgotten).
    if let Some(path) = uri.to_file_path().map(|p| p.into_owned()) {
        let indexing = state.clone();
        let changed = run_blocking(move || {
            let changed = if indexing.in_workspace(&path) {
                indexing.index_file(&path)
            } else {
                indexing.forget_file(&path)
            };
            release_freed_memory();
            changed
        })
        .await;
        if changed == Ok(true) {
            schedule_rescan(state);
        }
    }
}

/// `workspace/didChangeWatchedFiles`: queues the files, then indexes them.
pub(crate) async fn did_change_watched_files(
    state: &Arc<ServerState>,
    params: lsp::DidChangeWatchedFilesParams,
) {
    // Queued at once, so that a query that arrives next sees them.
    if let Ok(mut queue) = state.changed_files.lock() {
        for event in params.changes {
            if let Some(path) = event.uri.to_file_path() {
                queue.push(ChangedFile {
                    path: path.into_owned(),
                    deleted: event.typ == lsp::FileChangeType::DELETED,
                });
            }
        }
    }
    let indexing = state.clone();
    if run_blocking(move || indexing.index_changed_files()).await == Ok(true) {
        schedule_rescan(state);
    }
}

/// `workspace/didChangeConfiguration`: the settings sent, or (for clients that send an
/// empty notification) the settings asked for.
pub(crate) async fn did_change_configuration(
    state: &Arc<ServerState>,
    client: &Client,
    params: lsp::DidChangeConfigurationParams,
) {
    let empty =
        params.settings.is_null() || params.settings.as_object().is_some_and(|o| o.is_empty());
    if empty && state.caps().pull_configuration {
        pull_settings(state, client).await;
    } else {
        apply_settings(state, client, &params.settings).await;
    }
}

/// `workspace/didChangeWorkspaceFolders`.
pub(crate) fn did_change_workspace_folders(
    state: &ServerState,
    params: lsp::DidChangeWorkspaceFoldersParams,
) {
    if let Ok(mut roots) = state.roots.write() {
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

/// Asks the client for the `tradeoff` section of its settings, when it can answer.
async fn pull_settings(state: &Arc<ServerState>, client: &Client) {
    if !state.caps().pull_configuration {
        return;
    }
    let item = lsp::ConfigurationItem {
        scope_uri: None,
        section: Some("tradeoff".into()),
    };
    match client.configuration(vec![item]).await {
        // A null answer means the client has no such section: keep what we have.
        Ok(values) => match values.into_iter().next() {
            Some(value) if !value.is_null() => {
                apply_settings(state, client, &serde_json::json!({ "tradeoff": value })).await;
            }
            _ => {}
        },
        Err(err) => tracing::warn!("workspace/configuration failed: {err}"),
    }
}

/// Applies settings, rebuilds the knowledge and re-analyses open documents.
async fn apply_settings(state: &Arc<ServerState>, client: &Client, value: &serde_json::Value) {
    let (settings, messages) = Settings::from_json(value);
    if let Ok(mut it) = state.settings.write() {
        *it = settings;
    }
    let reloading = state.clone();
    let Ok(resolved) = run_blocking(move || reloading.reload()).await else {
        return;
    };
    for message in messages {
        client
            .show_message(lsp::MessageType::WARNING, format!("tradeoff: {message}"))
            .await;
    }
    report_problems(state, client, "settings".into(), resolved.problems, None).await;
    let uris: Vec<lsp::Uri> = state.docs.iter().map(|it| it.key().clone()).collect();
    for uri in uris {
        // A pull now waits for the analysis with the new settings.
        if let Some(doc) = state.docs.get(&uri) {
            doc.diagnostics.invalidate();
        }
        scheduler::schedule(state, client, uri);
    }
    let caps = state.caps();
    if caps.pull_diagnostics
        && caps.diagnostic_refresh
        && let Err(err) = client.workspace_diagnostic_refresh().await
    {
        tracing::warn!("workspace/diagnostic/refresh failed: {err}");
    }
    // Other knowledge can name other concepts: find the mentions again.
    schedule_rescan(state);
}
