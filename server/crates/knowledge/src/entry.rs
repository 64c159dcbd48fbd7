//! One knowledge entry: a markdown file with TOML front matter.
//!
//! ```text
//! +++
//! term = "Eventual consistency"
//! aliases = ["eventually consistent"]
//! category = "consistency"
//! related = ["strong-consistency", "cap-theorem"]
//! [[sources]]
//! title = "System Design Primer"
//! section = "Consistency patterns"
//! url = "https://github.com/donnemartin/system-design-primer#eventual-consistency"
//! +++
//! After a write, reads may return stale data for a while; replicas converge later.
//!
//! ## Key facts
//! - ...
//!
//! ## Tradeoffs
//! - ...
//! ```
//!
//! An entry may list `[[misconceptions]]`: a `claim` pattern of a statement authors get
//! backwards and the `correction` to show; the `contradicts-knowledge` rule checks them.
//!
//! A name that is also an everyday word ("command", "available", "load") can say when it
//! counts in running text, with a `[[context]]` table: the `names` (the term or aliases
//! it applies to) count only in a sentence that has one of the phrases in `needs`
//! (normalised like names, acronyms in capitals); with `needs = []` they never count in
//! running text and only serve look-ups (`tradeoff explain`, completion, symbols).
//!
//! ```text
//! [[context]]
//! names = ["Command"]
//! needs = ["design pattern", "Gang of Four", "GoF", "undo"]
//! ```
//!
//! A longer name (the alias "command pattern") is not restricted by the shorter one.
//!
//! The id of an entry is its file name without `.md`. A disambiguation entry lists its
//! `senses` (ids of the entries it stands between) instead of facts.

use serde::Deserialize;

use crate::{EntryError, Origin};

/// A parsed knowledge entry.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Stable id: the file name without `.md` ("eventual-consistency").
    pub id: Box<str>,
    /// Path of the file relative to its knowledge directory.
    pub path: Box<str>,
    /// Where the entry came from.
    pub origin: Origin,
    /// Canonical name as shown to users.
    pub term: Box<str>,
    /// Other names: abbreviations, expansions, spelling variants.
    pub aliases: Vec<Box<str>>,
    /// Topic, such as "caching" or "networking".
    pub category: Box<str>,
    /// Ids of related entries.
    pub related: Vec<Box<str>>,
    /// For a disambiguation entry: the ids of the senses.
    pub senses: Vec<Box<str>>,
    /// Where the facts come from.
    pub sources: Vec<Source>,
    /// One or two sentences of markdown that stand on their own.
    pub definition: Box<str>,
    /// Key facts, one markdown bullet each.
    pub facts: Vec<Box<str>>,
    /// Tradeoffs and disadvantages, one markdown bullet each.
    pub tradeoffs: Vec<Box<str>>,
    /// Statements about this concept that authors get backwards, with the correction.
    pub misconceptions: Vec<Misconception>,
    /// What is true of the concept, in a form the claim checks read.
    pub known: Facts,
    /// Names that count in running text only in some sentences.
    pub contexts: Vec<Context>,
    /// The questions a reviewer asks of a design that adopts this concept, its own and
    /// (once the knowledge base is built) those of the entries named in `concerns_from`.
    pub concerns: Vec<Concern>,
    /// Entries whose concerns apply to this one too: Amazon SQS is a message queue.
    pub concerns_from: Vec<Box<str>>,
    /// The 1-based line of the body's first line in the file, for error reports.
    pub body_line: u32,
    /// The file on disk the entry was read from, when there is one (not for bundled
    /// entries); for a glossary entry, the document that defines it.
    pub file: Option<Box<str>>,
    /// The 1-based line that names the term: the `term = ` line, or a glossary item's line.
    pub line: u32,
}

