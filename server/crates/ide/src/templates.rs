//! The standard sections of RFCs, ADRs (Nygard's and MADR) and design docs, offered as
//! snippets by completion: a section where a heading is being typed, and a whole
//! skeleton in a document that has no heading yet.
//!
//! Snippets use the LSP snippet syntax (`${1:placeholder}`); [`plain`] turns one into
//! the text a client without snippet support inserts.

/// A section a design doc commonly has.
pub(crate) struct Section {
    /// The heading's text.
    pub title: &'static str,
    /// The formats it belongs to, for the item's detail.
    pub used_in: &'static str,
    /// What follows the heading, as a snippet (may be empty).
    pub body: &'static str,
}

pub(crate) const SECTIONS: &[Section] = &[
    Section {
        title: "Summary",
        used_in: "RFC",
        body: "${1:One paragraph: what this proposes.}",
    },
    Section {
        title: "Motivation",
        used_in: "RFC",
        body: "${1:Why we are doing this: the problem, who has it, and what it costs today.}",
    },
    Section {
        title: "Guide-level explanation",
        used_in: "RFC",
        body: "${1:The proposal as a user of it would be taught it.}",
    },
    Section {
        title: "Reference-level explanation",
        used_in: "RFC",
        body: "${1:The design in enough detail to build it.}",
    },
    Section {
        title: "Drawbacks",
        used_in: "RFC",
        body: "${1:Why we should not do this: costs, risks, what gets harder.}",
    },
    Section {
        title: "Rationale and alternatives",
        used_in: "RFC",
        body: "- ${1:Alternative}: ${2:why it was not chosen}.\n- What happens if we do nothing: ${3:...}",
    },
    Section {
        title: "Prior art",
        used_in: "RFC",
        body: "${1:How others solved this, and what we learn from them.}",
    },
    Section {
        title: "Unresolved questions",
        used_in: "RFC",
        body: "- ${1:Question to settle before or during implementation}",
    },
    Section {
        title: "Future possibilities",
        used_in: "RFC",
        body: "${1:Where this could go next.}",
    },
    Section {
        title: "Status",
        used_in: "ADR (Nygard)",
        body: "${1|Proposed,Accepted,Deprecated,Superseded|}",
    },
    Section {
        title: "Context",
        used_in: "ADR (Nygard)",
        body: "${1:The forces at play: technical, political, social, and the constraints.}",
    },
    Section {
        title: "Decision",
        used_in: "ADR (Nygard)",
        body: "We will ${1:...}.",
    },
    Section {
        title: "Consequences",
        used_in: "ADR (Nygard)",
        body: "- Good: ${1:what becomes easier}\n- Bad: ${2:what becomes harder or riskier}",
    },
    Section {
        title: "Context and Problem Statement",
        used_in: "ADR (MADR)",
        body: "${1:Two or three sentences: the problem, phrased as a question if you like.}",
    },
    Section {
        title: "Decision Drivers",
        used_in: "ADR (MADR)",
        body: "- ${1:driver, e.g. a force or a concern}",
    },
    Section {
        title: "Considered Options",
        used_in: "ADR (MADR)",
        body: "- ${1:option 1}\n- ${2:option 2}",
    },
    Section {
        title: "Decision Outcome",
        used_in: "ADR (MADR)",
        body: "Chosen option: \"${1:option}\", because ${2:justification}.\n\n### Consequences\n\n- Good, because ${3:...}\n- Bad, because ${4:...}",
    },
    Section {
        title: "Pros and Cons of the Options",
        used_in: "ADR (MADR)",
        body: "### ${1:option 1}\n\n- Good, because ${2:...}\n- Bad, because ${3:...}",
    },
    Section {
        title: "Context and scope",
        used_in: "design doc",
        body: "${1:The landscape the system lives in, and what is in and out of scope.}",
    },
    Section {
        title: "Goals and non-goals",
        used_in: "design doc",
        body: "Goals:\n\n- ${1:goal}\n\nNon-goals:\n\n- ${2:what we deliberately do not do}",
    },
    Section {
        title: "Design",
        used_in: "design doc",
        body: "${1:The design: components, data flow, APIs, storage.}",
    },
    Section {
        title: "Alternatives considered",
        used_in: "design doc",
        body: "- ${1:Alternative}: ${2:what it would give, and why we chose otherwise}.",
    },
    Section {
        title: "Tradeoffs",
        used_in: "any design doc",
        body: "- We trade ${1:what we give up} for ${2:what we get}.",
    },
    Section {
        title: "Cross-cutting concerns",
        used_in: "design doc",
        body: "- Security: ${1:...}\n- Privacy: ${2:...}\n- Observability: ${3:SLIs, SLOs, alerts}",
    },
];

/// A whole document skeleton.
pub(crate) struct Template {
    /// What the list shows.
    pub label: &'static str,
    /// Words that call it up.
    pub keywords: &'static [&'static str],
    /// The section titles, in order; the first is the document title (level 1).
    pub title: &'static str,
    /// Sections of level 2, by title (their bodies come from [`SECTIONS`]).
    pub sections: &'static [&'static str],
}

