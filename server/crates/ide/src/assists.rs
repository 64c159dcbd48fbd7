//! Feature: Quick fixes
//!
//! For each finding under the cursor: add a suppression comment for its line; for a
//! design doc with no tradeoffs section, insert one at the conventional place for the
//! document's kind (Consequences in an ADR, Drawbacks in an RFC, Tradeoffs otherwise),
//! before closing sections such as "Unresolved questions" or "References"; for dated
//! terminology, replace the term.

use std::ops::Range;

use crate::design_doc::{DocKind, heading_title};
use crate::{Analysis, Diagnostic, Document};

/// A fix: a label and the text edits that apply it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assist {
    /// What the editor shows.
    pub label: String,
    /// The diagnostic it fixes.
    pub diagnostic: Diagnostic,
    /// Replacements of byte ranges of the document, non-overlapping.
    pub edits: Vec<(Range<usize>, String)>,
    /// True for the fix an editor may apply without asking.
    pub preferred: bool,
}

/// Sections that close a document; a new tradeoffs section goes before them.
const CLOSING: &[&str] = &[
    "unresolved questions",
    "open questions",
    "future work",
    "future possibilities",
    "references",
    "appendix",
    "links",
    "more information",
    "related work",
];

pub(crate) fn assists(analysis: &Analysis, doc: &Document, range: Range<usize>) -> Vec<Assist> {
    let mut res = Vec::new();
    for d in analysis.diagnostics(doc) {
        let overlaps = d.range.start <= range.end && range.start <= d.range.end;
        if !overlaps {
            continue;
        }
        match d.code {
            "missing-tradeoffs" if d.message.starts_with("This ") => {
                if let Some(kind) = analysis.doc_kind(doc) {
                    res.push(insert_section(analysis, doc, kind, &d));
                }
            }
            "review-questions" => {
                res.push(add_open_question(doc, &d));
            }
            "master-slave-terminology" => {
                let flagged = doc.text.get(d.range.clone()).unwrap_or("");
                if let Some(new) = crate::diagnostics::terminology_replacement(flagged) {
                    res.push(Assist {
                        label: format!("Replace with \"{new}\""),
                        diagnostic: d.clone(),
                        edits: vec![(d.range.clone(), new)],
                        preferred: true,
                    });
                }
            }
            _ => {}
        }
        res.push(suppress_line(doc, &d));
    }
    res
}

/// Sections an open review question goes under, best first.
const OPEN_ITEMS: &[&[&str]] = &[
    &["open question", "unresolved question", "open issue"],
    &["risk"],
    &[
        "tradeoff",
        "trade-off",
        "trade off",
        "drawback",
        "consequence",
    ],
];

/// Adds the question of a `review-questions` finding as an open item at the end of the
/// document's open-questions, risks or tradeoffs section, or in a new "Open questions"
/// section when there is none.
fn add_open_question(doc: &Document, d: &Diagnostic) -> Assist {
    let text = &*doc.text;
    let headings = syntax::headings(&doc.tree, text);
    let item = format!("- [ ] {}\n", d.message);
    let found = OPEN_ITEMS.iter().find_map(|names| {
        headings.iter().enumerate().find(|(_, h)| {
            let title = heading_title(text, h);
            names.iter().any(|n| title.contains(n))
        })
    });
    let (at, new_text) = match found {
        Some((i, h)) => {
            let end = headings[i + 1..]
                .iter()
                .find(|next| next.level <= h.level)
                .map_or(text.len(), |next| next.range.start);
            // After the section's last non-blank line.
            let start = h.range.end.min(end);
            let body = &text[start..end];
            let kept = body.trim_end().len();
            if kept == 0 {
                let sep = if text[..start].ends_with('\n') {
                    ""
                } else {
                    "\n"
                };
                (start, format!("{sep}\n{item}"))
            } else {
                let last = body[..kept].lines().last().unwrap_or("").trim_start();
                let sep = if last.starts_with(['-', '*', '+']) {
                    "\n"
                } else {
                    "\n\n"
                };
                (start + kept, format!("{sep}{}", item.trim_end()))
            }
        }
        None => {
            let level = section_level(&headings);
            let section = format!("{} Open questions\n\n{item}", "#".repeat(level as usize));
            let closing = headings.iter().find(|h| {
                h.level <= level
                    && CLOSING[2..]
                        .iter()
                        .any(|c| heading_title(text, h).starts_with(c))
            });
            match closing {
                Some(h) => (h.range.start, format!("{section}\n")),
                None => (text.len(), format!("{}{section}", separator(text))),
            }
        }
    };
    Assist {
        label: "Add the question to the open questions".to_owned(),
        diagnostic: d.clone(),
        edits: vec![(at..at, new_text)],
        preferred: true,
    }
}

