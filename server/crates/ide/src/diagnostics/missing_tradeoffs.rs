//! Diagnostic: missing-tradeoffs
//!
//! A design doc must say what it gives up. This rule fires on a design doc (an RFC, ADR
//! or design doc, see `design_doc.rs`) that has no section about tradeoffs, drawbacks,
//! alternatives, risks or consequences at heading levels 1 to 4, or whose only such
//! section is empty or a placeholder ("TBD", "N/A"). Section names are matched on
//! keywords, so "Trade-offs and mitigations", "Rationale and alternatives", "Pros and
//! cons of the options" and "Consequences" all count. Other markdown is never checked.

use crate::design_doc::{DocKind, heading_title};
use crate::diagnostics::fix::{self, Fix};
use crate::diagnostics::{Finding, RuleCtx, RuleInfo, Severity, review_questions};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "missing-tradeoffs",
    default_severity: Severity::Warning,
    default_enabled: true,
    summary: "A design doc with no tradeoffs, drawbacks or alternatives section, or an empty one",
    explanation: "Every design gives something up. A design doc that does not say what, and \
what else was considered, leaves reviewers to find out, or not. Add a section such as \
`## Tradeoffs`, `## Drawbacks`, `## Alternatives considered`, `## Risks and mitigations` or, \
in an ADR, `## Consequences`, and fill it: a placeholder such as \"TBD\" does not count.\n\n\
The rule only runs on design docs: files under `rfcs/`, `adr/`, `decisions/`, `design/`, \
`proposals/` and similar folders, files whose front matter marks them, and files with at \
least two headings that design docs have (Motivation, Proposal, Non-goals, Decision, ...). \
Put `tradeoff: off` in a file's front matter to exempt it.",
};

/// Words that make a heading a tradeoffs-like section.
const KEYWORDS: &[&str] = &[
    "tradeoff",
    "trade-off",
    "trade off",
    "drawback",
    "alternative",
    "rationale",
    "risk",
    "consequence",
    "considered option",
    "options considered",
    "pros and cons",
    "limitation",
    "downside",
    "disadvantage",
    "caveat",
];

/// What an unfilled section says.
const PLACEHOLDERS: &[&str] = &[
    "",
    "tbd",
    "tba",
    "todo",
    "to do",
    "n/a",
    "na",
    "to be determined",
    "to be decided",
    "to be done",
    "coming soon",
    "fill in",
    "fill me in",
    "wip",
    "...",
    "…",
    "?",
];

pub(crate) fn check(ctx: &RuleCtx, acc: &mut Vec<Finding>) {
    let Some(kind) = ctx.kind else { return };
    let text = &*ctx.doc.text;
    // A stub ("Moved to ...") has no sections to review, and headings in a language we do
    // not read cannot be matched.
    if ctx.headings.len() < 2 || !mostly_latin(text, ctx.headings) {
        return;
    }
    // A project's tradeoff.toml may name the accepted titles itself.
    let configured: Option<Vec<String>> = ctx.config.sections.get(&kind).and_then(|rules| {
        let rule = rules
            .iter()
            .find(|r| r.name.eq_ignore_ascii_case("tradeoffs"))?;
        Some(rule.accepted.iter().map(|a| a.to_lowercase()).collect())
    });
    let mut first_empty = None;
    for (i, heading) in ctx.headings.iter().enumerate() {
        let title = heading_title(text, heading);
        let counts = match &configured {
            Some(names) => names.iter().any(|n| title.contains(n.as_str())),
            None => is_tradeoffs_title(&title),
        };
        if heading.level > 4 || !counts {
            continue;
        }
        let end = ctx.headings[i + 1..]
            .iter()
            .find(|h| h.level <= heading.level)
            .map_or(text.len(), |h| h.range.start);
        let body = text.get(heading.range.end..end).unwrap_or("");
        if !is_placeholder(body) {
            return;
        }
        // An empty optional section ("Caveats (Optional)") is not worth a warning itself.
        if title.contains("optional") {
            continue;
        }
        first_empty.get_or_insert(heading);
    }
    match first_empty {
        Some(heading) => {
            let name = text.get(heading.title.clone()).unwrap_or("").trim();
            acc.push(Finding::new(
                heading.title.clone(),
                format!(
                    "The \"{name}\" section is empty: say what this design gives up, and which \
                     alternatives were considered and why they lost"
                ),
            ));
        }
        None => {
            let range = match ctx.headings.first() {
                Some(h) => h.title.clone(),
                None => 0..text.find('\n').unwrap_or(text.len()),
            };
            let finding = Finding::new(
                range,
                format!(
                    "This {} has no tradeoffs section: add one (for example \"## Tradeoffs\", \
                     \"## Alternatives considered\" or \"## Drawbacks\") that says what the design \
                     gives up and what else was considered",
                    kind.name()
                ),
            );
            acc.push(finding.with_fix(ctx.fixes.then(|| add_section(ctx, kind))));
        }
    }
}

