//! Claims: the clauses of a document's prose, and a small pattern language to find
//! statements in them.
//!
//! A clause is a piece of a sentence between sentence ends, semicolons and contrastive
//! conjunctions ("but", "whereas", "while", "although"). Clauses come from paragraphs,
//! list items, table cells and headings; block quotes, code, URLs and text in double
//! quotes are left out, because they are not the author's own claims.
//!
//! A pattern is a sequence of terms, written as words separated by spaces:
//!
//! - `idempotent` matches that word in any case; `idempoten*` matches any word starting
//!   with `idempoten`; `=POST` matches only that exact spelling.
//! - `@path` matches a word that opens a URL path ("/api" in "routes /api/* to ...").
//! - `a|b` is a choice; `write_behind` is a run of words (hyphens in the text split words,
//!   so "write-behind" is `write_behind`).
//! - `term?` is optional.
//! - `!word` anywhere in the pattern withdraws a match when the clause contains `word`.
//! - `^word` anywhere in the pattern withdraws a match that is followed by `word`
//!   ("safe ^to" does not match "safe to retry").
//! - `~` allows up to four filler words ("is", "are", "also", "the", ...) between terms;
//!   `~~` allows up to six words of any kind. Without either, terms must be adjacent.
//!
//! A clause that contains a negation, a hedge or a contrast outside the matched words
//! ("not", "never", "unlike", "if", "myth", ...) or that ends in a question mark never
//! matches: a false alarm costs more than a miss.

use std::ops::Range;

use syntax::TextBlock;

use crate::document::Document;
use crate::prose::block_words;

/// One word of a clause.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    /// Bytes in the document.
    pub range: Range<usize>,
    /// As written.
    pub raw: Box<str>,
    /// Lowercased.
    pub lower: Box<str>,
    /// Which part of the sentence the word is in: parts are separated by contrasts
    /// ("but", "whereas") and consequences (", so", ", which"). Negation reaches only
    /// within its part.
    pub part: u32,
    /// True when only blanks, hyphens, slashes or emphasis markers separate the word from
    /// the previous one: "CA system" and "CA-system", but not "CA: system".
    pub joined: bool,
    /// True when the word opens a URL path: a slash right before it that follows a blank,
    /// a quote or the start of the block ("routes /api/* to the API pool").
    pub path: bool,
    /// True when a table cell boundary comes before the word, wherever its text is: a
    /// row read with its column heading puts the heading's words between the row's cells.
    pub cell: bool,
}

/// A clause: a run of words that makes one statement.
#[derive(Debug, Clone)]
pub(crate) struct Clause {
    /// The words, with code, URLs and quoted text left out.
    pub words: Vec<Word>,
    /// True when the sentence ends in a question mark.
    pub question: bool,
    /// The words lowercased, sorted and deduplicated, for cheap lookups.
    sorted_lower: Vec<Box<str>>,
    /// In a table row read with a column heading, the indices of the heading's words.
    pub header: Option<Range<usize>>,
}

impl Clause {
    fn new() -> Clause {
        Clause {
            words: Vec::new(),
            question: false,
            sorted_lower: Vec::new(),
            header: None,
        }
    }

    fn finish(&mut self) {
        let mut sorted: Vec<Box<str>> = self.words.iter().map(|w| w.lower.clone()).collect();
        sorted.sort_unstable();
        sorted.dedup();
        self.sorted_lower = sorted;
    }

    /// True when some word of the clause can satisfy `m`.
    fn contains(&self, m: &Matcher) -> bool {
        match m {
            Matcher::Lower(w) => self.sorted_lower.binary_search(w).is_ok(),
            Matcher::Exact(w) => self.words.iter().any(|x| *x.raw == **w),
            Matcher::Prefix(p) => {
                let i = self.sorted_lower.partition_point(|w| **w < **p);
                self.sorted_lower
                    .get(i)
                    .is_some_and(|w| w.starts_with(&**p))
            }
            Matcher::Path => self.words.iter().any(|x| x.path),
        }
    }

    /// The bytes from the first word's start to the last word's end.
    pub fn range(&self) -> Range<usize> {
        match (self.words.first(), self.words.last()) {
            (Some(a), Some(b)) => a.range.start..b.range.end,
            _ => 0..0,
        }
    }