/// A statement authors get wrong, as a claim pattern (the pattern language of
/// `tradeoff-ide`'s claims), and what is true instead.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Misconception {
    /// The pattern of the wrong statement.
    pub claim: Box<str>,
    /// What is true, shown as the diagnostic's message.
    pub correction: Box<str>,
    /// A pattern that some clause of the same block must match for the claim to count:
    /// "CA" is a CAP class only in a block that speaks of partitions or replicas, and a
    /// certificate authority elsewhere.
    #[serde(default)]
    pub needs: Option<Box<str>>,
}

impl Entry {
    /// True for an entry that only points at the senses of an ambiguous word.
    pub fn is_disambiguation(&self) -> bool {
        !self.senses.is_empty()
    }

    /// Every name of this entry: the term, then the aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(&*self.term).chain(self.aliases.iter().map(|it| &**it))
    }
}

/// What is true of a concept, stated so that sentences can be checked against it. The
/// words are ids of the lexicon (`knowledge/lexicon.toml`) or of entries:
///
/// ```toml
/// [facts]
/// family = "transport-guarantees"   # the rule code findings are reported under
/// note = "UDP is connectionless and best-effort: ..."   # what is true, for messages
/// is = ["connectionless", "broadcast"]
/// is-not = ["reliable", "ordered", "retransmission", "congestion-control"]
/// layer = "transport"               # what kind of layer it is, for `over`
/// over = ["ip"]                     # what it runs over (entry ids)
/// speeds = ["reads"]                # effect targets it speeds up ...
/// slows = ["writes"]                # ... and slows down
/// marks = ["how_long ~~ down"]      # patterns that describe this concept
/// confused-with = ["rpo"]           # entries whose marks must not describe this one
/// unless = ["invalidat* ~~ on ~ write*"]   # in a sentence, withdraws a finding about it
/// program = true                    # "ZooKeeper servers" are ZooKeeper
/// ```
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Facts {
    /// The rule code findings about this entry are reported under; the default is
    /// `contradicts-knowledge`.
    #[serde(default)]
    pub family: Option<Box<str>>,
    /// What is true, in a sentence, for the messages of findings; without it the message
    /// is made from the facts.
    #[serde(default)]
    pub note: Option<Box<str>>,
    /// `"lower"` when the effects (`speeds`, `slows`) are those of a lower value of the
    /// concept ("a lower TTL speeds up failover"): a claim about a higher value counts
    /// the other way round, and one that says neither is not checked.
    #[serde(default)]
    pub when: Option<Box<str>>,
    /// Properties the concept has.
    #[serde(default)]
    pub is: Vec<Box<str>>,
    /// Properties the concept lacks.
    #[serde(default)]
    pub is_not: Vec<Box<str>>,
    /// The kind of layer a protocol is ("transport", "http"), for `over`.
    #[serde(default)]
    pub layer: Option<Box<str>>,
    /// Entries the concept runs over or is built on.
    #[serde(default)]
    pub over: Vec<Box<str>>,
    /// Effect targets it makes faster.
    #[serde(default)]
    pub speeds: Vec<Box<str>>,
    /// Effect targets it makes slower.
    #[serde(default)]
    pub slows: Vec<Box<str>>,
    /// Patterns of words that describe this concept and tell it apart from those it is
    /// confused with.
    #[serde(default)]
    pub marks: Vec<Box<str>>,
    /// Entries it is confused with: a sentence that describes this concept with their
    /// marks, and none of its own, is a finding.
    #[serde(default)]
    pub confused_with: Vec<Box<str>>,
    /// The concept is a program: "ZooKeeper servers" and "the etcd daemon" are it, where
    /// "the OAuth server" or "a DNS server" is a program named after a protocol.
    #[serde(default)]
    pub program: bool,
    /// Patterns that, anywhere in a sentence, withdraw what it seems to claim against the
    /// facts: it also says what makes the claim hold ("this cache returns the most recent
    /// value, and will update whenever the helper updates").
    #[serde(default)]
    pub unless: Vec<Box<str>>,
    /// The layer of the OSI model it works at, 1 to 7: a sentence that puts it at
    /// another ("HTTP works at the transport layer") is a finding.
    #[serde(default)]
    pub osi: Option<u8>,
    /// What a figure stated of the concept measures, a unit kind of the lexicon's `[units]`:
    /// "time" for latency, "rate" for throughput. A figure of another kind is a finding.
    #[serde(default)]
    pub quantity: Option<Box<str>>,
    /// Numbers with a unit that are true of the concept.
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// Dimensions of the lexicon's `[comparisons]` on which the concept beats other
    /// entries: `more = { fast = ["asymmetric-encryption"] }` says it is faster than
    /// asymmetric encryption, so "asymmetric encryption is faster than symmetric
    /// encryption" is a finding.
    #[serde(default)]
    pub more: std::collections::BTreeMap<Box<str>, Vec<Box<str>>>,
}

