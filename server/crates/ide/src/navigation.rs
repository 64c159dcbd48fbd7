//! Feature: Navigation
//!
//! What the editor needs to move around a design doc and see its concepts: the outline of
//! its headings, every term it mentions (for find references, semantic tokens and the
//! workspace index), the term under the cursor (for go to definition), and inlay hints that
//! turn availability figures into the downtime they allow (`99.95%` shows `~4h 23m/yr`).

use std::ops::Range;

use knowledge::KnowledgeBase;
use syntax::BlockAt;

use crate::Document;
use crate::prose::{TermSpan, block_terms, block_words};

/// One heading of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineItem {
    /// 1 to 6.
    pub level: u8,
    /// The heading's text, on one line.
    pub title: String,
    /// The whole heading.
    pub range: Range<usize>,
    /// The heading's text.
    pub selection: Range<usize>,
}

/// An inlay hint: a label shown after `offset`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlayHint {
    /// Where the label goes: right after the figure.
    pub offset: usize,
    /// What it says: `~4h 23m/yr`.
    pub label: String,
}

pub(crate) fn outline(doc: &Document) -> Vec<OutlineItem> {
    let text = &*doc.text;
    syntax::headings(&doc.tree, text)
        .into_iter()
        .map(|h| {
            let title = text.get(h.title.clone()).unwrap_or("");
            let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
            OutlineItem {
                level: h.level,
                title: if title.is_empty() {
                    "(untitled)".to_owned()
                } else {
                    title
                },
                range: h.range,
                selection: h.title,
            }
        })
        .collect()
}

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
    use std::hash::{Hash, Hasher};
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
    for (i, range) in syntax::chunk_ranges(&doc.tree).into_iter().enumerate() {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        text.get(range.clone()).unwrap_or("").hash(&mut hasher);
        let key = hasher.finish();
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

/// In a knowledge entry file, the ids its `related` and `senses` lists name: the bytes of
/// each id (inside its quotes) and the id.
pub(crate) fn entry_links(text: &str) -> Vec<(Range<usize>, String)> {
    let mut res = Vec::new();
    let Some(body) = text.strip_prefix("+++") else {
        return res;
    };
    let end = body.find("\n+++").map_or(text.len(), |i| i + 3);
    let front = &text[..end];
    for key in ["related", "senses"] {
        let mut from = 0;
        while let Some(i) = front[from..].find(key) {
            let at = from + i;
            from = at + key.len();
            let line_start = front[..at].rfind('\n').map_or(0, |i| i + 1);
            if !front[line_start..at].trim().is_empty() {
                continue;
            }
            let rest = front[from..].trim_start();
            let Some(list) = rest.strip_prefix('=').map(str::trim_start) else {
                continue;
            };
            if !list.starts_with('[') {
                continue;
            }
            let list_start = front.len() - front[front.len() - list.len()..].len();
            let list_end = list.find(']').map_or(front.len(), |e| list_start + e);
            let mut k = list_start;
            while let Some(q) = front[k..list_end].find('"') {
                let open = k + q + 1;
                let Some(close) = front[open..list_end].find('"') else {
                    break;
                };
                res.push((open..open + close, front[open..open + close].to_owned()));
                k = open + close + 1;
            }
        }
    }
    res.sort_by_key(|it| it.0.start);
    res
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::fixture;

    #[test]
    fn entry_links_are_the_ids_of_related_and_senses() {
        let text = "+++\nterm = \"X\"\nrelated = [\"cap-theorem\", \"pacelc\"]\nsenses = [\n  \"a\",\n]\n+++\nrelated = [\"no\"]\n";
        let links: Vec<String> = super::entry_links(text)
            .into_iter()
            .map(|(r, id)| format!("{}={id}", &text[r]))
            .collect();
        assert_eq!(links, ["cap-theorem=cap-theorem", "pacelc=pacelc", "a=a"]);
        assert!(super::entry_links("related = [\"x\"]").is_empty());
    }

    #[test]
    fn a_name_restricted_by_its_context_is_no_term_anywhere_outside_it() {
        let (analysis, doc) = fixture::parse(
            "//- /knowledge/command.md\n+++\nterm = \"Command\"\naliases = [\"command pattern\"]\ncategory = \"c\"\n[[sources]]\ntitle = \"T\"\n[[context]]\nnames = [\"Command\"]\nneeds = [\"design pattern\"]\n+++\nA request as an object.\n//- /docs/a.md\n# Commands\n\nRun the cargo command.\n\n| the `fmt` command | a command |\n\n- A design pattern: Command.\n- As a design pattern, Command queues work.\n- The command pattern.\n",
        );
        let text = &*doc.text;
        let shown: Vec<&str> = analysis
            .terms(&doc, 0..text.len())
            .into_iter()
            .map(|t| &text[t.range])
            .collect();
        // Not in a heading, a sentence or a table cell without the context; not across the
        // ":" that ends a sentence; yes beside it, and always as the longer name.
        assert_eq!(shown, ["Command", "command pattern"]);
        assert_eq!(
            analysis.all_terms(&doc, &mut crate::TermsCache::default()),
            analysis.terms(&doc, 0..text.len())
        );
        for (word, n, want) in [
            ("Commands", 1, false),
            ("command.", 1, false),
            ("a command", 1, false),
            ("Command.", 1, false),
            ("Command queues", 1, true),
        ] {
            let at = text.match_indices(word).nth(n - 1).unwrap().0 + 2;
            assert_eq!(analysis.term_at(&doc, at).is_some(), want, "{word}");
            assert_eq!(analysis.hover(&doc, at).is_some(), want, "{word}");
        }
    }

    #[test]
    fn cached_terms_equal_fresh_ones_after_an_edit() {
        let (analysis, doc) = fixture::parse(
            "//- /knowledge/cache.md\n+++\nterm = \"Cache\"\ncategory = \"c\"\n[[sources]]\ntitle = \"T\"\n+++\nA store.\n//- /docs/a.md\n# A\n",
        );
        let mut text = doc.text.to_string();
        for i in 0..1000 {
            text.push_str(&format!(
                "\n## Part {i}\n\nA cache, part {i}; `cache` in code.\n"
            ));
        }
        let mut cache = crate::TermsCache::default();
        let doc = crate::Document::new(text.as_str().into(), None);
        assert!(doc.tree.chunk_count() > 2);
        let first = analysis.all_terms(&doc, &mut cache);
        assert_eq!(first, analysis.terms(&doc, 0..text.len()));
        assert_eq!(first.len(), 1000);
        let text = text.replacen("part 200;", "part 200, another cache;", 1);
        let doc = crate::Document::new(text.as_str().into(), None);
        assert_eq!(
            analysis.all_terms(&doc, &mut cache),
            analysis.terms(&doc, 0..text.len())
        );
    }

    #[test]
    fn outline_lists_headings_with_levels() {
        let (analysis, doc) = fixture::parse(
            "//- /docs/a.md\n# Session  store\n\nText.\n\n## Alternatives\n\nSetext\n------\n\n```\n# not a heading\n```\n",
        );
        let shown: Vec<String> = analysis
            .outline(&doc)
            .into_iter()
            .map(|h| format!("{} {} {:?}", h.level, h.title, &doc.text[h.selection]))
            .collect();
        assert_eq!(
            shown,
            [
                "1 Session store \"Session  store\"",
                "2 Alternatives \"Alternatives\"",
                "2 Setext \"Setext\""
            ]
        );
    }

    #[test]
    fn downtime_hints_only_for_uptime_figures() {
        let (analysis, doc) = fixture::parse(
            "//- /docs/a.md\nThe SLA is 99.95% availability. We target four nines of uptime.\n\n99% of requests finish under 300 ms.\n\nWe cut costs by 95%.\n\n> Quoted: 99.9% availability.\n\n`99.9% availability`\n",
        );
        let shown: Vec<String> = analysis
            .inlay_hints(&doc, 0..doc.text.len())
            .into_iter()
            .map(|h| {
                format!(
                    "{:?} {}",
                    &doc.text[..h.offset].rsplit(' ').next().unwrap(),
                    h.label
                )
            })
            .collect();
        expect![[r#"
            [
                "\"99.95%\" ~4h 23m/yr",
                "\"nines\" ~52m 36s/yr",
            ]
        "#]]
        .assert_debug_eq(&shown);
        // Only the asked range.
        assert_eq!(analysis.inlay_hints(&doc, 0..10).len(), 0);
    }
}
