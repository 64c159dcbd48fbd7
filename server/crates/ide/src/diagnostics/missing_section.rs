//! Diagnostic: missing-section
//!
//! Flags a design doc that lacks a section its project requires. The required sections
//! come from `[sections.<kind>]` in the project's `tradeoff.toml`; without one, this rule
//! has nothing to check.

use crate::design_doc::heading_title;
use crate::diagnostics::{Finding, RuleCtx, RuleInfo, Severity};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "missing-section",
    default_severity: Severity::Warning,
    default_enabled: true,
    summary: "A design doc without a section its project's tradeoff.toml requires",
    explanation: "Projects can require sections per kind of design doc in `tradeoff.toml`, with \
the heading titles that count:\n\n```toml\n[sections.rfc]\nmotivation = [\"Motivation\", \"Why\"]\n\
rollout = [\"Rollout\", \"Migration\"]\n```\n\nA heading at levels 1 to 4 whose title contains \
one of the names (in any case) satisfies the requirement. A section named `tradeoffs` changes \
what the `missing-tradeoffs` rule accepts instead.",
};

pub(crate) fn check(ctx: &RuleCtx, acc: &mut Vec<Finding>) {
    let Some(kind) = ctx.kind else { return };
    let Some(rules) = ctx.config.sections.get(&kind) else {
        return;
    };
    let text = &*ctx.doc.text;
    let titles: Vec<String> = ctx
        .headings
        .iter()
        .filter(|h| h.level <= 4)
        .map(|h| heading_title(text, h))
        .collect();
    let anchor = match ctx.headings.first() {
        Some(h) => h.title.clone(),
        None => 0..text.find('\n').unwrap_or(text.len()),
    };
    for rule in rules
        .iter()
        .filter(|r| !r.name.eq_ignore_ascii_case("tradeoffs"))
    {
        let found = rule.accepted.iter().any(|name| {
            let name = name.to_lowercase();
            titles.iter().any(|t| t.contains(&name))
        });
        if !found {
            acc.push(Finding::new(
                anchor.clone(),
                format!(
                    "This {} has no \"{}\" section, which the project's tradeoff.toml requires (titles that count: {})",
                    kind.name(),
                    rule.name,
                    rule.accepted.join(", ")
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::{Analysis, DiagnosticsConfig, DocKind, Document, SectionRule};

    fn config() -> DiagnosticsConfig {
        let mut config = DiagnosticsConfig::default();
        config.sections.insert(
            DocKind::Rfc,
            vec![
                SectionRule {
                    name: "motivation".into(),
                    accepted: vec!["Motivation".into(), "Why".into()],
                },
                SectionRule {
                    name: "tradeoffs".into(),
                    accepted: vec!["Costs".into()],
                },
            ],
        );
        config
    }

    fn codes(text: &str) -> Vec<String> {
        let analysis = Analysis::new(Arc::default()).with_config(config());
        let doc = Document::new(text.into(), Some("/r/rfcs/0001-x.md".into()));
        analysis
            .diagnostics(&doc)
            .into_iter()
            .map(|d| format!("{}: {}", d.code, d.message))
            .collect()
    }

    #[test]
    fn required_sections_come_from_the_config() {
        assert_eq!(
            codes("# X\n\n## Costs\n\nMore servers.\n"),
            [
                "missing-section: This RFC has no \"motivation\" section, which the project's tradeoff.toml requires (titles that count: Motivation, Why)"
            ]
        );
        assert!(codes("# X\n\n## Why now\n\nLoad.\n\n## Costs\n\nMore servers.\n").is_empty());
        // The configured names replace the built-in ones for missing-tradeoffs.
        let found = codes("# X\n\n## Why\n\nLoad.\n\n## Drawbacks\n\nMore servers.\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("missing-tradeoffs"), "{found:?}");
    }
}
