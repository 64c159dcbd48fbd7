//! Inlay hints: the downtime a year that an availability figure allows.

use std::ops::Range;

use crate::document::Document;

/// An inlay hint: a label shown after `offset`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlayHint {
    /// Where the label goes: right after the figure.
    pub offset: usize,
    /// What it says: `~4h 23m/yr`.
    pub label: String,
}
pub(crate) fn inlay_hints(doc: &Document, range: Range<usize>) -> Vec<InlayHint> {
    let mut clauses = Vec::new();
    for block in syntax::text_blocks(&doc.tree) {
        if block.quoted || block.range.end < range.start || block.range.start > range.end {
            continue;
        }
        crate::claims::block_clauses(doc, &block, &mut clauses);
    }
    crate::diagnostics::availability_hints(&doc.text, &clauses)
        .into_iter()
        .filter(|(offset, _)| range.contains(offset) || *offset == range.end)
        .map(|(offset, label)| InlayHint { offset, label })
        .collect()
}
