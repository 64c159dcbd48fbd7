//! Capability negotiation: what the client can do, parsed once at `initialize` into
//! [`ClientCaps`], and what the server offers in return ([`server_capabilities`]).

use tower_lsp_server::ls_types as lsp;

use crate::line_index::Encoding;
use crate::to_proto::{self, CompletionCaps};

/// What the client said it can do, as the handlers need it.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClientCaps {
    /// The position encoding agreed: UTF-8 when offered, else UTF-16.
    pub encoding: Encoding,
    /// The client pulls diagnostics (`textDocument/diagnostic`), so we do not push them.
    pub pull_diagnostics: bool,
    /// The client re-pulls diagnostics when asked (`workspace/diagnostic/refresh`).
    pub diagnostic_refresh: bool,
    /// The client answers `workspace/configuration`.
    pub pull_configuration: bool,
    /// The client can register file watchers for us.
    pub watch_files: bool,
    /// What the client's completion can do.
    pub completion: CompletionCaps,
}

impl ClientCaps {
    /// Reads the capabilities the client sent with `initialize`.
    pub fn from_lsp(caps: &lsp::ClientCapabilities) -> ClientCaps {
        let utf8 = caps
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|it| it.contains(&lsp::PositionEncodingKind::UTF8));
        let workspace = caps.workspace.as_ref();
        let item = caps
            .text_document
            .as_ref()
            .and_then(|t| t.completion.as_ref())
            .and_then(|c| c.completion_item.as_ref());
        ClientCaps {
            encoding: if utf8 {
                Encoding::Utf8
            } else {
                Encoding::Utf16
            },
            pull_diagnostics: caps
                .text_document
                .as_ref()
                .is_some_and(|t| t.diagnostic.is_some()),
            diagnostic_refresh: workspace
                .and_then(|w| w.diagnostics.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
            pull_configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
            watch_files: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|w| w.dynamic_registration)
                .unwrap_or(false),
            completion: CompletionCaps {
                snippets: item.and_then(|i| i.snippet_support).unwrap_or(false),
                resolve_documentation: item
                    .and_then(|i| i.resolve_support.as_ref())
                    .is_some_and(|r| r.properties.iter().any(|p| p == "documentation")),
            },
        }
    }
}

/// What the server offers a client with `client`'s capabilities.
pub fn server_capabilities(client: &ClientCaps) -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(match client.encoding {
            Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
            Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
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
        diagnostic_provider: client.pull_diagnostics.then(|| {
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_client_gets_utf16_and_pushed_diagnostics() {
        let caps = ClientCaps::from_lsp(&lsp::ClientCapabilities::default());
        assert_eq!(caps.encoding, Encoding::Utf16);
        assert!(!caps.pull_diagnostics);
        let server = server_capabilities(&caps);
        assert!(server.diagnostic_provider.is_none());
        assert_eq!(
            server.position_encoding,
            Some(lsp::PositionEncodingKind::UTF16)
        );
    }

    #[test]
    fn utf8_and_pull_are_taken_when_offered() {
        let client: lsp::ClientCapabilities = serde_json::from_value(serde_json::json!({
            "general": { "positionEncodings": ["utf-8", "utf-16"] },
            "textDocument": { "diagnostic": {} },
            "workspace": { "configuration": true, "diagnostics": { "refreshSupport": true } }
        }))
        .unwrap();
        let caps = ClientCaps::from_lsp(&client);
        assert_eq!(caps.encoding, Encoding::Utf8);
        assert!(caps.pull_diagnostics && caps.diagnostic_refresh && caps.pull_configuration);
        assert!(!caps.watch_files);
        assert!(server_capabilities(&caps).diagnostic_provider.is_some());
    }
}
