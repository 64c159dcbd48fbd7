//! Feature: Diagnostics
//!
//! The review a careful senior engineer gives a design doc. Each rule lives in its own
//! file, has a stable kebab-case code and a default severity, and is registered in
//! [`DOCUMENT_RULES`] (headings and kind of document) or [`BLOCK_RULES`] (the sentences of
//! one block). A rule's `check` pushes [`Finding`]s with the [`Fix`] it offers attached.
//! The claim engine (`crate::facts`) reports under the family rules its entries name. The
//! run over a document and its per-chunk cache are in `cache.rs`. Rules stay silent unless
//! they are sure: a false alarm costs more than a miss.

mod availability_math;
mod cache;
mod cache_strategy_claims;
mod cap_misuse;
mod consistency_confusion;
mod contradicts_knowledge;
mod fix;
mod http_method_semantics;
mod l4_content_routing;
mod master_slave_terminology;

pub(crate) use availability_math::availability_hints;
pub(crate) use cache::diagnostics;
pub use cache::{DiagnosticsCache, RunStats};
pub use fix::Fix;
mod missing_section;
mod missing_tradeoffs;
pub(crate) mod review_questions;
mod service_level_terms;
mod suppress;
mod transport_guarantees;
mod whitelist_blacklist_terminology;

use std::collections::HashMap;
use std::ops::Range;

use crate::claims::{Clause, Pattern};
use crate::design_doc::DocKind;
use crate::document::Document;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Wrong, and will mislead readers.
    Error,
    /// Probably wrong, or a gap a reviewer would raise.
    Warning,
    /// Worth knowing.
    Info,
    /// A suggestion.
    Hint,
}

impl Severity {
    /// The lowercase name used in config files and output.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }

    /// Parses a name as written in config files.
    pub fn from_name(name: &str) -> Option<Severity> {
        Some(match name.to_ascii_lowercase().as_str() {
            "error" => Severity::Error,
            "warning" | "warn" => Severity::Warning,
            "info" | "information" => Severity::Info,
            "hint" => Severity::Hint,
            _ => return None,
        })
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The bytes the finding is about.
    pub range: Range<usize>,
    /// How serious it is.
    pub severity: Severity,
    /// The rule's code.
    pub code: &'static str,
    /// What is wrong, and what is true.
    pub message: String,
    /// Why it matters, in a sentence (the LSP diagnostic's related information).
    pub related: Option<String>,
    /// The rule's quick fix, when it has one and it was asked for (see
    /// [`crate::Analysis::assists`]; plain diagnostics runs leave it out).
    pub fix: Option<Fix>,
}

/// What a rule finds: the bytes, the message and the quick fix it offers.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub range: Range<usize>,
    pub message: String,
    pub fix: Option<Fix>,
}

impl Finding {
    /// A finding without a fix.
    pub(crate) fn new(range: Range<usize>, message: impl Into<String>) -> Finding {
        Finding {
            range,
            message: message.into(),
            fix: None,
        }
    }

    /// The finding with `fix` attached.
    pub(crate) fn with_fix(self, fix: Option<Fix>) -> Finding {
        Finding { fix, ..self }
    }
}

/// A rule's description, for `tradeoff rules` and `tradeoff explain RULE`.
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    /// Stable kebab-case code.
    pub code: &'static str,
    /// The severity when the config says nothing.
    pub default_severity: Severity,
    /// Whether the rule runs when the config says nothing.
    pub default_enabled: bool,
    /// One line.
    pub summary: &'static str,
    /// A paragraph or two of markdown: why it matters, what to write instead.
    pub explanation: &'static str,
}

/// Settings of the diagnostics.
#[derive(Debug, Clone, Default)]
pub struct DiagnosticsConfig {
    /// Per rule code: `None` turns the rule off, `Some` sets its severity.
    pub rules: HashMap<String, Option<Severity>>,
    /// Paths that are design docs whatever their headings say.
    pub design_docs: globset::GlobSet,
    /// Documents larger than this many bytes are not reviewed (one `file-too-large` note
    /// says so); `None` means [`DEFAULT_MAX_REVIEW_BYTES`].
    pub max_review_bytes: Option<usize>,
    /// Sections each kind of design doc must have. A section named `tradeoffs` replaces
    /// the built-in names the `missing-tradeoffs` rule accepts.
    pub sections: HashMap<DocKind, Vec<SectionRule>>,
}

/// The size above which documents are not reviewed, unless configured otherwise.
pub const DEFAULT_MAX_REVIEW_BYTES: usize = 2 * 1024 * 1024;

