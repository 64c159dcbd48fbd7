//! Feature: Hover
//!
//! Hovering a system-design term shows its knowledge entry: definition, key facts,
//! tradeoffs, related terms and source. The longest term under the cursor wins
//! ("write-behind cache" over "cache"); names match in any case and number, except
//! acronyms, which must be written as acronyms. Code, links' destinations and URLs
//! have no hover.

use std::ops::Range;

use knowledge::{EntryId, KnowledgeBase};

use crate::document::Document;
use crate::render::{render_entry, render_entry_with};

/// A hover: the range of the term, the entries it names and the markdown to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoverResult {
    /// The bytes of the term in the document.
    pub range: Range<usize>,
    /// The entries the term names.
    pub entries: Vec<EntryId>,
    /// Markdown.
    pub markdown: String,
}

pub(crate) fn hover(
    kb: &KnowledgeBase,
    review: &crate::diagnostics::review_questions::ReviewBook,
    doc: &Document,
    offset: usize,
) -> Option<HoverResult> {
    let term = crate::navigation::term_at(kb, doc, offset)?;
    // Which review questions the document answers, when the term has any.
    let answered = term
        .entries
        .iter()
        .any(|&id| !kb.entry(id).concerns.is_empty())
        .then(|| doc.answered(kb.generation(), || review.answered_in_text(&doc.text)));
    let markdown = term
        .entries
        .iter()
        .map(|&id| match &answered {
            Some(answered) => render_entry_with(
                kb,
                kb.entry(id),
                Some(&|c| answered.contains(&(id, c as u16))),
            ),
            None => render_entry(kb, kb.entry(id)),
        })
        .collect::<Vec<_>>()
        .join("\n---\n\n");
    Some(HoverResult {
        range: term.range,
        entries: term.entries,
        markdown,
    })
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use crate::fixture;

    fn check(fixture: &str, expect: Expect) {
        let (analysis, doc, offset) = fixture::with_cursor(fixture);
        let actual = match analysis.hover(&doc, offset) {
            Some(hover) => format!("{:?}\n{}", &doc.text[hover.range], hover.markdown),
            None => "no hover".to_owned(),
        };
        expect.assert_eq(&actual);
    }

    const KB: &str = r#"
//- /knowledge/eventual-consistency.md
+++
term = "Eventual consistency"
aliases = ["eventually consistent"]
category = "consistency"
related = ["cap-theorem"]
[[sources]]
title = "Primer"
section = "Consistency patterns"
url = "https://example.org/primer#ec"
+++
Replicas converge after a write stops; reads in between may be stale.

## Key facts
- DNS and email work this way.

## Tradeoffs
- Readers may see old data.
//- /knowledge/cap-theorem.md
+++
term = "CAP theorem"
aliases = ["CAP", "Brewer's theorem"]
category = "consistency"
[[sources]]
title = "Primer"
+++
A distributed store can keep only two of consistency, availability and partition tolerance.
//- /knowledge/cache.md
+++
term = "Cache"
category = "caching"
[[sources]]
title = "Primer"
+++
A fast store of recent results.
//- /knowledge/write-behind.md
+++
term = "Write-behind cache"
aliases = ["write-back cache"]
category = "caching"
[[sources]]
title = "Primer"
+++
Writes go to the cache and reach the database later.
"#;

    #[test]
    fn multi_word_term_with_everything() {
        check(
            &format!("{KB}\n//- /docs/a.md\nWe rely on Eventual Consis$0tency here.\n"),
            expect![[r#"
                "Eventual Consistency"
                **Eventual consistency** · *consistency*

                Replicas converge after a write stops; reads in between may be stale.

                **Key facts**

                - DNS and email work this way.

                **Tradeoffs**

                - Readers may see old data.

                **Related:** CAP theorem

                *Source:* [Primer, Consistency patterns](https://example.org/primer#ec)
            "#]],
        );
    }

    #[test]
    fn longest_term_wins_and_plurals_match() {
        check(
            &format!("{KB}\n//- /docs/a.md\nTwo write-behind cach$0es.\n"),
            expect![[r#"
                "write-behind caches"
                **Write-behind cache** · *caching*

                Writes go to the cache and reach the database later.

                *Source:* Primer
            "#]],
        );
    }

    #[test]
    fn alias_and_acronym() {
        check(
            &format!("{KB}\n//- /docs/a.md\n# Why CA$0P matters\n"),
            expect![[r#"
                "CAP"
                **CAP theorem** · *consistency*

                A distributed store can keep only two of consistency, availability and partition tolerance.

                *Source:* Primer
            "#]],
        );
        check(
            &format!("{KB}\n//- /docs/a.md\nPut a ca$0p on it.\n"),
            expect!["no hover"],
        );
    }

    #[test]
    fn cursor_at_either_end_of_a_term() {
        check(
            &format!("{KB}\n//- /docs/a.md\nA $0cache.\n"),
            expect![[r#"
            "cache"
            **Cache** · *caching*

            A fast store of recent results.

            *Source:* Primer
        "#]],
        );
        check(
            &format!("{KB}\n//- /docs/a.md\nA cache$0\n"),
            expect![[r#"
            "cache"
            **Cache** · *caching*

            A fast store of recent results.

            *Source:* Primer
        "#]],
        );
    }

    #[test]
    fn nothing_on_unknown_words_code_and_urls() {
        check(
            &format!("{KB}\n//- /docs/a.md\nA ban$0ana.\n"),
            expect!["no hover"],
        );
        check(
            &format!("{KB}\n//- /docs/a.md\n```\ncache$0\n```\n"),
            expect!["no hover"],
        );
        check(
            &format!("{KB}\n//- /docs/a.md\nUse `cac$0he` here.\n"),
            expect!["no hover"],
        );
        check(
            &format!("{KB}\n//- /docs/a.md\nSee https://x.org/cac$0he now.\n"),
            expect!["no hover"],
        );
        check(
            &format!("{KB}\n//- /docs/a.md\n[a](https://x.org/cac$0he)\n"),
            expect!["no hover"],
        );
        check(
            &format!("{KB}\n//- /docs/a.md\n    indented cac$0he\n"),
            expect!["no hover"],
        );
    }

    #[test]
    fn terms_in_lists_quotes_and_tables() {
        check(
            &format!("{KB}\n//- /docs/a.md\n- a\n- the cac$0he\n"),
            expect![[r#"
            "cache"
            **Cache** · *caching*

            A fast store of recent results.

            *Source:* Primer
        "#]],
        );
        check(
            &format!("{KB}\n//- /docs/a.md\n| x | y |\n|---|---|\n| 1 | CAP the$0orem |\n"),
            expect![[r#"
            "CAP theorem"
            **CAP theorem** · *consistency*

            A distributed store can keep only two of consistency, availability and partition tolerance.

            *Source:* Primer
        "#]],
        );
    }
}

#[cfg(test)]
mod review_tests {
    use crate::fixture;

    #[test]
    fn lists_review_questions_marking_the_answered_ones() {
        let (analysis, doc, offset) = fixture::with_cursor(
            "//- /repo/design/a.md\n# A\n\n## Proposal\n\nWe shard the orders table with shar$0ding by customer id.\n\nHot customers get their own shard.\n",
        );
        let hover = analysis.hover(&doc, offset).unwrap();
        let section = &hover.markdown[hover.markdown.find("**Review questions**").unwrap()..];
        let lines: Vec<&str> = section.lines().skip(2).take(2).collect();
        assert!(
            lines[0].starts_with("- ✓ what is the shard key"),
            "{lines:?}"
        );
        assert!(
            lines[1].starts_with("- ☐ how are shards added"),
            "{lines:?}"
        );
    }
}
