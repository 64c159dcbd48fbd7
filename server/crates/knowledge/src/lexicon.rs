//! The shared lexicon of claims: how authors write properties, relations and effects.
//!
//! Facts in entries (see [`crate::entry::Facts`]) name properties ("idempotent",
//! "ordered") and effect targets ("reads", "writes") by id; this lexicon says how each is
//! written, in the pattern language of `tradeoff-ide`'s claims, so that adding a property
//! or a fact adds checks everywhere without code. The bundled lexicon is
//! `knowledge/lexicon.toml`.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The bundled lexicon's text.
pub const BUNDLED: &str = include_str!("../../../../knowledge/lexicon.toml");

/// How claims are written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    /// Words that link a concept to what is said of it: "is", "provides", "guarantees".
    #[serde(default)]
    pub assert: Vec<Box<str>>,
    /// Words between a concept and what is said of it that name its parts or uses:
    /// "UDP *packets* are ordered".
    #[serde(default)]
    pub heads: Vec<Box<str>>,
    /// Words before a concept that turn an effect around: "*dropping* an index".
    #[serde(default)]
    pub removal: Vec<Box<str>>,
    /// Words that, before the concept, make "over" mean a preference ("we chose QUIC over
    /// TCP") rather than layering.
    #[serde(default)]
    pub prefer: Vec<Box<str>>,
    /// Properties by id.
    #[serde(default)]
    pub properties: BTreeMap<Box<str>, Property>,
    /// Relations by id; `over` (what a protocol runs over) is the one facts use.
    #[serde(default)]
    pub relations: BTreeMap<Box<str>, Relation>,
    /// Words of effect: what speeds a target up or slows it down.
    #[serde(default)]
    pub effects: Effects,
    /// Targets of effects by id: "reads", "writes", "failover".
    #[serde(default)]
    pub targets: BTreeMap<Box<str>, Target>,
    /// Words that introduce a definition: "means", "measures", "refers to".
    #[serde(default)]
    pub define: Vec<Box<str>>,
    /// Patterns that say two concepts are one: between them ("is the same thing as"),
    /// and after the pair ("are interchangeable").
    #[serde(default)]
    pub same: Same,
    /// Single words that name a concept (an entry id) in claims about it, but are too
    /// common to mark as terms: "index" for a database index.
    #[serde(default, rename = "claim-names")]
    pub claim_names: BTreeMap<Box<str>, Box<str>>,
    /// How the layers of the OSI model are named, for the `osi` fact.
    #[serde(default)]
    pub osi: Osi,
    /// Units of measure by id ("ns", "ms", "MB"), for numbers stated with a unit.
    #[serde(default)]
    pub units: BTreeMap<Box<str>, Unit>,
    /// Words that may stand between a quantity and its figure: "latency *is about* 5 ms",
    /// "a disk seek, *which costs roughly* 10 ms".
    #[serde(default, rename = "figure-links")]
    pub figure_links: Vec<Box<str>>,
    /// Words that say how components combine, for availability arithmetic.
    #[serde(default)]
    pub composition: Composition,
    /// Dimensions on which concepts are compared ("fast", "cheap"), by id, for the
    /// `more` fact.
    #[serde(default)]
    pub comparisons: BTreeMap<Box<str>, Comparison>,
}

/// A dimension of comparison: how authors say that one concept has more or less of it
/// than another ("faster than", "slower than").
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    /// The comparative for messages: "faster".
    pub more: Box<str>,
    /// Patterns that say "more of it", before "than": "faster", "lower_latency".
    #[serde(rename = "more-forms")]
    pub more_forms: Vec<Box<str>>,
    /// Patterns that say "less of it": "slower", "higher_latency".
    #[serde(rename = "less-forms")]
    pub less_forms: Vec<Box<str>>,
}

/// The layers of the OSI model as authors name them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Osi {
    /// A layer's name before the word "layer", and its number: `transport = 4`.
    #[serde(default)]
    pub names: BTreeMap<Box<str>, u8>,
    /// Verbs that place a concept at a layer with "at" or "in": "works", "operates".
    #[serde(default)]
    pub verbs: Vec<Box<str>>,
}

/// A unit of measure.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// What it measures: "time", "rate", "bytes", "count". Figures compare only within
    /// one kind ("count" and "bytes" compare with each other: a number of bytes).
    pub kind: Box<str>,
    /// How many base units (seconds, per second, bytes, ones) one of it is.
    pub scale: f64,
    /// How it is written, one word each (case-sensitive when written with a capital:
    /// "MB", "Mb").
    pub forms: Vec<Box<str>>,
}

