//! Diagnostic: l4-content-routing
//!
//! Flags a layer 4 load balancer that routes on what only layer 7 can see: HTTP
//! headers, cookies, paths, hostnames or message content.

use std::ops::Range;
use std::sync::LazyLock;

use crate::claims::Pattern;
use crate::diagnostics::{RuleCtx, RuleInfo, Severity, check_claims, compile};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "l4-content-routing",
    default_severity: Severity::Warning,
    default_enabled: true,
    summary: "A layer 4 load balancer routing on HTTP headers, cookies, paths or content",
    explanation: "A layer 4 load balancer sees only the transport layer: IP addresses and ports. \
It forwards packets without reading them, so it cannot route by HTTP header, cookie, URL path, \
hostname or message body. Routing on those needs a layer 7 load balancer (or a reverse \
proxy), which terminates the connection and reads the request.",
};

static CLAIMS: LazyLock<Vec<(Pattern, &'static str)>> = LazyLock::new(|| {
    let msg = "A layer 4 load balancer sees only IP addresses and ports; routing on headers, cookies, paths or content needs layer 7";
    compile(&[
        (
            "layer_4|=L4|=NLB|transport_layer|network_load_balancer* load_balanc*|balanc*|lb|proxy? ~ rout*|direct*|split*|send*|distribut*|balanc*|inspect*|look*|read*|pick*|choos*|select*|steer*|match* ~~ cookie*|header*|path*|url*|uri*|hostname*|host_header*|query_string*|payload*|body|bodies|message_content*|request_content*|content|sni|user_agent*|jwt*|session_id*",
            msg,
        ),
        (
            "layer_4|layer-4|=L4 load_balanc*|balanc*|lb ~ is|are|can|will ~~ aware_of|understand*|pars* ~~ http|cookie*|header*|url*|path*",
            msg,
        ),
        (
            "cookie*|header*|path|url|hostname|content_based ~ based? rout*|sticky_sessions|stickiness|affinity ~~ at|on|with|using|in|by our? layer_4|=L4",
            msg,
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
    fn flags_content_routing_at_layer_4() {
        check_rule(
            "l4-content-routing",
            &[
                "Our L4 load balancer routes requests based on the session cookie.",
                "The layer 4 load balancer directs /api paths to the API pool.",
                "A layer 4 balancer inspects HTTP headers to pick a backend.",
                "The NLB routes by hostname.",
                "Cookie-based routing at layer 4 keeps sessions sticky.",
            ],
            &[
                "A layer 4 load balancer routes on IP addresses and ports.",
                "Unlike layer 4, layer 7 can route by cookie.",
                "Layer 7 load balancers route on cookies and paths.",
                "The L4 balancer cannot read cookies, so session affinity uses source IP.",
                "We put an L4 load balancer in front; NGINX behind it routes on the path.",
                "Layer 4 load balancing is cheaper than layer 7.",
            ],
        );
    }
}
