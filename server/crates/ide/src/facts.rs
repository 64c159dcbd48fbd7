//! The claim engine: sentences checked against the facts of the knowledge base.
//!
//! Entries state what is true of their concept in `[facts]` (properties it has and
//! lacks, what it runs over, what it speeds up and slows down, the words that describe it
//! and the concepts it is confused with); `knowledge/lexicon.toml` says how each property,
//! relation and effect is written. Per clause, the engine finds the concepts named (the
//! fst longest match), picks the subject of each part of the sentence (its first concept
//! and those joined to it by "and", "or" or a comma; a relative clause's antecedent), and
//! compares what the sentence asserts of the subject with the facts:
//!
//! - a property: "UDP guarantees ordering", "POST requests are idempotent", "ordering is
//!   guaranteed by UDP", "TCP is connectionless" (a property's opposite);
//! - a relation: "HTTP/3 runs over TCP" (what it runs over, transitively, against other
//!   layers of the same kind);
//! - an effect: "indexes speed up writes", "denormalization makes writes cheaper";
//! - a description: "RPO is how long we can be down" (the marks of a concept it is
//!   confused with, and none of its own);
//! - an expansion: "RPO (recovery time objective)";
//! - an implication: "the catalog is eventually consistent, so shoppers immediately see
//!   every change" (a concept ascribed in a premise, the opposite of its facts in what
//!   follows from it, whatever that part's subject);
//! - a follow-up: "Is X ...? No, every read sees ..." or "That means ..." after a sentence
//!   about one concept, and "What does the RPO bound? The time until ..." (the marks of
//!   a concept it is confused with);
//! - a cause: "hourly backups keep our RTO at one hour" (what sets a concept, described
//!   with the marks of the concept it is confused with).
//!
//! Negations, hedges, contrasts, questions and quotations silence a clause (see
//! [`crate::claims`]); a false alarm costs more than a miss.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use knowledge::{Entry, KnowledgeBase, Lexicon};

use crate::claims::{
    AUXILIARIES, Clause, FILLERS, HEDGES, Pattern, Word, capital_after, gap_before, same_stem,
};
use crate::render::{first_sentence, one_line};

/// Words that open a contrast with what they name: "Unlike UDP, TCP ...".
const CONTRASTS: &[&str] = &["unlike", "compared", "versus", "vs", "contrast"];

/// Verbs that open a ", which ..." clause about the whole statement before it ("..., which
/// makes writes fast", "..., which slows queries down"), so about the statement's subject.
const STATEMENT_VERBS: &[&str] = &[
    "makes",
    "made",
    "means",
    "keeps",
    "lets",
    "gives",
    "causes",
    "leads",
    "results",
    "ensures",
    "guarantees",
    "slows",
    "speeds",
    "increases",
    "decreases",
    "reduces",
    "raises",
    "lowers",
    "improves",
    "hurts",
    "removes",
    "adds",
];

/// The rule code of findings whose entry names no family.
pub(crate) const DEFAULT_FAMILY: &str = "contradicts-knowledge";

/// A finding of the engine: the rule code it belongs to, the bytes, the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FactFinding {
    pub code: Box<str>,
    pub range: Range<usize>,
    pub message: String,
}

struct Property {
    label: Box<str>,
    /// Forms that need a linking word, then forms that link by themselves.
    forms: Vec<Pattern>,
    verbs: Vec<Pattern>,
    opposite: Option<Box<str>>,
}

/// A dimension of comparison, compiled: its id, its comparative, and the patterns that
/// say more or less of it.
struct Dimension {
    id: Box<str>,
    more_label: Box<str>,
    more: Vec<Pattern>,
    less: Vec<Pattern>,
}

struct Target {
    id: Box<str>,
    label: Box<str>,
    good: Vec<Pattern>,
    cost: Vec<Pattern>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Effect {
    Up,
    Down,
    Grow,
    Shrink,
}

/// What one entry's facts say, compiled.
struct EntryFacts {
    term: Box<str>,
    /// What the concept is measured in ("time" for latency, "rate" for throughput).
    quantity: Option<Box<str>>,
    /// What is true, for messages: the entry's note, else its definition's first sentence.
    note: Option<Box<str>>,
    definition: Box<str>,
    family: Box<str>,
    /// Properties it has, by id.
    is: Vec<Box<str>>,
    /// Properties a sentence may not give it: those it lacks and the opposites of those
    /// it has.
    wrong: Vec<Box<str>>,
    /// Everything it runs over, directly or through another layer.
    over: Vec<Box<str>>,
    /// The layers of what it runs over: another layer of one of these kinds is wrong.
    over_layers: Vec<Box<str>>,
    layer: Option<Box<str>>,
    speeds: Vec<Box<str>>,
    slows: Vec<Box<str>>,
    /// The effects are those of a lower value ("a lower TTL").
    when_lower: bool,
    marks: Vec<Pattern>,
    confused_with: Vec<Box<str>>,
    /// What withdraws a finding about it when the clause has it.
    unless: Vec<Pattern>,
    /// It is a program: its servers and daemons are it.
    program: bool,
    /// The OSI layer it works at.
    osi: Option<u8>,
    /// Per dimension of comparison, the entries it beats ("fast": asymmetric encryption).
    more: Vec<(Box<str>, Vec<Box<str>>)>,
}

impl EntryFacts {
    /// The message of a finding that describes this concept with `other`'s marks.
    fn describes_other(&self, other: &EntryFacts) -> String {
        self.then_truth(&format!("That describes {}, not {}", other.term, self.term))
    }

    /// `lead`, then what is true of this concept: "That sets X, not Y. Y: ...".
    fn then_truth(&self, lead: &str) -> String {
        let truth = self.note.as_deref().unwrap_or(&self.definition);
        format!("{lead}. {}: {}", self.term, lower_first(truth))
    }
}

/// The lexicon and every entry's facts, compiled once per knowledge base.
pub(crate) struct FactBook {
    assert: HashSet<Box<str>>,
    heads: HashSet<Box<str>>,
    prefer: HashSet<Box<str>>,
    removal: HashSet<Box<str>>,
    define: HashSet<Box<str>>,
    /// Two concepts said to be one: between their names, and after "X and Y".
    same_between: Vec<Pattern>,
    same_after: Vec<Pattern>,
    properties: HashMap<Box<str>, Property>,
    over_verbs: Vec<Pattern>,
    over_bare: Vec<Pattern>,
    effects: Vec<(Effect, Pattern)>,
    targets: Vec<Target>,
    /// Words that name a concept only in claims: "index".
    claim_names: HashMap<Box<str>, Box<str>>,
    /// The OSI layers' names ("transport") and numbers.
    osi_names: HashMap<Box<str>, u8>,
    /// Words that place a concept at a layer: "works", "operates", "is".
    osi_verbs: HashSet<Box<str>>,
    /// Dimensions of comparison: "fast" ("faster", "slower").
    comparisons: Vec<Dimension>,
    entries: HashMap<Box<str>, EntryFacts>,
}

impl std::fmt::Debug for FactBook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FactBook")
            .field("properties", &self.properties.len())
            .field("entries", &self.entries.len())
            .finish()
    }
}

fn set(words: &[Box<str>]) -> HashSet<Box<str>> {
    words.iter().map(|w| w.to_lowercase().into()).collect()
}

fn patterns(forms: &[Box<str>]) -> Vec<Pattern> {
    forms.iter().map(|f| Pattern::new(f)).collect()
}

impl FactBook {
    /// Compiles the lexicon and the facts of every entry of `kb`.
    pub(crate) fn new(kb: &KnowledgeBase, lexicon: &Lexicon, codes: &[&str]) -> FactBook {
        let properties = lexicon
            .properties
            .iter()
            .map(|(id, p)| {
                (
                    id.clone(),
                    Property {
                        label: p.label.clone(),
                        forms: patterns(&p.forms),
                        verbs: patterns(&p.verbs),
                        opposite: p.opposite.clone(),
                    },
                )
            })
            .collect();
        let over = lexicon.relations.get("over");
        let mut effects = Vec::new();
        for (effect, forms) in [
            (Effect::Up, &lexicon.effects.up),
            (Effect::Down, &lexicon.effects.down),
            (Effect::Grow, &lexicon.effects.grow),
            (Effect::Shrink, &lexicon.effects.shrink),
        ] {
            effects.extend(forms.iter().map(|f| (effect, Pattern::new(f))));
        }
        let mut book = FactBook {
            assert: set(&lexicon.assert),
            heads: set(&lexicon.heads),
            prefer: set(&lexicon.prefer),
            removal: set(&lexicon.removal),
            define: set(&lexicon.define),
            same_between: patterns(&lexicon.same.between),
            same_after: patterns(&lexicon.same.after),
            properties,
            over_verbs: over.map(|r| patterns(&r.verbs)).unwrap_or_default(),
            over_bare: over.map(|r| patterns(&r.bare)).unwrap_or_default(),
            effects,
            targets: lexicon
                .targets
                .iter()
                .map(|(id, t)| Target {
                    id: id.clone(),
                    label: t.label.clone(),
                    good: patterns(&t.good),
                    cost: patterns(&t.cost),
                })
                .collect(),
            claim_names: lexicon
                .claim_names
                .iter()
                .map(|(k, v)| (k.to_lowercase().into(), v.clone()))
                .collect(),
            osi_names: lexicon
                .osi
                .names
                .iter()
                .map(|(k, &v)| (k.to_lowercase().into(), v))
                .collect(),
            osi_verbs: set(&lexicon.osi.verbs),
            comparisons: lexicon
                .comparisons
                .iter()
                .map(|(id, c)| Dimension {
                    id: id.clone(),
                    more_label: c.more.clone(),
                    more: patterns(&c.more_forms),
                    less: patterns(&c.less_forms),
                })
                .collect(),
            entries: HashMap::new(),
        };
        for entry in kb.entries() {
            if entry.known.is_empty() {
                continue;
            }
            let facts = book.compile_entry(kb, entry, codes);
            book.entries.insert(entry.id.clone(), facts);
        }
        book
    }

    /// The patterns of the properties `ids`, each with its property and whether it needs
    /// a linking word (forms do, verb phrases link by themselves).
    /// A word that names a concept's parts or uses, in the singular or the plural:
    /// "UDP packets", "Redis deployments".
    fn is_head(&self, w: &str) -> bool {
        self.heads.contains(w) || w.strip_suffix('s').is_some_and(|s| self.heads.contains(s))
    }

    fn forms_of<'b>(
        &'b self,
        ids: &'b [Box<str>],
    ) -> impl Iterator<Item = (&'b Property, &'b Pattern, bool)> + 'b {
        ids.iter()
            .filter_map(|id| self.properties.get(id))
            .flat_map(|prop| {
                let forms = prop.forms.iter().map(move |p| (prop, p, true));
                forms.chain(prop.verbs.iter().map(move |p| (prop, p, false)))
            })
    }

    fn compile_entry(&self, kb: &KnowledgeBase, entry: &Entry, codes: &[&str]) -> EntryFacts {
        let known = &entry.known;
        let mut wrong: Vec<Box<str>> = known.is_not.clone();
        for p in &known.is {
            if let Some(o) = self.properties.get(p).and_then(|p| p.opposite.clone()) {
                wrong.push(o);
            }
        }
        // What it runs over, transitively (a cycle stops at the ids already seen).
        let mut over: Vec<Box<str>> = Vec::new();
        let mut queue: Vec<Box<str>> = known.over.clone();
        while let Some(id) = queue.pop() {
            if over.contains(&id) || *id == *entry.id {
                continue;
            }
            if let Some(next) = kb.by_id(&id) {
                queue.extend(next.known.over.iter().cloned());
            }
            over.push(id);
        }
        let over_layers = over
            .iter()
            .filter_map(|id| kb.by_id(id).and_then(|e| e.known.layer.clone()))
            .collect();
        let family = known
            .family
            .as_deref()
            .filter(|f| codes.contains(f))
            .unwrap_or(DEFAULT_FAMILY);
        EntryFacts {
            term: entry.term.clone(),
            note: known.note.clone(),
            definition: one_line(first_sentence(&entry.definition)).into(),
            family: family.into(),
            is: known.is.clone(),
            wrong,
            over,
            over_layers,
            layer: known.layer.clone(),
            speeds: known.speeds.clone(),
            slows: known.slows.clone(),
            when_lower: known.when.as_deref() == Some("lower"),
            marks: patterns(&known.marks),
            quantity: known.quantity.clone(),
            confused_with: known.confused_with.clone(),
            unless: patterns(&known.unless),
            program: known.program,
            osi: known.osi,
            more: known
                .more
                .iter()
                .map(|(d, ids)| (d.clone(), ids.clone()))
                .collect(),
        }
    }

    fn cx<'a>(
        &'a self,
        kb: &'a KnowledgeBase,
        text: &'a str,
        clause: &'a Clause,
        mentions: &'a [Mention<'a>],
    ) -> Cx<'a> {
        Cx {
            book: self,
            kb,
            text,
            clause,
            words: &clause.words,
            mentions,
        }
    }

    /// Only what names a concept wrongly in one clause: a wrong expansion ("Authorization
    /// (authn)"), one concept called another. For headings, which name topics and assert
    /// nothing else.
    pub(crate) fn check_names(
        &self,
        kb: &KnowledgeBase,
        text: &str,
        clause: &Clause,
        acc: &mut Vec<FactFinding>,
    ) {
        if clause.words.is_empty() {
            return;
        }
        let mentions = self.mentions(kb, text, clause);
        if mentions.is_empty() {
            return;
        }
        let cx = self.cx(kb, text, clause, &mentions);
        cx.expansions(acc);
        cx.misnamed(acc);
    }

    /// The facts' findings in one clause.
    pub(crate) fn check(
        &self,
        kb: &KnowledgeBase,
        text: &str,
        clause: &Clause,
        previous: Option<&str>,
        subject_out: &mut Option<Box<str>>,
        acc: &mut Vec<FactFinding>,
    ) {
        if clause.words.is_empty() {
            return;
        }
        let mut mentions = self.mentions(kb, text, clause);
        // "We picked UDP. It retransmits ...": "it" at the start of a clause (after a
        // "yes" or "no") stands for the previous clause's first concept with facts.
        let lead = clause
            .words
            .iter()
            .position(|w| {
                !matches!(
                    &*w.lower,
                    "yes" | "no" | "because" | "since" | "so" | "and" | "but" | "as"
                )
            })
            .unwrap_or(0);
        // (`previous` is set only when the previous clause named one concept, outside
        // parentheses: "use RUDP (Reliable UDP). It adds ..." is about RUDP.)
        let pronoun = clause
            .words
            .get(lead)
            .is_some_and(|w| matches!(&*w.lower, "it" | "they" | "its"))
            && mentions.first().is_none_or(|m| m.words.start > lead);
        if let Some(facts) = previous
            .filter(|_| pronoun)
            .and_then(|prev| self.entries.get(prev))
        {
            mentions.insert(
                0,
                Mention {
                    words: lead..lead + 1,
                    ids: previous.into_iter().map(Into::into).collect(),
                    facts: Some(facts),
                    possessive: false,
                },
            );
        }
        // Inside an unclosed parenthesis: "use RUDP (Reliable UDP)".
        let in_parens = |m: &Mention| {
            let start = clause.words.first().map_or(0, |w| w.range.start);
            let at = clause.words[m.words.start].range.start;
            let before = text.get(start..at).unwrap_or("");
            before.matches('(').count() > before.matches(')').count()
        };
        *subject_out = match mentions.as_slice() {
            [only] if only.facts.is_some() && !in_parens(only) => only.ids.first().cloned(),
            _ => None,
        };
        if clause.question {
            return;
        }
        if let Some(found) = self.follow_up(kb, text, clause, previous, &mentions) {
            acc.push(found);
            return;
        }
        if mentions.is_empty() {
            return;
        }
        let cx = self.cx(kb, text, clause, &mentions);
        let before = acc.len();
        cx.expansions(acc);
        cx.misnamed(acc);
        let parts = cx.parts();
        for (p, part) in parts.iter().enumerate() {
            let mut subjects = cx.subjects(&parts, p);
            subjects.retain(|s| !cx.object_of_relative(s) && !cx.pronoun_disagrees(s, part));
            for s in &mut subjects {
                s.after = cx.past_example(s.after, part);
            }
            let found = subjects
                .iter()
                .find_map(|subject| {
                    let own = mentions[subject.mention].facts.and_then(|facts| {
                        cx.property(subject, part, facts)
                            .or_else(|| cx.denial(subject, part, facts))
                            .or_else(|| cx.property_past_noun(subject, part, facts))
                            .or_else(|| cx.relation(subject, part, facts))
                            .or_else(|| cx.based_on(subject, part, facts))
                            .or_else(|| cx.effect(subject, part, facts))
                            .or_else(|| cx.confusion(subject, part, facts))
                            .or_else(|| cx.osi(subject, part, facts))
                    });
                    // A comparison's truth may be in either concept's facts.
                    own.or_else(|| cx.comparison(subject, part))
                })
                .or_else(|| cx.passive(part))
                .or_else(|| cx.received_for(part))
                .or_else(|| cx.passive_effect(part))
                .or_else(|| {
                    let s = cx.subject_of_relative(part)?;
                    let facts = mentions[s.mention].facts?;
                    cx.property(&s, part, facts)
                });
            acc.extend(found);
        }
        if acc.len() == before {
            acc.extend(parts.iter().find_map(|part| cx.equated(part)));
        }
        if acc.len() == before {
            acc.extend(
                cx.implication(&parts)
                    .or_else(|| cx.cause_confusion(&parts))
                    .or_else(|| cx.passive_confusion(&parts))
                    .or_else(|| cx.compound_value()),
            );
        }
        // One finding per clause is enough for a reader.
        if acc.len() > before + 1 {
            acc.truncate(before + 1);
        }
    }

    /// "Does eventual consistency allow stale reads? No, every read sees the newest
    /// value." and "What does the RPO bound? The time until the service is restored.": an
    /// answer to a question about one concept, or "That means ..." after a sentence about
    /// it, says something of that concept although it does not name it. A "yes" or "no"
    /// answer and "that means" are checked for its wrong properties; any answer to a
    /// question for the marks of a concept it is confused with.
    fn follow_up(
        &self,
        kb: &KnowledgeBase,
        text: &str,
        clause: &Clause,
        previous: Option<&str>,
        mentions: &[Mention],
    ) -> Option<FactFinding> {
        let facts = self.entries.get(previous?)?;
        // A bare head word ("replicas") does not make the answer about a concept of its own.
        if mentions.iter().any(|m| {
            m.facts.is_some()
                && !m
                    .words
                    .clone()
                    .all(|i| clause.words.get(i).is_some_and(|w| self.is_head(&w.lower)))
        }) {
            return None;
        }
        let lower = |i: usize| clause.words.get(i).map_or("", |w| &*w.lower);
        let first = clause.words.first()?;
        let answer = text
            .get(..first.range.start)
            .is_some_and(|before| before.trim_end().ends_with('?'));
        let start = if answer && matches!(lower(0), "yes" | "no") {
            1
        } else if matches!(lower(0), "that" | "this") && matches!(lower(1), "means" | "meant") {
            2
        } else if answer {
            0
        } else {
            return None;
        };
        let part = start..clause.words.len();
        if part.is_empty()
            || clause.words[start..]
                .iter()
                .any(|w| w.part != clause.words[start].part)
        {
            return None;
        }
        let cx = Cx {
            book: self,
            kb,
            text,
            clause,
            words: &clause.words,
            mentions,
        };
        // Anything that negates or hedges, other than the pattern's own words and the
        // leading "yes" or "no", withdraws.
        let withdrawn = |matched: &[usize]| {
            (start..part.end).any(|i| clause.negates(i) && !matched.contains(&i))
        };
        if start > 0 {
            for id in &facts.wrong {
                let Some(prop) = self.properties.get(id) else {
                    continue;
                };
                for pattern in &prop.verbs {
                    let Some((span, matched)) = cx.find(pattern, part.clone(), &part) else {
                        continue;
                    };
                    if withdrawn(&matched) {
                        continue;
                    }
                    let message = cx.property_message(facts, prop);
                    return cx.found(facts, part.start..span.end, message);
                }
            }
        }
        if !answer || withdrawn(&[]) {
            return None;
        }
        let own = facts
            .marks
            .iter()
            .any(|p| cx.find(p, part.clone(), &part).is_some());
        if own {
            return None;
        }
        for other_id in &facts.confused_with {
            let Some(other) = self.entries.get(other_id) else {
                continue;
            };
            let Some((span, _)) = other
                .marks
                .iter()
                .find_map(|mark| cx.find(mark, part.clone(), &part))
            else {
                continue;
            };
            let message = facts.describes_other(other);
            return cx.found(facts, part.start..span.end.max(part.end), message);
        }
        None
    }

    fn mentions<'a>(&'a self, kb: &KnowledgeBase, text: &str, clause: &Clause) -> Vec<Mention<'a>> {
        let ranges: Vec<Range<usize>> = clause.words.iter().map(|w| w.range.clone()).collect();
        let mut res = Vec::new();
        let mut i = 0;
        while i < ranges.len() {
            let Some(m) = kb.longest_match(text, &ranges, i) else {
                // "Indexes speed up writes": a name too common to be a term. Followed by
                // "of", it is the plain word: "isolation of context".
                let plain = clause.words.get(i + 1).is_some_and(|w| &*w.lower == "of");
                if let Some((id, facts)) = (!plain)
                    .then(|| self.claim_names.get(&*clause.words[i].lower))
                    .flatten()
                    .and_then(|id| Some((id, self.entries.get(id)?)))
                {
                    res.push(Mention {
                        words: i..i + 1,
                        ids: vec![id.clone()],
                        facts: Some(facts),
                        possessive: false,
                    });
                }
                i += 1;
                continue;
            };
            let end = i + m.n_words;
            let entries: Vec<&Entry> = m.entries.iter().map(|&id| kb.entry(id)).collect();
            let facts = entries.iter().find_map(|e| self.entries.get(&e.id));
            let ids = entries.iter().map(|e| e.id.clone()).collect();
            let after = text.get(ranges[end - 1].end..).unwrap_or("");
            let last = &clause.words[end - 1].raw;
            let possessive = after.starts_with("'s")
                || after.starts_with("\u{2019}s")
                || last.ends_with("'s")
                || last.ends_with("\u{2019}s");
            res.push(Mention {
                words: i..end,
                ids,
                facts,
                possessive,
            });
            i = end;
        }
        res
    }
}

/// Determiners skipped between a concept and the word that governs it ("by the NLB").
const DETERMINERS: &[&str] = &["the", "a", "an", "our", "its", "their"];

/// How [`Cx::passive`] finds a property said of the concept that follows it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A preposition before the concept: "guaranteed by UDP", "routing at layer 4".
    After,
    /// "Path-based routing requires the NLB".
    Requires,
    /// "Ordering is a key feature of UDP".
    FeatureOf,
    /// "For guaranteed ordering, we use UDP".
    Purpose,
}

/// Verbs by which a feature asks for the concept that has it.
const REQUIRING: &[&str] = &[
    "requires", "require", "required", "needs", "need", "demands",
];

/// Nouns that make what precedes them something the concept has: "a feature of UDP".
const FEATURE_NOUNS: &[&str] = &[
    "property",
    "feature",
    "guarantee",
    "characteristic",
    "trait",
    "strength",
    "advantage",
    "benefit",
    "hallmark",
    "capability",
];

/// Verbs and prepositions that pick the concept after a purpose: "For ordering, we use
/// UDP", "To get reliable delivery, the agents send reports over UDP".
const USING: &[&str] = &[
    "use", "uses", "used", "chose", "choose", "chosen", "picked", "pick", "selected", "select",
    "over", "via", "adopt", "adopted", "deploy", "deployed", "put", "rely", "relies", "on",
    "through", "behind",
];

/// Words after "to" that open a purpose: "To get reliable delivery, ...".
const PURPOSES: &[&str] = &[
    "get",
    "achieve",
    "ensure",
    "guarantee",
    "provide",
    "have",
    "obtain",
    "keep",
    "support",
    "enable",
    "allow",
];

/// Words after a concept that add to it: "UDP plus a sequencing layer".
const EXTENDED: &[&str] = &[
    "plus",
    "with",
    "and",
    "or",
    "together",
    "along",
    "combined",
    "extended",
    "augmented",
    "wrapped",
    "layered",
    "underneath",
];

/// Verbs that place a feature in a component: "configured on the NLB".
const PLACED: &[&str] = &[
    "configured",
    "done",
    "handled",
    "implemented",
    "performed",
    "enforced",
    "applied",
    "defined",
    "set",
    "terminated",
    "happens",
    "happen",
    "lives",
    "live",
    "runs",
    "run",
];

/// A concept named in a clause.
struct Mention<'a> {
    /// Word indices in the clause.
    words: Range<usize>,
    /// The entries it names.
    ids: Vec<Box<str>>,
    /// The facts of the first of them that has any.
    facts: Option<&'a EntryFacts>,
    /// Followed by "'s".
    possessive: bool,
}

/// A subject of a part of a sentence: a mention, and the word from which what is said of
/// it starts.
struct Subject {
    mention: usize,
    /// The first word index of the subject (for the finding's range).
    start: usize,
    /// The first word after the subject (after the whole "GET, PUT and POST").
    after: usize,
    /// The subject was introduced by "In X," and what follows the comma is about it.
    intro: bool,
}

/// The word indices of one part of a clause.
type Part = Range<usize>;

struct Cx<'a> {
    book: &'a FactBook,
    kb: &'a KnowledgeBase,
    text: &'a str,
    clause: &'a Clause,
    words: &'a [Word],
    mentions: &'a [Mention<'a>],
}

