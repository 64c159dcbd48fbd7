//! Which markdown files are design docs, and of what kind.
//!
//! A design doc is told from other markdown by, in order: an explicit `tradeoff` switch or
//! design-doc keys in the front matter; its path (`rfcs/`, `adr/`, `decisions/`,
//! `design/`, `proposals/`, `keps/`, ...); or its headings, when at least two of them are
//! ones that design docs have and tutorials do not (Motivation, Non-goals, Proposal,
//! Decision, Detailed design, ...). READMEs, changelogs and contributing guides are never
//! design docs unless their front matter says so.

use syntax::Heading;

use crate::DiagnosticsConfig;
use crate::document::Document;

/// The kind of a design doc; each has its own conventions for section names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKind {
    /// A request for comments (Rust RFCs, Kubernetes KEPs, PEPs, ...).
    Rfc,
    /// An architecture decision record (Nygard or MADR).
    Adr,
    /// Any other design doc.
    DesignDoc,
}

impl DocKind {
    /// A human name.
    pub fn name(self) -> &'static str {
        match self {
            DocKind::Rfc => "RFC",
            DocKind::Adr => "ADR",
            DocKind::DesignDoc => "design doc",
        }
    }
}

const RFC_DIRS: &[&str] = &[
    "rfc",
    "rfcs",
    "keps",
    "kep",
    "peps",
    "proposals",
    "proposal",
    "enhancements",
];
const ADR_DIRS: &[&str] = &[
    "adr",
    "adrs",
    "decisions",
    "decision-records",
    "architecture-decisions",
];
const DESIGN_DIRS: &[&str] = &[
    "design",
    "designs",
    "design-docs",
    "design_docs",
    "designdocs",
    "specs",
];
const NEVER: &[&str] = &[
    "readme",
    "changelog",
    "contributing",
    "code_of_conduct",
    "license",
    "security",
    "history",
    "authors",
    "index",
    "_index",
    "template",
    "summary",
];

pub(crate) fn classify(doc: &Document, config: &DiagnosticsConfig) -> Option<DocKind> {
    classify_with(doc, config, &syntax::headings(&doc.tree, &doc.text))
}

/// [`classify`] with the document's headings already at hand.
pub(crate) fn classify_with(
    doc: &Document,
    config: &DiagnosticsConfig,
    headings: &[Heading],
) -> Option<DocKind> {
    let front = syntax::front_matter(&doc.tree).and_then(|r| doc.text.get(r));
    if let Some(kind) = front.and_then(from_front_matter) {
        return kind;
    }
    let path = doc.path.as_deref().unwrap_or("").to_ascii_lowercase();
    let file = path.rsplit('/').next().unwrap_or("");
    let stem = file.split('.').next().unwrap_or("");
    let dirs: Vec<&str> = path.split('/').rev().skip(1).collect();
    let parent = dirs.first().copied().unwrap_or("");
    // A KEP-style proposal is the README of a numbered directory ("1234-topic/README.md");
    // other files in such a directory are its appendices.
    let numbered_readme = stem == "readme" && is_numbered(parent) && !parent.contains("template");
    if numbered_readme {
        if dirs.iter().skip(1).any(|d| ADR_DIRS.contains(d)) {
            return Some(DocKind::Adr);
        }
        if dirs
            .iter()
            .skip(1)
            .any(|d| RFC_DIRS.contains(d) || DESIGN_DIRS.contains(d))
        {
            return Some(DocKind::Rfc);
        }
    }
    if NEVER.contains(&stem) || is_numbered(parent) {
        return None;
    }
    if path.split('/').any(|part| part.contains("template")) {
        // A template is a design doc waiting to be written, not one to review.
        return None;
    }
    if config
        .design_docs
        .is_match(doc.path.as_deref().unwrap_or(""))
    {
        return Some(kind_from_headings(doc, headings).unwrap_or(DocKind::DesignDoc));
    }
    // In proposal folders the proposals are numbered ("0042-use-kafka.md"); other files
    // there (process docs, templates, FAQs) are not proposals unless their headings say so.
    let proposal_name = is_numbered(stem)
        || ["adr-", "adr_", "rfc-", "rfc_", "kep-"]
            .iter()
            .any(|p| stem.starts_with(p));
    if proposal_name && (dirs.iter().any(|d| ADR_DIRS.contains(d)) || stem.starts_with("adr")) {
        return Some(DocKind::Adr);
    }
    if proposal_name
        && (dirs.iter().any(|d| RFC_DIRS.contains(d))
            || stem.starts_with("rfc")
            || stem.starts_with("kep"))
    {
        return Some(DocKind::Rfc);
    }
    if dirs.iter().any(|d| DESIGN_DIRS.contains(d)) || stem.starts_with("design-") {
        return Some(DocKind::DesignDoc);
    }
    kind_from_headings(doc, headings)
}

