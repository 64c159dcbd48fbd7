//! Feature: Workspace glossaries
//!
//! Terms a team defines in its own documents answer hover, completion, go to definition
//! and find references like the bundled ones. A glossary is a section titled "Glossary",
//! "Terminology", "Definitions", "Vocabulary", "Acronyms" or "Abbreviations" (or a whole
//! file named `glossary.md`, `terminology.md`, ...), and in it:
//!
//! - definition-style paragraphs and list items: `**Term**: definition`, `**Term:**
//!   definition`, `Term - definition` (plain terms only in list items);
//! - table rows: the first cell is the term, the second its definition;
//! - subheadings: the heading is the term, the paragraph below it the definition.
//!
//! `Recovery point objective (RPO)` defines both names. Outside glossaries nothing is
//! taken: "**Pros**: faster" in a design section is not a definition.

use std::ops::Range;

use knowledge::{Entry, KnowledgeBase, Origin, Source, normalize};
use syntax::{BlockKind, TextBlock};

use crate::document::Document;

/// A term defined in a document's glossary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryItem {
    /// The name as written, without its parenthesised alias.
    pub term: String,
    /// Other names: the parenthesised part of `Term (ALIAS)`.
    pub aliases: Vec<String>,
    /// The definition, one paragraph of markdown.
    pub definition: String,
    /// The bytes of the term in the document.
    pub range: Range<usize>,
    /// The glossary's heading, if it has one.
    pub section: Option<String>,
}

const SECTION_WORDS: &[&str] = &[
    "glossary",
    "glossaries",
    "terminology",
    "definitions",
    "vocabulary",
    "acronyms",
    "abbreviations",
];

/// Longest term a glossary item may define, in words.
const MAX_TERM_WORDS: usize = 6;

fn is_glossary_title(title: &str) -> bool {
    let lower = title.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    words.iter().any(|w| SECTION_WORDS.contains(w))
        || matches!(words.as_slice(), ["terms"] | ["key", "terms"])
}

fn is_glossary_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or(name).to_lowercase();
    matches!(
        stem.as_str(),
        "glossary" | "terminology" | "definitions" | "vocabulary" | "terms"
    )
}

/// Whether a document may define glossary terms, judged from its text alone: its file
/// name, or a heading line (ATX, or setext above its underline) with a glossary word.
/// Cheap enough for every keystroke; [`glossary`] runs only when it says yes.
pub fn may_define_terms(path: Option<&str>, text: &str) -> bool {
    if path.is_some_and(is_glossary_file) {
        return true;
    }
    let mut prev = "";
    for line in text.lines() {
        let trimmed = line.trim();
        let underline = !trimmed.is_empty()
            && (trimmed.bytes().all(|b| b == b'=') || trimmed.bytes().all(|b| b == b'-'));
        let candidate = if trimmed.starts_with('#') {
            Some(trimmed)
        } else if underline {
            Some(prev)
        } else {
            None
        };
        if candidate.is_some_and(is_glossary_title) {
            return true;
        }
        prev = line;
    }
    false
}

/// A glossary section of a document: the whole file for a glossary file.
struct GlossarySection {
    /// The bytes under its heading, up to the next heading at its level or above.
    body: Range<usize>,
    level: u8,
    /// The heading's title; `None` for a glossary file.
    title: Option<String>,
}

/// The terms the document's glossaries define, in document order.
pub(crate) fn glossary(doc: &Document) -> Vec<GlossaryItem> {
    let text = &*doc.text;
    if !may_define_terms(doc.path.as_deref(), text) {
        return Vec::new();
    }
    let headings = syntax::headings(&doc.tree, text);
    let mut sections: Vec<GlossarySection> = Vec::new();
    if doc.path.as_deref().is_some_and(is_glossary_file) {
        sections.push(GlossarySection {
            body: 0..text.len(),
            level: 1,
            title: None,
        });
    } else {
        for (i, heading) in headings.iter().enumerate() {
            let title = text.get(heading.title.clone()).unwrap_or("");
            if !is_glossary_title(title) {
                continue;
            }
            let end = headings[i + 1..]
                .iter()
                .find(|h| h.level <= heading.level)
                .map_or(text.len(), |h| h.range.start);
            sections.push(GlossarySection {
                body: heading.range.end..end,
                level: heading.level,
                title: Some(title.trim().to_owned()),
            });
        }
    }
    if sections.is_empty() {
        return Vec::new();
    }
    let blocks = syntax::text_blocks(&doc.tree);
    let mut res = Vec::new();
    for GlossarySection {
        body,
        level,
        title: section,
    } in sections
    {
        let inside: Vec<&TextBlock> = blocks
            .iter()
            .filter(|b| b.range.start >= body.start && b.range.end <= body.end)
            .collect();
        for (k, block) in inside.iter().enumerate() {
            let item = match block.kind {
                BlockKind::Paragraph => paragraph_item(text, block),
                // A subheading names a term; the paragraph below defines it.
                BlockKind::Heading(sub) if sub > level => match inside.get(k + 1) {
                    Some(next)
                        if next.kind == BlockKind::Paragraph
                            && paragraph_item(text, next).is_none() =>
                    {
                        let definition = block_text(text, next);
                        term_item(text, trimmed(text, block.range.clone()), definition)
                    }
                    _ => None,
                },
                BlockKind::Heading(_) | BlockKind::TableCell => None,
            };
            res.extend(item.map(|it| GlossaryItem {
                section: section.clone(),
                ..it
            }));
        }
        for row in syntax::table_rows(&doc.tree, body.clone()) {
            if let [term, definition, ..] = row.as_slice() {
                let definition = text.get(definition.clone()).unwrap_or("").trim();
                let item = term_item(text, trimmed(text, term.clone()), definition.to_owned());
                res.extend(item.map(|it| GlossaryItem {
                    section: section.clone(),
                    ..it
                }));
            }
        }
    }
    res.sort_by_key(|it| it.range.start);
    res
}