impl Cx<'_> {
    fn found(
        &self,
        facts: &EntryFacts,
        words: Range<usize>,
        message: String,
    ) -> Option<FactFinding> {
        if facts
            .unless
            .iter()
            .any(|p| p.find_words(self.words).is_some())
        {
            return None;
        }
        let start = self.words[words.start].range.start;
        let end = self.words[words.end.saturating_sub(1).max(words.start)]
            .range
            .end;
        Some(FactFinding {
            code: facts.family.clone(),
            range: start..end,
            message: format!("{message} (see \u{201c}{}\u{201d})", facts.term),
        })
    }

    /// Where a finding about subject `s` starts: at its own mention, not at the first of
    /// the concepts joined to it.
    fn own_start(&self, s: &Subject) -> usize {
        self.mentions[s.mention].words.start.max(s.start)
    }

    /// "ACID consistency is the same thing as CAP consistency", "RPO and RTO are
    /// interchangeable": two concepts whose facts say they are confused with each other,
    /// said to be one (the lexicon's `[same]`). A figure or a possessive makes it a
    /// statement about values ("our RPO is the same as our RTO: 15 minutes"), which may
    /// be true.
    fn equated(&self, part: &Part) -> Option<FactFinding> {
        let inside: Vec<&Mention> = self
            .mentions
            .iter()
            .filter(|m| part.contains(&m.words.start) && m.words.end <= part.end)
            .collect();
        let values = || {
            part.clone().any(|i| {
                self.words[i].raw.bytes().any(|b| b.is_ascii_digit())
                    || matches!(self.lower(i), "our" | "your" | "their" | "its" | "my")
            })
        };
        if inside.len() < 2 || values() {
            return None;
        }
        for (i, a) in inside.iter().enumerate() {
            let Some(b) = inside.get(i + 1) else {
                break;
            };
            // Both have facts: the message names both, in the order written, and tells
            // the truth of the one whose facts list the other.
            let (Some(first), Some(second)) = (a.facts, b.facts) else {
                continue;
            };
            let confused = |f: &EntryFacts, other: &Mention| {
                other.ids.iter().any(|id| f.confused_with.contains(id))
            };
            let facts = if confused(first, b) {
                first
            } else if confused(second, a) {
                second
            } else {
                continue;
            };
            if first.term == second.term {
                continue;
            }
            let gap = a.words.end..b.words.start;
            let det = |i: usize| DETERMINERS.contains(&self.lower(i));
            let between = || {
                self.book.same_between.iter().find_map(|p| {
                    let (span, matched) = self.find(p, gap.start..gap.start + 1, part)?;
                    let to_b = span.end == b.words.start
                        || (span.end + 1 == b.words.start && det(span.end));
                    (span.start == gap.start && to_b).then_some((span, matched))
                })
            };
            let after = || {
                // "X and Y", "the X and the Y".
                let joined = matches!(self.lower(gap.start), "and" | "&")
                    && (gap.len() == 1 || (gap.len() == 2 && det(gap.start + 1)));
                joined
                    .then(|| {
                        self.book.same_after.iter().find_map(|p| {
                            let (span, matched) =
                                self.find(p, b.words.end..b.words.end + 1, part)?;
                            (span.start == b.words.end).then_some((span, matched))
                        })
                    })
                    .flatten()
            };
            let Some((span, matched)) = between().or_else(after) else {
                continue;
            };
            if self.negated(a.words.start..span.end.max(b.words.end), &matched) {
                continue;
            }
            let lead = format!("{} and {} are not the same", first.term, second.term);
            return self.found(
                facts,
                a.words.start..span.end.max(b.words.end),
                facts.then_truth(&lead),
            );
        }
        None
    }

    fn lower(&self, i: usize) -> &str {
        self.words.get(i).map_or("", |w| &w.lower)
    }

    /// The parts of the clause as word ranges.
    fn parts(&self) -> Vec<Part> {
        let mut res: Vec<Part> = Vec::new();
        for (i, w) in self.words.iter().enumerate() {
            match res.last_mut() {
                Some(last) if self.words[last.start].part == w.part => last.end = i + 1,
                _ => res.push(i..i + 1),
            }
        }
        res
    }

    /// "We treat etcd as AP", "we run Cassandra as a CP store": the concept is the object
    /// of a verb of taking it for something, and what follows "as" is said of it.
    fn taken_as(&self, s: &Subject, span: &Range<usize>) -> bool {
        const TAKING: &[&str] = &[
            "treat",
            "treats",
            "treated",
            "consider",
            "considers",
            "considered",
            "classify",
            "classifies",
            "classified",
            "label",
            "labels",
            "labelled",
            "labeled",
            "regard",
            "regards",
            "regarded",
            "count",
            "counts",
            "counted",
            "run",
            "runs",
            "deploy",
            "deploys",
            "deployed",
            "configure",
            "configures",
            "configured",
            "design",
            "designs",
            "designed",
            "build",
            "builds",
            "built",
            "use",
            "uses",
            "used",
            "describe",
            "describes",
            "described",
            "define",
            "defines",
            "defined",
            "publish",
            "publishes",
            "published",
            "document",
            "documents",
            "documented",
        ];
        let own = &self.mentions[s.mention].words;
        let verb = self.back_over(own.start, 0, DETERMINERS);
        verb > 0
            && TAKING.contains(&self.lower(verb - 1))
            && s.after == own.end
            && self.lower(own.end) == "as"
            && (own.end + 1..span.start).all(|i| DETERMINERS.contains(&self.lower(i)))
    }

    /// In a relative clause set off by a comma (", which we picked for telemetry,"), the
    /// word after its closing comma, when the main sentence resumes there: no other
    /// concept in the aside, and not a conjunction or another clause after the comma.
    fn resumes_after_aside(&self, part: &Part) -> Option<usize> {
        if !matches!(self.lower(part.start), "which" | "who")
            || !self.gap_text(part.start).contains(',')
        {
            return None;
        }
        let close = (part.start + 2..part.end.min(part.start + 12))
            .find(|&i| self.gap_text(i).contains([',', ';', ':', '(', ')']))?;
        // (A comma before "but", "so", "which", "because" and the like already ends the
        // part: `claims::block_clauses`.)
        let opens_clause = matches!(
            self.lower(close),
            "and"
                | "or"
                | "that"
                | "who"
                | "if"
                | "when"
                | "we"
                | "it"
                | "they"
                | "i"
                | "you"
                | "then"
        );
        let other = self
            .mentions
            .iter()
            .any(|m| part.start < m.words.start && m.words.start < close);
        (self.gap_text(close).trim() == "," && !opens_clause && !other).then_some(close)
    }

    /// "A signature of the encrypted body", "the benefits of a NoSQL approach": after
    /// "of", a property followed by its noun describes that noun, not the concept. "A kind
    /// of connectionless transport" still says it of the concept.
    fn describes_an_object(&self, span: &Range<usize>, part: &Part) -> bool {
        const NOT_A_NOUN: &[&str] = &[
            "and", "or", "but", "to", "for", "by", "with", "than", "as", "in", "on", "at", "is",
            "are", "was", "were", "be", "that", "which", "when", "if", "because", "so", "of",
        ];
        const KINDS: &[&str] = &[
            "kind", "kinds", "type", "types", "form", "forms", "sort", "class", "variant",
            "example", "instance", "flavor", "flavour",
        ];
        let of = self.back_over(span.start, part.start, DETERMINERS);
        of > part.start
            && self.lower(of - 1) == "of"
            && !KINDS.contains(&self.lower(of.saturating_sub(2)))
            && span.end < part.end
            && self.words[span.end].joined
            && !self.words[span.end].cell
            && self.words[span.end]
                .lower
                .chars()
                .all(|c| c.is_alphabetic() || c == '-')
            && !NOT_A_NOUN.contains(&self.lower(span.end))
    }

    /// "Services that use UDP are responsible for retransmission": the concept is the
    /// object of a relative clause (a verb between "that" and the concept), so what follows
    /// the clause is said of its antecedent. "Messages that UDP carries are ...", with the
    /// concept the clause's subject, still speaks of the concept; so does "says that the
    /// Dockerfile runs ...", where "that" opens what is said.
    fn object_of_relative(&self, s: &Subject) -> bool {
        let m = &self.mentions[s.mention];
        let Some(rel) = (m.words.start.saturating_sub(3)..m.words.start.saturating_sub(1))
            .rev()
            .find(|&i| matches!(self.lower(i), "that" | "which" | "who"))
        else {
            return false;
        };
        rel > 0
            && !self.gap_text(rel).contains([',', ';', ':'])
            && (rel + 1..m.words.start).all(|i| {
                !self.gap_text(i).contains([',', ';', ':'])
                    && !DETERMINERS.contains(&self.lower(i))
                    && !matches!(self.lower(i), "this" | "these" | "those")
            })
    }

    /// "Datagrams that UDP drops on a congested link are retransmitted": the concept is
    /// the subject of a relative clause on the part's first noun, and what follows the
    /// clause (from its "is" or "are") is said of the concept's datagrams, so of it.
    fn subject_of_relative(&self, part: &Part) -> Option<Subject> {
        let rel = (part.start + 1..(part.start + 3).min(part.end))
            .find(|&i| matches!(self.lower(i), "that" | "which"))?;
        if (part.start + 1..=rel).any(|i| self.gap_text(i).contains([',', ';', ':', '(']))
            || self.mention_in(part.start..rel, usize::MAX)
        {
            return None;
        }
        let first =
            (rel + 1..(rel + 3).min(part.end)).find(|&i| !DETERMINERS.contains(&self.lower(i)))?;
        let mi = self.mention_at(first)?;
        let m = &self.mentions[mi];
        m.facts?;
        let copula = (m.words.end..(m.words.end + 8).min(part.end))
            .find(|&i| matches!(self.lower(i), "is" | "are" | "was" | "were"))?;
        if (m.words.end..=copula).any(|i| self.gap_text(i).contains([',', ';', ':', '(']))
            || self.mention_in(m.words.end..copula, mi)
        {
            return None;
        }
        Some(Subject {
            mention: mi,
            start: part.start,
            after: copula,
            intro: false,
        })
    }

    /// Whether word `i` numbers an item of a list: "(3)", "3)", "(c)".
    /// (Figures are no words, so the number may be in the gap before word `i`.)
    fn enumerator(&self, i: usize) -> bool {
        let w = self.lower(i);
        // Not "O(1)": the parenthesis opens after a space or a comma.
        let numbered = |gap: &str| {
            gap.match_indices('(').any(|(at, _)| {
                at > 0
                    && gap[..at].ends_with([' ', ',', ';'])
                    && gap[at + 1..].split_once(')').is_some_and(|(n, _)| {
                        (1..=3).contains(&n.len()) && n.chars().all(|c| c.is_ascii_alphanumeric())
                    })
            })
        };
        numbered(self.gap_text(i))
            || (w.len() == 1
                && (self.gap_text(i).ends_with(" (") || (i == 0 && self.gap_text(i).is_empty()))
                && self.gap_text(i + 1).starts_with(')'))
    }

    /// Whether word `i` starts with a capital letter ("Resolver", "URL").
    fn capitalized(&self, i: usize) -> bool {
        self.text
            .get(self.words[i].range.clone())
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
    }

    /// The first of the words before `i`, down to `floor`, that are all in `words`
    /// ("the", "our", ...): `i` itself when the word before it is not one of them.
    fn back_over(&self, mut i: usize, floor: usize, words: &[&str]) -> usize {
        while i > floor && words.contains(&self.lower(i - 1)) {
            i -= 1;
        }
        i
    }

    fn mention_at(&self, word: usize) -> Option<usize> {
        let i = self.mentions.partition_point(|m| m.words.start < word);
        (self.mentions.get(i)?.words.start == word).then_some(i)
    }

    /// True when a concept with facts, other than `except`, starts in `range` (a word
    /// such as "cache" in "keeps the cache fresh" is no other subject).
    fn mention_in(&self, range: Range<usize>, except: usize) -> bool {
        let first = self
            .mentions
            .partition_point(|m| m.words.start < range.start);
        self.mentions[first..]
            .iter()
            .enumerate()
            .take_while(|(_, m)| m.words.start < range.end)
            .any(|(i, m)| first + i != except && self.takes_claims(m))
    }

    /// Whether a mention can take a claim from another subject: a concept with facts, not
    /// a bare head word ("replicas") and not a verb ("lets us fail over").
    fn takes_claims(&self, m: &Mention) -> bool {
        m.facts.is_some() && !self.bare_head(m) && !self.used_as_verb(m)
    }

    /// "A cold site lets us fail over within seconds": a concept's name after "us", "to"
    /// or a modal is a verb, no concept that could take the claim.
    fn used_as_verb(&self, m: &Mention) -> bool {
        m.words.start > 0
            && matches!(
                self.lower(m.words.start - 1),
                "us" | "to"
                    | "we"
                    | "can"
                    | "cannot"
                    | "could"
                    | "will"
                    | "would"
                    | "must"
                    | "should"
            )
            && !self.capitalized(m.words.start)
    }

    /// "Indexes were added, but it still caused slow queries": "it" at the start of a part
    /// does not stand for a plural concept named before the part.
    fn pronoun_disagrees(&self, s: &Subject, part: &Part) -> bool {
        let m = &self.mentions[s.mention];
        let it = |i: usize| part.contains(&i) && matches!(self.lower(i), "it" | "its");
        m.words.start < part.start && (it(part.start) || it(part.start + 1)) && self.plural(m)
    }

    /// Whether a mention is written in the plural: its last word loses an "s" when the
    /// knowledge base folds it ("indexes", "SLOs"; not "Redis" or "class"), and the
    /// mention is not a name as the entry spells it ("Postgres").
    fn plural(&self, m: &Mention) -> bool {
        let Some(last) = m.words.end.checked_sub(1).and_then(|i| self.words.get(i)) else {
            return false;
        };
        let mut folded = String::new();
        knowledge::normalize::fold_word(&last.raw, &mut folded);
        if !last.lower.ends_with('s') || folded.ends_with('s') {
            return false;
        }
        let surface = m
            .words
            .clone()
            .map(|i| self.lower(i))
            .collect::<Vec<_>>()
            .join(" ");
        !m.ids.iter().filter_map(|id| self.kb.by_id(id)).any(|e| {
            std::iter::once(&e.term)
                .chain(&e.aliases)
                .any(|n| n.to_lowercase().replace('-', " ") == surface)
        })
    }

    /// A mention that is only head words ("replicas", "nodes") names parts of whatever
    /// the sentence is about as often as a concept of its own: it does not take a claim
    /// away from the subject ("strong consistency lets replicas serve stale data").
    fn bare_head(&self, m: &Mention) -> bool {
        m.words.clone().all(|i| self.book.is_head(self.lower(i)))
    }

    /// The subjects of part `p`: its first mention and those joined to it; for a
    /// relative clause ("..., which ..."), the last concept before it; for a part with no
    /// mention of its own that continues the previous one ("... but slows writes"), the
    /// previous part's subjects. "In active-passive failover, ..." makes the concept the
    /// subject of what follows the comma.
    fn subjects(&self, parts: &[Part], p: usize) -> Vec<Subject> {
        let part = &parts[p];
        let opener = self.lower(part.start);
        if p > 0 && matches!(opener, "which" | "that" | "who") {
            let prev = &parts[p - 1];
            let last = self
                .mentions
                .iter()
                .rposition(|m| prev.contains(&m.words.start));
            // The relative pronoun is about the noun right before it: the concept only
            // when nothing but its heads follow it ("UDP packets, which ..."), not in
            // "JSON-like documents as BSON, which ...".
            let adjacent = last.is_some_and(|l| {
                (self.mentions[l].words.end..prev.end).all(|i| self.book.is_head(self.lower(i)))
            });
            if let Some(last) = last.filter(|_| adjacent || opener != "which") {
                let mut res = vec![Subject {
                    mention: last,
                    start: self.mentions[last].words.start,
                    after: part.start,
                    intro: false,
                }];
                // "UDP, which we picked for telemetry, guarantees ordering": after an aside
                // between commas, the sentence goes on about the concept.
                if let Some(resumes) = self.resumes_after_aside(part) {
                    res.push(Subject {
                        mention: last,
                        start: self.mentions[last].words.start,
                        after: resumes,
                        intro: false,
                    });
                }
                // ", which makes writes fast" after a statement about write-through is
                // about write-through (the whole statement), unless its last concept has
                // facts of its own.
                if opener == "which"
                    && self.mentions[last].facts.is_none()
                    && STATEMENT_VERBS.contains(&self.lower(part.start + 1))
                {
                    res.extend(
                        self.subjects(parts, p - 1)
                            .into_iter()
                            .filter(|s| s.mention != last)
                            .map(|s| Subject {
                                after: part.start,
                                intro: false,
                                ..s
                            }),
                    );
                }
                return res;
            }
            if opener == "which" && last.is_some() {
                // About some other noun; a statement-level ", which makes ..." or ", which
                // slows ..." is about the statement's subject.
                let statement = STATEMENT_VERBS.contains(&self.lower(part.start + 1));
                if !statement {
                    return Vec::new();
                }
                return self
                    .subjects(parts, p - 1)
                    .into_iter()
                    .map(|s| Subject {
                        after: part.start,
                        intro: false,
                        ..s
                    })
                    .collect();
            }
        }
        // "We chose a cold site because it ...": "it" stands for the concept that ends
        // the previous part, and only for that one.
        if p > 0
            && matches!(
                opener,
                "because" | "since" | "so" | "as" | "and" | "but" | "while" | "whereas"
            )
            && matches!(self.lower(part.start + 1), "it" | "they")
        {
            let prev = &parts[p - 1];
            let last = self
                .mentions
                .iter()
                .rposition(|m| prev.contains(&m.words.start));
            // When a concept opens the previous part, "it" is that subject, as below.
            let opens = self
                .mentions
                .iter()
                .find(|m| prev.contains(&m.words.start))
                .is_some_and(|m| {
                    (prev.start..m.words.start)
                        .all(|i| matches!(self.lower(i), "the" | "a" | "an" | "our" | "this"))
                });
            // Otherwise "it" may be the concept the previous part ends on, or its subject.
            if !opens {
                let mut subjects = self.continuation(parts, p);
                let ending = last
                    .filter(|&l| self.mentions[l].words.end + 1 >= prev.end)
                    .filter(|&l| subjects.iter().all(|s| s.mention != l));
                subjects.extend(ending.map(|l| Subject {
                    mention: l,
                    start: self.mentions[l].words.start,
                    after: part.start + 2,
                    intro: false,
                }));
                return subjects;
            }
        }
        // A concept inside a condition is not the part's subject: "because there is no
        // risk of data loss if the cache node dies". After the comma that closes it, the
        // main clause speaks: "When the cache node crashes, write-behind loses nothing".
        let in_condition = |m: &Mention| {
            (part.start..m.words.start).any(|i| {
                matches!(self.lower(i), "if" | "when" | "whenever" | "unless")
                    && !(i + 1..=m.words.start).any(|j| self.gap_text(j).contains(','))
            }) && !(p == 0
                && (self.scene(m.words.start, m.words.end).is_some()
                    || self.state_scene(m.words.start, m.words.end)))
        };
        let first = self
            .mentions
            .iter()
            .position(|m| part.contains(&m.words.start) && !in_condition(m));
        // "Unlike UDP, TCP ...": the contrast is about UDP; the subject follows the comma.
        let first = first.map(|f| {
            if !CONTRASTS.contains(&opener) {
                return f;
            }
            let after_comma = (self.mentions[f].words.end..part.end)
                .find(|&i| self.gap_text(i).contains(','))
                .and_then(|c| {
                    self.mentions.iter().position(|m| {
                        m.words.start >= c
                            && m.words.start <= c + 2
                            && part.contains(&m.words.start)
                    })
                });
            after_comma.unwrap_or(f)
        });
        let Some(first) = first else {
            if p > 0
                && matches!(
                    opener,
                    "but"
                        | "and"
                        | "yet"
                        | "while"
                        | "whereas"
                        | "so"
                        | "thus"
                        | "hence"
                        | "therefore"
                        | "because"
                        | "since"
                        | "meaning"
                )
                && !(matches!(opener, "while" | "whereas") && self.own_subject(part))
                && !self.action_subject(part.start + 1..part.end)
            {
                return self.continuation(parts, p);
            }
            return Vec::new();
        };
        let mut res = vec![first];
        let mut end = self.mentions[first].words.end;
        let start = self.mentions[first].words.start;
        // "GET, PUT and POST": mentions joined by "and", "or" and commas; not the comma
        // that closes an "In X," intro ("In an LSM tree, compaction ...").
        let opens_intro = p == 0 && matches!(self.lower(0), "in" | "with" | "under" | "using");
        while let Some(next) = self.mention_after_join(end, part) {
            if opens_intro && start <= 5 && self.gap_text(end).contains(',') {
                break;
            }
            res.push(next);
            end = self.mentions[next].words.end;
        }
        // "In our active-passive setup, both nodes ...".
        let intro = p == 0
            && start > 0
            && start <= 5
            && (1..start).all(|i| {
                matches!(
                    self.lower(i),
                    "a" | "an"
                        | "the"
                        | "our"
                        | "this"
                        | "its"
                        | "minute"
                        | "hour"
                        | "second"
                        | "day"
                ) || self.lower(i).chars().all(|c| c.is_ascii_digit())
            })
            && matches!(
                self.lower(0),
                "in" | "with" | "under" | "using" | "for" | "during"
            );
        // "When UDP is used, packets ...": the scene the rest of the sentence is set in.
        let intro = intro || (p == 0 && self.scene(start, end).is_some());
        let comma = (end..(end + 3).min(part.end)).find(|&i| self.gap_text(i).contains(','));
        let (mut after, intro) = match (intro, comma) {
            // "When the circuit breaker is open, calls still go through": the state is
            // part of what is said of the concept.
            _ if p == 0 && self.state_scene(start, end) => (end, true),
            (true, Some(c)) => (c, true),
            (true, None) => (end, true),
            _ => (end, false),
        };
        // "Redis as a message broker guarantees ...": the role the subject plays is no
        // concept of its own between it and the claim.
        if !intro && self.lower(after) == "as" && !self.gap_text(after).contains(',') {
            let mut k = after + 1;
            while matches!(self.lower(k), "a" | "an" | "the" | "our" | "its") {
                k += 1;
            }
            if let Some(role) = self
                .mention_at(k)
                .filter(|&r| part.contains(&k) && r != first)
            {
                after = self.mentions[role].words.end;
            }
        }
        // "POST requests, like PUT, are idempotent": a likeness set off by commas is an
        // aside; what follows it is said of the subject.
        if !intro {
            let mut k = end;
            while k < part.end && k < end + 2 && self.book.is_head(self.lower(k)) {
                k += 1;
            }
            if self.gap_text(k).contains(',')
                && self.lower(k) == "like"
                && let Some(close) = (k + 2..(k + 6).min(part.end))
                    .find(|&i| self.gap_text(i).contains(','))
                    .filter(|&c| self.mention_in(k + 1..c, usize::MAX))
            {
                after = close;
            }
        }
        // "The NLB, a layer 4 balancer, routes ...", "The NLB (layer 4) routes ...": a
        // description set off by commas or a parenthesis right after the subject is an
        // aside, and what follows it is said of the subject too (the aside itself may say
        // something of it: "UDP, a reliable transport, ...").
        let aside = if intro || after != end {
            None
        } else if self.gap_text(end).contains(',')
            && matches!(self.lower(end), "a" | "an" | "the" | "our" | "its")
        {
            (end + 2..(end + 7).min(part.end))
                .find(|&i| self.gap_text(i).contains([',', ';', ':', '(', ')']))
                .filter(|&c| self.gap_text(c).contains(','))
        } else if self.gap_text(end).contains('(') && !self.gap_text(end).contains(')') {
            (end + 1..(end + 6).min(part.end))
                .find(|&i| self.gap_text(i).contains([')', ',', ';', ':']))
                .filter(|&c| self.gap_text(c).contains(')'))
        } else {
            None
        };
        let mut subjects: Vec<Subject> = res
            .iter()
            .map(|&m| Subject {
                mention: m,
                start,
                after,
                intro,
            })
            .collect();
        // "Master-slave replicas take writes": a compound whose second half is only head
        // words names the first concept's parts, and a claim that starts with them ("replicas
        // take writes") is said of the first concept too.
        if !intro {
            for pair in res.windows(2) {
                let (a, b) = (&self.mentions[pair[0]], &self.mentions[pair[1]]);
                if a.words.end == b.words.start
                    && self.gap_text(b.words.start).trim().is_empty()
                    && a.facts.is_some()
                    && self.bare_head(b)
                {
                    subjects.push(Subject {
                        mention: pair[0],
                        start,
                        after: b.words.start,
                        intro,
                    });
                }
            }
        }
        if let Some(close) = aside {
            subjects.extend(res.iter().map(|&m| Subject {
                mention: m,
                start,
                after: close,
                intro,
            }));
        }
        // "In an LSM tree, compaction speeds up reads": the concept that opens the
        // statement after the intro's comma is its subject, not the intro's concept.
        if intro && let Some(c) = comma {
            let mut k = c;
            while k < part.end && matches!(self.lower(k), "the" | "a" | "an" | "each" | "every") {
                k += 1;
            }
            if let Some(i) = self.mention_at(k)
                && self.mentions[i].facts.is_some()
                && !self.bare_head(&self.mentions[i])
                && subjects.iter().all(|s| s.mention != i)
            {
                subjects.retain(|s| !s.intro);
                subjects.push(Subject {
                    mention: i,
                    start: k,
                    after: self.mentions[i].words.end,
                    intro: false,
                });
            }
        }
        // "Retries are safe: POST is idempotent": a concept right after a colon starts a
        // statement of its own; "relies on UDP's congestion control" says what UDP has,
        // unless a removal word comes first ("works around the lack of UDP's ...").
        let removal = (part.start..part.end)
            .find(|&w| self.book.removal.contains(self.lower(w)))
            .unwrap_or(part.end);
        for (i, m) in self.mentions.iter().enumerate() {
            if part.contains(&m.words.start)
                && m.words.start > end
                && m.facts.is_some()
                && (self.gap_text(m.words.start).contains(':')
                    || (m.possessive && m.words.start < removal))
            {
                subjects.push(Subject {
                    mention: i,
                    start: m.words.start,
                    after: m.words.end,
                    intro: false,
                });
            }
        }
        subjects
    }

    /// "... while databases are stateful": a part whose opener is followed by a noun
    /// phrase of its own and a verb says something of that noun, not of the previous
    /// part's subject ("while slowing writes", "while it retransmits" do not).
    fn own_subject(&self, part: &Part) -> bool {
        let first = part.start + 1;
        !matches!(self.lower(first), "it" | "they" | "its" | "their" | "")
            && !self.is_link(self.lower(first))
            && (first + 1..(first + 4).min(part.end)).any(|i| AUXILIARIES.contains(&self.lower(i)))
    }

    /// "Wide column stores like Cassandra keep ...", "a document store such as MongoDB
    /// requires ...": an example named right after the subject is an aside, and what
    /// follows it is said of the subject (and the example). Returns where that begins.
    fn past_example(&self, after: usize, part: &Part) -> usize {
        let opens = match (self.lower(after), self.lower(after + 1)) {
            ("like", _) => 1,
            ("such", "as") => 2,
            _ => return after,
        };
        if self.gap_text(after).contains([',', '(', ';', ':']) {
            return after;
        }
        let mut i = after + opens;
        while matches!(self.lower(i), "the" | "a" | "an") {
            i += 1;
        }
        match self.mention_at(i) {
            Some(m) if self.mentions[m].words.end < part.end => self.mentions[m].words.end,
            _ => after,
        }
    }

    /// The previous part's subjects, for a part that goes on about them ("... but slows
    /// writes").
    fn continuation(&self, parts: &[Part], p: usize) -> Vec<Subject> {
        let part = &parts[p];
        self.subjects(parts, p - 1)
            .into_iter()
            .map(|s| Subject {
                after: part.start + 1,
                intro: false,
                ..s
            })
            .collect()
    }

    fn mention_after_join(&self, end: usize, part: &Part) -> Option<usize> {
        let mut i = end;
        while i < part.end && matches!(self.lower(i), "and" | "or" | "both" | "nor") {
            i += 1;
        }
        if i == end {
            // A comma or slash alone joins too: "GET, PUT"; and a compound of two
            // concepts names the second: "the DNS TTL", "a Postgres read replica".
            let gap = self.gap_text(end);
            if !gap.contains([',', '/', '&']) && gap.trim() != "" {
                return None;
            }
            // "At-most-once delivery retries a message": a concept name followed by its
            // object is a verb, not the second half of a compound.
            let m = self.mention_at(i)?;
            let next = self.lower(self.mentions[m].words.end);
            // "UDP backs off": a name that ends in a particle is a verb phrase.
            let last = self.lower(self.mentions[m].words.end - 1);
            // "Exponential backoff retries after a fixed delay", "the CDN caches at the
            // edge": a one-word name in the third person before a preposition is a verb.
            let verb_then_preposition = self.mentions[m].words.len() == 1
                && last.len() > 3
                && last.ends_with('s')
                && !last.ends_with("ss")
                && matches!(
                    next,
                    "after" | "at" | "until" | "on" | "with" | "before" | "every" | "forever"
                );
            if gap.trim() == ""
                && (matches!(
                    next,
                    "a" | "an" | "the" | "each" | "every" | "all" | "it" | "them" | "its" | "their"
                ) || verb_then_preposition
                    || (self.mentions[m].words.len() > 1
                        && matches!(last, "off" | "up" | "out" | "down" | "over")))
            {
                return None;
            }
        }
        let m = self.mention_at(i)?;
        part.contains(&i).then_some(m)
    }

    /// The text between word `i - 1` and word `i`; a cell boundary in a table row read
    /// with its column heading.
    fn gap_text(&self, i: usize) -> &str {
        if self.words.get(i).is_some_and(|w| w.cell) {
            return " | ";
        }
        gap_before(self.text, self.words, i)
    }

    fn is_link(&self, w: &str) -> bool {
        self.book.assert.contains(w)
    }

    fn is_filler(&self, w: &str) -> bool {
        FILLERS.contains(&w)
            || self.book.is_head(w)
            || matches!(
                w,
                "which"
                    | "that"
                    | "who"
                    | "usually"
                    | "only"
                    | "typically"
                    | "generally"
                    | "normally"
                    | "natively"
                    | "automatically"
                    | "by"
                    | "default"
                    | "itself"
                    | "s"
                    | "such"
                    | "already"
                    | "therefore"
                    | "thus"
                    | "hence"
                    | "every"
                    | "each"
                    | "any"
            )
    }

    /// True when the words `gap` between a subject and what is said of it may join them:
    /// at most six words, all linking words, fillers or heads, no other concept; and, for
    /// a form that does not link by itself, at least one linking word.
    fn links(&self, gap: Range<usize>, subject: usize, needs_link: bool) -> bool {
        // "(2) drift detection is eventually consistent, (3) restarts ensure fresh data":
        // the next item of a numbered list says nothing of this one.
        if self.mention_in(gap.clone(), subject) || gap.clone().any(|i| self.enumerator(i)) {
            return false;
        }
        // "Replace JWTs with opaque tokens", "swap X for Y": what follows the preposition
        // is the other thing.
        if self.replaced(subject)
            && gap
                .clone()
                .any(|i| matches!(self.lower(i), "with" | "for" | "by" | "to"))
        {
            return false;
        }
        // "Write-through keeps the cache from going stale", "stops readers from seeing
        // old data": what a verb keeps from happening is denied, not claimed.
        if gap.clone().any(|i| self.lower(i) == "from")
            && gap.clone().any(|i| {
                let w = self.lower(i);
                ["keep", "stop", "prevent", "protect", "guard", "shield"]
                    .iter()
                    .any(|v| w.starts_with(v))
            })
        {
            return false;
        }
        // "Write-through writes to the cache first and updates the database later": a
        // verb phrase coordinated with the subject's first one.
        if !needs_link
            && gap.len() >= 3
            && gap.len() <= 9
            && matches!(self.lower(gap.end - 1), "and" | "then")
            && !self.gap_text(gap.end - 1).contains([',', ';', ':'])
            && !self.words[gap.start..gap.end - 1].iter().any(|w| {
                matches!(
                    &*w.lower,
                    "but"
                        | "while"
                        | "whereas"
                        | "although"
                        | "when"
                        | "if"
                        | "because"
                        | "since"
                        | "so"
                )
            })
        {
            return true;
        }
        // Verbs link across a longer run of fillers: "means that every node in the
        // cluster sees ...".
        if gap.len() > if needs_link { 6 } else { 8 } {
            return false;
        }
        // "- 2PC: non-blocking", "| UDP | ordered |": a colon or a cell boundary right
        // after the subject says what it is.
        let mut linked = !needs_link
            || (gap.start < self.words.len() && self.gap_text(gap.start).contains([':', '|']));
        let mut other = 0;
        let gap_end = gap.end;
        for i in gap {
            let w = self.lower(i);
            if LINK_BREAKS.contains(&w) {
                return false;
            }
            // "will be added to execute read-only queries": what follows a purpose's
            // verb is said of what it acts on.
            if w == "to"
                && needs_link
                && i + 1 < gap_end
                && !self.is_link(self.lower(i + 1))
                && self.lower(i + 1) != "be"
            {
                return false;
            }
            // "built in", "comes in", "relies on" link; "etcd in a single-node cluster"
            // and "backups on durable storage" place the concept and say nothing of it.
            if self.is_link(w) && (linked || !matches!(w, "in" | "on")) {
                linked = true;
            } else if !self.is_filler(w) {
                // Words of their own only after the linking word.
                if !linked || !needs_link {
                    return false;
                }
                other += 1;
            }
        }
        linked && (other == 0 || (needs_link && other <= 2))
    }

    /// True when a verb of replacing or comparing governs mention `m`: "replace the
    /// JWTs", "compare UDP".
    fn replaced(&self, m: usize) -> bool {
        let mut i = self.mentions[m].words.start;
        while i > 0
            && matches!(
                self.lower(i - 1),
                "the"
                    | "a"
                    | "an"
                    | "our"
                    | "all"
                    | "its"
                    | "their"
                    | "existing"
                    | "current"
                    | "old"
                    | "previous"
                    | "legacy"
            )
        {
            i -= 1;
        }
        i > 0 && is_replacing(self.lower(i - 1))
    }

    /// A match of `pattern` that starts in `starts` and ends within the part.
    fn find(
        &self,
        pattern: &Pattern,
        starts: Range<usize>,
        part: &Part,
    ) -> Option<(Range<usize>, Vec<usize>)> {
        if !pattern.may_match(self.clause) {
            return None;
        }
        let words = &self.words[..part.end];
        let end = starts.end.min(part.end);
        let mut from = starts.start;
        // A match glued by a hyphen to the word before it is part of a compound that
        // means something else: "crash-safe", "non-idempotent".
        loop {
            let (span, matched) = pattern.find_words_in(words, from..end)?;
            if span.start > 0 && self.gap_text(span.start) == "-" {
                from = span.start + 1;
                continue;
            }
            return Some((span, matched));
        }
    }

    /// True when the claim in `span` is withdrawn: a hedge or contrast anywhere in its
    /// part, or a plain negation ("not", "never", "rather") before its end. What follows a
    /// claim does not undo it: "built on UDP rather than TCP". Words the patterns matched
    /// do not count, nor do the words of a concept's name ("fail fast", "skip list").
    fn negated(&self, span: Range<usize>, matched: &[usize]) -> bool {
        if self.clause.question {
            return true;
        }
        let (Some(first), Some(last)) = (
            self.words.get(span.start),
            span.end.checked_sub(1).and_then(|e| self.words.get(e)),
        ) else {
            return true;
        };
        let parts = first.part..=last.part;
        self.words.iter().enumerate().any(|(i, w)| {
            parts.contains(&w.part)
                && !matched.contains(&i)
                // Before the claim's end any negation counts; after it, a hedge ("only"
                // hedges only before a condition, see `Clause::negates`) or a case.
                && if i < span.end {
                    self.clause.negates(i)
                } else {
                    ((HEDGES.contains(&&*w.lower) && self.clause.negates(i))
                        || self.condition_after(i))
                        && !self.relative(span.end..i)
                        // "A canary release sends all traffic at once and rolls back if
                        // errors appear": a condition in a verb phrase joined after the
                        // claim scopes that phrase.
                        && !(span.end..i).any(|k| {
                            self.lower(k) == "and"
                                && self.lower(k + 1).ends_with('s')
                                && !self.book.is_head(self.lower(k + 1))
                        })
                        // "UDP retransmits lost packets, unlike TCP": a contrast with
                        // another concept after the claim leaves the claim whole.
                        && !(&*w.lower == "unlike"
                            && (i + 1..(i + 3).min(self.words.len()))
                                .any(|j| self.mention_at(j).is_some()))
                        // "... makes writes faster compared to write-behind": the same
                        // for a trailing comparison with another concept.
                        && !(&*w.lower == "compared"
                            && matches!(self.lower(i + 1), "to" | "with")
                            && (i + 2..(i + 5).min(self.words.len()))
                                .any(|j| self.mention_at(j).is_some()))
                }
                && !self.mentions.iter().any(|m| m.words.contains(&i))
                && !self.contrast_opener(i, span.start)
        })
    }

    /// "processed exactly once when it uses a persistent index": "when" with a choice of
    /// setup after it makes what comes before it a case, not a rule. ("Retransmitted when
    /// they are lost", "evicts when the cache is full" say when the rule applies.)
    fn condition_after(&self, i: usize) -> bool {
        matches!(self.lower(i), "when" | "whenever")
            && matches!(self.lower(i + 1), "it" | "they" | "we" | "you")
            && matches!(
                self.lower(i + 2),
                "use" | "uses" | "enable" | "enables" | "opt" | "opts" | "configure" | "configures"
            )
    }

    /// True when a relative pronoun in `between` starts a clause of its own, so that a
    /// condition after it is that clause's: "the contract with customers that specifies
    /// refunds if uptime falls".
    fn relative(&self, between: Range<usize>) -> bool {
        between
            .into_iter()
            .any(|j| matches!(self.lower(j), "that" | "which" | "who" | "whose"))
    }

    /// "Unlike UDP, TCP ...": a contrast word before `start` with a comma between them
    /// contrasts what it names, not what follows the comma; nor does the "When" or "If" of
    /// a scene (`scene`): "When UDP is used, ...".
    fn contrast_opener(&self, i: usize, start: usize) -> bool {
        i < start
            && ((CONTRASTS.contains(&self.lower(i))
                && (i + 1..=start).any(|j| self.gap_text(j).contains(',')))
                || (i == 0
                    && self
                        .mentions
                        .iter()
                        .any(|m| self.scene(m.words.start, m.words.end).is_some())))
    }

    /// "When the circuit breaker is open,", "Once the breaker is tripped,": a clause that
    /// opens with "when", "whenever" or "once", names the concept at `start..end` after at
    /// most a determiner, and gives it one word of state before a comma.
    fn state_scene(&self, start: usize, end: usize) -> bool {
        matches!(self.lower(0), "when" | "whenever" | "once")
            && self.back_over(start, 1, &["a", "an", "the", "our"]) == 1
            && matches!(self.lower(end), "is" | "are" | "gets" | "goes" | "becomes")
            && self.lower(end + 1).chars().all(|c| c.is_ascii_alphabetic())
            && end + 2 < self.words.len()
            && self.gap_text(end + 2).contains(',')
            && self.scene(start, end).is_none()
    }

    /// "When UDP is used,", "If write-through is enabled,", "Once etcd is partitioned,":
    /// a clause that opens with "when", "if" or "once", names the concept at `start..end`
    /// after at most a determiner, says it is in use (or partitioned) and closes with a
    /// comma sets the scene for what follows; it hedges nothing. The index of the comma's
    /// next word.
    fn scene(&self, start: usize, end: usize) -> Option<usize> {
        if !matches!(self.lower(0), "when" | "whenever" | "if" | "once")
            || self.back_over(start, 1, &["a", "an", "the", "our"]) != 1
        {
            return None;
        }
        let mut i = end;
        if !matches!(self.lower(i), "is" | "are" | "gets" | "get") {
            return None;
        }
        i += 1;
        if !matches!(
            self.lower(i),
            "used"
                | "enabled"
                | "chosen"
                | "selected"
                | "deployed"
                | "configured"
                | "adopted"
                | "partitioned"
                | "split"
                | "in"
                | "on"
        ) {
            return None;
        }
        if matches!(self.lower(i), "in" | "on") {
            i += 1;
            if !matches!(self.lower(i), "use" | "place" | "effect") {
                return None;
            }
        }
        i += 1;
        (i < self.words.len() && self.gap_text(i).contains(',')).then_some(i)
    }

    /// "The OAuth server authenticates users", "the authorization-server flow signs users
    /// in": a program named after the concept, or a variant of it ("a customized version
    /// of OAuth 2.0"), may do more than the concept defines, so neither the concept's
    /// missing properties nor its neighbour's marks apply to it.
    fn names_a_program(&self, mention: usize) -> bool {
        let m = &self.mentions[mention];
        let start = m.words.start;
        let of = self.back_over(start, 0, DETERMINERS);
        let next = self.lower(m.words.end);
        // "ZooKeeper servers" are ZooKeeper; "a ZooKeeper client" is another program.
        let itself = m.facts.is_some_and(|f| f.program)
            && matches!(
                next,
                "server" | "servers" | "daemon" | "daemons" | "node" | "nodes"
            );
        (COMPONENTS.contains(&next) && !itself)
            // "a customized version of OAuth 2.0", "a fork of Redis".
            || (of >= 2 && self.lower(of - 1) == "of" && VARIANTS.contains(&self.lower(of - 2)))
    }

    /// "UDP guarantees ordering": a property the subject may not have, linked to it.
    fn property(&self, s: &Subject, part: &Part, facts: &EntryFacts) -> Option<FactFinding> {
        if self.names_a_program(s.mention) {
            return None;
        }
        for (prop, pattern, needs_link) in self.book.forms_of(&facts.wrong) {
            let reach = if s.intro { 10 } else { 12 };
            let Some((span, matched)) = self.find(pattern, s.after..s.after + reach, part) else {
                continue;
            };
            // "for NoSQL features", "SQL-style extensions": the property names a kind of
            // something else, which the concept may well have.
            // ("NoSQL support features": one noun may come between).
            if needs_link
                && (span.end..(span.end + 2).min(part.end)).any(|i| {
                    KINDS_OF.contains(&self.lower(i))
                        && (span.end..=i).all(|j| self.words[j].joined && !self.words[j].cell)
                })
            {
                continue;
            }
            if needs_link && self.describes_an_object(&span, part) {
                continue;
            }
            // "synchronous (sync), asynchronous (async), one-way": a list of options
            // that names the property's opposite as well claims neither.
            if self.lists_opposite(prop, &span, s.after, part) {
                continue;
            }
            // "GET the updated object data": a participle after an article is an
            // adjective of what follows, not the verb of a claim.
            if !needs_link
                && span.start > 0
                && matches!(self.lower(span.start - 1), "the" | "a" | "an")
                && self.lower(span.start).ends_with("ed")
            {
                continue;
            }
            // A row of a comparison: "POST | Creates a resource | Idempotent: yes".
            let cell = |yes: bool| self.answer(span.end) == Some(yes);
            // A column heading names a property; the cell under it says yes or no.
            let in_header = self
                .clause
                .header
                .as_ref()
                .is_some_and(|h| h.start < span.end && span.start < h.end);
            if cell(false) || (in_header && !cell(true)) {
                continue;
            }
            // "UDP's retransmission": the possessive says the subject has it.
            let owned = self.mentions[s.mention].possessive
                && s.after == self.mentions[s.mention].words.end
                && (s.after..span.start).all(|i| {
                    matches!(
                        self.lower(i),
                        "built" | "in" | "builtin" | "own" | "native" | "automatic" | "inherent"
                    )
                });
            // "In active-passive failover, both nodes take traffic" links like a sentence
            // of its own; "For UDP, reliability must come from the application" does not.
            let linked = if cell(true)
                || owned
                || self.appositive(s, &span, part)
                || self.taken_as(s, &span)
            {
                !self.mention_in(s.after..span.start, s.mention)
            } else if s.intro {
                !self.mention_in(s.after..span.start, s.mention)
                    && (!needs_link || (s.after..span.start).any(|i| self.is_link(self.lower(i))))
            } else {
                (span.start <= s.after + 9
                    && self.links(s.after..span.start, s.mention, needs_link))
                    || self.loosely_links(s, &span, part, needs_link)
                    || self.returned_when(s, &span)
            };
            if !linked
                || self.subject_of_its_own(s.after, &span)
                || self.delegated(s.after..span.start, span.end)
                || self.negated(s.start..span.end, &matched)
            {
                continue;
            }
            let message = self.property_message(facts, prop);
            return self.found(facts, self.own_start(s)..span.end, message);
        }
        self.property_by_agent(s, part, facts)
    }

    /// "Requests with an expired JWT get a 403", "Expired tokens are rejected with 403
    /// Forbidden": a status code that requests get, or are answered with, after what the
    /// requests carry says what the code is sent for.
    fn received_for(&self, part: &Part) -> Option<FactFinding> {
        self.mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| part.contains(&m.words.start))
            .find_map(|(i, m)| self.code_received_for(i, m.facts?, part))
    }

    fn code_received_for(
        &self,
        mention: usize,
        facts: &EntryFacts,
        part: &Part,
    ) -> Option<FactFinding> {
        let m = &self.mentions[mention];
        let code = self
            .lower(m.words.start)
            .parse::<u16>()
            .is_ok_and(|c| (100..600).contains(&c));
        let before = self.back_over(m.words.start, part.start, DETERMINERS);
        if !code || before < part.start + 2 {
            return None;
        }
        let verb = self.lower(before - 1);
        let verb_at = if matches!(
            verb,
            "get" | "gets" | "got" | "receive" | "receives" | "received" | "see" | "sees"
        ) {
            before - 1
        } else if verb == "with"
            && [
                "reject", "answer", "respond", "repl", "den", "refus", "fail",
            ]
            .iter()
            .any(|v| self.lower(before - 2).starts_with(v))
        {
            before - 2
        } else {
            return None;
        };
        for (prop, pattern, _) in self.book.forms_of(&facts.wrong) {
            let Some((span, matched)) = self.find(pattern, part.start..verb_at, part) else {
                continue;
            };
            // What the requests carry ends at most three words before the verb ("will
            // always get", "are rejected with"), with no stop and no other concept between.
            if span.end > verb_at
                || verb_at > span.end + 3
                || (span.end..=verb_at).any(|i| self.gap_text(i).contains([',', ';', ':', '(']))
                || self.mention_in(span.end..verb_at, mention)
                || self.negated(span.start..m.words.end, &matched)
            {
                continue;
            }
            let message = self.property_message(facts, prop);
            return self.found(facts, span.start..m.words.end, message);
        }
        None
    }

    /// True when the opposite of `prop` is named next to its match `span` (after the
    /// subject, within six words of it), with a comma, "and", "or" or a slash between:
    /// a list of options, not a claim of one.
    fn lists_opposite(
        &self,
        prop: &Property,
        span: &Range<usize>,
        from: usize,
        part: &Part,
    ) -> bool {
        let Some(opposite) = prop
            .opposite
            .as_ref()
            .and_then(|o| self.book.properties.get(o))
        else {
            return false;
        };
        let near = from.max(span.start.saturating_sub(6))..(span.end + 6).min(part.end);
        opposite.forms.iter().any(|p| {
            let Some((other, _)) = self.find(p, near.clone(), part) else {
                return false;
            };
            let between = if other.start >= span.end {
                span.end..other.start
            } else if other.end <= span.start {
                other.end..span.start
            } else {
                return false;
            };
            // Only "and", "or" and a bracketed short form between: "synchronous (sync),
            // asynchronous", not "connectionless and avoids handshakes".
            let bare = between.clone().all(|i| {
                matches!(self.lower(i), "and" | "or")
                    || self.gap_text(i).contains('(')
                    || self.gap_text(i + 1).starts_with(')')
            });
            other.end <= near.end
                && bare
                && (between.start..=between.end).any(|i| {
                    self.gap_text(i).contains([',', '/']) || matches!(self.lower(i), "and" | "or")
                })
        })
    }

    /// "The latest write is always returned by the AP store": a property's words in
    /// another order (the verb after its object, in any inflection), before "by" and the
    /// concept, in a part that names no other concept.
    fn property_by_agent(
        &self,
        s: &Subject,
        part: &Part,
        facts: &EntryFacts,
    ) -> Option<FactFinding> {
        // The concept is the agent: "by" (and determiners) right before it. Tested before
        // any pattern is tried, since most subjects are not.
        let own = self.mentions[s.mention].words.clone();
        let by = self.back_over(own.start, part.start, DETERMINERS);
        if s.intro
            || by <= part.start
            || self.lower(by - 1) != "by"
            || self.mention_in(part.clone(), s.mention)
        {
            return None;
        }
        // The property's words end before "by", at most four words before it; or they
        // start before it and go on after the concept, up to a stop ("Messages are deleted
        // by Kafka once consumers have read them").
        let words = part.start..by - 1;
        let rest = (own.end..part.end)
            .find(|&i| self.gap_text(i).contains([',', ';', ':', '(']))
            .unwrap_or(part.end);
        for (prop, pattern, _) in self.book.forms_of(&facts.wrong) {
            if !pattern.may_match(self.clause) {
                continue;
            }
            let found = pattern
                .find_unordered(self.words, words.clone(), own.clone())
                .filter(|(span, _)| span.len() <= 10 && span.end + 4 >= by - 1)
                .or_else(|| {
                    pattern
                        .find_unordered(self.words, part.start..rest, own.clone())
                        .filter(|(span, matched)| {
                            span.len() <= 14
                                && span.end > own.end
                                && matched.iter().any(|&i| i < by - 1)
                                && matched.iter().all(|&i| i + 4 >= by - 1 || i > own.end)
                        })
                });
            let Some((span, matched)) = found else {
                continue;
            };
            let whole = span.start.min(own.start)..span.end.max(own.end);
            if self.negated(part.start..whole.end, &matched)
                || self.delegated(whole.clone(), whole.end)
            {
                continue;
            }
            let message = self.property_message(facts, prop);
            return self.found(facts, whole, message);
        }
        None
    }

    /// "UDP senders have to perform a handshake first", "our consistent hashing ring
    /// reshuffles all keys": in a part that names no other concept, a run of up to twelve
    /// words with no punctuation, no conjunction or preposition that could start another
    /// clause or object, no denial and, for a form that needs one, a linking word, joins
    /// the subject to a property that `links` finds too far away.
    fn loosely_links(
        &self,
        s: &Subject,
        span: &Range<usize>,
        part: &Part,
        needs_link: bool,
    ) -> bool {
        let gap = s.after..span.start;
        if gap.len() > 12 || self.mention_in(part.clone(), s.mention) {
            return false;
        }
        // Nor right after the subject: "X is eventually consistent, restarts ensure fresh
        // data" says the second thing of the restarts.
        if (gap.start + 1..=gap.end)
            .any(|i| self.gap_text(i).contains([',', ';', ':', '(', ')', '|']))
            || (!gap.is_empty()
                && (self.gap_text(gap.start).contains([',', ';'])
                    || self.enumerator(gap.start)
                    || (gap.start > 0 && self.enumerator(gap.start - 1))))
        {
            return false;
        }
        // "... idempotent, so re-issuing them is safe".
        if self.action_subject(gap.clone()) {
            return false;
        }
        let mut linked = !needs_link;
        for i in gap.clone() {
            let w = self.lower(i);
            // "Monotonic reads guarantee that a user always sees ...": what a verb of
            // asserting says follows its "that".
            let complement = w == "that"
                && i > gap.start
                && self.is_link(self.lower(i - 1))
                && !AUXILIARIES.contains(&self.lower(i - 1))
                && !matches!(self.lower(i - 1), "be" | "been" | "being" | "were");
            if complement {
                continue;
            }
            if LINK_BREAKS.contains(&w)
                || LOOSE_BREAKS.contains(&w)
                || is_denial(w)
                || is_replacing(w)
            {
                return false;
            }
            if self.is_link(w) {
                linked = true;
            }
        }
        linked
    }

    /// "We return 403 when no credentials are supplied", "respond with 401 Unauthorized
    /// when the caller lacks the role": what a returned code is sent for says what it
    /// means. ("If" makes a condition, which withdraws the claim.)
    fn returned_when(&self, s: &Subject, span: &Range<usize>) -> bool {
        let m = &self.mentions[s.mention];
        let before = self.back_over(m.words.start, 0, DETERMINERS);
        let returning = |w: &str| {
            matches!(
                w,
                "return" | "returns" | "returned" | "returning" | "send" | "sends" | "sent"
            )
        };
        let returned = before > 0
            && (returning(self.lower(before - 1))
                || (self.lower(before - 1) == "with"
                    && before > 1
                    && ["respond", "repl", "answer"]
                        .iter()
                        .any(|v| self.lower(before - 2).starts_with(v))));
        if !returned {
            return false;
        }
        // The code's name may follow: "403 Forbidden when ...".
        let mut i = s.after;
        while i < span.start && i < s.after + 2 && self.capitalized(i) {
            i += 1;
        }
        matches!(self.lower(i), "when" | "whenever" | "for")
            && span.start > i
            && span.start <= i + 4
            && !(i..=span.start).any(|k| self.gap_text(k).contains([',', ';', ':', '(']))
            && !self.mention_in(i..span.start, s.mention)
    }

    /// "so re-issuing them is safe", "so re-execution is safe", "so a replay is safe": the
    /// words `range` open (past short words such as "so" and "a") with an action, a gerund
    /// or a word of doing something again, followed by a verb of its own. What that verb
    /// says is said of the action, not of a concept before it.
    fn action_subject(&self, range: Range<usize>) -> bool {
        let Some(g) = range
            .clone()
            .find(|&i| self.lower(i).len() > 3 || repeats(self.lower(i)))
        else {
            return false;
        };
        let w = self.lower(g);
        ((w.len() > 4 && w.ends_with("ing")) || repeats(w))
            && (g + 1..range.end.min(g + 4)).any(|i| AUXILIARIES.contains(&self.lower(i)))
    }

    /// "Because the NLB is L4, path-based routing has to happen behind it": a property
    /// named after a comma and followed by a verb of its own is the subject of another
    /// clause, not something said of the concept before the comma.
    fn subject_of_its_own(&self, from: usize, span: &Range<usize>) -> bool {
        // The comma that opens a relative clause ("POST, which is idempotent, is
        // retried") sets off no new subject.
        let from = if matches!(self.lower(from), "which" | "that" | "who") {
            from + 1
        } else {
            from
        };
        (from..=span.start).any(|i| self.gap_text(i).contains(','))
            && (AUXILIARIES.contains(&self.lower(span.end))
                || matches!(
                    self.lower(span.end),
                    "needs" | "need" | "happens" | "lives" | "belongs" | "stays"
                ))
    }

    /// "UDP leaves ordering to the application", "pushes retries up to the caller": a
    /// verb of handing over in `gap`, and "to" after the property at `end`, say the
    /// subject does not do it; so does an agent after "by" that is the application.
    fn delegated(&self, gap: Range<usize>, end: usize) -> bool {
        // "Lost UDP datagrams are resent by the application": another agent does it.
        let mut agent = end + 1;
        while matches!(
            self.lower(agent),
            "the" | "a" | "an" | "our" | "your" | "their" | "its"
        ) {
            agent += 1;
        }
        if self.lower(end) == "by"
            && matches!(
                self.lower(agent),
                "application"
                    | "applications"
                    | "app"
                    | "apps"
                    | "caller"
                    | "callers"
                    | "client"
                    | "clients"
                    | "sender"
                    | "senders"
                    | "library"
                    | "libraries"
                    | "code"
                    | "user"
                    | "users"
                    | "developer"
                    | "developers"
                    | "us"
                    | "upper"
                    | "higher"
                    | "consumer"
                    | "consumers"
                    | "receiver"
                    | "receivers"
            )
        {
            return true;
        }
        // The property's words may run past its form: "in-order delivery to".
        let to = (end..end + 3).any(|i| match self.lower(i) {
            "to" => true,
            "up" | "over" | "off" | "out" => self.lower(i + 1) == "to",
            _ => false,
        });
        // "hands" but not "handles".
        to && gap.into_iter().any(|i| {
            let w = self.lower(i);
            matches!(w, "hand" | "hands" | "handed")
                || [
                    "leav", "left", "delegat", "defer", "push", "offload", "pass",
                ]
                .iter()
                .any(|v| w.starts_with(v))
        })
    }

    /// The yes or no that word `i` gives after a colon, a cell boundary or an equals sign:
    /// "Idempotent: yes", "| Ordered | no |".
    fn answer(&self, i: usize) -> Option<bool> {
        if !self.gap_text(i).contains([':', '|', '=']) {
            return None;
        }
        match self.lower(i) {
            "yes" | "true" | "y" | "always" => Some(true),
            "no" | "false" | "n" | "never" | "none" => Some(false),
            _ => None,
        }
    }

    /// "We use UDP, a reliable transport, for telemetry", "UDP (a reliable protocol)
    /// carries ...": a description set off by commas or a parenthesis right after the
    /// subject says what it is. Not after a contrast or a condition
    /// ("Unlike UDP, a reliable protocol ...", "For UDP, a reliable layer must ..."), and
    /// only when the description closes within two words of the property.
    fn appositive(&self, s: &Subject, span: &Range<usize>, part: &Part) -> bool {
        let closes = (span.end..=span.end + 2)
            .any(|i| i >= part.end || self.gap_text(i).contains([',', ';', ':', '(', ')', '.']));
        !s.intro
            && s.after < span.start
            && span.start <= s.after + 2
            && (self.gap_text(s.after).contains(',')
                || (self.gap_text(s.after).contains('(') && !self.gap_text(s.after).contains(')')))
            && matches!(self.lower(s.after), "a" | "an")
            && closes
            && (part.start..s.start).all(|i| {
                let w = self.lower(i);
                !CONTRASTS.contains(&w)
                    && !HEDGES.contains(&w)
                    && !matches!(
                        w,
                        "for" | "if" | "unless" | "when" | "than" | "like" | "whether"
                    )
            })
    }

    /// "TCP does not guarantee ordering", "layer 7 balancers cannot route on URLs": a
    /// property the subject has, denied by one plain negation between the subject and the
    /// property. "Not only", "not always", "not necessarily" and hedges stay silent.
    fn denial(&self, s: &Subject, part: &Part, facts: &EntryFacts) -> Option<FactFinding> {
        // "For TLS passthrough, HAProxy ... can't look at cookies": what the clause denies
        // under a case it opens with is true of that case.
        let scoped = !s.intro
            && matches!(
                self.lower(0),
                "for" | "with" | "under" | "during" | "without" | "in"
            )
            && (1..=s.start).any(|i| self.gap_text(i).contains(','));
        if scoped {
            return None;
        }
        for (prop, pattern, needs_link) in self.book.forms_of(&facts.is) {
            let Some((span, matched)) = self.find(pattern, s.after..s.after + 8, part) else {
                continue;
            };
            let mut gap = s.after..span.start;
            // "| TCP | Ordered | no |", "- TCP: ordered: no": a property it has, answered
            // no in a cell or after a colon, with nothing else in the cell.
            let said_no = self.answer(span.end) == Some(false)
                && (span.end + 1 == self.words.len()
                    || self.gap_text(span.end + 1).contains(['|', ',', ';']))
                && gap.is_empty()
                && self.gap_text(s.after).contains([':', '|'])
                && !self.clause.question;
            if said_no {
                let message = format!(
                    "{} has {}. {}",
                    facts.term,
                    prop.label,
                    facts.note.as_deref().unwrap_or(&facts.definition)
                );
                return self.found(facts, self.own_start(s)..span.end + 1, message);
            }
            // "DELETE is neither safe nor idempotent": "neither" denies both; the first
            // property is no part of the link.
            if span.start > 0 && self.lower(span.start - 1) == "nor" {
                let Some(neither) = (gap.start..span.start - 1)
                    .rev()
                    .take(4)
                    .find(|&i| self.lower(i) == "neither")
                else {
                    continue;
                };
                gap = gap.start..neither + 1;
            }
            let Some(no) = self.denied(s, part, gap.clone(), &matched) else {
                continue;
            };
            if self.gap_text(span.end).contains([':', '|', '=']) {
                continue;
            }
            // "TLS only provides encryption, not server authentication": the verb after
            // the subject carries over ", not" to the second property. ("But" opens a
            // part of its own, which this does not reach.)
            let carried = no + 1 == span.start
                && no > gap.start + 1
                && no - gap.start <= 5
                && self.gap_text(no).contains(',')
                && {
                    let verb = if matches!(self.lower(gap.start), "only" | "also" | "just") {
                        gap.start + 1
                    } else {
                        gap.start
                    };
                    verb < no && self.is_link(self.lower(verb))
                }
                && !self.mention_in(gap.clone(), s.mention);
            // The gap, with the negation counted as a filler, must link the two.
            let linked = carried
                || (gap.start..no).chain(no + 1..gap.end).all(|i| {
                    let w = self.lower(i);
                    self.is_link(w) || self.is_filler(w) || matches!(w, "do" | "does" | "did")
                }) && gap.len() <= 5
                    && !self.mention_in(gap.clone(), s.mention)
                    && (!needs_link
                        || gap.clone().any(|i| i != no && self.is_link(self.lower(i)))
                        || self.gap_text(gap.start).contains([':', '|'])
                        || matches!(self.lower(no), "no" | "lacks" | "lack"));
            if !linked {
                continue;
            }
            let message = format!(
                "{} has {}. {}",
                facts.term,
                prop.label,
                facts.note.as_deref().unwrap_or(&facts.definition)
            );
            return self.found(facts, self.own_start(s)..span.end, message);
        }
        None
    }

    /// The one plain denial ("not", "never", "cannot", "no") in `gap`, when nothing softens
    /// it ("not only", "not always") and nothing hedges the part.
    fn denied(
        &self,
        s: &Subject,
        part: &Part,
        gap: Range<usize>,
        matched: &[usize],
    ) -> Option<usize> {
        let denials: Vec<usize> = gap
            .filter(|&i| !matched.contains(&i) && self.clause.negates(i))
            .collect();
        let [no] = denials[..] else { return None };
        let softened = matches!(
            self.lower(no + 1),
            "only"
                | "just"
                | "merely"
                | "simply"
                | "always"
                | "necessarily"
                | "entirely"
                | "fully"
                | "completely"
                | "strictly"
                | "quite"
                | "perfectly"
                | "100"
                | "all"
                | "every"
                | "much"
                | "need"
                | "needed"
                | "significantly"
                | "noticeably"
                | "measurably"
                | "meaningfully"
        );
        (is_denial(self.lower(no))
            && !softened
            && !self.clause.question
            && !self.hedged(s, part, matched))
        .then_some(no)
    }

    /// A hedge or contrast in the part that is not an "Unlike X," opener before the
    /// subject (which contrasts X, not the subject).
    /// The words the claim's patterns matched do not count: "never produces false
    /// positives" is not hedged by its own "false".
    fn hedged(&self, s: &Subject, part: &Part, matched: &[usize]) -> bool {
        let own = self.own_start(s);
        part.clone().any(|i| {
            !matched.contains(&i)
                && HEDGES.contains(&self.lower(i))
                && self.clause.negates(i)
                && !self.contrast_opener(i, own)
        })
    }

    fn property_message(&self, facts: &EntryFacts, prop: &Property) -> String {
        if let Some(note) = &facts.note {
            return note.to_string();
        }
        let opposite_held = prop
            .opposite
            .as_ref()
            .filter(|o| facts.is.contains(o))
            .and_then(|o| self.book.properties.get(o));
        match opposite_held {
            Some(o) => format!("{} has {}, not {}", facts.term, o.label, prop.label),
            None => format!(
                "{} does not provide {}. {}",
                facts.term, prop.label, facts.definition
            ),
        }
    }

    /// "The AP inventory cache always returns ...": the concept names the kind of a noun
    /// phrase ("AP", "CP", "eventually consistent") and what follows the phrase's head is
    /// said of it.
    fn property_past_noun(
        &self,
        s: &Subject,
        part: &Part,
        facts: &EntryFacts,
    ) -> Option<FactFinding> {
        if s.intro {
            return None;
        }
        let head =
            (s.after..(s.after + 3).min(part.end)).find(|&i| self.book.is_head(self.lower(i)))?;
        // The head may name a concept of its own ("the AP inventory cache").
        let plain = |i: usize| {
            !self.is_link(self.lower(i))
                && !self.clause.negates(i)
                && (i == head || self.mention_at(i).is_none())
                && (i == s.after || self.words[i].joined)
        };
        if head == s.after || !(s.after..=head).all(plain) {
            return None;
        }
        let past = Subject {
            mention: s.mention,
            start: s.start,
            after: head + 1,
            intro: false,
        };
        self.property(&past, part, facts)
    }

    /// "The catalog is eventually consistent, so shoppers immediately see every price
    /// change": a concept ascribed to something in one part of a sentence (the premise),
    /// and in the part that follows from it (after "so", "which means", or the comma
    /// closing a "Because ..." or a relative clause) the opposite of one of its facts,
    /// whatever the consequence's subject. Nothing in the premise or the consequence may
    /// negate or hedge.
    fn implication(&self, parts: &[Part]) -> Option<FactFinding> {
        if self.clause.question {
            return None;
        }
        for (mi, m) in self.mentions.iter().enumerate() {
            let Some(facts) = m.facts else { continue };
            if facts.wrong.is_empty() || !self.ascribed(m) {
                continue;
            }
            let Some(p) = parts.iter().position(|p| p.contains(&m.words.start)) else {
                continue;
            };
            let Some(consequence) = self.consequence(parts, p, m) else {
                continue;
            };
            for id in &facts.wrong {
                let Some(prop) = self.book.properties.get(id) else {
                    continue;
                };
                for pattern in &prop.verbs {
                    let Some((span, matched)) =
                        self.find(pattern, consequence.clone(), &consequence)
                    else {
                        continue;
                    };
                    let negated = (parts[p].start..consequence.end)
                        .any(|i| self.clause.negates(i) && !matched.contains(&i));
                    // Another concept in the consequence that has the property may be
                    // what it is said of.
                    let other = self.mentions.iter().enumerate().any(|(oi, o)| {
                        oi != mi
                            && consequence.contains(&o.words.start)
                            && o.facts.is_some_and(|f| f.is.contains(id))
                    });
                    // "Every step is idempotent, so re-execution is safe": what is said
                    // of an action is said of the action.
                    if negated || other || self.action_subject(consequence.start..span.start) {
                        continue;
                    }
                    let message = self.property_message(facts, prop);
                    return self.found(facts, m.words.start..span.end, message);
                }
            }
        }
        None
    }

    /// True when the sentence ascribes the concept to something: "is eventually
    /// consistent", "designed as AP", "with eventual consistency", "under PACELC", "we
    /// picked a CP configuration".
    fn ascribed(&self, m: &Mention) -> bool {
        let i = self.back_over(m.words.start, 0, &["a", "an", "the", "fully", "purely"]);
        // "We turned on asynchronous replication", "we moved to microservices", "we run
        // at read committed".
        let phrasal = i > 1
            && ((matches!(self.lower(i - 1), "on" | "to")
                && matches!(
                    self.lower(i - 2),
                    "turned" | "turn" | "switched" | "switch" | "moved" | "move" | "migrated"
                ))
                || (self.lower(i - 1) == "at"
                    && matches!(self.lower(i - 2), "run" | "runs" | "ran" | "running")));
        phrasal
            || i > 0
                && matches!(
                    self.lower(i - 1),
                    "is" | "are"
                        | "was"
                        | "were"
                        | "be"
                        | "being"
                        | "been"
                        | "as"
                        | "with"
                        | "under"
                        | "picked"
                        | "chose"
                        | "chosen"
                        | "adopted"
                        | "adopt"
                        | "adopting"
                        | "uses"
                        | "use"
                        | "using"
                        | "enabled"
                        | "enable"
                        | "selected"
                        | "deployed"
                        | "introduced"
                        | "put"
                        | "placed"
                        | "added"
                )
    }

    /// The words that follow from the premise in part `p` around mention `m`: the next
    /// part when it opens with "so", "therefore", "hence", "thus" or "which means"; else,
    /// in a part that opens with "because", "since", "as", "given", "with", "under" or a
    /// relative pronoun, what follows the comma that closes the premise.
    fn consequence(&self, parts: &[Part], p: usize, m: &Mention) -> Option<Part> {
        let part = &parts[p];
        if let Some(next) = parts.get(p + 1) {
            let skip = match (self.lower(next.start), self.lower(next.start + 1)) {
                ("so" | "therefore" | "hence" | "thus" | "consequently" | "meaning", _) => 1,
                ("which" | "that", "means" | "meant") => 2,
                _ => 0,
            };
            if skip > 0 && next.start + skip < next.end {
                return Some(next.start + skip..next.end);
            }
        }
        // "We chose write-behind so that no write is lost", "we'll use an NLB so we can
        // route by header": the purpose of a choice.
        if let Some(so) = (m.words.end..part.end.saturating_sub(2)).find(|&i| {
            self.lower(i) == "so"
                && (self.lower(i + 1) == "that"
                    || (matches!(self.lower(i + 1), "we" | "it" | "they" | "you" | "clients")
                        && matches!(self.lower(i + 2), "can" | "could" | "will" | "would")))
        }) {
            // Up to a comma: "so we can keep client IPs, and route by header at the
            // ingress" hands the second purpose to something else.
            let start = so + if self.lower(so + 1) == "that" { 2 } else { 1 };
            let end = (start + 1..part.end)
                .find(|&i| self.gap_text(i).contains(','))
                .unwrap_or(part.end);
            return Some(start..end);
        }
        let opener = self.lower(part.start);
        if !matches!(
            opener,
            "because" | "since" | "as" | "given" | "with" | "under" | "which" | "who" | "that"
        ) || (opener == "that" && part.start == 0)
        {
            return None;
        }
        // "because: (1) ..., (2) drift detection is eventually consistent, (3) restarts
        // ensure fresh data": a list of reasons, each its own.
        if self.gap_text(part.start + 1).contains(':') {
            return None;
        }
        let comma = (m.words.end..part.end).find(|&i| self.gap_text(i).contains(','))?;
        (comma < part.end && !self.enumerator(comma)).then_some(comma..part.end)
    }

    /// "Hourly backups keep our RTO at one hour": what sets a concept is described with
    /// the marks of the concept it is confused with ("hourly backups" bound the RPO), and
    /// the part has none of its own marks.
    fn cause_confusion(&self, parts: &[Part]) -> Option<FactFinding> {
        if self.clause.question {
            return None;
        }
        for (mi, m) in self.mentions.iter().enumerate() {
            let Some(facts) = m.facts else { continue };
            if facts.confused_with.is_empty() {
                continue;
            }
            let Some(part) = parts.iter().find(|p| p.contains(&m.words.start)) else {
                continue;
            };
            if let Some(found) = self.cause_after(facts, mi, m, parts) {
                return Some(found);
            }
            if let Some(found) = self.explained_after(facts, mi, m, parts) {
                return Some(found);
            }
            // The verb that links the cause to the concept: "keep our", "give us an".
            let verb = self.back_over(
                m.words.start,
                part.start,
                &[
                    "a", "an", "the", "our", "us", "their", "its", "this", "them",
                ],
            );
            let Some(verb) = verb.checked_sub(1).filter(|&v| v >= part.start) else {
                continue;
            };
            // "Because we snapshot every 5 minutes, our RTO is 5 minutes": a reason clause
            // before the comma that leads to the concept is what sets it.
            let reason = matches!(self.lower(part.start), "because" | "since" | "with")
                && self.gap_text(verb + 1).contains(',')
                && verb > part.start
                && self.is_link(self.lower(m.words.end));
            // Verbs of lowering, only with a determiner before the concept: "lower
            // latency" in a list of gains is an adjective.
            let lowers = verb + 1 < m.words.start
                && [
                    "lower", "lowers", "lowered", "lowering", "reduc", "shrink", "shorten", "cuts",
                    "cutting", "improv", "minimi", "tighten",
                ]
                .iter()
                .any(|v| self.lower(verb).starts_with(v));
            let sets = reason
                || lowers
                || [
                    "keep",
                    "give",
                    "gave",
                    "set",
                    "bound",
                    "determin",
                    "cap",
                    "caps",
                    "limit",
                    "defin",
                    "driv",
                    "hold",
                    "bring",
                    "brought",
                    "put",
                    "guarantee",
                    "achiev",
                    "ensur",
                ]
                .iter()
                .any(|v| self.lower(verb).starts_with(v));
            let cause = if reason {
                part.start + 1..verb + 1
            } else {
                part.start..verb
            };
            if !sets
                || cause.is_empty()
                || cause.len() > 8
                || (part.start..part.end).any(|i| self.clause.negates(i))
            {
                continue;
            }
            if let Some(other) = self.neighbour_marked(facts, m, part, cause) {
                let message =
                    facts.then_truth(&format!("That sets {}, not {}", other.term, facts.term));
                return self.found(facts, part.start..m.words.end, message);
            }
        }
        None
    }

    /// "Our RTO is 24 hours, meaning we can lose at most a day of data", "an RTO of zero,
    /// since no committed data can be lost": a concept given a value that ends its part,
    /// and a reason or meaning after it ("since", "because", ", meaning", ", which means") that
    /// has the marks of a concept it is confused with and none of its own.
    fn explained_after(
        &self,
        facts: &EntryFacts,
        mi: usize,
        m: &Mention,
        parts: &[Part],
    ) -> Option<FactFinding> {
        let p = parts.iter().position(|p| p.contains(&m.words.start))?;
        let (part, next) = (&parts[p], parts.get(p + 1)?);
        // The value: a figure, "zero" or "a day", within four words, ending the part.
        let value = m.words.end..part.end;
        if value.is_empty()
            || value.len() > 4
            || !matches!(
                self.lower(m.words.end),
                "is" | "of" | "was" | "at" | "stays"
            ) && !self.gap_text(m.words.end).contains([':', '='])
            || !value.clone().any(|i| {
                let w = self.lower(i);
                w.starts_with(|c: char| c.is_ascii_digit()) || matches!(w, "zero" | "nil")
            }) && !value.clone().any(|i| {
                matches!(
                    self.lower(i),
                    "minute" | "minutes" | "hour" | "hours" | "day" | "days" | "seconds"
                )
            })
        {
            return None;
        }
        let opener = self.lower(next.start);
        let comma = self.gap_text(next.start).contains(',');
        let explains = matches!(opener, "since" | "because")
            || (comma && matches!(opener, "meaning" | "which"))
                && (opener != "which" || self.lower(next.start + 1) == "means");
        if !explains
            || (part.start..part.end).any(|i| {
                self.clause.negates(i)
                    || HEDGES.contains(&self.lower(i))
                    || CONTRASTS.contains(&self.lower(i))
            })
            || self.confused_in(facts, mi, next.start..next.end).is_some()
        {
            return None;
        }
        let other = self.neighbour_marked(facts, m, next, next.start + 1..next.end)?;
        let message = facts.then_truth(&format!(
            "That describes {}, not {}",
            other.term, facts.term
        ));
        self.found(facts, m.words.start..m.words.end, message)
    }

    /// The first concept named in `range` that `facts` is confused with; not "it", which
    /// stands for a concept named before.
    fn confused_in(
        &self,
        facts: &EntryFacts,
        except: usize,
        range: Range<usize>,
    ) -> Option<&EntryFacts> {
        self.mentions.iter().enumerate().find_map(|(i, m)| {
            if i == except
                || !range.contains(&m.words.start)
                || self.bare_head(m)
                || matches!(self.lower(m.words.start), "it" | "they" | "its")
            {
                return None;
            }
            m.ids
                .iter()
                .find(|id| facts.confused_with.contains(*id))
                .and_then(|id| self.book.entries.get(id))
        })
    }

    /// "We get partition tolerance by splitting the keyspace", "our RTO is low because
    /// we snapshot every five minutes": what a concept comes from, after it ("by",
    /// "from", "because"), is a concept it is confused with or has that concept's marks.
    fn cause_after(
        &self,
        facts: &EntryFacts,
        mi: usize,
        m: &Mention,
        parts: &[Part],
    ) -> Option<FactFinding> {
        let p = parts.iter().position(|p| p.contains(&m.words.start))?;
        let part = &parts[p];
        // The opener may start the next part: "... is partition tolerant because ...".
        let last = (m.words.end + 5).min(part.end + 1).min(self.words.len());
        let opener = (m.words.end..last)
            .find(|&i| matches!(self.lower(i), "by" | "from" | "because" | "thanks"))?;
        let cause_part = if opener < part.end {
            part
        } else {
            parts.get(p + 1)?
        };
        // The concept is what the part is about (its first concept), or what is gained:
        // "we get partition tolerance by ...". Not "X is resolved to a URL by ...".
        let verb = self.back_over(m.words.start, part.start, DETERMINERS);
        let gained = verb > part.start
            && [
                "get", "got", "achiev", "gain", "obtain", "attain", "reach", "provid",
            ]
            .iter()
            .any(|v| self.lower(verb - 1).starts_with(v));
        // Or the concept opens the part ("Partition tolerance comes from ..."), or is
        // said of what opens it ("Our database is partition tolerant because ...").
        let opens = verb == part.start
            || (verb > part.start
                && verb <= part.start + 3
                && matches!(
                    self.lower(verb - 1),
                    "is" | "are" | "was" | "were" | "became"
                ));
        if !(opens || gained) {
            return None;
        }
        // Between the concept and the opener, only the words of "is what we get" and
        // "comes", with no punctuation or other concept: not "increases throughput by
        // 10%", "mechanisms is by". "from" gives an origin only after a verb of coming:
        // "comes from sharding", not "spares the receiver from polling" or "cut latency
        // from 30 ms".
        const COMING: &[&str] = &[
            "comes", "come", "came", "results", "stems", "arises", "derives",
        ];
        let between = m.words.end..opener;
        if !between.clone().all(|i| {
            COMING.contains(&self.lower(i))
                || matches!(
                    self.lower(i),
                    "is" | "are" | "was" | "what" | "we" | "you" | "get" | "gets" | "got" | "that"
                )
        }) || (self.lower(opener) == "from"
            && !between.clone().any(|i| COMING.contains(&self.lower(i))))
            || (m.words.end + 1..=opener).any(|i| self.gap_text(i).contains([',', ';', ':', '(']))
        {
            return None;
        }
        // No denial, hedge or contrast from the concept's part to the cause's.
        if (part.start..cause_part.end)
            .any(|i| self.clause.negates(i) || HEDGES.contains(&self.lower(i)))
            || (part.start..part.end).any(|i| CONTRASTS.contains(&self.lower(i)))
        {
            return None;
        }
        let from = opener + 1 + usize::from(self.lower(opener) == "thanks");
        let cause = from..(from + 10).min(cause_part.end);
        if cause.is_empty() {
            return None;
        }
        // Another concept named in the cause does not stop its marks from counting:
        // "comes from splitting each Kafka topic into partitions".
        let other = self
            .confused_in(facts, mi, cause.clone())
            .or_else(|| self.neighbour_marked(facts, m, cause_part, cause))?;
        let message = facts.then_truth(&format!("That gives {}, not {}", other.term, facts.term));
        self.found(facts, m.words.start..m.words.end, message)
    }

    /// "Dirty reads are prevented by durability", "the maximum downtime is set by the
    /// RPO": a passive whose subject carries the marks of a concept the agent is confused
    /// with, and none of the agent's own.
    fn passive_confusion(&self, parts: &[Part]) -> Option<FactFinding> {
        if self.clause.question {
            return None;
        }
        for (mi, m) in self.mentions.iter().enumerate() {
            let Some(facts) = m.facts else { continue };
            if facts.confused_with.is_empty() || self.names_a_program(mi) {
                continue;
            }
            let Some(part) = parts.iter().find(|p| p.contains(&m.words.start)) else {
                continue;
            };
            let by = self.back_over(m.words.start, part.start, DETERMINERS);
            let Some(by) = by.checked_sub(1).filter(|&b| b > part.start + 1) else {
                continue;
            };
            if !matches!(self.lower(by), "by" | "in") {
                continue;
            }
            // The participle, past a particle ("ruled out by"), then the verb "to be".
            let mut verb = by - 1;
            if matches!(self.lower(verb), "out" | "up" | "down" | "off") && verb > part.start {
                verb -= 1;
            }
            let w = self.lower(verb);
            let participle = w.ends_with("ed")
                || w.ends_with("en")
                || matches!(
                    w,
                    "set" | "bound" | "held" | "kept" | "made" | "put" | "cut"
                );
            let Some(link) = verb.checked_sub(1).filter(|&l| {
                l > part.start
                    && matches!(
                        self.lower(l),
                        "is" | "are" | "was" | "were" | "gets" | "get" | "be"
                    )
            }) else {
                continue;
            };
            let subject = part.start..link;
            if !participle
                || subject.len() > 10
                || self.mention_in(part.start..by, mi)
                || (part.start..part.end).any(|i| self.clause.negates(i))
            {
                continue;
            }
            if let Some(other) = self.neighbour_marked(facts, m, part, subject) {
                return self.found(facts, part.start..m.words.end, facts.describes_other(other));
            }
        }
        None
    }

    /// The neighbour of mention `m` (one of its `confused_with`) whose marks occur in
    /// `range`, when its part has none of the concept's own marks outside its name
    /// ("recovery time objective").
    fn neighbour_marked(
        &self,
        facts: &EntryFacts,
        m: &Mention,
        part: &Part,
        range: Range<usize>,
    ) -> Option<&EntryFacts> {
        let own = facts.marks.iter().any(|p| {
            (part.start..part.end).any(|from| {
                self.find(p, from..from + 1, part)
                    .is_some_and(|(span, _)| span.end <= m.words.start || span.start >= m.words.end)
            })
        });
        if own {
            return None;
        }
        facts
            .confused_with
            .iter()
            .filter_map(|id| self.book.entries.get(id))
            .find(|other| {
                other.marks.iter().any(|mark| {
                    self.find(mark, range.clone(), part)
                        .is_some_and(|(span, _)| span.end <= range.end)
                })
            })
    }

    /// "ordering is guaranteed by UDP", "cookie-based routing at layer 4"; the concept
    /// after what it is said to have: "path-based routing requires the NLB", "ordering is
    /// a key feature of UDP", "for guaranteed ordering, we use UDP".
    fn passive(&self, part: &Part) -> Option<FactFinding> {
        for (mi, m) in self.mentions.iter().enumerate() {
            if !part.contains(&m.words.start) || m.words.start < 2 {
                continue;
            }
            let Some(facts) = m.facts else { continue };
            let by = self.back_over(m.words.start, 1, DETERMINERS) - 1;
            let shape = match self.lower(by) {
                "by" | "at" | "in" | "on" | "using" | "with" | "via" | "through" | "as"
                | "like" | "including" => Shape::After,
                w if REQUIRING.contains(&w) => Shape::Requires,
                "of" if by > 0 && FEATURE_NOUNS.contains(&self.lower(by - 1)) => Shape::FeatureOf,
                w if USING.contains(&w)
                    && (self.lower(part.start) == "for"
                        || (self.lower(part.start) == "to"
                            && PURPOSES.contains(&self.lower(part.start + 1)))) =>
                {
                    Shape::Purpose
                }
                _ => continue,
            };
            // "our authentication mechanism was based on OAuth2": what is built on a
            // concept is not the concept.
            if self.lower(by) == "on"
                && by > 0
                && matches!(
                    self.lower(by - 1),
                    "based" | "built" | "layered" | "founded"
                )
            {
                continue;
            }
            // "binary serialization in the JSON protocol": a protocol or program named
            // after the concept is where the thing is, not the concept.
            let named_after = matches!(self.lower(m.words.end), "protocol" | "protocols")
                || self.names_a_program(mi);
            if named_after && self.lower(by) != "by" {
                continue;
            }
            // "ordering requires UDP plus a sequencing layer": the concept with more.
            if shape != Shape::After
                && (EXTENDED.contains(&self.lower(m.words.end))
                    || self.gap_text(m.words.end).contains('+'))
            {
                continue;
            }
            for id in &facts.wrong {
                let Some(prop) = self.book.properties.get(id) else {
                    continue;
                };
                for pattern in prop.forms.iter().chain(&prop.verbs) {
                    let from = part.start.max(by.saturating_sub(8));
                    let Some((span, matched)) = self.find(pattern, from..by, part) else {
                        continue;
                    };
                    if span.end > by || self.mention_in(span.end..by, mi) {
                        continue;
                    }
                    let joined = match shape {
                        Shape::After => self.joined_after(part, mi, by, &span),
                        // "Path-based routing requires the NLB": the feature opens the
                        // clause and the verb follows it.
                        Shape::Requires => {
                            span.end == by
                                && (part.start..span.start).all(|i| self.is_filler(self.lower(i)))
                        }
                        // "Ordering is a key feature of UDP".
                        Shape::FeatureOf => {
                            by - span.end <= 5
                                && (span.end..by - 1).any(|i| self.is_link(self.lower(i)))
                                && (span.end..by - 1).all(|i| {
                                    self.is_link(self.lower(i))
                                        || matches!(
                                            self.lower(i),
                                            "a" | "an"
                                                | "the"
                                                | "key"
                                                | "main"
                                                | "core"
                                                | "one"
                                                | "of"
                                                | "its"
                                                | "defining"
                                                | "built-in"
                                                | "native"
                                                | "central"
                                                | "basic"
                                        )
                                })
                        }
                        // "For guaranteed ordering, we use UDP": the purpose closes with
                        // a comma, and the clause after it picks the concept.
                        Shape::Purpose => {
                            span.start <= part.start + 3
                                && (span.end..=span.end + 1).any(|i| self.gap_text(i).contains(','))
                                && by - span.end <= 9
                        }
                    };
                    if !joined || self.negated(span.start..m.words.end, &matched) {
                        continue;
                    }
                    let message = self.property_message(facts, prop);
                    return self.found(facts, span.start..m.words.end, message);
                }
            }
        }
        None
    }

    /// Whether property `span`, before the preposition at `by` that precedes mention
    /// `mi`, is said of it: "ordering is guaranteed by UDP", "URL rewrites are configured
    /// on the L4 balancer", "cookie-based routing at layer 4".
    fn joined_after(&self, part: &Part, mi: usize, by: usize, span: &Range<usize>) -> bool {
        // "ordering is guaranteed by UDP"; with "by", a participle just before it may
        // follow a few words of its own: "Ordering of the samples is guaranteed by UDP",
        // "hidden from the browser by the signature".
        let before = by.checked_sub(1).map_or("", |b| self.lower(b));
        let agent = self.lower(by) == "by" && {
            let participle = |w: &str| w.ends_with("ed") || w.ends_with("en") || self.is_link(w);
            (participle(before) || participle(self.lower(span.end - 1))) && by - span.end <= 6
        };
        // "URL rewrites are configured on the L4 load balancer", "path routing is done at
        // the NLB": a verb of placing right before "on", "at" or "in" puts the thing in
        // the concept.
        let placed = matches!(self.lower(by), "on" | "at" | "in")
            && PLACED.contains(&before)
            && span.end < by
            && by - span.end <= 4;
        // "We replaced the nightly batch job with stream processing": what a replacement
        // replaces is not what the new thing has.
        let replaced = self.lower(by) == "with"
            && (part.start..span.start).any(|i| is_replacing(self.lower(i)));
        !replaced
            && (agent || placed || self.links(span.end..by, mi, false))
            && !self.mention_in(part.start..span.start, mi)
    }

    /// "HTTP/3 runs over TCP": a layer of the kind it runs over that it does not run over.
    fn relation(&self, s: &Subject, part: &Part, facts: &EntryFacts) -> Option<FactFinding> {
        if facts.over.is_empty() {
            return None;
        }
        let preferring = self
            .words
            .iter()
            .any(|w| self.book.prefer.contains(&*w.lower));
        let verbs = self.book.over_verbs.iter().map(|p| (p, true));
        let bare = self.book.over_bare.iter().map(|p| (p, false));
        for (pattern, verb) in verbs.chain(bare) {
            if !verb && preferring {
                continue;
            }
            let Some((span, matched)) = self.find(pattern, s.after..s.after + 5, part) else {
                continue;
            };
            if !self.links(s.after..span.start, s.mention, false) {
                continue;
            }
            // The object: a concept at most two filler words after the relation; a
            // pattern that names the object ("uses TCP") ends on it.
            // "sends its JSON payloads over HTTP/1.1": what is sent is no layer.
            let has_layer = |m: usize| {
                self.mentions[m]
                    .ids
                    .iter()
                    .any(|id| self.kb.by_id(id).is_some_and(|e| e.known.layer.is_some()))
            };
            let object = (span.start + 1..span.end + 3)
                .find_map(|i| self.mention_at(i).filter(|&m| has_layer(m)).map(|m| (i, m)))
                .filter(|&(_, m)| m != s.mention);
            let Some((at, object)) = object else { continue };
            if at > span.end && (span.end..at).any(|i| !self.is_filler(self.lower(i))) {
                continue;
            }
            let object = &self.mentions[object];
            if object.possessive {
                continue;
            }
            let Some(layer) = object
                .ids
                .iter()
                .find_map(|id| self.kb.by_id(id).and_then(|e| e.known.layer.clone()))
            else {
                continue;
            };
            // "can run both atop TCP and UDP": one of the layers named together is right.
            let listed = self.mentions.iter().any(|m| {
                m.words.start == object.words.end + 1
                    && matches!(self.lower(object.words.end), "and" | "or")
                    && m.ids.iter().any(|id| facts.over.contains(id))
            });
            let runs_over = listed || object.ids.iter().any(|id| facts.over.contains(id));
            let same = object
                .ids
                .iter()
                .any(|id| self.mentions[s.mention].ids.contains(id));
            if runs_over || same || !facts.over_layers.contains(&layer) {
                continue;
            }
            if facts.layer.as_ref() == Some(&layer) && !facts.over_layers.contains(&layer) {
                continue;
            }
            if self.negated(s.start..object.words.end, &matched) {
                continue;
            }
            let message = self.relation_message(facts, object);
            return self.found(facts, self.own_start(s)..object.words.end, message);
        }
        None
    }

    /// "QUIC is a TCP-based protocol": the layer named before "based".
    fn based_on(&self, s: &Subject, part: &Part, facts: &EntryFacts) -> Option<FactFinding> {
        if facts.over.is_empty() {
            return None;
        }
        let object = self
            .mentions
            .iter()
            .find(|m| m.words.start >= s.after && m.words.start < (s.after + 4).min(part.end))?;
        if !matches!(self.lower(object.words.end), "based" | "powered" | "backed")
            || !self.links(s.after..object.words.start, s.mention, true)
            || object.ids.iter().any(|id| facts.over.contains(id))
        {
            return None;
        }
        let layer = object
            .ids
            .iter()
            .find_map(|id| self.kb.by_id(id).and_then(|e| e.known.layer.clone()))?;
        if !facts.over_layers.contains(&layer)
            || self.negated(s.start..object.words.end + 1, &[object.words.end])
        {
            return None;
        }
        let message = self.relation_message(facts, object);
        self.found(facts, self.own_start(s)..object.words.end + 1, message)
    }

    fn relation_message(&self, facts: &EntryFacts, object: &Mention) -> String {
        if let Some(note) = &facts.note {
            return note.to_string();
        }
        let chain: Vec<&str> = facts
            .over
            .iter()
            .filter_map(|id| self.kb.by_id(id))
            .map(|e| &*e.term)
            .collect();
        let object_term = object
            .ids
            .first()
            .and_then(|id| self.kb.by_id(id))
            .map_or("that", |e| &e.term);
        format!(
            "{} runs over {}, not {}",
            facts.term,
            join(&chain),
            object_term
        )
    }

    /// "Indexes speed up writes": an effect on a target that goes the other way.
    fn effect(&self, s: &Subject, part: &Part, facts: &EntryFacts) -> Option<FactFinding> {
        if facts.speeds.is_empty() && facts.slows.is_empty() {
            return None;
        }
        // "Dropping an index speeds up writes" turns the effect around.
        let before = s.start.saturating_sub(3)..s.start;
        let mut flip = false;
        if facts.when_lower {
            // "A lower TTL", "lowering the TTL", "a TTL that is too long". A size before
            // the concept wins; after it, a verb of the concept's own ("a short TTL
            // increases the load") is its effect, not its size.
            let after = (s.after..(s.after + 4).min(part.end)).filter(|&i| {
                !matches!(
                    self.lower(i),
                    "increases" | "reduces" | "raises" | "lowers" | "decreases" | "shortens"
                )
            });
            let mut said = None;
            for i in before.clone() {
                said = size_word(self.lower(i)).or(said);
            }
            if said.is_none() {
                for i in after {
                    said = size_word(self.lower(i)).or(said);
                }
            }
            flip = said?;
        } else if before
            .clone()
            .any(|i| self.book.removal.contains(self.lower(i)))
        {
            return None;
        }
        // "Indexes become huge, queries slow", "once indexes exceed available memory,
        // query latency can increase": what a changed concept does is not its effect.
        if matches!(
            self.lower(s.after),
            "become"
                | "becomes"
                | "became"
                | "grow"
                | "grows"
                | "grew"
                | "exceed"
                | "exceeds"
                | "exceeded"
                | "get"
                | "gets"
                | "got"
                | "bloat"
                | "bloats"
        ) {
            return None;
        }
        // "Index explosion, memory pressure, slow queries": a list after a comma that
        // follows the concept or its noun is not what the concept does.
        if (s.after..(s.after + 2).min(part.end)).any(|i| {
            self.gap_text(i).contains(',')
                && !matches!(self.lower(i), "which" | "making" | "so" | "thereby")
        }) {
            return None;
        }
        // A subject inside parentheses says nothing about what follows them: "reads are
        // rare (most hit the cache), so the higher read amplification does not matter".
        let limit = (s.after + 12).min(part.end);
        let end = (s.after + 1..limit)
            .take_while(|&i| !self.gap_text(i).contains('('))
            .find(|&i| self.gap_text(i).contains(')'))
            .unwrap_or(limit);
        self.effect_in(s, s.after..end, part, facts, flip, false)
    }

    /// "Inserts are sped up by every secondary index", "dashboard reads are slowed down
    /// by the materialized view": an effect in the passive, with the concept as its agent.
    fn passive_effect(&self, part: &Part) -> Option<FactFinding> {
        for (mi, m) in self.mentions.iter().enumerate() {
            let Some(facts) = m.facts else { continue };
            if !part.contains(&m.words.start)
                || (facts.speeds.is_empty() && facts.slows.is_empty())
                || facts.when_lower
                || self.names_a_program(mi)
            {
                continue;
            }
            let by = self.back_over(
                m.words.start,
                part.start,
                &[
                    "the", "a", "an", "our", "every", "each", "any", "all", "this", "these",
                    "those", "its", "their", "adding",
                ],
            );
            if by <= part.start + 2 || self.lower(by - 1) != "by" {
                continue;
            }
            let window = part.start..by - 1;
            let passive = window.clone().any(|i| {
                matches!(
                    self.lower(i),
                    "is" | "are"
                        | "was"
                        | "were"
                        | "be"
                        | "been"
                        | "being"
                        | "get"
                        | "gets"
                        | "got"
                )
            });
            if !passive {
                continue;
            }
            let s = Subject {
                mention: mi,
                start: m.words.start,
                after: m.words.end,
                intro: false,
            };
            if let Some(found) = self.effect_in(&s, window, part, facts, false, true) {
                return Some(found);
            }
        }
        None
    }

    /// The effects said in `window` of subject `s` against its facts, `flip` when they
    /// are those of a lower value of the concept said of a higher one; `passive` when the
    /// window comes before the concept ("writes are sped up by indexes").
    fn effect_in(
        &self,
        s: &Subject,
        window: Range<usize>,
        part: &Part,
        facts: &EntryFacts,
        flip: bool,
        passive: bool,
    ) -> Option<FactFinding> {
        let mut effects = Vec::new();
        for (effect, pattern) in &self.book.effects {
            let mut from = window.start;
            while let Some((span, matched)) = self.find(pattern, from..window.end, part) {
                from = span.end;
                effects.push((*effect, span, matched));
            }
        }
        // Of overlapping matches, the longest: "slow down" over "slow".
        effects.sort_by_key(|e| (usize::MAX - e.1.len(), e.1.start));
        let mut kept: Vec<(Effect, Range<usize>, Vec<usize>)> = Vec::new();
        for e in effects {
            if !kept
                .iter()
                .any(|k| k.1.start < e.1.end && e.1.start < k.1.end)
            {
                kept.push(e);
            }
        }
        // "Indexes eliminate expensive joins": an adjective of cost after a verb that
        // shrinks or removes describes what is removed, and is no effect of its own.
        let shrinking: Vec<usize> = kept
            .iter()
            .filter(|e| matches!(e.0, Effect::Shrink))
            .map(|e| e.1.end)
            .collect();
        kept.retain(|(effect, span, _)| {
            let k = self.back_over(span.start, 0, &["the", "all", "any", "many", "most"]);
            !matches!(effect, Effect::Up | Effect::Down) || !shrinking.contains(&k)
        });
        let effects = kept;
        if effects.is_empty() {
            return None;
        }
        let mut targets = Vec::new();
        for target in &self.book.targets {
            for (cost, list) in [(false, &target.good), (true, &target.cost)] {
                for pattern in list {
                    let mut from = window.start;
                    while let Some((span, matched)) = self.find(pattern, from..window.end, part) {
                        from = span.end;
                        targets.push((target, cost, span, matched));
                    }
                }
            }
        }
        for (effect, espan, ematched) in &effects {
            // "Compaction falls behind, accumulating small files that further degrade
            // queries": past a comma, a relative clause on another noun speaks of that
            // noun. (", which makes writes cheaper" right after the comma speaks of the
            // statement.)
            if !passive
                && (window.start..espan.start).any(|c| {
                    self.gap_text(c).contains(',')
                        && (c + 1..espan.start).any(|r| matches!(self.lower(r), "that" | "which"))
                })
            {
                continue;
            }
            // The nearest target, at most three words away, with no "than" between.
            let nearest = targets
                .iter()
                .filter(|(_, _, t, _)| t.end <= espan.start || t.start >= espan.end)
                .map(|t| {
                    let gap = if t.2.end <= espan.start {
                        t.2.end..espan.start
                    } else {
                        espan.end..t.2.start
                    };
                    (gap, t)
                })
                // Nor a list's comma: "premature optimization, operational overhead".
                // In the passive, the subject may be a longer phrase: "ingestion of new
                // documents is sped up by ...".
                .filter(|(gap, t)| {
                    let reach = if passive && t.2.start <= window.start + 1 {
                        5
                    } else {
                        3
                    };
                    // "reduces the chance of serving stale data": words of likelihood
                    // and amount, and a gerund of handing out, stand for the target.
                    let counted = if t.2.start >= espan.end {
                        gap.clone()
                            .filter(|&i| !EFFECT_MEASURES.contains(&self.lower(i)))
                            .count()
                    } else {
                        gap.len()
                    };
                    counted <= reach
                        && gap.len() <= reach + 3
                        && !gap.clone().any(|i| self.lower(i) == "than")
                        && !(gap.start..=gap.end).any(|i| self.gap_text(i).contains([',', ';']))
                })
                // The nearest, and of two at the same place the longer: "write latency"
                // before "write".
                .min_by_key(|(gap, t)| (gap.len(), usize::MAX - t.2.len()));
            let Some((_, (target, cost, tspan, tmatched))) = nearest else {
                continue;
            };
            // "Read replicas for expensive reads", "Materialized views make slow queries
            // fast": a plain adjective right before its noun says what the target is like,
            // not what the concept does to it (a comparative, "faster reads", does).
            let between = espan.end..tspan.start;
            if espan.len() == 1
                && tspan.start >= espan.end
                && between.len() <= 1
                && between.clone().all(|i| !self.is_link(self.lower(i)))
                && !self.gap_text(espan.end).contains([',', ';', ':'])
                && !espan.start.checked_sub(1).is_some_and(|b| {
                    matches!(
                        self.lower(b),
                        "gives"
                            | "give"
                            | "gave"
                            | "provides"
                            | "provide"
                            | "offers"
                            | "offer"
                            | "means"
                            | "yields"
                            | "enables"
                            | "allows"
                            | "brings"
                            | "delivers"
                            | "get"
                            | "gets"
                            | "got"
                    )
                })
                && matches!(
                    self.lower(espan.start),
                    "slow"
                        | "fast"
                        | "quick"
                        | "expensive"
                        | "cheap"
                        | "costly"
                        | "efficient"
                        | "inefficient"
                        | "heavy"
                        | "light"
                )
            {
                continue;
            }
            let speeds = match (effect, cost) {
                (Effect::Up, _) => true,
                (Effect::Down, _) => false,
                (Effect::Shrink, true) => true,
                (Effect::Grow, true) => false,
                _ => continue,
            };
            let (wrong, held) = if speeds != flip {
                (
                    facts.slows.contains(&target.id),
                    facts.speeds.contains(&target.id),
                )
            } else {
                (
                    facts.speeds.contains(&target.id),
                    facts.slows.contains(&target.id),
                )
            };
            let first = espan.start.min(tspan.start);
            let last = espan.end.max(tspan.end);
            // A concept that qualifies the target is no other subject: "DNS failover".
            let qualifier = self
                .mentions
                .iter()
                .find(|m| {
                    m.words.end == tspan.start && self.gap_text(tspan.start).trim().is_empty()
                })
                .map_or(first, |m| m.words.start.min(first));
            let matched: Vec<usize> = ematched.iter().chain(tmatched).copied().collect();
            // "An index never slows down writes": an effect it has, denied.
            let denial = !passive
                && held
                && self
                    .denied(s, part, s.after..first, &matched)
                    .is_some_and(|no| first - no <= 2);
            // The words that make the claim: from the subject to the effect, or in the
            // passive from the effect's target to the concept.
            let claim = if passive {
                window.start..self.mentions[s.mention].words.end
            } else {
                s.start..last
            };
            // "A longer TTL on the failover record makes ...": a concept in a phrase
            // that qualifies the subject ("on the", "of the") takes no claim from it.
            let qualifies_subject = |m: &Mention| {
                let at = self.back_over(m.words.start, s.after, DETERMINERS);
                at > s.after
                    && at - 1 == s.after
                    && matches!(self.lower(at - 1), "on" | "of" | "for")
            };
            let other = self.mentions.iter().enumerate().any(|(i, m)| {
                i != s.mention
                    && (window.start..qualifier).contains(&m.words.start)
                    && self.takes_claims(m)
                    && !qualifies_subject(m)
            });
            if !(wrong || denial) || other {
                continue;
            }
            if !denial && self.negated(claim.clone(), &matched) {
                continue;
            }
            let label = |ids: &[Box<str>]| -> String {
                let labels: Vec<&str> = ids
                    .iter()
                    .filter_map(|id| self.book.targets.iter().find(|t| t.id == *id))
                    .map(|t| &*t.label)
                    .collect();
                join(&labels)
            };
            let range = if passive {
                claim
            } else {
                self.own_start(s)..last
            };
            if let Some(note) = &facts.note {
                return self.found(facts, range, note.to_string());
            }
            let mut message = format!("{} ", facts.term);
            if !facts.speeds.is_empty() {
                message.push_str(&format!("speeds up {}", label(&facts.speeds)));
            }
            if !facts.slows.is_empty() {
                if !facts.speeds.is_empty() {
                    message.push_str(" and ");
                }
                message.push_str(&format!("slows down {}", label(&facts.slows)));
            }
            message.push_str(", not the other way round");
            return self.found(facts, range, message);
        }
        None
    }

    /// "RPO is how long we can be down": described with the marks of a concept it is
    /// confused with and none of its own.
    fn confusion(&self, s: &Subject, part: &Part, facts: &EntryFacts) -> Option<FactFinding> {
        if facts.confused_with.is_empty() || self.names_a_program(s.mention) {
            return None;
        }
        // Only a description of the sentence's subject counts: the concept opens the
        // clause (after a determiner), opens it with "In X,", or is the antecedent of a
        // relative clause ("X, which ..."). Then the description starts after "In X," or
        // after a defining word ("is", "means", "measures") at most four words after the
        // subject, with no punctuation between.
        let relative = (matches!(self.lower(part.start), "which" | "that" | "who")
            && s.after == part.start)
            || (matches!(
                self.lower(part.start),
                "so" | "because" | "since" | "as" | "meaning"
            ) && (s.after == part.start + 1
                || (s.after == part.start + 2
                    && matches!(self.lower(part.start + 1), "it" | "they"))));
        // An opening phrase ending in a comma does not count: "In production, RPO ...".
        // A table cell opens where the cell does: "| Checkout | SLI target: 99.95% |".
        let from = (1..=s.start)
            .rev()
            .find(|&i| self.gap_text(i).contains([',', '|']))
            .unwrap_or(0);
        let opens = (from..s.start).all(|i| {
            matches!(
                self.lower(i),
                "the"
                    | "a"
                    | "an"
                    | "our"
                    | "their"
                    | "its"
                    | "this"
                    | "your"
                    | "each"
                    | "every"
                    | "in"
                    | "with"
                    | "under"
                    | "using"
                    | "for"
                    | "during"
                    | "we"
                    | "will"
                    | "to"
                    | "then"
                    | "also"
            )
        });
        // "Content on a push CDN is pulled ...", "Both nodes in the active-passive pair
        // take ...": the parts or contents of the concept open the clause.
        let det = self.back_over(s.start, from, &["the", "a", "an", "our", "each"]);
        let within = det > from
            && det <= from + 4
            && matches!(
                self.lower(det - 1),
                "on" | "in" | "of" | "behind" | "inside" | "within" | "from" | "to"
            )
            && (from..det - 1).all(|i| {
                let w = self.lower(i);
                self.book.is_head(w)
                    || matches!(
                        w,
                        "the"
                            | "a"
                            | "an"
                            | "our"
                            | "both"
                            | "all"
                            | "each"
                            | "every"
                            | "content"
                            | "contents"
                            | "data"
                            | "files"
                            | "assets"
                            | "objects"
                            | "items"
                    )
            })
            && (from..det - 1).any(|i| !matches!(self.lower(i), "the" | "a" | "an" | "our"));
        // "We publish SLIs as objectives", "the contract describes the SLI as the target":
        // what follows "as" is what the concept is taken for.
        let taken = s.after < part.end
            && self.lower(s.after) == "as"
            && self.taken_as(s, &(s.after + 1..s.after + 1));
        if !(opens || relative || s.intro || within || taken) {
            return None;
        }
        let opens = opens || within;
        let start = if s.intro {
            Some(s.after)
        } else if taken {
            Some(s.after + 1)
        } else {
            let mut found = None;
            for i in s.after..(s.after + 5).min(part.end) {
                let gap = self.gap_text(i);
                // "Symmetric encryption: a key pair", "| Push CDN | fetched: on demand |",
                // "RSA, a symmetric cipher, ...".
                if (i == s.after && gap.contains([':', '|', '=']))
                    || (i == s.after
                        && gap.contains(',')
                        && matches!(self.lower(i), "a" | "an" | "the" | "i.e" | "ie"))
                {
                    found = Some(i);
                    break;
                }
                if i > s.after && gap.contains([',', '(', '/', '+', ';']) {
                    break;
                }
                if self.book.define.contains(self.lower(i)) {
                    found = Some(i);
                    break;
                }
            }
            found
        };
        // Without a defining word, a description that starts right after the subject:
        // "Push CDNs fetch content from the origin on the first request".
        // Not across a list's comma: "scale-out, upgrades, and ..." names two things;
        // "Horizontal scaling, which upgrades ..." describes one.
        let listed = self
            .gap_text(s.after)
            .contains([',', ';', '(', '/', '&', '+'])
            && !matches!(
                self.lower(s.after),
                "which" | "where" | "whereby" | "meaning" | "i.e" | "ie" | "namely"
            )
            // "The latency and bandwidth characteristics differ": two things named.
            || matches!(self.lower(s.after), "and" | "or" | "nor" | "vs" | "versus");
        // Past the subject's own head nouns: "RBAC credentials supersede passwords" says
        // what the credentials do, not what RBAC is.
        let mut head_end = s.after;
        while head_end < part.end && self.book.is_head(self.lower(head_end)) {
            head_end += 1;
        }
        let (start, right_after) = match start {
            Some(start) => (start, false),
            // "..., which maintains real-time replicas": a relative clause's verb.
            None if relative && matches!(self.lower(s.after), "which" | "that" | "who") => {
                (s.after + 1, true)
            }
            None if opens && !listed => (head_end, true),
            None => return None,
        };
        let window = start..(start + 14).min(part.end);
        if window.is_empty() {
            return None;
        }
        // Its own marks after the subject say the author has it right; so does a figure
        // in its own kind of unit ("Latency: <5ms for rate check", "Throughput: 4096/ms").
        let own = facts
            .marks
            .iter()
            .any(|p| self.find(p, s.after..part.end, part).is_some())
            || facts
                .quantity
                .as_deref()
                .is_some_and(|q| self.figure_of(q, s.after..part.end));
        if own {
            return None;
        }
        for other_id in &facts.confused_with {
            let Some(other) = self.book.entries.get(other_id) else {
                continue;
            };
            for mark in &other.marks {
                let starts = if right_after {
                    start..(start + 2).min(part.end)
                } else {
                    window.clone()
                };
                let Some((span, matched)) = self.find(mark, starts, part) else {
                    continue;
                };
                // Both named in the same part is a comparison, not a mix-up, unless the
                // name is the mark itself ("uses a public key"); so is a third of the
                // confusable concepts ("for each SLI define a target range (SLO)").
                let named = self.mentions.iter().any(|m| {
                    part.contains(&m.words.start)
                        && m.ids
                            .iter()
                            .any(|id| facts.confused_with.iter().any(|c| **c == **id))
                        && !(span.start <= m.words.start && m.words.end <= span.end)
                        && !other.marks.iter().any(|p| {
                            self.find(p, m.words.start..m.words.start + 1, part)
                                .is_some()
                        })
                });
                if named {
                    continue;
                }
                // "The URL namespaces have been kept": a mark right after the concept and
                // before a verb of its own is a noun the concept names, not a description.
                if right_after && span.start == start && AUXILIARIES.contains(&self.lower(span.end))
                {
                    continue;
                }
                // "URL Prefix Resolver": a name in title case, not a description.
                if right_after && (s.start..span.end).all(|i| self.capitalized(i)) {
                    continue;
                }
                if span.end > window.end + 2
                    || (!s.intro && self.restarts(start..span.start))
                    || self.compared(span.start)
                    || self.mention_in(s.after..span.start, s.mention)
                    || self.negated(s.start..span.end, &matched)
                {
                    continue;
                }
                let message = facts.describes_other(other);
                return self.found(facts, self.own_start(s)..span.end, message);
            }
        }
        None
    }

    /// Whether `range` has a figure of a kind: "time" ("5ms", "2 s", "500 milliseconds")
    /// or "rate" ("300/sec", "4096/ms", "10K events per second", "5,000 RPS").
    fn figure_of(&self, kind: &str, range: Range<usize>) -> bool {
        const TIME: &[&str] = &[
            "ns",
            "us",
            "\u{b5}s",
            "ms",
            "s",
            "sec",
            "secs",
            "second",
            "seconds",
            "millisecond",
            "milliseconds",
            "microsecond",
            "microseconds",
            "min",
            "mins",
            "minute",
            "minutes",
        ];
        let range = range.start..range.end.min(self.words.len());
        range.clone().any(|i| {
            let raw = &*self.words[i].lower;
            let Some(rest) = raw
                .strip_prefix(|c: char| c.is_ascii_digit())
                .map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.'))
            else {
                return false;
            };
            let next = self.lower(i + 1);
            let slash = self.gap_text(i + 1).trim() == "/";
            let per = next == "per" && TIME.contains(&self.lower(i + 2));
            let rate = matches!(rest, "rps" | "qps" | "tps")
                || (rest.is_empty() && matches!(next, "rps" | "qps" | "tps"))
                || (rest.is_empty() && slash && TIME.contains(&next))
                || per;
            let time = (TIME.contains(&rest) && !self.gap_text(i + 1).starts_with('/'))
                || (rest.is_empty() && !slash && TIME.contains(&next) && !per);
            match kind {
                "time" => time && !rate,
                "rate" => rate,
                _ => false,
            }
        })
    }

    /// "The SLI target for checkout is 99.9%", "an SLI goal of 99.95%", "SLI target:
    /// 99.95%": the concept followed by a mark of a concept it is confused with names that
    /// other concept, and a figure given to it says so. "The URL namespaces have been
    /// kept" names no value.
    fn compound_value(&self) -> Option<FactFinding> {
        // No figure in the clause (or just after its last word), no value: most clauses
        // stop here.
        let (first, last) = (self.words.first()?, self.words.last()?);
        let mut end = (last.range.end + 16).min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let digits = self
            .text
            .get(first.range.start..end)
            .is_some_and(|t| t.bytes().any(|b| b.is_ascii_digit()));
        if !digits {
            return None;
        }
        for (mi, m) in self.mentions.iter().enumerate() {
            let Some(facts) = m.facts else { continue };
            if facts.confused_with.is_empty() || m.words.end >= self.words.len() {
                continue;
            }
            let next = m.words.end;
            let Some((other, mark)) = facts
                .confused_with
                .iter()
                .filter_map(|id| self.book.entries.get(id))
                .find_map(|other| {
                    other.marks.iter().find_map(|p| {
                        self.find(p, next..next + 1, &(next..self.words.len()))
                            .filter(|(span, _)| span.start == next && span.len() == 1)
                            .map(|(span, _)| (other, span))
                    })
                })
            else {
                continue;
            };
            // The value: after "of", "is", "are" or a colon, within a few words.
            let Some(at) = (mark.end..(mark.end + 4).min(self.words.len() + 1)).find(|&i| {
                self.gap_text(i).contains([':', '='])
                    || (i < self.words.len() && matches!(self.lower(i), "of" | "is" | "are"))
            }) else {
                continue;
            };
            let from = if at < self.words.len() && !self.gap_text(at).contains([':', '=']) {
                self.words[at].range.end
            } else {
                self.words[at - 1].range.end
            };
            let figure = self.text.get(from..).is_some_and(|rest| {
                rest.trim_start_matches([' ', ':', '='])
                    .starts_with(|c: char| c.is_ascii_digit())
            });
            if !figure
                || (m.words.end..at).any(|i| self.gap_text(i).contains([',', ';', '(']))
                || self.mention_in(mark.end..at, mi)
                || facts.marks.iter().any(|p| {
                    self.find(p, 0..self.words.len(), &(0..self.words.len()))
                        .is_some()
                })
                || (0..at).any(|i| self.clause.negates(i))
            {
                continue;
            }
            return self.found(facts, m.words.start..mark.end, facts.describes_other(other));
        }
        None
    }

    /// "URL: http://..., the prefix is the namespace of the rule": after a comma in
    /// `range`, a defining word within three words starts a statement about something
    /// else.
    fn restarts(&self, range: Range<usize>) -> bool {
        range.clone().any(|c| {
            self.gap_text(c).contains(',')
                && (c + 1..(c + 4).min(range.end)).any(|i| {
                    self.book.define.contains(self.lower(i))
                        && (c..i).all(|w| {
                            !matches!(
                                self.lower(w),
                                "we" | "you"
                                    | "they"
                                    | "it"
                                    | "i"
                                    | "which"
                                    | "that"
                                    | "who"
                                    | "until"
                                    | "when"
                                    | "while"
                                    | "if"
                                    | "as"
                                    | "because"
                                    | "since"
                                    | "so"
                                    | "where"
                                    | "and"
                                    | "or"
                                    | "but"
                                    | "once"
                                    | "before"
                                    | "after"
                            )
                        })
                })
        })
    }

    /// "Vertical scaling (scaling out)", "write-through (write-behind)": a concept
    /// given, alone in parentheses right after it, the name of a concept it is confused
    /// with.
    fn misnamed(&self, acc: &mut Vec<FactFinding>) {
        for pair in self.mentions.windows(2) {
            let [a, b] = pair else { continue };
            let Some(facts) = a.facts else { continue };
            let opens = self.gap_text(b.words.start);
            let closes = if b.words.end < self.words.len() {
                self.gap_text(b.words.end)
            } else {
                self.text
                    .get(self.words[b.words.end - 1].range.end..)
                    .unwrap_or("")
            };
            // "the message queue (PubSub)": one word in camel case names a product.
            let product = b.words.len() == 1 && capital_after(&self.words[b.words.start].raw, 1);
            if b.words.start != a.words.end
                || opens.trim() != "("
                || !closes.trim_start().starts_with(')')
                || self.clause.question
                || product
            {
                continue;
            }
            let Some(other) = b
                .ids
                .iter()
                .find(|id| facts.confused_with.contains(id) && !a.ids.contains(id))
                .and_then(|id| self.book.entries.get(id))
            else {
                continue;
            };
            let message = facts.then_truth(&format!(
                "{} is not another name for {}",
                other.term, facts.term
            ));
            if let Some(found) = self.found(facts, a.words.start..b.words.end, message) {
                acc.push(found);
                return;
            }
        }
    }

    /// A layer of the OSI model written at word `i`: "layer 4", "L4", "the transport
    /// layer", "data link layer". Returns its words and number.
    fn layer_at(&self, i: usize) -> Option<(Range<usize>, u8)> {
        let w = self.lower(i);
        let number = |w: &str| w.parse::<u8>().ok().filter(|n| (1..=7).contains(n));
        if w == "layer" {
            return number(self.lower(i + 1)).map(|n| (i..i + 2, n));
        }
        if let Some(n) = w.strip_prefix('l').and_then(number) {
            return Some((i..i + 1, n));
        }
        let two = format!("{w}-{}", self.lower(i + 1));
        if let Some(&n) = self.book.osi_names.get(two.as_str()) {
            return (self.lower(i + 2) == "layer").then_some((i..i + 3, n));
        }
        let &n = self.book.osi_names.get(w)?;
        (self.lower(i + 1) == "layer").then_some((i..i + 2, n))
    }

    /// "HTTP works at the transport layer", "TCP is a layer 7 protocol", "UDP: L3": a
    /// concept placed at another layer of the OSI model than its own.
    fn osi(&self, s: &Subject, part: &Part, facts: &EntryFacts) -> Option<FactFinding> {
        let own = facts.osi?;
        let mut i = s.after;
        // "| TCP | layer 3 |": "layer" is a head ("the TCP layer") unless a layer follows.
        while i < part.end
            && self.book.is_head(self.lower(i))
            && i < s.after + 2
            && self.layer_at(i).is_none()
        {
            i += 1;
        }
        // "| UDP | L3 |", and "| UDP | Layer | 3 |" read with the column heading.
        let cell = self.gap_text(s.after).contains([':', '|'])
            && (i == s.after || self.gap_text(i).contains([':', '|']));
        let verbs = i;
        while i < part.end && i < verbs + 4 && self.book.osi_verbs.contains(self.lower(i)) {
            i += 1;
        }
        let verb = i > verbs;
        if verb && matches!(self.lower(i), "at" | "in" | "on") && self.lower(i + 1) != "top" {
            // "runs on the transport layer" puts it over that layer, not at it.
            if self.lower(i) == "on" {
                return None;
            }
            i += 1;
        } else if !(verb || cell) {
            return None;
        }
        while matches!(self.lower(i), "the" | "a" | "an" | "osi" | "its" | "own") {
            i += 1;
        }
        let (words, n) = self.layer_at(i)?;
        if n == own || words.end > part.end || self.negated(s.start..words.end, &[]) {
            return None;
        }
        // A layer may have several names ("network" and "IP"); the message uses the
        // alphabetically last, the same on every run, which the lexicon makes the
        // layer's own name.
        let name = |n: u8| {
            self.book
                .osi_names
                .iter()
                .filter(|&(_, &v)| v == n)
                .map(|(k, _)| k)
                .max()
                .map_or(String::new(), |k| format!(" ({})", k.replace('-', " ")))
        };
        let message = format!(
            "{} works at layer {own}{} of the OSI model, not layer {n}{}",
            facts.term,
            name(own),
            name(n)
        );
        self.found(facts, self.own_start(s)..words.end, message)
    }

    /// True when a mark at word `at` is what the subject is compared with, not what it
    /// is: "the SLI was 99.2% against a 99.9% target".
    /// "Asymmetric encryption is faster than symmetric encryption": a comparison between
    /// the subject and the concept after "than" that one of their facts (`more`) turns
    /// around. A comparative followed by "to" ("quicker to set up") is about something
    /// else and is not read; nor is a negated, hedged or qualified one ("for small
    /// payloads", "on some networks").
    fn comparison(&self, s: &Subject, part: &Part) -> Option<FactFinding> {
        let subject = &self.mentions[s.mention];
        for dim in &self.book.comparisons {
            for (says_more, pattern) in dim
                .more
                .iter()
                .map(|p| (true, p))
                .chain(dim.less.iter().map(|p| (false, p)))
            {
                let Some((span, matched)) = self.find(pattern, s.after..s.after + 8, part) else {
                    continue;
                };
                // Or a verb and its object: "Redis answers lookups more slowly than ...".
                let acts = (1..=2).contains(&(span.start - s.after))
                    && !self.gap_text(s.after).contains([',', ';', ':', '(', '|'])
                    && (s.after..span.start).all(|i| {
                        let w = self.lower(i);
                        !self.gap_text(i).contains([',', ';', ':', '(', '|'])
                            && !LINK_BREAKS.contains(&w)
                            && !LOOSE_BREAKS.contains(&w)
                            && !is_denial(w)
                            && self.mention_at(i).is_none()
                    });
                if !(self.links(s.after..span.start, s.mention, true) || acts)
                    || self.negated(s.start..span.end, &matched)
                {
                    continue;
                }
                // "than" within three words, none of them "to" or another concept.
                let Some(than) = (span.end..(span.end + 4).min(part.end))
                    .take_while(|&i| self.lower(i) != "to" && self.mention_at(i).is_none())
                    .find(|&i| self.lower(i) == "than")
                else {
                    continue;
                };
                let Some(object) = (than + 1..(than + 3).min(part.end))
                    .find_map(|i| self.mention_at(i))
                    .filter(|&m| m != s.mention)
                else {
                    continue;
                };
                let other = &self.mentions[object];
                // What follows the object qualifies the comparison ("for small
                // payloads", "on some networks", "to recover"): only an end, a
                // contrast or a reason leave it whole.
                // A comma after the object closes the comparison when what follows is
                // a clause of its own ("Since UDP is slower than TCP, we kept ..."), not
                // a case ("..., at least for small payloads").
                let next = other.words.end;
                let closed = self.gap_text(next).contains([',', ';', ':'])
                    && !matches!(
                        self.lower(next),
                        "at" | "for"
                            | "on"
                            | "in"
                            | "when"
                            | "if"
                            | "under"
                            | "with"
                            | "especially"
                            | "particularly"
                            | "mostly"
                            | "usually"
                            | "often"
                            | "only"
                            | "except"
                            | "unless"
                            | "though"
                            | "although"
                            | "depending"
                    );
                if next < part.end
                    && !closed
                    && !matches!(
                        self.lower(next),
                        "but" | "because" | "since" | "so" | "and" | "which" | "as"
                    )
                {
                    continue;
                }
                let beats = |a: &Mention, b: &Mention| {
                    a.ids.iter().find_map(|id| {
                        let facts = self.book.entries.get(id)?;
                        facts
                            .more
                            .iter()
                            .any(|(d, ids)| *d == dim.id && b.ids.iter().any(|i| ids.contains(i)))
                            .then_some(facts)
                    })
                };
                let (winner, loser) = if says_more {
                    (other, subject)
                } else {
                    (subject, other)
                };
                let Some(facts) = beats(winner, loser) else {
                    continue;
                };
                let loser_term = loser
                    .ids
                    .first()
                    .and_then(|id| self.kb.by_id(id))
                    .map_or("", |e| &*e.term);
                let truth = facts.note.as_deref().unwrap_or(&facts.definition);
                let message = format!(
                    "{} is {} than {}. {}",
                    facts.term,
                    dim.more_label,
                    lower_first(loser_term),
                    truth
                );
                return self.found(facts, self.own_start(s)..other.words.end, message);
            }
        }
        None
    }

    fn compared(&self, at: usize) -> bool {
        (at.saturating_sub(3)..at).any(|i| {
            matches!(
                self.lower(i),
                "against"
                    | "versus"
                    | "vs"
                    | "below"
                    | "above"
                    | "than"
                    | "missed"
                    | "met"
                    | "meets"
                    | "beat"
                    | "beats"
                    | "exceeds"
                    | "exceeded"
            )
        })
    }

    /// Where the spelled-out form starts after "X stands for", "X is short for", "X is an
    /// abbreviation of/for", for an acronym that ends at word `end`.
    fn spelled_out_at(&self, end: usize) -> Option<usize> {
        let from = match (self.lower(end), self.lower(end + 1), self.lower(end + 2)) {
            ("stands", "for", _) => end + 2,
            ("is", "short", "for") => end + 3,
            ("is", "an", "abbreviation") if matches!(self.lower(end + 3), "for" | "of") => end + 4,
            _ => return None,
        };
        // The negation test reads the whole clause: only for the rare acronym that has a
        // spelling-out after it.
        (!self.clause.question && !self.negated(end.saturating_sub(1)..from, &[])).then_some(from)
    }

    /// "RPO (recovery time objective)": an acronym with a wrong expansion beside it.
    fn expansions(&self, acc: &mut Vec<FactFinding>) {
        for m in self.mentions {
            let acronym = &*self.words[m.words.start].raw;
            if m.words.len() != 1
                || acronym.len() < 2
                || !acronym.chars().all(|c| c.is_ascii_uppercase())
            {
                continue;
            }
            let Some(entry) = m.ids.first().and_then(|id| self.kb.by_id(id)) else {
                continue;
            };
            let lower = acronym.to_lowercase();
            // "RPO (recovery ... objective)" or "recovery ... objective (RPO)".
            let after = self.gap_text(m.words.end);
            let before = self.gap_text(m.words.start);
            // The parenthesis closes before the next word, or after the clause's last one.
            let closes = |i: usize| match self.words.get(i + 1) {
                Some(_) => self.gap_text(i + 1).contains(')'),
                None => self
                    .text
                    .get(self.words[i].range.end..)
                    .is_some_and(|rest| rest.trim_start().starts_with(')')),
            };
            let expansion: Option<Range<usize>> = if after.trim() == "(" {
                let end = (m.words.end..self.words.len())
                    .find(|&i| closes(i))
                    .filter(|&e| e - m.words.end < 6);
                end.map(|e| m.words.end..e + 1)
            } else if before.trim() == "("
                && self.gap_text(m.words.end).trim_start().starts_with(')')
                || (before.trim() == "(" && m.words.end == self.words.len())
            {
                let n = acronym.len();
                (n..=n + 2)
                    .filter(|&k| k <= m.words.start)
                    .map(|k| m.words.start - k..m.words.start)
                    .find(|r| spells(self.words, r.clone(), &lower))
            } else if let Some(from) = self.spelled_out_at(m.words.end) {
                // "URI stands for Uniform Resource Locator": the words that spell the
                // acronym, or that name another concept.
                let n = acronym.len();
                let fits = |k: usize| {
                    from + k <= self.words.len()
                        && (from + 1..from + k)
                            .all(|i| !self.gap_text(i).contains([',', ';', '(', ')', ':']))
                };
                let spelled = (n.saturating_sub(1).max(2)..=n + 2)
                    .filter(|&k| fits(k))
                    .find(|&k| spells(self.words, from..from + k, &lower));
                let named = || {
                    (2..=n + 2).rev().filter(|&k| fits(k)).find(|&k| {
                        let written: Vec<&str> =
                            (from..from + k).map(|i| &*self.words[i].raw).collect();
                        self.kb.lookup(&written.join(" ")).is_some()
                    })
                };
                spelled.or_else(named).map(|k| from..from + k)
            } else {
                None
            };
            let Some(expansion) = expansion else { continue };
            let written: Vec<&str> = expansion.clone().map(|i| &*self.words[i].raw).collect();
            let written = written.join(" ");
            let named = self.kb.lookup(&written);
            if named.is_some_and(|named| named.id == entry.id) {
                continue;
            }
            // An expansion spells the acronym, or names another concept outright:
            // "SLI (service level agreement)".
            // A one-word aside is no expansion: "VM (pod)", "YAML (Kubernetes)".
            if !spells(self.words, expansion.clone(), &lower)
                && (expansion.len() < 2
                    || !named.is_some_and(|n| n.names().any(|x| x.eq_ignore_ascii_case(&written))))
            {
                continue;
            }
            // An expansion starts with the acronym's letter: "Argo CD (API Server)" names
            // what Argo CD is, not what CD stands for.
            if !self.words[expansion.start].lower.starts_with(&lower[..1]) {
                continue;
            }
            // The right expansion is a name of the entry that spells the acronym; an entry
            // whose names do not ("ALB" of "Layer 7 load balancing") leaves it unsaid.
            let spelled_by = |n: &&str| {
                n.split([' ', '-'])
                    .filter_map(|w| w.chars().next())
                    .map(|c| c.to_ascii_lowercase())
                    .eq(lower.chars())
            };
            let Some(right) = entry.names().find(spelled_by) else {
                continue;
            };
            // A name of another concept, or the right name with one word changed.
            let other = self.kb.lookup(&written).is_some_and(|e| e.id != entry.id);
            let right_words: Vec<String> =
                right.split([' ', '-']).map(|w| w.to_lowercase()).collect();
            let differs = acronym.len() >= 3
                && right_words.len() == expansion.len()
                && right_words
                    .iter()
                    .zip(expansion.clone())
                    .filter(|(r, i)| !same_stem(r, &self.words[*i].lower))
                    .count()
                    == 1;
            // "Time to Link (TTL)", "a real-time clock (RTC)": a name written out before
            // its acronym introduces the author's own term; only one that names another
            // concept of ours is a mix-up there.
            let introduced = expansion.end <= m.words.start;
            if !(other || (differs && !introduced)) {
                continue;
            }
            let family = self
                .book
                .entries
                .get(&entry.id)
                .map_or(DEFAULT_FAMILY.into(), |f| f.family.clone());
            let span = m.words.start.min(expansion.start)..m.words.end.max(expansion.end);
            acc.push(FactFinding {
                code: family,
                range: self.words[span.start].range.start..self.words[span.end - 1].range.end,
                message: format!("{acronym} stands for {right}, not {written}"),
            });
        }
    }
}

