//! Feature: Completion
//!
//! Completes system-design terms from the word or words before the cursor: "eventual c"
//! offers "Eventual consistency", "load bal" offers "Load balancer". Matching runs on the
//! fst index with normalised keys, so case, hyphens and plurals do not matter; when the
//! prefix has no exact match, terms within one typo (two for long prefixes) are offered
//! after the exact ones. No completion is offered in code.
//!
//! Where a heading is being typed (`## Alt`), the standard sections of RFCs, ADRs and
//! design docs come first, as snippets; in a document with no heading yet, typing `rfc`,
//! `adr`, `madr` or `design` at the start of a line offers a whole skeleton.
//! Items carry their entry, not its rendering: the documentation is produced when the
//! editor asks for it (`completionItem/resolve`), see [`crate::Analysis::entry_markdown`].

use std::collections::HashSet;
use std::ops::Range;

use knowledge::{EntryId, KnowledgeBase, normalize};
use syntax::BlockAt;

use crate::document::Document;
use crate::prose::block_words;
use crate::render::{first_sentence, one_line};
use crate::templates::{self, SECTIONS, TEMPLATES};

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
    /// A standard section, typed as a heading.
    Section,
    /// A whole document skeleton.
    Template,
}

/// One completion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionItem {
    /// What the list shows.
    pub label: String,
    /// One line under or beside the label (the category and the first sentence).
    pub detail: String,
    /// Markdown documentation, for sections and templates (a term's entry is rendered on
    /// request from [`CompletionItem::entry`]).
    pub documentation: Option<String>,
    /// The text inserted, without snippet syntax.
    pub insert: String,
    /// The same as an LSP snippet, for clients that support them.
    pub snippet: Option<String>,
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
    let text = &*doc.text;
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let mut res = Completions::default();
    if let Some(sections) = section_items(text, line_start, offset) {
        res.items = sections;
    } else if let Some(skeletons) = template_items(doc, &block, line_start, offset) {
        res.items = skeletons;
    }
    let words = block_words(&doc.text, &block);
    // The word the cursor is in or just after, and the words before it on the same line.
    let before: Vec<Range<usize>> = words
        .iter()
        .filter(|w| w.start >= line_start && w.start < offset)
        .map(|w| w.start..w.end.min(offset))
        .collect();
    let Some(last) = before.last() else {
        return res;
    };
    if last.end != offset {
        // The cursor is after blank space: nothing is being typed.
        return res;
    }

    let mut seen: HashSet<EntryId> = HashSet::new();
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
                        "1{}{}{}{:04}",
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
                        documentation: None,
                        insert: entry.term.to_string(),
                        snippet: None,
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

/// Sections, when the line so far is a heading marker and a few words: `## Alt`.
fn section_items(text: &str, line_start: usize, offset: usize) -> Option<Vec<CompletionItem>> {
    let line = &text[line_start..offset];
    let hashes = line.len() - line.trim_start_matches('#').len();
    let typed_with_space = &line[hashes..];
    if !(1..=6).contains(&hashes) || !typed_with_space.starts_with(' ') {
        return None;
    }
    let typed = typed_with_space.trim_start();
    if typed.len() > 40 || typed.contains(['.', ',', ':', '`']) {
        return None;
    }
    let start = offset - typed.len();
    let lower = typed.to_lowercase();
    let items = SECTIONS
        .iter()
        .enumerate()
        .filter(|(_, s)| s.title.to_lowercase().starts_with(&lower))
        .map(|(i, section)| {
            let snippet = templates::section_snippet(section, 1);
            CompletionItem {
                label: section.title.to_owned(),
                detail: format!("section of {}", section.used_in),
                documentation: Some(format!(
                    "```markdown\n{} {}\n```",
                    &line[..hashes],
                    templates::plain(&snippet)
                )),
                insert: templates::plain(&snippet),
                snippet: Some(snippet),
                replace: start..offset,
                filter_text: section.title.to_owned(),
                sort_text: format!("0{i:03}"),
                kind: CompletionKind::Section,
                entry: None,
            }
        })
        .collect();
    Some(items)
}

/// Skeletons, in a document with no heading yet, when the line is one word that names
/// one: `adr`.
fn template_items(
    doc: &Document,
    block: &syntax::TextBlock,
    line_start: usize,
    offset: usize,
) -> Option<Vec<CompletionItem>> {
    let typed = &doc.text[line_start..offset];
    if typed.is_empty() || !typed.chars().all(|c| c.is_ascii_alphabetic()) || block.in_list {
        return None;
    }
    let lower = typed.to_lowercase();
    let named = |t: &templates::Template| t.keywords.iter().any(|k| k.starts_with(&lower));
    if !TEMPLATES.iter().any(named) || syntax::has_heading(&doc.tree, &doc.text) {
        return None;
    }
    let items: Vec<CompletionItem> = TEMPLATES
        .iter()
        .enumerate()
        .filter(|(_, t)| named(t))
        .map(|(i, template)| {
            let snippet = templates::template_snippet(template);
            CompletionItem {
                label: template.label.to_owned(),
                detail: format!("{} sections", template.sections.len()),
                documentation: Some(format!("```markdown\n{}```", templates::plain(&snippet))),
                insert: templates::plain(&snippet),
                snippet: Some(snippet),
                replace: line_start..offset,
                filter_text: typed.to_owned(),
                sort_text: format!("0{i:03}"),
                kind: CompletionKind::Template,
                entry: None,
            }
        })
        .collect();
    (!items.is_empty()).then_some(items)
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
    fn sections_where_a_heading_is_typed() {
        check(
            &format!("{}//- /d.md\n# X\n\n## Con$0", kb()),
            expect![[r#"
                Context [Context] "Con"
                Consequences [Consequences] "Con"
                Context and Problem Statement [Context and Problem Statement] "Con"
                Considered Options [Considered Options] "Con"
                Context and scope [Context and scope] "Con"
                Consistency [Consistency] "Con"
                Content delivery network [Content delivery network] "Con"
            "#]],
        );
        let (analysis, doc, offset) =
            fixture::with_cursor(&format!("{}//- /d.md\n# X\n\n### Decision Ou$0", kb()));
        let item = analysis.completions(&doc, offset).items.remove(0);
        assert_eq!(item.kind, crate::CompletionKind::Section);
        assert!(
            item.snippet
                .unwrap()
                .starts_with("Decision Outcome\n\nChosen option: \"${1:option}\"")
        );
        assert!(
            item.insert.starts_with(
                "Decision Outcome\n\nChosen option: \"option\", because justification."
            )
        );
    }

    #[test]
    fn skeletons_in_a_document_without_headings() {
        check(
            &format!("{}//- /d.md\nad$0", kb()),
            expect![[r#"
                ADR template (Nygard) [ad] "ad"
                ADR template (MADR) [ad] "ad"
            "#]],
        );
        check(&format!("{}//- /d.md\n# T\n\nad$0", kb()), expect![""]);
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
