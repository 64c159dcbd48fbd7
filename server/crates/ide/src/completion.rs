//! Feature: Completion
//!
//! Completes system-design terms from the word or words before the cursor: "eventual c"
//! offers "Eventual consistency", "load bal" offers "Load balancer". Matching runs on the
//! fst index with normalised keys, so case, hyphens and plurals do not matter; when the
//! prefix has no exact match, terms within one typo (two for long prefixes) are offered
//! after the exact ones. No completion is offered in code.

use std::collections::HashSet;
use std::ops::Range;

use knowledge::{EntryId, KnowledgeBase, normalize};
use syntax::BlockAt;

use crate::Document;
use crate::prose::block_words;
use crate::render::{first_sentence, one_line, render_entry};

/// How many words before the cursor may form the start of a term.
const MAX_CONTEXT_WORDS: usize = 3;
/// How many items one answer holds at most.
const LIMIT: usize = 50;

/// The answer to a completion request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Completions {
    /// The items, best first.
    pub items: Vec<CompletionItem>,
    /// True when more items matched than were returned: typing more narrows them.
    pub incomplete: bool,
}

/// What an item inserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    /// A knowledge term.
    Term,
}

/// One completion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionItem {
    /// What the list shows, and what is inserted.
    pub label: String,
    /// One line under or beside the label (the category and the first sentence).
    pub detail: String,
    /// Markdown documentation (the full entry).
    pub documentation: String,
    /// The bytes the insertion replaces: the typed prefix.
    pub replace: Range<usize>,
    /// The text the editor filters on; it starts with the typed prefix.
    pub filter_text: String,
    /// A key that sorts items in our order.
    pub sort_text: String,
    /// What the item is.
    pub kind: CompletionKind,
    /// The entry behind a term.
    pub entry: Option<EntryId>,
}

pub(crate) fn completions(kb: &KnowledgeBase, doc: &Document, offset: usize) -> Completions {
    let BlockAt::Text(block) = syntax::block_at(&doc.tree, offset) else {
        return Completions::default();
    };
    let words = block_words(&doc.text, &block);
    let text = &*doc.text;
    // The word the cursor is in or just after, and the words before it on the same line.
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before: Vec<Range<usize>> = words
        .iter()
        .filter(|w| w.start >= line_start && w.start < offset)
        .map(|w| w.start..w.end.min(offset))
        .collect();
    let Some(last) = before.last() else {
        return Completions::default();
    };
    if last.end != offset {
        // The cursor is after blank space: nothing is being typed.
        return Completions::default();
    }

    let mut seen: HashSet<EntryId> = HashSet::new();
    let mut res = Completions::default();
    let first = before.len().saturating_sub(MAX_CONTEXT_WORDS);
    // Longer contexts first: "eventual con" is more specific than "con".
    for start in first..before.len() {
        let context = &before[start..];
        if !joined(text, context) {
            continue;
        }
        let replace = context[0].start..offset;
        let typed = &text[replace.clone()];
        for (tier, prefix) in prefixes(text, context).into_iter().enumerate() {
            let tier = (context.len(), tier);
            let mut hits = kb.prefix_search(&prefix, LIMIT + 1);
            if hits.len() > LIMIT {
                res.incomplete = true;
                hits.truncate(LIMIT);
            }
            let fuzzy = hits.is_empty() && context.len() == 1 && prefix.len() >= 4;
            if fuzzy {
                let distance = if prefix.len() >= 8 { 2 } else { 1 };
                hits = kb.fuzzy_search(&prefix, distance, LIMIT);
            }
            for hit in hits {
                for target in hit.targets {
                    if target.exact.is_some() && !target.name.starts_with(typed) {
                        // An acronym completes only from its own capitals.
                        continue;
                    }
                    if !seen.insert(target.entry) {
                        continue;
                    }
                    let entry = kb.entry(target.entry);
                    let rank = format!(
                        "{}{}{}{:04}",
                        9 - tier.0.min(9),
                        tier.1,
                        u8::from(fuzzy),
                        hit.key.len().min(9999)
                    );
                    res.items.push(CompletionItem {
                        label: entry.term.to_string(),
                        detail: format!(
                            "{}: {}",
                            entry.category,
                            one_line(first_sentence(&entry.definition))
                        ),
                        documentation: render_entry(kb, entry),
                        replace: replace.clone(),
                        filter_text: filter_text(typed, &target.name, &entry.term),
                        sort_text: format!("{rank}{}", entry.term.to_lowercase()),
                        kind: CompletionKind::Term,
                        entry: Some(target.entry),
                    });
                }
            }
        }
    }
    res.items.sort_by(|a, b| a.sort_text.cmp(&b.sort_text));
    if res.items.len() > LIMIT {
        res.items.truncate(LIMIT);
        res.incomplete = true;
    }
    res
}