    /// True when the clause is a question, or when a word in the same parts as the words
    /// `span` (indices into `words`) negates, hedges or contrasts. Words in `except` (the
    /// pattern's own words) do not count.
    pub fn is_negated(&self, span: Range<usize>, except: &[usize]) -> bool {
        if self.question {
            return true;
        }
        let parts = match (
            self.words.get(span.start),
            span.end.checked_sub(1).and_then(|e| self.words.get(e)),
        ) {
            (Some(a), Some(b)) => a.part..=b.part,
            _ => 0..=u32::MAX,
        };
        self.words
            .iter()
            .enumerate()
            .any(|(i, w)| parts.contains(&w.part) && !except.contains(&i) && self.negates(i))
    }

    /// True when word `i` negates, hedges or contrasts in its context: "fail over" does
    /// not, nor "if" in "even if", nor a leading "No," that answers a question.
    pub fn negates(&self, i: usize) -> bool {
        let Some(w) = self.words.get(i) else {
            return false;
        };
        let lower = |j: usize| self.words.get(j).map_or("", |w| &*w.lower);
        is_negation_word(&w.lower)
            && (&*w.lower != "only" || only_restricts(lower(i + 1)))
            && !(w.lower.starts_with("fail") && lower(i + 1) == "over")
            && !(matches!(&*w.lower, "if" | "though") && i > 0 && lower(i - 1) == "even")
            && !(&*w.lower == "if" && (i + 1..i + 6).any(|j| is_failure(lower(j))))
            && !(i == 0 && &*w.lower == "no" && self.words.get(1).is_some_and(|n| !n.joined))
            // "People think X" reports a belief; "we think X" states the author's own.
            && !(matches!(&*w.lower, "think" | "thinks")
                && i > 0
                && matches!(lower(i - 1), "we" | "i"))
    }
}

/// Words that name a failure or a missed target. "If" before one sets the scene a claim
/// about failure is tested in ("no data is lost if a cache node dies", "credits if we
/// miss it") and hedges nothing.
fn is_failure(lower: &str) -> bool {
    const FAILURES: &[&str] = &[
        "dies",
        "die",
        "died",
        "crashes",
        "crash",
        "crashed",
        "fails",
        "failed",
        "reboots",
        "rebooted",
        "restarts",
        "restarted",
        "down",
        "outage",
        "killed",
        "partitioned",
        "miss",
        "missed",
        "misses",
        "breach",
        "breached",
        "breaches",
        "violated",
        "violates",
    ];
    FAILURES.contains(&lower)
}

/// Plain negations: "not", "never", "rather". See also [`HEDGES`].
const NEGATIONS: &[&str] = &[
    "not", "no", "never", "cannot", "neither", "nor", "without", "instead", "rather", "avoid",
    "lack", "lacks", "fail", "fails", "nothing", "none", "hardly", "dont", "skip", "skips",
    "skipping", "omit", "omits", "bypass", "bypasses", "forgo", "forgoes", "isnt", "doesnt",
    "wont",
];

/// Negation words that withdraw a claim wherever they stand in its part: conditions,
/// attributions and contrasts ("only if", "it is a myth that", "unlike"). The other
/// negation words ("not", "never", "rather") withdraw only what follows them.
pub(crate) const HEDGES: &[&str] = &[
    "if",
    "unless",
    "whether",
    "assume",
    "assumes",
    "assuming",
    "assumed",
    "suppose",
    "supposedly",
    "claim",
    "claims",
    "claimed",
    "believe",
    "believes",
    "think",
    "thinks",
    "pretend",
    "pretends",
    "myth",
    "myths",
    "misconception",
    "misconceptions",
    "wrong",
    "wrongly",
    "incorrect",
    "incorrectly",
    "false",
    "falsely",
    "mistake",
    "mistaken",
    "mistakenly",
    "unrealistic",
    "untrue",
    "fallacy",
    "misleading",
    "naive",
    "naively",
    "contrary",
    "only",
    "except",
    "unlike",
    "vs",
    "versus",
    "compared",
    "contrast",
    "opposed",
    "opposite",
    "mislabel",
    "misnomer",
    "although",
    "though",
    "however",
    "impossible",
];

