//! The `tower-lsp-server` entry point: [`Backend`] implements `LanguageServer` by
//! delegating each method, in one line, to its function in [`crate::handlers`].

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::{Client, LanguageServer};

use crate::handlers::{notification, request, view};
use crate::state::ServerState;

/// The server.
pub struct Backend {
    client: Client,
    state: Arc<ServerState>,
}

impl Backend {
    /// A server that talks to `client`.
    pub fn new(client: Client) -> Backend {
        Backend {
            client,
            state: Arc::default(),
        }
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: lsp::InitializeParams) -> Result<lsp::InitializeResult> {
        request::initialize(&self.state, params)
    }

    async fn initialized(&self, _: lsp::InitializedParams) {
        notification::initialized(&self.state, &self.client).await
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: lsp::DidOpenTextDocumentParams) {
        notification::did_open(&self.state, &self.client, params)
    }

    async fn did_change(&self, params: lsp::DidChangeTextDocumentParams) {
        notification::did_change(&self.state, &self.client, params).await
    }

    async fn did_close(&self, params: lsp::DidCloseTextDocumentParams) {
        notification::did_close(&self.state, &self.client, params).await
    }

    async fn did_save(&self, _: lsp::DidSaveTextDocumentParams) {}

    async fn did_change_watched_files(&self, params: lsp::DidChangeWatchedFilesParams) {
        notification::did_change_watched_files(&self.state, params).await
    }

    async fn did_change_configuration(&self, params: lsp::DidChangeConfigurationParams) {
        notification::did_change_configuration(&self.state, &self.client, params).await
    }

    async fn did_change_workspace_folders(&self, params: lsp::DidChangeWorkspaceFoldersParams) {
        notification::did_change_workspace_folders(&self.state, params)
    }

    async fn hover(&self, params: lsp::HoverParams) -> Result<Option<lsp::Hover>> {
        request::hover(&self.state, params).await
    }

    async fn completion(
        &self,
        params: lsp::CompletionParams,
    ) -> Result<Option<lsp::CompletionResponse>> {
        request::completion(&self.state, params).await
    }

    async fn completion_resolve(&self, item: lsp::CompletionItem) -> Result<lsp::CompletionItem> {
        request::completion_resolve(&self.state, item).await
    }

    async fn goto_definition(
        &self,
        params: lsp::GotoDefinitionParams,
    ) -> Result<Option<lsp::GotoDefinitionResponse>> {
        request::goto_definition(&self.state, params).await
    }

    async fn references(&self, params: lsp::ReferenceParams) -> Result<Option<Vec<lsp::Location>>> {
        request::references(&self.state, params).await
    }

    async fn document_symbol(
        &self,
        params: lsp::DocumentSymbolParams,
    ) -> Result<Option<lsp::DocumentSymbolResponse>> {
        view::document_symbol(&self.state, params).await
    }

    async fn symbol(
        &self,
        params: lsp::WorkspaceSymbolParams,
    ) -> Result<Option<lsp::WorkspaceSymbolResponse>> {
        view::workspace_symbol(&self.state, params).await
    }

    async fn semantic_tokens_full(
        &self,
        params: lsp::SemanticTokensParams,
    ) -> Result<Option<lsp::SemanticTokensResult>> {
        view::semantic_tokens_full(&self.state, params).await
    }

    async fn semantic_tokens_range(
        &self,
        params: lsp::SemanticTokensRangeParams,
    ) -> Result<Option<lsp::SemanticTokensRangeResult>> {
        view::semantic_tokens_range(&self.state, params).await
    }

    async fn inlay_hint(
        &self,
        params: lsp::InlayHintParams,
    ) -> Result<Option<Vec<lsp::InlayHint>>> {
        view::inlay_hint(&self.state, params).await
    }

    async fn document_link(
        &self,
        params: lsp::DocumentLinkParams,
    ) -> Result<Option<Vec<lsp::DocumentLink>>> {
        view::document_link(&self.state, params).await
    }

    async fn diagnostic(
        &self,
        params: lsp::DocumentDiagnosticParams,
    ) -> Result<lsp::DocumentDiagnosticReportResult> {
        request::diagnostic(&self.state, &self.client, params).await
    }

    async fn code_action(
        &self,
        params: lsp::CodeActionParams,
    ) -> Result<Option<lsp::CodeActionResponse>> {
        request::code_action(&self.state, params).await
    }
}
