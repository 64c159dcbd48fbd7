//! Feature: Quick fixes
//!
//! For each finding under the cursor: the fix its rule attached (each rule computes its
//! own in its file under `diagnostics/`: a tradeoffs section for a design doc without one,
//! an open question for a review question, a replacement for dated terminology, ...), and
//! a suppression comment for its line.

use crate::document::Document;
use crate::{Analysis, Diagnostic};

/// A fix: a label and the text edits that apply it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assist {
    /// What the editor shows.
    pub label: String,
    /// The diagnostic it fixes.
    pub diagnostic: Diagnostic,
    /// Replacements of byte ranges of the document, non-overlapping.
    pub edits: Vec<(std::ops::Range<usize>, String)>,
    /// True for the fix an editor may apply without asking.
    pub preferred: bool,
}

pub(crate) fn assists(
    analysis: &Analysis,
    doc: &Document,
    range: std::ops::Range<usize>,
) -> Vec<Assist> {
    let mut res = Vec::new();
    for mut d in analysis.diagnostics_with_fixes(doc) {
        let overlaps = d.range.start <= range.end && range.start <= d.range.end;
        if !overlaps {
            continue;
        }
        if let Some(fix) = d.fix.take() {
            res.push(Assist {
                label: fix.label,
                diagnostic: d.clone(),
                edits: fix.edits,
                preferred: true,
            });
        }
        res.push(suppress_line(doc, &d));
    }
    res
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
            "//- /repo/adr/0001-kafka.md\n# $0Use Kafka\n\n## Context\n\nWe looked at a write-behind cache.\n\n## Decision\n\nWe will publish order events to Kafka for billing to consume and put a write-behind cache in front of the orders table.\n",
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
