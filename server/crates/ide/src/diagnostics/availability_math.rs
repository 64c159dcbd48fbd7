//! Diagnostic: availability-math
//!
//! Checks availability arithmetic: a number of nines or a percentage next to a downtime
//! figure per year, month, week, day or "30-day window" that does not match it (more than
//! 12% off), a count of failed requests against a total ("500 errors out of 1 million
//! requests is 99.5%"), and the availability of components in sequence (multiply) or in
//! parallel (one minus the product of the unavailabilities) computed the wrong way. Two
//! figures and then two downtimes pair in turn ("from 99.9% to 99.99% cuts downtime from
//! 8.8 hours to 53 minutes").
//!
//! A question and the clause that answers it are read together ("How much downtime does
//! 99.99% allow? About 9 hours a year."). The words that put components in sequence or in
//! parallel, and those that mark a figure as the combined result, are the lexicon's
//! `[composition]` (`knowledge/lexicon.toml`). Without a count of components ("each at
//! 99.9%"), a result is still checked against its bound: in sequence it is below the
//! weakest part, in parallel above the strongest.

use std::ops::Range;
use std::sync::LazyLock;

use crate::claims::Clause;
use crate::diagnostics::{Finding, RuleCtx, RuleInfo, Severity};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "availability-math",
    default_severity: Severity::Warning,
    default_enabled: true,
    summary: "Downtime that does not match the stated availability, or composition done wrong",
    explanation: "Allowed downtime is (1 - availability) x period, with a 365.25-day year and a \
month of a twelfth of it: 99.9% allows 8h 46m a year, 43m 50s a month, 10m 5s a week, 1m 26s a \
day; 99.99% allows 52m 36s a year, 4m 23s a month, 1m 0s a week, 8.6s a day; 99.999% allows \
5m 16s a year. Over requests, 99.9% allows 1,000 failed requests per million. Components in sequence multiply: two at 99.9% give 99.8%. Redundant components \
in parallel give 1 - (1 - a)(1 - b): two at 99.9% give 99.9999%, if their failures are \
independent.",
};

/// How far a stated downtime may be from the computed one before it is flagged.
const TOLERANCE: f64 = 0.12;
/// The tolerance of a figure written as an approximation ("about an hour", "~50 min").
const APPROX_TOLERANCE: f64 = 0.25;

const YEAR: f64 = 365.25 * 86_400.0;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64, usize),
    Word(String),
    Percent,
    /// A colon, a pipe or an equals sign: what follows is what precedes it comes to
    /// ("combined: 98%", "| 99.8% |"); also the end of a question before its answer.
    Sep,
}

/// Tokens of the clause's text with their byte ranges in the document.
fn tokens(text: &str, base: usize) -> Vec<(Tok, Range<usize>)> {
    let mut res = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_digit()
                    || (bytes[i] == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
                    || bytes[i] == b',' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
            {
                i += 1;
            }
            let raw: String = text[start..i].chars().filter(|&c| c != ',').collect();
            let decimals = raw.split_once('.').map_or(0, |(_, d)| d.len());
            if let Ok(v) = raw.parse::<f64>() {
                res.push((Tok::Num(v, decimals), base + start..base + i));
            }
        } else if c.is_ascii_alphabetic() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            // "a 30-second restart", "a 30-day window": a unit glued to its number by a
            // hyphen makes an adjective, the length of something else; it keeps the
            // hyphen, so no unit or period reads it.
            let glued = start >= 2
                && bytes[start - 1] == b'-'
                && bytes[start - 2].is_ascii_digit()
                && matches!(res.last(), Some((Tok::Num(..), _)));
            let word = text[start..i].to_ascii_lowercase();
            res.push((
                Tok::Word(if glued { format!("-{word}") } else { word }),
                base + start..base + i,
            ));
        } else if c == b'%' {
            res.push((Tok::Percent, base + i..base + i + 1));
            i += 1;
        } else if matches!(c, b':' | b'|' | b'=') {
            res.push((Tok::Sep, base + i..base + i + 1));
            i += 1;
        } else {
            i += 1;
        }
    }
    res
}

fn word_number(word: &str) -> Option<f64> {
    Some(match word {
        "a" | "an" | "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        _ => return None,
    })
}

fn unit_seconds(word: &str) -> Option<f64> {
    Some(match word {
        "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
        "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
        "h" | "hr" | "hrs" | "hour" | "hours" => 3600.0,
        "d" | "day" | "days" => 86_400.0,
        _ => return None,
    })
}

fn period_seconds(word: &str) -> Option<(f64, &'static str)> {
    Some(match word {
        "year" | "years" | "yearly" | "annually" | "annum" | "yr" => (YEAR, "a year"),
        "month" | "months" | "monthly" | "mo" => (YEAR / 12.0, "a month"),
        "week" | "weeks" | "weekly" | "wk" => (7.0 * 86_400.0, "a week"),
        "day" | "daily" => (86_400.0, "a day"),
        _ => return None,
    })
}

/// An availability figure: a fraction and the tokens it spans.
/// An availability figure: the fraction, its first token and its bytes.
type Availability = (f64, usize, Range<usize>);

