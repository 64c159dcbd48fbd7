//! Diagnostic: service-level-terms
//!
//! Flags SLA, SLO and SLI used for each other (an SLI stated as a target, an SLO as a
//! legal agreement with penalties, an SLA as an internal goal) and RTO and RPO swapped.

use std::sync::LazyLock;

use crate::claims::Pattern;
use crate::diagnostics::{Finding, RuleCtx, RuleInfo, Severity, check_claims, compile};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "service-level-terms",
    default_severity: Severity::Warning,
    default_enabled: true,
    summary: "SLA, SLO and SLI, or RTO and RPO, used for one another",
    explanation: "An SLI is a measurement (the share of successful requests, the p99 latency); \
an SLO is the target for an SLI (99.9% over 30 days); an SLA is the contract with customers \
that contains SLOs and says what happens, such as service credits, when they are missed. \
RTO is how long a service may be down after a disaster; RPO is how much data, measured in \
time, may be lost.",
};

static CLAIMS: LazyLock<Vec<(Pattern, &'static str)>> = LazyLock::new(|| {
    let sli = "An SLI is a measurement, not a target: the target for it is an SLO";
    let slo = "An SLO is a target the team commits to; penalties and credits when it is missed belong to an SLA";
    compile(&[
        ("=SLI|=SLIs ~ target*|goal*|objective* !=SLO !=SLOs", sli),
        (
            "=SLI|=SLIs ~ must|should|needs|need|has_to|have_to ~ be|stay|remain|reach|meet|hit ~ at_least|above|over|greater|no_less|99*|9* !=SLO !=SLOs",
            sli,
        ),
        ("we|our ~ target|aim|commit ~ an? =SLI|=SLIs", sli),
        // "SLI: 99.95% target", "we set an SLI of 99.9%".
        (
            "=SLI|=SLIs ~ 9* ~ target*|goal*|objective* !=SLO !=SLOs",
            sli,
        ),
        (
            "set|sets|setting|defin*|agree*|pick*|chose|choose* ~ an? =SLI|=SLIs ~ of ~ 9* !=SLO !=SLOs",
            sli,
        ),
        // No fact says what follows a breach, so these stay patterns.
        (
            "=SLO|=SLOs ~~ breach*|miss*|violat*|fail* ~~ penalt*|refund*|service_credit*|credits|fines|compensat*",
            slo,
        ),
        (
            "breach*|miss*|violat* ~~ =SLO|=SLOs ~~ penalt*|refund*|service_credit*|credits|fines|compensat*",
            slo,
        ),
        (
            "penalt*|refund*|service_credit*|fines ~~ when|for ~~ =SLO|=SLOs",
            slo,
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
            ],
        );
    }
}
