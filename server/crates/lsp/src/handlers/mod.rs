//! The handlers, one free function per LSP method: [`request`] and [`view`] answer
//! requests, [`notification`] applies notifications. `server.rs` only delegates to them.
//!
//! Requests that read a document run over a [`Snapshot`] on a blocking thread
//! ([`on_snapshot`], [`at_position`]), which also finds the document's `Analysis` (a
//! look for `tradeoff.toml` on disk); notifications that edit one do so synchronously,
//! before they return, so edits apply in the order the client sent them.

pub(crate) mod notification;
pub(crate) mod request;
pub(crate) mod view;

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;

use crate::document::Snapshot;
use crate::line_index::{self, Encoding};
use crate::state::{ServerState, run_blocking};

/// Runs `f` on a snapshot of the document on a blocking thread. When the document
/// changed meanwhile the client gets ContentModified, so nothing computed on old text
/// (a hover range, a quick fix's edits) is ever applied to new text.
pub(crate) async fn on_snapshot<T: Send + 'static>(
    state: &Arc<ServerState>,
    uri: &lsp::Uri,
    f: impl FnOnce(&ide::Analysis, &Snapshot, Encoding) -> Option<T> + Send + 'static,
) -> Result<Option<T>> {
    let Some(snapshot) = state.snapshot(uri) else {
        return Ok(None);
    };
    let encoding = state.encoding();
    let version = snapshot.version;
    // Resolving looks for a `tradeoff.toml` on disk: on the blocking thread too.
    let resolver = state.clone();
    let res = run_blocking(move || {
        let analysis = resolver.resolve(&snapshot).analysis;
        f(&analysis, &snapshot, encoding)
    })
    .await;
    state.still_current(uri, version, res)
}

/// [`on_snapshot`] with the request's position as a byte offset.
pub(crate) async fn at_position<T: Send + 'static>(
    state: &Arc<ServerState>,
    position: lsp::TextDocumentPositionParams,
    f: impl FnOnce(&ide::Analysis, &Snapshot, usize, Encoding) -> Option<T> + Send + 'static,
) -> Result<Option<T>> {
    let at = position.position;
    on_snapshot(
        state,
        &position.text_document.uri,
        move |analysis, snapshot, encoding| {
            let offset = line_index::offset(&snapshot.rope, at, encoding);
            f(analysis, snapshot, offset, encoding)
        },
    )
    .await
}
