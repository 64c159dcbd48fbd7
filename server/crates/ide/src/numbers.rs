//! Numbers with units, checked against the knowledge base.
//!
//! Four kinds of check, each per clause:
//!
//! - a figure, or a unit alone, stated of a quantity in a unit of the wrong kind: an
//!   entry's `quantity` says what its concept is measured in ("time" for latency, "rate"
//!   for throughput), so "throughput dropped to 350 ms", "p99 latency is 40,000 events
//!   per second" and "we measure latency in requests per second" are findings;
//! - a figure that is off: an entry's `[[facts.figures]]` give a pattern for the thing
//!   measured ("main memory reference"), the true figure ("100 ns") and how far a stated
//!   one may be from it ("10x" for an order of magnitude, "25%", "exact"); two such
//!   times compared the wrong way round ("a disk seek is faster than a main memory
//!   reference") are a finding when the true ratio is ten or more;
//! - powers of two: "2^20 bytes is about a gigabyte" is arithmetic with the lexicon's
//!   units, within 25%;
//! - arithmetic a design states with its own figures: quorum sizes and overlap (R + W >
//!   N), Little's law (a rate times the time each item takes is the count in flight, off
//!   by 2x or more), an SLO set looser than the SLA it protects, a rate converted to
//!   another unit of time (more than 25% off) and a product of figures ("10M photos ×
//!   2 MB = 2 TB", 1.5x off).
//!
//! Units are the lexicon's `[units]`; the words allowed between a quantity and its
//! figure are its `figure-links`. A figure counts only when a verb of those links, a
//! colon or a pipe ties it to the quantity ("latency at 5,000 requests per second is
//! 20 ms" says nothing wrong about latency). Negations and hedges silence a clause.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use knowledge::{KnowledgeBase, Lexicon};

use crate::claims::{Clause, Pattern, Word, gap_before};
use crate::facts::{DEFAULT_FAMILY, FactFinding};

/// Links that carry no assertion by themselves: prepositions, articles and (in
/// [`APPROX`]) approximations.
const GLUE: &[&str] = &[
    "of",
    "at",
    "to",
    "from",
    "by",
    "a",
    "an",
    "the",
    "just",
    "over",
    "under",
    "below",
    "above",
    "up",
    "down",
    "per",
    "in",
    "within",
    "each",
    "one",
    "us",
    "it",
    "its",
    "still",
    "typically",
    "usually",
    "which",
    "that",
    "whose",
    "apiece",
];

/// Words that make a figure an approximation.
pub(crate) const APPROX: &[&str] = &[
    "about",
    "around",
    "roughly",
    "approximately",
    "approx",
    "nearly",
    "almost",
    "some",
    "circa",
    "ca",
];

/// One of [`NumberBook::check`]'s checks, with the clause it reads.
type Check<'a> = dyn Fn(&mut Vec<FactFinding>) + 'a;

/// Words that say one rate is another: "is", "=", "or", "works out to".
const CONVERSION_LINKS: &[&str] = &[
    "is",
    "are",
    "equals",
    "equal",
    "means",
    "gives",
    "or",
    "which",
    "that",
    "works",
    "out",
    "to",
    "comes",
    "translates",
    "amounts",
    "i",
    "e",
    "ie",
    "on",
    "average",
];

/// Words of a count of items in a system, for Little's law.
const IN_FLIGHT: &[&str] = &[
    "flight",
    "concurrent",
    "concurrently",
    "outstanding",
    "progress",
    "simultaneously",
    "pending",
    "system",
    "once",
];

/// What can be in flight.
const ITEMS: &[&str] = &[
    "request",
    "requests",
    "call",
    "calls",
    "query",
    "queries",
    "message",
    "messages",
    "job",
    "jobs",
    "task",
    "tasks",
    "transaction",
    "transactions",
    "operation",
    "operations",
    "ops",
    "rpc",
    "rpcs",
    "item",
    "items",
    "event",
    "events",
    "order",
    "orders",
    "writes",
    "reads",
];

/// Words next to a time that make it the time each item spends in the system.
const PER_ITEM_TIME: &[&str] = &[
    "latency",
    "latencies",
    "response",
    "takes",
    "take",
    "taking",
    "took",
    "each",
    "apiece",
    "p50",
    "p90",
    "p95",
    "p99",
    "mean",
    "average",
    "avg",
    "median",
    "duration",
    "spends",
    "spend",
    "spent",
    "processing",
    "service",
];

/// Words that make a time a window or a period rather than a time per item.
const WINDOW_BEFORE: &[&str] = &[
    "every", "over", "for", "after", "per", "past", "last", "during", "window", "interval",
    "timeout", "ttl",
];
const WINDOW_AFTER: &[&str] = &[
    "timeout",
    "timeouts",
    "window",
    "interval",
    "ttl",
    "period",
    "ago",
    "later",
    "delay",
    "backoff",
    "budget",
    "retention",
    "deadline",
];

struct Unit {
    form: Box<str>,
    /// Matched case-insensitively when the form has no capital.
    exact: bool,
    kind: Box<str>,
    scale: f64,
}

/// How far a stated figure may be from the true one.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Within {
    /// A factor: "10x" flags only a figure ten times off or more.
    Factor(f64),
    /// A share: "25%".
    Share(f64),
}

struct Figure {
    what: Pattern,
    value: f64,
    kind: Box<str>,
    text: Box<str>,
    within: Within,
    term: Box<str>,
    family: Box<str>,
}

/// The units, links, quantities and figures of a knowledge base, compiled once.
pub(crate) struct NumberBook {
    units: Vec<Unit>,
    links: HashSet<Box<str>>,
    /// Entry id → (kind of its quantity, term).
    quantities: HashMap<Box<str>, (Box<str>, Box<str>)>,
    figures: Vec<Figure>,
    /// The term of the entry about powers of two, for messages.
    powers: Option<Box<str>>,
    /// Term and family of the entries that [`NumberBook::littles_law`] and
    /// [`NumberBook::service_levels`] cite.
    little: Option<(Box<str>, Box<str>)>,
    slo: Option<(Box<str>, Box<str>)>,
}

impl std::fmt::Debug for NumberBook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NumberBook")
            .field("units", &self.units.len())
            .field("figures", &self.figures.len())
            .finish()
    }
}

/// A number with a unit in a clause.
#[derive(Debug, Clone)]
struct Measure {
    /// In base units (seconds, per second, bytes, ones).
    value: f64,
    kind: Box<str>,
    /// Word indices.
    words: Range<usize>,
    /// A power of two ("2^20").
    power: Option<u32>,
}

