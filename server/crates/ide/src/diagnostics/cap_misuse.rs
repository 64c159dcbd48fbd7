//! Diagnostic: cap-misuse
//!
//! Flags claims the CAP theorem rules out: a distributed system that is "CA", one that
//! has all three guarantees, an AP system called strongly consistent or listed with the
//! latest write among what it gives, CAP availability quoted as an uptime percentage, and
//! PACELC with the wrong tradeoff in either branch. What is true is stated in the CAP
//! entries, as `[facts]` (what CP and AP systems do during a partition) and
//! `[[misconceptions]]` (claims about any system: "our database is CA"), and checked with
//! the claim engine; this file reads the CA label of a row or item ("| Order store (3
//! regions) | CAP class: CA |").

use std::ops::Range;

use crate::claims::Clause;
use crate::diagnostics::{Finding, RuleCtx, RuleInfo, Severity};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "cap-misuse",
    default_severity: Severity::Warning,
    default_enabled: true,
    summary: "A claim the CAP theorem rules out, or CAP and PACELC terms misused",
    explanation: "CAP says that when the network partitions, a replicated system must give up \
either consistency (every read sees the latest write) or availability (every request gets a \
non-error answer). Partitions happen on any real network, so a distributed system chooses CP \
or AP; \"CA\" only describes a single node. A CP system refuses some requests during a \
partition; an AP system may serve stale reads. CAP availability is a yes/no property during a \
partition, not an uptime percentage. PACELC adds: if Partition, Availability or Consistency; \
Else, Latency or Consistency.",
};

/// The CA label in a row or item; the rule's claims are the facts and misconceptions of
/// the CAP entries (`knowledge/consistency/cap-theorem.md`, `pacelc.md`, `ap-system.md`,
/// `cp-system.md`, `availability/cap-availability.md`).
pub(crate) fn check(ctx: &RuleCtx, acc: &mut Vec<Finding>) {
    // "CA" outside a block about CAP is most often a certificate authority ("the CA
    // model", "alternatives to the CA"), which the block need not name in every clause.
    if !about_cap(ctx.clauses) {
        return;
    }
    for clause in ctx.clauses {
        let Some(range) = ca_label(&ctx.doc.text, clause) else {
            continue;
        };
        if !acc
            .iter()
            .any(|f| f.range.start < range.end && range.start < f.range.end)
        {
            acc.push(Finding::new(range, CA));
        }
    }
}

/// Whether a block speaks of CAP or of replicated data: it names CAP, PACELC, CP or AP,
/// partitions, consistency, availability, replicas, quorums, databases, nodes or regions.
fn about_cap(clauses: &[Clause]) -> bool {
    const STEMS: &[&str] = &[
        "partition",
        "split",
        "netsplit",
        "consisten",
        "availab",
        "replica",
        "replicat",
        "quorum",
        "database",
        "datastore",
        "nodes",
        "region",
        "distributed",
        "geo",
    ];
    clauses.iter().flat_map(|c| &c.words).any(|w| {
        matches!(&*w.raw, "CAP" | "PACELC" | "CP" | "AP")
            || STEMS.iter().any(|s| w.lower.starts_with(s))
    })
}

const CA: &str = "A distributed system cannot be CA: network partitions happen, so it must choose between consistency (CP) and availability (AP) when one does";