const TOO_LARGE: RuleInfo = RuleInfo {
    code: "file-too-large",
    default_severity: Severity::Info,
    default_enabled: true,
    summary: "A document too large to review; hover and completion still work",
    explanation: "Reviewing a very large document would make every keystroke slow, so documents over \
2 MiB are not reviewed and get this one note instead. Hover and completion still work. Raise \
the limit with `max-review-size` (bytes) in `tradeoff.toml` or the `maxReviewSize` setting.",
};

/// A section a kind of design doc must have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionRule {
    /// The section's name, as messages show it.
    pub name: String,
    /// Heading titles that count, matched case-insensitively as substrings.
    pub accepted: Vec<String>,
}

impl DiagnosticsConfig {
    /// The severity of `rule`, or `None` when it is off.
    pub fn severity(&self, rule: &RuleInfo) -> Option<Severity> {
        match self.rules.get(rule.code) {
            Some(setting) => *setting,
            None => rule.default_enabled.then_some(rule.default_severity),
        }
    }
}

/// What every rule gets to look at.
pub(crate) struct RuleCtx<'a> {
    pub doc: &'a Document,
    pub kind: Option<DocKind>,
    pub headings: &'a [syntax::Heading],
    pub clauses: &'a [Clause],
    pub config: &'a DiagnosticsConfig,
    pub kb: &'a knowledge::KnowledgeBase,
    pub compiled: &'a Compiled,
    /// Whether to attach fixes. Block rules' fixes are cheap and cached with their
    /// findings, so they always attach them; a document rule whose fix costs a pass over
    /// the document computes it only when this is set (code actions).
    pub fixes: bool,
}

/// What the knowledge base contributes to the checks, compiled once per knowledge base:
/// the misconception patterns and the facts.
#[derive(Debug)]
pub(crate) struct Compiled {
    pub misconceptions: Vec<KnowledgeClaim>,
    pub facts: crate::facts::FactBook,
    /// Units, quantities and figures with units (`crate::numbers`).
    pub numbers: crate::numbers::NumberBook,
    pub review: review_questions::ReviewBook,
}

impl Compiled {
    pub(crate) fn new(kb: &knowledge::KnowledgeBase) -> Compiled {
        let codes: Vec<&str> = BLOCK_RULES.iter().map(|(info, _)| info.code).collect();
        Compiled {
            misconceptions: compile_misconceptions(kb, &codes),
            facts: crate::facts::FactBook::new(kb, knowledge::Lexicon::bundled(), &codes),
            numbers: crate::numbers::NumberBook::new(kb, knowledge::Lexicon::bundled(), &codes),
            review: review_questions::ReviewBook::new(kb),
        }
    }
}

/// A misconception from the knowledge base, compiled: found under the rule of its entry's
/// family, like the entry's facts.
#[derive(Debug)]
pub(crate) struct KnowledgeClaim {
    pub pattern: Pattern,
    pub correction: Box<str>,
    /// The rule code: the entry's `[facts] family`, else `contradicts-knowledge`.
    pub code: Box<str>,
    /// What some clause of the block must match (`needs`).
    pub needs: Option<Pattern>,
}

/// Compiles every misconception of the knowledge base. A family that names no rule in
/// `codes` falls back to `contradicts-knowledge`.
pub(crate) fn compile_misconceptions(
    kb: &knowledge::KnowledgeBase,
    codes: &[&str],
) -> Vec<KnowledgeClaim> {
    kb.entries()
        .iter()
        .flat_map(|e| {
            let family = e
                .known
                .family
                .as_deref()
                .filter(|f| codes.contains(f))
                .unwrap_or(contradicts_knowledge::INFO.code);
            e.misconceptions.iter().map(move |m| KnowledgeClaim {
                pattern: Pattern::new(&m.claim),
                correction: m.correction.clone(),
                code: family.into(),
                needs: m.needs.as_deref().map(Pattern::new),
            })
        })
        .collect()
}

/// The misconceptions that `clauses`, the clauses of one block, state: one finding per
/// clause and rule, under the rule of the misconception's entry.
pub(crate) fn misconceptions(
    claims: &[KnowledgeClaim],
    clauses: &[Clause],
    acc: &mut Vec<crate::facts::FactFinding>,
) {
    for clause in clauses {
        let from = acc.len();
        for claim in claims {
            if acc[from..].iter().any(|f| f.code == claim.code) {
                continue;
            }
            let Some(range) = claim.pattern.find(clause) else {
                continue;
            };
            let needed = claim
                .needs
                .as_ref()
                .is_none_or(|needs| clauses.iter().any(|c| needs.find_words(&c.words).is_some()));
            if needed {
                acc.push(crate::facts::FactFinding {
                    code: claim.code.clone(),
                    range,
                    message: claim.correction.to_string(),
                });
            }
        }
    }
}

type Check = fn(&RuleCtx, &mut Vec<Finding>);