fn parse_number(raw: &str) -> Option<f64> {
    if !raw.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    raw.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The number at the start of a word and the letters after it: "100ms" → (100, "ms").
fn split_number(raw: &str) -> Option<(f64, &str)> {
    let end = raw
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(raw.len());
    let n = parse_number(&raw[..end])?;
    Some((n, &raw[end..]))
}

impl NumberBook {
    pub(crate) fn new(kb: &KnowledgeBase, lexicon: &Lexicon, codes: &[&str]) -> NumberBook {
        let mut units: Vec<Unit> = Vec::new();
        for unit in lexicon.units.values() {
            for form in &unit.forms {
                units.push(Unit {
                    form: form.clone(),
                    exact: form.chars().any(char::is_uppercase),
                    kind: unit.kind.clone(),
                    scale: unit.scale,
                });
            }
        }
        let mut book = NumberBook {
            units,
            links: lexicon
                .figure_links
                .iter()
                .map(|w| w.to_lowercase().into())
                .collect(),
            quantities: HashMap::new(),
            figures: Vec::new(),
            powers: kb.by_id("powers-of-two").map(|e| e.term.clone()),
            little: None,
            slo: None,
        };
        let cited = |id: &str| {
            kb.by_id(id).map(|e| {
                let family = e.known.family.as_deref().filter(|f| codes.contains(f));
                (e.term.clone(), family.unwrap_or(DEFAULT_FAMILY).into())
            })
        };
        book.little = cited("littles-law");
        book.slo = cited("slo");
        for entry in kb.entries() {
            let known = &entry.known;
            if let Some(q) = &known.quantity {
                book.quantities
                    .insert(entry.id.clone(), (q.clone(), entry.term.clone()));
            }
            let family: Box<str> = known
                .family
                .as_deref()
                .filter(|f| codes.contains(f))
                .unwrap_or(DEFAULT_FAMILY)
                .into();
            for figure in &known.figures {
                let Some((value, kind)) = book.parse_figure(&figure.is) else {
                    continue;
                };
                let within = match figure.within.as_deref().map(str::trim) {
                    Some("exact") => Within::Share(0.02),
                    Some(w) if w.ends_with('x') => w[..w.len() - 1]
                        .trim()
                        .parse()
                        .map_or(Within::Share(0.25), Within::Factor),
                    Some(w) if w.ends_with('%') => w[..w.len() - 1]
                        .trim()
                        .parse::<f64>()
                        .map_or(Within::Share(0.25), |p| Within::Share(p / 100.0)),
                    _ => Within::Share(0.25),
                };
                book.figures.push(Figure {
                    what: Pattern::new(&figure.what),
                    value,
                    kind,
                    text: figure.is.clone(),
                    within,
                    term: entry.term.clone(),
                    family: family.clone(),
                });
            }
        }
        book
    }

    /// "100 ns" → (1e-7, "time").
    fn parse_figure(&self, text: &str) -> Option<(f64, Box<str>)> {
        let mut it = text.split_whitespace();
        let (n, rest) = split_number(it.next()?)?;
        let unit = if rest.is_empty() { it.next()? } else { rest };
        let u = self.unit(unit)?;
        Some((n * u.scale, u.kind.clone()))
    }

    fn unit(&self, word: &str) -> Option<&Unit> {
        self.units.iter().find(|u| {
            if u.exact {
                *u.form == *word
            } else {
                u.form.eq_ignore_ascii_case(word) || *u.form == *word.to_lowercase()
            }
        })
    }

    fn time_unit(&self, word: &str) -> bool {
        self.unit(word).is_some_and(|u| &*u.kind == "time")
            || matches!(
                word.to_lowercase().as_str(),
                "day" | "minute" | "hour" | "second"
            )
    }

    /// The measure that starts at word `i`, if any.
    fn measure_at(&self, text: &str, words: &[Word], i: usize) -> Option<Measure> {
        let gap = |k: usize| gap_before(text, words, k);
        let w = words.get(i)?;
        let (mut n, suffix, mut end) = match split_number(&w.raw) {
            Some((n, s)) => (n, s, i + 1),
            None if matches!(&*w.lower, "a" | "an" | "one") => (1.0, "", i + 1),
            None => return None,
        };
        let bare = matches!(&*w.lower, "a" | "an" | "one");
        // "5,000": groups of three digits after commas.
        while suffix.is_empty()
            && gap(end) == ","
            && words
                .get(end)
                .is_some_and(|x| x.raw.len() == 3 && x.raw.chars().all(|c| c.is_ascii_digit()))
        {
            n = n * 1000.0 + words[end].raw.parse::<f64>().unwrap_or(0.0);
            end += 1;
        }
        // "1.8 * 10^19", "10^6": a power of ten.
        let ten_power = |k: usize| {
            matches!(gap(k + 1).trim(), "^" | "**")
                .then(|| words.get(k + 1)?.raw.parse::<i32>().ok())
                .flatten()
                .filter(|e| (1..=30).contains(e))
        };
        if suffix.is_empty()
            && matches!(gap(end).trim(), "*" | "\u{d7}" | "x")
            && words.get(end).is_some_and(|x| &*x.raw == "10")
            && let Some(exp) = ten_power(end)
        {
            n *= 10f64.powi(exp);
            end += 2;
        } else if suffix.is_empty()
            && n == 10.0
            && let Some(exp) = ten_power(end - 1)
        {
            n = 10f64.powi(exp);
            end += 1;
        }
        // "2^20", "2**20".
        let mut power = None;
        if suffix.is_empty()
            && n == 2.0
            && matches!(gap(end).trim(), "^" | "**")
            && let Some(exp) = words.get(end).and_then(|x| x.raw.parse::<u32>().ok())
            && (1..=64).contains(&exp)
        {
            n = 2f64.powi(exp as i32);
            power = Some(exp);
            end += 1;
        }
        let unit_word: Option<(&str, usize)> = if !suffix.is_empty() {
            Some((suffix, end))
        } else {
            // Not after a slash: "100,000/sec" is a rate, read below.
            words
                .get(end)
                .filter(|_| !gap(end).contains(['.', ',', ':', '|', '(', ')', '/']))
                .map(|x| (&*x.raw, end + 1))
        };
        let mut kind: Box<str> = "count".into();
        if let Some((u, next)) = unit_word
            && let Some(unit) = self.unit(u)
        {
            n *= unit.scale;
            kind = unit.kind.clone();
            end = next;
        } else if !suffix.is_empty() || bare {
            return None;
        }
        // "12,000 writes per second", "300 req/s": a rate.
        if &*kind == "count" {
            for nouns in 0..=2 {
                let at = end + nouns;
                // "per second", and "a day" ("10 million page views a day").
                let per_word = words.get(at).is_some_and(|x| {
                    &*x.lower == "per"
                        || (matches!(&*x.lower, "a" | "an") && gap(at).trim().is_empty())
                }) && words.get(at + 1).is_some_and(|x| self.time_unit(&x.raw));
                let slash =
                    at > 0 && at < words.len() && gap(at) == "/" && self.time_unit(&words[at].raw);
                if per_word || slash {
                    let unit_at = if per_word { at + 1 } else { at };
                    let seconds = self.unit(&words[unit_at].raw).map_or(1.0, |u| u.scale);
                    return Some(Measure {
                        value: n / seconds,
                        kind: "rate".into(),
                        words: i..unit_at + 1,
                        power: None,
                    });
                }
                if words
                    .get(at)
                    .is_none_or(|x| x.raw.starts_with(|c: char| c.is_ascii_digit()))
                {
                    break;
                }
            }
        }
        Some(Measure {
            value: n,
            kind,
            words: i..end,
            power,
        })
    }

    /// The first measure tied to what ends before word `from`: only links between, and a
    /// verb among them (or one just before `start`, "improved throughput from"), or a
    /// colon, pipe or equals sign. With `comma`, an apposition counts too ("a disk seek,
    /// roughly 10 ms").
    fn tied_measure(
        &self,
        text: &str,
        words: &[Word],
        start: usize,
        from: usize,
        comma: bool,
    ) -> Option<Measure> {
        let is_verb = |w: &Word| {
            self.links.contains(&*w.lower)
                && !GLUE.contains(&&*w.lower)
                && !APPROX.contains(&&*w.lower)
        };
        let mut tied = (start.saturating_sub(3)..start).any(|k| is_verb(&words[k]));
        let mut j = from;
        let mut noun_phrase = 0;
        while j < words.len() && j < from + 10 {
            let gap = gap_before(text, words, j);
            if gap.contains([':', '|', '=']) || (comma && gap.contains(',')) {
                tied = true;
                noun_phrase = 0;
            } else if gap.contains(['.', ';', '(', ')']) {
                return None;
            }
            // Arithmetic ("2^63-1 bytes", "2^32 \u{2212} 1") is no figure of its own.
            if gap.contains(['-', '+', '*', '^', '\u{d7}', '\u{2212}', '\u{2013}']) {
                return None;
            }
            let w = &words[j];
            if let Some(m) = self.measure_at(text, words, j) {
                return (tied && noun_phrase == 0).then_some(m);
            }
            if self.links.contains(&*w.lower) {
                if is_verb(w) {
                    tied = true;
                    noun_phrase = 0;
                } else if &*w.lower == "of" {
                    // "throughput of the search API is ...": an article and up to three
                    // words of a noun phrase, which a verb must close.
                    j += 1;
                    if words
                        .get(j)
                        .is_some_and(|x| matches!(&*x.lower, "the" | "a" | "an" | "our" | "this"))
                    {
                        j += 1;
                    }
                    let mut k = 0;
                    while j < words.len()
                        && k < 3
                        && !self.links.contains(&*words[j].lower)
                        && self.measure_at(text, words, j).is_none()
                    {
                        j += 1;
                        k += 1;
                    }
                    noun_phrase = k;
                    continue;
                }
            } else {
                return None;
            }
            j += 1;
        }
        None
    }

    /// The findings in one clause.
    pub(crate) fn check(
        &self,
        kb: &KnowledgeBase,
        text: &str,
        clause: &Clause,
        acc: &mut Vec<FactFinding>,
    ) {
        let words = &clause.words;
        if words.is_empty() {
            return;
        }
        let approx = text.get(clause.range()).is_some_and(|t| t.contains('~'))
            || words.iter().any(|w| APPROX.contains(&&*w.lower));
        let before = acc.len();
        // The estimate checks read every figure of the clause: only where there are two
        // numbers, or a multiplication sign.
        let numbers = words
            .iter()
            .filter(|w| w.raw.starts_with(|c: char| c.is_ascii_digit()))
            .count();
        let sign = text
            .get(clause.range())
            .is_some_and(|t| t.contains(['\u{d7}', '*']) || words.iter().any(|w| &*w.lower == "x"));
        // In order, until one finds something.
        let checks: [&Check; 10] = [
            &|acc| self.quantities(kb, text, clause, acc),
            &|acc| self.figures(text, clause, approx, acc),
            &|acc| self.powers(text, clause, acc),
            &|acc| self.bit_widths(text, clause, acc),
            &|acc| self.compared(text, clause, acc),
            &|acc| self.quorums(words, acc),
            &|acc| quorum_overlap(text, clause, acc),
            &|acc| self.littles_law(text, clause, acc),
            &|acc| self.service_levels(text, clause, acc),
            &|acc| {
                if numbers >= 2 {
                    self.rate_conversion(text, clause, acc);
                }
                if numbers >= 2 && sign && acc.len() == before {
                    self.product(text, clause, acc);
                }
            },
        ];
        for check in checks {
            if acc.len() > before {
                break;
            }
            check(acc);
        }
        acc.truncate(before + 1);
        // A negation or hedge withdraws a figure only in its own part of the sentence: "a
        // signed 32-bit INT holds about 4 trillion values, so the id will never overflow"
        // still states the wrong limit.
        if let Some(found) = acc.get(before) {
            let inside =
                |w: &Word| w.range.start < found.range.end && found.range.start < w.range.end;
            let first = words.iter().position(inside);
            let last = words.iter().rposition(inside);
            if let (Some(first), Some(last)) = (first, last)
                && clause.is_negated(first..last + 1, &[])
            {
                acc.truncate(before);
            }
        }
    }

    fn finding(
        &self,
        words: &[Word],
        span: Range<usize>,
        code: &str,
        message: String,
    ) -> FactFinding {
        let start = words[span.start].range.start;
        let end = words[span.end.saturating_sub(1).max(span.start)].range.end;
        FactFinding {
            code: code.into(),
            range: start..end,
            message,
        }
    }

    fn quantities(
        &self,
        kb: &KnowledgeBase,
        text: &str,
        clause: &Clause,
        acc: &mut Vec<FactFinding>,
    ) {
        if self.quantities.is_empty() {
            return;
        }
        let words = &clause.words;
        let ranges: Vec<Range<usize>> = words.iter().map(|w| w.range.clone()).collect();
        let mut i = 0;
        while i < ranges.len() {
            let Some(m) = kb.longest_match(text, &ranges, i) else {
                i += 1;
                continue;
            };
            let end = i + m.n_words;
            let quantity = m
                .entries
                .iter()
                .find_map(|&id| self.quantities.get(&kb.entry(id).id));
            if let Some((want, term)) = quantity
                && let Some(measure) = self.tied_measure(text, words, i, end, false)
                && matches!(&*measure.kind, "time" | "rate")
                && measure.kind != *want
                // "throughput measured from 2 weeks of data": days and longer are a
                // period, not a time per operation.
                && !(&*measure.kind == "time" && measure.value >= 86_400.0)
                // "at 100K writes/sec Redis throughput, takes 100 seconds": the quantity's
                // own figure just before it; what follows is something else's.
                && !(i.saturating_sub(4)..i).any(|k| {
                    self.measure_at(text, words, k)
                        .is_some_and(|m| m.kind == *want && m.words.end <= i)
                })
                // "latency: 2,000 requests/s at 50 ms": figures of both kinds after a
                // colon are a worked example, and the one of the quantity's kind is its.
                && !(measure.words.end..words.len()).any(|k| {
                    self.measure_at(text, words, k)
                        .is_some_and(|other| other.kind == *want)
                })
            {
                let stated = text
                    .get(
                        words[measure.words.start].range.start
                            ..words[measure.words.end - 1].range.end,
                    )
                    .unwrap_or("");
                acc.push(self.finding(
                    words,
                    i..measure.words.end,
                    DEFAULT_FAMILY,
                    format!(
                        "{term} is {}, but {stated} is {} (see {term})",
                        kind_label(want),
                        kind_label(&measure.kind)
                    ),
                ));
                return;
            }
            if let Some((want, term)) = quantity
                && let Some((kind, unit)) = self.measured_in(words, end)
                && kind != &**want
            {
                let stated = text
                    .get(words[unit.start].range.start..words[unit.end - 1].range.end)
                    .unwrap_or("");
                acc.push(self.finding(
                    words,
                    i..unit.end,
                    DEFAULT_FAMILY,
                    format!(
                        "{term} is {}, so it is not measured in {stated}, which is {} (see {term})",
                        kind_label(want),
                        kind_label(kind)
                    ),
                ));
                return;
            }
            i = end;
        }
    }

    /// "throughput in milliseconds", "latency is measured in requests per second": the
    /// unit a quantity is said to be measured in, without a figure. The kind ("time" or
    /// "rate") and the unit's words.
    fn measured_in(&self, words: &[Word], end: usize) -> Option<(&'static str, Range<usize>)> {
        let k = (end..(end + 3).min(words.len())).find(|&k| &*words[k].lower == "in")?;
        if !(end..k).all(|j| {
            matches!(
                &*words[j].lower,
                "is" | "are"
                    | "measured"
                    | "expressed"
                    | "reported"
                    | "tracked"
                    | "given"
                    | "shown"
                    | "stated"
                    | "quoted"
            )
        }) {
            return None;
        }
        let first = words.get(k + 1)?;
        // "ms", "milliseconds", "seconds": a time, also per request ("ms per request").
        if let Some(unit) = self.unit(&first.raw)
            && first.raw.len() > 1
            && matches!(&*unit.kind, "time" | "rate")
        {
            let kind = if &*unit.kind == "time" {
                "time"
            } else {
                "rate"
            };
            return Some((kind, k + 1..k + 2));
        }
        // "requests per second", "operations per minute".
        (k + 1..(k + 4).min(words.len()))
            .find(|&p| {
                &*words[p].lower == "per"
                    && p > k + 1
                    && words.get(p + 1).is_some_and(|x| self.time_unit(&x.raw))
            })
            .filter(|&p| (k + 1..p).all(|j| words[j].lower.chars().all(char::is_alphabetic)))
            .map(|p| ("rate", k + 1..p + 2))
    }

    fn figures(&self, text: &str, clause: &Clause, approx: bool, acc: &mut Vec<FactFinding>) {
        let words = &clause.words;
        for figure in &self.figures {
            if !figure.what.may_match(clause) {
                continue;
            }
            let Some((span, _)) = figure.what.find_words(words) else {
                continue;
            };
            let Some(measure) = self.tied_measure(text, words, span.start, span.end, true) else {
                continue;
            };
            if measure.kind != figure.kind || measure.value <= 0.0 {
                continue;
            }
            let ratio = measure.value / figure.value;
            let off = match figure.within {
                Within::Factor(f) => ratio >= f || ratio <= 1.0 / f,
                Within::Share(s) => {
                    let s = if approx { s.max(0.25) } else { s };
                    !(1.0 - s..=1.0 + s).contains(&ratio)
                }
            };
            if !off {
                continue;
            }
            let what = text
                .get(words[span.start].range.start..words[span.end - 1].range.end)
                .unwrap_or("");
            let stated = text
                .get(words[measure.words.start].range.start..words[measure.words.end - 1].range.end)
                .unwrap_or("");
            let how = if ratio > 1.0 {
                format!("{} times too slow", round_factor(ratio))
            } else {
                format!("{} times too fast", round_factor(1.0 / ratio))
            };
            let scale = match figure.within {
                Within::Factor(_) => " as an order of magnitude",
                Within::Share(_) => "",
            };
            // A time is taken; a size or a count (a limit) is.
            let verb = match (&*figure.kind, &figure.within) {
                ("time", _) => "takes about",
                (_, Within::Share(s)) if *s <= 0.02 => "is",
                _ => "is about",
            };
            let how = if &*figure.kind == "time" {
                how
            } else if ratio > 1.0 {
                format!("{}x too much", round_factor(ratio))
            } else {
                format!("{}x too little", round_factor(1.0 / ratio))
            };
            acc.push(self.finding(
                words,
                span.start..measure.words.end,
                &figure.family,
                format!(
                    "{} {verb} {}{scale}, not {stated} ({how}; see {})",
                    as_subject(what),
                    figure.text,
                    figure.term
                ),
            ));
            return;
        }
    }

    /// "Reading 1 MB from memory is slower than a disk seek": two times the knowledge
    /// gives as orders of magnitude, compared the wrong way round. Flagged only when the
    /// true ratio is ten or more, so that neither figure's rounding can decide it.
    fn compared(&self, text: &str, clause: &Clause, acc: &mut Vec<FactFinding>) {
        let words = &clause.words;
        let Some(than) = words.iter().position(|w| &*w.lower == "than") else {
            return;
        };
        let timed = |f: &&Figure| &*f.kind == "time" && matches!(f.within, Within::Factor(_));
        let Some((a, first)) = self.figures.iter().filter(timed).find_map(|f| {
            let (span, _) = f.what.find_words_in(&words[..than], 0..than)?;
            Some((f, span))
        }) else {
            return;
        };
        // "is slower than", "takes far longer than", "is an order of magnitude faster than".
        let Some(k) = (first.end..than).rev().find(|&k| {
            matches!(
                &*words[k].lower,
                "slower" | "longer" | "costlier" | "faster" | "quicker" | "shorter" | "cheaper"
            )
        }) else {
            return;
        };
        if k + 1 != than || k > first.end + 6 {
            return;
        }
        let slower = matches!(&*words[k].lower, "slower" | "longer" | "costlier");
        let Some((b, second)) = self.figures.iter().filter(timed).find_map(|f| {
            let (span, _) = f
                .what
                .find_words_in(words, than + 1..(than + 4).min(words.len()))?;
            Some((f, span))
        }) else {
            return;
        };
        if std::ptr::eq(a, b) {
            return;
        }
        let ratio = a.value / b.value;
        let wrong = if slower { ratio <= 0.1 } else { ratio >= 10.0 };
        if !wrong {
            return;
        }
        let name = |span: &Range<usize>| {
            text.get(words[span.start].range.start..words[span.end - 1].range.end)
                .unwrap_or("")
                .to_owned()
        };
        let (how, factor) = if ratio < 1.0 {
            ("faster", 1.0 / ratio)
        } else {
            ("slower", ratio)
        };
        acc.push(self.finding(
            words,
            first.start..second.end,
            &a.family,
            format!(
                "{} takes about {} and {} about {}, so it is about {} times {how}, not {} (orders of magnitude; see {})",
                as_subject(&name(&first)),
                a.text,
                as_object(&name(&second)),
                b.text,
                round_factor(factor),
                words[k].lower,
                a.term
            ),
        ));
    }

    fn powers(&self, text: &str, clause: &Clause, acc: &mut Vec<FactFinding>) {
        let words = &clause.words;
        let mut i = 0;
        while i < words.len() {
            if &*words[i].raw != "2" {
                i += 1;
                continue;
            }
            let Some(power) = self
                .measure_at(text, words, i)
                .filter(|m| m.power.is_some())
            else {
                i += 1;
                continue;
            };
            let after = power.words.end;
            // "SecondsAYear/2^21=15.03", "9*2^13": the power is an operand of arithmetic
            // whose result follows.
            let operand = gap_before(text, words, i).contains(['/', '*', '\u{d7}', '\u{f7}']);
            if operand {
                i = after;
                continue;
            }
            if let Some(m) = self.tied_measure(text, words, i, after, true)
                // "2**48 == 281 TH": a figure in a unit the lexicon does not know, whose
                // prefix (tera-hashes) scales it.
                && !self.unknown_prefixed_unit(text, words, m.words.end)
                && matches!(&*m.kind, "count" | "bytes")
                && m.power.is_none()
                && m.value > 0.0
                // "2 ** 8, 3 ** 2": a list of powers, not a value for the first.
                && !matches!(gap_before(text, words, m.words.end).trim(), "^" | "**")
            {
                let ratio = m.value / power.value;
                if !(0.75..=1.25).contains(&ratio) {
                    let exp = power.power.unwrap_or(0);
                    let truth = format!(
                        "2^{exp} is {}, about {}",
                        group_digits(power.value),
                        self.nearest_name(power.value, &power.kind)
                    );
                    acc.push(self.power_finding(text, words, i, &m, truth));
                    return;
                }
            }
            i = after;
        }
    }

    /// Whether word `i` is a unit the lexicon does not know that starts with an SI prefix
    /// ("TH", "GH", "PB" when unknown): the figure before it is scaled by that prefix.
    fn unknown_prefixed_unit(&self, text: &str, words: &[Word], i: usize) -> bool {
        let Some(w) = words.get(i) else {
            return false;
        };
        let tied = i > 0 && gap_before(text, words, i).trim().is_empty();
        let raw = &*w.raw;
        tied && (2..=4).contains(&raw.len())
            && raw.starts_with(['K', 'M', 'G', 'T', 'P', 'E'])
            && raw.chars().all(|c| c.is_ascii_alphabetic())
            && raw.chars().nth(1).is_some_and(|c| c.is_ascii_uppercase())
            && self.unit(raw).is_none()
    }

    /// A figure that a power of two contradicts, from word `start` to the figure: "TRUTH,
    /// not FIGURE; see Powers of two".
    fn power_finding(
        &self,
        text: &str,
        words: &[Word],
        start: usize,
        m: &Measure,
        truth: String,
    ) -> FactFinding {
        let stated = text
            .get(words[m.words.start].range.start..words[m.words.end - 1].range.end)
            .unwrap_or("");
        let see = self
            .powers
            .as_deref()
            .map_or(String::new(), |t| format!("; see {t}"));
        self.finding(
            words,
            start..m.words.end,
            DEFAULT_FAMILY,
            format!("{truth}, not {stated}{see}"),
        )
    }

    /// "A 32-bit counter tops out at about 4 million": the largest value an N-bit integer
    /// holds is 2^N (2^(N-1) when signed). Only a figure off by ten times or more from
    /// both is read as wrong, and only after a word that says it is the limit.
    fn bit_widths(&self, text: &str, clause: &Clause, acc: &mut Vec<FactFinding>) {
        let words = &clause.words;
        for i in 0..words.len().saturating_sub(1) {
            let bits: u32 = match &*words[i].raw {
                "8" => 8,
                "16" => 16,
                "32" => 32,
                _ => continue,
            };
            if !matches!(&*words[i + 1].lower, "bit" | "bits") || !words[i + 1].joined {
                continue;
            }
            // An integer, not a timestamp or a build: "32-bit (unsigned) counter".
            let integer = (i + 2..(i + 5).min(words.len())).any(|j| {
                let w = &*words[j].lower;
                [
                    "integer",
                    "counter",
                    "identifier",
                    "sequence",
                    "hash",
                    "address",
                ]
                .iter()
                .any(|n| w.starts_with(n))
                    || matches!(
                        w,
                        "int" | "ints" | "id" | "ids" | "key" | "keys" | "number" | "numbers"
                    )
            });
            if !integer {
                continue;
            }
            // Words since the last one that says "limit": the figure follows it closely.
            let mut limit: Option<usize> = None;
            for j in i + 2..(i + 12).min(words.len()) {
                let gap = gap_before(text, words, j);
                if gap.contains(['.', ';', '(', ')', '^', '*']) {
                    break;
                }
                let w = &*words[j].lower;
                if [
                    "top",
                    "max",
                    "hold",
                    "wrap",
                    "overflow",
                    "represent",
                    "limit",
                    "ceiling",
                ]
                .iter()
                .any(|v| w.starts_with(v))
                    || w == "up"
                {
                    limit = Some(j);
                    continue;
                }
                let Some(m) = self.measure_at(text, words, j) else {
                    let glue =
                        GLUE.contains(&w) || APPROX.contains(&w) || matches!(w, "is" | "out");
                    if limit.is_some() && !glue {
                        limit = None;
                    }
                    continue;
                };
                if limit.is_none() || &*m.kind != "count" || m.power.is_some() || m.value <= 0.0 {
                    break;
                }
                let full = 2f64.powi(bits as i32);
                if m.value * 10.0 > full / 2.0 && m.value < full * 10.0 {
                    break;
                }
                let truth = format!(
                    "A {bits}-bit integer holds values up to 2^{bits}, {} (about {}; half that when signed)",
                    group_digits(full),
                    self.nearest_name(full, "count")
                );
                acc.push(self.power_finding(text, words, i, &m, truth));
                return;
            }
        }
    }

    /// "At 2,000 requests per second and 50 ms latency we'll have about 40,000 requests
    /// in flight": by Little's law the items in a system are its arrival rate times the
    /// time each spends in it. One rate, one time said of each item (its latency,
    /// response time, what it takes) and one count said to be in flight, concurrent,
    /// outstanding or in progress; flagged when the count is off by 2x or more, or on the
    /// wrong side of a bound it states ("at most 50").
    fn littles_law(&self, text: &str, clause: &Clause, acc: &mut Vec<FactFinding>) {
        let Some((term, family)) = &self.little else {
            return;
        };
        let words = &clause.words;
        if !words.iter().any(|w| IN_FLIGHT.contains(&&*w.lower)) {
            return;
        }
        let lower = |i: usize| words.get(i).map_or("", |w| &*w.lower);
        let (mut rates, mut times, mut counts) = (Vec::new(), Vec::new(), Vec::new());
        let mut i = 0;
        while i < words.len() {
            let Some(m) = self.measure_at(text, words, i) else {
                i += 1;
                continue;
            };
            match &*m.kind {
                "rate" => rates.push(m.clone()),
                // A time said of each item: "50 ms latency", "a p50 of 5 ms", "each takes 4
                // seconds", not "every 5 minutes" or "a 30 s timeout".
                "time" => {
                    let near = |k: usize| PER_ITEM_TIME.contains(&lower(k));
                    let before = (m.words.start.saturating_sub(3)..m.words.start).any(near);
                    let after = (m.words.end..m.words.end + 2).any(near);
                    let window = m.words.start > 0
                        && WINDOW_BEFORE.contains(&lower(m.words.start - 1))
                        || WINDOW_AFTER.contains(&lower(m.words.end));
                    if before || after {
                        times.push((m.clone(), window));
                    }
                }
                "count" => {
                    if let Some(end) = self.in_flight_claim(words, &m) {
                        counts.push((m.clone(), end));
                    }
                }
                _ => {}
            }
            i = m.words.end.max(i + 1);
        }
        let ([rate], [(time, false)], [(count, end)]) = (&rates[..], &times[..], &counts[..])
        else {
            return;
        };
        let expected = rate.value * time.value;
        let claimed = count.value;
        if expected.max(claimed) < 10.0 || !expected.is_finite() {
            return;
        }
        let wrong = match bound(words, count.words.start) {
            Some(std::cmp::Ordering::Less) => claimed * 2.0 <= expected,
            Some(_) => claimed >= expected * 2.0,
            None => claimed >= expected * 2.0 || claimed * 2.0 <= expected,
        };
        if !wrong {
            return;
        }
        let said = |m: &Measure| said(text, words, m);
        let first = rate
            .words
            .start
            .min(time.words.start)
            .min(count.words.start);
        let last = rate.words.end.max(time.words.end).max(*end);
        acc.push(self.finding(
            words,
            first..last,
            family,
            format!(
                "By Little's law the items in flight are the arrival rate times the time each spends in the system: {} at {} each keep about {} in flight, not {} (see “{term}”)",
                said(rate),
                said(time),
                group_digits(expected),
                said(count),
            ),
        ));
    }

    /// "We'll set the SLA at 99.99% and the internal SLO at 99.9%": an SLO is the
    /// internal target that warns before the contract is breached, so it is at least as
    /// strict as the SLA. Percentages from 90 to 100 tied to "SLA" and "SLO" in one clause
    /// ("the SLA at 99.99%", "a 99.9% SLO", "SLO: 99.9%"); not when the clause has a time
    /// (a latency objective), names a vendor or another party ("AWS offers a 99.99% SLA",
    /// "the vendor's SLA"), or is a table row.
    fn service_levels(&self, text: &str, clause: &Clause, acc: &mut Vec<FactFinding>) {
        let Some((term, family)) = &self.slo else {
            return;
        };
        let words = &clause.words;
        let level = |w: &Word| match &*w.raw {
            "SLA" | "SLAs" => Some(true),
            "SLO" | "SLOs" => Some(false),
            _ => None,
        };
        let levels: Vec<usize> = (0..words.len())
            .filter(|&i| level(&words[i]).is_some())
            .collect();
        if levels.len() != 2 || level(&words[levels[0]]) == level(&words[levels[1]]) {
            return;
        }
        let other_party = words.iter().enumerate().any(|(i, w)| {
            let lower = w.lower.trim_end_matches("'s").trim_end_matches("\u{2019}s");
            w.cell
                || lower.len() < w.lower.len()
                || matches!(
                    lower,
                    "vendor"
                        | "vendors"
                        | "provider"
                        | "providers"
                        | "cloud"
                        | "upstream"
                        | "dependency"
                        | "dependencies"
                        | "third"
                        | "partner"
                        | "partners"
                        | "supplier"
                        | "suppliers"
                        | "their"
                        | "its"
                        | "s"
                        | "offers"
                        | "offer"
                )
                || (i > 0
                    && level(w).is_none()
                    && w.raw.chars().next().is_some_and(char::is_uppercase)
                    && !matches!(&*w.raw, "I" | "SLI" | "SLIs"))
                || gap_before(text, words, i + 1).starts_with(['\'', '\u{2019}'])
                || self
                    .measure_at(text, words, i)
                    .is_some_and(|m| &*m.kind == "time")
        });
        if other_party {
            return;
        }
        let percent = |i: usize| -> Option<f64> {
            let w = words.get(i)?;
            let rest = text.get(w.range.end..)?;
            if !rest.starts_with('%') {
                return None;
            }
            parse_number(&w.raw).filter(|v| (90.0..100.0).contains(v))
        };
        // Each level's figure: one right before it ("a 99.9% SLO", "99.9% availability
        // SLO"), else the first after it, before the other level and within six words.
        let figure = |at: usize, other: usize| -> Option<usize> {
            let before = (at.saturating_sub(3)..at).rev().find(|&k| {
                percent(k).is_some()
                    && gap_before(text, words, k + 1).trim() == "%"
                    && (k + 1..at).all(|j| matches!(&*words[j].lower, "availability" | "uptime"))
            });
            before.filter(|&k| other < k || other > at).or_else(|| {
                (at + 1..(at + 7).min(words.len()))
                    .take_while(|&k| k != other)
                    .find(|&k| percent(k).is_some())
            })
        };
        let (a, b) = (levels[0], levels[1]);
        let (Some(fa), Some(fb)) = (figure(a, b), figure(b, a)) else {
            return;
        };
        if fa == fb {
            return;
        }
        let (sla, slo) = if level(&words[a]) == Some(true) {
            ((a, fa), (b, fb))
        } else {
            ((b, fb), (a, fa))
        };
        let (Some(sla_v), Some(slo_v)) = (percent(sla.1), percent(slo.1)) else {
            return;
        };
        if slo_v >= sla_v {
            return;
        }
        let first = sla.0.min(sla.1).min(slo.0).min(slo.1);
        let last = sla.0.max(sla.1).max(slo.0).max(slo.1) + 1;
        acc.push(self.finding(
            words,
            first..last,
            family,
            format!(
                "An SLO is the internal target that warns before the SLA is breached, so it is set at least as strict as the SLA: an SLO of {slo_v}% under an SLA of {sla_v}% lets the contract break first (see “{term}”)"
            ),
        ));
    }

    /// "100 million requests per day is about 10,000 requests per second": a rate said to
    /// equal the same rate per another unit of time ("=", "is", "or", "about", "works out
    /// to", in parentheses), more than 25% off. A month is a twelfth of a 365.25-day
    /// year, so "1 request per second = 2.5 million requests per month" is within it.
    /// Rates of different things ("users per day, about 3,000 requests per second") are
    /// not compared.
    fn rate_conversion(&self, text: &str, clause: &Clause, acc: &mut Vec<FactFinding>) {
        let words = &clause.words;
        let mut prev: Option<Measure> = None;
        let mut i = 0;
        while i < words.len() {
            let Some(m) = self.measure_at(text, words, i) else {
                i += 1;
                continue;
            };
            i = m.words.end.max(i + 1);
            if &*m.kind != "rate" {
                prev = None;
                continue;
            }
            let Some(first) = prev.replace(m.clone()) else {
                continue;
            };
            // A rate that is a factor of a product ("100M DAU × 5 searches/day ≈ 5,000
            // QPS") is checked with the product.
            let factor = |k: usize| times_sign(gap_before(text, words, k));
            if factor(first.words.start) || factor(m.words.end) {
                continue;
            }
            // An explicit link: "=", "≈", a parenthesis, or a word of equality; a comma
            // alone lists two figures ("430K bookings/day, 5,000 RPS peak"), and an arrow
            // is a change ("25M/sec → 420K/min").
            let explicit = (first.words.end..=m.words.start)
                .any(|k| gap_before(text, words, k).contains(['=', '\u{2248}', '(']))
                || (first.words.end..m.words.start)
                    .any(|k| CONVERSION_LINKS.contains(&&*words[k].lower));
            // "to" only after a verb of coming to: "works out to", not "from ... to ...".
            let linked = explicit
                && (first.words.end..m.words.start).all(|k| {
                    let w = &*words[k].lower;
                    (CONVERSION_LINKS.contains(&w) || APPROX.contains(&w))
                        && (w != "to"
                            || k.checked_sub(1).is_some_and(|j| {
                                matches!(
                                    &*words[j].lower,
                                    "out" | "translates" | "comes" | "amounts"
                                )
                            }))
                })
                && (first.words.end..=m.words.start)
                    .all(|k| !gap_before(text, words, k).contains(['.', ';', ':', '|']));
            let (a, b) = (self.rate_noun(words, &first), self.rate_noun(words, &m));
            let same_thing = a.is_empty() || b.is_empty() || a == b;
            let ratio = first.value.max(m.value) / first.value.min(m.value);
            if !linked
                || !same_thing
                || !ratio.is_finite()
                || ratio <= 1.25
                || self.per_unit(words, &first).0 == self.per_unit(words, &m).0
                || self.unsure_estimate(text, clause)
                || words.iter().any(|w| {
                    matches!(
                        &*w.lower,
                        "peak"
                            | "peaks"
                            | "burst"
                            | "bursts"
                            | "busiest"
                            | "spike"
                            | "spikes"
                            | "each"
                            | "combined"
                            | "total"
                            | "together"
                    )
                })
            {
                continue;
            }
            let said = |m: &Measure| said(text, words, m);
            let (unit, per) = self.per_unit(words, &m);
            let shown = readable(first.value * per, "count");
            acc.push(self.finding(
                words,
                first.words.start..m.words.end,
                DEFAULT_FAMILY,
                format!(
                    "{} is about {shown} per {unit}, not {} (a day has 86,400 seconds, a month about 2.6 million)",
                    said(&first),
                    said(&m)
                ),
            ));
            return;
        }
    }

    /// "500 million users × 1 KB = 5 TB": figures multiplied ("×", "*", "x") and the
    /// result stated after "=", "≈", "is" or "gives", more than 1.5x off. Counts times a
    /// size give a size, a rate times a time gives a count, and a count per day stated as
    /// the result ("= 10 million requests per day") is compared as that count. Nothing
    /// is read when a division or a parenthesis is part of the sum.
    fn product(&self, text: &str, clause: &Clause, acc: &mut Vec<FactFinding>) {
        let words = &clause.words;
        let times = |k: usize| times_sign(gap_before(text, words, k));
        let mut i = 0;
        while i < words.len() {
            let Some(first) = self.measure_at(text, words, i) else {
                i += 1;
                continue;
            };
            i = first.words.end.max(i + 1);
            // The factors: each after an operator, past up to three words of its noun.
            let mut factors = vec![first.clone()];
            let mut at = first.words.end;
            loop {
                let op =
                    (at..(at + 4).min(words.len())).find(|&k| times(k) || &*words[k].lower == "x");
                let Some(op) = op else { break };
                let next = if &*words[op].lower == "x" { op + 1 } else { op };
                if (at..op).any(|k| words[k].raw.starts_with(|c: char| c.is_ascii_digit()))
                    || (at..=op).any(|k| {
                        gap_before(text, words, k).contains(['/', '(', ')', '=', ',', ';'])
                    })
                {
                    break;
                }
                let Some(m) = self.measure_at(text, words, next) else {
                    break;
                };
                at = m.words.end;
                factors.push(m);
            }
            // The next product starts after this one: "10M × 2 MB × 3" is one sum, and
            // "2 MB × 3" is not another.
            i = i.max(at);
            if factors.len() < 2 || times(first.words.start) {
                continue;
            }
            // The result: after "=", "≈", "~" or a verb of coming to, past the last
            // factor's noun.
            let Some(result) = (at..(at + 6).min(words.len()))
                .find_map(|k| {
                    let gap = gap_before(text, words, k);
                    if gap.contains(['/', '(', ')', '+', '-', '\u{d7}', '*']) {
                        return Some(None);
                    }
                    let m = self.measure_at(text, words, k)?;
                    let linked = gap.contains(['=', '\u{2248}', '~'])
                        || (at..k).any(|j| {
                            matches!(
                                &*words[j].lower,
                                "is" | "are"
                                    | "gives"
                                    | "give"
                                    | "makes"
                                    | "equals"
                                    | "comes"
                                    | "totals"
                            )
                        });
                    Some(linked.then_some(m))
                })
                .flatten()
            else {
                continue;
            };
            // A sum with more than products ("1 - 0.01 x 0.01"), or a percentage, is
            // availability arithmetic, not this.
            let percent = |m: &Measure| {
                text.get(words[m.words.end - 1].range.end..)
                    .is_some_and(|t| t.starts_with('%'))
            };
            // Nor is a product inside a longer sum, a formula or a table of small numbers:
            // nothing arithmetic or numeric just before the first factor or after the
            // result, and a result with a unit or a scale word ("2 TB", "10 million").
            let operator = |g: &str| {
                g.contains([
                    '-', '+', '\u{2212}', '/', '*', '\u{d7}', '(', ')', '.', '=', '^',
                ])
            };
            let after = words
                .get(result.words.end)
                .map_or("", |_| gap_before(text, words, result.words.end));
            let scaled = &*result.kind != "count"
                || (result.words.start..result.words.end).any(|k| {
                    self.unit(&words[k].raw)
                        .or_else(|| split_number(&words[k].raw).and_then(|(_, u)| self.unit(u)))
                        .is_some_and(|u| &*u.kind == "count" && u.scale >= 1e3)
                });
            // A result that repeats a factor is notation ("32 × 20ms = 20ms for 32
            // queries"); a rate of another thing than the rate multiplied leaves a factor
            // unsaid ("100 chats × 1 message/min = 100K deliveries/min").
            let repeats = factors.iter().any(|f| {
                f.kind == result.kind && (f.value - result.value).abs() <= f.value.abs() * 1e-9
            });
            let other_thing = &*result.kind == "rate"
                && factors.iter().any(|f| {
                    &*f.kind == "rate" && {
                        let (a, b) = (self.rate_noun(words, f), self.rate_noun(words, &result));
                        !a.is_empty() && !b.is_empty() && a != b
                    }
                });
            // Work done in parallel does not add up: "10 subagents × 35s each ≈ 40s
            // wall-clock".
            let parallel = words.iter().any(|w| {
                matches!(
                    &*w.lower,
                    "parallel" | "concurrently" | "concurrent" | "simultaneously" | "wall"
                )
            });
            if repeats
                || parallel
                || other_thing
                || self.unsure_estimate(text, clause)
                || factors
                    .iter()
                    .chain([&result])
                    .any(|m| self.bytes_or_billion(words, m))
                || operator(gap_before(text, words, first.words.start))
                || first
                    .words
                    .start
                    .checked_sub(1)
                    .is_some_and(|k| words[k].raw.starts_with(|c: char| c.is_ascii_digit()))
                || operator(after.trim_end_matches(['.', ' ']))
                || !scaled
                || factors.iter().any(percent)
                || percent(&result)
            {
                continue;
            }
            if (at..result.words.start).any(|k| {
                gap_before(text, words, k + 1).contains(['/', '(', ')', ';'])
                    || words[k].raw.starts_with(|c: char| c.is_ascii_digit())
            }) {
                continue;
            }
            // The product and its kind; other kinds are not multiplied here.
            let value: f64 = factors.iter().map(|f| f.value).product();
            let kind = factors
                .iter()
                .try_fold("count", |kind, f| match (kind, &*f.kind) {
                    ("count", k @ ("count" | "bytes" | "rate" | "time")) => Some(k),
                    (k, "count") => Some(k),
                    ("rate", "time") | ("time", "rate") => Some("count"),
                    _ => None,
                });
            let Some(kind) = kind else {
                continue;
            };
            let stated = match (kind, &*result.kind) {
                (a, b) if a == b => result.value,
                // "= 10 million requests per day": the count in a day, a month or a year.
                ("count", "rate") if self.per_unit(words, &result).1 >= 86_400.0 => {
                    result.value * self.per_unit(words, &result).1
                }
                _ => continue,
            };
            if !(value.is_finite() && stated > 0.0 && value > 0.0) {
                continue;
            }
            let ratio = value.max(stated) / value.min(stated);
            if ratio < 1.5 {
                continue;
            }
            let said = |m: &Measure| said(text, words, m);
            let sum: Vec<String> = factors.iter().map(said).collect();
            acc.push(self.finding(
                words,
                first.words.start..result.words.end,
                DEFAULT_FAMILY,
                format!(
                    "{} is {}, not {}",
                    sum.join(" \u{d7} "),
                    readable(value, kind),
                    said(&result)
                ),
            ));
            return;
        }
    }

    /// Estimates this module does not check: money ("6 nodes × $0.31 × 730hr").
    fn unsure_estimate(&self, text: &str, clause: &Clause) -> bool {
        text.get(clause.range())
            .is_some_and(|t| t.contains(['$', '\u{20ac}', '\u{a3}']))
    }

    /// "1B × 500": a B glued to a number is bytes or billions; which is not said.
    fn bytes_or_billion(&self, words: &[Word], m: &Measure) -> bool {
        words[m.words.clone()].iter().any(|w| {
            &*w.raw == "B"
                || w.raw
                    .strip_suffix('B')
                    .is_some_and(|n| n.ends_with(|c: char| c.is_ascii_digit()))
        })
    }

    /// The thing a rate counts, singular: "requests" in "100 million requests per day";
    /// empty for a unit such as QPS or a bare "/s".
    fn rate_noun(&self, words: &[Word], m: &Measure) -> String {
        let mut noun = String::new();
        for w in &words[m.words.start + 1..m.words.end] {
            if matches!(&*w.lower, "per" | "a" | "an")
                || w.raw.starts_with(|c: char| c.is_ascii_digit())
                || self.unit(&w.raw).is_some()
                || self.time_unit(&w.raw)
            {
                continue;
            }
            if !noun.is_empty() {
                noun.push(' ');
            }
            noun.push_str(w.lower.strip_suffix('s').unwrap_or(&w.lower));
        }
        noun
    }

    /// The unit of time a rate is per, and how many seconds it has: ("day", 86400).
    fn per_unit(&self, words: &[Word], m: &Measure) -> (String, f64) {
        let last = &words[m.words.end - 1];
        match self.unit(&last.raw).filter(|u| &*u.kind == "time") {
            Some(u) => {
                let name = match u.scale {
                    1.0 => "second",
                    60.0 => "minute",
                    3600.0 => "hour",
                    86400.0 => "day",
                    604800.0 => "week",
                    2629800.0 => "month",
                    31557600.0 => "year",
                    _ => &last.lower,
                };
                (name.to_string(), u.scale)
            }
            None => ("second".into(), 1.0),
        }
    }

    /// The end of what makes `m` a count of items in flight: "40,000 requests in flight",
    /// "2,000 concurrent requests", "5,000 in-flight requests", "12 messages are in
    /// progress", "4,000 queries outstanding", "150 requests in the system".
    fn in_flight_claim(&self, words: &[Word], m: &Measure) -> Option<usize> {
        let lower = |i: usize| words.get(i).map_or("", |w| &*w.lower);
        let marker = |k: usize| -> Option<usize> {
            match lower(k) {
                "concurrent" | "concurrently" | "outstanding" | "simultaneously" | "pending" => {
                    Some(k + 1)
                }
                "in" if matches!(lower(k + 1), "flight" | "progress") => Some(k + 2),
                "in" if lower(k + 1) == "the" && lower(k + 2) == "system" => Some(k + 3),
                "at" if lower(k + 1) == "once" => Some(k + 2),
                _ => None,
            }
        };
        let mut k = m.words.end;
        // "2,000 concurrent requests", "5,000 in-flight requests".
        if let Some(after) = marker(k)
            && ITEMS.contains(&lower(after))
            && lower(k) != "simultaneously"
        {
            return Some(after + 1);
        }
        if !ITEMS.contains(&lower(k)) {
            return None;
        }
        k += 1;
        if matches!(lower(k), "are" | "is" | "remain" | "stay" | "sit" | "being") {
            k += 1;
        } else if matches!(lower(k), "will" | "would") && lower(k + 1) == "be" {
            k += 2;
        }
        marker(k)
    }

    /// "A four-node etcd cluster tolerates two node failures": a consensus group of N
    /// voters needs a majority, N/2 + 1 (rounded down), so it survives the loss of
    /// (N - 1) / 2 of them. Read only in a clause that names a consensus system.
    fn quorums(&self, words: &[Word], acc: &mut Vec<FactFinding>) {
        let consensus = words.iter().any(|w| {
            matches!(
                &*w.lower,
                "etcd" | "zookeeper" | "consul" | "raft" | "paxos" | "quorum" | "consensus" | "zab"
            )
        });
        if !consensus {
            return;
        }
        let member = |w: &str| {
            matches!(
                w,
                "node"
                    | "nodes"
                    | "member"
                    | "members"
                    | "server"
                    | "servers"
                    | "replica"
                    | "replicas"
                    | "voter"
                    | "voters"
            )
        };
        // The group's size: "five-node", "5 nodes", "five members".
        let Some((size_at, n)) = (0..words.len().saturating_sub(1)).find_map(|i| {
            let n = small_number(&words[i].lower)?;
            member(&words[i + 1].lower).then_some((i, n))
        }) else {
            return;
        };
        if !(3..=9).contains(&n) {
            return;
        }
        let tolerated = (n - 1) / 2;
        let majority = n / 2 + 1;
        for i in size_at + 2..words.len() {
            let w = &*words[i].lower;
            let tolerance = ["tolerat", "surviv", "withstand", "los"]
                .iter()
                .any(|v| w.starts_with(v));
            let votes = matches!(
                w,
                "with" | "needs" | "need" | "requires" | "require" | "from"
            );
            if !tolerance && !votes {
                continue;
            }
            // The count within three words: "survive losing two of them", "two votes".
            let Some((at, m)) = (i + 1..(i + 4).min(words.len()))
                .find_map(|j| small_number(&words[j].lower).map(|m| (j, m)))
            else {
                continue;
            };
            let next = words.get(at + 1).map_or("", |w| &*w.lower);
            let wrong = if tolerance {
                (member(next) || matches!(next, "failure" | "failures" | "of" | "down"))
                    && m > tolerated
                    && m < n
            } else {
                matches!(
                    next,
                    "vote" | "votes" | "ack" | "acks" | "acknowledgements" | "replies"
                ) && m < majority
            };
            if wrong {
                let plural = if tolerated == 1 { "" } else { "s" };
                let message = if tolerance {
                    format!(
                        "A consensus group of {n} needs a majority of {majority} to make progress, so it survives {tolerated} failure{plural}, not {m}"
                    )
                } else {
                    format!(
                        "A consensus group of {n} needs a majority of {majority} votes, not {m}; it survives {tolerated} failure{plural}"
                    )
                };
                acc.push(self.finding(words, size_at..at + 1, DEFAULT_FAMILY, message));
                return;
            }
        }
    }

    /// "a million" or "1 MB" for a value near a power of a thousand.
    fn nearest_name(&self, value: f64, kind: &str) -> String {
        let names: &[(f64, &str)] = if kind == "bytes" {
            &[
                (1e3, "1 KB"),
                (1e6, "1 MB"),
                (1e9, "1 GB"),
                (1e12, "1 TB"),
                (1e15, "1 PB"),
            ]
        } else {
            &[
                (1e3, "a thousand"),
                (1e6, "a million"),
                (1e9, "a billion"),
                (1e12, "a trillion"),
                (1e15, "a quadrillion"),
                (1e18, "a quintillion"),
            ]
        };
        let mut best = (f64::MAX, String::new());
        for &(v, name) in names {
            let k = value / v;
            if (1.0..1000.0).contains(&k) {
                let rounded = (k * 10.0).round() / 10.0;
                let text = if (rounded - 1.0).abs() < 0.05 {
                    name.to_owned()
                } else {
                    let unit = name.trim_start_matches("1 ").trim_start_matches("a ");
                    format!("{rounded} {unit}")
                };
                best = (k, text);
            }
        }
        if best.1.is_empty() {
            group_digits(value)
        } else {
            best.1
        }
    }
}

fn kind_label(kind: &str) -> &'static str {
    match kind {
        "time" => "a time (how long one operation takes)",
        "rate" => "a rate (operations per unit of time)",
        "bytes" => "a size in bytes",
        _ => "a count",
    }
}

