//! Tradeoff's analysis core: hover, completion and diagnostics over markdown design docs.
//!
//! Everything here is a pure function of its inputs: a [`Document`] (text plus its
//! tree-sitter block tree) and an [`Analysis`] (the knowledge base and the settings).
//! There is no I/O, no LSP and no async: the `lsp` and `cli` crates translate to and from
//! their worlds. Offsets are byte offsets into the document's text; results are plain data.
//!
//! Nothing here fails on any input. A position past the end is clamped; broken markdown
//! is text.
//!
//! ```
//! use std::sync::Arc;
//! use tradeoff_ide::{Analysis, Document};
//! use knowledge::{KnowledgeBase, KnowledgeFile, Origin};
//!
//! let entry = "+++\nterm = \"Sharding\"\ncategory = \"databases\"\n+++\nSplitting data across servers.\n";
//! let (kb, _) = KnowledgeBase::build(vec![KnowledgeFile::new("sharding.md", entry, Origin::User)]);
//! let analysis = Analysis::new(Arc::new(kb));
//! let doc = Document::new("We shard by user id (sharding).".into(), None);
//! let hover = analysis.hover(&doc, 22).unwrap();
//! assert!(hover.markdown.starts_with("**Sharding**"));
//! ```

#![deny(missing_docs)]

mod assists;
mod claims;
mod completion;
mod design_doc;
mod diagnostics;
mod document;
mod facts;
mod glossary;
mod hover;
mod navigation;
mod numbers;
mod prose;
mod render;
mod templates;

#[cfg(test)]
mod fixture;

use std::sync::Arc;

use knowledge::KnowledgeBase;

pub use crate::assists::Assist;
pub use crate::completion::{CompletionItem, CompletionKind, Completions};
pub use crate::design_doc::DocKind;
pub use crate::diagnostics::{
    DEFAULT_MAX_REVIEW_BYTES, Diagnostic, DiagnosticsCache, DiagnosticsConfig, Fix, RuleInfo,
    RunStats, SectionRule, Severity, rules,
};
pub use crate::document::Document;
pub use crate::glossary::{GlossaryItem, glossary_entries, may_define_terms};
pub use crate::hover::HoverResult;
pub use crate::navigation::{InlayHint, OutlineItem, TermsCache};
pub use crate::prose::TermSpan;
pub use crate::render::render_entry;

/// The knowledge and settings every query runs against. Cheap to clone.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    kb: Arc<KnowledgeBase>,
    config: Arc<DiagnosticsConfig>,
    /// The knowledge base's misconceptions and facts, compiled on first use.
    misconceptions: Arc<std::sync::OnceLock<diagnostics::Compiled>>,
}

impl Analysis {
    /// An analysis over `kb` with the default settings.
    pub fn new(kb: Arc<KnowledgeBase>) -> Analysis {
        Analysis {
            kb,
            config: Arc::default(),
            misconceptions: Arc::default(),
        }
    }

    /// The same knowledge with other diagnostics settings.
    pub fn with_config(&self, config: DiagnosticsConfig) -> Analysis {
        Analysis {
            kb: self.kb.clone(),
            config: Arc::new(config),
            misconceptions: self.misconceptions.clone(),
        }
    }

    /// The same settings over this knowledge plus workspace glossaries: `kb` must come from
    /// [`KnowledgeBase::with_glossary`] on this analysis's knowledge, whose misconceptions
    /// (compiled once) it shares.
    pub fn with_glossary(&self, kb: Arc<KnowledgeBase>) -> Analysis {
        Analysis {
            kb,
            config: self.config.clone(),
            misconceptions: self.misconceptions.clone(),
        }
    }

    /// The diagnostics settings.
    pub fn config(&self) -> &DiagnosticsConfig {
        &self.config
    }

    /// The knowledge base.
    pub fn knowledge(&self) -> &KnowledgeBase {
        &self.kb
    }

    /// The hover for the term at `offset`, if there is one.
    pub fn hover(&self, doc: &Document, offset: usize) -> Option<HoverResult> {
        hover::hover(&self.kb, &self.compiled().review, doc, clamp(doc, offset))
    }

    /// Completions for the word(s) before `offset`.
    pub fn completions(&self, doc: &Document, offset: usize) -> Completions {
        completion::completions(&self.kb, doc, clamp(doc, offset))
    }

    /// Every diagnostic of the document.
    pub fn diagnostics(&self, doc: &Document) -> Vec<Diagnostic> {
        self.diagnostics_cached(doc, &mut DiagnosticsCache::default())
    }