/// Words that say how the availabilities of components combine. Entries with `_` are
/// runs of words ("active_active", "end_to_end").
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Composition {
    /// Components all needed, one after the other: "series", "depends", "chain".
    #[serde(default)]
    pub sequence: Vec<Box<str>>,
    /// Redundant components, any one enough: "parallel", "redundant", "either".
    #[serde(default)]
    pub parallel: Vec<Box<str>>,
    /// Words just before a figure that make it the combined result: "gives", "overall".
    #[serde(default)]
    pub result: Vec<Box<str>>,
}

/// A property a concept has or lacks.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Property {
    /// How messages name it: "ordered delivery".
    pub label: Box<str>,
    /// Adjective and noun forms, which need a linking word ("is", "provides") between the
    /// concept and them.
    #[serde(default)]
    pub forms: Vec<Box<str>>,
    /// Verb phrases, which link by themselves ("retransmits lost packets").
    #[serde(default)]
    pub verbs: Vec<Box<str>>,
    /// The property that excludes this one: having one means lacking the other.
    #[serde(default)]
    pub opposite: Option<Box<str>>,
}

/// A relation between two concepts.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// Verb phrases: "runs over", "is built on top of".
    #[serde(default)]
    pub verbs: Vec<Box<str>>,
    /// Bare forms that also mean a preference elsewhere ("over"): they count only when no
    /// [`Lexicon::prefer`] word is in the clause.
    #[serde(default)]
    pub bare: Vec<Box<str>>,
}

/// Words of effect, each a list of patterns.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Effects {
    /// Makes a target faster or better: "speeds up", "faster", "improves".
    #[serde(default)]
    pub up: Vec<Box<str>>,
    /// Makes a target slower or worse: "slows down", "slower", "hurts".
    #[serde(default)]
    pub down: Vec<Box<str>>,
    /// Makes an amount larger: "increases", "raises", "adds".
    #[serde(default)]
    pub grow: Vec<Box<str>>,
    /// Makes an amount smaller: "reduces", "lowers", "cuts".
    #[serde(default)]
    pub shrink: Vec<Box<str>>,
}

/// Something an effect acts on.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// How messages name it: "reads".
    pub label: Box<str>,
    /// Forms where more is better: "reads", "read performance", "read throughput".
    #[serde(default)]
    pub good: Vec<Box<str>>,
    /// Forms where more is worse: "read latency", "read cost".
    #[serde(default)]
    pub cost: Vec<Box<str>>,
}

impl Lexicon {
    /// The bundled lexicon. Its validity is checked by a test, so this cannot fail at run
    /// time; a broken file would give an empty lexicon.
    pub fn bundled() -> &'static Lexicon {
        static BUNDLED_LEXICON: std::sync::LazyLock<Lexicon> =
            std::sync::LazyLock::new(|| Lexicon::parse(BUNDLED).unwrap_or_default());
        &BUNDLED_LEXICON
    }

    /// Parses a lexicon file, with the line of the first error.
    pub fn parse(text: &str) -> Result<Lexicon, (u32, String)> {
        toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map_or(0, |span| text[..span.start].lines().count().max(1));
            (line as u32, e.message().to_owned())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_lexicon_parses_and_opposites_pair_up() {
        let lexicon = Lexicon::parse(BUNDLED).expect("knowledge/lexicon.toml");
        assert!(lexicon.properties.len() >= 20);
        for (id, p) in &lexicon.properties {
            assert!(
                !p.forms.is_empty() || !p.verbs.is_empty(),
                "{id} has no forms"
            );
            if let Some(o) = &p.opposite {
                let other = lexicon
                    .properties
                    .get(o)
                    .unwrap_or_else(|| panic!("{id}: opposite {o} is not a property"));
                assert_eq!(other.opposite.as_deref(), Some(&**id), "{o} <-> {id}");
            }
        }
        assert!(lexicon.relations.contains_key("over"));
        // Top-level lists must come before the first table of the file, or TOML puts
        // them in that table.
        assert!(lexicon.figure_links.len() > 20);
        assert!(
            lexicon
                .units
                .values()
                .all(|u| u.scale > 0.0 && !u.forms.is_empty())
        );
        assert!(!lexicon.composition.sequence.is_empty());
    }
}

/// How authors say two concepts are one (`[same]`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Same {
    /// What stands between them: "ACID consistency *is the same thing as* CAP consistency".
    #[serde(default)]
    pub between: Vec<Box<str>>,
    /// What follows the pair: "RPO and RTO *are interchangeable*".
    #[serde(default)]
    pub after: Vec<Box<str>>,
}