fn availabilities(toks: &[(Tok, Range<usize>)]) -> Vec<Availability> {
    let mut res = Vec::new();
    for i in 0..toks.len() {
        match (&toks[i].0, toks.get(i + 1).map(|t| &t.0)) {
            (Tok::Num(v, _), Some(Tok::Percent)) if (90.0..100.0).contains(v) => {
                res.push((v / 100.0, i, toks[i].1.start..toks[i + 1].1.end));
            }
            (Tok::Num(v, _), Some(Tok::Word(w))) if w == "percent" && (90.0..100.0).contains(v) => {
                res.push((v / 100.0, i, toks[i].1.start..toks[i + 1].1.end));
            }
            (first, Some(Tok::Word(w))) if w == "nines" => {
                let n = match first {
                    Tok::Num(n, 0) => Some(*n),
                    Tok::Word(word) => word_number(word).filter(|&n| n > 1.0),
                    _ => None,
                };
                if let Some(n) = n.filter(|n| (2.0..=7.0).contains(n)) {
                    res.push((1.0 - 10f64.powf(-n), i, toks[i].1.start..toks[i + 1].1.end));
                }
            }
            // "three 9s"
            (Tok::Word(word), Some(Tok::Num(v, 0))) if *v == 9.0 => {
                let plural =
                    matches!(toks.get(i + 2).map(|t| &t.0), Some(Tok::Word(s)) if s == "s");
                if let Some(n) = word_number(word).filter(|n| plural && (2.0..=7.0).contains(n)) {
                    res.push((1.0 - 10f64.powf(-n), i, toks[i].1.start..toks[i + 2].1.end));
                }
            }
            _ => {}
        }
    }
    res
}

/// A stated downtime: "8h 45m a year".
struct Downtime {
    seconds: f64,
    /// The period it is per, in seconds.
    period: f64,
    /// The period's name for messages: "a year".
    period_name: String,
    /// The bytes from the number to the period.
    range: Range<usize>,
}

/// The downtimes the tokens state.
fn downtimes(toks: &[(Tok, Range<usize>)]) -> Vec<Downtime> {
    let mut res = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let start = i;
        let mut seconds = 0.0;
        let mut j = i;
        // One or more "number unit" pairs: "8h 45m", "half an hour", "an hour".
        loop {
            let mut k = j;
            let mut factor = 1.0;
            if matches!(&toks.get(k).map(|t| &t.0), Some(Tok::Word(w)) if w == "half") {
                factor = 0.5;
                k += 1;
            }
            let n = match toks.get(k).map(|t| &t.0) {
                Some(Tok::Num(v, _)) => Some(*v),
                Some(Tok::Word(w)) => word_number(w),
                None | Some(Tok::Percent | Tok::Sep) => None,
            };
            let Some(n) = n else { break };
            let Some(unit) = toks.get(k + 1).and_then(|t| match &t.0 {
                Tok::Word(w) => unit_seconds(w),
                _ => None,
            }) else {
                break;
            };
            // "four 9s", "3 9s": nines, not nine seconds.
            if n == 9.0
                && matches!(&toks[k + 1].0, Tok::Word(w) if w == "s")
                && k > 0
                && match &toks[k - 1].0 {
                    Tok::Num(..) => true,
                    Tok::Word(w) => word_number(w).is_some_and(|n| n > 1.0),
                    _ => false,
                }
            {
                break;
            }
            seconds += factor * n * unit;
            j = k + 2;
            // "5 minutes and 16 seconds".
            if matches!(&toks.get(j).map(|t| &t.0), Some(Tok::Word(w)) if w == "and")
                && matches!(toks.get(j + 1).map(|t| &t.0), Some(Tok::Num(..)))
                && toks
                    .get(j + 2)
                    .is_some_and(|t| matches!(&t.0, Tok::Word(w) if unit_seconds(w).is_some()))
            {
                j += 1;
            }
        }
        if j == start {
            i += 1;
            continue;
        }
        // The period: right before, past a word of approximation or a colon ("per
        // month about 4 min 23 s, per week about 1 min", "monthly: 43 minutes"); within
        // five tokens after ("of unplanned downtime each year"); or the one period the
        // clause names before it ("99.99% monthly: ~43 minutes").
        let mut before = start;
        while before > 0
            && match &toks[before - 1].0 {
                Tok::Sep => true,
                Tok::Word(w) => skipped_before_figure(w),
                _ => false,
            }
        {
            before -= 1;
        }
        let right_before = (before < start && before > 0)
            .then(|| period_at(toks, before - 1))
            .flatten();
        let after = (j..toks.len().min(j + 5)).find_map(|k| Some((k, period_at(toks, k)?)));
        // Of two periods around a figure, the one after is its ("52m 36s a year, roughly
        // 4m 23s a month") unless the next figure follows that one ("per month about 4
        // min, per week about 1 min").
        let after_is_next = after.as_ref().is_some_and(|(k, _)| {
            let mut n = k + 1;
            while matches!(&toks.get(n).map(|t| &t.0), Some(Tok::Word(w)) if skipped_before_figure(w))
                || matches!(toks.get(n).map(|t| &t.0), Some(Tok::Sep))
            {
                n += 1;
            }
            matches!(toks.get(n).map(|t| &t.0), Some(Tok::Num(..)))
        });
        let right_before = right_before.filter(|_| after.is_none() || after_is_next);
        // The figure's range runs to the period after it; a period before it stays out,
        // since it may be in the question the figure answers.
        let found = match (right_before, after) {
            (Some(p), _) => Some((p, j - 1)),
            (None, Some((k, p))) => Some((p, k)),
            (None, None) => match &earlier_period(&toks[..start])[..] {
                [p] => Some((p.clone(), j - 1)),
                _ => None,
            },
        };
        if let Some(((period, period_name), last)) = found {
            res.push(Downtime {
                seconds,
                period,
                period_name,
                range: toks[start].1.start..toks[last].1.end,
            });
        }
        i = j;
    }
    res
}