/// Negations that deny a property outright ("not", "never", "cannot", "lacks", "no",
/// "doesn't"); not "rather", "instead" or "without".
/// Programs named after a concept ("the OAuth server", "a gRPC library"): what they do
/// is not what the concept is. Not "service": "RESTful services" are REST.
const COMPONENTS: &[&str] = &[
    "server",
    "servers",
    "provider",
    "providers",
    "client",
    "clients",
    "library",
    "libraries",
    "sdk",
    "operator",
    "plugin",
    "daemon",
    "agent",
];

/// Words that end any link between a concept and a property (`Cx::links`): a reason, a
/// time or a comparison starts.
const LINK_BREAKS: &[&str] = &[
    "because", "since", "so", "than", "when", "after", "before", "until", "while", "unless",
    "although", "less", "more", "fewer",
];

/// Words that also end a loose link (`Cx::loosely_links`): conjunctions and prepositions
/// that could open another clause or object, and verbs that take a property away.
const LOOSE_BREAKS: &[&str] = &[
    "if",
    "whether",
    "but",
    "whereas",
    "instead",
    "rather",
    "without",
    "from",
    "to",
    "for",
    "with",
    "by",
    "or",
    "and",
    "nor",
    "that",
    "which",
    "who",
    "into",
    "how",
    "what",
    "where",
    "as",
    "reduces",
    "reduce",
    "prevents",
    "prevent",
    "avoids",
    "avoid",
    "removes",
    "remove",
    "eliminates",
    "eliminate",
    "limits",
    "limit",
];

