//! Feature: Navigation
//!
//! What the editor needs to move around a design doc and see its concepts: the outline of
//! its headings, every term it mentions (for find references, semantic tokens and the
//! workspace index), the term under the cursor (for go to definition), and inlay hints that
//! turn availability figures into the downtime they allow (`99.95%` shows `~4h 23m/yr`).
//!
//! One file per feature: [`outline`] here, the terms and their per-chunk cache in
//! `terms.rs`, inlay hints in `hints.rs`, the links of an entry file in `links.rs`.

mod hints;
mod links;
mod terms;

use std::ops::Range;

use crate::document::Document;

pub use hints::InlayHint;
pub(crate) use hints::inlay_hints;
pub(crate) use links::entry_links;
pub use terms::TermsCache;
pub(crate) use terms::{all_terms, term_at, terms};

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