/// A paragraph's text with its continuation markers dropped and its lines joined.
fn block_text(text: &str, block: &TextBlock) -> String {
    let mut out = String::new();
    let mut at = block.range.start;
    let mut cuts = block.continuations.clone();
    cuts.sort_by_key(|it| it.start);
    for cut in cuts
        .iter()
        .chain(std::iter::once(&(block.range.end..block.range.end)))
    {
        if cut.start > at {
            out.push_str(text.get(at..cut.start).unwrap_or(""));
        }
        at = at.max(cut.end);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(s) = text.get(range.clone()) else {
        return range;
    };
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.start + s.trim_end().len();
    start..end.max(start)
}

/// `**Term**: definition`, `**Term:** definition`, `__Term__ - definition`, or in a list
/// `Term: definition`.
fn paragraph_item(text: &str, block: &TextBlock) -> Option<GlossaryItem> {
    let s = text.get(block.range.clone())?;
    let base = block.range.start;
    for marker in ["**", "__"] {
        let Some(rest) = s.strip_prefix(marker) else {
            continue;
        };
        let close = rest.find(marker)?;
        let inner = &rest[..close];
        let after = &rest[close + marker.len()..];
        let (name, definition) = match inner.strip_suffix(':') {
            Some(name) => (name, after),
            None => (inner, strip_separator(after)?),
        };
        let start = base + marker.len();
        let range = start..start + name.trim_end().len();
        let definition = definition_text(text, block, base + s.len() - definition.len());
        return term_item(text, range, definition);
    }
    if !block.in_list {
        return None;
    }
    let line_end = s.find('\n').unwrap_or(s.len());
    let first = &s[..line_end];
    let (at, sep) = [": ", " - ", " – ", " — "]
        .iter()
        .filter_map(|sep| first.find(sep).map(|at| (at, *sep)))
        .min()?;
    let name = &first[..at];
    if name.contains(['`', '[', '*', '_']) {
        return None;
    }
    let definition = definition_text(text, block, base + at + sep.len());
    term_item(text, base..base + name.len(), definition)
}

/// The rest of the block from `from`, joined into one line.
fn definition_text(text: &str, block: &TextBlock, from: usize) -> String {
    let mut rest = block.clone();
    rest.range.start = from.clamp(block.range.start, block.range.end);
    block_text(text, &rest)
}

fn strip_separator(after: &str) -> Option<&str> {
    let trimmed = after.trim_start_matches([' ', '\t']);
    for sep in [":", "-", "–", "—"] {
        if let Some(rest) = trimmed.strip_prefix(sep) {
            return Some(rest);
        }
    }
    None
}

/// An item for the name in `range` with `definition`, when the name looks like a term.
fn term_item(text: &str, range: Range<usize>, definition: String) -> Option<GlossaryItem> {
    let raw = text.get(range.clone())?.trim();
    let definition = definition
        .trim()
        .trim_start_matches([':', '-', '–', '—', ' '])
        .trim();
    if raw.is_empty() || definition.is_empty() {
        return None;
    }
    // "Recovery point objective (RPO)": two names.
    let (term, alias) = match raw.strip_suffix(')').and_then(|r| r.rsplit_once(" (")) {
        Some((term, alias)) => (term.trim(), Some(alias.trim())),
        None => (raw, None),
    };
    let plausible = |name: &str| {
        let words = normalize::words(name).len();
        (1..=MAX_TERM_WORDS).contains(&words)
            && name.len() <= 80
            && !name.ends_with(['.', '?', '!', ','])
            && name.chars().any(char::is_alphabetic)
    };
    if !plausible(term) {
        return None;
    }
    let aliases = alias
        .filter(|a| plausible(a))
        .map(str::to_owned)
        .into_iter()
        .collect();
    let start = range.start + text[range.clone()].find(term).unwrap_or(0);
    Some(GlossaryItem {
        term: term.to_owned(),
        aliases,
        definition: definition.to_owned(),
        range: start..start + term.len(),
        section: None,
    })
}

/// Knowledge entries for the glossary items of the document at `path`. An entry that
/// shadows a knowledge entry of the same name links to it.
pub fn glossary_entries(
    kb: &KnowledgeBase,
    path: &str,
    text: &str,
    items: &[GlossaryItem],
) -> Vec<Entry> {
    let file_name = path.rsplit('/').next().unwrap_or(path);
    items
        .iter()
        .map(|item| {
            let slug: String = normalize::normalize(&item.term)
                .chars()
                .map(|c| if c.is_alphanumeric() { c } else { '-' })
                .collect();
            let related = item
                .aliases
                .iter()
                .chain(std::iter::once(&item.term))
                .filter_map(|name| kb.lookup(name))
                .filter(|e| e.origin != Origin::Glossary)
                .map(|e| e.id.clone())
                .take(1)
                .collect();
            let line = text[..item.range.start.min(text.len())]
                .matches('\n')
                .count() as u32
                + 1;
            Entry {
                id: format!("glossary:{slug}").into(),
                path: path.into(),
                origin: Origin::Glossary,
                term: item.term.clone().into(),
                aliases: item.aliases.iter().map(|a| a.clone().into()).collect(),
                category: "workspace glossary".into(),
                related,
                senses: Vec::new(),
                sources: vec![Source {
                    title: file_name.into(),
                    section: item.section.clone().map(Into::into),
                    url: None,
                }],
                definition: item.definition.clone().into(),
                facts: Vec::new(),
                tradeoffs: Vec::new(),
                misconceptions: Vec::new(),
                known: Default::default(),
                contexts: Vec::new(),
                concerns: Vec::new(),
                concerns_from: Vec::new(),
                body_line: line,
                file: Some(path.into()),
                line,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use crate::document::Document;

    fn check(path: &str, text: &str, expect: Expect) {
        let doc = Document::new(text.into(), Some(path.into()));
        let shown: String = super::glossary(&doc)
            .into_iter()
            .map(|it| {
                format!(
                    "{:?} {:?} = {:?} [{}]\n",
                    &text[it.range.clone()],
                    it.aliases,
                    it.definition,
                    it.section.unwrap_or_default()
                )
            })
            .collect();
        expect.assert_eq(&shown);
    }

    #[test]
    fn list_items_paragraphs_tables_and_subheadings() {
        check(
            "/w/docs/rfc.md",
            "# Design\n\n- **Pros**: fast.\n\n## Glossary\n\n- **Hot shard**: a shard that takes\n  most writes.\n- **Recovery point objective (RPO):** data we may lose.\n- Fan-out - one write to many inboxes.\n- not a definition at all\n\n**Tenant** — one paying customer.\n\n| Term | Meaning |\n|---|---|\n| Cell | a slice of the fleet |\n\n### Blast radius\n\nWhat one failure takes down.\n\n## Design\n\n- **Cons**: slow.\n",
            expect![[r#"
                "Hot shard" [] = "a shard that takes most writes." [Glossary]
                "Recovery point objective" ["RPO"] = "data we may lose." [Glossary]
                "Fan-out" [] = "one write to many inboxes." [Glossary]
                "Tenant" [] = "one paying customer." [Glossary]
                "Cell" [] = "a slice of the fleet" [Glossary]
                "Blast radius" [] = "What one failure takes down." [Glossary]
            "#]],
        );
    }

    #[test]
    fn glossary_files_and_numbered_titles() {
        check(
            "/w/docs/glossary.md",
            "# Our words\n\n- **Shard key**: the column rows are split by.\n",
            expect![[r#"
                "Shard key" [] = "the column rows are split by." []
            "#]],
        );
        check(
            "/w/docs/a.md",
            "## 7. Terms and definitions\n\n* **SLI**: what we measure.\n",
            expect![[r#"
                "SLI" [] = "what we measure." [7. Terms and definitions]
            "#]],
        );
    }

    #[test]
    fn the_text_test_finds_glossary_headings_only() {
        use super::may_define_terms;
        assert!(may_define_terms(Some("/w/glossary.md"), ""));
        assert!(may_define_terms(None, "# A\n\n## 3. Glossary\n"));
        assert!(may_define_terms(None, "Terminology\n-----------\n"));
        assert!(!may_define_terms(
            None,
            "# A\n\nA glossary, in terms of definitions.\n"
        ));
        assert!(!may_define_terms(None, "- a\n---\n"));
    }

    #[test]
    fn nothing_outside_glossaries_or_without_a_definition() {
        check(
            "/w/docs/a.md",
            "# Options\n\n- **Option A**: Redis.\n\nTerm: not a list.\n",
            expect![""],
        );
        check(
            "/w/docs/a.md",
            "## Glossary\n\n- **Lonely**\n- **A sentence that is much too long to be a term**: x\n- Ends with a period.: x\n",
            expect![""],
        );
    }
}