/// What goes between the end of `text` and a new section.
fn separator(text: &str) -> &'static str {
    if text.ends_with("\n\n") || text.is_empty() {
        ""
    } else if text.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    }
}

/// The draft of a tradeoffs section for a document that adopts known concepts: one bullet
/// per concept with the cost its entry states, then the open review questions.
fn draft(analysis: &Analysis, doc: &Document) -> Option<String> {
    use crate::diagnostics::review_questions as review;
    let kb = analysis.knowledge();
    let book = &analysis.compiled().review;
    let (mentions, answered) = review::scan(kb, book, doc);
    let headings = syntax::headings(&doc.tree, &doc.text);
    let adopted = review::adopted(&doc.text, &headings, &mentions);
    let mut out = String::new();
    for &id in adopted.iter().take(8) {
        let entry = kb.entry(id);
        if let Some(cost) = entry.tradeoffs.first() {
            out.push_str(&format!("- {}: {}\n", entry.term, cost));
        }
    }
    if out.is_empty() {
        return None;
    }
    let questions = review::questions(kb, book, &doc.text, &headings, &mentions, &answered);
    if !questions.is_empty() {
        out.push_str("\nOpen questions:\n\n");
        for q in questions {
            out.push_str(&format!("- [ ] {}\n", review::message(kb, &q)));
        }
    }
    Some(out)
}

/// The level of a new section: that of the document's top sections below the title
/// (`##` when there are none), never deeper than `####`.
fn section_level(headings: &[syntax::Heading]) -> u8 {
    headings
        .iter()
        .map(|h| h.level)
        .filter(|&l| l > 1)
        .min()
        .unwrap_or(2)
        .min(4)
}

fn insert_section(analysis: &Analysis, doc: &Document, kind: DocKind, d: &Diagnostic) -> Assist {
    let text = &*doc.text;
    let headings = syntax::headings(&doc.tree, text);
    let level = section_level(&headings);
    let title = match kind {
        DocKind::Adr => "Consequences",
        DocKind::Rfc => "Drawbacks",
        DocKind::DesignDoc => "Tradeoffs",
    };
    let closing = headings.iter().find(|h| {
        h.level <= level
            && CLOSING
                .iter()
                .any(|c| heading_title(text, h).starts_with(c))
    });
    let hashes = "#".repeat(level as usize);
    let section = match draft(analysis, doc) {
        Some(body) => format!(
            "{hashes} {title}\n\n<!-- A draft from the concepts this design adopts: edit it. What else was considered, and why did it lose? -->\n\n{body}"
        ),
        None => format!(
            "{hashes} {title}\n\n<!-- What does this design give up? What else was considered, and why did it lose? -->\n\n- \n"
        ),
    };
    let (at, new_text) = match closing {
        Some(h) => (h.range.start, format!("{section}\n")),
        None => {
            let sep = if text.ends_with("\n\n") || text.is_empty() {
                ""
            } else if text.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            (text.len(), format!("{sep}{section}"))
        }
    };
    Assist {
        label: format!("Add a \"{title}\" section"),
        diagnostic: d.clone(),
        edits: vec![(at..at, new_text)],
        preferred: true,
    }
}