fn round_factor(x: f64) -> String {
    if x >= 10.0 {
        format!("{}", (x.round() as u64))
    } else {
        format!("{x:.1}")
    }
}

/// A multiplication sign between two words: "×", or a "*" alone ("10M * 2 MB", "2*8"),
/// not markdown's emphasis ("**Order volume**: 4M").
fn times_sign(gap: &str) -> bool {
    gap.contains('\u{d7}') || gap.trim() == "*" || gap.trim() == "\\*"
}

/// A measure as the document writes it, without its markup: "1 billion hours".
fn said(text: &str, words: &[Word], m: &Measure) -> String {
    let a = words[m.words.start].range.start;
    let b = words[m.words.end - 1].range.end;
    text.get(a..b)
        .unwrap_or("")
        .chars()
        .filter(|c| !matches!(c, '*' | '`' | '_'))
        .collect()
}

/// A value of a kind, for a message: "500 GB", "86.4 million", "1,157 per second".
fn readable(v: f64, kind: &str) -> String {
    let scaled = |v: f64, units: &[(f64, &str)]| {
        let (scale, name) = units
            .iter()
            .copied()
            .find(|(s, _)| v >= *s)
            .unwrap_or(*units.last().unwrap_or(&(1.0, "")));
        let x = v / scale;
        let digits = if x >= 100.0 || x.fract().abs() < 0.05 {
            0
        } else {
            1
        };
        format!("{x:.digits$}{name}")
    };
    match kind {
        "bytes" => scaled(
            v,
            &[
                (1e18, " EB"),
                (1e15, " PB"),
                (1e12, " TB"),
                (1e9, " GB"),
                (1e6, " MB"),
                (1e3, " KB"),
                (1.0, " bytes"),
            ],
        ),
        "rate" => format!("{} per second", readable(v, "count")),
        "time" => scaled(
            v,
            &[
                (86400.0, " days"),
                (3600.0, " hours"),
                (60.0, " minutes"),
                (1.0, " s"),
            ],
        ),
        _ if v < 10.0 && v.fract() >= 0.05 => format!("{v:.1}"),
        _ if v < 1e6 => group_digits(v),
        _ => scaled(
            v,
            &[(1e12, " trillion"), (1e9, " billion"), (1e6, " million")],
        ),
    }
}

