//! Diagnostic: cache-strategy-claims
//!
//! The family of the cache update strategies' facts (write-through, write-behind,
//! write-around, cache-aside, read-through). The checks are the `[facts]` of those entries,
//! run by the claim engine (`crate::facts`); this file holds the rule's description and
//! its tests.

use crate::diagnostics::{RuleInfo, Severity};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "cache-strategy-claims",
    default_severity: Severity::Warning,
    default_enabled: true,
    summary: "A cache update strategy credited with a property it lacks",
    explanation: "Write-behind (write-back) acknowledges writes before they reach the database, \
so a cache failure loses them. Write-through writes to the cache and the database before \
returning, so writes get slower, not faster (reads of fresh data are what get fast). \
Cache-aside fills the cache on misses and does not see database updates, so entries go stale \
until a TTL or an invalidation removes them.",
};

#[cfg(test)]
mod tests {
    use crate::diagnostics::tests::check_rule;

    #[test]
    fn flags_wrong_cache_strategy_claims() {
        check_rule(
            "cache-strategy-claims",
            &[
                "A write-behind cache gives us fast writes with no data loss.",
                "Write-back caching guarantees durability.",
                "Write-through makes writes faster.",
                "We picked a write-through cache to reduce write latency for updates.",
                "Cache-aside keeps the cache always fresh.",
                "With lazy loading the cache is never stale.",
            ],
            &[
                "A write-behind cache can lose data if it crashes before flushing.",
                "Write-through makes reads of fresh data fast.",
                "Write-through slows down writes.",
                "Cache-aside entries can go stale, so we set a TTL.",
                "Write-behind is faster for writes.",
            ],
        );
    }
}