/// Nouns after a property that make it a kind of them: "NoSQL features", "SQL-style
/// extensions".
const KINDS_OF: &[&str] = &[
    "feature",
    "features",
    "capability",
    "capabilities",
    "extension",
    "extensions",
    "style",
];

/// Nouns before "of" that make the concept after them something else: "a version of".
const VARIANTS: &[&str] = &[
    "version",
    "versions",
    "variant",
    "variants",
    "flavor",
    "flavour",
    "dialect",
    "fork",
    "extension",
    "extensions",
    "profile",
    "superset",
    "derivative",
];

/// Word prefixes of verbs whose object is set against what follows "with", "for" or
/// "by".
const REPLACING: &[&str] = &[
    "replac",
    "swap",
    "substitut",
    "exchang",
    "compar",
    "contrast",
    "pair",
    "combin",
    "complement",
    "supplement",
    "augment",
];

/// Words between an effect and its target that leave the target what is affected: "the
/// chance of serving stale data", "the number of joins".
const EFFECT_MEASURES: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "chance",
    "chances",
    "risk",
    "likelihood",
    "odds",
    "probability",
    "amount",
    "number",
    "serving",
    "returning",
    "reading",
    "seeing",
    "getting",
];

/// Whether `w` names doing something again: "retries", "replaying", "re-execution" (a
/// prefix "re" glued by a hyphen is a word of its own).
fn repeats(w: &str) -> bool {
    w == "re"
        || ["retr", "repeat", "replay", "redeliver", "rerun"]
            .iter()
            .any(|r| w.starts_with(r))
}