/// "Only" hedges a claim when a condition or scope follows it ("only if", "only within
/// a partition"); "the master only serves reads" and "votes from only a minority" are
/// claims.
fn only_restricts(next: &str) -> bool {
    matches!(
        next,
        "if" | "unless"
            | "when"
            | "whenever"
            | "while"
            | "once"
            | "as"
            | "provided"
            | "under"
            | "in"
            | "within"
            | "during"
            | "for"
            | "on"
            | "per"
            | "inside"
            | "across"
            | "between"
            | "to"
            | "at"
            | "with"
            | "by"
    )
}

pub(crate) fn is_negation_word(lower: &str) -> bool {
    NEGATIONS.contains(&lower)
        || HEDGES.contains(&lower)
        || lower.ends_with("n't")
        || lower.ends_with("n’t")
}

/// Words that may stand between the terms of a pattern at a `~`.
pub(crate) const FILLERS: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "also",
    "always",
    "fully",
    "completely",
    "entirely",
    "perfectly",
    "inherently",
    "naturally",
    "safely",
    "considered",
    "treated",
    "as",
    "the",
    "a",
    "an",
    "both",
    "and",
    "all",
    "our",
    "its",
    "their",
    "this",
    "that",
    "these",
    "those",
    "every",
    "each",
    "should",
    "must",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "to",
    "do",
    "does",
    "so",
    "still",
    "remain",
    "remains",
    "stay",
    "stays",
    "keep",
    "keeps",
    "call",
    "calls",
    "request",
    "requests",
    "method",
    "methods",
    "verb",
    "verbs",
    "endpoint",
    "endpoints",
    "operation",
    "operations",
    "api",
    "apis",
    "http",
    "get",
    "put",
    "post",
    "patch",
    "delete",
    "head",
    "options",
    "we",
    "it",
    "they",
    "then",
    "here",
    "there",
    "which",
    "by",
    "design",
    "definition",
    "default",
    "guaranteed",
    "guarantees",
    "truly",
    "strictly",
    "totally",
    "simply",
    "just",
    "very",
    "highly",
    "of",
    "for",
    "in",
    "on",
    "with",
    "at",
    "because",
    "since",
];

#[derive(Debug, Clone)]
enum Matcher {
    Exact(Box<str>),
    Lower(Box<str>),
    Prefix(Box<str>),
    /// `@path`: any word that opens a URL path.
    Path,
}

/// Two words with the same stem: equal, or sharing their first five letters ("returns",
/// "returned"; "replicas", "replication").
pub(crate) fn same_stem(a: &str, b: &str) -> bool {
    a == b || (a.len() >= 5 && b.len() >= 5 && a.get(..5) == b.get(..5))
}

/// The text between word `k - 1` and word `k`; empty when either is missing.
pub(crate) fn gap_before<'t>(text: &'t str, words: &[Word], k: usize) -> &'t str {
    match (k.checked_sub(1).and_then(|j| words.get(j)), words.get(k)) {
        (Some(a), Some(b)) => text.get(a.range.end..b.range.start).unwrap_or(""),
        _ => "",
    }
}

/// Whether `raw` has a capital at byte `from` or later and is not all capitals: a name
/// in camel case ("OpenVPN" after "Open", "PubSub" after "P").
pub(crate) fn capital_after(raw: &str, from: usize) -> bool {
    raw.get(from..)
        .is_some_and(|rest| rest.chars().any(char::is_uppercase))
        && raw.chars().any(char::is_lowercase)
}

impl Matcher {
    /// Like `matches`, but a lowercase word may take another ending.
    fn matches_loosely(&self, word: &Word) -> bool {
        match self {
            Matcher::Lower(s) => same_stem(&word.lower, s),
            _ => self.matches(word),
        }
    }

    fn matches(&self, word: &Word) -> bool {
        match self {
            Matcher::Exact(s) => *word.raw == **s,
            Matcher::Lower(s) => *word.lower == **s,
            // "open*" is not the start of "OpenVPN": a capital after the prefix starts
            // another word of a name (unless the whole word is in capitals).
            Matcher::Prefix(s) => {
                word.lower.starts_with(&**s) && !capital_after(&word.raw, s.len())
            }
            Matcher::Path => word.path,
        }
    }
}

