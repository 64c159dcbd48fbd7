//! Knowledge entries as markdown, for hovers, completion documentation and `explain`.

use std::fmt::Write;

use knowledge::{Entry, KnowledgeBase};

/// The full markdown of an entry: name, definition, key facts, tradeoffs, related terms
/// and sources. A disambiguation entry lists its senses with their definitions.
pub fn render_entry(kb: &KnowledgeBase, entry: &Entry) -> String {
    render_entry_with(kb, entry, None)
}

/// [`render_entry`], with the entry's review questions marked answered or open when
/// `answered` says which (a hover in a document), or with their rationale otherwise.
pub(crate) fn render_entry_with(
    kb: &KnowledgeBase,
    entry: &Entry,
    answered: Option<&dyn Fn(usize) -> bool>,
) -> String {
    let mut out = String::new();
    let _ = write!(out, "**{}**", entry.term);
    if !entry.category.is_empty() {
        let _ = write!(out, " · *{}*", entry.category);
    }
    out.push_str("\n\n");
    out.push_str(&entry.definition);
    out.push('\n');
    if entry.is_disambiguation() {
        out.push('\n');
        for sense in entry.senses.iter().filter_map(|id| kb.by_id(id)) {
            let summary = one_line(first_sentence(&sense.definition));
            let _ = writeln!(
                out,
                "- **{}** (*{}*): {summary}",
                sense.term, sense.category
            );
        }
    }
    for (title, items) in [("Key facts", &entry.facts), ("Tradeoffs", &entry.tradeoffs)] {
        if items.is_empty() {
            continue;
        }
        let _ = write!(out, "\n**{title}**\n\n");
        for item in items {
            let _ = writeln!(out, "- {item}");
        }
    }
    if !entry.concerns.is_empty() {
        out.push_str("\n**Review questions**\n\n");
        for (i, concern) in entry.concerns.iter().enumerate() {
            let _ = match answered {
                Some(answered) if answered(i) => {
                    writeln!(
                        out,
                        "- ✓ {} *(the document addresses it)*",
                        concern.question
                    )
                }
                Some(_) => writeln!(out, "- ☐ {}", concern.question),
                None => writeln!(out, "- {} {}", concern.question, concern.rationale),
            };
        }
    }
    render_facts(kb, entry, &mut out);
    let related: Vec<&str> = entry
        .related
        .iter()
        .filter_map(|id| kb.by_id(id))
        .map(|it| &*it.term)
        .collect();
    if !related.is_empty() {
        let _ = write!(out, "\n**Related:** {}\n", related.join(", "));
    }
    if !entry.sources.is_empty() {
        out.push_str("\n*Source:* ");
        for (i, source) in entry.sources.iter().enumerate() {
            if i > 0 {
                out.push_str("; ");
            }
            let label = match &source.section {
                Some(section) => format!("{}, {}", source.title, section),
                None => source.title.to_string(),
            };
            match &source.url {
                Some(url) => {
                    let _ = write!(out, "[{label}]({url})");
                }
                None => out.push_str(&label),
            }
        }
        out.push('\n');
    }
    out
}

/// The entry's `[facts]`, as the claim checks read them: what the diagnostics hold
/// sentences against.
fn render_facts(kb: &KnowledgeBase, entry: &Entry, out: &mut String) {
    let facts = &entry.known;
    if facts.is_empty() && entry.misconceptions.is_empty() {
        return;
    }
    let lexicon = knowledge::Lexicon::bundled();
    let props = |ids: &[Box<str>]| -> String {
        ids.iter()
            .map(|id| lexicon.properties.get(id).map_or(&**id, |p| &*p.label))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let targets = |ids: &[Box<str>]| -> String {
        ids.iter()
            .map(|id| lexicon.targets.get(id).map_or(&**id, |t| &*t.label))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let terms = |ids: &[Box<str>]| -> String {
        ids.iter()
            .map(|id| kb.by_id(id).map_or(&**id, |e| &*e.term))
            .collect::<Vec<_>>()
            .join(", ")
    };
    out.push_str("\n**Checked facts**\n\n");
    if let Some(note) = &facts.note {
        let _ = writeln!(out, "- {note}");
    }
    if !facts.is.is_empty() {
        let _ = writeln!(out, "- Has: {}", props(&facts.is));
    }
    if !facts.is_not.is_empty() {
        let _ = writeln!(out, "- Lacks: {}", props(&facts.is_not));
    }
    if !facts.over.is_empty() {
        let _ = writeln!(out, "- Runs over: {}", terms(&facts.over));
    }
    if let Some(n) = facts.osi {
        let _ = writeln!(out, "- Works at layer {n} of the OSI model");
    }
    if !facts.speeds.is_empty() {
        let _ = writeln!(out, "- Speeds up: {}", targets(&facts.speeds));
    }
    if !facts.slows.is_empty() {
        let _ = writeln!(out, "- Slows down: {}", targets(&facts.slows));
    }
    for (dimension, ids) in &facts.more {
        let more = lexicon
            .comparisons
            .get(dimension)
            .map_or(&**dimension, |c| &*c.more);
        let _ = writeln!(out, "- {} than: {}", capitalized(more), terms(ids));
    }
    if !facts.confused_with.is_empty() {
        let _ = writeln!(
            out,
            "- Not to be confused with: {}",
            terms(&facts.confused_with)
        );
    }
    // The corrections of its misconceptions, once each: several claim patterns often
    // share one.
    let mut corrections: Vec<&str> = Vec::new();
    for m in &entry.misconceptions {
        if !corrections.contains(&&*m.correction) {
            corrections.push(&m.correction);
        }
    }
    for correction in corrections {
        let _ = writeln!(out, "- Corrects: {correction}");
    }
}

/// `text` with its first letter in upper case: "faster" -> "Faster".
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Text with its line breaks and runs of blanks folded into single spaces.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first sentence of a definition, for one-line summaries.
pub fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b != b'.' || !bytes.get(i + 1).is_some_and(|c| c.is_ascii_whitespace()) {
            continue;
        }
        let before = &text[..=i];
        // Skip abbreviations such as "e.g." and "i.e.".
        if before.ends_with("e.g.") || before.ends_with("i.e.") || before.ends_with("vs.") {
            continue;
        }
        return before;
    }
    text
}

#[cfg(test)]
mod tests {
    use super::first_sentence;

    #[test]
    fn first_sentence_skips_abbreviations() {
        assert_eq!(
            first_sentence("A cache, e.g. Redis. More."),
            "A cache, e.g. Redis."
        );
        assert_eq!(
            first_sentence("One line\nwrapped. Two."),
            "One line\nwrapped."
        );
        assert_eq!(first_sentence("No stop"), "No stop");
    }
}