/// Rules about the document as a whole: they read its headings and kind.
const DOCUMENT_RULES: &[(RuleInfo, Check)] = &[
    (missing_tradeoffs::INFO, missing_tradeoffs::check),
    (missing_section::INFO, missing_section::check),
];

/// The rule whose findings come from the mentions and answers that block analysis
/// records (see [`review_questions`]).
const REVIEW: RuleInfo = review_questions::INFO;

/// The check of a rule whose findings all come from the facts of the knowledge base,
/// which the claim engine (`crate::facts`) reports under the rule's code.
fn from_facts(_: &RuleCtx, _: &mut Vec<Finding>) {}

/// Rules about what sentences say: each finding depends only on the text of one prose
/// block, so findings are cached per block (see [`DiagnosticsCache`]).
const BLOCK_RULES: &[(RuleInfo, Check)] = &[
    (cap_misuse::INFO, cap_misuse::check),
    (consistency_confusion::INFO, from_facts),
    (availability_math::INFO, availability_math::check),
    (http_method_semantics::INFO, from_facts),
    (transport_guarantees::INFO, from_facts),
    (l4_content_routing::INFO, from_facts),
    (service_level_terms::INFO, from_facts),
    (cache_strategy_claims::INFO, from_facts),
    (contradicts_knowledge::INFO, from_facts),
    (
        master_slave_terminology::INFO,
        master_slave_terminology::check,
    ),
    (
        whitelist_blacklist_terminology::INFO,
        whitelist_blacklist_terminology::check,
    ),
];

/// The descriptions of all rules.
pub fn rules() -> impl Iterator<Item = &'static RuleInfo> {
    DOCUMENT_RULES
        .iter()
        .chain(BLOCK_RULES)
        .map(|(info, _)| info)
        .chain(std::iter::once(&REVIEW))
        .chain(std::iter::once(&TOO_LARGE))
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::fixture;

    /// The diagnostics of the fixture's document, one line each: `line: code: message`.
    pub fn show(fixture: &str) -> String {
        let (analysis, doc) = fixture::parse(fixture);
        analysis
            .diagnostics(&doc)
            .into_iter()
            .map(|d| {
                let line = doc.text[..d.range.start].matches('\n').count() + 1;
                format!(
                    "{line} {:?} {:?}: {}\n",
                    &doc.text[d.range], d.code, d.message
                )
            })
            .collect()
    }

    /// Checks that each of `flagged` gets a finding of `code` and none of `clean` does.
    pub fn check_rule(code: &str, flagged: &[&str], clean: &[&str]) {
        for (text, want) in flagged
            .iter()
            .map(|t| (t, true))
            .chain(clean.iter().map(|t| (t, false)))
        {
            let (analysis, doc) = fixture::parse(&format!("//- /docs/notes.md\n{text}\n"));
            let found: Vec<String> = analysis
                .diagnostics(&doc)
                .into_iter()
                .filter(|d| d.code == code)
                .map(|d| format!("{:?}: {}", &doc.text[d.range], d.message))
                .collect();
            assert_eq!(!found.is_empty(), want, "{code} on {text:?}: {found:?}");
        }
    }

    #[test]
    fn large_documents_get_one_note() {
        let config = crate::DiagnosticsConfig {
            max_review_bytes: Some(30),
            ..Default::default()
        };
        let analysis = crate::Analysis::default().with_config(config);
        let doc = crate::Document::new("Our database is CA.\nPOST is idempotent.\n".into(), None);
        let found = analysis.diagnostics(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "file-too-large");
        assert_eq!(found[0].range, 0..19);
    }

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for rule in crate::rules() {
            assert!(seen.insert(rule.code), "duplicate {}", rule.code);
            assert!(
                rule.code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                rule.code
            );
            assert!(!rule.explanation.is_empty());
        }
    }
}

#[cfg(test)]
mod docs {
    /// `docs/rules.md` is generated from the rules' descriptions; this test keeps it
    /// current (`UPDATE_EXPECT=1 cargo test` rewrites it).
    #[test]
    fn rules_md_is_current() {
        let mut out = String::from(
            "# Rules\n\n<!-- Generated from the rules' descriptions by `cargo test`; do not edit by hand. -->\n\n",
        );
        out.push_str("| rule | default | what it flags |\n| --- | --- | --- |\n");
        for rule in crate::rules() {
            let default = if rule.default_enabled {
                rule.default_severity.name()
            } else {
                "off"
            };
            out.push_str(&format!(
                "| [`{0}`](#{0}) | {default} | {1} |\n",
                rule.code, rule.summary
            ));
        }
        for rule in crate::rules() {
            out.push_str(&format!("\n## {}\n\n{}\n", rule.code, rule.explanation));
        }
        expect_test::expect_file!["../../../../../docs/rules.md"].assert_eq(&out);
    }
}
