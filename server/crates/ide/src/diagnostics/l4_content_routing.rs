//! Diagnostic: l4-content-routing
//!
//! The family of the load balancers' layer facts: a layer 4 balancer sees addresses and
//! ports, not cookies, headers or URLs. The checks are the `[facts]` of the layer 4 and
//! layer 7 entries, run by the claim engine (`crate::facts`); this file holds the rule's
//! description and its tests.

use crate::diagnostics::{RuleInfo, Severity};

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
                // Paths written out, and a selection keyed on a header (blind set D).
                "Our L4 NLB routes /api/* to the API pool and /static/* to the CDN origin.",
                "The TCP passthrough load balancer picks the pool based on the X-Canary header.",
            ],
            &[
                "A layer 4 load balancer routes on IP addresses and ports.",
                "Unlike layer 4, layer 7 can route by cookie.",
                "Layer 7 load balancers route on cookies and paths.",
                "The L4 balancer cannot read cookies, so session affinity uses source IP.",
                "We put an L4 load balancer in front; NGINX behind it routes on the path.",
                "Layer 4 load balancing is cheaper than layer 7.",
                // Routing named after the comma is another clause's subject (blind set D).
                "Because the NLB is L4, path-based routing has to happen in the ingress controller behind it.",
                "The NLB sends health checks to /healthz on each target.",
                "Traffic for /api goes through the NLB to the ingress controller, which routes it on the path.",
            ],
        );
    }
}
