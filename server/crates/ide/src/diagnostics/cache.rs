//! The diagnostics run over a document, with its [`DiagnosticsCache`]: chunk by chunk
//! (`Document::chunks`), an unchanged chunk gives its headings and findings from the
//! cache; a changed one is walked, its unchanged blocks come from the per-block cache, and
//! the others go through every enabled block rule and the claim engine. Then the
//! document rules and the review questions run over the whole, and suppressions apply.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

use crate::design_doc;
use crate::diagnostics::{
    BLOCK_RULES, Compiled, DEFAULT_MAX_REVIEW_BYTES, DOCUMENT_RULES, Diagnostic, DiagnosticsConfig,
    Fix, REVIEW, RuleCtx, Severity, TOO_LARGE, review_questions, suppress,
};
use crate::document::{Chunk, Document};

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
    /// What the last run did.
    pub last_run: RunStats,
}

/// How much of a document a diagnostics run analysed and how much it found in the cache.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RunStats {
    /// Prose blocks analysed.
    pub analysed: usize,
    /// Prose blocks whose findings came from the cache.
    pub reused: usize,
}

impl std::ops::AddAssign for RunStats {
    fn add_assign(&mut self, other: RunStats) {
        self.analysed += other.analysed;
        self.reused += other.reused;
    }
}

impl std::fmt::Debug for DiagnosticsCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiagnosticsCache")
            .field("blocks", &self.blocks.len())
            .field("last_run", &self.last_run)
            .finish()
    }
}

/// A chunk analysed in this run.
struct ChunkRun {
    /// Its result, relative to its start.
    result: Arc<ChunkResult>,
    /// Its blocks' findings by block key, for the block cache.
    blocks: Vec<(u64, Arc<Vec<BlockFinding>>)>,
    stats: RunStats,
}

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
    fix: Option<Fix>,
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
    let mut clauses = Vec::new();
    crate::claims::block_clauses(doc, block, &mut clauses);
    let ctx = RuleCtx {
        doc,
        kind: None,
        headings: &[],
        clauses: &clauses,
        config,
        kb,
        compiled,
        fixes: true,
    };
    let mut res = Vec::new();
    let mut found = Vec::new();
    for (rule, (_, check)) in BLOCK_RULES.iter().enumerate() {
        if enabled[rule].is_none() {
            continue;
        }
        found.clear();
        check(&ctx, &mut found);
        let start = block.range.start;
        res.extend(found.drain(..).map(|f| BlockFinding {
            range: f.range.start.saturating_sub(start)..f.range.end.saturating_sub(start),
            rule,
            message: f.message,
            fix: f.fix.map(|fix| fix.shifted(-(start as isize))),
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
            fix: None,
            mark: Mark::Mention(m.entry, m.stance),
        }));
    }
    // The facts: one pass over the clauses, each finding under its family's rule.
    let mut facts = Vec::new();
    // The concept each clause is about, for "it" in the next one.
    let mut previous: Option<Box<str>> = None;
    // A heading names a topic ("Write-Behind Caching: Async Persistence, Durability
    // Windows"): only a wrong name is read in it, and the facts in the sentences under it.
    let heading = matches!(block.kind, syntax::BlockKind::Heading(_));
    for clause in &clauses {
        if heading {
            compiled
                .facts
                .check_names(kb, &doc.text, clause, &mut facts);
            continue;
        }
        let mut subject = None;
        compiled.facts.check(
            kb,
            &doc.text,
            clause,
            previous.as_deref(),
            &mut subject,
            &mut facts,
        );
        compiled.numbers.check(kb, &doc.text, clause, &mut facts);
        previous = subject;
    }
    super::misconceptions(&compiled.misconceptions, &clauses, &mut facts);
    // "| UDP | yes |" under "| Protocol | Ordered |": the cell read with its row's first
    // cell and its column's heading. What it finds is marked on the cell.
    let cell = table_cell(doc, block);
    if let Some(clause) = cell
        .as_ref()
        .and_then(|c| crate::claims::cell_clause(doc, block, c))
    {
        let mut found = Vec::new();
        compiled
            .facts
            .check(kb, &doc.text, &clause, None, &mut None, &mut found);
        compiled.numbers.check(kb, &doc.text, &clause, &mut found);
        let own = clause
            .words
            .iter()
            .filter(|w| block.range.start <= w.range.start && w.range.end <= block.range.end);
        let start = own.clone().map(|w| w.range.start).min();
        let end = own.map(|w| w.range.end).max();
        // What lies within the row's first cell is that cell's own finding.
        let first = cell.as_ref().map_or(0..0, |c| c.first.clone());
        if let (Some(start), Some(end)) = (start, end) {
            facts.extend(
                found
                    .into_iter()
                    .filter(|f| {
                        // A range that runs back into the heading is not inside the cell.
                        let r = &f.range;
                        !(first.start <= r.start && r.start <= r.end && r.end <= first.end)
                    })
                    .map(|f| crate::facts::FactFinding {
                        range: start..end,
                        ..f
                    }),
            );
        }
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
            fix: None,
            mark: Mark::None,
        });
    }
    res
}