#[derive(Debug, Clone)]
enum Step {
    /// Alternatives, each a run of word matchers.
    Term {
        alternatives: Vec<Vec<Matcher>>,
        optional: bool,
    },
    /// Up to `max` words between terms; `any` allows any word, else fillers only.
    Gap { max: usize, any: bool },
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    steps: Vec<Step>,
    /// The first words of the most selective required term: a clause that contains none
    /// of them cannot match, which a sorted lookup tells without trying the pattern.
    anchor: Vec<Matcher>,
    /// Words whose presence anywhere in the clause withdraws the match.
    unless: Vec<Matcher>,
    /// Words that may not follow the match.
    not_followed: Vec<Matcher>,
}

impl Pattern {
    /// Compiles the pattern language described in the module docs.
    pub fn new(src: &str) -> Pattern {
        let mut steps = Vec::new();
        let mut unless = Vec::new();
        let mut not_followed = Vec::new();
        for token in src.split_whitespace() {
            if let Some(word) = token.strip_prefix('!') {
                unless.push(matcher(word));
                continue;
            }
            if let Some(word) = token.strip_prefix('^').filter(|w| !w.is_empty()) {
                not_followed.push(matcher(word));
                continue;
            }
            match token {
                "~" => steps.push(Step::Gap { max: 4, any: false }),
                "~~" => steps.push(Step::Gap { max: 6, any: true }),
                _ => {
                    // `a|b?` and `a?|b` are both an optional choice of `a` or `b`.
                    let optional = token.len() > 1
                        && token
                            .split('|')
                            .any(|alt| alt.len() > 1 && alt.ends_with('?'));
                    let alternatives = token
                        .split('|')
                        .map(|alt| {
                            let alt = alt
                                .strip_suffix('?')
                                .filter(|a| !a.is_empty())
                                .unwrap_or(alt);
                            alt.split(['_', '-'])
                                .filter(|w| !w.is_empty())
                                .map(matcher)
                                .collect()
                        })
                        .collect();
                    steps.push(Step::Term {
                        alternatives,
                        optional,
                    });
                }
            }
        }
        let anchor = choose_anchor(&steps);
        Pattern {
            steps,
            anchor,
            unless,
            not_followed,
        }
    }

    /// The first match in the clause: its range of word indices and the indices of the
    /// words the pattern's terms matched (not its gaps). Ignores negation.
    pub fn find_words(&self, words: &[Word]) -> Option<(Range<usize>, Vec<usize>)> {
        self.find_words_in(words, 0..words.len())
    }

    /// The first match that starts at a word of `starts` and ends within `words`, as
    /// [`Pattern::find_words`].
    pub fn find_words_in(
        &self,
        words: &[Word],
        starts: Range<usize>,
    ) -> Option<(Range<usize>, Vec<usize>)> {
        if !self.unless.is_empty()
            && words
                .iter()
                .any(|w| self.unless.iter().any(|m| m.matches(w)))
        {
            return None;
        }
        starts.into_iter().find_map(|start| {
            let mut matched = Vec::new();
            let end = self.match_at(words, 0, start, true, &mut matched)?;
            if end == start
                || words
                    .get(end)
                    .is_some_and(|next| self.not_followed.iter().any(|m| m.matches(next)))
            {
                return None;
            }
            Some((start..end, matched))
        })
    }

    /// The words of `range` that match every required term of the pattern, in any order
    /// and with any words between them (a word may take another ending, `same_stem`:
    /// "returns" matches "returned"), none of them in `skip`: "the latest write is always
    /// returned" for `return* ~ the? latest ~~ write*`. Patterns of one term give nothing.
    pub fn find_unordered(
        &self,
        words: &[Word],
        range: Range<usize>,
        skip: Range<usize>,
    ) -> Option<(Range<usize>, Vec<usize>)> {
        let terms: Vec<&Vec<Vec<Matcher>>> = self
            .steps
            .iter()
            .filter_map(|s| match s {
                Step::Term {
                    alternatives,
                    optional: false,
                } => Some(alternatives),
                _ => None,
            })
            .collect();
        if terms.len() < 2
            || words
                .iter()
                .any(|w| self.unless.iter().any(|m| m.matches(w)))
        {
            return None;
        }
        let mut matched: Vec<usize> = Vec::new();
        for alternatives in terms {
            let at = range.clone().find(|&i| {
                alternatives.iter().any(|alt| {
                    !alt.is_empty()
                        && alt.iter().enumerate().all(|(k, m)| {
                            let j = i + k;
                            j < range.end
                                && !skip.contains(&j)
                                && !matched.contains(&j)
                                && words.get(j).is_some_and(|w| m.matches_loosely(w))
                        })
                })
            })?;
            let len = alternatives
                .iter()
                .filter(|alt| {
                    !alt.is_empty()
                        && alt
                            .iter()
                            .enumerate()
                            .all(|(k, m)| words.get(at + k).is_some_and(|w| m.matches_loosely(w)))
                })
                .map(Vec::len)
                .max()
                .unwrap_or(1);
            matched.extend(at..at + len);
        }
        let start = *matched.iter().min()?;
        let end = *matched.iter().max()? + 1;
        Some((start..end, matched))
    }

