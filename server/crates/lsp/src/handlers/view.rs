//! One function per LSP request for what an editor lists and paints beside the text:
//! document and workspace symbols, semantic tokens, inlay hints and document links. Each
//! reads a snapshot, calls `ide` and converts with `to_proto`.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;

use super::on_snapshot;
use crate::line_index;
use crate::state::{ServerState, run_blocking};
use crate::to_proto;
use crate::workspace;

/// `textDocument/documentSymbol`: the outline of headings.
pub(crate) async fn document_symbol(
    state: &Arc<ServerState>,
    params: lsp::DocumentSymbolParams,
) -> Result<Option<lsp::DocumentSymbolResponse>> {
    on_snapshot(
        state,
        &params.text_document.uri,
        |analysis, snapshot, encoding| {
            let outline = analysis.outline(&snapshot.doc);
            let symbols = to_proto::document_symbols(&snapshot.rope, encoding, outline);
            Some(lsp::DocumentSymbolResponse::Nested(symbols))
        },
    )
    .await
}

/// `workspace/symbol`: knowledge entries, then the workspace's headings.
pub(crate) async fn workspace_symbol(
    state: &Arc<ServerState>,
    params: lsp::WorkspaceSymbolParams,
) -> Result<Option<lsp::WorkspaceSymbolResponse>> {
    const LIMIT: usize = 100;
    let state = state.clone();
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
            res.push(to_proto::workspace_symbol(
                entry.term.to_string(),
                kind,
                entry.category.to_string(),
                location,
            ));
        }
        let roots = state.roots();
        for heading in state.workspace.headings(&query, LIMIT) {
            let Some(uri) = lsp::Uri::from_file_path(&heading.file) else {
                continue;
            };
            let container = workspace::display_path(&heading.file, &roots);
            let location = lsp::Location {
                uri,
                range: heading.range,
            };
            res.push(to_proto::workspace_symbol(
                heading.title,
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

/// `textDocument/semanticTokens/full`: every term, with the per-chunk terms cache.
pub(crate) async fn semantic_tokens_full(
    state: &Arc<ServerState>,
    params: lsp::SemanticTokensParams,
) -> Result<Option<lsp::SemanticTokensResult>> {
    let uri = &params.text_document.uri;
    let cache = state.docs.get(uri).map(|doc| doc.terms.clone());
    on_snapshot(state, uri, move |analysis, snapshot, encoding| {
        let terms = match cache.as_ref().and_then(|c| c.lock().ok()) {
            Some(mut cache) => analysis.all_terms(&snapshot.doc, &mut cache),
            None => analysis.terms(&snapshot.doc, 0..snapshot.doc.text.len()),
        };
        let tokens = to_proto::semantic_tokens(&snapshot.rope, encoding, analysis, terms);
        Some(lsp::SemanticTokensResult::Tokens(tokens))
    })
    .await
}

/// `textDocument/semanticTokens/range`: the terms of a range.
pub(crate) async fn semantic_tokens_range(
    state: &Arc<ServerState>,
    params: lsp::SemanticTokensRangeParams,
) -> Result<Option<lsp::SemanticTokensRangeResult>> {
    let range = params.range;
    on_snapshot(
        state,
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

/// `textDocument/inlayHint`: the downtime each availability figure allows.
pub(crate) async fn inlay_hint(
    state: &Arc<ServerState>,
    params: lsp::InlayHintParams,
) -> Result<Option<Vec<lsp::InlayHint>>> {
    let range = params.range;
    on_snapshot(
        state,
        &params.text_document.uri,
        move |analysis, snapshot, encoding| {
            let range = line_index::offsets(&snapshot.rope, range, encoding);
            let hints = analysis
                .inlay_hints(&snapshot.doc, range)
                .into_iter()
                .map(|h| to_proto::inlay_hint(&snapshot.rope, encoding, h))
                .collect();
            Some(hints)
        },
    )
    .await
}

/// `textDocument/documentLink`: in an entry file, links to the entries it names.
pub(crate) async fn document_link(
    state: &Arc<ServerState>,
    params: lsp::DocumentLinkParams,
) -> Result<Option<Vec<lsp::DocumentLink>>> {
    let state = state.clone();
    on_snapshot(
        &state.clone(),
        &params.text_document.uri,
        move |analysis, snapshot, encoding| {
            let kb = analysis.knowledge();
            let links = analysis
                .entry_links(&snapshot.doc)
                .into_iter()
                .filter_map(|(range, id)| {
                    let entry = kb.by_id(&id)?;
                    let target = state.entry_location(entry)?.uri;
                    Some(to_proto::document_link(
                        &snapshot.rope,
                        encoding,
                        range,
                        entry,
                        target,
                    ))
                })
                .collect();
            Some(links)
        },
    )
    .await
}
