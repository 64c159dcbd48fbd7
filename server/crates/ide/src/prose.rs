//! The words of a prose block that the knowledge base may name, and the terms among them.
//!
//! A block's words exclude what is not prose: code spans, link destinations, autolinks,
//! inline HTML, bare URLs and continuation markers. A term never spans an excluded range,
//! because [`knowledge::KnowledgeBase::longest_match`] only joins words separated by
//! blanks, hyphens or slashes.

use std::ops::Range;

use knowledge::{EntryId, KnowledgeBase, normalize};
use syntax::TextBlock;

/// A term found in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermSpan {
    /// Bytes of the document the term covers.
    pub range: Range<usize>,
    /// The entries it names.
    pub entries: Vec<EntryId>,
}

/// Word ranges of `block` in `text`, as absolute document offsets.
pub fn block_words(text: &str, block: &TextBlock) -> Vec<Range<usize>> {
    let Some(block_text) = text.get(block.range.clone()) else {
        return Vec::new();
    };
    let base = block.range.start;
    let mut excluded: Vec<Range<usize>> = syntax::inline_exclusions(block_text)
        .into_iter()
        .map(|r| r.start + base..r.end + base)
        .collect();
    excluded.extend(block.continuations.iter().cloned());
    excluded.extend(bare_urls(block_text).map(|r| r.start + base..r.end + base));
    normalize::words(block_text)
        .into_iter()
        .map(|r| r.start + base..r.end + base)
        .filter(|w| !excluded.iter().any(|x| x.start < w.end && w.start < x.end))
        .collect()
}

/// Runs of non-blank text that look like addresses: `scheme://...` or `www.`.
fn bare_urls(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut offset = 0;
    text.split_inclusive(char::is_whitespace)
        .filter_map(move |chunk| {
            let start = offset;
            offset += chunk.len();
            let token = chunk.trim_end();
            (token.contains("://") || token.starts_with("www.")).then(|| start..start + token.len())
        })
}

/// Every term of the block, left to right, longest first at each word.
pub fn block_terms(kb: &KnowledgeBase, text: &str, words: &[Range<usize>]) -> Vec<TermSpan> {
    let mut res = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match kb.longest_match(text, words, i) {
            Some(m) => {
                let range = words[i].start..words[i + m.n_words - 1].end;
                res.push(TermSpan {
                    range,
                    entries: m.entries,
                });
                i += m.n_words;
            }
            None => i += 1,
        }
    }
    res
}
