//! One function per LSP request about a position or a quick fix: read the snapshot, call
//! `ide`, convert with `to_proto`. Requests for what an editor lists and paints beside
//! the text (symbols, semantic tokens, inlay hints, links) are in `view.rs`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tower_lsp_server::Client;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;

use super::{at_position, on_snapshot};
use crate::capabilities::{ClientCaps, server_capabilities};
use crate::config::Settings;
use crate::line_index;
use crate::scheduler;
use crate::state::{ServerState, run_blocking};
use crate::to_proto;
use crate::workspace;

/// `initialize`: reads the client's capabilities, workspace folders and settings, and
/// answers with ours. The knowledge is built later (`initialized`, or the first request).
pub(crate) fn initialize(
    state: &ServerState,
    params: lsp::InitializeParams,
) -> Result<lsp::InitializeResult> {
    let caps = ClientCaps::from_lsp(&params.capabilities);
    state.set_caps(caps);
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
    if let Ok(mut it) = state.roots.write() {
        *it = roots;
    }
    // Settings are stored now; the knowledge is built after the answer (`initialized`)
    // or at the first request, whichever comes first.
    let options = params.initialization_options.unwrap_or_default();
    let (settings, messages) = Settings::from_json(&options);
    if let Ok(mut it) = state.settings.write() {
        *it = settings;
    }
    if let Ok(mut pending) = state.pending_messages.lock() {
        *pending = messages;
    }
    Ok(lsp::InitializeResult {
        capabilities: server_capabilities(&caps),
        server_info: Some(lsp::ServerInfo {
            name: "tradeoff".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
        ..Default::default()
    })
}

/// `textDocument/hover`: the entry's card, then the other files that discuss it.
pub(crate) async fn hover(
    state: &Arc<ServerState>,
    params: lsp::HoverParams,
) -> Result<Option<lsp::Hover>> {
    let state = state.clone();
    at_position(
        &state.clone(),
        params.text_document_position_params,
        move |analysis, snapshot, offset, encoding| {
            let mut hover = analysis.hover(&snapshot.doc, offset)?;
            let kb = analysis.knowledge();
            let ids: Vec<&str> = hover.entries.iter().map(|&e| &*kb.entry(e).id).collect();
            let current = snapshot.doc.path.as_deref().map(Path::new);
            let files = workspace::discussed_in(state.workspace.mentions(&ids), current);
            let more = to_proto::discussed_in(&files, &state.roots());
            hover.markdown = to_proto::with_discussed_in(&hover.markdown, more);
            Some(to_proto::hover(&snapshot.rope, encoding, hover))
        },
    )
    .await
}

/// `textDocument/completion`.
pub(crate) async fn completion(
    state: &Arc<ServerState>,
    params: lsp::CompletionParams,
) -> Result<Option<lsp::CompletionResponse>> {
    let caps = state.caps().completion;
    let uri = params.text_document_position.text_document.uri.clone();
    at_position(
        state,
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

/// `completionItem/resolve`: the documentation of a term, for clients that ask late.
pub(crate) async fn completion_resolve(
    state: &Arc<ServerState>,
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
        let (state, entry) = (state.clone(), entry.to_owned());
        let markdown = run_blocking(move || {
            let analysis = state.projects().resolve(path.as_deref()).analysis;
            analysis.entry_markdown(&entry)
        })
        .await?;
        if let Some(value) = markdown {
            item.documentation = Some(lsp::Documentation::MarkupContent(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value,
            }));
        }
    }
    Ok(item)
}

/// `textDocument/definition`: where the entries of the term under the cursor are defined.
pub(crate) async fn goto_definition(
    state: &Arc<ServerState>,
    params: lsp::GotoDefinitionParams,
) -> Result<Option<lsp::GotoDefinitionResponse>> {
    let state = state.clone();
    at_position(
        &state.clone(),
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

/// `textDocument/references`: every mention in the workspace of the term's concepts.
pub(crate) async fn references(
    state: &Arc<ServerState>,
    params: lsp::ReferenceParams,
) -> Result<Option<Vec<lsp::Location>>> {
    let state = state.clone();
    let declaration = params.context.include_declaration;
    at_position(
        &state.clone(),
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

/// `textDocument/diagnostic`: see [`scheduler::pull`].
pub(crate) async fn diagnostic(
    state: &Arc<ServerState>,
    client: &Client,
    params: lsp::DocumentDiagnosticParams,
) -> Result<lsp::DocumentDiagnosticReportResult> {
    scheduler::pull(state, client, params).await
}

/// `textDocument/codeAction`: the quick fixes of the findings in a range.
pub(crate) async fn code_action(
    state: &Arc<ServerState>,
    params: lsp::CodeActionParams,
) -> Result<Option<lsp::CodeActionResponse>> {
    let uri = params.text_document.uri;
    let range = params.range;
    let doc_uri = uri.clone();
    on_snapshot(state, &uri, move |analysis, snapshot, encoding| {
        let range = line_index::offsets(&snapshot.rope, range, encoding);
        let actions = analysis
            .assists(&snapshot.doc, range)
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