/// Words between a period and the figure it is the period of: "per month about 4 min",
/// "a year of 8h 45m".
fn skipped_before_figure(w: &str) -> bool {
    matches!(w, "of" | "is" | "about" | "around" | "roughly") || crate::numbers::APPROX.contains(&w)
}

/// The period token `i` names, in seconds and in words: "month", "monthly", "daily",
/// and "28-day" ("over a rolling 28-day window").
fn period_at(toks: &[(Tok, Range<usize>)], i: usize) -> Option<(f64, String)> {
    let Tok::Word(w) = &toks.get(i)?.0 else {
        return None;
    };
    if let Some(glued) = w.strip_prefix('-') {
        let Some(Tok::Num(n, _)) = i.checked_sub(1).map(|k| &toks[k].0) else {
            return None;
        };
        if !matches!(glued, "day" | "week" | "month" | "year") {
            return None;
        }
        let (one, _) = period_seconds(glued)?;
        return (*n >= 1.0).then(|| (n * one, format!("in {n} {glued}s")));
    }
    period_seconds(w).map(|(p, name)| (p, name.to_string()))
}

/// The distinct periods named in `toks` ("monthly", "per year", "a 30-day window").
fn earlier_period(toks: &[(Tok, Range<usize>)]) -> Vec<(f64, String)> {
    let mut res: Vec<(f64, String)> = Vec::new();
    for i in 0..toks.len() {
        if let Some(p) = period_at(toks, i)
            && !res.iter().any(|(_, n)| *n == p.1)
        {
            res.push(p);
        }
    }
    res
}

fn is_downtime_clause(toks: &[(Tok, Range<usize>)]) -> bool {
    toks.iter().any(|(t, _)| {
        matches!(t, Tok::Word(w) if matches!(w.as_str(), "downtime" | "down" | "outage" | "outages" | "unavailable" | "unavailability" | "offline" | "budget" | "unplanned" | "allows" | "allow" | "leaves" | "leave" | "permits" | "permit" | "affords" | "afford"))
    })
}

/// The clause's text, with a percent sign right after its last word kept.
fn clause_text<'a>(text: &'a str, clause: &Clause) -> (&'a str, usize) {
    clause_text_to(text, clause, clause.words.len())
}

/// The text of the clause's first `upto` words, with a percent sign right after the last
/// one kept.
fn clause_text_to<'a>(text: &'a str, clause: &Clause, upto: usize) -> (&'a str, usize) {
    let mut range = match (clause.words.first(), upto.checked_sub(1)) {
        (Some(first), Some(last)) => {
            first.range.start
                ..clause
                    .words
                    .get(last)
                    .map_or(first.range.end, |w| w.range.end)
        }
        _ => 0..0,
    };
    if text
        .get(range.end..)
        .is_some_and(|rest| rest.starts_with('%'))
    {
        range.end += 1;
    }
    (text.get(range.clone()).unwrap_or(""), range.start)
}

/// True when a word of the clause negates or hedges it. "Only" does not ("only 98%
/// available together" is still a claim), nor a premise ("if the API depends on the
/// database in sequence, ..."): arithmetic is as wrong under a supposition as without
/// one. A negation counts only in a part of the sentence that holds a figure ("..., since
/// redundancy doesn't change the math" negates no figure).
fn negated(clause: &Clause) -> bool {
    first_negated_part(clause).is_some()
}

/// The first part of the clause that holds a figure and a negation or hedge.
fn first_negated_part(clause: &Clause) -> Option<u32> {
    let figure = |part: u32| {
        clause.words.iter().any(|w| {
            w.part == part
                && (w.lower.bytes().any(|b| b.is_ascii_digit())
                    || matches!(&*w.lower, "nine" | "nines"))
        })
    };
    (0..clause.words.len())
        .filter(|&i| {
            let w = &clause.words[i];
            clause.negates(i)
                && !matches!(
                    &*w.lower,
                    "only" | "if" | "assuming" | "assume" | "suppose" | "whether"
                )
                && figure(w.part)
        })
        .map(|i| clause.words[i].part)
        .min()
}

/// How many of the clause's words to check: all of them, or, when a conclusion drawn
/// after the figures is negated ("99% twice only brings us to 99.5%, so redundancy alone
/// won't reach three nines"), the words before that conclusion. None when the figures
/// themselves are negated or hedged.
fn checked_words(clause: &Clause) -> Option<usize> {
    let Some(part) = first_negated_part(clause) else {
        return Some(clause.words.len());
    };
    let start = clause.words.iter().position(|w| w.part == part)?;
    (start > 0
        && matches!(
            &*clause.words[start].lower,
            "so" | "therefore" | "hence" | "thus"
        ))
    .then_some(start)
}

fn is_approx(raw: &str, clause: &Clause) -> bool {
    raw.contains('~')
        || clause
            .words
            .iter()
            .any(|w| crate::numbers::APPROX.contains(&&*w.lower))
}

