//! Diagnostic: contradicts-knowledge
//!
//! Flags statements that contradict the knowledge base: each entry may list
//! `[[misconceptions]]` with a claim pattern and its correction (push vs pull CDNs,
//! federation vs sharding, scaling up vs out, hot vs cold sites, ...). Adding a check is
//! adding three lines to an entry, in the bundled knowledge or a project's own. The
//! misconceptions of an entry whose `[facts]` name a family are found under that family's
//! rule instead (`cap-misuse` for the CAP theorem's); all are checked with the facts, in
//! one pass over a block's clauses (`super::misconceptions`).

use crate::diagnostics::{RuleInfo, Severity};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "contradicts-knowledge",
    default_severity: Severity::Warning,
    default_enabled: true,
    summary: "A statement that contradicts a knowledge entry (push vs pull CDN, sharding vs federation, ...)",
    explanation: "Knowledge entries can list statements that authors commonly get backwards, \
each with a correction: a push CDN that fetches on the first request, federation described as \
splitting rows by key, vertical scaling that adds machines, a cold site with instant \
failover, and more. The message is the entry's correction. A project can add its own in its \
knowledge directories:\n\n```toml\n[[misconceptions]]\nclaim = \"push_cdn ~~ fetch*|pull* ~~ \
first_request\"\ncorrection = \"A push CDN gets content when you upload it\"\n```",
};

#[cfg(test)]
mod tests {
    use crate::fixture;

    #[test]
    fn entries_supply_the_checks() {
        let text = r#"
//- /knowledge/push-cdn.md
+++
term = "Push CDN"
category = "networking"
[[sources]]
title = "T"
[[misconceptions]]
claim = "push_cdn* ~~ fetch*|pull*|grab* ~~ first_request|on_demand"
correction = "A push CDN gets content when you upload it; fetching on the first request is a pull CDN"
+++
You upload content to it.
//- /docs/x.md
Our push CDN fetches assets on the first request.

A pull CDN fetches assets on the first request.
"#;
        let (analysis, doc) = fixture::parse(text);
        let found: Vec<(String, String)> = analysis
            .diagnostics(&doc)
            .into_iter()
            .map(|d| (doc.text[d.range].to_owned(), d.message))
            .collect();
        assert_eq!(
            found,
            [(
                "push CDN fetches assets on the first request".to_owned(),
                "A push CDN gets content when you upload it; fetching on the first request is a pull CDN".to_owned()
            )]
        );
    }

    /// A misconception is found under its entry's family, and only in a block that has
    /// what it `needs`.
    #[test]
    fn a_family_and_a_context() {
        let text = r#"
//- /knowledge/cap.md
+++
term = "CAP theorem"
category = "consistency"
[[sources]]
title = "T"
[facts]
family = "cap-misuse"
[[misconceptions]]
claim = "we|it ~ is|are ~ =CA"
correction = "Nothing replicated is CA"
needs = "partition*|replica*"
+++
Consistency or availability during a partition.
//- /docs/x.md
We run three replicas. It is CA.

Our certificates come from an internal issuer. It is CA.
"#;
        let (analysis, doc) = fixture::parse(text);
        let found: Vec<(String, &str)> = analysis
            .diagnostics(&doc)
            .into_iter()
            .map(|d| (doc.text[d.range].to_owned(), d.code))
            .collect();
        assert_eq!(found, [("It is CA".to_owned(), "cap-misuse")]);
    }
}