/// Whether `w` is a form of a verb of replacing or comparing ("trades the old model for
/// ...", not "tradeoff").
fn is_replacing(w: &str) -> bool {
    REPLACING.iter().any(|r| w.starts_with(r))
        || matches!(w, "trade" | "trades" | "traded" | "trading")
}

fn is_denial(w: &str) -> bool {
    matches!(
        w,
        "not"
            | "no"
            | "neither"
            | "never"
            | "cannot"
            | "lacks"
            | "lack"
            | "doesnt"
            | "isnt"
            | "dont"
            | "wont"
    ) || w.ends_with("n't")
        || w.ends_with("n\u{2019}t")
}

/// The first letters of the words in `range`, without the short words an acronym usually
/// skips ("point of presence"); where the acronym spells one of them ("time to live",
/// TTL), [`spells`] tries both.
fn initials(words: &[Word], range: Range<usize>) -> String {
    range
        .filter_map(|i| words.get(i))
        .filter(|w| !matches!(&*w.lower, "of" | "and" | "the" | "for" | "to" | "a"))
        .filter_map(|w| w.lower.chars().next())
        .collect()
}

/// Whether the words in `range` spell `acronym` (lowercase), with or without their short
/// words.
fn spells(words: &[Word], range: Range<usize>, acronym: &str) -> bool {
    initials(words, range.clone()) == acronym
        || range
            .filter_map(|i| words.get(i))
            .filter_map(|w| w.lower.chars().next())
            .eq(acronym.chars())
}