/// "| Order store (3 regions) | CAP class: CA |", "- Billing database (two regions): CA":
/// CA as the value of a label, in a row or item about replicated data or CAP. A single
/// node may be CA.
fn ca_label(text: &str, clause: &Clause) -> Option<Range<usize>> {
    let words = &clause.words;
    let last = words.last()?;
    if &*last.raw != "CA" || words.len() < 2 {
        return None;
    }
    let before = text.get(words[words.len() - 2].range.end..last.range.start)?;
    if !before.contains([':', '|']) {
        return None;
    }
    let about = words[..words.len() - 1].iter().any(|w| {
        &*w.raw == "CAP"
            || matches!(
                &*w.lower,
                "replication" | "replicated" | "replicas" | "regions" | "nodes" | "partition"
            )
    });
    let single = words
        .iter()
        .any(|w| matches!(&*w.lower, "single" | "one" | "1"));
    let negated = (0..words.len()).any(|i| clause.negates(i)) || clause.question;
    (about && !single && !negated).then(|| words[0].range.start..last.range.end)
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::tests::check_rule;

    #[test]
    fn flags_impossible_cap_claims() {
        check_rule(
            "cap-misuse",
            &[
                "We are a CA system, so partitions are handled.",
                "Our database is CA.",
                "The store picks CA in CAP terms.",
                "Our cluster provides consistency, availability and partition tolerance.",
                "The new store guarantees all three CAP properties.",
                "Being CP, the cluster remains fully available during a network partition.",
                "As an AP store, every read returns the latest write.",
                "The AP design is strongly consistent.",
                "Our CAP availability is 99.99%.",
                "PACELC says that else you trade availability against consistency.",
                "PACELC: during a partition you choose latency or consistency.",
                "The store provides both consistency and availability during a network partition.",
                "We chose etcd because it provides consistency and availability at the same time during a network partition.",
                "During a partition, our cluster stays consistent and available.",
                "- Orders DB (5 nodes, 3 AZs): tolerates partitions without giving up consistency or availability",
                "The replicated ledger never has to choose between consistency and availability.",
                "The replicated ledger, which is classified as CA, runs in three regions.",
                "Under CAP, availability means the service meets its 99.95% monthly uptime target.",
                "We measure the CAP availability of the cluster as the percentage of minutes in which the health check passed.",
                "The \"A\" in CAP is the uptime percentage from our SLA.",
                "| PACELC \"else\" branch | availability vs. partition tolerance |",
                "| Order store (3 regions) | CAP class: CA |",
                "- Billing database (two regions, synchronous replication): CA",
                "The team considers the cluster CA, since its replicas share a rack.",
                "PACELC says that without a partition, we trade availability against consistency.",
                "The cluster gives up partition tolerance to get both consistency and availability.",
                "We sacrifice partition tolerance, so the ledger stays consistent and available.",
                "In the absence of partitions, PACELC makes us choose between availability and consistency.",
                "A PA/EL system prefers consistency in normal operation.",
                "Under PACELC, a PC/EC store favours latency when there is no partition.",
                "ZooKeeper is an AP system.",
                "Eureka is a CP registry.",
                "A CP store keeps accepting writes on both sides of a network partition.",
                // Session 17: any subject called CA, and a negation in a second statement.
                "Our ledger is CA, since it runs on three nodes.",
                "Redis Sentinel gives us a CA setup with two replicas.",
                "We are building a CA system: the replicas stay consistent and available, and we simply don't need partition tolerance.",
                // Partitions said not to happen on a small network.
                "A single-region cluster can't experience partitions.",
                "Network partitions cannot happen inside one datacenter.",
                "We don't need partition tolerance because the nodes sit in the same VPC.",
                "Partition tolerance is optional for a cluster in one region.",
            ],
            &[
                "A CA design is unrealistic for a distributed database.",
                "We cannot be CA; we choose CP.",
                "CAP says you cannot have consistency, availability and partition tolerance at once.",
                "A replicated store can only support two of these guarantees: consistency, availability and partition tolerance.",
                "The CP store rejects writes during a partition.",
                "The AP store may return stale reads during a partition.",
                "Our uptime target is 99.99%.",
                "PACELC: else, choose latency or consistency.",
                "Under PACELC, a PA/EL database favours latency when the network is healthy.",
                "A PC/EC store such as HBase favours consistency both during a partition and in normal operation.",
                "Mail goes to the CA office.",
                "No distributed store can give up partition tolerance to get both consistency and availability.",
                "You cannot sacrifice partition tolerance in a distributed system.",
                "A single-node database gives up partition tolerance and stays consistent and available.",
                "| Trust store | issuer: CA |",
                "| Config store (single node) | CAP: CA |",
                "- **CA**: Cluster Autoscaler, which resizes the cluster.",
                "The CA certificate is rotated yearly.",
                "Is a CA system possible?",
                "Outside a partition, the store is both consistent and available.",
                "The store provides consistency and availability when the network is healthy.",
                "A single node never has to choose between consistency and availability.",
                "The root is configured as a CA certificate authority.",
                // A certificate authority (Strimzi proposal 137).
                "It differs from the way we picked for CA renewal.",
                "We chose a CA that issues short-lived certificates.",
                "Vault is configured as a CA for internal TLS.",
                // OpenShift's service CA rotation proposal.
                "An upgrade after rotation and before expiry of the pre-rotation CA guarantees that services use valid key material.",
                "Under CAP, availability means every request to a live node gets an answer.",
                "Uptime is 99.95%; CAP availability is a different thing.",
                "PACELC: during a partition, choose availability or consistency.",
                // A block about certificates that names no CAP term (a Matrix proposal).
                "The CA model, for all its flaws, is at least well understood.",
                "It is therefore important to consider alternatives to the CA model.",
                "The team considers the cluster CA.",
                "It never has to choose between consistency and availability until a partition happens.",
                "No system stays consistent and available during a partition.",
                "During a partition, the store stays consistent but not available.",
                // Session 10: a single node may be CA; the majority side of a CP
                // cluster does keep serving.
                "A single-node database is CA in the CAP sense, since it has no network to partition.",
                "The majority side of a CP cluster keeps accepting writes during a partition.",
                "Unlike ZooKeeper, Eureka favours availability over consistency.",
                "etcd favours consistency over availability.",
                "Our database replicas use a cert that is CA-signed.",
                "A single-node database doesn't need partition tolerance.",
                "Partitions are rarer inside one datacenter than across regions.",
                "We can't rule out partitions inside one region.",
                "Partition tolerance isn't optional for the replicated store.",
                "Partitions don't only happen across regions; they happen inside a datacenter too.",
                // The Cluster Autoscaler (a KEP about nodes).
                "This might slow node removal. The reason for this is: the CA deletes the VM.",
                "The ledger is not CA, and we accept unavailability during a partition.",
            ],
        );
    }
}