/// Where a table cell block stands in its table.
/// Whether the text at `at` is shown as wrong on purpose, so that its claims are the
/// document's examples of a mistake, not its own: a line marked wrong ("❌ **Using POST
/// for everything**", "Myth:", "Trap:") or a section about mistakes ("Common pitfalls",
/// "Anti-patterns", "Myths"). System-design notes list wrong views to warn against them.
fn shown_wrong(text: &str, headings: &[syntax::Heading], at: usize) -> bool {
    const SECTIONS: &[&str] = &[
        "mistake",
        "pitfall",
        "anti-pattern",
        "antipattern",
        "anti pattern",
        "myth",
        "misconception",
        "gotcha",
        "fallac",
        "what not to",
    ];
    const MARKS: &[&str] = &[
        "\u{274c}",
        "\u{2717}",
        "\u{2718}",
        "\u{1f6ab}",
        ":x:",
        "myth:",
        "trap:",
        "trap**",
        "mistake:",
        "mistake**",
        "anti-pattern:",
        "anti-pattern**",
        "wrong:",
        "wrong**",
        "misconception:",
        "misconception**",
    ];
    let at = crate::floor_boundary(text, at.min(text.len()));
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..at].to_lowercase();
    if MARKS.iter().any(|m| line.contains(m)) {
        return true;
    }
    // Headings are in document order: the last one that ends before `at`.
    let before = headings.partition_point(|h| h.range.end <= at);
    before
        .checked_sub(1)
        .and_then(|k| text.get(headings[k].title.clone()))
        .is_some_and(|title| {
            let title = title.to_lowercase();
            SECTIONS.iter().any(|s| title.contains(s))
        })
}

fn table_cell(doc: &Document, block: &syntax::TextBlock) -> Option<syntax::TableCell> {
    (block.kind == syntax::BlockKind::TableCell)
        .then(|| syntax::table_cell(&doc.tree, block.range.start))
        .flatten()
}

