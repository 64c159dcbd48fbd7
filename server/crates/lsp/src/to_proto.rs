//! Conversions from `ide` results to LSP types.

use std::path::PathBuf;

use ropey::Rope;
use tower_lsp_server::ls_types as lsp;

use crate::line_index::{self, Encoding};

/// The LSP diagnostic of an `ide` diagnostic.
pub fn diagnostic(
    uri: &lsp::Uri,
    rope: &Rope,
    encoding: Encoding,
    d: &ide::Diagnostic,
) -> lsp::Diagnostic {
    let range = line_index::range(rope, d.range.clone(), encoding);
    lsp::Diagnostic {
        range,
        severity: Some(severity(d.severity)),
        code: Some(lsp::NumberOrString::String(d.code.to_owned())),
        code_description: rule_docs(d.code),
        source: Some("tradeoff".to_owned()),
        message: d.message.clone(),
        related_information: d.related.as_ref().map(|why| {
            vec![lsp::DiagnosticRelatedInformation {
                location: lsp::Location {
                    uri: uri.clone(),
                    range,
                },
                message: why.clone(),
            }]
        }),
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

/// What the client's completion can do.
#[derive(Debug, Clone, Copy, Default)]
pub struct CompletionCaps {
    /// It expands snippets.
    pub snippets: bool,
    /// It asks for documentation with `completionItem/resolve`.
    pub resolve_documentation: bool,
}

/// The LSP completion list. A term's documentation is inline unless the client resolves
/// it later; then the item carries the document and the entry id as `data`.
pub fn completions(
    rope: &Rope,
    encoding: Encoding,
    res: ide::Completions,
    caps: CompletionCaps,
    uri: &lsp::Uri,
    analysis: &ide::Analysis,
) -> lsp::CompletionResponse {
    let items = res
        .items
        .into_iter()
        .map(|item| {
            let range = line_index::range(rope, item.replace.clone(), encoding);
            let entry_id = item
                .entry
                .map(|e| analysis.knowledge().entry(e).id.to_string());
            let documentation = match (&item.documentation, &entry_id) {
                (Some(doc), _) => Some(doc.clone()),
                (None, Some(id)) if !caps.resolve_documentation => analysis.entry_markdown(id),
                _ => None,
            };
            let (new_text, format) = match item.snippet {
                Some(snippet) if caps.snippets => (snippet, lsp::InsertTextFormat::SNIPPET),
                _ => (item.insert, lsp::InsertTextFormat::PLAIN_TEXT),
            };
            // A concept is a named, fixed definition: `Constant`, the kind workspace
            // symbols give bundled entries too (`Text` is for plain words, `Keyword` for a
            // language's syntax). Its definition is in the documentation (inline, or on
            // resolve), so the detail says only the category.
            let (kind, detail) = match (item.kind, item.entry) {
                (ide::CompletionKind::Term, Some(e)) => (
                    lsp::CompletionItemKind::CONSTANT,
                    analysis.knowledge().entry(e).category.to_string(),
                ),
                (ide::CompletionKind::Term, None) => {
                    (lsp::CompletionItemKind::CONSTANT, item.detail)
                }
                (ide::CompletionKind::Section | ide::CompletionKind::Template, _) => {
                    (lsp::CompletionItemKind::SNIPPET, item.detail)
                }
            };
            lsp::CompletionItem {
                label: item.label,
                kind: Some(kind),
                detail: Some(detail),
                documentation: documentation.map(|value| {
                    lsp::Documentation::MarkupContent(lsp::MarkupContent {
                        kind: lsp::MarkupKind::Markdown,
                        value,
                    })
                }),
                sort_text: Some(item.sort_text),
                filter_text: Some(item.filter_text),
                insert_text_format: Some(format),
                text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit {
                    range,
                    new_text,
                })),
                data: entry_id
                    .filter(|_| caps.resolve_documentation)
                    .map(|id| serde_json::json!({ "uri": uri.as_str(), "entry": id })),
                ..Default::default()
            }
        })
        .collect();
    lsp::CompletionResponse::List(lsp::CompletionList {
        is_incomplete: res.incomplete,
        items,
    })
}

/// The semantic token types and modifiers: one type, `concept`; bundled concepts carry
/// `defaultLibrary`, the workspace's own (knowledge directories, glossaries) do not.
pub fn semantic_legend() -> lsp::SemanticTokensLegend {
    lsp::SemanticTokensLegend {
        token_types: vec![lsp::SemanticTokenType::new("concept")],
        token_modifiers: vec![lsp::SemanticTokenModifier::DEFAULT_LIBRARY],
    }
}

/// Semantic tokens for terms, relative-encoded; a term that spans lines gets one token
/// per line.
pub fn semantic_tokens(
    rope: &Rope,
    encoding: Encoding,
    analysis: &ide::Analysis,
    terms: Vec<ide::TermSpan>,
) -> lsp::SemanticTokens {
    let kb = analysis.knowledge();
    let mut data = Vec::new();
    let (mut prev_line, mut prev_start) = (0, 0);
    for term in terms {
        let bundled = term
            .entries
            .iter()
            .all(|&e| kb.entry(e).origin == knowledge::Origin::Bundled);
        let modifiers = u32::from(bundled);
        let mut start = term.range.start;
        while start < term.range.end {
            let line_end = rope
                .byte_slice(start..term.range.end)
                .chars()
                .position(|c| c == '\n')
                .map_or(term.range.end, |chars| {
                    start + rope.byte_slice(start..term.range.end).char_to_byte(chars)
                });
            let a = line_index::position(rope, start, encoding);
            let b = line_index::position(rope, line_end, encoding);
            if b.character > a.character {
                let delta_line = a.line.saturating_sub(prev_line);
                let delta_start = if delta_line == 0 {
                    a.character.saturating_sub(prev_start)
                } else {
                    a.character
                };
                data.push(lsp::SemanticToken {
                    delta_line,
                    delta_start,
                    length: b.character - a.character,
                    token_type: 0,
                    token_modifiers_bitset: modifiers,
                });
                (prev_line, prev_start) = (a.line, a.character);
            }
            start = line_end + 1;
        }
    }
    lsp::SemanticTokens {
        result_id: None,
        data,
    }
}

