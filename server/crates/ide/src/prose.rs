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
                if !in_path(text, range.start) && !glued(text, range.start) {
                    res.push(TermSpan {
                        range,
                        entries: m.entries,
                    });
                }
                i += m.n_words;
            }
            None => i += 1,
        }
    }
    res
}

/// True when the word at `start` is glued by a semicolon to the word before it: "DR" in
/// "TL;DR" is no disaster recovery.
fn glued(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("");
    before
        .strip_suffix(';')
        .and_then(|b| b.chars().next_back())
        .is_some_and(char::is_alphanumeric)
}

/// True when the word at `start` is part of a file path written as prose
/// (`/etc/kubernetes/pki`, `./cache/x`, `~/.docker`): the run of non-blank text around it
/// starts, after any opening bracket or quote, with `/`, `./`, `../` or `~/`.
fn in_path(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("");
    let token_start = before.rfind(char::is_whitespace).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let token = text
        .get(token_start..start)
        .unwrap_or("")
        .trim_start_matches(['(', '[', '"', '\'', '*', '_', '|']);
    token.starts_with('/')
        || token.starts_with("./")
        || token.starts_with("../")
        || token.starts_with("~/")
}

#[cfg(test)]
mod tests {
    #[test]
    fn words_of_a_path_are_not_terms() {
        let text = "See /etc/kubernetes/pki and (./cache/x), not Kubernetes or CI/CD.";
        let starts: Vec<bool> = ["kubernetes/pki", "cache/x", "Kubernetes or", "CI/CD"]
            .iter()
            .map(|w| super::in_path(text, text.find(w).unwrap()))
            .collect();
        assert_eq!(starts, [true, true, false, false]);
        assert!(!super::in_path("kubernetes", 0));
        assert!(super::in_path("/kubernetes", 1));
    }

    #[test]
    fn a_word_glued_by_a_semicolon_is_not_a_term() {
        // Session 15: "TL;DR" read as disaster recovery (a Decentraland ADR).
        let text = "TL;DR: we add DR drills; DR is tested.";
        let at = |w: &str, n: usize| text.match_indices(w).nth(n).unwrap().0;
        assert!(super::glued(text, at("DR", 0)));
        assert!(!super::glued(text, at("DR", 1)));
        assert!(!super::glued(text, at("DR", 2)));
    }
}
