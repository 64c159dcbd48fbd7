//! Conversions from `ide` results to LSP types.

use ropey::Rope;
use tower_lsp_server::ls_types as lsp;

use crate::line_index::{self, Encoding};

/// The LSP diagnostic of an `ide` diagnostic.
pub fn diagnostic(rope: &Rope, encoding: Encoding, d: &ide::Diagnostic) -> lsp::Diagnostic {
    lsp::Diagnostic {
        range: line_index::range(rope, d.range.clone(), encoding),
        severity: Some(severity(d.severity)),
        code: Some(lsp::NumberOrString::String(d.code.to_owned())),
        code_description: rule_docs(d.code),
        source: Some("tradeoff".to_owned()),
        message: d.message.clone(),
        related_information: None,
        tags: None,
        data: None,
    }
}

/// The LSP severity.
pub fn severity(severity: ide::Severity) -> lsp::DiagnosticSeverity {
    match severity {
        ide::Severity::Error => lsp::DiagnosticSeverity::ERROR,
        ide::Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        ide::Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        ide::Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

/// The LSP hover.
pub fn hover(rope: &Rope, encoding: Encoding, hover: ide::HoverResult) -> lsp::Hover {
    lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: hover.markdown,
        }),
        range: Some(line_index::range(rope, hover.range, encoding)),
    }
}

/// The LSP completion list.
pub fn completions(
    rope: &Rope,
    encoding: Encoding,
    res: ide::Completions,
) -> lsp::CompletionResponse {
    let items = res
        .items
        .into_iter()
        .map(|item| {
            let range = line_index::range(rope, item.replace.clone(), encoding);
            lsp::CompletionItem {
                label: item.label.clone(),
                kind: Some(match item.kind {
                    ide::CompletionKind::Term => lsp::CompletionItemKind::TEXT,
                }),
                detail: Some(item.detail),
                documentation: Some(lsp::Documentation::MarkupContent(lsp::MarkupContent {
                    kind: lsp::MarkupKind::Markdown,
                    value: item.documentation,
                })),
                sort_text: Some(item.sort_text),
                filter_text: Some(item.filter_text),
                text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit {
                    range,
                    new_text: item.label,
                })),
                ..Default::default()
            }
        })
        .collect();
    lsp::CompletionResponse::List(lsp::CompletionList {
        is_incomplete: res.incomplete,
        items,
    })
}

/// Where a rule's documentation lives.
pub fn rule_docs(code: &str) -> Option<lsp::CodeDescription> {
    let href = format!(
        "{}/blob/main/docs/rules.md#{code}",
        env!("CARGO_PKG_REPOSITORY")
    );
    href.parse().ok().map(|href| lsp::CodeDescription { href })
}

/// The LSP code action of a quick fix.
pub fn code_action(
    rope: &Rope,
    encoding: Encoding,
    uri: &lsp::Uri,
    assist: ide::Assist,
) -> lsp::CodeAction {
    let edits = assist
        .edits
        .into_iter()
        .map(|(range, new_text)| lsp::TextEdit {
            range: line_index::range(rope, range, encoding),
            new_text,
        })
        .collect();
    let mut changes = std::collections::HashMap::new();
    changes.insert(uri.clone(), edits);
    lsp::CodeAction {
        title: assist.label,
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic(rope, encoding, &assist.diagnostic)]),
        edit: Some(lsp::WorkspaceEdit {
            changes: Some(changes),
            ..Default::default()
        }),
        is_preferred: Some(assist.preferred),
        ..Default::default()
    }
}