pub(crate) fn check(ctx: &RuleCtx, acc: &mut Vec<Finding>) {
    let text = &*ctx.doc.text;
    for (i, clause) in ctx.clauses.iter().enumerate() {
        // A question is read with its answer, in the next clause.
        let upto = match checked_words(clause) {
            Some(upto) if !clause.question => upto,
            _ => continue,
        };
        let (raw, base) = clause_text_to(text, clause, upto);
        let mut toks = tokens(raw, base);
        let mut approx = is_approx(raw, clause);
        // The first token of the answer: findings are about the answer's figures only.
        let mut from = 0;
        if let Some(question) = i
            .checked_sub(1)
            .map(|q| &ctx.clauses[q])
            .filter(|q| q.question && !negated(q))
        {
            let (qraw, qbase) = clause_text(text, question);
            let mut all = tokens(qraw, qbase);
            let end = question.range().end;
            all.push((Tok::Sep, end..end));
            from = all.len();
            all.append(&mut toks);
            toks = all;
            approx |= is_approx(qraw, question);
        }
        // Every check needs an availability figure: read them once.
        let avail = availabilities(&toks);
        if avail.is_empty() {
            continue;
        }
        let tolerance = if approx { APPROX_TOLERANCE } else { TOLERANCE };
        check_downtime(text, &toks, &avail, from, tolerance, acc);
        check_composition(&toks, &avail, from, acc);
        if from == 0 {
            check_error_ratio(&toks, &avail, tolerance, acc);
        }
    }
}

/// Whether the figure at byte `at` follows "less than", "under", "below", "fewer than"
/// or "<".
fn strictly_below(text: &str, at: usize) -> bool {
    let mut from = at.saturating_sub(16);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = text.get(from..at).unwrap_or("").to_lowercase();
    let before = before.trim_end_matches(['~', ' ', '(']);
    before.ends_with('<')
        || before.ends_with("&lt;")
        || [
            "less than",
            "under",
            "below",
            "fewer than",
            "less than an",
            "under an",
            "less than a",
            "under a",
        ]
        .iter()
        .any(|w| before.ends_with(w))
}

/// A count and what multiplies it: "1 million", "500", "10k".
fn count_at(toks: &[(Tok, Range<usize>)], i: usize) -> Option<(f64, usize)> {
    let Tok::Num(n, _) = toks.get(i)?.0 else {
        return None;
    };
    let times = match toks.get(i + 1).map(|t| &t.0) {
        Some(Tok::Word(w)) => match w.as_str() {
            "thousand" | "k" => Some(1e3),
            "million" | "m" | "mil" => Some(1e6),
            "billion" | "b" | "bn" => Some(1e9),
            _ => None,
        },
        _ => None,
    };
    Some(match times {
        Some(t) => (n * t, i + 2),
        None => (n, i + 1),
    })
}

/// "500 errors out of 1 million requests gives us 99.5% availability", "a 99.9% SLO
/// allows 100 failed requests per million": a share of failed requests against the one
/// availability figure of the clause.
fn check_error_ratio(
    toks: &[(Tok, Range<usize>)],
    avail: &[Availability],
    tolerance: f64,
    acc: &mut Vec<Finding>,
) {
    let Some(&(a, _, ref a_range)) = avail.first() else {
        return;
    };
    if avail.iter().any(|(b, _, _)| !close(a, *b)) {
        return;
    }
    let word = |i: usize| match toks.get(i).map(|t| &t.0) {
        Some(Tok::Word(w)) => w.as_str(),
        _ => "",
    };
    // The clause equates the two ("gives us", "allows", "is"), and is not about latency
    // ("99% of requests finish under 300 ms").
    let says = |words: &[&str]| (0..toks.len()).any(|i| words.contains(&word(i)));
    if !says(&[
        "allow",
        "allows",
        "allowed",
        "afford",
        "budget",
        "give",
        "gives",
        "gave",
        "mean",
        "means",
        "is",
        "equals",
        "leave",
        "leaves",
        "permit",
        "permits",
        "translates",
    ]) || says(&[
        "ms",
        "milliseconds",
        "latency",
        "latencies",
        "percentile",
        "p50",
        "p90",
        "p95",
        "p99",
        "p999",
        "seconds",
        "under",
        "within",
        "faster",
    ]) {
        return;
    }
    for i in 0..toks.len() {
        let Some((failed, mut j)) = count_at(toks, i) else {
            continue;
        };
        // "500 errors", "100 failed requests", "20 failures".
        if word(j) == "failed" {
            j += 1;
        }
        if !matches!(
            word(j),
            "errors" | "error" | "failures" | "failed" | "requests" | "request"
        ) || (word(j).starts_with("request") && word(j - 1) != "failed")
        {
            continue;
        }
        j += 1;
        // "out of", "of", "in", "per", "for every".
        let mut k = j;
        while matches!(
            word(k),
            "out" | "of" | "in" | "per" | "for" | "every" | "each"
        ) {
            k += 1;
        }
        if k == j {
            continue;
        }
        // "per million", "in every 10,000 requests".
        let (total, end) = match word(k) {
            "million" => (1e6, k + 1),
            "thousand" => (1e3, k + 1),
            "billion" => (1e9, k + 1),
            _ => match count_at(toks, k) {
                Some(c) => c,
                None => continue,
            },
        };
        if !matches!(word(end), "requests" | "request" | "calls" | "call")
            && !matches!(word(k), "million" | "thousand" | "billion")
        {
            continue;
        }
        if total <= failed || total <= 0.0 {
            continue;
        }
        let expected = (1.0 - a) * total;
        if expected <= 0.0 {
            continue;
        }
        let ratio = failed / expected;
        if (1.0 - tolerance..=1.0 + tolerance).contains(&ratio) {
            continue;
        }
        let last = end.min(toks.len()).saturating_sub(1).max(k);
        let range = toks[i].1.start..toks[last].1.end;
        acc.push(Finding::new(
            a_range.start.min(range.start)..a_range.end.max(range.end),
            format!(
                "{} availability allows {} failed requests in {}, not {} ({}); {} of {} is {}",
                format_percent(a),
                crate::numbers::group_digits(expected),
                crate::numbers::group_digits(total),
                crate::numbers::group_digits(failed),
                if ratio > 1.0 {
                    format!("{:.1}x too many", ratio)
                } else {
                    format!("{:.1}x too few", 1.0 / ratio)
                },
                crate::numbers::group_digits(failed),
                crate::numbers::group_digits(total),
                format_percent(1.0 - failed / total),
            ),
        ));
        return;
    }
}

