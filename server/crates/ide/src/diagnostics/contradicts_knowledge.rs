//! Diagnostic: contradicts-knowledge
//!
//! Flags statements that contradict the knowledge base: each entry may list
//! `[[misconceptions]]` with a claim pattern and its correction (push vs pull CDNs,
//! federation vs sharding, scaling up vs out, hot vs cold sites, ...). Adding a check is
//! adding three lines to an entry, in the bundled knowledge or a project's own.

use crate::diagnostics::{Finding, RuleCtx, RuleInfo, Severity};

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

pub(crate) fn check(ctx: &RuleCtx, acc: &mut Vec<Finding>) {
    for clause in ctx.clauses {
        for claim in ctx.misconceptions {
            if let Some(range) = claim.pattern.find(clause) {
                acc.push(Finding::new(range, claim.correction.to_string()));
                break;
            }
        }
    }
}

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
}