/// A number with a unit that is true of something the entry describes:
///
/// ```toml
/// [[facts.figures]]
/// what = "main memory reference*|access*"   # a claim pattern for the thing measured
/// is = "100 ns"                               # the figure, a number and a unit of the lexicon
/// within = "10x"                              # "10x" (order of magnitude), "25%" or "exact"
/// ```
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// The pattern of the thing measured.
    pub what: Box<str>,
    /// The true figure: a number and a unit.
    pub is: Box<str>,
    /// How far a stated figure may be off: `"10x"`, `"25%"` or `"exact"` (the default is
    /// `"25%"`).
    #[serde(default)]
    pub within: Option<Box<str>>,
}

impl Facts {
    /// True when the entry states nothing checkable.
    pub fn is_empty(&self) -> bool {
        self.is.is_empty()
            && self.is_not.is_empty()
            && self.over.is_empty()
            && self.speeds.is_empty()
            && self.slows.is_empty()
            && self.marks.is_empty()
            && self.osi.is_none()
            && self.more.is_empty()
    }
}

/// When some names of an entry count in running text: only in a sentence that has one
/// of `needs`, or never when `needs` is empty.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Context {
    /// The names (term or aliases, as written or in any spelling that normalises alike).
    pub names: Vec<Box<str>>,
    /// Words or phrases of which the sentence must have one.
    pub needs: Vec<Box<str>>,
}

/// A question that adopting a concept raises, and what in a design doc answers it.
///
/// ```toml
/// [[concerns]]
/// question = "what happens to writes acknowledged but not yet flushed when a cache node fails?"
/// rationale = "A write-behind cache acknowledges before the database has the write."
/// answered-by = ["flush", "durab", "write-ahead log"]
/// applies-when = ["database"]   # optional: asked only when the doc has one of these
/// ```
///
/// `answered-by` lists words, phrases or entry ids; any of them anywhere in the document
/// (words and phrases case-insensitively, as prefixes of words; entry ids as mentions of
/// the entry) means the author has addressed the question.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Concern {
    /// The question, in a reviewer's voice, without the concept's name.
    pub question: Box<str>,
    /// Why it matters, in a sentence.
    pub rationale: Box<str>,
    /// Words, phrases or entry ids whose presence in the document answers it.
    pub answered_by: Vec<Box<str>>,
    /// When not empty, the question applies only to a document that has one of these
    /// words or phrases (a cache question about the database behind it needs a database).
    #[serde(default)]
    pub applies_when: Vec<Box<str>>,
}

/// A citation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The document's title.
    pub title: Box<str>,
    /// The section within it.
    #[serde(default)]
    pub section: Option<Box<str>>,
    /// The public address of the original, where one is known.
    #[serde(default)]
    pub url: Option<Box<str>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    term: String,
    #[serde(default)]
    aliases: Vec<String>,
    category: String,
    #[serde(default)]
    related: Vec<String>,
    #[serde(default)]
    senses: Vec<String>,
    #[serde(default)]
    sources: Vec<Source>,
    #[serde(default)]
    misconceptions: Vec<Misconception>,
    #[serde(default)]
    facts: Facts,
    #[serde(default)]
    context: Vec<Context>,
    #[serde(default)]
    concerns: Vec<Concern>,
    #[serde(default, rename = "concerns-from")]
    concerns_from: Vec<String>,
}