/// A bound stated just before the figure at word `at`: `Less` for an upper bound ("at
/// most 50", "up to", "no more than"), `Greater` for a lower one ("at least", "over").
fn bound(words: &[Word], at: usize) -> Option<std::cmp::Ordering> {
    let lower = |i: Option<usize>| i.and_then(|i| words.get(i)).map_or("", |w| &*w.lower);
    let (one, two, three) = (
        lower(at.checked_sub(1)),
        lower(at.checked_sub(2)),
        lower(at.checked_sub(3)),
    );
    let pair = (two, one);
    if matches!(one, "max" | "maximum" | "under" | "below")
        || matches!(
            pair,
            ("at", "most") | ("up", "to") | ("fewer", "than") | ("less", "than")
        )
        || (pair == ("more", "than") && matches!(three, "no" | "not"))
    {
        Some(std::cmp::Ordering::Less)
    } else if matches!(one, "min" | "minimum" | "over" | "above")
        || matches!(pair, ("at", "least") | ("more", "than"))
    {
        Some(std::cmp::Ordering::Greater)
    } else {
        None
    }
}

/// A count from one to twelve, in digits or words.
fn small_number(w: &str) -> Option<u32> {
    const WORDS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    let w = w.strip_suffix("-node").unwrap_or(w);
    WORDS
        .iter()
        .position(|n| *n == w)
        .map(|i| i as u32 + 1)
        .or_else(|| w.parse().ok().filter(|n| (1..=12).contains(n)))
}