/// True when the words are separated only by blanks, hyphens or slashes.
fn joined(text: &str, words: &[Range<usize>]) -> bool {
    words.windows(2).all(|pair| {
        let gap = &text[pair[0].end..pair[1].start];
        !gap.is_empty() && gap.len() <= 3 && gap.chars().all(|c| matches!(c, ' ' | '-' | '/'))
    })
}

/// Normalised prefixes to search: with the last word folded like the index keys, then
/// with the last word only lowercased (a half-typed word is not yet a plural).
fn prefixes(text: &str, words: &[Range<usize>]) -> Vec<String> {
    let mut head = String::new();
    for w in &words[..words.len() - 1] {
        normalize::fold_word(&text[w.clone()], &mut head);
        head.push(' ');
    }
    let last = &text[words[words.len() - 1].clone()];
    let mut folded = head.clone();
    normalize::fold_word(last, &mut folded);
    let lower = format!("{head}{}", last.to_lowercase());
    if lower == folded {
        vec![folded]
    } else {
        vec![folded, lower]
    }
}

/// Editors filter items by the typed text; offer the name that matched when the label
/// itself would not pass the filter (an alias, or a typo).
fn filter_text(typed: &str, name: &str, term: &str) -> String {
    let typed_lower = typed.to_lowercase();
    if term.to_lowercase().starts_with(&typed_lower) {
        term.to_owned()
    } else if name.to_lowercase().starts_with(&typed_lower) {
        name.to_owned()
    } else {
        // A typo: lead with what was typed so the editor keeps the item.
        format!("{typed} {term}")
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use crate::fixture;

    fn check(fixture: &str, expect: Expect) {
        let (analysis, doc, offset) = fixture::with_cursor(fixture);
        let res = analysis.completions(&doc, offset);
        let mut actual: String = res
            .items
            .iter()
            .map(|it| {
                format!(
                    "{} [{}] {:?}\n",
                    it.label,
                    it.filter_text,
                    &doc.text[it.replace.clone()]
                )
            })
            .collect();
        if res.incomplete {
            actual.push_str("(incomplete)\n");
        }
        expect.assert_eq(&actual);
    }

    fn entry(id: &str, term: &str, aliases: &str) -> String {
        format!(
            "//- /knowledge/{id}.md\n+++\nterm = {term:?}\naliases = [{aliases}]\ncategory = \"c\"\n[[sources]]\ntitle = \"T\"\n+++\n{term} is a thing.\n"
        )
    }

    fn kb() -> String {
        [
            entry("ec", "Eventual consistency", ""),
            entry("sc", "Strong consistency", ""),
            entry("consistency", "Consistency", ""),
            entry("lb", "Load balancer", "\"LB\""),
            entry("lb7", "Layer 7 load balancing", "\"L7 load balancing\""),
            entry("cdn", "Content delivery network", "\"CDN\""),
        ]
        .concat()
    }

    #[test]
    fn prefix_of_one_word() {
        check(
            &format!("{}//- /d.md\nWe add a load$0", kb()),
            expect![[r#"
            Load balancer [Load balancer] "load"
        "#]],
        );
    }

    #[test]
    fn multi_word_context_ranks_first() {
        check(
            &format!("{}//- /d.md\nIt is eventual con$0", kb()),
            expect![[r#"
            Eventual consistency [Eventual consistency] "eventual con"
            Consistency [Consistency] "con"
            Content delivery network [Content delivery network] "con"
        "#]],
        );
    }

    #[test]
    fn plural_and_case_insensitive() {
        check(
            &format!("{}//- /d.md\nTwo Load Balan$0", kb()),
            expect![[r#"
            Load balancer [Load balancer] "Load Balan"
        "#]],
        );
    }

    #[test]
    fn typo_tolerant() {
        check(
            &format!("{}//- /d.md\nA consistancy$0", kb()),
            expect![[r#"
            Consistency [consistancy Consistency] "consistancy"
        "#]],
        );
    }

    #[test]
    fn acronyms_complete_from_capitals_only() {
        check(
            &format!("{}//- /d.md\nA CD$0", kb()),
            expect![[r#"
            Content delivery network [CDN] "CD"
        "#]],
        );
        check(&format!("{}//- /d.md\nA cd$0", kb()), expect![""]);
    }

    #[test]
    fn nothing_after_a_space_or_in_code() {
        check(&format!("{}//- /d.md\nA load $0", kb()), expect![""]);
        check(
            &format!("{}//- /d.md\n```\nload$0\n```\n", kb()),
            expect![""],
        );
    }
}
