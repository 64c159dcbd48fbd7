//! Diagnostic: service-level-terms
//!
//! Flags SLA, SLO and SLI used for each other (an SLI stated as a target, an SLO as a
//! legal agreement with penalties, an SLA as an internal goal), RTO and RPO swapped, and
//! an SLO looser than its SLA (that arithmetic is in `crate::numbers`).
//! The checks are the `[facts]` and `[[misconceptions]]` of the SLI, SLO, SLA, RTO and RPO
//! entries (`knowledge/reliability/`, `knowledge/disaster-recovery/`), run with the claim
//! engine (`crate::facts`); this file holds the rule's description and its tests.

use crate::diagnostics::{RuleInfo, Severity};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "service-level-terms",
    default_severity: Severity::Warning,
    default_enabled: true,
    summary: "SLA, SLO and SLI, or RTO and RPO, used for one another",
    explanation: "An SLI is a measurement (the share of successful requests, the p99 latency); \
an SLO is the target for an SLI (99.9% over 30 days); an SLA is the contract with customers \
that contains SLOs and says what happens, such as service credits, when they are missed; \
the SLO is set at least as strict as the SLA, so that the team is warned before the contract \
is breached. \
RTO is how long a service may be down after a disaster; RPO is how much data, measured in \
time, may be lost.",
};

#[cfg(test)]
mod tests {
    use crate::diagnostics::tests::check_rule;

    #[test]
    fn flags_swapped_service_level_terms() {
        check_rule(
            "service-level-terms",
            &[
                "Our SLI target is 99.9% of requests under 300 ms.",
                "The SLI must be at least 99.95%.",
                "The SLO is a legally binding contract with customers.",
                "Breaching the SLO costs us service credits.",
                "The SLA is our internal goal for the team.",
                "| Checkout | SLI: 99.95% target |",
                "We set an SLI of 99.9% that the team must meet.",
                "Our RTO is 15 minutes of data loss at most.",
                "The RPO defines how long we can be down.",
                // Session 18: the value, then what it means.
                "Our RTO is 24 hours, meaning we can lose at most a day of data.",
                "Synchronous replication gives us an RTO of zero, since no committed data can be lost.",
                "The RPO is 2 hours, because that is how long a restore from backup takes.",
            ],
            &[
                "The SLI is the share of successful requests.",
                "The SLI must stay above the SLO.",
                "The SLI was 99.2% against a 99.9% target.",
                "Our SLO is 99.9% availability over 30 days.",
                "The SLA gives customers service credits when we miss it.",
                "Our RTO is 1 hour and our RPO is 5 minutes.",
                "The RPO bounds how much data we can lose.",
                "The RTO bounds downtime after a regional outage.",
                "Our RPO is 24 hours, meaning we can lose at most a day of data.",
                "The RTO is 2 hours, because that is how long a restore from backup takes.",
                "Our RTO is 4 hours, since restoring the 2 TB database takes about 3 hours.",
                "The RTO is 1 hour, because losing the last hour of data is acceptable for the RPO.",
            ],
        );
    }
}
