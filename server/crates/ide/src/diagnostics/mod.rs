//! Feature: Diagnostics
//!
//! The review a careful senior engineer gives a design doc. Each rule lives in its own
//! file, has a stable kebab-case code and a default severity, and is registered in
//! [`DOCUMENT_RULES`] (headings and kind of document) or [`BLOCK_RULES`] (the sentences of
//! one block). The claim engine (`crate::facts`) reports under the family rules its entries
//! name. Rules stay silent unless they are sure: a false alarm costs more than a miss.

mod availability_math;
mod cache_strategy_claims;
mod cap_misuse;
mod consistency_confusion;
mod contradicts_knowledge;
mod http_method_semantics;
mod l4_content_routing;
mod master_slave_terminology;

pub(crate) use availability_math::availability_hints;
pub(crate) use master_slave_terminology::replacement as terminology_replacement;
mod missing_section;
mod missing_tradeoffs;
pub(crate) mod review_questions;
mod service_level_terms;
mod suppress;
mod transport_guarantees;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

use crate::Document;
use crate::claims::{Clause, Pattern};
use crate::design_doc::{self, DocKind};

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
    pub misconceptions: &'a [KnowledgeClaim],
}

/// What the knowledge base contributes to the checks, compiled once per knowledge base:
/// the misconception patterns and the facts.
#[derive(Debug)]
pub(crate) struct Compiled {
    pub misconceptions: Vec<KnowledgeClaim>,
    pub facts: crate::facts::FactBook,
    pub review: review_questions::ReviewBook,
}

impl Compiled {
    pub(crate) fn new(kb: &knowledge::KnowledgeBase) -> Compiled {
        let codes: Vec<&str> = BLOCK_RULES.iter().map(|(info, _)| info.code).collect();
        Compiled {
            misconceptions: compile_misconceptions(kb),
            facts: crate::facts::FactBook::new(kb, knowledge::Lexicon::bundled(), &codes),
            review: review_questions::ReviewBook::new(kb),
        }
    }
}

/// A misconception from the knowledge base, compiled.
#[derive(Debug)]
pub(crate) struct KnowledgeClaim {
    pub pattern: Pattern,
    pub correction: Box<str>,
}

/// Compiles every misconception of the knowledge base.
pub(crate) fn compile_misconceptions(kb: &knowledge::KnowledgeBase) -> Vec<KnowledgeClaim> {
    kb.entries()
        .iter()
        .flat_map(|e| e.misconceptions.iter())
        .map(|m| KnowledgeClaim {
            pattern: Pattern::new(&m.claim),
            correction: m.correction.clone(),
        })
        .collect()
}

