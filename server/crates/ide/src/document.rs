//! A document as the analysis sees it: its text, its block tree and its path.

use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

/// One document: its text, its block tree and, when known, its path (used to tell
/// design docs from other markdown).
#[derive(Clone)]
pub struct Document {
    /// The whole text.
    pub text: Arc<str>,
    /// The tree-sitter-md block tree of exactly `text`.
    pub tree: syntax::Tree,
    /// The path, with `/` separators, if the document is a file.
    pub path: Option<Arc<str>>,
}

impl Document {
    /// Parses `text` from scratch.
    pub fn new(text: Arc<str>, path: Option<Arc<str>>) -> Document {
        let tree = syntax::parse(&text);
        Document { text, tree, path }
    }

    /// A document whose tree the caller parsed (incrementally) for this exact text.
    pub fn with_tree(text: Arc<str>, tree: syntax::Tree, path: Option<Arc<str>>) -> Document {
        Document { text, tree, path }
    }
}

/// One chunk of a document's tree (see `syntax::chunk_ranges`), with the key the
/// per-chunk caches of diagnostics and terms store its results under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chunk {
    /// The bytes of the document it covers.
    pub range: Range<usize>,
    /// A hash of its text: a chunk with the same text has the same results, relative to
    /// its start.
    pub key: u64,
}

impl Document {
    /// The chunks of the tree, in order (the `i`th is the tree's chunk `i`).
    pub(crate) fn chunks(&self) -> Vec<Chunk> {
        syntax::chunk_ranges(&self.tree)
            .into_iter()
            .map(|range| {
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                self.text.get(range.clone()).unwrap_or("").hash(&mut hasher);
                Chunk {
                    range,
                    key: hasher.finish(),
                }
            })
            .collect()
    }
}