/// The fix: a tradeoffs section under the name the kind of document uses (Consequences in
/// an ADR, Drawbacks in an RFC, Tradeoffs otherwise), before closing sections such as
/// "Unresolved questions" or "References", drafted from the concepts the design adopts.
fn add_section(ctx: &RuleCtx, kind: DocKind) -> Fix {
    let text = &*ctx.doc.text;
    let level = fix::section_level(ctx.headings);
    let title = match kind {
        DocKind::Adr => "Consequences",
        DocKind::Rfc => "Drawbacks",
        DocKind::DesignDoc => "Tradeoffs",
    };
    let hashes = "#".repeat(level as usize);
    let section = match draft(ctx) {
        Some(body) => format!(
            "{hashes} {title}\n\n<!-- A draft from the concepts this design adopts: edit it. What else was considered, and why did it lose? -->\n\n{body}"
        ),
        None => format!(
            "{hashes} {title}\n\n<!-- What does this design give up? What else was considered, and why did it lose? -->\n\n- \n"
        ),
    };
    let (at, new_text) = fix::insert_section(text, ctx.headings, level, fix::CLOSING, section);
    Fix::replace(format!("Add a \"{title}\" section"), at..at, new_text)
}

/// The draft of a tradeoffs section for a document that adopts known concepts: one bullet
/// per concept with the cost its entry states, then the open review questions.
fn draft(ctx: &RuleCtx) -> Option<String> {
    let kb = ctx.kb;
    let doc = ctx.doc;
    let (mentions, answered) = review_questions::scan(kb, &ctx.compiled.review, doc);
    let adopted = review_questions::adopted(&doc.text, ctx.headings, &mentions);
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
    let questions = review_questions::questions(
        kb,
        &ctx.compiled.review,
        &doc.text,
        ctx.headings,
        &mentions,
        &answered,
    );
    if !questions.is_empty() {
        out.push_str("\nOpen questions:\n\n");
        for q in questions {
            out.push_str(&format!("- [ ] {}\n", review_questions::message(kb, &q)));
        }
    }
    Some(out)
}

/// True when most letters of the headings are Latin.
fn mostly_latin(text: &str, headings: &[syntax::Heading]) -> bool {
    let (mut latin, mut all) = (0usize, 0usize);
    for h in headings {
        for c in text
            .get(h.title.clone())
            .unwrap_or("")
            .chars()
            .filter(|c| c.is_alphabetic())
        {
            all += 1;
            latin += usize::from(c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c));
        }
    }
    all == 0 || latin * 2 >= all
}

fn is_tradeoffs_title(title: &str) -> bool {
    KEYWORDS.iter().any(|k| title.contains(k))
        || title
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == "cons")
}