/// A rule made of claims: each pattern that matches an un-negated clause is a finding
/// with its message.
pub(crate) fn check_claims(
    ctx: &RuleCtx,
    claims: &[(Pattern, &'static str)],
    acc: &mut Vec<(Range<usize>, String)>,
) {
    for clause in ctx.clauses {
        for (pattern, message) in claims {
            if let Some(range) = pattern.find(clause) {
                acc.push((range, (*message).to_owned()));
                break;
            }
        }
    }
}

/// Compiles a rule's claim table once.
pub(crate) fn compile(table: &[(&str, &'static str)]) -> Vec<(Pattern, &'static str)> {
    table.iter().map(|(p, m)| (Pattern::new(p), *m)).collect()
}

type Check = fn(&RuleCtx, &mut Vec<(Range<usize>, String)>);

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
fn from_facts(_: &RuleCtx, _: &mut Vec<(Range<usize>, String)>) {}

/// Rules about what sentences say: each finding depends only on the text of one prose
/// block, so findings are cached per block (see [`DiagnosticsCache`]).
const BLOCK_RULES: &[(RuleInfo, Check)] = &[
    (cap_misuse::INFO, cap_misuse::check),
    (consistency_confusion::INFO, consistency_confusion::check),
    (availability_math::INFO, availability_math::check),
    (http_method_semantics::INFO, from_facts),
    (transport_guarantees::INFO, from_facts),
    (l4_content_routing::INFO, from_facts),
    (service_level_terms::INFO, service_level_terms::check),
    (cache_strategy_claims::INFO, from_facts),
    (contradicts_knowledge::INFO, contradicts_knowledge::check),
    (
        master_slave_terminology::INFO,
        master_slave_terminology::check,
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

/// The findings of the block rules per prose block, from the previous run over a
/// document: a run after an edit analyses only the blocks whose text changed. Findings
/// are stored relative to their block. A cache belongs to one document and one
/// [`crate::Analysis`]; it empties itself when used with another analysis.
#[derive(Default, Clone)]
pub struct DiagnosticsCache {
    /// The knowledge base's generation and the settings the findings were made with; the
    /// `Weak` keeps the settings' allocation, so its address cannot be reused meanwhile.
    owner: Option<(u64, std::sync::Weak<DiagnosticsConfig>)>,
    blocks: HashMap<u64, Arc<Vec<BlockFinding>>>,
    /// Per chunk of the tree (by its text): its headings and its blocks' findings,
    /// relative to the chunk, so an unchanged chunk is not even walked.
    chunks: HashMap<u64, Arc<ChunkResult>>,
    /// Blocks analysed by the last run, and blocks found in the cache.
    pub last_run: (usize, usize),
}

impl std::fmt::Debug for DiagnosticsCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiagnosticsCache")
            .field("blocks", &self.blocks.len())
            .field("last_run", &self.last_run)
            .finish()
    }
}

/// A chunk analysed in this run: its result, its blocks' findings by block key, and how
/// many blocks were analysed and reused.
type ChunkRun = (
    Arc<ChunkResult>,
    Vec<(u64, Arc<Vec<BlockFinding>>)>,
    usize,
    usize,
);

/// What one chunk contributes, relative to the chunk's start.
#[derive(Debug, Default)]
pub(crate) struct ChunkResult {
    headings: Vec<syntax::Heading>,
    findings: Vec<BlockFinding>,
    blocks: usize,
    /// The mentions that may adopt a concept (relative to the chunk): per concept, the
    /// first that says so and those in a decision section (or before the chunk's first
    /// heading); rejections are dropped.
    mentions: Vec<review_questions::Mention>,
    /// The answer patterns found in the chunk, each once.
    answers: Vec<u32>,
}

/// A block rule's finding, relative to its block (or, in a [`ChunkResult`], its chunk).
/// With `rule == MARK` it is no finding but what the review questions need: a mention of
/// a concept with concerns.
#[derive(Debug, Clone)]
pub(crate) struct BlockFinding {
    range: Range<usize>,
    rule: usize,
    message: String,
    mark: Mark,
}

/// The rule index of a [`BlockFinding`] that is a mark.
const MARK: usize = usize::MAX;

/// What a block records for the review questions.
#[derive(Debug, Clone, Default)]
enum Mark {
    #[default]
    None,
    Mention(knowledge::EntryId, review_questions::Stance),
}

/// The findings of the enabled block rules in one block, relative to it.
fn block_findings(
    doc: &Document,
    block: &syntax::TextBlock,
    config: &DiagnosticsConfig,
    kb: &knowledge::KnowledgeBase,
    compiled: &Compiled,
    enabled: &[Option<Severity>],
    review: bool,
) -> Vec<BlockFinding> {
    let misconceptions = &compiled.misconceptions[..];
    let mut clauses = Vec::new();
    crate::claims::block_clauses(doc, block, &mut clauses);
    let ctx = RuleCtx {
        doc,
        kind: None,
        headings: &[],
        clauses: &clauses,
        config,
        misconceptions,
    };
    let mut res = Vec::new();
    let mut found = Vec::new();
    for (rule, (_, check)) in BLOCK_RULES.iter().enumerate() {
        if enabled[rule].is_none() {
            continue;
        }
        found.clear();
        check(&ctx, &mut found);
        res.extend(found.drain(..).map(|(range, message)| BlockFinding {
            range: range.start.saturating_sub(block.range.start)
                ..range.end.saturating_sub(block.range.start),
            rule,
            message,
            mark: Mark::None,
        }));
    }
    if review {
        let words = crate::prose::block_words(&doc.text, block);
        let terms = crate::prose::block_terms(kb, &doc.text, &words);
        let mut mentions = Vec::new();
        review_questions::block_mentions(
            &compiled.review,
            &doc.text,
            block.range.clone(),
            &terms,
            &mut mentions,
        );
        res.extend(mentions.into_iter().map(|m| BlockFinding {
            range: m.range.start - block.range.start..m.range.end - block.range.start,
            rule: MARK,
            message: String::new(),
            mark: Mark::Mention(m.entry, m.stance),
        }));
    }
    // The facts: one pass over the clauses, each finding under its family's rule.
    let mut facts = Vec::new();
    // The concept each clause is about, for "it" in the next one.
    let mut previous: Option<Box<str>> = None;
    for clause in &clauses {
        let mut subject = None;
        compiled.facts.check(
            kb,
            &doc.text,
            clause,
            previous.as_deref(),
            &mut subject,
            &mut facts,
        );
        previous = subject;
    }
    for f in facts {
        let Some(rule) = BLOCK_RULES
            .iter()
            .position(|(info, _)| *info.code == *f.code)
        else {
            continue;
        };
        // A pattern rule of the same family may have said it already.
        let said = res.iter().any(|r| {
            r.rule == rule
                && r.rule != MARK
                && r.range.start + block.range.start < f.range.end
                && f.range.start < r.range.end + block.range.start
        });
        if enabled[rule].is_none() || said {
            continue;
        }
        res.push(BlockFinding {
            range: f.range.start.saturating_sub(block.range.start)
                ..f.range.end.saturating_sub(block.range.start),
            rule,
            message: f.message,
            mark: Mark::None,
        });
    }
    res
}

fn block_key(text: &str, block: &syntax::TextBlock) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.get(block.range.clone())
        .unwrap_or("")
        .hash(&mut hasher);
    for c in &block.continuations {
        (c.start - block.range.start, c.end - block.range.start).hash(&mut hasher);
    }
    (block.kind == syntax::BlockKind::TableCell).hash(&mut hasher);
    hasher.finish()
}

pub(crate) fn diagnostics(
    config: &DiagnosticsConfig,
    kb: &knowledge::KnowledgeBase,
    compiled: &Compiled,
    doc: &Document,
    cache: &mut DiagnosticsCache,
    owner: (u64, &Arc<DiagnosticsConfig>),
) -> Vec<Diagnostic> {
    let same = |(g, c): &(u64, std::sync::Weak<DiagnosticsConfig>)| {
        *g == owner.0 && std::ptr::eq(c.as_ptr(), Arc::as_ptr(owner.1))
    };
    if !cache.owner.as_ref().is_some_and(same) {
        *cache = DiagnosticsCache {
            owner: Some((owner.0, Arc::downgrade(owner.1))),
            ..Default::default()
        };
    }
    let limit = config.max_review_bytes.unwrap_or(DEFAULT_MAX_REVIEW_BYTES);
    if doc.text.len() > limit {
        let Some(severity) = config.severity(&TOO_LARGE) else {
            return Vec::new();
        };
        let first_line = doc.text.find('\n').unwrap_or(doc.text.len()).min(200);
        let mut end = first_line;
        while !doc.text.is_char_boundary(end) {
            end -= 1;
        }
        return vec![Diagnostic {
            range: 0..end,
            severity,
            code: TOO_LARGE.code,
            message: format!(
                "This document ({} bytes) is over the {limit}-byte review limit, so it is not reviewed; hover and completion still work",
                doc.text.len()
            ),
            related: None,
        }];
    }
    let text = &*doc.text;
    let enabled: Vec<Option<Severity>> = BLOCK_RULES
        .iter()
        .map(|(info, _)| config.severity(info))
        .collect();
    let review = config.severity(&REVIEW);
    // Chunk by chunk: an unchanged chunk gives its headings and findings from the cache;
    // a changed one is walked, and its unchanged blocks come from the block cache.
    let ranges = syntax::chunk_ranges(&doc.tree);
    let keys: Vec<u64> = ranges
        .iter()
        .map(|range| {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            text.get(range.clone()).unwrap_or("").hash(&mut hasher);
            hasher.finish()
        })
        .collect();
    let missing: Vec<usize> = (0..ranges.len())
        .filter(|&i| !cache.chunks.contains_key(&keys[i]))
        .collect();
    let mut is_missing = vec![false; ranges.len()];
    for &i in &missing {
        is_missing[i] = true;
    }
    // The chunks not in the cache, analysed on every core when there are many (the first
    // run over a long document).
    let old_blocks = &cache.blocks;
    let threads = if missing.len() > 8 { 4 } else { 1 };
    let groups: Vec<&[usize]> = missing
        .chunks(missing.len().div_ceil(threads).max(1))
        .collect();
    // Each group of chunks in order on its own thread, with its own memory of the blocks
    // it has seen (documents repeat blocks: "- None.", table cells).
    let computed: Vec<ChunkRun> = syntax::parallel_map(groups.len(), groups.len() > 1, |g| {
        let mut seen: HashMap<u64, Arc<Vec<BlockFinding>>> = HashMap::new();
        groups[g]
            .iter()
            .map(|&i| {
                let range = &ranges[i];
                let mut result = ChunkResult::default();
                let mut blocks: Vec<(u64, Arc<Vec<BlockFinding>>)> = Vec::new();
                let (mut analysed, mut reused) = (0, 0);
                for mut h in syntax::chunk_headings(&doc.tree, i, text) {
                    h.range = h.range.start - range.start..h.range.end - range.start;
                    h.title = h.title.start - range.start..h.title.end - range.start;
                    result.headings.push(h);
                }
                for block in syntax::chunk_text_blocks(&doc.tree, i) {
                    if block.quoted {
                        continue;
                    }
                    result.blocks += 1;
                    let block_key = block_key(text, &block);
                    let found = match old_blocks.get(&block_key).or_else(|| seen.get(&block_key)) {
                        Some(found) => {
                            reused += 1;
                            found.clone()
                        }
                        None => {
                            analysed += 1;
                            let found = Arc::new(block_findings(
                                doc,
                                &block,
                                config,
                                kb,
                                compiled,
                                &enabled,
                                review.is_some(),
                            ));
                            seen.insert(block_key, found.clone());
                            found
                        }
                    };
                    let shift = block.range.start - range.start;
                    for f in found.iter() {
                        let range = f.range.start + shift..f.range.end + shift;
                        match &f.mark {
                            Mark::None => result.findings.push(BlockFinding {
                                range,
                                rule: f.rule,
                                message: f.message.clone(),
                                mark: Mark::None,
                            }),
                            Mark::Mention(entry, stance) => {
                                let m = review_questions::Mention {
                                    entry: *entry,
                                    range,
                                    stance: *stance,
                                };
                                if review_questions::keep_in_chunk(
                                    text,
                                    &result.headings,
                                    &result.mentions,
                                    &m,
                                    ranges[i].start,
                                ) {
                                    result.mentions.push(m);
                                }
                            }
                        }
                    }
                    blocks.push((block_key, found));
                }
                // Answers count anywhere, code blocks included.
                if review.is_some() {
                    compiled
                        .review
                        .answers_in(text.get(range.clone()).unwrap_or(""), &mut result.answers);
                }
                (Arc::new(result), blocks, analysed, reused)
            })
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect();
    let mut fresh_chunks: HashMap<u64, Arc<ChunkResult>> = HashMap::new();
    let mut fresh: HashMap<u64, Arc<Vec<BlockFinding>>> = HashMap::new();
    let (mut analysed, mut reused) = (0, 0);
    for (m, (result, blocks, a, r)) in computed.into_iter().enumerate() {
        analysed += a;
        reused += r;
        fresh.extend(blocks);
        fresh_chunks.insert(keys[missing[m]], result);
    }
    let mut headings = Vec::new();
    let mut findings: Vec<(usize, Arc<ChunkResult>)> = Vec::new();
    for (i, range) in ranges.iter().enumerate() {
        let Some(result) = fresh_chunks
            .get(&keys[i])
            .or_else(|| cache.chunks.get(&keys[i]))
            .cloned()
        else {
            continue;
        };
        if !is_missing[i] {
            reused += result.blocks;
        }
        headings.extend(result.headings.iter().map(|h| syntax::Heading {
            level: h.level,
            range: h.range.start + range.start..h.range.end + range.start,
            title: h.title.start + range.start..h.title.end + range.start,
        }));
        findings.push((range.start, result.clone()));
        fresh_chunks.insert(keys[i], result);
    }

    let kind = design_doc::classify_with(doc, config, &headings);
    let ctx = RuleCtx {
        doc,
        kind,
        headings: &headings,
        clauses: &[],
        config,
        misconceptions: &compiled.misconceptions,
    };
    let suppressions = suppress::Suppressions::new(doc);
    let mut res = Vec::new();
    let mut found = Vec::new();
    for (info, check) in DOCUMENT_RULES {
        let Some(severity) = config.severity(info) else {
            continue;
        };
        found.clear();
        check(&ctx, &mut found);
        res.extend(found.drain(..).map(|(range, message)| Diagnostic {
            range,
            severity,
            code: info.code,
            message,
            related: None,
        }));
    }
    let mut mentions = Vec::new();
    let mut answers: Vec<u32> = Vec::new();
    for (start, result) in &findings {
        if kind.is_some() && review.is_some() {
            mentions.extend(result.mentions.iter().map(|m| review_questions::Mention {
                entry: m.entry,
                range: start + m.range.start..start + m.range.end,
                stance: m.stance,
            }));
            answers.extend(&result.answers);
        }
        for f in &result.findings {
            if let Some(severity) = enabled[f.rule] {
                res.push(Diagnostic {
                    range: start + f.range.start..start + f.range.end,
                    severity,
                    code: BLOCK_RULES[f.rule].0.code,
                    message: f.message.clone(),
                    related: None,
                });
            }
        }
    }
    if let (Some(severity), Some(_)) = (review, kind) {
        let answered = compiled.review.answered(answers.into_iter());
        for q in
            review_questions::questions(kb, &compiled.review, text, &headings, &mentions, &answered)
        {
            res.push(Diagnostic {
                message: review_questions::message(kb, &q),
                related: Some(kb.entry(q.entry).concerns[q.concern].rationale.to_string()),
                range: q.range,
                severity,
                code: REVIEW.code,
            });
        }
    }
    cache.chunks = fresh_chunks;
    // Keep the findings of every block seen, for the next edit in any chunk; forget the
    // stale ones when they outnumber the live ones.
    let live: usize = findings.iter().map(|(_, r)| r.blocks).sum();
    if cache.blocks.len() + fresh.len() > 2 * live + 1000 {
        cache.blocks = fresh;
    } else {
        cache.blocks.extend(fresh);
    }
    cache.last_run = (analysed, reused);
    res.retain(|d| !suppressions.silences(d.code, d.range.start));
    res.sort_by_key(|it| (it.range.start, it.range.end));
    res
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
    fn cached_runs_equal_fresh_runs_and_reanalyse_only_changed_blocks() {
        let (analysis, doc) = fixture::parse(
            "//- /design/a.md\n# Sessions\n\n## Proposal\n\nWe are a CA system.\n\n- POST is idempotent.\n- Reads are fast.\n\n| a | b |\n|---|---|\n| UDP | guarantees ordering |\n\n<!-- tradeoff-disable-next-line cap-misuse -->\nOur store is CA.\n",
        );
        let mut cache = crate::DiagnosticsCache::default();
        let first = analysis.diagnostics_cached(&doc, &mut cache);
        assert_eq!(first, analysis.diagnostics(&doc));
        assert_eq!(first.len(), 3, "{first:?}");
        let blocks = cache.last_run.0;
        let edits = [
            (
                "Reads are fast.",
                "Reads are fast, and GET deletes the row.",
            ),
            ("We are a CA system.", "We are a CP system."),
            ("| UDP |", "| TCP |"),
            ("# Sessions", "# Sessions\n\n## Drawbacks\n\nMore hops."),
            (
                "Our store is CA.",
                "Our store is CA.\n\nPUT is not idempotent.",
            ),
        ];
        let mut text = doc.text.to_string();
        for (from, to) in edits {
            text = text.replacen(from, to, 1);
            let doc = crate::Document::new(text.as_str().into(), doc.path.clone());
            let cached = analysis.diagnostics_cached(&doc, &mut cache);
            assert_eq!(cached, analysis.diagnostics(&doc), "after {to:?}");
            assert!(
                cache.last_run.0 <= 3,
                "{to:?}: {:?} of {blocks}",
                cache.last_run
            );
        }
        // A document of many chunks: edits in one chunk, then another, then across.
        let mut text = String::from("# Design\n\n");
        for i in 0..300 {
            text.push_str(&format!(
                "## Part {i}\n\nWe are a CA system, part {i}.\n\n- POST is idempotent.\n\n<!-- tradeoff-disable-next-line cap-misuse -->\nOur store is CA.\n\n"
            ));
        }
        let mut cache = crate::DiagnosticsCache::default();
        let doc = crate::Document::new(text.as_str().into(), Some("/design/big.md".into()));
        assert!(doc.tree.chunk_count() > 2);
        assert_eq!(
            analysis.diagnostics_cached(&doc, &mut cache),
            analysis.diagnostics(&doc)
        );
        let edits = [
            ("system, part 10.", "system, part 10. GET deletes rows."),
            (
                "system, part 250.",
                "system, part 250, so UDP guarantees ordering.",
            ),
            ("## Part 100\n", "## Part 100\n\n## Drawbacks\n\nNone.\n"),
            ("## Part 200\n", ""),
        ];
        for (from, to) in edits {
            text = text.replacen(from, to, 1);
            let doc = crate::Document::new(text.as_str().into(), Some("/design/big.md".into()));
            let cached = analysis.diagnostics_cached(&doc, &mut cache);
            assert_eq!(cached, analysis.diagnostics(&doc), "after {to:?}");
            assert!(cache.last_run.0 <= 3, "{to:?}: {:?}", cache.last_run);
        }

        // Another analysis (settings) starts afresh.
        let other = analysis.with_config(crate::DiagnosticsConfig::default());
        let before = cache.last_run;
        other.diagnostics_cached(&doc, &mut cache);
        assert!(
            cache.last_run.0 > before.0,
            "{before:?} then {:?}",
            cache.last_run
        );
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
