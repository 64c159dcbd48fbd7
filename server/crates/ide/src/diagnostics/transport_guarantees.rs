//! Diagnostic: transport-guarantees
//!
//! Flags statements that give UDP the guarantees of TCP (ordered or guaranteed delivery,
//! retransmission, congestion control, connections) or give TCP broadcast.

use std::ops::Range;
use std::sync::LazyLock;

use crate::claims::Pattern;
use crate::diagnostics::{RuleCtx, RuleInfo, Severity, check_claims, compile};

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

static CLAIMS: LazyLock<Vec<(Pattern, &'static str)>> = LazyLock::new(|| {
    let udp = "UDP does not guarantee delivery or order, does not retransmit and has no congestion control; the application (or QUIC) must add them";
    compile(&[
        (
            "=UDP ~ guarantee*|ensure*|provide*|promise*|offer*|give*|has|have|support*|handle* ~ ordered|in_order|reliable|guaranteed|delivery|ordering|retransmission*|congestion_control|acknowledg*|flow_control",
            udp,
        ),
        (
            "=UDP ~ deliver*|send*|transmit* ~~ in_order|reliably|in_sequence|without_loss|guaranteed",
            udp,
        ),
        ("=UDP ~ retransmit*|re_transmit*|resend*|reorder*", udp),
        ("=UDP ~ is|are reliable|ordered|connection_oriented", udp),
        (
            "=UDP ~ connection* ~ handshake*",
            "UDP is connectionless: there is no handshake",
        ),
        (
            "=TCP ~ support*|can|does|do|enable*|allow*|provide*|use* ~ broadcast*|multicast*",
            "TCP is point to point: it cannot broadcast or multicast; use UDP for that",
        ),
        (
            "=TCP ~ broadcast*|multicast*",
            "TCP is point to point: it cannot broadcast or multicast; use UDP for that",
        ),
    ])
});

pub(crate) fn check(ctx: &RuleCtx, acc: &mut Vec<(Range<usize>, String)>) {
    check_claims(ctx, &CLAIMS, acc);
}

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