pub(crate) const TEMPLATES: &[Template] = &[
    Template {
        label: "RFC template",
        keywords: &["rfc", "template", "proposal"],
        title: "RFC: ",
        sections: &[
            "Summary",
            "Motivation",
            "Guide-level explanation",
            "Reference-level explanation",
            "Drawbacks",
            "Rationale and alternatives",
            "Prior art",
            "Unresolved questions",
            "Future possibilities",
        ],
    },
    Template {
        label: "ADR template (Nygard)",
        keywords: &["adr", "nygard", "template", "decision"],
        title: "ADR: ",
        sections: &["Status", "Context", "Decision", "Consequences"],
    },
    Template {
        label: "ADR template (MADR)",
        keywords: &["adr", "madr", "template", "decision"],
        title: "",
        sections: &[
            "Context and Problem Statement",
            "Decision Drivers",
            "Considered Options",
            "Decision Outcome",
            "Pros and Cons of the Options",
        ],
    },
    Template {
        label: "Design doc template",
        keywords: &["design", "doc", "template"],
        title: "Design: ",
        sections: &[
            "Context and scope",
            "Goals and non-goals",
            "Design",
            "Alternatives considered",
            "Tradeoffs",
            "Cross-cutting concerns",
        ],
    },
];

/// The heading text plus body of a section, as a snippet whose placeholders start at
/// `first` (so several sections can share one snippet).
pub(crate) fn section_snippet(section: &Section, first: u32) -> String {
    let body = renumber(section.body, first);
    if body.is_empty() {
        section.title.to_owned()
    } else {
        format!("{}\n\n{body}", section.title)
    }
}

/// A whole skeleton as a snippet.
pub(crate) fn template_snippet(template: &Template) -> String {
    let mut out = format!("# {}${{1:Title}}\n", template.title);
    let mut next = 2;
    for title in template.sections {
        let Some(section) = SECTIONS.iter().find(|s| s.title == *title) else {
            continue;
        };
        out.push_str(&format!("\n## {}\n", section_snippet(section, next)));
        next += placeholders(section.body);
    }
    out
}

/// How many distinct placeholders a snippet body has.
fn placeholders(body: &str) -> u32 {
    (1..10)
        .take_while(|n| body.contains(&format!("${{{n}")))
        .count() as u32
}

/// Shifts `${n` placeholders so the first is `first`.
fn renumber(body: &str, first: u32) -> String {
    let mut out = body.to_owned();
    if first == 1 {
        return out;
    }
    for n in (1..10).rev() {
        out = out.replace(&format!("${{{n}"), &format!("${{{}", n + first - 1));
    }
    out
}

/// The text a snippet inserts when the client has no snippet support: placeholders
/// become their default text (the first choice of a choice list), `$0` disappears.
pub(crate) fn plain(snippet: &str) -> String {
    let mut out = String::with_capacity(snippet.len());
    let mut rest = snippet;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(inner) = after.strip_prefix('{') {
            let digits = inner.chars().take_while(char::is_ascii_digit).count();
            let tail = &inner[digits..];
            let (default, skip) = if let Some(t) = tail.strip_prefix(':') {
                let end = t.find('}').unwrap_or(t.len());
                (&t[..end], digits + 1 + end + 1)
            } else if let Some(t) = tail.strip_prefix('|') {
                let end = t.find("|}").unwrap_or(t.len());
                let first = t[..end].split(',').next().unwrap_or("");
                (first, digits + 1 + end + 2)
            } else {
                ("", digits + 1)
            };
            out.push_str(default);
            rest = inner.get(skip..).unwrap_or("");
        } else {
            let digits = after.chars().take_while(char::is_ascii_digit).count();
            if digits == 0 {
                out.push('$');
            }
            rest = &after[digits..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_of_snippets() {
        assert_eq!(plain("We will ${1:...}."), "We will ....");
        assert_eq!(plain("${1|Proposed,Accepted|} $0x"), "Proposed x");
        assert_eq!(plain("costs $5"), "costs ");
        assert_eq!(plain("a $ b"), "a $ b");
    }

    #[test]
    fn templates_number_placeholders_in_order_and_name_known_sections() {
        for template in TEMPLATES {
            for title in template.sections {
                assert!(SECTIONS.iter().any(|s| s.title == *title), "{title}");
            }
            let snippet = template_snippet(template);
            let max = (1..60)
                .take_while(|n| snippet.contains(&format!("${{{n}")))
                .count();
            assert!(
                max >= template.sections.len(),
                "{}: {snippet}",
                template.label
            );
        }
        let adr = template_snippet(&TEMPLATES[1]);
        assert!(
            adr.starts_with("# ADR: ${1:Title}\n\n## Status\n\n${2|Proposed"),
            "{adr}"
        );
        assert!(adr.contains("## Decision\n\nWe will ${4:...}."), "{adr}");
    }
}
