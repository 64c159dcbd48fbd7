//! Diagnostic: consistency-confusion
//!
//! The family of the consistency models' and ACID properties' facts: eventual
//! consistency promising the latest write, strong consistency allowing stale reads or
//! asynchronous replicas, ACID consistency said to be CAP consistency, isolation and
//! durability swapped. The checks are the `[facts]` and `[[misconceptions]]` of those
//! entries (`knowledge/consistency/`, `knowledge/databases/`), run with the claim engine
//! (`crate::facts`); this file holds the rule's description and its tests.

use crate::diagnostics::{RuleInfo, Severity};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "consistency-confusion",
    default_severity: Severity::Warning,
    default_enabled: true,
    summary: "Consistency models or ACID properties mixed up",
    explanation: "ACID consistency (a transaction keeps the database's constraints) is not CAP \
consistency (every read of replicated data sees the latest write). Eventual consistency lets \
reads be stale until replicas converge, so it cannot promise that a read immediately sees a \
write. Strong consistency needs synchronous replication (or one copy); asynchronous \
replicas lag. With N replicas, a read is sure to see the latest write only when read and write \
quorums overlap, R + W > N (W=1 and R=1 with N=3 do not). Isolation is about concurrent transactions not seeing each other; durability \
is about committed data surviving crashes.",
};

#[cfg(test)]
mod tests {
    use crate::diagnostics::tests::check_rule;

    #[test]
    fn flags_consistency_mixups() {
        check_rule(
            "consistency-confusion",
            &[
                "ACID consistency is the same guarantee as CAP consistency.",
                "The C in ACID means the C in CAP.",
                "With eventual consistency, reads immediately see the latest write.",
                "The store is eventually consistent, so readers always see new writes.",
                "We get strong consistency with asynchronous replication to two regions.",
                "Asynchronous replicas give us read-your-writes and linearizable reads.",
                "Isolation guarantees that committed data survives a crash.",
                "Durability means transactions are serialized.",
                "The consistency in ACID and the consistency in CAP are the same property.",
                "Our replicas are updated asynchronously, so reads from them are strongly consistent.",
                "Reads from the async MySQL replicas are linearizable.",
            ],
            &[
                "ACID consistency is not CAP consistency.",
                "With eventual consistency, reads may be stale for a few milliseconds.",
                "Strong consistency requires synchronous replication.",
                "Replicas are updated asynchronously, so reads are eventually consistent.",
                "Durability guarantees committed data survives a crash.",
                "Isolation keeps concurrent transactions from seeing partial updates.",
                "Asynchronous replicas can lag, so we send reads that need the latest write to the primary.",
                "The consistency in ACID and the consistency in CAP are different properties.",
                "Async replicas are never linearizable.",
            ],
        );
    }
}