fn block_key(text: &str, block: &syntax::TextBlock, cell: Option<&syntax::TableCell>) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.get(block.range.clone())
        .unwrap_or("")
        .hash(&mut hasher);
    if let Some(cell) = cell {
        cell.column.hash(&mut hasher);
        text.get(cell.first.clone()).hash(&mut hasher);
        cell.header
            .clone()
            .and_then(|h| text.get(h))
            .hash(&mut hasher);
    }
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
    fixes: bool,
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
        let end = crate::floor_boundary(&doc.text, first_line);
        return vec![Diagnostic {
            range: 0..end,
            severity,
            code: TOO_LARGE.code,
            message: format!(
                "This document ({} bytes) is over the {limit}-byte review limit, so it is not reviewed; hover and completion still work",
                doc.text.len()
            ),
            related: None,
            fix: None,
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
    let chunks = doc.chunks();
    let missing: Vec<usize> = (0..chunks.len())
        .filter(|&i| !cache.chunks.contains_key(&chunks[i].key))
        .collect();
    let mut is_missing = vec![false; chunks.len()];
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
                let range = &chunks[i].range;
                let mut result = ChunkResult::default();
                let mut blocks: Vec<(u64, Arc<Vec<BlockFinding>>)> = Vec::new();
                let mut stats = RunStats::default();
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
                    // A table cell is read with its row's first cell and its column's
                    // heading, so those are part of its key.
                    let cell = table_cell(doc, &block);
                    let block_key = block_key(text, &block, cell.as_ref());
                    let found = match old_blocks.get(&block_key).or_else(|| seen.get(&block_key)) {
                        Some(found) => {
                            stats.reused += 1;
                            found.clone()
                        }
                        None => {
                            stats.analysed += 1;
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
                                fix: f.fix.as_ref().map(|fix| fix.shifted(shift as isize)),
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
                                    chunks[i].range.start,
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
                ChunkRun {
                    result: Arc::new(result),
                    blocks,
                    stats,
                }
            })
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect();
    let mut fresh_chunks: HashMap<u64, Arc<ChunkResult>> = HashMap::new();
    let mut fresh: HashMap<u64, Arc<Vec<BlockFinding>>> = HashMap::new();
    let mut stats = RunStats::default();
    for (
        m,
        ChunkRun {
            result,
            blocks,
            stats: s,
        },
    ) in computed.into_iter().enumerate()
    {
        stats += s;
        fresh.extend(blocks);
        fresh_chunks.insert(chunks[missing[m]].key, result);
    }
    let mut headings = Vec::new();
    let mut findings: Vec<(usize, Arc<ChunkResult>)> = Vec::new();
    for (i, Chunk { range, key }) in chunks.iter().enumerate() {
        let Some(result) = fresh_chunks
            .get(key)
            .or_else(|| cache.chunks.get(key))
            .cloned()
        else {
            continue;
        };
        if !is_missing[i] {
            stats.reused += result.blocks;
        }
        headings.extend(result.headings.iter().map(|h| syntax::Heading {
            level: h.level,
            range: h.range.start + range.start..h.range.end + range.start,
            title: h.title.start + range.start..h.title.end + range.start,
        }));
        findings.push((range.start, result.clone()));
        fresh_chunks.insert(*key, result);
    }

    let kind = design_doc::classify_with(doc, config, &headings);
    let ctx = RuleCtx {
        doc,
        kind,
        headings: &headings,
        clauses: &[],
        config,
        kb,
        compiled,
        fixes,
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
        res.extend(found.drain(..).map(|f| Diagnostic {
            range: f.range,
            severity,
            code: info.code,
            message: f.message,
            related: None,
            fix: f.fix,
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
            let code = BLOCK_RULES[f.rule].0.code;
            if !code.ends_with("-terminology")
                && shown_wrong(text, &headings, start + f.range.start)
            {
                continue;
            }
            if let Some(severity) = enabled[f.rule] {
                res.push(Diagnostic {
                    range: start + f.range.start..start + f.range.end,
                    severity,
                    code: BLOCK_RULES[f.rule].0.code,
                    message: f.message.clone(),
                    related: None,
                    fix: if fixes {
                        f.fix.as_ref().map(|fix| fix.shifted(*start as isize))
                    } else {
                        None
                    },
                });
            }
        }
    }
    if let (Some(severity), Some(_)) = (review, kind) {
        let answered = compiled.review.answered(answers.into_iter());
        for q in
            review_questions::questions(kb, &compiled.review, text, &headings, &mentions, &answered)
        {
            let message = review_questions::message(kb, &q);
            res.push(Diagnostic {
                fix: fixes.then(|| review_questions::fix(text, &headings, &message)),
                message,
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
    cache.last_run = stats;
    res.retain(|d| !suppressions.silences(d.code, d.range.start));
    res.sort_by_key(|it| (it.range.start, it.range.end));
    res
}

#[cfg(test)]
mod tests {
    use crate::fixture;

    #[test]
    fn cached_runs_equal_fresh_runs_and_reanalyse_only_changed_blocks() {
        let (analysis, doc) = fixture::parse(
            "//- /design/a.md\n# Sessions\n\n## Proposal\n\nWe are a CA system across three regions.\n\n- POST is idempotent.\n- Reads are fast.\n\n| a | b |\n|---|---|\n| UDP | guarantees ordering |\n\n<!-- tradeoff-disable-next-line cap-misuse -->\nOur store is CA.\n",
        );
        let mut cache = crate::DiagnosticsCache::default();
        let first = analysis.diagnostics_cached(&doc, &mut cache);
        assert_eq!(first, analysis.diagnostics(&doc));
        assert_eq!(first.len(), 4, "{first:?}");
        let blocks = cache.last_run.analysed;
        let edits = [
            (
                "Reads are fast.",
                "Reads are fast, and GET deletes the row.",
            ),
            (
                "We are a CA system across three regions.",
                "We are a CP system across three regions.",
            ),
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
                cache.last_run.analysed <= 3,
                "{to:?}: {:?} of {blocks}",
                cache.last_run
            );
        }
        // A document of many chunks: edits in one chunk, then another, then across.
        let mut text = String::from("# Design\n\n");
        for i in 0..300 {
            text.push_str(&format!(
                "## Part {i}\n\nWe are a CA database, part {i}.\n\n- POST is idempotent.\n\n<!-- tradeoff-disable-next-line cap-misuse -->\nOur store is CA.\n\n"
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
            assert!(cache.last_run.analysed <= 3, "{to:?}: {:?}", cache.last_run);
        }

        // Another analysis (settings) starts afresh.
        let other = analysis.with_config(crate::DiagnosticsConfig::default());
        let before = cache.last_run;
        other.diagnostics_cached(&doc, &mut cache);
        assert!(
            cache.last_run.analysed > before.analysed,
            "{before:?} then {:?}",
            cache.last_run
        );
    }
}