    /// True when some word of the clause can start a match: a cheap test before trying.
    pub fn may_match(&self, clause: &Clause) -> bool {
        self.anchor.is_empty() || self.anchor.iter().any(|m| clause.contains(m))
    }

    /// The bytes of the first match in a clause that is not negated. Negation words the
    /// pattern itself names ("not" in `=PUT ~ not idempotent`) do not count.
    pub fn find(&self, clause: &Clause) -> Option<Range<usize>> {
        if !self.may_match(clause) {
            return None;
        }
        let (words, matched) = self.find_words(&clause.words)?;
        if words.is_empty() || clause.is_negated(words.clone(), &matched) {
            return None;
        }
        if clause
            .words
            .iter()
            .any(|w| self.unless.iter().any(|m| m.matches(w)))
        {
            return None;
        }
        Some(clause.words[words.start].range.start..clause.words[words.end - 1].range.end)
    }

    /// Matches steps from `step` on at word `at`; returns the end word index and pushes
    /// the indices of term-matched words onto `matched`.
    fn match_at(
        &self,
        words: &[Word],
        step: usize,
        at: usize,
        first: bool,
        matched: &mut Vec<usize>,
    ) -> Option<usize> {
        let Some(current) = self.steps.get(step) else {
            return Some(at);
        };
        match current {
            Step::Gap { max, any } => {
                for skip in 0..=*max {
                    if skip > 0 {
                        let w = words.get(at + skip - 1)?;
                        if !*any && !FILLERS.contains(&&*w.lower) {
                            return None;
                        }
                    }
                    if let Some(end) = self.match_at(words, step + 1, at + skip, false, matched) {
                        return Some(end);
                    }
                }
                None
            }
            Step::Term {
                alternatives,
                optional,
            } => {
                // Terms with no gap between them must be written together ("CA system").
                let after_term = step > 0 && matches!(self.steps[step - 1], Step::Term { .. });
                for alt in alternatives {
                    let fits = alt.iter().enumerate().all(|(i, m)| {
                        words.get(at + i).is_some_and(|w| {
                            m.matches(w) && (w.joined || (i == 0 && (first || !after_term)))
                        })
                    });
                    if !fits {
                        continue;
                    }
                    let mark = matched.len();
                    matched.extend(at..at + alt.len());
                    if let Some(end) =
                        self.match_at(words, step + 1, at + alt.len(), false, matched)
                    {
                        return Some(end);
                    }
                    matched.truncate(mark);
                }
                if *optional && !first {
                    return self.match_at(words, step + 1, at, false, matched);
                }
                None
            }
        }
    }
}

/// The required term whose first words are the rarest: not fillers, fewest alternatives.
fn choose_anchor(steps: &[Step]) -> Vec<Matcher> {
    let mut best: Option<(usize, Vec<Matcher>)> = None;
    for step in steps {
        let Step::Term {
            alternatives,
            optional: false,
        } = step
        else {
            continue;
        };
        let firsts: Vec<Matcher> = alternatives
            .iter()
            .filter_map(|alt| alt.first().cloned())
            .collect();
        let common = firsts.iter().any(|m| match m {
            Matcher::Lower(w) | Matcher::Exact(w) => FILLERS.contains(&&**w) || w.len() <= 2,
            Matcher::Prefix(p) => p.len() <= 3,
            Matcher::Path => true,
        });
        let cost = firsts.len() + if common { 1000 } else { 0 };
        if best.as_ref().is_none_or(|(c, _)| cost < *c) {
            best = Some((cost, firsts));
        }
    }
    best.map(|(_, firsts)| firsts).unwrap_or_default()
}

