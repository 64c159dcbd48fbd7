//! A document as the analysis sees it: its text, its block tree and its path.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use knowledge::EntryId;

/// The review questions a document's text answers, by entry and concern, computed for
/// the knowledge base of one generation.
pub(crate) type Answered = (u64, Arc<HashSet<(EntryId, u16)>>);

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
    /// Which review questions the text answers: a scan of the whole text, done once per
    /// version for the hovers over it (clones share it; a new text gets a new one).
    answered: Arc<OnceLock<Answered>>,
}

impl Document {
    /// Parses `text` from scratch.
    pub fn new(text: Arc<str>, path: Option<Arc<str>>) -> Document {
        let tree = syntax::parse(&text);
        Document::with_tree(text, tree, path)
    }

    /// A document whose tree the caller parsed (incrementally) for this exact text.
    pub fn with_tree(text: Arc<str>, tree: syntax::Tree, path: Option<Arc<str>>) -> Document {
        Document {
            text,
            tree,
            path,
            answered: Arc::default(),
        }
    }

    /// The review questions the text answers for the knowledge base of `generation`,
    /// from `scan` the first time they are asked for.
    pub(crate) fn answered(
        &self,
        generation: u64,
        scan: impl FnOnce() -> HashSet<(EntryId, u16)>,
    ) -> Arc<HashSet<(EntryId, u16)>> {
        match self.answered.get() {
            Some((g, set)) if *g == generation => set.clone(),
            Some(_) => Arc::new(scan()),
            None => {
                let set = Arc::new(scan());
                let _ = self.answered.set((generation, set.clone()));
                set
            }
        }
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