/// Parses one entry file. `path` is relative to the knowledge directory.
pub fn parse_entry(path: &str, text: &str, origin: Origin) -> Result<Entry, EntryError> {
    let err = |line: u32, message: String| EntryError {
        path: path.into(),
        line,
        message,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text
        .strip_prefix("+++")
        .and_then(|it| it.strip_prefix(['\n', '\r']))
    else {
        return Err(err(
            1,
            "an entry starts with `+++` TOML front matter".into(),
        ));
    };
    let rest = rest.strip_prefix('\n').unwrap_or(rest);
    let Some(end) = find_closing_fence(rest) else {
        return Err(err(1, "the front matter has no closing `+++` line".into()));
    };
    let toml_text = &rest[..end];
    let after = &rest[end..];
    let after = after.strip_prefix("+++").unwrap_or(after);
    let body_line = 2 + toml_text.lines().count() as u32 + 1;
    let front: FrontMatter = toml::from_str(toml_text).map_err(|e| {
        let line = e
            .span()
            .map_or(0, |span| toml_text[..span.start].lines().count().max(1));
        err(1 + line as u32, format!("front matter: {}", e.message()))
    })?;

    let id = path.rsplit('/').next().unwrap_or(path);
    let id = id.strip_suffix(".md").unwrap_or(id);
    if id.is_empty() {
        return Err(err(1, "an entry file needs a name".into()));
    }
    if front.term.trim().is_empty() {
        return Err(err(2, "`term` is empty".into()));
    }

    let body = Body::parse(after);
    let entry = Entry {
        id: id.into(),
        path: path.into(),
        origin,
        term: front.term.trim().into(),
        aliases: front
            .aliases
            .into_iter()
            .map(|it| it.trim().into())
            .collect(),
        category: front.category.trim().into(),
        related: front.related.into_iter().map(Into::into).collect(),
        senses: front.senses.into_iter().map(Into::into).collect(),
        sources: front.sources,
        definition: body.definition.trim().into(),
        facts: body.facts,
        tradeoffs: body.tradeoffs,
        misconceptions: front.misconceptions,
        known: front.facts,
        contexts: front.context,
        concerns: front.concerns,
        concerns_from: front.concerns_from.into_iter().map(Into::into).collect(),
        body_line,
        file: None,
        line: term_line(toml_text),
    };
    if entry.definition.is_empty() {
        return Err(err(
            body_line,
            "the entry has no definition paragraph".into(),
        ));
    }
    if entry.sources.is_empty() && entry.origin == Origin::Bundled {
        return Err(err(
            2,
            "a bundled entry cites at least one `[[sources]]`".into(),
        ));
    }
    Ok(entry)
}

/// The 1-based line of the `term` key in the file (the front matter starts on line 2).
fn term_line(toml_text: &str) -> u32 {
    toml_text
        .lines()
        .position(|l| l.trim_start().starts_with("term"))
        .map_or(2, |i| i as u32 + 2)
}

fn find_closing_fence(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

#[derive(Default)]
struct Body {
    definition: String,
    facts: Vec<Box<str>>,
    tradeoffs: Vec<Box<str>>,
}

impl Body {
    fn parse(text: &str) -> Body {
        #[derive(PartialEq)]
        enum Part {
            Definition,
            Facts,
            Tradeoffs,
            Other,
        }
        let mut res = Body::default();
        let mut part = Part::Definition;
        for line in text.lines() {
            if let Some(title) = line.strip_prefix("## ") {
                let title = title.trim().to_ascii_lowercase();
                part = if title.contains("fact") {
                    Part::Facts
                } else if title.contains("tradeoff")
                    || title.contains("trade-off")
                    || title.contains("disadvantage")
                    || title.contains("drawback")
                {
                    Part::Tradeoffs
                } else {
                    Part::Other
                };
                continue;
            }
            let list = match part {
                Part::Definition => {
                    res.definition.push_str(line);
                    res.definition.push('\n');
                    continue;
                }
                Part::Facts => &mut res.facts,
                Part::Tradeoffs => &mut res.tradeoffs,
                Part::Other => continue,
            };
            let trimmed = line.trim_start();
            if let Some(item) = trimmed
                .strip_prefix("- ")
                .or_else(|| trimmed.strip_prefix("* "))
            {
                list.push(item.trim().into());
            } else if !trimmed.is_empty() {
                // A continuation line of the previous bullet.
                if let Some(last) = list.last_mut() {
                    *last = format!("{last} {}", trimmed).into();
                }
            }
        }
        res
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "+++
term = \"Eventual consistency\"
aliases = [\"eventually consistent\"]
category = \"consistency\"
related = [\"strong-consistency\"]
[[sources]]
title = \"System Design Primer\"
section = \"Consistency patterns\"
+++
Replicas converge after a write;
reads may be stale meanwhile.

## Key facts
- Used by DNS and email.
- Typical of AP systems,
  such as Cassandra.

## Tradeoffs
- Readers can see old data.
";

    #[test]
    fn parses_a_full_entry() {
        let entry = parse_entry(
            "consistency/eventual-consistency.md",
            SAMPLE,
            Origin::Bundled,
        )
        .unwrap();
        assert_eq!(&*entry.id, "eventual-consistency");
        assert_eq!(&*entry.term, "Eventual consistency");
        assert_eq!(
            &*entry.definition,
            "Replicas converge after a write;\nreads may be stale meanwhile."
        );
        assert_eq!(entry.facts.len(), 2);
        assert_eq!(
            &*entry.facts[1],
            "Typical of AP systems, such as Cassandra."
        );
        assert_eq!(entry.tradeoffs.len(), 1);
        assert_eq!(entry.body_line, 10);
        assert_eq!(entry.line, 2);
    }

    #[test]
    fn parses_context_tables_and_rejects_unknown_keys() {
        let text = "+++\nterm = \"Command\"\ncategory = \"c\"\n[[context]]\nnames = [\"Command\"]\nneeds = [\"design pattern\", \"GoF\"]\n[[context]]\nnames = [\"x\"]\nneeds = []\n+++\nDef.\n";
        let entry = parse_entry("c.md", text, Origin::User).unwrap();
        assert_eq!(entry.contexts.len(), 2);
        assert_eq!(&*entry.contexts[0].needs[1], "GoF");
        assert!(entry.contexts[1].needs.is_empty());
        let typo = text.replace("needs = []", "need = []");
        let err = parse_entry("c.md", &typo, Origin::User).unwrap_err();
        assert!(err.message.contains("need"), "{err}");
    }

    #[test]
    fn reports_bad_toml_with_a_line() {
        let text = "+++\nterm = \"X\"\ncategory = 3\n+++\nDef.\n";
        let err = parse_entry("x.md", text, Origin::User).unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        assert!(err.message.contains("front matter"), "{err}");
    }

    #[test]
    fn reports_missing_definition_and_fence() {
        let err = parse_entry(
            "x.md",
            "+++\nterm = \"X\"\ncategory = \"c\"\n+++\n\n",
            Origin::User,
        )
        .unwrap_err();
        assert!(err.message.contains("no definition"), "{err}");
        let err = parse_entry("x.md", "term = \"X\"\n", Origin::User).unwrap_err();
        assert_eq!(err.line, 1);
        let err = parse_entry("x.md", "+++\nterm = \"X\"\n", Origin::User).unwrap_err();
        assert!(err.message.contains("closing"), "{err}");
    }
}
