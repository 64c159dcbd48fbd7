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
                    res.push(insert_section(doc, kind, &d));
                }
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

fn insert_section(doc: &Document, kind: DocKind, d: &Diagnostic) -> Assist {
    let text = &*doc.text;
    let headings = syntax::headings(&doc.tree, text);
    let level = headings
        .iter()
        .map(|h| h.level)
        .filter(|&l| l > 1)
        .min()
        .unwrap_or(2)
        .min(4);
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
    let section = format!(
        "{hashes} {title}\n\n<!-- What does this design give up? What else was considered, and why did it lose? -->\n\n- \n"
    );
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
            "//- /repo/adr/0001-kafka.md\n# $0Use Kafka\n\n## Decision\n\nKafka.",
            "Add a \"Consequences\"",
        );
        assert!(fixed.ends_with("Kafka.\n\n## Consequences\n\n<!-- What does this design give up? What else was considered, and why did it lose? -->\n\n- \n"), "{fixed}");
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