fn suppress_line(doc: &Document, d: &Diagnostic) -> Assist {
    let text = &*doc.text;
    let start = d.range.start.min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let indent: String = text[line_start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    Assist {
        label: format!("Disable {} for this line", d.code),
        diagnostic: d.clone(),
        edits: vec![(
            line_start..line_start,
            format!("{indent}<!-- tradeoff-disable-next-line {} -->\n", d.code),
        )],
        preferred: false,
    }
}

#[cfg(test)]
mod tests {
    use crate::fixture;

    fn apply(fixture: &str, label_prefix: &str) -> String {
        let (analysis, doc, offset) = fixture::with_cursor(fixture);
        let assists = analysis.assists(&doc, offset..offset);
        let assist = assists
            .iter()
            .find(|a| a.label.starts_with(label_prefix))
            .unwrap_or_else(|| {
                panic!(
                    "no {label_prefix:?} in {:?}",
                    assists.iter().map(|a| &a.label).collect::<Vec<_>>()
                )
            });
        let mut text = doc.text.to_string();
        for (range, new) in assist.edits.iter().rev() {
            text.replace_range(range.clone(), new);
        }
        // The fix must leave the document without that finding (or with the section empty).
        text
    }

    #[test]
    fn inserts_a_section_before_closing_sections() {
        let fixed = apply(
            "//- /repo/rfcs/0001-x.md\n# $0Cache\n\n## Motivation\n\nSlow.\n\n## Unresolved questions\n\nNone.\n",
            "Add a \"Drawbacks\" section",
        );
        assert_eq!(
            fixed,
            "# Cache\n\n## Motivation\n\nSlow.\n\n## Drawbacks\n\n<!-- What does this design give up? What else was considered, and why did it lose? -->\n\n- \n\n## Unresolved questions\n\nNone.\n"
        );
        let (analysis, doc) = fixture::parse(&format!("//- /repo/rfcs/0001-x.md\n{fixed}"));
        let messages: Vec<String> = analysis
            .diagnostics(&doc)
            .into_iter()
            .map(|d| d.message)
            .collect();
        assert!(
            messages[0].contains("\"Drawbacks\" section is empty"),
            "{messages:?}"
        );
    }

    #[test]
    fn adr_gets_consequences_at_the_end() {
        let fixed = apply(
            "//- /repo/adr/0001-format.md\n# $0Use the new format\n\n## Decision\n\nThe new format.",
            "Add a \"Consequences\"",
        );
        assert!(fixed.ends_with("format.\n\n## Consequences\n\n<!-- What does this design give up? What else was considered, and why did it lose? -->\n\n- \n"), "{fixed}");
    }

    #[test]
    fn drafts_the_section_from_the_adopted_concepts() {
        let fixed = apply(
            "//- /repo/adr/0001-kafka.md\n# $0Use Kafka\n\n## Context\n\nWe looked at a write-behind cache.\n\n## Decision\n\nWe will publish order events to Kafka and put a write-behind cache in front of the orders table.\n",
            "Add a \"Consequences\"",
        );
        let section = &fixed[fixed.find("## Consequences").unwrap()..];
        expect_test::expect![[r#"
            ## Consequences

            <!-- A draft from the concepts this design adopts: edit it. What else was considered, and why did it lose? -->

            - Apache Kafka: Delivery is at-least-once by default; consumers must be idempotent or use Kafka's transactions for exactly-once processing within Kafka.
            - Write-behind cache: Data is lost if the cache fails before its contents reach the database.

            Open questions:

            - [ ] Apache Kafka: how do consumers avoid reprocessing or skipping messages when offsets are committed around a crash?
            - [ ] Apache Kafka: what is the partition key, and what ordering do consumers rely on?
            - [ ] Write-behind cache: what happens to writes acknowledged but not yet flushed when a cache node fails?
        "#]]
        .assert_eq(section);
        // The draft leaves no missing-tradeoffs warning and no question unlisted.
        let (analysis, doc) = fixture::parse(&format!("//- /repo/adr/0001-kafka.md\n{fixed}"));
        let codes: Vec<&str> = analysis.diagnostics(&doc).iter().map(|d| d.code).collect();
        assert!(
            !codes.contains(&"missing-tradeoffs") && !codes.contains(&"review-questions"),
            "{codes:?}"
        );
    }

    #[test]
    fn adds_a_review_question_to_the_open_items() {
        let doc = "//- /repo/design/a.md\n# A\n\n## Motivation\n\nSlow.\n\n## Proposal\n\nWe put a write-behind $0cache in front.\n\n## Risks\n\n- Cost.\n\n## References\n\nNone.\n";
        let fixed = apply(doc, "Add the question");
        assert!(
            fixed.contains("## Risks\n\n- Cost.\n- [ ] Write-behind cache: what happens to writes acknowledged but not yet flushed when a cache node fails?\n\n## References"),
            "{fixed}"
        );
        let (analysis, doc) = fixture::parse(&format!("//- /repo/design/a.md\n{fixed}"));
        assert!(
            !analysis
                .diagnostics(&doc)
                .iter()
                .any(|d| d.code == "review-questions")
        );
        // Without such a section, one is created before the references.
        let fixed = apply(
            "//- /repo/design/a.md\n# A\n\n## Motivation\n\nSlow.\n\n## Proposal\n\nWe put a write-behind $0cache in front.\n\n## Alternatives\n\nNone.\n\n## References\n\nNone.\n",
            "Add the question",
        );
        assert!(
            fixed.contains("## Open questions\n\n- [ ] Write-behind cache: what happens to writes acknowledged but not yet flushed when a cache node fails?\n\n## References"),
            "{fixed}"
        );
    }

    #[test]
    fn replaces_terminology_and_suppresses_a_line() {
        assert_eq!(
            apply(
                "//- /docs/x.md\nWe use master-sl$0ave replication.\n",
                "Replace"
            ),
            "We use primary-replica replication.\n"
        );
        let fixed = apply(
            "//- /docs/x.md\n- POST is idem$0potent.\n",
            "Disable http-method-semantics",
        );
        assert_eq!(
            fixed,
            "<!-- tradeoff-disable-next-line http-method-semantics -->\n- POST is idempotent.\n"
        );
        let (analysis, doc) = fixture::parse(&format!("//- /docs/x.md\n{fixed}"));
        assert!(analysis.diagnostics(&doc).is_empty());
    }
}