/// "0042-use-kafka", "123_x", "7-topic": a number, a separator, a name.
fn is_numbered(name: &str) -> bool {
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && matches!(name.as_bytes().get(digits), Some(b'-' | b'_' | b'.'))
        && name.len() > digits + 1
}

/// `Some(None)`: the front matter says this is not a design doc.
fn from_front_matter(front: &str) -> Option<Option<DocKind>> {
    let mut keys = Vec::new();
    for line in front.lines() {
        let Some((key, value)) = line.split_once([':', '=']) else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let value = value.trim().trim_matches(['"', '\'']).to_ascii_lowercase();
        if key == "tradeoff" || key == "design-doc" || key == "design_doc" {
            return Some(match value.as_str() {
                "false" | "off" | "no" | "ignore" => None,
                "adr" => Some(DocKind::Adr),
                "rfc" => Some(DocKind::Rfc),
                _ => Some(DocKind::DesignDoc),
            });
        }
        keys.push((key, value));
    }
    let has = |k: &str| keys.iter().any(|(key, _)| key == k);
    if has("deciders") || has("decision-makers") || has("superseded-by") {
        return Some(Some(DocKind::Adr));
    }
    if has("rfc") || has("kep-number") || has("rfc-pr") || has("start-date") {
        return Some(Some(DocKind::Rfc));
    }
    let status = keys
        .iter()
        .find(|(k, _)| k == "status")
        .map(|(_, v)| v.as_str());
    let proposal_status = [
        "draft",
        "proposed",
        "accepted",
        "rejected",
        "implementable",
        "implemented",
        "superseded",
        "deprecated",
        "provisional",
        "in review",
        "review",
    ];
    if status.is_some_and(|s| proposal_status.iter().any(|p| s.starts_with(p)))
        && (has("authors")
            || has("author")
            || has("owners")
            || has("reviewers")
            || has("approvers"))
    {
        return Some(Some(DocKind::DesignDoc));
    }
    None
}

/// Heading titles that design docs have and other markdown rarely does.
const SIGNATURES: &[(&str, Option<DocKind>)] = &[
    ("motivation", Some(DocKind::Rfc)),
    ("guide-level explanation", Some(DocKind::Rfc)),
    ("reference-level explanation", Some(DocKind::Rfc)),
    ("unresolved questions", Some(DocKind::Rfc)),
    ("prior art", Some(DocKind::Rfc)),
    ("non-goals", None),
    ("non goals", None),
    ("proposal", None),
    ("proposed design", None),
    ("proposed solution", None),
    ("detailed design", None),
    ("design details", None),
    ("context and scope", None),
    ("problem statement", None),
    ("decision drivers", Some(DocKind::Adr)),
    ("decision outcome", Some(DocKind::Adr)),
    ("considered options", Some(DocKind::Adr)),
    ("decision", Some(DocKind::Adr)),
    ("consequences", Some(DocKind::Adr)),
    ("context", Some(DocKind::Adr)),
];

fn kind_from_headings(doc: &Document, headings: &[Heading]) -> Option<DocKind> {
    let mut n = 0;
    let mut votes = [0usize; 3];
    for heading in headings {
        let title = heading_title(&doc.text, heading);
        let hit = SIGNATURES
            .iter()
            .find(|(sig, _)| title == *sig || (sig.len() > 8 && title.starts_with(sig)));
        if let Some((_, kind)) = hit {
            n += 1;
            match kind {
                Some(DocKind::Rfc) => votes[0] += 1,
                Some(DocKind::Adr) => votes[1] += 1,
                _ => votes[2] += 1,
            }
        }
    }
    if n < 2 {
        return None;
    }
    Some(if votes[1] >= 2 && votes[1] >= votes[0] {
        DocKind::Adr
    } else if votes[0] >= 1 {
        DocKind::Rfc
    } else {
        DocKind::DesignDoc
    })
}

/// A heading's title, lowercased, without numbering ("3.1 Alternatives" → "alternatives")
/// and without emphasis or trailing colons.
pub(crate) fn heading_title(text: &str, heading: &Heading) -> String {
    let raw = text.get(heading.title.clone()).unwrap_or("");
    let raw = raw
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c == ':' || c.is_whitespace());
    let raw =
        raw.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')' || c == ' ');
    raw.trim().to_lowercase()
}