fn matcher(word: &str) -> Matcher {
    if word == "@path" {
        Matcher::Path
    } else if let Some(exact) = word.strip_prefix('=') {
        Matcher::Exact(exact.into())
    } else if let Some(prefix) = word.strip_suffix('*') {
        Matcher::Prefix(prefix.to_lowercase().into())
    } else {
        Matcher::Lower(word.to_lowercase().into())
    }
}

/// Every clause of the document's own prose, in order.
#[cfg(test)]
pub(crate) fn clauses(doc: &Document) -> Vec<Clause> {
    let mut res = Vec::new();
    for block in syntax::text_blocks(&doc.tree) {
        if block.quoted {
            continue;
        }
        block_clauses(doc, &block, &mut res);
    }
    res
}

pub(crate) fn block_clauses(doc: &Document, block: &TextBlock, acc: &mut Vec<Clause>) {
    let text = &*doc.text;
    let quoted = quoted_spans(text, block.range.clone());
    let words: Vec<Range<usize>> = block_words(text, block)
        .into_iter()
        .filter(|w| !quoted.iter().any(|q| q.start <= w.start && w.end <= q.end))
        .collect();
    let mut current = Clause::new();
    let mut part = 0;
    let mut prev_end = block.range.start;
    for (k, range) in words.iter().cloned().enumerate() {
        let gap = &text[prev_end..range.start];
        let word = &text[range.clone()];
        let lower = word.to_lowercase();
        // "vs." and "e.g." end no sentence.
        let abbreviation = gap.starts_with(". ")
            && !gap.contains("\n\n")
            && current.words.last().is_some_and(|w| {
                matches!(
                    &*w.lower,
                    "vs" | "e.g" | "i.e" | "eg" | "ie" | "cf" | "approx" | "incl"
                )
            });
        if (gap.contains(['.', '!', '?', ';', '\u{2014}']) && !abbreviation) || gap.contains("\n\n")
        {
            current.question = gap.contains('?');
            if !current.words.is_empty() {
                current.finish();
                acc.push(std::mem::replace(&mut current, Clause::new()));
            }
            part = 0;
        }
        // A consequence after a comma, or a contrast, starts a new part of the sentence:
        // "X, so Y", "X, which means Y", "X but Y".
        let consequence = (gap.contains(',')
            && matches!(
                lower.as_str(),
                "so" | "therefore" | "hence" | "thus" | "which" | "as" | "meaning"
            ))
            || matches!(lower.as_str(), "because" | "since");
        let contrast = matches!(
            lower.as_str(),
            "but" | "whereas" | "while" | "although" | "though"
        );
        // ", and we don't need ...", ", and the SLO is ...": a second statement with its
        // own subject, whose negation is its own.
        let coordinate =
            gap.contains(',') && lower == "and" && opens_statement(text, &words[k + 1..]);
        if (consequence || contrast || coordinate) && !current.words.is_empty() {
            part += 1;
        }
        let joined = !gap.is_empty()
            && gap
                .chars()
                .all(|c| matches!(c, ' ' | '\t' | '\n' | '-' | '/' | '*' | '_'));
        let path = gap
            .strip_suffix('/')
            .is_some_and(|g| g.is_empty() || g.ends_with([' ', '\t', '\n', '(', '"', '\'']))
            && (gap.len() > 1 || prev_end == block.range.start);
        // "there's no risk", "it's durable": a pronoun and its "is" read as two words.
        let contraction = ["'s", "\u{2019}s"].iter().find_map(|s| {
            let stem = lower.strip_suffix(s)?;
            matches!(
                stem,
                "it" | "that" | "there" | "here" | "what" | "which" | "who"
            )
            .then(|| (stem.len(), range.end - s.len()))
            // The lowercase stem is ASCII, so it spans the same bytes of the word as
            // written; checked all the same, so that no spelling can split a character.
            .filter(|&(n, at)| word.is_char_boundary(n) && word.is_char_boundary(at - range.start))
        });
        if let Some((stem_len, is_at)) = contraction {
            current.words.push(Word {
                range: range.start..range.start + stem_len,
                raw: word[..stem_len].into(),
                lower: lower[..stem_len].into(),
                part,
                joined,
                path,
                cell: false,
            });
            current.words.push(Word {
                range: is_at..range.end,
                raw: word[is_at - range.start..].into(),
                lower: "is".into(),
                part,
                joined: false,
                path: false,
                cell: false,
            });
        } else {
            current.words.push(Word {
                range: range.clone(),
                raw: word.into(),
                lower: lower.into(),
                part,
                joined,
                path,
                cell: false,
            });
        }
        prev_end = range.end;
    }
    if !current.words.is_empty() {
        // "Is it write-through (write-behind)?": closing brackets and quotes may come first.
        current.question = text[prev_end..block.range.end]
            .trim_start_matches([
                ' ', ')', ']', '"', '\'', '*', '_', '`', '\u{201d}', '\u{2019}',
            ])
            .starts_with('?');
        current.finish();
        acc.push(current);
    }
}

