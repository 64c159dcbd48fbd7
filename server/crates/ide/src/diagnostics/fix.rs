//! Quick fixes as rules attach them to their findings, and the helpers the fixes that
//! add a section share: where a new section goes and at what level.

use std::ops::Range;

use crate::design_doc::heading_title;

/// A rule's quick fix for one finding: a label and the text edits that apply it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the editor shows.
    pub label: String,
    /// Replacements of byte ranges of the document, non-overlapping.
    pub edits: Vec<(Range<usize>, String)>,
}

impl Fix {
    /// A fix that replaces `range` with `new`.
    pub(crate) fn replace(label: String, range: Range<usize>, new: String) -> Fix {
        Fix {
            label,
            edits: vec![(range, new)],
        }
    }

    /// The fix moved by `delta` bytes (block rules' findings are stored relative to their
    /// block).
    pub(crate) fn shifted(&self, delta: isize) -> Fix {
        let shift = |at: usize| at.saturating_add_signed(delta);
        Fix {
            label: self.label.clone(),
            edits: self
                .edits
                .iter()
                .map(|(range, new)| (shift(range.start)..shift(range.end), new.clone()))
                .collect(),
        }
    }
}

/// Sections that close a document; a new section goes before them.
pub(crate) const CLOSING: &[&str] = &[
    "unresolved questions",
    "open questions",
    "future work",
    "future possibilities",
    "references",
    "appendix",
    "links",
    "more information",
    "related work",
];

/// The level of a new section: that of the document's top sections below the title
/// (`##` when there are none), never deeper than `####`.
pub(crate) fn section_level(headings: &[syntax::Heading]) -> u8 {
    headings
        .iter()
        .map(|h| h.level)
        .filter(|&l| l > 1)
        .min()
        .unwrap_or(2)
        .min(4)
}

/// Where a new section of `level` goes and the text to insert there: before the first
/// section at that level or above whose title starts with one of `closing`, else at the
/// end of the document.
pub(crate) fn insert_section(
    text: &str,
    headings: &[syntax::Heading],
    level: u8,
    closing: &[&str],
    section: String,
) -> (usize, String) {
    let before = headings.iter().find(|h| {
        h.level <= level
            && closing
                .iter()
                .any(|c| heading_title(text, h).starts_with(c))
    });
    match before {
        Some(h) => (h.range.start, format!("{section}\n")),
        None => (text.len(), format!("{}{section}", separator(text))),
    }
}

/// What goes between the end of `text` and a new section.
pub(crate) fn separator(text: &str) -> &'static str {
    if text.ends_with("\n\n") || text.is_empty() {
        ""
    } else if text.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    }
}