/// True when the section body holds nothing but comments, bullets and placeholders.
fn is_placeholder(body: &str) -> bool {
    let mut rest = body;
    let mut kept = String::new();
    while let Some(start) = rest.find("<!--") {
        kept.push_str(&rest[..start]);
        rest = match rest[start..].find("-->") {
            Some(end) => &rest[start + end + 3..],
            None => "",
        };
    }
    kept.push_str(rest);
    kept.lines().all(|line| {
        let line = line
            .trim()
            .trim_start_matches(['-', '*', '+', '>', ' '])
            .trim_matches(|c: char| {
                c == '*' || c == '_' || c == '.' || c == ':' || c.is_whitespace()
            })
            .to_lowercase();
        PLACEHOLDERS.contains(&line.as_str())
    })
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::diagnostics::tests::show;

    #[test]
    fn flags_a_design_doc_without_tradeoffs() {
        expect![[r###"
            1 "Use Kafka" "missing-tradeoffs": This ADR has no tradeoffs section: add one (for example "## Tradeoffs", "## Alternatives considered" or "## Drawbacks") that says what the design gives up and what else was considered
            9 "Kafka" "review-questions": Apache Kafka: how do consumers avoid reprocessing or skipping messages when offsets are committed around a crash?
            9 "Kafka" "review-questions": Apache Kafka: what is the partition key, and what ordering do consumers rely on?
        "###]]
        .assert_eq(&show("//- /repo/adr/0001-kafka.md\n# Use Kafka\n\n## Context\n\nWe need a queue.\n\n## Decision\n\nKafka, for the order events that billing consumes.\n"));
    }

    #[test]
    fn accepts_the_many_names_of_the_section() {
        for title in [
            "Tradeoffs",
            "Trade-offs and mitigations",
            "Drawbacks",
            "Alternatives considered",
            "Rationale and alternatives",
            "Risks and Mitigations",
            "Consequences",
            "Considered Options",
            "Pros and Cons of the Options",
            "Limitations",
            "Downsides",
            "5. Alternatives",
            "**Cons**",
        ] {
            for level in ["#", "##", "###", "####"] {
                let doc = format!(
                    "//- /repo/rfcs/0001-x.md\n# X\n\n{level} {title}\n\n- Bad, because it costs more.\n"
                );
                assert_eq!(show(&doc), "", "{level} {title}");
            }
        }
    }

    #[test]
    fn flags_an_empty_or_placeholder_section() {
        expect![[r#"
            3 "Drawbacks" "missing-tradeoffs": The "Drawbacks" section is empty: say what this design gives up, and which alternatives were considered and why they lost
        "#]]
        .assert_eq(&show("//- /repo/rfcs/0001-x.md\n# X\n\n## Drawbacks\n\nTBD\n\n## Other\n\nText.\n"));
        for body in ["", "N/A", "- TBD", "<!-- fill this in -->", "*TODO*", "..."] {
            let doc = format!("//- /repo/rfcs/0001-x.md\n# X\n\n## Alternatives\n\n{body}\n");
            assert!(show(&doc).contains("is empty"), "{body:?}");
        }
    }

    #[test]
    fn subsections_with_content_count() {
        let doc = "//- /repo/rfcs/0001-x.md\n# X\n\n## Alternatives\n\n### Use Redis\n\nFaster, less durable.\n";
        assert_eq!(show(doc), "");
    }

    #[test]
    fn stubs_and_other_languages_are_skipped() {
        assert_eq!(
            show("//- /repo/rfcs/0001-x.md\nMoved to [0002](0002-y.md).\n"),
            ""
        );
        assert_eq!(
            show("//- /repo/rfcs/0001-x.md\n# 概要\n\n## 動機\n\nテキスト。\n"),
            ""
        );
    }

    #[test]
    fn level_five_does_not_count() {
        let doc = "//- /repo/rfcs/0001-x.md\n# X\n\n##### Drawbacks\n\nSome.\n";
        assert!(show(doc).contains("no tradeoffs section"));
    }

    #[test]
    fn silent_on_tutorials_and_readmes() {
        assert_eq!(
            show("//- /repo/README.md\n# Tool\n\n## Motivation\n\n## Proposal\n"),
            ""
        );
        assert_eq!(
            show("//- /repo/docs/tutorial.md\n# Getting started\n\n## Install\n\nRun it.\n"),
            ""
        );
    }

    #[test]
    fn detected_by_headings_alone() {
        let doc =
            "//- /repo/notes/x.md\n# Cache\n\n## Motivation\n\nSlow.\n\n## Proposal\n\nAdd one.\n";
        assert!(show(doc).contains("This RFC has no tradeoffs section"));
    }
}