/// Verbs that open a predicate after a noun: "the namespaces have been kept".
pub(crate) const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "must",
    "should", "may", "might",
];

/// True when `words` open a statement with its own subject: a subject pronoun ("we
/// don't need ..."), or a determiner and a noun phrase of up to three words whose verb is
/// an auxiliary ("the SLO is ...", "our replicas will ...", "the client does ...").
fn opens_statement(text: &str, words: &[Range<usize>]) -> bool {
    let lower = |i: usize| words.get(i).map(|w| text[w.clone()].to_ascii_lowercase());
    match lower(0).as_deref() {
        Some("we" | "they" | "it" | "i" | "you" | "he" | "she") => true,
        Some("the" | "our" | "its" | "their" | "this" | "that" | "these" | "those" | "each") => {
            (2..5).any(|i| {
                lower(i)
                    .is_some_and(|w| AUXILIARIES.contains(&w.as_str()) || w == "does" || w == "do")
            })
        }
        _ => false,
    }
}

/// A body cell of a pipe table read as a clause with its row's first cell and its
/// column's heading: "| UDP | yes |" under "| Protocol | Ordered |" reads "UDP | Ordered |
/// yes". None for the first column, a column without a heading, or cells that hold more
/// than one statement.
pub(crate) fn cell_clause(
    doc: &Document,
    block: &TextBlock,
    cell: &syntax::TableCell,
) -> Option<Clause> {
    let header = cell.header.clone().filter(|_| cell.column > 0)?;
    let piece = |range: Range<usize>| {
        let mut acc = Vec::new();
        let block = TextBlock {
            kind: block.kind,
            range,
            continuations: Vec::new(),
            quoted: block.quoted,
            in_list: block.in_list,
        };
        block_clauses(doc, &block, &mut acc);
        acc
    };
    let [first] = <[Clause; 1]>::try_from(piece(cell.first.clone())).ok()?;
    let [heading] = <[Clause; 1]>::try_from(piece(header)).ok()?;
    let value = piece(block.range.clone()).into_iter().next()?;
    // A value ("Yes", "at most once", "99.99%"), not a sentence of its own: a cell that
    // says something by itself ("Cache checks DB on miss automatically") is read alone,
    // and read with the heading and the row it says what neither of them does (18 false
    // alarms fewer in public system-design notes, corpus 17; no right finding lost on
    // any corpus).
    if value.words.len() > 3 {
        return None;
    }
    let mut res = Clause::new();
    res.question = value.question;
    res.words = first.words;
    let start = res.words.len();
    for (words, clause) in [(heading.words, 0), (value.words, 1)] {
        for (i, mut w) in words.into_iter().enumerate() {
            if clause == 0 {
                w.part = 0;
            }
            w.cell = i == 0;
            w.joined = w.joined && i > 0;
            res.words.push(w);
        }
        if clause == 0 {
            res.header = Some(start..res.words.len());
        }
    }
    res.finish();
    Some(res)
}