/// Availability figures in sentences about availability, with the downtime a year they
/// allow, for inlay hints: `(end of the figure, downtime label)`. Sentences about latency
/// or requests are left alone ("99% of requests under 300 ms" is not an uptime).
pub(crate) fn availability_hints(text: &str, clauses: &[Clause]) -> Vec<(usize, String)> {
    let mut res = Vec::new();
    for clause in clauses {
        let (raw, base) = clause_text(text, clause);
        let toks = tokens(raw, base);
        let word = |pred: fn(&str) -> bool| {
            toks.iter()
                .any(|(t, _)| matches!(t, Tok::Word(w) if pred(w)))
        };
        let about_uptime = word(|w| {
            matches!(
                w,
                "availability"
                    | "available"
                    | "uptime"
                    | "sla"
                    | "slas"
                    | "slo"
                    | "slos"
                    | "nines"
                    | "downtime"
                    | "reliability"
                    | "highly"
            )
        });
        let about_latency = word(|w| {
            matches!(
                w,
                "latency"
                    | "latencies"
                    | "percentile"
                    | "percentiles"
                    | "requests"
                    | "ms"
                    | "milliseconds"
                    | "p50"
                    | "p90"
                    | "p95"
                    | "p99"
                    | "p999"
                    | "p"
            )
        });
        if !about_uptime || about_latency {
            continue;
        }
        for (availability, _, range) in availabilities(&toks) {
            let seconds = (1.0 - availability) * YEAR;
            res.push((range.end, format!("~{}/yr", format_duration(seconds))));
        }
    }
    res
}

fn check_downtime(
    text: &str,
    toks: &[(Tok, Range<usize>)],
    avail: &[Availability],
    from: usize,
    tolerance: f64,
    acc: &mut Vec<Finding>,
) {
    // The distinct figures, in order; the same figure said twice is one ("three nines
    // (99.9%)").
    let mut figures: Vec<(f64, &Range<usize>)> = Vec::new();
    for (b, _, range) in avail {
        if !figures.iter().any(|(f, _)| close(*f, *b)) {
            figures.push((*b, range));
        }
    }
    // "| 99.999% | 5m 16s per year |": a figure and a time per period in the next cell.
    let row = avail.len() == 1 && matches!(toks.get(avail[0].1 + 2), Some((Tok::Sep, _)));
    if figures.is_empty() || (!is_downtime_clause(toks) && !row) {
        return;
    }
    let downtimes = downtimes(toks);
    // Which figure each downtime belongs to: the one figure, so there is no doubt; or, for
    // two figures and then two downtimes, each in turn ("going from 99.9% to 99.99% cuts
    // yearly downtime from 8.8 hours to 52 minutes").
    let paired: Vec<(f64, &Range<usize>, Downtime)> = match figures[..] {
        [(a, a_range)] => downtimes.into_iter().map(|d| (a, a_range, d)).collect(),
        [first, second] if downtimes.len() == 2 && downtimes[0].range.start >= second.1.end => {
            [first, second]
                .into_iter()
                .zip(downtimes)
                .map(|((a, a_range), d)| (a, a_range, d))
                .collect()
        }
        _ => return,
    };
    let answer_start = toks.get(from).map_or(usize::MAX, |t| t.1.start);
    for (
        a,
        a_range,
        Downtime {
            seconds,
            period,
            period_name: name,
            range,
        },
    ) in paired
    {
        if range.start < answer_start && from > 0 {
            continue;
        }
        let expected = (1.0 - a) * period;
        // "a 30-day window ... 0.1% of 43,200 minutes": a time as long as half its period
        // is the window itself, not downtime in it (every figure read is 90% or more).
        if expected <= 0.0 || seconds >= 0.5 * period {
            continue;
        }
        let ratio = seconds / expected;
        if (1.0 - tolerance..=1.0 + tolerance).contains(&ratio) {
            continue;
        }
        // "Four nines means less than an hour of downtime a year": a strict bound above
        // the allowance is true. ("Up to 8 hours" and "at most" give the allowance itself.)
        if ratio > 1.0 && strictly_below(text, range.start) {
            continue;
        }
        let percent = format_percent(a);
        acc.push(Finding::new(
            if from > 0 {
                range.clone()
            } else {
                a_range.start.min(range.start)..a_range.end.max(range.end)
            },
            format!(
                "{percent} availability allows {} of downtime {name}, not {} ({})",
                format_duration(expected),
                format_duration(seconds),
                if ratio > 1.0 {
                    format!("{:.1}x too much", ratio)
                } else {
                    format!("{:.1}x too little", 1.0 / ratio)
                },
            ),
        ));
    }
}