/// "W=1 and R=1 with a replication factor of 3 give us strong consistency": reads are
/// sure to see the latest write only when every read quorum overlaps every write quorum,
/// R + W > N. The sizes: "R=1", "W: 2", "N=3", "reads at ONE", "writes to QUORUM", "a
/// replication factor of 3", "RF=3", "three replicas", "a five-replica cluster".
fn quorum_overlap(text: &str, clause: &Clause, acc: &mut Vec<FactFinding>) {
    let words = &clause.words;
    let lower = |i: usize| words.get(i).map_or("", |w| &*w.lower);
    // The claim of fresh reads, in a part that no negation, hedge or miss withdraws
    // ("... are fast but reads may miss the latest write").
    let strong = (0..words.len()).any(|i| {
        let claimed = matches!(
            lower(i),
            "strong" | "strongly" | "linearizable" | "linearizability" | "latest"
        ) || (lower(i) == "most" && lower(i + 1) == "recent")
            || (lower(i) == "up" && lower(i + 1) == "to" && lower(i + 2) == "date");
        claimed
            && !(0..words.len()).any(|j| {
                words[j].part == words[i].part
                    && (clause.negates(j)
                        || matches!(lower(j), "miss" | "misses" | "missing" | "stale"))
            })
    });
    if !strong {
        return;
    }
    let equals = |i: usize| gap_before(text, words, i).contains(['=', ':']);
    let (mut r, mut w, mut n) = (None, None, None);
    // A Cassandra level, once N is known: ONE, TWO, THREE, QUORUM, ALL.
    let mut levels: Vec<(bool, &str, usize)> = Vec::new();
    for i in 0..words.len() {
        let next = lower(i + 1);
        match lower(i) {
            "r" | "w" | "n" if equals(i + 1) => {
                let v = small_number(next).map(|v| (v, i + 1));
                match lower(i) {
                    "r" => r = r.or(v),
                    "w" => w = w.or(v),
                    _ => n = n.or(v),
                }
            }
            "rf" if equals(i + 1) => n = n.or(small_number(next).map(|v| (v, i + 1))),
            "replication" if next == "factor" => {
                let at = if matches!(lower(i + 2), "of" | "is") {
                    i + 3
                } else {
                    i + 2
                };
                n = n.or(small_number(lower(at)).map(|v| (v, at)));
            }
            "reads" | "read" | "writes" | "write"
                if matches!(next, "to" | "at" | "with")
                    && matches!(lower(i + 2), "one" | "two" | "three" | "quorum" | "all")
                    && words[i + 2].raw.chars().all(|c| c.is_ascii_uppercase()) =>
            {
                levels.push((lower(i).starts_with('r'), lower(i + 2), i + 2));
            }
            v if matches!(next, "replica" | "replicas") => {
                n = n.or(small_number(v).map(|v| (v, i + 1)));
            }
            _ => {}
        }
    }
    let Some((size, n_at)) = n else { return };
    for (read, level, at) in levels {
        let v = match level {
            "quorum" => size / 2 + 1,
            "all" => size,
            other => small_number(other).unwrap_or(1),
        };
        if read {
            r = r.or(Some((v, at)));
        } else {
            w = w.or(Some((v, at)));
        }
    }
    let (Some((rv, r_at)), Some((wv, w_at))) = (r, w) else {
        return;
    };
    if rv + wv > size || rv > size || wv > size {
        return;
    }
    let first = r_at.min(w_at).min(n_at).saturating_sub(1);
    let last = r_at.max(w_at).max(n_at);
    let start = words[first].range.start;
    let end = words[last].range.end;
    acc.push(FactFinding {
        code: "consistency-confusion".into(),
        range: start..end,
        message: format!(
            "A read is sure to see the latest write only when read and write quorums overlap (R + W > N): R={rv} and W={wv} with N={size} make {}, not more than {size} (see “Quorum”)",
            rv + wv
        ),
    });
}

