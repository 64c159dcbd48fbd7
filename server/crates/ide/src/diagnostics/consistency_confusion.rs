//! Diagnostic: consistency-confusion
//!
//! Flags mixed-up consistency and transaction terms that no fact expresses: ACID
//! consistency said to be the same as CAP consistency, and asynchronous replicas said to
//! give strong consistency. The rest (eventual consistency promising the latest write,
//! strong consistency allowing stale reads or asynchronous replication, ACID consistency
//! about replicas, isolation and durability swapped) are facts of the entries, checked
//! by the claim engine.

use std::sync::LazyLock;

use crate::claims::Pattern;
use crate::diagnostics::{Finding, RuleCtx, RuleInfo, Severity, check_claims, compile};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "consistency-confusion",
    default_severity: Severity::Warning,
    default_enabled: true,
    summary: "Consistency models or ACID properties mixed up",
    explanation: "ACID consistency (a transaction keeps the database's constraints) is not CAP \
consistency (every read of replicated data sees the latest write). Eventual consistency lets \
reads be stale until replicas converge, so it cannot promise that a read immediately sees a \
write. Strong consistency needs synchronous replication (or one copy); asynchronous \
replicas lag. Isolation is about concurrent transactions not seeing each other; durability \
is about committed data surviving crashes.",
};

static CLAIMS: LazyLock<Vec<(Pattern, &'static str)>> = LazyLock::new(|| {
    let same = "The C in ACID (transactions keep constraints) is not the C in CAP (every read sees the latest write of replicated data)";
    let strong = "Strong consistency needs synchronous replication (or a single copy): asynchronous replicas can serve reads that miss the latest write";
    compile(&[
        (
            "=ACID_consistency|=C ~~ same|identical|equivalent|equals|means|=CAP ~~ =CAP",
            same,
        ),
        (
            "=CAP_consistency|=C ~~ same|identical|equivalent|equals ~~ =ACID",
            same,
        ),
        (
            "=ACID ~ and|or ~ =CAP ~ consistency ~ is|are|mean* ~ the_same|identical|equivalent",
            same,
        ),
        (
            "async*|asynchronous*|asynchronously ~ replicat*|replica* ~~ strong_consistency|strongly_consistent|linearizab*|read_your_writes|latest_write",
            strong,
        ),
        // Session 10: "the consistency in ACID and the consistency in CAP are the same",
        // "the C in ACID is the same guarantee as the C in CAP".
        (
            "consistency ~ in|of ~ =ACID ~ and ~~ consistency ~ in|of ~ =CAP ~~ same|identical|equivalent|interchangeable",
            same,
        ),
        (
            "the_=C_in_=ACID|the_=C_of_=ACID ~~ same|identical|equivalent ~~ the_=C_in_=CAP|the_=C_of_=CAP !not",
            same,
        ),
        // Followers fed asynchronously, said to give strong consistency: "our replicas are
        // updated asynchronously, so reads from them are strongly consistent", "reads from
        // the async MySQL replicas are linearizable".
        (
            "replica*|follower*|standby|standbys|secondar* ~~ asynchronous*|async ~~ strong_consistency|strongly_consistent|linearizab*|read_your_writes|latest_write|most_recent_write !primary !leader !lag* !stale*",
            strong,
        ),
        (
            "async|asynchronous ~~ replica*|follower*|standby|standbys|secondar* ~~ strong_consistency|strongly_consistent|linearizab*|read_your_writes|latest_write|most_recent_write !primary !leader !lag* !stale*",
            strong,
        ),
    ])
});

pub(crate) fn check(ctx: &RuleCtx, acc: &mut Vec<Finding>) {
    check_claims(ctx, &CLAIMS, acc);
}

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