/// The lexicon's composition words, each a run of lowercase words.
struct Cues {
    sequence: Vec<Vec<String>>,
    parallel: Vec<Vec<String>>,
    result: Vec<Vec<String>>,
}

static CUES: LazyLock<Cues> = LazyLock::new(|| {
    let c = &knowledge::Lexicon::bundled().composition;
    let runs = |words: &[Box<str>]| -> Vec<Vec<String>> {
        words
            .iter()
            .map(|w| w.split('_').map(str::to_lowercase).collect())
            .collect()
    };
    Cues {
        sequence: runs(&c.sequence),
        parallel: runs(&c.parallel),
        result: runs(&c.result),
    }
});

/// True when one of `runs` starts at token `i`.
fn run_at(toks: &[(Tok, Range<usize>)], i: usize, runs: &[Vec<String>]) -> bool {
    runs.iter().any(|run| {
        run.iter()
            .enumerate()
            .all(|(k, w)| matches!(toks.get(i + k).map(|t| &t.0), Some(Tok::Word(x)) if x == w))
    })
}

fn has_run(toks: &[(Tok, Range<usize>)], runs: &[Vec<String>]) -> bool {
    (0..toks.len()).any(|i| run_at(toks, i, runs))
}

fn is_word(tok: Option<&(Tok, Range<usize>)>, words: &[&str]) -> bool {
    matches!(tok.map(|t| &t.0), Some(Tok::Word(w)) if words.contains(&w.as_str()))
}

fn check_composition(
    toks: &[(Tok, Range<usize>)],
    avail: &[Availability],
    from: usize,
    acc: &mut Vec<Finding>,
) {
    let cues = &*CUES;
    let sequence = has_run(toks, &cues.sequence);
    let parallel = has_run(toks, &cues.parallel);
    if sequence == parallel {
        return;
    }
    let each = toks
        .iter()
        .any(|(t, _)| matches!(t, Tok::Word(w) if w == "each"));
    // "the same 99.95% as each of its serial dependencies": the result said equal to
    // every part.
    if let [(a, at, range)] = avail {
        let same = toks[at.saturating_sub(3)..*at]
            .iter()
            .any(|(t, _)| matches!(t, Tok::Word(w) if w == "same"));
        let as_each = (at + 1..toks.len().min(at + 6))
            .any(|k| is_word(toks.get(k), &["as"]) && is_word(toks.get(k + 1), &["each", "all"]));
        if same && as_each && *at >= from {
            acc.push(Finding::new(range.clone(), bound_message(sequence, *a, *a)));
        }
        return;
    }
    if avail.len() < 2 {
        return;
    }
    let (claimed, claimed_at, claimed_range) = avail[avail.len() - 1].clone();
    if claimed_at < from {
        return;
    }
    // The claimed total follows a word that states a result, or a colon or pipe, or is
    // followed by "overall", "together", "end to end".
    let before = toks[..claimed_at]
        .iter()
        .rev()
        .take(4)
        .enumerate()
        .any(|(k, (t, _))| matches!(t, Tok::Sep) || run_at(toks, claimed_at - 1 - k, &cues.result));
    // (A figure is two tokens: "99.9 %", "three nines".)
    let after_at = claimed_at + 2;
    let after = (after_at..toks.len().min(after_at + 3)).any(|k| {
        is_word(
            toks.get(k),
            &["overall", "together", "combined", "available", "total"],
        ) || run_at(toks, k, &[vec!["end".into(), "to".into(), "end".into()]])
    });
    if !before && !after {
        return;
    }
    let mut parts: Vec<f64> = avail[..avail.len() - 1].iter().map(|a| a.0).collect();
    let mut counted = parts.len() > 1;
    if parts.len() == 1 {
        // "two services at 99.9% in sequence give ...": a count before the figure.
        let count = toks[..avail[0].1].iter().rev().find_map(|(t, _)| match t {
            Tok::Word(w) if w == "both" || w == "pair" => Some(2.0),
            Tok::Word(w) => word_number(w).filter(|&n| n >= 2.0),
            Tok::Num(n, 0) if (2.0..=10.0).contains(n) => Some(*n),
            _ => None,
        });
        if let Some(n) = count {
            parts = vec![parts[0]; n as usize];
            counted = true;
        } else if !each {
            return;
        }
    }
    if !counted {
        // "each at 99.9%", no count: only the bound can be checked.
        let part = parts[0];
        let wrong = if sequence {
            claimed >= part - 1e-9
        } else {
            claimed <= part + 1e-9
        };
        if wrong {
            acc.push(Finding::new(
                claimed_range,
                bound_message(sequence, part, claimed),
            ));
        }
        return;
    }
    let in_sequence: f64 = parts.iter().product();
    let in_parallel = 1.0 - parts.iter().map(|a| 1.0 - a).product::<f64>();
    let (expected, other, how) = if sequence {
        (
            in_sequence,
            in_parallel,
            "In sequence, availabilities multiply",
        )
    } else {
        (
            in_parallel,
            in_sequence,
            "In parallel, unavailabilities multiply",
        )
    };
    if close(claimed, expected) {
        return;
    }
    let figures: Vec<String> = parts.iter().map(|a| format_percent(*a)).collect();
    let mut message = format!(
        "{how}: {} give {}, not {}",
        figures.join(" and "),
        format_percent(expected),
        format_percent(claimed)
    );
    if close(claimed, other) {
        message.push_str(if sequence {
            " (that is the figure for parallel components)"
        } else {
            " (that is the figure for components in sequence)"
        });
    }
    acc.push(Finding::new(claimed_range, message));
}

