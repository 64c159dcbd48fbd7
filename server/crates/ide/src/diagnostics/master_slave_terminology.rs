//! Diagnostic: master-slave-terminology
//!
//! Suggests "primary/replica" for "master-slave" and "replica" for "slave". A hint by
//! default; set it to `off` or another severity in the settings.

use std::ops::Range;

use crate::diagnostics::{Finding, Fix, RuleCtx, RuleInfo, Severity};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "master-slave-terminology",
    default_severity: Severity::Hint,
    default_enabled: true,
    summary: "\"master-slave\" where \"primary-replica\" says the same",
    explanation: "Most databases and their documentation now say primary and replica (or leader \
and follower) instead of master and slave. The quick fix replaces the term. This is a hint, \
not a warning; turn it off with `\"rules\": {\"master-slave-terminology\": \"off\"}`.",
};

pub(crate) fn check(ctx: &RuleCtx, acc: &mut Vec<Finding>) {
    let text = &*ctx.doc.text;
    for clause in ctx.clauses {
        let words = &clause.words;
        let mut i = 0;
        while i < words.len() {
            let w = &words[i];
            let next = words.get(i + 1);
            let joined = next.is_some_and(|n| {
                &*w.lower == "master"
                    && matches!(&*n.lower, "slave" | "slaves")
                    && matches!(
                        text.get(w.range.end..n.range.start),
                        Some("-" | "/" | " " | "–")
                    )
            });
            if joined {
                let n = next.map_or(w.range.end, |n| n.range.end);
                acc.push(finding(
                    text,
                    w.range.start..n,
                    "Say \"primary-replica\" (or \"leader-follower\") instead of \"master-slave\""
                        .into(),
                ));
                i += 2;
                continue;
            }
            if matches!(&*w.lower, "slave" | "slaves") {
                let plural = if &*w.lower == "slaves" {
                    "replicas"
                } else {
                    "replica"
                };
                acc.push(finding(
                    text,
                    w.range.clone(),
                    format!("Say \"{plural}\" instead of \"{}\"", w.raw),
                ));
            }
            i += 1;
        }
    }
}

/// A finding with its fix: the flagged span replaced.
fn finding(text: &str, range: Range<usize>, message: String) -> Finding {
    let fix = replacement(text.get(range.clone()).unwrap_or(""))
        .map(|new| Fix::replace(format!("Replace with \"{new}\""), range.clone(), new));
    Finding::new(range, message).with_fix(fix)
}

/// The replacement the quick fix offers for a flagged span.
fn replacement(flagged: &str) -> Option<String> {
    let lower = flagged.to_lowercase();
    let replaced = if lower.starts_with("master") {
        let sep = flagged.chars().nth(6).unwrap_or('-');
        let slaves = lower.ends_with("slaves");
        format!(
            "primary{sep}{}",
            if slaves { "replicas" } else { "replica" }
        )
    } else if lower == "slaves" {
        "replicas".to_owned()
    } else if lower == "slave" {
        "replica".to_owned()
    } else {
        return None;
    };
    // Keep a leading capital.
    Some(if flagged.starts_with(char::is_uppercase) {
        let mut chars = replaced.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or(replaced)
    } else {
        replaced
    })
}

#[cfg(test)]
mod tests {
    use super::replacement;
    use crate::diagnostics::tests::check_rule;

    #[test]
    fn suggests_primary_replica() {
        check_rule(
            "master-slave-terminology",
            &[
                "We use master-slave replication.",
                "Reads go to the slaves.",
                "Master/slave setup.",
            ],
            &[
                "The primary replicates to two replicas.",
                "A master key in the vault.",
                "`slave_of` is a Redis option.",
            ],
        );
        assert_eq!(
            replacement("master-slave").as_deref(),
            Some("primary-replica")
        );
        assert_eq!(
            replacement("Master/slave").as_deref(),
            Some("Primary/replica")
        );
        assert_eq!(replacement("slaves").as_deref(), Some("replicas"));
    }
}
