//! The terms a document mentions: at a cursor, in a range, and all of them with a
//! per-chunk [`TermsCache`] so that asking again after an edit walks one chunk.

use std::ops::Range;

use knowledge::KnowledgeBase;
use syntax::BlockAt;

use crate::document::{Chunk, Document};
use crate::prose::{TermSpan, block_terms, block_words};

pub(crate) fn term_at(kb: &KnowledgeBase, doc: &Document, offset: usize) -> Option<TermSpan> {
    let BlockAt::Text(block) = syntax::block_at(&doc.tree, offset) else {
        return None;
    };
    let words = block_words(&doc.text, &block);
    block_terms(kb, &doc.text, &words)
        .into_iter()
        .find(|t| t.range.start <= offset && offset <= t.range.end)
}

pub(crate) fn terms(kb: &KnowledgeBase, doc: &Document, range: Range<usize>) -> Vec<TermSpan> {
    let mut res = Vec::new();
    for block in syntax::text_blocks(&doc.tree) {
        if block.range.end < range.start || block.range.start > range.end {
            continue;
        }
        let words = block_words(&doc.text, &block);
        res.extend(block_terms(kb, &doc.text, &words));
    }
    res
}

/// The terms of each chunk of the tree (by its text) from the last run, relative to the
/// chunk, so that asking again after an edit walks only the edited chunk. A cache belongs
/// to one document and one knowledge base; it empties itself when used with another.
#[derive(Default, Clone)]
pub struct TermsCache {
    /// The [`KnowledgeBase::generation`] the terms were found with.
    owner: u64,
    chunks: std::collections::HashMap<u64, std::sync::Arc<Vec<TermSpan>>>,
}

impl std::fmt::Debug for TermsCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TermsCache")
            .field("chunks", &self.chunks.len())
            .finish()
    }
}

pub(crate) fn all_terms(
    kb: &KnowledgeBase,
    doc: &Document,
    cache: &mut TermsCache,
) -> Vec<TermSpan> {
    let owner = kb.generation();
    if cache.owner != owner {
        *cache = TermsCache {
            owner,
            ..Default::default()
        };
    }
    let text = &*doc.text;
    let mut fresh = std::collections::HashMap::new();
    let mut res = Vec::new();
    for (i, Chunk { range, key }) in doc.chunks().into_iter().enumerate() {
        let terms = match cache.chunks.get(&key) {
            Some(terms) => terms.clone(),
            None => {
                let mut terms = Vec::new();
                for block in syntax::chunk_text_blocks(&doc.tree, i) {
                    let words = block_words(text, &block);
                    terms.extend(block_terms(kb, text, &words).into_iter().map(|t| TermSpan {
                        range: t.range.start - range.start..t.range.end - range.start,
                        entries: t.entries,
                    }));
                }
                std::sync::Arc::new(terms)
            }
        };
        res.extend(terms.iter().map(|t| TermSpan {
            range: t.range.start + range.start..t.range.end + range.start,
            entries: t.entries.clone(),
        }));
        fresh.insert(key, terms);
    }
    cache.chunks = fresh;
    res
}