fn bound_message(sequence: bool, part: f64, claimed: f64) -> String {
    if sequence {
        format!(
            "In sequence, availabilities multiply, so the whole is below its weakest part: parts at {} give less than {}, not {} (two give {})",
            format_percent(part),
            format_percent(part),
            format_percent(claimed),
            format_percent(part * part)
        )
    } else {
        format!(
            "In parallel, unavailabilities multiply, so redundant parts are above the strongest: parts at {} give more than {}, not {} (two give {})",
            format_percent(part),
            format_percent(part),
            format_percent(claimed),
            format_percent(1.0 - (1.0 - part) * (1.0 - part))
        )
    }
}

/// True when two availabilities agree, by unavailability within 10% or by rounding.
fn close(a: f64, b: f64) -> bool {
    let (ua, ub) = (1.0 - a, 1.0 - b);
    (ua - ub).abs() <= 0.1 * ub.max(1e-12) || format_percent(a) == format_percent(b)
}

fn format_percent(a: f64) -> String {
    let p = a * 100.0;
    for decimals in 0..6 {
        let s = format!("{p:.decimals$}");
        if (s.parse::<f64>().unwrap_or(0.0) - p).abs() < 1e-9 {
            return format!("{s}%");
        }
    }
    format!("{p:.6}%")
}

fn format_duration(seconds: f64) -> String {
    if seconds < 10.0 {
        return format!("{seconds:.1}s");
    }
    // Two units at most, the second rounded: 8h 45m 58s is "8h 46m".
    let (big, small, big_name, small_name) = if seconds >= 86_400.0 {
        (86_400.0, 3600.0, "d", "h")
    } else if seconds >= 3600.0 {
        (3600.0, 60.0, "h", "m")
    } else if seconds >= 60.0 {
        (60.0, 1.0, "m", "s")
    } else {
        return format!("{}s", seconds.round());
    };
    let total_small = (seconds / small).round() as u64;
    let per = (big / small) as u64;
    let (a, b) = (total_small / per, total_small % per);
    if b == 0 {
        format!("{a}{big_name}")
    } else {
        format!("{a}{big_name} {b}{small_name}")
    }
}

#[cfg(test)]
mod tests {
    use super::{format_duration, format_percent};
    use crate::diagnostics::tests::{check_rule, show};

    #[test]
    fn flags_downtime_that_does_not_match() {
        check_rule(
            "availability-math",
            &[
                "Four nines, about nine hours of downtime a year.",
                "99.9% availability means 10 minutes of downtime per month.",
                "At 99.99% uptime we can afford 1 hour of downtime per month.",
                "Five nines allows 26 minutes of downtime a year.",
                "The SLO of 99.95% gives 2 hours of downtime a year.",
                "Three 9s means 1 minute of downtime a day.",
                "Three nines (99.9%) allows roughly 52 minutes of downtime per year.",
                // A bound below the allowance is wrong; "up to" gives the allowance.
                "99.9% allows less than 1 hour of downtime a year.",
                "A service at 99.99% can afford an outage of up to 8 hours a year.",
                "- 99.99% monthly: ~43 minutes of allowed downtime",
                "| 99.999% | 52m 36s per year |",
                // The period right before its figure.
                "99.9% availability: downtime per month about 4 min, per week about 10 min.",
                "Over a rolling 30-day window, a 99.95% SLO gives 3 hours of error budget.",
                // Two figures and two downtimes, each in turn.
                "Going from 99.9% to 99.99% cuts yearly downtime from about 8.8 hours to about 4.4 hours.",
                "500 errors out of 1 million requests gives us 99.5% availability.",
                "A 99.9% SLO allows 100 failed requests per million.",
                "At 99.99%, we can afford 100 errors per 100k requests.",
            ],
            &[
                // A strict bound above the allowance is true.
                "2. **Availability** 99.99% for playback (< 1 hour downtime/year)",
                "Four nines means less than an hour of downtime a year.",
                "Four nines allows about 52 minutes of downtime a year.",
                // An approximation is within 25%: 1h for 52m 36s is what a reviewer accepts.
                "Four nines, about an hour of downtime a year.",
                "99.9% availability means about 43 minutes of downtime per month.",
                "99.99% is roughly 4 minutes of downtime a month.",
                "Three nines: 8h 45m of downtime a year.",
                "99.9% allows 1.44 minutes of downtime a day.",
                "Our 99.9% SLO was met; the outage lasted 2 hours last year.",
                "We had 99.9% availability and two outages this year.",
                "It is not true that 99.9% allows an hour a day of downtime.",
                "Four nines (99.99%) allows about 52 minutes of downtime a year.",
                "Five nines (99.999%) leaves about 5 minutes and 16 seconds of downtime per year.",
                "- 99.99% monthly: ~4 minutes of allowed downtime",
                "| 99.999% | 5m 16s per year |",
                "Over a year, 99.9% and 99.99% differ by about 8 hours of downtime.",
                "| 99.9% | 2 outages per year |",
                "Going from 99.9% to 99.99% cuts yearly downtime from about 8.8 hours to about 53 minutes.",
                "Three 9s - 99.9%: downtime per month about 43 min, per week about 10 min 5 s, per day about 1.4 min.",
                // Failed requests against the figure.
                "1,000 errors out of 1 million requests is 99.9% availability.",
                "A 99.9% SLO allows 1,000 failed requests per million.",
                "With 99.99% availability we can afford 10 errors per 100k requests.",
                "99% of requests finish under 300 ms, with 5 errors per 1,000 requests.",
                "We had 99.9% availability last month: 37 errors out of 10,000 requests came from the retry storm.",
                // A time glued to its unit by a hyphen is the length of something else.
                "Our 99.95% SLO over a 28-day window leaves about 20 minutes of error budget.",
                "A 99.9% SLO over a 30-day window leaves 43.2 minutes of error budget.",
                "Over a 30-day window, 99.9% leaves 0.1% of 43,200 minutes, about 43 minutes.",
                "Four nines is about 52m 36s of downtime a year, roughly 4m 23s a month.",
                "At 99.9% the daily budget is about 86 seconds, so a 90-second deploy pause would use all of it.",
            ],
        );
    }