/// The outline as nested document symbols: each heading holds the deeper headings after it.
pub fn document_symbols(
    rope: &Rope,
    encoding: Encoding,
    outline: Vec<ide::OutlineItem>,
) -> Vec<lsp::DocumentSymbol> {
    // (level, symbol) of the open headings, outermost first.
    let mut stack: Vec<(u8, lsp::DocumentSymbol)> = Vec::new();
    let mut roots = Vec::new();
    let close = |stack: &mut Vec<(u8, lsp::DocumentSymbol)>,
                 roots: &mut Vec<lsp::DocumentSymbol>| {
        if let Some((_, done)) = stack.pop() {
            match stack.last_mut() {
                Some((_, parent)) => {
                    // A section spans its subsections.
                    parent.range.end = parent.range.end.max(done.range.end);
                    parent.children.get_or_insert_with(Vec::new).push(done);
                }
                None => roots.push(done),
            }
        }
    };
    for item in outline {
        while stack.last().is_some_and(|(level, _)| *level >= item.level) {
            close(&mut stack, &mut roots);
        }
        #[allow(deprecated)]
        let symbol = lsp::DocumentSymbol {
            name: item.title,
            detail: Some(format!("h{}", item.level)),
            kind: lsp::SymbolKind::STRING,
            tags: None,
            deprecated: None,
            range: line_index::range(rope, item.range, encoding),
            selection_range: line_index::range(rope, item.selection, encoding),
            children: None,
        };
        stack.push((item.level, symbol));
    }
    while !stack.is_empty() {
        close(&mut stack, &mut roots);
    }
    roots
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
        diagnostics: Some(vec![diagnostic(uri, rope, encoding, &assist.diagnostic)]),
        edit: Some(lsp::WorkspaceEdit {
            changes: Some(changes),
            ..Default::default()
        }),
        is_preferred: Some(assist.preferred),
        ..Default::default()
    }
}

/// The diagnostic of a problem with the settings, a config file or a knowledge entry: on
/// its whole line, since problems know lines only.
pub fn load_problem(problem: &load::LoadProblem) -> lsp::Diagnostic {
    let line = problem.line.saturating_sub(1);
    let code = if problem.path == load::project::CONFIG_FILE {
        "config"
    } else {
        "knowledge-entry"
    };
    lsp::Diagnostic {
        range: lsp::Range {
            start: lsp::Position { line, character: 0 },
            end: lsp::Position {
                line,
                character: u32::MAX >> 1,
            },
        },
        severity: Some(lsp::DiagnosticSeverity::ERROR),
        code: Some(lsp::NumberOrString::String(code.into())),
        source: Some("tradeoff".into()),
        message: problem.message.clone(),
        ..Default::default()
    }
}

/// The inlay hint of an `ide` hint (the downtime an availability allows).
pub fn inlay_hint(rope: &Rope, encoding: Encoding, hint: ide::InlayHint) -> lsp::InlayHint {
    lsp::InlayHint {
        position: line_index::position(rope, hint.offset, encoding),
        label: lsp::InlayHintLabel::String(hint.label),
        kind: None,
        text_edits: None,
        tooltip: Some(lsp::InlayHintTooltip::String(
            "Downtime a year this availability allows (365.25-day year)".into(),
        )),
        padding_left: Some(true),
        padding_right: None,
        data: None,
    }
}

/// The link from an entry file's mention of another entry to where that entry is defined.
pub fn document_link(
    rope: &Rope,
    encoding: Encoding,
    range: std::ops::Range<usize>,
    entry: &knowledge::Entry,
    target: lsp::Uri,
) -> lsp::DocumentLink {
    lsp::DocumentLink {
        range: line_index::range(rope, range, encoding),
        target: Some(target),
        tooltip: Some(entry.term.to_string()),
        data: None,
    }
}

/// A workspace symbol: a knowledge entry or a heading.
pub fn workspace_symbol(
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

/// The markdown that ends a hover: links to the other files that mention the concept,
/// most mentions first, shown relative to the workspace folders.
pub fn discussed_in(files: &[crate::workspace::Discussion], roots: &[PathBuf]) -> Option<String> {
    const SHOWN: usize = 5;
    if files.is_empty() {
        return None;
    }
    let mut links: Vec<String> = files
        .iter()
        .take(SHOWN)
        .filter_map(|d| {
            let uri = lsp::Uri::from_file_path(&d.file)?;
            let shown = crate::workspace::display_path(&d.file, roots);
            Some(format!(
                "[{shown}]({}#L{}) ({})",
                uri.as_str(),
                d.first.start.line + 1,
                d.count
            ))
        })
        .collect();
    if files.len() > SHOWN {
        links.push(format!("{} more files", files.len() - SHOWN));
    }
    Some(format!("*Discussed in:* {}", links.join(", ")))
}

/// A hover's markdown followed by its "discussed in" line.
pub fn with_discussed_in(markdown: &str, more: Option<String>) -> String {
    match more {
        Some(more) => format!("{}\n\n{more}", markdown.trim_end()),
        None => markdown.to_owned(),
    }
}