pub(crate) fn group_digits(v: f64) -> String {
    let s = format!("{}", v.round() as u128);
    let mut out = String::new();
    for (k, c) in s.chars().enumerate() {
        if k > 0 && (s.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The thing measured as the subject of a sentence: "A disk seek", "An L2 cache
/// reference", "Reading 1 MB sequentially from memory".
fn as_subject(what: &str) -> String {
    let first = what.split_whitespace().next().unwrap_or("");
    if first.len() > 4 && first.to_lowercase().ends_with("ing") {
        let mut c = what.chars();
        return c
            .next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default();
    }
    // A vowel, or a capital letter read with a vowel sound ("an L1", "an SSD").
    let an = match first.chars().next() {
        Some(c) if "aeiouAEIOU".contains(c) => true,
        Some(c) if "FHLMNRSX".contains(c) => first.chars().nth(1).is_none_or(|d| !d.is_lowercase()),
        _ => false,
    };
    format!("{} {}", if an { "An" } else { "A" }, lower_first(what))
}

/// The thing measured after a verb: "a disk seek", "reading 1 MB from memory".
fn as_object(what: &str) -> String {
    let subject = as_subject(what);
    let mut c = subject.chars();
    match (c.next(), c.clone().next()) {
        (Some(f), Some(n)) if !n.is_uppercase() => f.to_lowercase().chain(c).collect(),
        _ => subject,
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if c.clone().next().is_some_and(char::is_lowercase) => {
            f.to_lowercase().chain(c).collect()
        }
        _ => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::tests::check_rule;

    #[test]
    fn flags_a_time_for_a_rate_and_a_rate_for_a_time() {
        check_rule(
            "contradicts-knowledge",
            &[
                "Throughput dropped to 350 ms after the upgrade.",
                "The p99 latency of the ingest path is 40,000 events per second.",
                // Session 17: the unit alone.
                "We measure latency in requests per second.",
                "We'll chart throughput in milliseconds per request.",
                "- Throughput: 250 ms",
            ],
            &[
                "Throughput dropped to 350 requests per second after the upgrade.",
                "p99 latency at 5,000 requests per second is 20 ms.",
                "The latency of 800 requests per second was measured.",
                "- Throughput: 2,000 requests per second",
                "Throughput is not 350 ms.",
                "We measure throughput in requests per second and latency in milliseconds.",
                "Throughput in the first minutes after a deploy is low.",
                // A worked example after a colon holds figures of both kinds.
                "Little's law: in-flight work equals throughput times latency: 500 requests/s at 20 ms is 10 requests in flight.",
            ],
        );
    }

    #[test]
    fn flags_figures_off_by_an_order_of_magnitude_and_powers_of_two() {
        check_rule(
            "contradicts-knowledge",
            &[
                "A main memory reference costs about 10 ms.",
                "| Disk seek | 100 ns |",
                "2^20 bytes is about a gigabyte.",
                // RSKIP17: 2^13 is 8,192.
                "The 2^13~=16K entries occupy 2^20 bytes on disk.",
                "A 32-bit counter wraps at 2^32, roughly 4 million.",
                "Since 2^10 is about a million, ten bits cover a million slots.",
                // Celestia ADR 15: 2^64 is about 18 quintillion.
                "| 16 | 2^128 | 2^64 = ~1 quintillion items |",
                // Session 17: the rest of the latency table.
                "Reading 1 MB sequentially from memory takes about 20 ms.",
                "Sending 1 KB over a 1 Gbps network takes 10 ms.",
                "A disk seek is faster than a main memory reference.",
                "Reading 1 MB sequentially from memory is slower than a disk seek.",
            ],
            &[
                "Reading 1 MB sequentially from memory takes about 250 µs.",
                "Reading 1 MB sequentially from SSD takes about 1 ms.",
                "Reading 1 MB at random offsets from disk takes 1 s.",
                "A main memory reference is faster than a disk seek.",
                "Reading 1 MB sequentially from memory is not slower than a disk seek.",
                // Within an order of magnitude of each other: rounding could decide it.
                "Reading 1 MB sequentially from memory is slower than a round trip within the same datacenter.",
                "A main memory reference costs about 100 ns.",
                "A main memory reference costs about 300 ns.",
                "| Disk seek | 10 ms |",
                "2^20 bytes is about a megabyte.",
                "2^10 is 1,024, about a thousand.",
                "A 32-bit counter wraps at 2^32, roughly 4.3 billion.",
                // A real sentence (Kubernetes KEP 1029): arithmetic, not a figure.
                "On a 64-bit filesystem it is 2^63-1 bytes for XFS and 2^58-1 bytes for ext4fs.",
                // Ethereum Classic ECIP-1010: hashes with an SI prefix; RSK: arithmetic.
                "* Block 5,000,000 == 2**48 == 281 TH",
                "* Block 5,200,000 == 2**30 == 1 GH",
                "Each byte pays 1/2^21 gas per second, so a storage byte pays SecondsAYear/2^21=15.03 gas units a year.",
                "The cost is 0.497664 USD (0.0000000225*300*9*2^13).",
                // Cardano CIP-0190: a minus sign.
                "Each value is a uint \u{2264} 2^32 \u{2212} 1; the map is closed.",
                "2^64 is about 18 quintillion.",
                "2^64 is roughly 1.8 * 10^19.",
                "2^40 is about 10^12.",
                // Polkadot RFC 5: a list of powers.
                "57,600 factors into: 2 ** 8, 3 ** 2, 5 ** 2.",
            ],
        );
    }

    #[test]
    fn a_power_of_two_is_written_out_exactly() {
        assert_eq!(
            super::group_digits(2f64.powi(64)),
            "18,446,744,073,709,551,616"
        );
    }

    /// What a consensus group of N survives, and the votes it needs.
    #[test]
    fn quorum_sizes() {
        check_rule(
            "contradicts-knowledge",
            &[
                "A four-node etcd cluster tolerates two node failures.",
                "We run ZooKeeper with four nodes, which lets us survive losing two of them.",
                "| 4-node etcd cluster | tolerates 2 failures |",
                "Our five-node Raft group elects a leader with just two votes.",
            ],
            &[
                "A five-node etcd cluster tolerates two failures.",
                "A three-node Consul cluster survives one server failure.",
                "A Raft cluster of 5 nodes needs 3 votes to elect a leader.",
                "With five etcd members we can lose two nodes.",
                "A four-node etcd cluster does not tolerate two failures.",
                "Our four-node Cassandra ring tolerates two node failures at consistency level ONE.",
            ],
        );
    }

    #[test]
    fn read_and_write_quorums_that_do_not_overlap() {
        check_rule(
            "consistency-confusion",
            &[
                "With N=3, W=1 and R=1 give strong consistency.",
                "Setting Cassandra writes to ONE and reads to ONE with a replication factor of 3 gives us strong consistency.",
                "We'll use W=1 and R=1 on a five-replica cluster, so reads are always up to date.",
            ],
            &[
                "With N=3, W=2 and R=2 give strong consistency.",
                "Reads at QUORUM and writes at QUORUM with a replication factor of 3 return the latest write.",
                "Reads at ONE and writes at ALL with RF=3 return the latest write.",
                "W=1 and R=1 with N=3 do not give strong consistency.",
                "With three replicas, W=1 and R=1 are fast but reads may miss the latest write.",
            ],
        );
    }

    #[test]
    fn littles_law_rate_times_time_is_the_count_in_flight() {
        check_rule(
            "contradicts-knowledge",
            &[
                "At 2,000 requests per second and 50 ms latency we'll have about 40,000 requests in flight.",
                "With 500 rps and a 200 ms mean response time, about 10 requests are in flight.",
                "At 10,000 requests/s with 20 ms latency, there are around 2,000 concurrent requests.",
                "- Concurrency: 5,000 in-flight requests (1,000 rps at 50 ms each)",
                "At 1,000 rps and 100 ms each, at most 20 requests are in progress.",
            ],
            &[
                "At 2,000 requests per second and 50 ms latency we'll have about 100 requests in flight.",
                "At 10,000 requests/s with 20 ms latency, there are around 200 concurrent requests.",
                // Workers, users and pools are not the items in the system.
                "At 2,000 requests per second, p99 latency stays under 50 ms with 16 concurrent workers.",
                "We tested with 100 concurrent users at 2,000 rps and saw 50 ms latency.",
                "We size the pool at 400 connections for 2,000 rps at 50 ms, leaving headroom.",
                // A bound on the right side of the product.
                "We expect 5,000 rps at peak and no more than 300 requests in flight, since p99 latency is 40 ms.",
                // A window, a timeout: no time per item.
                "Every 5 minutes the job sends 200 requests per second, with 10 requests in flight.",
                "At 2,000 rps, with at most 1,000 requests in flight, a 30 s timeout keeps the queue bounded.",
                // Two times: which one is the time in the system is not said.
                "At 2,000 rps with 5 ms p50 and 80 ms p99 latency, about 10 requests are in flight.",
                "At 2,000 rps and 50 ms latency we won't have 40,000 requests in flight.",
            ],
        );
    }

    #[test]
    fn rates_converted_and_figures_multiplied() {
        check_rule(
            "contradicts-knowledge",
            &[
                "100 million requests per day is about 10,000 requests per second.",
                "- Writes: 50M per day (~5,800 writes/s)",
                "We expect 10 million page views a day, which is around 1,000 QPS.",
                "1 request per second equals 86,400 requests per week.",
                "500 million users × 1 KB of profile data = 5 TB.",
                "- Storage: 10M photos * 2 MB * 3 replicas = 6 TB",
                "1,000 writes per second × 86,400 seconds ≈ 8.6 billion writes a day.",
                "20 million DAU x 5 requests each = 10 million requests per day",
            ],
            &[
                "100 million requests per day is about 1,160 requests per second.",
                // The system design primer's rule of thumb: a month of 2.5 million seconds.
                "1 request per second = 2.5 million requests per month",
                "400 requests per second = 1 billion requests per month",
                "We expect 10 million page views a day, which is around 120 QPS on average and 1,000 QPS at peak.",
                "Traffic grew from 10 million requests per day to 2,000 requests per second at peak.",
                "We serve 10 million users per day, about 3,000 requests per second at peak.",
                "500 million users × 1 KB of profile data = 500 GB.",
                "- Storage: 10M photos * 2 MB * 3 replicas = 60 TB",
                "250 billion read requests per month * (400 requests per second / 1 billion requests per month)",
                "A 1.8 × 10^19 keyspace is enough for 100 billion ids.",
                "Two replicas at 99% each give 1 - 0.01 x 0.01 = 99.99%.",
            ],
        );
    }

    /// Estimates in public system-design notes (corpus 17, session 18): the wrong ones
    /// flagged, and the shapes that raised false alarms before they were fixed.
    #[test]
    fn estimates_in_real_notes() {
        check_rule(
            "contradicts-knowledge",
            &[
                "- 4 price points/day x 365 days x 10M products = 730 billion price points",
                "- Matrix factorization: 190M users × 15,000 titles = 2.85 billion cells",
                "Retention 5 years: 5 × 365 × 2.5 PB ≈ 4.5 PB.",
                "| Flink state | 100M users × 2KB avg state = 200TB |",
                "- **1 billion hours** watched per day = ~11.5 million hours per second",
                // Corpus 18 (held out from the fixes above, judged apart).
                "- 30 partitions × 30 instances × 100 SMS/sec = 3,000 SMS/sec",
                "| Memory | 1M series × 4 bytes = ~4GB baseline |",
                "100 M DAU × 5 searches/day ≈ 50,000 QPS",
                // Emphasis is no multiplication sign.
                "- **Order volume**: 4M orders/day = ~600 orders/second average",
            ],
            &[
                // A comma lists figures; peaks are not averages; an arrow is a change.
                "- **Scale**: 1M users, 430K bookings/day, 5,000 RPS peak availability checks",
                "About 833,000 orders per day, or ~580 orders/second at peak dinner rush.",
                "Cut ingestion by 60x (25M/sec → 420K/min).",
                "With a limit of 100 per minute, ~95 requests per second were slipping through.",
                "Two nodes each handle 2M IDs/sec = 8192 IDs/ms combined.",
                // Money, a B that may be billions, notation, an unsaid factor.
                "- Cost: 6 nodes × $0.31 × 730hr = ~$1,360/month",
                "2B × 500 = 1 TB per day.",
                "Throughput: 32 × 20ms = 20ms for 32 queries.",
                "100 group chats × 1 message/min = 100K deliveries/min.",
                // Days and longer are a period, not a time per operation.
                "Their throughput is measured from 2 weeks of data.",
                "Throughput is 100,000/sec per shard.",
                "At 100K writes/sec Redis throughput, the fan-out takes 100 seconds.",
                // A product with a rate per day in it; work in parallel; a reduction.
                "With 100 M DAU × 5 searches/day ≈ 5,000 QPS over 200 M businesses.",
                "- Parallel speedup: 10 subagents × 35s each ≈ 40s wall-clock",
                "The 4-bit base model shrinks the footprint ~9× (56 GB → 6 GB).",
            ],
        );
    }

    #[test]
    fn an_slo_looser_than_its_sla() {
        check_rule(
            "service-level-terms",
            &[
                "We'll set the customer-facing SLA at 99.99% and the internal SLO at 99.9%.",
                "Our SLO is 99.5% availability, while the SLA promises customers 99.9%.",
                "SLO: 99.9%, SLA: 99.99%",
                "We commit to a 99.99% SLA and alert on a 99.9% SLO.",
            ],
            &[
                "We set the SLA at 99.9% and the internal SLO at 99.95%.",
                "SLO: 99.95%, SLA: 99.9%",
                "Last quarter we breached the SLO of 99.9% but stayed within the SLA of 99.5%.",
                // Another party's SLA; a latency objective.
                "The vendor's SLA is 99.99%, while our own SLO for the checkout service is 99.9%.",
                "AWS offers a 99.99% SLA for this service, and our SLO is 99.9%.",
                "The SLA is 99.9% of requests under 500 ms, and the availability SLO is 99.5%.",
            ],
        );
    }

    #[test]
    fn a_negation_withdraws_a_figure_only_in_its_own_part() {
        check_rule(
            "contradicts-knowledge",
            &["A 32-bit integer holds about 4 trillion values, so our ids will never overflow."],
            &[
                "A 32-bit integer does not hold 4 trillion values, so ids will overflow.",
                "It is not true that a 32-bit integer holds 4 trillion values.",
            ],
        );
    }

    /// The limit of an N-bit integer, stated without "2^N".
    #[test]
    fn bit_widths() {
        check_rule(
            "contradicts-knowledge",
            &[
                "A 32-bit unsigned integer tops out at about 4 million.",
                "We use a 32-bit counter, which tops out around 4 million, for the request IDs.",
                "A 16-bit counter maxes out at 650.",
            ],
            &[
                "A 32-bit signed integer maxes out at about 2.1 billion.",
                "A 16-bit port number holds up to 65,535.",
                "A 32-bit timestamp holds seconds up to 2038.",
                "The 32-bit build handles 4 million requests.",
                // A real sentence (valkey RFC): the figure is not the limit.
                "the total items inserted would exceed the 32-bit unsigned integer limit before 50 filters",
                "A 32-bit integer does not top out at 4 million.",
            ],
        );
    }

    #[test]
    fn a_size_limit_is_stated_not_taken() {
        let shown = crate::diagnostics::tests::show(
            "//- /docs/notes.md\nThe maximum MongoDB document size is 64 MB.\n",
        );
        assert!(
            shown.contains("A maximum MongoDB document size is 16 MB, not 64 MB"),
            "{shown}"
        );
    }
}
