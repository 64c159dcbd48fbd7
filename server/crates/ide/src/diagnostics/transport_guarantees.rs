//! Diagnostic: transport-guarantees
//!
//! The family of the transport protocols' facts: what TCP, UDP and QUIC guarantee and
//! what HTTP/1.1, HTTP/2, HTTP/3, gRPC and WebSocket run over. The checks are the
//! `[facts]` of those entries, run by the claim engine (`crate::facts`); this file holds
//! the rule's description and its tests.

use crate::diagnostics::{RuleInfo, Severity};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "transport-guarantees",
    default_severity: Severity::Warning,
    default_enabled: true,
    summary: "UDP credited with TCP's guarantees, or TCP with broadcast",
    explanation: "UDP is connectionless: it does not guarantee delivery or order, does not \
retransmit lost datagrams and has no congestion control; an application on UDP (or a \
protocol such as QUIC) must add what it needs. TCP delivers a reliable ordered byte stream \
between two endpoints and cannot broadcast or multicast.",
};

#[cfg(test)]
mod tests {
    use crate::diagnostics::tests::check_rule;

    #[test]
    fn flags_wrong_transport_claims() {
        check_rule(
            "transport-guarantees",
            &[
                "We use UDP because it guarantees ordered delivery.",
                "UDP provides congestion control out of the box.",
                "UDP delivers packets in order.",
                "UDP retransmits lost packets.",
                "UDP is reliable enough here since it ensures delivery.",
                "TCP supports broadcast to all nodes.",
                "The sensors use TCP broadcast.",
            ],
            &[
                "UDP does not guarantee delivery.",
                "UDP is faster because it skips handshakes and retransmission.",
                "TCP guarantees ordered delivery; UDP doesn't.",
                "QUIC runs over UDP and adds reliable delivery.",
                "UDP supports broadcast.",
                "TCP retransmits lost packets.",
                "Unlike TCP, UDP provides no ordering.",
            ],
        );
    }
}