    #[test]
    fn flags_composition_done_the_wrong_way() {
        check_rule(
            "availability-math",
            &[
                "Two services at 99.9% in sequence give 99.9999%.",
                "Two redundant replicas at 99.9% in parallel give 99.8%.",
                "With 99.9% and 99.5% in series the total is 99.9%.",
            ],
            &[
                "Two services at 99.9% in sequence give 99.8%.",
                "Two replicas at 99.9% in parallel give 99.9999%.",
                "With 99.9% and 99.5% in series the total is 99.4%.",
            ],
        );
    }

    #[test]
    fn reads_questions_with_their_answers_and_hedges_other_than_only() {
        check_rule(
            "availability-math",
            &[
                "How much downtime does 99.99% allow? About 8 hours 45 minutes a year.",
                "Our 99.9% monthly SLO leaves only about 4 minutes of downtime each month.",
                "99.99% allows about 9 hours a year, which covers the patch window.",
            ],
            &[
                "How much downtime does 99.99% allow? About 52 minutes a year.",
                "Does a 99.9% SLO leave room for a 30-minute window? We think so.",
                "Our 99.9% monthly SLO leaves about 43 minutes of downtime each month.",
            ],
        );
    }

    /// Arithmetic is as wrong under a supposition as without one, and a negation in a
    /// part of the sentence without figures negates none of them.
    #[test]
    fn premises_and_negations_away_from_the_figures() {
        check_rule(
            "availability-math",
            &[
                "If the API (99.9%) depends on the database (99.9%) in sequence, the combined availability is 99.9999%.",
                "Two independent 99.9% instances in parallel give exactly 99.9%, since redundancy doesn't change the math.",
                // Session 17: a negated conclusion drawn from the figures.
                "Two redundant instances at 99% each only bring us to 99.5%, so redundancy alone won't reach three nines.",
            ],
            &[
                "Two redundant instances at 99% each give 99.99%, so we don't need a third.",
                "Two redundant instances at 99% each do not give 99.5%, so redundancy alone won't reach three nines.",
                "Four nines does not allow 43 minutes of downtime a month.",
                "It is a myth that 99.99% allows 43 minutes a month.",
                "If we want four nines, we can afford 52 minutes of downtime a year.",
            ],
        );
    }

    #[test]
    fn composition_cues_counts_and_bounds() {
        check_rule(
            "availability-math",
            &[
                "Because the API depends on both the auth service (99.9%) and the database (99.95%), its end-to-end availability is 99.95%.",
                "Chaining the gateway, the API and the database, each at 99.9%, still gives us three nines overall.",
                "- Two hops in series at 99.9% each: 99.9% end to end",
                "Two redundant NAT gateways at 99.5% each, either of which can carry all traffic, combine to about 99% availability.",
                "| Active-active pair, 99% each | combined: 98.01% |",
                "The checkout path, whose end-to-end availability is the same 99.95% as each of its four serial dependencies, stays as it is.",
                "Which availability does a chain of two 99.5% services have? 99.75%, the average.",
            ],
            &[
                "Three dependencies in series at 99.9% each give about 99.7% end to end.",
                "Two independent replicas at 99% each, either able to serve alone, give 99.99%.",
                "Adding a dependency in series lowered availability from 99.9% to 99.8%.",
                "Our SLO moved from 99.95% to 99.9% after we dropped the redundant cache.",
                "The service depends on the database (99.95%) and is at 99.9% in practice.",
            ],
        );
    }

    #[test]
    fn messages_give_the_right_figures() {
        expect_test::expect![[r#"
            2 "99.9999%" "availability-math": In sequence, availabilities multiply: 99.9% and 99.9% give 99.8001%, not 99.9999% (that is the figure for parallel components)
        "#]]
        .assert_eq(&show("//- /docs/x.md\nFour nines, about an hour of downtime a year.\nTwo services at 99.9% in sequence give 99.9999%.\n"));
        assert_eq!(format_percent(0.9995), "99.95%");
        assert_eq!(format_duration(31_557.6), "8h 46m");
        assert_eq!(format_duration(8.64), "8.6s");
    }
}