    /// Every diagnostic of the document, re-analysing only the prose blocks that `cache`
    /// (filled by the previous run over an earlier version of the same document) does not
    /// hold. The result is the same as [`Analysis::diagnostics`].
    pub fn diagnostics_cached(
        &self,
        doc: &Document,
        cache: &mut DiagnosticsCache,
    ) -> Vec<Diagnostic> {
        let compiled = self.compiled();
        // Not addresses: a new knowledge base or settings could reuse a freed one's.
        let owner = (self.kb.generation(), &self.config);
        diagnostics::diagnostics(&self.config, &self.kb, compiled, doc, cache, owner, false)
    }

    /// Every diagnostic of the document with the fix its rule offers attached, for code
    /// actions: some fixes cost a pass over the document, so plain runs leave them out.
    pub(crate) fn diagnostics_with_fixes(&self, doc: &Document) -> Vec<Diagnostic> {
        let mut cache = DiagnosticsCache::default();
        let owner = (self.kb.generation(), &self.config);
        let compiled = self.compiled();
        diagnostics::diagnostics(
            &self.config,
            &self.kb,
            compiled,
            doc,
            &mut cache,
            owner,
            true,
        )
    }

    /// The knowledge base's misconceptions, facts and concerns, compiled on first use.
    pub(crate) fn compiled(&self) -> &diagnostics::Compiled {
        self.misconceptions
            .get_or_init(|| diagnostics::Compiled::new(&self.kb))
    }

    /// Quick fixes for the findings that overlap `range`.
    pub fn assists(&self, doc: &Document, range: std::ops::Range<usize>) -> Vec<Assist> {
        let range = clamp(doc, range.start)..clamp(doc, range.end);
        assists::assists(self, doc, range)
    }

    /// The markdown of the entry with this id (a completion item's documentation).
    pub fn entry_markdown(&self, id: &str) -> Option<String> {
        self.kb.by_id(id).map(|entry| render_entry(&self.kb, entry))
    }

    /// Concepts and their entries whose names match `query`, best first (workspace
    /// symbols).
    pub fn search(&self, query: &str, limit: usize) -> Vec<&knowledge::Entry> {
        self.kb
            .search(query, limit)
            .into_iter()
            .map(|id| self.kb.entry(id))
            .collect()
    }

    /// The term at `offset`, if there is one.
    pub fn term_at(&self, doc: &Document, offset: usize) -> Option<TermSpan> {
        navigation::term_at(&self.kb, doc, clamp(doc, offset))
    }

    /// Every term mentioned in the prose blocks that touch `range`, in order.
    pub fn terms(&self, doc: &Document, range: std::ops::Range<usize>) -> Vec<TermSpan> {
        navigation::terms(&self.kb, doc, range)
    }

    /// Every term of the document, walking only the chunks `cache` (filled by the previous
    /// call on an earlier version of the same document) does not hold. Semantic tokens ask
    /// for this after every edit.
    pub fn all_terms(&self, doc: &Document, cache: &mut TermsCache) -> Vec<TermSpan> {
        navigation::all_terms(&self.kb, doc, cache)
    }

    /// The document's headings, in order.
    pub fn outline(&self, doc: &Document) -> Vec<OutlineItem> {
        navigation::outline(doc)
    }

    /// Downtime hints for the availability figures in `range`.
    pub fn inlay_hints(&self, doc: &Document, range: std::ops::Range<usize>) -> Vec<InlayHint> {
        navigation::inlay_hints(doc, range)
    }

    /// In a knowledge entry file, the entry ids its `related` and `senses` lists name.
    pub fn entry_links(&self, doc: &Document) -> Vec<(std::ops::Range<usize>, String)> {
        navigation::entry_links(&doc.text)
    }

    /// The terms the document's glossaries define.
    pub fn glossary(&self, doc: &Document) -> Vec<GlossaryItem> {
        glossary::glossary(doc)
    }

    /// What kind of design doc this is, if it is one.
    pub fn doc_kind(&self, doc: &Document) -> Option<DocKind> {
        design_doc::classify(doc, &self.config)
    }
}

/// Clamps `offset` into the text and back onto a character boundary.
fn clamp(doc: &Document, offset: usize) -> usize {
    floor_boundary(&doc.text, offset)
}

/// `offset`, clamped into `text` and moved back onto a character boundary (what
/// `str::floor_char_boundary` does, which is newer than our minimum Rust).
pub(crate) fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}