/// Whether `w` says a value is lower (`Some(false)`) or higher (`Some(true)`).
fn size_word(w: &str) -> Option<bool> {
    match w {
        "lower" | "lowering" | "shorter" | "short" | "low" | "smaller" | "small" | "reduced"
        | "reducing" | "decreasing" | "decreased" | "tiny" | "reduce" | "reduces" | "decrease"
        | "shorten" | "shortening" | "lowers" | "lowered" => Some(false),
        "higher" | "raising" | "longer" | "long" | "high" | "larger" | "large" | "bigger"
        | "increased" | "increasing" | "huge" | "raise" | "raises" | "increase" | "increases"
        | "lengthen" | "extend" | "extending" | "raised" => Some(true),
        _ => None,
    }
}

/// Items for a message: "a", "a and b", "a, b and c".
fn join(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        // Keep acronyms and names as written ("TCP", "Transmission Control Protocol").
        Some(c)
            if chars.clone().next().is_some_and(|n| n.is_lowercase())
                && !chars.clone().any(|n| n.is_uppercase()) =>
        {
            c.to_lowercase().chain(chars).collect()
        }
        Some(c) => std::iter::once(c).chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::fixture;

    fn findings(text: &str) -> Vec<String> {
        let (analysis, doc) = fixture::parse(&format!("//- /docs/notes.md\n{text}\n"));
        analysis
            .diagnostics(&doc)
            .into_iter()
            .map(|d| format!("{} {:?}: {}", d.code, &doc.text[d.range], d.message))
            .collect()
    }

    fn flags(text: &str) -> bool {
        !findings(text).is_empty()
    }

    /// Each of `wrong` gets a finding; none of `right` does.
    fn expect(wrong: &[&str], right: &[&str]) {
        for text in wrong {
            assert!(flags(text), "{text}: {:?}", findings(text));
        }
        for text in right {
            assert!(!flags(text), "{text}: {:?}", findings(text));
        }
    }

    /// Shapes in public system-design notes (corpus 17, session 18) that raised false
    /// alarms: "safe" to retry, a figure in the concept's own unit, a breaker that stops
    /// retries, a web domain, an index of a size or one that is missing, a concept that
    /// grows, and a list after the concept.
    #[test]
    fn shapes_in_system_design_notes() {
        expect(
            &[
                "Idempotent means safe.",
                "Latency is the number of requests per second.",
                "Throughput is how long one request takes.",
                "We shard by domain: billing, catalog and search each get their own database.",
                "Each extra index improves insert performance.",
                "Read replicas take writes from the application.",
                "Our read replicas are read/write.",
                // A wrong name is still read in a heading.
                "#### Authorization (authn) interface",
                // A heading of advice is no list of mistakes.
                "### Don't over-engineer early\n\n1. Single-region systems don't have partitions.",
            ],
            &[
                "### Idempotency for Safe Retries",
                "- Idempotent: re-applying the same config is safe",
                "- Latency: <5ms for rate check",
                "- Latency: 500ms (cached, 40%+ hit rate) to 2s (full path)",
                "| Throughput | 4096/ms/worker | Unlimited |",
                "Circuit breaker stops retries.",
                "Rate limiting at ingress prevents this retry storm from propagating.",
                "- Circuit breaker before retry (don't retry if server is down)",
                "- Sharded by domain to enable per-domain rate limiting",
                "- Indexes become huge, queries slow",
                "- Degrades performance: larger indexes, slower queries",
                "Missing index = slow reads.",
                // A cell that is a sentence of its own is not read with its heading.
                "| Strategy | Read path | Write path | Consistency |\n|---|---|---|---|\n| **Read-through** | Cache checks DB on miss automatically | App writes cache only | Consistent reads |",
                // Wrong views shown as wrong: a line marked with a cross, a section of
                // pitfalls or myths.
                "- \u{274c} **Using POST for everything:** POST is idempotent, so retries are safe.",
                "## Common pitfalls\n\nWe are a CA system because we run in one region.",
                "### Myths\n\n- UDP guarantees ordering.",
                // A heading names a topic.
                "# Write-Behind Caching: Async Persistence, Durability Windows, and Failure Recovery",
                // Connections split by reads and writes; copies of writes.
                "7. **Read replicas**: Separate read/write database connections",
                "**Followers (replicas):** Receive copies of writes. Serve reads.",
                // A choice per scope names both CAP sides: neither is said of the other.
                "| V2 | Partitions rare | CP for core data, AP for engagement metrics |",
                "Systems often use CP for some operations and AP for others.",
                // NGINX Gateway Fabric's proposal: a feature's status, not a breaker.
                "| Feature | Status |\n|---|---|\n| Rate-limiting | Open |",
                "| Why is high cardinality dangerous? | Index explosion, memory pressure, slow queries |",
            ],
        );
    }

    /// "there's" is "there is"; a failure after "if" is the scene a claim about failure is
    /// tested in, not a condition on it; a concept inside a condition is not the subject;
    /// "unlike X" after a claim contrasts and leaves the claim whole.
    #[test]
    fn contractions_failure_scenes_conditions_and_trailing_contrasts() {
        expect(
            &[
                "We picked write-back caching because there's no risk of data loss.",
                "Write-back caching has no risk of data loss if the cache node dies.",
                "We picked write-back caching because there's no risk of data loss if the cache node dies.",
                "With write-through caching, acknowledged writes can be lost if the Redis node crashes.",
                "The SLO is the contract we sign with customers, with service credits if we miss it.",
                "More frequent backups lower the RTO.",
                "UDP retransmits lost packets, unlike TCP.",
                "Write-through makes writes faster compared to write-behind.",
                "TCP does not retransmit lost segments if the link fails.",
                "Cookie-based routing is configured on the NLB.",
                "Header-based routing is handled at the L4 load balancer.",
                "We chose write-back because it\u{2019}s durable.",
            ],
            &[
                "Write-behind is durable if the cache is replicated.",
                "With write-behind, writes can be lost if the cache node dies before flushing.",
                "It's the cache's job to hold hot keys.",
                "If we miss the SLO two months running, we freeze feature launches.",
                "More frequent snapshots lower the RPO.",
                "TCP retransmits lost packets, unlike UDP.",
                "Write-behind makes writes faster compared to write-through.",
                "Compared with write-behind, write-through makes writes slower.",
                "TCP does not retransmit lost segments if keepalive is off.",
                "Cookie-based routing is configured on the ALB.",
                "Cookie-based routing is configured in the ingress, in front of the NLB.",
                "Unlike TCP, UDP does not retransmit lost packets.",
                "\u{130}t\u{2019}s fine; IT'S fine; it\u{2019}s UDP\u{2019}s job.",
            ],
        );
    }

    #[test]
    fn asides_requirements_purposes_and_features_of_a_concept() {
        expect(
            &[
                "POST, which is idempotent, can be retried by the client.",
                "The NLB, a layer 4 balancer, routes requests by URL path.",
                "The NLB (layer 4) routes requests by URL path.",
                "Path-based routing requires the NLB in front of the cluster.",
                "Guaranteed in-order delivery requires UDP.",
                "For guaranteed ordering, we use UDP.",
                "To get reliable delivery, the agents send their reports over UDP.",
                "Guaranteed ordering is a key feature of UDP.",
                "Idempotency is a property of POST.",
            ],
            &[
                "POST, which is not idempotent, needs an idempotency key.",
                "The ALB, a layer 7 balancer, routes requests by URL path.",
                "The NLB (layer 4) forwards TCP connections to the pods.",
                "Path-based routing requires an L7 load balancer in front of the cluster.",
                "Path-based routing requires more than the NLB.",
                "In-order delivery requires UDP plus a sequencing layer.",
                "For low latency, we use UDP and accept some loss.",
                "For guaranteed ordering, we use TCP, not UDP.",
                "Low overhead is a key feature of UDP.",
                "Idempotency is a property of PUT.",
            ],
        );
    }

    #[test]
    fn a_passive_describes_its_agent() {
        expect(
            &[
                "Dirty reads are prevented by durability.",
                "The maximum tolerable downtime is set by the RPO.",
                "Permission checks are handled by authentication.",
            ],
            &[
                "Dirty reads are prevented by isolation.",
                "Dirty reads are prevented by the isolation level, not by durability.",
                "The maximum tolerable downtime is set by the RTO.",
                "Data loss after a commit is prevented by durability.",
                "Who the caller is gets established by authentication.",
                "Is the maximum downtime set by the RPO?",
            ],
        );
    }

    #[test]
    fn a_neighbour_named_in_parentheses_is_a_wrong_name() {
        expect(
            &[
                "- Vertical scaling (scaling out): add more machines",
                "We use write-through caching (write-behind) for the profile table.",
                "Authentication (authorization) happens at the gateway.",
            ],
            &[
                "Horizontal scaling (scaling out) adds machines.",
                "Cache-aside (lazy loading) fills the cache on a miss.",
                "Scaling up (vs. scaling out) is simpler at first.",
                "Authentication (and later authorization) happens at the gateway.",
                "Is it write-through (write-behind)?",
            ],
        );
    }

    /// False alarms found on design docs nobody had read in session 11 (.NET designs,
    /// KubeEdge and Volcano proposals).
    #[test]
    fn handing_over_removed_costs_values_and_lists_are_no_claims() {
        expect(
            &[
                "UDP guarantees in-order delivery to the application.",
                "UDP backs off on congestion.",
                "UDP handles retransmission up to the application.",
                "The Bloom filter does not produce false positives.",
                "Indexes make writes faster.",
                "URL: the permanent name of a resource, wherever it lives.",
                "Latency is the bandwidth of the link.",
            ],
            &[
                "UDP leaves in-order delivery to the application.",
                "UDP leaves retransmission up to the caller.",
                "UDP hands retransmission over to the application.",
                "The Bloom filter never returns false negatives.",
                "Pre-computed indices eliminate expensive joins.",
                "- URL: http://gateway/{node}/{ns}, {ns} is the namespace of the rule.",
                "The latency and bandwidth characteristics differ between tiers.",
            ],
        );
    }

    /// False alarms found on design docs nobody had read (OpenShift enhancements, an ADR
    /// collection), with the mistakes of the same shapes that still count.
    #[test]
    fn list_items_replacements_and_programs_named_after_a_concept() {
        expect(
            &[
                "Horizontal scaling, which upgrades the CPU and memory of the existing host, avoids any change to the application.",
                "We replaced the JWT library; JWTs are encrypted, so the claims stay hidden.",
                "OAuth is used for authentication.",
                "Authorization is the only step that checks the user's password.",
                "Write-through leaves stale entries in the cache after every update.",
                "Write-behind is durable, so a cache crash loses nothing.",
                "Cache-aside preloads the entire dataset into Redis at startup.",
                "UDP delivers datagrams in order, so the client needs no sequence numbers.",
                "The SLA is our internal latency target.",
            ],
            &[
                // A list: the next item is another thing, not a description.
                "It must work with these use cases: self-signed certs, scale-out, upgrades, and restricted-network installs.",
                "## ADR-010 -- Tenancy, RBAC, credentials: first-class security posture",
                // What follows "with" after "replace" is the replacement.
                "Replace JWTs with server-issued opaque tokens backed by a session store.",
                "We will swap the JWTs for opaque session IDs.",
                // A rate limit is no rate of work.
                "- **Latency**: Introduces processing overhead for rate limit checks",
                // An OAuth server does authenticate users.
                "OAuth Server - Authenticates users via the customer's identity providers.",
                "When the built-in OAuth server is used for authentication, the operator manages it.",
                // Nor is an authorization server's sign-in flow authorization mistaken for
                // authentication (an architecture doc of Altinn).
                "The authorization-server flow is now the **only** live browser sign-in path.",
                // OAuth with OpenID Connect does authenticate; TLS runs over UDP in DTLS
                // and QUIC; a Redis ACL user is an identity (fresh enhancement proposals).
                "ToolHive MCP servers need to authenticate users via OAuth/OIDC.",
                "OpenID Connect (OIDC): A modern authentication protocol built on OAuth 2.0.",
                "Support TLS over UDP or UDP-based protocols such as QUIC.",
                "- **Authentication**: ACL user only (Redis 6+ required)",
                "For each Service Level Indicator define a target range (SLO) for some known setup.",
                "The ordering of operations and idempotency guarantees ensure crash-safe recovery.",
                "RBAC credentials supersede the bucket name / password combinations used in the classic authenticator.",
                "The PR enables binary serialization in JSON protocol via a codec provider.",
                // A denial under a case the clause opens with (an OpenShift enhancement).
                "For TLS passthrough, HAProxy uses the source IP address, so it can't look at cookies.",
                // A case, not a rule (a Drasi design document).
                "1. **At Least Once processing** - Every source event will be processed exactly once by the query engine when it uses a persistent index.",
                "Write-through keeps the cache from going stale.",
                "Write-behind trades durability for write latency.",
                // A purpose, not an order of delivery.
                "Egress Service also uses IP rules. It uses iptables in order to SNAT packets.",
                "UDP is used in order to keep the handshake cost down.",
                // Reasons listed against an option (an ADR of Velox Global).
                "| **Microservices** | Premature optimization, operational overhead exceeds current requirements |",
                // An SLA does set targets, with consequences attached.
                "| Entity | Description |\n| --- | --- |\n| **SLA / SLAPolicy** | A service-level agreement defining target response and resolution times |",
            ],
        );
    }

    #[test]
    fn comparisons_turned_around() {
        expect(
            &[
                "Asymmetric encryption is faster than symmetric encryption.",
                "Symmetric encryption is slower than asymmetric encryption, so TLS avoids it for bulk data.",
                "TCP is faster than UDP because it has less header overhead.",
                "Layer 7 load balancing is faster than layer 4 load balancing.",
                "Hot sites are cheaper than cold sites.",
                "A cold site is more expensive than a hot site.",
                "JSON is more compact than Protocol Buffers.",
                "We chose strong consistency, which has lower latency than eventual consistency.",
                "Virtual machines are lighter than containers.",
                "Since UDP is slower than TCP, we kept the telemetry path on TCP.",
            ],
            &[
                "Symmetric encryption is faster than asymmetric encryption.",
                "UDP is faster than TCP for small payloads.",
                "TCP is not faster than UDP.",
                "Is TCP faster than UDP?",
                "TCP might be faster than UDP on some networks.",
                "Cold sites are cheaper than hot sites but slower to recover.",
                "Cold sites are quicker to set up than hot sites.",
                "Layer 4 load balancing is faster than layer 7 load balancing but cannot route on paths.",
                "Unlike UDP, TCP is slower than a raw socket.",
                "A hot site costs more than a cold site.",
                "TCP is faster than UDP, at least for small payloads.",
            ],
        );
    }

    #[test]
    fn a_relative_clause_is_about_the_noun_it_follows() {
        expect(
            &[
                "We chose JSON, which is a compact binary encoding.",
                "UDP packets, which are always delivered in order, carry the video.",
            ],
            &[
                "MongoDB stores JSON-like documents as BSON, which is a binary format.",
                "The API accepts JSON or Avro, which is a binary format.",
            ],
        );
    }

    #[test]
    fn degrading_to_something_is_no_slowdown() {
        // Jaeger RFC 0016: "degrades to" falls back to a coarser result.
        expect(
            &["Adding an index degrades read performance."],
            &[
                "The two service indices stop at the trace, so any query touching them degrades to trace granularity.",
            ],
        );
    }

    #[test]
    fn a_property_after_a_plain_run_of_words_or_before_its_agent() {
        expect(
            &[
                "UDP senders have to perform a handshake first.",
                "Our consistent hashing ring reshuffles all keys when a node is added.",
                "The latest write is always returned by the AP store, even while the regions are split.",
                "The interface of the wrapped object is changed by the decorator pattern.",
                // Session 17: the property goes on after the agent.
                "Messages are deleted by Kafka once consumers have read them.",
            ],
            &[
                // Another clause's subject, an object and a denial verb in the run.
                "A modular monolith can later be split into services that are deployed independently.",
                "The mediator pattern reduces how tightly coupled the widgets are.",
                "Banning based on IP should be sufficient as the secret connection handshake prevents spoofing.",
                "The latest write is never returned by the AP store during a partition.",
                "Stale data may be returned by the AP store during a partition.",
                "Old segments are deleted by Kafka once retention expires.",
                "Messages are deleted by Kafka after the retention period, whether or not consumers have read them.",
            ],
        );
    }

    /// False alarms on design docs read in session 12 (Gardener GEP 14, PipeCD RFC 3,
    /// Univention ADR, Pinniped proposal 1859).
    #[test]
    fn product_names_variants_kinds_and_compounds_are_no_claims() {
        expect(
            &[
                "UDP opens a connection before it sends data.",
                "We use OAuth 2.0 for authenticating users.",
                "PostgreSQL is a NoSQL database.",
            ],
            &[
                "Independent of that we can also use UDP for the OpenVPN connection.",
                "GitHub uses a slightly customized version of OAuth 2.0 for authenticating users.",
                "We're considering between PostgreSQL and MySQL for those NoSQL support features.",
                "Since the setup was inherited, the URL namespaces have been kept.",
                // Session 12, on docs nobody had read (template-infra ADR, SlateDB RFC
                // 14, Hedera HIP 584, Sovereign Cloud Stack, a Vac RFC).
                "This is because application infrastructure can be designed to be stateless while databases are inherently stateful.",
                "Currently, the WAL is buffered in memory in a KVTable.",
                "A new `/api/v1/contracts/call` POST REST API will be added to execute read-only queries and gas estimate.",
                "Since their early days, PCs have included a battery-backed real-time clock (RTC).",
                "- Time to Link (TTL): > 9 epochs",
            ],
        );
        expect(
            &[
                "The WAL is an in-memory buffer, so it is gone after a crash.",
                "RPO (recovery performance objective) is one hour.",
                "POST is safe to retry.",
            ],
            &[],
        );
    }

    #[test]
    fn a_purpose_after_a_choice_and_a_scene_set_by_when() {
        expect(
            &[
                "We chose write-behind so that no acknowledged write can ever be lost.",
                "We went with UDP for the ticker feed so that every quote arrives in the order it was sent.",
                "When UDP is used, packets are delivered in sequence to the application.",
                "When cache-aside is used, the cache is filled whenever a row is updated.",
                "When etcd is partitioned, both halves keep taking writes.",
            ],
            &[
                "We chose write-behind so that writes return quickly.",
                "When UDP is used, packets may arrive out of order.",
                "We turned on synchronous replication so that failover loses no acknowledged writes.",
                "With asynchronous replication, a failover can lose acknowledged writes.",
                "If write-through is enabled, writes are slower.",
                "When UDP loses a packet, nothing resends it.",
                "If the cache is used, reads are faster.",
            ],
        );
    }

    #[test]
    fn properties_in_many_shapes() {
        expect(
            &[
                "UDP guarantees ordered delivery.",
                "Ordering is guaranteed by UDP.",
                "We picked UDP, which retransmits lost packets.",
                "UDP packets always arrive in order.",
                "TCP is a connectionless protocol.",
                "GET, PUT and POST are idempotent.",
                "POST | Creates a resource | Idempotent: yes",
                "We picked UDP for the feed. It retransmits anything the network drops.",
                "- 2PC: non-blocking, even if the coordinator fails",
                "UDP guarantees delivery.",
                "We use UDP, which guarantees that every packet arrives.",
                "UDP packets are guaranteed to arrive.",
                "All UDP deployments are ordered.",
                "We send telemetry over UDP, a reliable transport, to the collector.",
                "TCP, a connectionless protocol.",
            ],
            &[
                "TCP guarantees delivery.",
                "UDP guarantees delivery time bounds no better than TCP.",
                "Unlike UDP, a reliable protocol retransmits lost packets.",
                "For UDP, a reliable layer must be added on top.",
                "We replaced UDP, a lossy transport, with TCP.",
                "UDP, a connectionless protocol, needs no handshake.",
                "For UDP, reliability must come from the application.",
                "With UDP, retransmission is the application's job.",
                "In UDP, ordering is left to the application.",
            ],
        );
    }

    /// "In X, Y ...": what follows the comma is about the concept Y that opens it, when
    /// there is one, and otherwise about X.
    #[test]
    fn the_concept_after_an_intro_is_the_subject() {
        expect(
            &[
                "In an LSM tree, compaction makes reads slower.",
                "In primary-replica replication, the read replicas accept all writes.",
            ],
            &[
                "In an LSM tree, compaction makes reads faster.",
                "In an LSM tree, compaction keeps reads fast.",
                "In primary-replica replication, the read replicas only serve reads.",
            ],
        );
    }

    /// A concept name used as a verb ("delivery retries a message") and a concept named
    /// by its role ("Redis as a message broker") leave the claim with its subject.
    #[test]
    fn concept_verbs_and_roles() {
        expect(
            &[
                "At-most-once delivery retries a message until the consumer acknowledges it.",
                "Redis as a message broker guarantees that messages are never lost.",
            ],
            &[
                "At-most-once delivery never retries a message.",
                "Redis as a message broker can lose messages on a crash.",
                "Redis is useful as a simple message broker, but messages can be lost.",
            ],
        );
    }

    /// "Only" before a condition or a scope hedges; before what the subject does it is
    /// part of the claim.
    #[test]
    fn only_hedges_a_condition_or_scope() {
        expect(
            &[
                "In primary-replica replication, the read replicas accept all writes and the primary only serves reads.",
                "We use Flink, which only processes data in nightly batches, for the fraud scores.",
            ],
            &[
                "UDP guarantees delivery only if the application retransmits.",
                "Kafka orders messages only within a partition, never across all partitions of a topic.",
                "Kafka guarantees ordering across partitions only when the topic has one partition.",
            ],
        );
    }

    #[test]
    fn asides_neither_nor_and_later_possessives() {
        expect(
            &[
                "We made order creation a POST because POST requests, like PUT, are idempotent.",
                "POST, like PUT, is idempotent.",
                "- DELETE: neither safe nor idempotent",
                "DELETE is neither safe nor idempotent.",
                "| GET | safe: no | cacheable: no |",
                "Our UDP-based exporter relies on UDP's congestion control to avoid flooding the collector.",
                "Our L4 load balancer routes /api/* and /static/* to different pools based on the URL path.",
                "ZooKeeper (an AP system) stores our feature flags.",
                "UDP (a reliable protocol) carries the telemetry.",
            ],
            &[
                "UDP (an unreliable protocol) carries the telemetry.",
                "TCP (a reliable protocol) carries the telemetry.",
                "PUT, like DELETE, is idempotent.",
                "POST is neither safe nor idempotent.",
                "DELETE is neither safe nor cacheable.",
                "| GET | safe: yes | cacheable: yes |",
                "Our UDP-based exporter works around the lack of UDP's congestion control.",
                "We avoid relying on UDP's congestion control, which does not exist.",
                "Our L7 load balancer routes /api/* and /static/* to different pools based on the URL path.",
                "Our L4 load balancer routes connections to different pools based on the source IP.",
            ],
        );
    }

    #[test]
    fn a_chosen_concept_and_what_follows_from_it() {
        for text in [
            "Because we picked a CP configuration, both sides of a network split continue to accept writes.",
            "ZooKeeper is a CP system, so during a partition every node keeps serving writes.",
            "Our AP store is eventually consistent, so during a partition every node keeps serving writes.",
        ] {
            let wrong = !text.starts_with("Our AP");
            assert_eq!(flags(text), wrong, "{text}: {:?}", findings(text));
        }
        for text in [
            "Because we picked a CP configuration, the minority side stops accepting writes during a network split.",
            "Because we picked an AP configuration, both sides of a network split continue to accept writes.",
            "If we picked a CP configuration, both sides of a network split could not continue to accept writes.",
        ] {
            assert!(!flags(text), "{text}: {:?}", findings(text));
        }
    }

    #[test]
    fn a_condition_inside_a_relative_clause_is_that_clauses() {
        expect(
            &[
                "The SLI is the contract with customers that specifies refunds if uptime falls below 99.9%.",
                "The SLO is a metric we track.",
            ],
            &[
                "UDP is reliable if the application adds acknowledgements.",
                "The SLI is the contract with customers if you ask sales.",
                "The SLO is a target for a metric we measure.",
                "Our SLO is 99.9% measured availability over 30 days.",
            ],
        );
    }

    #[test]
    fn isolation_levels_and_cap_classes() {
        expect(
            &[
                "Read committed prevents phantom reads.",
                "Snapshot isolation prevents write skew.",
                "Repeatable read allows non-repeatable reads.",
                "ZooKeeper is an AP system.",
                "Eureka favours consistency over availability.",
                "Monotonic reads guarantee that every read returns the latest write.",
            ],
            &[
                "Read committed prevents dirty reads but still allows non-repeatable reads.",
                "Snapshot isolation does not prevent write skew.",
                "Unlike snapshot isolation, serializable isolation prevents write skew.",
                "etcd favours consistency over availability.",
                "Monotonic reads guarantee a client never sees older data after newer data.",
                // A ScyllaDB design doc: a replica set is not a read replica.
                "The server derives it from the tablet's current replica set (and, for strongly consistent tablets, from the tablet's Raft leader).",
            ],
        );
    }

    #[test]
    fn coordinated_verb_phrases() {
        expect(
            &[
                "Write-through writes to the cache first and updates the database asynchronously later.",
                "We chose write-through for the ledger table, which makes writes very fast.",
            ],
            &[
                "Write-through writes to the cache first and updates the database synchronously.",
                "Write-through writes to the cache first, and write-behind updates the database later.",
                "UDP sends datagrams without a handshake and TCP retransmits lost packets.",
                "We chose write-through for the ledger table, which makes reads of fresh data fast.",
                "We chose write-through over write-behind, which makes writes very fast.",
            ],
        );
    }

    #[test]
    fn the_parts_of_a_concept_open_the_clause() {
        let text = "Content on a push CDN is pulled from the origin lazily, when the first user asks for it.";
        assert!(flags(text), "{text}: {:?}", findings(text));
        for text in [
            "Content on a pull CDN is pulled from the origin lazily, when the first user asks for it.",
            "Requests to the active-active pair are split evenly between the two nodes.",
            "We removed the content on a push CDN that was pulled from the origin lazily.",
            "Only one node in the active-passive pair takes live traffic.",
        ] {
            assert!(!flags(text), "{text}: {:?}", findings(text));
        }
    }

    #[test]
    fn qualified_true_statements_stay_silent() {
        // Found by a blind labeled set: the misconception pattern ignored the qualifier.
        assert!(!flags(
            "HTTP/2 removes HOL blocking at the application layer, but HOL still exists at the transport (TCP) layer."
        ));
        assert!(flags("HTTP/2 removes head-of-line blocking entirely."));
    }

    #[test]
    fn acronyms_spelled_out_in_a_sentence() {
        expect(
            &[
                "URI stands for Uniform Resource Locator.",
                "RPO stands for recovery time objective.",
                "SLA is short for service level objective.",
            ],
            &[
                "URI stands for Uniform Resource Identifier.",
                "RPO stands for recovery point objective, the data we may lose.",
                "RPO does not stand for recovery time objective.",
                "Does RPO stand for recovery time objective?",
                "SLA stands for many things in our contracts.",
            ],
        );
    }

    #[test]
    fn table_rows_are_read_with_their_column_headings() {
        let table = "| Protocol | Ordered | Reliable | Layer |\n| --- | --- | --- | --- |\n\
                     | UDP | yes | no | 4 |\n| TCP | no | yes | 3 |\n| QUIC | yes, per stream | partly | L4 |\n";
        let got: Vec<String> = findings(table)
            .into_iter()
            .map(|f| f.split(':').next().unwrap_or("").to_owned())
            .collect();
        // A claim inside the row's first cell is that cell's, not the next cells'.
        assert_eq!(
            findings("| Claim | Notes |\n|---|---|\n| POST is idempotent | see RFC |").len(),
            1
        );
        // On the cell that is wrong, once each.
        assert_eq!(
            got,
            [
                "transport-guarantees \"yes\"",
                "transport-guarantees \"no\"",
                "transport-guarantees \"3\""
            ],
            "{:?}",
            findings(table)
        );
        expect(
            &[
                "| Method | Idempotent |\n|---|---|\n| POST | yes |",
                "| Balancer | Layer |\n|---|---|\n| ALB | 4 |",
            ],
            &[
                "| Method | Idempotent |\n|---|---|\n| POST | no |\n| PUT | yes |",
                "| Protocol | Ordered |\n|---|---|\n| UDP | no |\n| UDP | only with app-level sequence numbers |",
                "| Protocol | Needs app-level ordering |\n|---|---|\n| TCP | no |",
                "| Protocol | Ordered |\n|---|---|\n| TCP | yes |\n| UDP | ? |",
                "| Ordered | TCP | UDP |\n|---|---|---|\n| yes | yes | no |",
                "| Protocol | Notes |\n|---|---|\n| UDP | no ordering, no retransmission |",
            ],
        );
    }

    #[test]
    fn relations_are_transitive_and_preferences_are_not_layering() {
        assert!(flags("HTTP/3 runs over TCP."));
        assert!(flags("QUIC is a TCP-based protocol."));
        assert!(flags(
            "The chat feature uses WebSocket, which is built on UDP rather than TCP."
        ));
        assert!(!flags("HTTP/3 runs over UDP."), "through QUIC");
        assert!(!flags("We chose QUIC over TCP for the mobile clients."));
    }

    #[test]
    fn it_after_because_is_the_concept_that_ends_the_first_part() {
        assert!(flags(
            "We chose a cold site because it gives the shortest recovery time."
        ));
        assert!(flags(
            "We log users in with OAuth 2.0, since it is an authentication protocol."
        ));
        assert!(!flags(
            "Choose a cold site for the archive, because it mirrors nothing in real time."
        ));
        assert!(!flags(
            "We chose a cold site because it is the cheapest option."
        ));
    }

    #[test]
    fn a_possessive_gives_the_subject_what_follows() {
        assert!(flags(
            "We rely on UDP's built-in acknowledgements to detect loss."
        ));
        assert!(flags("UDP's retransmission recovers lost packets."));
        assert!(!flags("TCP's retransmission recovers lost packets."));
        assert!(!flags("UDP's lack of retransmission keeps latency low."));
    }

    #[test]
    fn effects_and_their_reversals() {
        assert!(flags("An index never slows down writes."));
        assert!(flags(
            "Indexes are cheap, so adding more of them never slows down writes."
        ));
        assert!(!flags(
            "An index does not always slow down writes noticeably."
        ));
        assert!(!flags("An index never speeds up writes."));
        assert!(
            flags("A longer TTL on the failover record makes DNS failover quicker."),
            "a concept naming the target's kind is no other subject"
        );
        assert!(flags("Adding an index on email makes inserts faster."));
        assert!(flags("Denormalization reduces the cost of writes."));
        assert!(flags("Raise the DNS TTL so that failover is faster."));
        assert!(!flags("Dropping an index speeds up writes."));
        assert!(!flags("Indexes speed up reads and slow down writes."));
        assert!(!flags("A lower TTL speeds up failover."));
    }

    #[test]
    fn descriptions_of_a_neighbouring_concept() {
        assert!(flags("RPO is how long the service may be down."));
        assert!(
            flags(
                "Symmetric encryption uses a public key to encrypt and a private key to decrypt."
            ),
            "a name that is itself a mark is no comparison"
        );
        assert!(!flags(
            "Symmetric encryption is faster than asymmetric encryption, which uses a key pair."
        ));
        assert!(flags(
            "Push CDNs fetch content from the origin on the first request."
        ));
        assert!(flags(
            "Authorization verifies who the user is, while authentication decides what they may do."
        ));
        assert!(!flags(
            "Our RPO of 5 minutes means we can lose at most 5 minutes of data."
        ));
        assert!(
            !flags("RTO is 4 hours and RPO is 15 minutes."),
            "both named"
        );
        assert!(
            !flags("User authentication information is used to grant access."),
            "not the subject"
        );
        assert!(
            !flags("The shard loss is handled by fault tolerance: the array remains functional."),
            "\"functional\" as in working is no mark of federation"
        );
    }

    #[test]
    fn a_concept_placed_at_another_osi_layer() {
        expect(
            &[
                "HTTP works at the transport layer.",
                "TCP is a layer 7 protocol.",
                "An application load balancer works at the transport layer.",
                "Our NLB works at L7.",
                "| UDP | L3 |",
            ],
            &[
                "DNS is an application layer protocol.",
                "TCP works at layer 4.",
                "HTTP runs on the transport layer.",
                "HTTP runs on top of the transport layer.",
                "TCP is not a layer 7 protocol.",
                "If HTTP were at layer 4, it could not read headers.",
                "The NLB is a layer 4 load balancer.",
            ],
        );
    }

    #[test]
    fn a_layer_named_after_its_protocol_and_the_message_names_it_one_way() {
        expect(
            &[
                "L4 balancing works at the IP layer.",
                "The ALB operates at the TCP layer.",
            ],
            &[
                "The NLB works at the TCP layer.",
                "TLS sits on top of the TCP layer.",
            ],
        );
        // Layer 3 has three names ("network", "IP", "internet"): every run names it alike.
        for _ in 0..3 {
            let found = findings("L4 balancing works at the IP layer.");
            assert!(found[0].contains("not layer 3 (network)"), "{found:?}");
        }
    }

    #[test]
    fn acronym_expansions() {
        assert!(flags(
            "The RPO (recovery performance objective) is five minutes."
        ));
        assert!(flags("The SLI (Service Level Agreement) is the p99."));
        assert!(!flags(
            "The RPO (recovery point objective) is five minutes."
        ));
        // At the end of the clause, and with a short word the acronym spells ("to").
        assert!(flags("Targets: RPO (recovery performance objective)"));
        assert!(!flags("Targets: RPO (recovery point objective)"));
        assert!(flags("The TTL (time to leave) is 60 seconds."));
        assert!(!flags("The TTL (time to live) is 60 seconds."));
        assert!(flags(
            "We split reads and writes with CQRS (command query responsibility separation)."
        ));
        assert!(!flags(
            "We split reads and writes with CQRS (command query responsibility segregation)."
        ));
        assert!(
            !flags("See virtual memory (VM) tuning."),
            "two letters, another meaning"
        );
        // A one-word aside names something else, not an expansion.
        assert!(!flags(
            "Users launch the second VM (pod) with the same volume."
        ));
        assert!(!flags(
            "Define a namespace in YAML (Kubernetes) and Terraform."
        ));
        // What a product named with an acronym is, and an expansion the entry's names do
        // not spell (enhancement proposals of Argo CD and Datum).
        assert!(!flags(
            "Argo CD (API Server) must have low performance impact."
        ));
        assert!(!flags(
            "#### 3. Delivery Edge — Application Load Balancing (ALB)"
        ));
        assert!(!flags(
            "We front the site with an Application Load Balancer (ALB)."
        ));
        assert!(flags(
            "The ORM (object relational modeler) creates the objects."
        ));
    }

    #[test]
    fn a_property_denied_to_a_concept_that_has_it() {
        expect(
            &[
                "TCP does not guarantee ordering.",
                "Unlike UDP, TCP offers no congestion control.",
                "Layer 7 load balancers cannot route on URLs.",
                "Unlike a layer 4 balancer, an L7 balancer cannot look at cookies.",
            ],
            &[
                "TCP does not always guarantee ordering across connections.",
                "TCP does not only provide ordering but also congestion control.",
                "Does TCP not guarantee ordering?",
                "If the proxy terminates TLS, a layer 7 balancer cannot route on URLs.",
                "UDP does not guarantee ordering.",
                "Unlike UDP, TCP guarantees ordering.",
                "Layer 7 load balancers route on URLs, not just on IP addresses.",
            ],
        );
        // "Unlike X," contrasts X: a wrong claim after the comma still counts.
        assert!(flags("Unlike TCP, UDP guarantees ordering."));
    }

    #[test]
    fn an_effect_does_not_reach_out_of_parentheses() {
        expect(
            &["Add an index on (tenant_id, created_at) to speed up the bulk inserts."],
            &[
                "Writes are rare (most of them go through an index), so the higher write amplification does not matter.",
            ],
        );
    }

    #[test]
    fn what_a_concept_replaces_is_not_what_it_has() {
        expect(
            &["Flink processes the events in nightly batches."],
            &[
                "We replaced the nightly batch job with stream processing so dashboards update within seconds.",
            ],
        );
    }

    #[test]
    fn a_negation_word_in_a_concept_name_negates_nothing() {
        expect(
            &[
                "Fail fast means the client keeps retrying until the dependency recovers.",
                "- Fail fast: block until the downstream call succeeds",
            ],
            &[
                "Fail fast does not mean waiting until the dependency recovers.",
                "Fail fast means returning an error at once instead of waiting until the dependency recovers.",
            ],
        );
    }

    #[test]
    fn negations_hedges_and_questions_withdraw() {
        for text in [
            "UDP does not guarantee ordering.",
            "Unlike TCP, UDP provides no ordering.",
            "Is POST idempotent?",
            "If POST were idempotent, retries would be easy.",
            "UDP is less reliable than TCP.",
            "Some say \"POST is idempotent\", which is wrong.",
            "UDP is faster because it skips handshakes and retransmission.",
            "A RUDP (Reliable UDP) layer helps. It adds a reliable mechanism on top of UDP.",
            "By the UDP way, ordering is guaranteed by UDP sometimes if needed.",
            "by by by UDP",
            "it",
        ] {
            assert!(!flags(text), "{text}: {:?}", findings(text));
        }
        assert!(
            flags("A cold site lets us fail over within seconds."),
            "fail over"
        );
    }

    #[test]
    fn measures_of_an_effect_and_a_meaning_after_a_comma() {
        expect(
            &[
                // Words of likelihood or amount between an effect and its target.
                "A higher TTL lowers the risk of returning stale answers.",
                // ", meaning" says what the subject is, like "which means".
                "Our RPO is one hour, meaning the service must be back online within an hour.",
                "The RTO is 30 minutes, meaning we lose at most 30 minutes of writes.",
            ],
            &[
                "A shorter TTL reduces the chance of serving stale data.",
                "Our RPO is one hour, meaning we lose at most an hour of writes.",
                // Not backwards past "at the cost of".
                "Denormalization speeds up reads at the cost of slower, redundant writes.",
            ],
        );
    }

    #[test]
    fn complements_purposes_returned_codes_examples_conditions_and_cap() {
        expect(
            &[
                "Monotonic reads guarantee that a user always sees their own writes.",
                "Availability in CAP means every read receives the most recent write.",
                "We'll use an NLB so we can do weighted routing by the X-Canary header.",
                "We added a write-behind cache so that no acknowledged write is ever lost.",
                "We run at read committed so that phantom rows cannot appear.",
                "We return 403 when no credentials are supplied.",
                "The API responds with 403 Forbidden when the token has expired.",
                // An example named right after the subject is an aside.
                "Wide column stores like Cassandra keep rows in random order.",
                "Layer 4 load balancers such as the NLB route on cookies.",
                "CAP consistency means every request gets a non-error response.",
                // A condition in a verb phrase joined after the claim scopes that phrase.
                "A canary release sends all traffic to the new version at once and rolls back if errors appear.",
            ],
            &[
                "Read-your-writes guarantees that a user always sees their own writes.",
                "Monotonic reads ensure that a user who has seen a value never sees an older one later.",
                "CAP availability means every request to a non-failing node gets a response, though maybe not the most recent write.",
                "CAP consistency means every read returns the most recent write or an error.",
                "We'll use an ALB so we can do weighted routing by the X-Canary header.",
                "We added a write-through cache so that no acknowledged write is ever lost.",
                "We run at serializable so that phantom rows cannot appear.",
                "We return 401 when no credentials are supplied.",
                "The API responds with 401 Unauthorized when the token has expired.",
                "We return 403 when the token is valid but the role is missing.",
                "Wide column stores like Cassandra keep rows sorted by clustering key.",
                "Layer 7 load balancers such as the ALB route on cookies.",
                "A blue-green deployment sends all traffic to the new version at once if the checks pass.",
                "We'll use an NLB so we can keep client IPs, and route by header at the ingress.",
            ],
        );
    }

    /// Session 17: the concept's state in an opening "When X is open," is part of what
    /// the sentence says of it.
    #[test]
    fn a_state_in_an_opening_when_clause() {
        expect(
            &["When the circuit breaker is open, calls still go through to the failing service."],
            &[
                "When the circuit breaker is open, calls fail fast.",
                "When the circuit breaker is closed, calls pass through to the service.",
                "If the circuit breaker is open, calls still go through to the failing service, which is the bug we fixed.",
            ],
        );
    }

    /// Session 17: a list of options that names a property and its opposite (RocketMQ's
    /// remoting design) claims neither.
    #[test]
    fn options_that_name_a_property_and_its_opposite() {
        expect(
            &[
                "A message queue is synchronous.",
                "The message queue is synchronous, and the producer waits.",
            ],
            &[
                "There are three ways to talk to the message queue: synchronous (sync), asynchronous (async) and one-way.",
                "The message queue client offers synchronous or asynchronous sends.",
            ],
        );
    }

    /// Session 17: a code that requests get, or are rejected with, after what they carry.
    #[test]
    fn codes_received_for_what_requests_carry() {
        expect(
            &[
                "Requests with an expired JWT get a 403 Forbidden.",
                "Callers without credentials receive a 403.",
                "Expired tokens are rejected with 403 Forbidden.",
                "We return 403 for an expired token.",
            ],
            &[
                "Requests with an expired JWT get a 401.",
                "Callers without credentials receive a 401 and a WWW-Authenticate header.",
                "Users without the admin role are rejected with 403.",
                "Requests with an expired JWT never get a 403.",
                "We return 403 for requests that lack the scope.",
                "Requests with an expired token, after a refresh, get a 403 if the role is missing.",
                "Clients with an expired token get a new one and retry.",
            ],
        );
    }

    #[test]
    fn implications_follow_ups_noun_phrases_and_causes() {
        expect(
            &[
                "The catalog is eventually consistent, so shoppers immediately see every price change.",
                "Because the replicas are eventually consistent, a read right after a write is guaranteed to return the new value.",
                "Our follower reads, which are eventually consistent, never return stale data.",
                "etcd is CP, so every node keeps answering requests during a network partition.",
                "Since Postgres is ACID-compliant, its asynchronous read replicas are consistent in the CAP sense as well.",
                "Does eventual consistency allow stale reads? No, every read sees the newest value.",
                "What does the RPO bound? The time until the service is restored.",
                "The AP inventory cache always returns the latest write, even during a partition.",
                "Hourly backups keep our RTO at one hour.",
                "More frequent snapshots reduce our RTO.",
                "Because we take snapshots every 5 minutes, our RTO is 5 minutes.",
            ],
            &[
                "The catalog is eventually consistent, so shoppers may briefly see an old price.",
                "We keep the replicas strongly consistent, so stale reads never happen.",
                "If the index is eventually consistent, searches immediately see new documents.",
                "The ledger is strongly consistent, so a reader always sees the balance after the last transfer.",
                "What does the RTO bound? The time until the service is restored.",
                "Is eventual consistency enough for the like counter? Yes, a count that is a second old is harmless.",
                "Hourly backups keep our RPO at one hour.",
                "More frequent snapshots reduce our RPO.",
                "Because we take snapshots every 5 minutes, our RPO is 5 minutes.",
                // Adjectives in a list of gains, and a reason that names the concept in a
                // list (a KEP and an OpenShift enhancement).
                "CoreDNS has better performance than kube-dns in terms of greater QPS, lower latency, and lower memory consumption.",
                "Rejected because it splits credentials, RBAC documentation, and user experience from the unified server.",
                "Because restores take an hour, our RTO is an hour.",
                "With snapshots every 5 minutes, our RTO does not matter much.",
                "The AP session store keeps serving requests during a partition, at the cost of stale reads.",
            ],
        );
    }

    #[test]
    fn a_bare_head_word_does_not_take_the_claim_from_the_subject() {
        // "replica" names Replication, which has facts of its own; as a bare head word
        // it is part of what the subject is about.
        expect(
            &[
                "Strong consistency lets replicas serve stale data for a few seconds.",
                "ACID consistency guarantees that every replica returns the latest write.",
                "Can the job write to the read replica? Yes, replicas accept writes.",
                "Database replication protects us against accidental deletes.",
            ],
            &[
                "Strong consistency means no replica serves stale data.",
                "Can the job write to the read replica? No, replicas only serve reads.",
            ],
        );
        // Right after the concept, the head words name its parts: a claim that starts
        // with them is the concept's.
        expect(
            &[
                "Leader-follower replicas take writes from clients.",
                "The service registry proxies requests to the instances.",
            ],
            &[
                "Leader-follower replicas serve reads.",
                "Leader-follower replicas never take writes.",
                "The service registry returns the addresses of the instances.",
            ],
        );
    }

    #[test]
    fn findings_name_the_entry_and_the_family() {
        let got = findings("POST is idempotent.");
        assert_eq!(got.len(), 1);
        assert!(got[0].starts_with("http-method-semantics"), "{got:?}");
        assert!(got[0].contains("(see \u{201c}POST\u{201d})"), "{got:?}");
    }

    #[test]
    fn a_name_in_the_third_person_before_a_preposition_is_a_verb() {
        // "retries" names Retry; before "after" or "until" it is what the subject does.
        expect(
            &[
                "Exponential backoff retries after a fixed delay.",
                "At-most-once delivery retries until the consumer acknowledges.",
            ],
            &[
                "Exponential backoff retries after a growing delay.",
                "At-least-once delivery retries until the consumer acknowledges.",
            ],
        );
    }

    #[test]
    fn one_property_granted_and_the_next_denied_after_a_comma() {
        // The verb after the subject carries over ", not" to the second property.
        expect(
            &[
                "TLS only provides encryption, not server authentication.",
                "TCP provides ordering, not reliable delivery.",
            ],
            &[
                "TCP provides ordering, not message boundaries.",
                "UDP provides speed, not reliable delivery.",
                "TLS provides encryption, not always server authentication.",
            ],
        );
    }

    #[test]
    fn unread_docs_of_session_15() {
        // False alarms on 1,003 design docs nobody had read (Parsec, Decentraland,
        // etcd-druid, OpenSearch migrations), and the claims next to them that stay wrong.
        expect(
            &[
                "The delete is idempotent, so it is safe.",
                "A URN tells the client where the resource is hosted.",
                "A quorum is a single node.",
                "We added indexes because they speed up writes.",
                "The certificate holds the server's private key.",
            ],
            &[
                // A store of certificates holds private keys.
                "This time the OS certificate store hold the private key and x509 certificate.",
                // A URN has a scheme too.
                "- `urn`: The URN scheme identifier, as defined by RFC 8141.",
                // "It" is the endpoint: it cannot stand for the plural "indexes".
                "Indexes were created and changed in the database, but it still caused very expensive queries.",
                // "In a single-node cluster" places etcd; it says nothing of it.
                "Starting an Etcd-Member in a Single-Node Etcd Cluster",
                // Safe to retry: what idempotency gives.
                "Both deletes are idempotent (NotFound is ignored), so re-issuing them is safe.",
                "Both deletes are idempotent, so retrying is safe.",
                // Another fresh corpus (1,075 docs, 42 projects): re-running an idempotent
                // plan is safe; a model traded for another design is given up.
                "Every operation in the plan (rename, remove, checkpoint, etc.) is idempotent, so re-execution is safe.",
                "Each step is idempotent, so a replay is safe.",
                "Phase 2 trades the old TTL-only model for a mixed design: strong consistency for privilege checks.",
                // Raised by this session's new facts on docs read before (ScyllaDB,
                // Pinniped, Vac): a replica set is no read replica, OAuth does
                // authenticate clients, "on durable storage" places the backups.
                "The server derives it from the tablet's current replica set (and, for strongly consistent tablets, from the tablet's Raft leader).",
                "It is the most widely supported authentication method in client libraries and is recommended by the OAuth 2.0 spec.",
                "The latter is useful for things like backups on durable storage.",
                // A last corpus (841 docs, 43 projects): a measure named after restarts,
                // and what is built on OAuth 2.0.
                "kube-scheduler restart time - the container's start time",
                "Previously, our authentication mechanism was based on OAuth2 but was misconfigured.",
            ],
        );
    }

    /// Session 13: false alarms on design docs nobody had read (corpus 9), and the
    /// claims of the same words that still count.
    #[test]
    fn unread_docs_of_session_13() {
        expect(
            &[
                "TCP is a kind of connectionless transport.",
                "JWTs keep their claims unreadable.",
                "PostgreSQL is a NoSQL database.",
                "WebRTC runs over TCP.",
                "Indexes speed up writes.",
                "Denormalization speeds up updates.",
                "The circuit breaker retries the call after a backoff.",
                "CP: both halves keep taking writes during a partition.",
                // The concept taken "as" what it is not.
                "We treat etcd as AP.",
                "We use UDP as a reliable transport.",
                "GET updates the order data.",
                "Our cache always returns the most recent value.",
                // A program's servers are the program.
                "ZooKeeper servers remain writable on the minority side.",
                "Consul servers answer every write during a network partition, even without a quorum.",
                // The sentence goes on after an aside.
                "UDP, which we picked for telemetry, guarantees ordering.",
                // A TTL's size is the word before it, or "raised".
                "We raised the TTL so that failover happens faster.",
                "A lower TTL slows down failover.",
            ],
            &[
                // libp2p secio: the property describes the noun after "of".
                "Peers send packets containing an encrypted body and an HMAC signature of the encrypted body.",
                // CMS BFD: "the benefits of a NoSQL approach".
                "Using postgresql allows us to reap the benefits of a NoSQL approach without the need to add a whole new database technology.",
                // NGINX Gateway Fabric: a JWE is the encrypted kind of JWT.
                "JWEs (Encrypted JSON Web Token) will keep their claims unreadable to anyone without the private key.",
                // libp2p: one of the layers named together is right.
                "In addition there is WebRTC which can run both atop TCP and UDP.",
                // libp2p gossipsub: "turns back off" is no backoff.
                "There is also a quiet period, such that if no messages have been dropped for a while, the circuit breaker turns back off.",
                // Radius, Chef: idempotency is not said to be non-idempotent.
                "UCP should expose a set of idempotent APIs on top of the underlying non-idempotent systems.",
                "This is useful for testing conditions to ensure idempotence for non-idempotent resources such as script resources.",
                // EKS Anywhere: CP is the control plane.
                "This gives us good confidence the CP upgrade is going well.",
                // Storj: an index helps a delete find its rows.
                "It has a primary key to allow for quick point lookups and has an index on expires_at in order to allow for efficient deletes.",
                "We treat etcd as CP.",
                "We use Redis as a cache.",
                "We do not treat etcd as AP.",
                // BNB BEP-366: "the updated object data" is no update by GET.
                "Users will be able to GET the updated object data.",
                // Ember RFC 763: a namespace of packages, not of URNs.
                "Under the current system the URL of each asset is exposed as public API, which means that assets from different packages can potentially fight over namespace.",
                // Ember RFC 626: the same sentence says how the cache keeps up.
                "This cache returns the most recent value of the helper, and will update whenever the helper updates.",
                "The ZooKeeper client retries writes on the minority side.",
                // Mozilla gcp-ingestion: the product Google Cloud Pub/Sub.
                "In GCP, the failsafe data store is downstream from the message queue (PubSub).",
                "UDP, which is fast, does not guarantee ordering.",
                // The verb after the TTL is its effect, not its size.
                "A short TTL increases the load on the DNS servers.",
                "A higher TTL reduces DNS queries.",
                "UDP, which we picked for telemetry, and TCP, which guarantees ordering, are both used.",
                // Cardano CIP-0118: "isolation" in its plain sense.
                "Isolation of context breaks this incompatibility for newer Plutus versions.",
                // ZeroMQ RFC 40: a server as a party, not an address.
                "The URN for the root resource is known to both client and server by common agreement.",
                // TiCDC: congestion of a downstream, not of the network.
                "To address this, a flow control mechanism is necessary to stop pushing data when congestion occurs.",
            ],
        );
    }

    /// Session 14: an effect in the passive, with the concept as its agent.
    #[test]
    fn passive_effects() {
        expect(
            &[
                "Inserts are sped up by every secondary index we add to the orders table.",
                "Dashboard reads are slowed down by the materialized view.",
                "Writes are made cheaper by denormalization.",
                "Reads are made faster by normalization.",
                "Ingestion of new documents is sped up by the inverted index.",
                "Writes to the orders table are sped up by every index.",
            ],
            &[
                "Reads are sped up by indexes.",
                "Reads of the orders table are sped up by every index.",
                "Writes are slowed down by every index.",
                "Writes are not sped up by indexes.",
                "Are writes sped up by indexes?",
                "Writes are slowed down by the replication, not by the index.",
                "Queries are sped up by denormalization.",
            ],
        );
    }

    /// Session 14: after the comma that closes a "when" or "if" condition, the main
    /// clause makes its claim; a relative clause on another noun past a comma does not.
    #[test]
    fn claims_after_a_condition() {
        expect(
            &[
                "When load is high, UDP retransmits lost packets.",
                "When the cache node crashes, write-behind guarantees that no acknowledged write is lost.",
                "If the coordinator crashes, two-phase commit lets participants commit on their own.",
                // A choice told with a phrasal verb, and what it is for.
                "We turned on asynchronous replication so that failover loses no acknowledged writes.",
                "Asynchronous replication loses no acknowledged writes.",
            ],
            &[
                "When a UDP packet is lost, the application retransmits it.",
                "When UDP is used, packets may arrive out of order.",
                "We turned on synchronous replication so that failover loses no acknowledged writes.",
                "With asynchronous replication, a failover can lose acknowledged writes.",
                // Quickwit ADR: the files degrade queries, not compaction.
                "When ingest load spikes, query performance degrades; when query load spikes, compaction falls behind, accumulating small files that further degrade query performance.",
            ],
        );
    }

    /// Session 14: a comparison after a verb and its object, and more comparatives.
    #[test]
    fn comparisons_after_a_verb() {
        expect(
            &[
                "Redis answers lookups more slowly than Postgres.",
                "A VM boots faster than a container.",
                "Cold sites recover faster than hot sites.",
                "Strong consistency gives lower read latency than eventual consistency.",
            ],
            &[
                "Postgres answers lookups more slowly than Redis.",
                "A container boots faster than a VM.",
                "A VM never boots faster than a container.",
                "Hot sites recover faster than cold sites.",
            ],
        );
    }

    /// Session 14: a concept described with another's marks after "as" a verb of taking
    /// gives it, in a table cell, or as a compound given a figure ("SLI target: 99.95%");
    /// a value the measurement must keep is a target's mark.
    #[test]
    fn confusions_after_as_in_cells_and_in_compounds() {
        expect(
            &[
                "We publish SLIs as objectives for each service.",
                "The contract describes the SLI as the target we promise customers.",
                "| Checkout | SLI target: 99.95% |",
                "Each service has an SLI target of 99.9%.",
                "Our SLI must stay above 99.95% each month.",
                "The SLI should be at least 99.9%.",
            ],
            &[
                "We define the SLI as the ratio of good requests to all requests.",
                "We use the SLI as the input to the SLO.",
                "| Checkout | SLI | 99.95% |",
                "The URL namespaces are kept.",
                "The SLO target is 99.9%.",
                "We do not have an SLI target of 99.9%.",
                "Latency must stay below 200 ms.",
                "The SLO must stay above 99.9%.",
            ],
        );
    }

    /// Session 14: the concept as the object of a relative clause is not what the rest of
    /// the sentence speaks of; as its subject it is, even past the end of the clause.
    #[test]
    fn the_object_of_a_relative_clause_is_no_subject() {
        expect(
            &[
                "Messages that UDP carries are delivered in order.",
                "The onboarding guide says that the Dockerfile runs our containers in production.",
                // What follows the clause is said of the concept's own things.
                "Datagrams that UDP drops on a congested link are retransmitted automatically.",
                "Requests that POST creates are idempotent.",
            ],
            &[
                "Packets that UDP drops are lost for good.",
                "Datagrams that UDP drops are never resent.",
                "Messages that Kafka delivers are ordered within a partition.",
                "Services that use UDP are responsible for retransmission.",
                "Clients that fall back to TCP are delivered every byte in order.",
            ],
        );
    }

    /// Session 14: what a concept comes from, after it, is a concept it is confused with;
    /// the false alarms of that shape on real docs, and two of corpus 13.
    #[test]
    fn causes_after_the_concept_and_unread_docs_of_session_14() {
        expect(
            &[
                "We get partition tolerance by splitting the keyspace into partitions.",
                "Partition tolerance comes from splitting each Kafka topic into partitions.",
                "Our database is partition tolerant because each shard holds a subset of the rows.",
                "We achieve the P in CAP by sharding the users table.",
            ],
            &[
                "Sharding does not make the system partition tolerant.",
                "We get partition tolerance by keeping three replicas that keep serving when links fail.",
                "Is the system partition tolerant because it is sharded?",
                "Some people think sharding makes a system partition tolerant, but it does not.",
                "Our RTO is one hour because restoring from the last backup takes an hour.",
                // Real docs: a means, an amount, a passive agent, a list of reasons.
                "Each datanode performs its own authentication (via RPC) and authorization checks.",
                "The dcm-cli is used for CLI authentication via Device Authorization.",
                "External authentication mechanisms work by offloading the authorization part to the module.",
                "In the common case, this optimization increases throughput, by giving more time to the leader.",
                "High concurrency allows for higher throughput by doing more transaction processing in parallel.",
                "A webhook spares the receiver from polling the sender for new events.",
                "The URN is resolved to a URL by a resolver.",
                "PAC uses an external RADIUS server for client authentication. It determines the authorization status of the clients.",
                // Karpenter: a list of reasons, each its own.
                "Cache is acceptable because: (1) it reduces API load, (2) drift detection is eventually consistent, (3) restarts ensure fresh data on config changes.",
                // Volta RFC 25: a heading in title case.
                "URL Prefix Resolver",
            ],
        );
    }

    /// Session 13: two concepts the facts keep apart, said to be one; not their values.
    #[test]
    fn confused_concepts_said_to_be_one() {
        expect(
            &[
                "ACID consistency is the same thing as CAP consistency, so Postgres covers both.",
                "The C in ACID equals the C in CAP.",
                "The consistency in ACID and the consistency in CAP are the same property.",
                "RPO and RTO are interchangeable.",
                "Authentication is just another word for authorization.",
                "Sharding and federation are the same thing.",
                "RPO and RTO are the same.",
                "Horizontal scaling and vertical scaling are basically the same.",
                // The author's own belief is a claim; others' is reported.
                "We think UDP guarantees ordering.",
            ],
            &[
                "ACID consistency is not the same as CAP consistency.",
                "Our RPO is the same as our RTO.",
                "The RPO and RTO are the same for both regions.",
                "RPO and RTO are the same length for the payments tier.",
                "RPO and RTO are both 15 minutes.",
                "Is authentication the same as authorization?",
                "People often think sharding and federation are the same thing, but they are not.",
                "Sharding is the same as partitioning rows by key.",
                "People think UDP guarantees ordering.",
            ],
        );
    }
}
#[cfg(test)]
mod stress {
    /// Random sentences of concept names, claim words and punctuation: the engine must
    /// never panic, whatever the order (a deterministic generator, so a failure repeats).
    #[test]
    fn random_sentences_never_panic() {
        const WORDS: &[&str] = &[
            "UDP",
            "TCP",
            "POST",
            "GET",
            "HTTP/3",
            "QUIC",
            "index",
            "indexes",
            "RPO",
            "RTO",
            "(",
            ")",
            "(recovery",
            "objective)",
            ",",
            ":",
            "|",
            ";",
            "by",
            "is",
            "not",
            "it",
            "It",
            "which",
            "that",
            "because",
            "so",
            "over",
            "runs",
            "based",
            "-based",
            "yes",
            "no",
            "No,",
            "In",
            "With",
            "the",
            "a",
            "faster",
            "slower",
            "writes",
            "reads",
            "ordering",
            "idempotent",
            "guaranteed",
            "retransmits",
            "lower",
            "TTL",
            "raise",
            "push",
            "CDN",
            "fetches",
            "first",
            "request",
            "'s",
            "even",
            "if",
            "fail",
            "over",
            "salt",
            "secret",
            "Bloom",
            "filter",
            "false",
            "negatives",
            "\"",
            "?",
            ".",
            "\n",
        ];
        let (analysis, _) = crate::fixture::parse("//- /docs/x.md\n");
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..1500 {
            let mut text = String::new();
            let n = 1 + (seed % 24) as usize;
            for _ in 0..n {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(WORDS[(seed >> 33) as usize % WORDS.len()]);
                text.push(' ');
            }
            let doc = crate::Document::new(text.into(), Some("/docs/x.md".into()));
            let _ = analysis.diagnostics(&doc);
        }
    }
}