/// Spans in double quotes (straight or curly) inside `range`: somebody else's words.
fn quoted_spans(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut res = Vec::new();
    let block = &text[range.clone()];
    let mut open: Option<(usize, char)> = None;
    for (i, c) in block.char_indices() {
        match (open, c) {
            (None, '"' | '\u{201c}') => open = Some((i, c)),
            (Some((start, '"')), '"') | (Some((start, '\u{201c}')), '\u{201d}') => {
                res.push(range.start + start..range.start + i + c.len_utf8());
                open = None;
            }
            (Some(_), '\n') if block[..i].ends_with('\n') => open = None,
            _ => {}
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::new(text.into(), None)
    }

    fn find(pattern: &str, text: &str) -> Vec<String> {
        let d = doc(text);
        let p = Pattern::new(pattern);
        clauses(&d)
            .iter()
            .filter_map(|c| p.find(c))
            .map(|r| text[r].to_owned())
            .collect()
    }

    #[test]
    fn clauses_split_at_sentences_and_contrasts() {
        let d =
            doc("PUT is idempotent, but POST is not. Unlike L4; L7 reads cookies.\n\n- item one\n");
        let got: Vec<String> = clauses(&d)
            .iter()
            .map(|c| {
                c.words
                    .iter()
                    .map(|w| format!("{}{}", w.raw, w.part))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert_eq!(
            got,
            [
                "PUT0 is0 idempotent0 but1 POST1 is1 not1",
                "Unlike0 L40",
                "L70 reads0 cookies0",
                "item0 one0"
            ]
        );
        let d = doc("PACELC: else latency.");
        assert_eq!(clauses(&d).len(), 1, "a colon does not end a clause");
        let d = doc("Availability vs. partition tolerance, e.g. in PACELC. Next one.");
        assert_eq!(clauses(&d).len(), 2, "abbreviations end no sentence");
        let d = doc("The store is CA, so it never picks.");
        assert_eq!(
            clauses(&d)[0].words[5].part,
            1,
            "a consequence is a new part"
        );
        let parts = |text: &str| -> Vec<u32> {
            clauses(&doc(text))[0]
                .words
                .iter()
                .map(|w| w.part)
                .collect()
        };
        assert_eq!(
            parts("It is fast, and we do not need more."),
            [0, 0, 0, 1, 1, 1, 1, 1, 1],
            "a second statement with its own subject is a new part"
        );
        assert_eq!(
            parts("It is fast, and the SLO is met."),
            [0, 0, 0, 1, 1, 1, 1, 1]
        );
        assert_eq!(
            parts("It is fast, safe, and the default."),
            [0, 0, 0, 0, 0, 0, 0],
            "a list's last item is not a statement"
        );
    }

    #[test]
    fn patterns_match_with_fillers_and_case() {
        let p = "=POST|=PATCH ~ idempoten*";
        assert_eq!(
            find(p, "POST requests are idempotent."),
            ["POST requests are idempotent"]
        );
        assert_eq!(
            find(p, "GET, PUT and POST are idempotent."),
            ["POST are idempotent"]
        );
        assert!(find(p, "post it; it's idempotent.").is_empty());
        assert!(
            find(
                p,
                "We use POST for creation and make retries idempotent with keys."
            )
            .is_empty()
        );
    }

    #[test]
    fn negation_hedges_questions_quotes_and_code_suppress() {
        let p = "=POST ~ idempoten*";
        for text in [
            "POST is not idempotent.",
            "POST isn't idempotent.",
            "It is a myth that POST is idempotent.",
            "If POST were idempotent, retries would be easy.",
            "Is POST idempotent?",
            "Some say \"POST is idempotent\" and they are wrong.",
            "> POST is idempotent.",
            "`POST is idempotent`",
            "```\nPOST is idempotent\n```",
            "POST is idempotent only if the client sends an idempotency key.",
            "POST is idempotent only when the server deduplicates requests.",
        ] {
            assert!(find(p, text).is_empty(), "{text}");
        }
        // "Only" alone restricts a claim and leaves it standing.
        for text in [
            "Only POST is idempotent.",
            "We retry only POST, since POST is idempotent.",
        ] {
            assert_eq!(find(p, text).len(), 1, "{text}");
        }
    }

    #[test]
    fn optional_terms_and_any_gaps() {
        let p = "layer_4|=L4 load_balancer*? ~ rout*|distribut* ~~ cookie*|header*";
        assert_eq!(
            find(
                p,
                "Our L4 load balancer routes each request based on the session cookie."
            ),
            ["L4 load balancer routes each request based on the session cookie"]
        );
        assert_eq!(
            find(p, "Layer 4 routes by cookie."),
            ["Layer 4 routes by cookie"]
        );
        // A `?` on any alternative makes the choice optional, and is no part of the word.
        let p = "guarantee* ~ every ~ packets?|datagrams? arriv*";
        assert_eq!(
            find(p, "It guarantees that every packets arrive."),
            ["guarantees that every packets arrive"]
        );
        assert_eq!(
            find(p, "It guarantees every datagram arrives."),
            Vec::<String>::new()
        );
    }
}