/// Whether the document says near its top that it was not taken up: a status of rejected,
/// superseded, deprecated, withdrawn or declined, in front matter ("status: rejected"), on
/// a line ("**Status:** Superseded by ADR 12") or under a Status heading. Its design is
/// nobody's to review.
pub(crate) fn withdrawn(text: &str) -> bool {
    const ENDED: &[&str] = &[
        "rejected",
        "superseded",
        "deprecated",
        "withdrawn",
        "declined",
        "abandoned",
        "obsolete",
    ];
    let head = &text[..crate::floor_boundary(text, 4000)];
    let mut after_status_heading = false;
    for line in head.lines() {
        let plain = line
            .trim()
            .trim_start_matches(['#', '*', '_', '-', '>', ' ', '|'])
            .to_lowercase();
        if plain.is_empty() {
            continue;
        }
        let value = if after_status_heading {
            after_status_heading = false;
            Some(plain.as_str())
        } else if line.trim_start().starts_with('#') && plain.trim_end() == "status" {
            after_status_heading = true;
            None
        } else {
            plain.strip_prefix("status").and_then(|rest| {
                rest.trim_start_matches(['*', '_', ' '])
                    .strip_prefix([':', '|'])
            })
        };
        let value = value.map(|v| v.trim_start_matches(['*', '_', ' ', '`', '"', '[']));
        if value.is_some_and(|v| ENDED.iter().any(|e| v.starts_with(e))) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(path: &str, text: &str) -> Option<DocKind> {
        let doc = Document::new(text.into(), Some(path.into()));
        classify(&doc, &DiagnosticsConfig::default())
    }

    #[test]
    fn by_path() {
        assert_eq!(
            kind("/r/docs/adr/0001-use-postgres.md", "# Use Postgres\n"),
            Some(DocKind::Adr)
        );
        assert_eq!(kind("/r/text/0001-x.md", "# X\n"), None);
        assert_eq!(kind("/r/rfcs/text/0001-x.md", "# X\n"), Some(DocKind::Rfc));
        assert_eq!(
            kind("/r/design/cache.md", "# Cache\n"),
            Some(DocKind::DesignDoc)
        );
        assert_eq!(kind("/r/design/README.md", "# Designs\n"), None);
        // Process docs beside numbered proposals are not proposals.
        assert_eq!(
            kind("/r/rfcs/compiler_changes.md", "# Compiler changes\n"),
            None
        );
        assert_eq!(kind("/r/adr/index.md", "# Decisions\n"), None);
        // A KEP is the README of a numbered directory; its other files are appendices.
        assert_eq!(
            kind("/r/keps/sig-x/1234-topic/README.md", "# KEP\n"),
            Some(DocKind::Rfc)
        );
        assert_eq!(kind("/r/keps/sig-x/1234-topic/notes.md", "# Notes\n"), None);
        assert_eq!(kind("/r/keps/NNNN-kep-template/README.md", "# KEP\n"), None);
        assert_eq!(kind("/r/adr/0000-template.md", "# Title\n"), None);
        assert_eq!(
            kind(
                "/r/rfcs/text/3392-council/motivation.md",
                "# Motivation\n\n## Proposal\n"
            ),
            None
        );
    }

    #[test]
    fn by_headings() {
        let rfc = "# Summary\n\n# Motivation\n\n# Guide-level explanation\n";
        assert_eq!(kind("/r/x.md", rfc), Some(DocKind::Rfc));
        let adr = "# 1. Use Kafka\n\n## Status\n\n## Context\n\n## Decision\n";
        assert_eq!(kind("/r/x.md", adr), Some(DocKind::Adr));
        let tutorial = "# Getting started\n\n## Install\n\n## Usage\n\n## Context\n";
        assert_eq!(kind("/r/x.md", tutorial), None);
        let readme = "# Motivation\n\n## Proposal\n";
        assert_eq!(kind("/r/README.md", readme), None);
    }

    #[test]
    fn by_front_matter() {
        assert_eq!(
            kind("/r/x.md", "---\nstatus: proposed\nauthors: [a]\n---\n# X\n"),
            Some(DocKind::DesignDoc)
        );
        assert_eq!(kind("/r/adr/x.md", "---\ntradeoff: off\n---\n# X\n"), None);
        assert_eq!(
            kind("/r/README.md", "---\ntradeoff: adr\n---\n# X\n"),
            Some(DocKind::Adr)
        );
        assert_eq!(
            kind(
                "/r/x.md",
                "---\nstatus: published\nauthor: me\n---\n# Blog\n"
            ),
            None
        );
    }
}
