//! Diagnostic: cache-strategy-claims
//!
//! Flags cache update strategies credited with what they cannot do: write-behind with no
//! data loss, write-through with faster writes, cache-aside with an always fresh cache.

use std::ops::Range;
use std::sync::LazyLock;

use crate::claims::Pattern;
use crate::diagnostics::{RuleCtx, RuleInfo, Severity, check_claims, compile};

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

static CLAIMS: LazyLock<Vec<(Pattern, &'static str)>> = LazyLock::new(|| {
    let behind = "Write-behind acknowledges writes before they reach the database: if the cache fails first, they are lost";
    let through = "Write-through makes writes slower, not faster: each write waits for both the cache and the database";
    let aside = "Cache-aside entries go stale when the database changes; only a TTL or explicit invalidation bounds the staleness";
    compile(&[
        (
            "write_behind|write_back cach*|caching|strategy|mode? ~~ no|zero|never|without ~ data_loss|lost_writes|loses|lose|loss|data_is_lost",
            behind,
        ),
        (
            "write_behind|write_back cach*|caching|strategy|mode? ~~ guarantee*|ensure*|provide*|is|are|keep* ~ durab*|no_data_loss|lossless|safe_against_crashes",
            behind,
        ),
        (
            "write_through cach*|caching|strategy|mode? ~~ faster|quicker|cheaper|speed*_up|lower_latency|low_latency|reduc*_latency ~~ writes|write|writing|updates",
            through,
        ),
        (
            "write_through cach*|caching|strategy|mode? ~~ writes|write|updates ~ faster|quicker|cheaper",
            through,
        ),
        (
            "write_through cach*|caching|strategy|mode? ~~ reduc*|lower*|cut*|improv*|speed*|boost* ~ write_latency|write_performance|write_speed|write_throughput",
            through,
        ),
        (
            "cache_aside|lazy_loading|look_aside cach*|caching|strategy|pattern? ~~ always|never|guarantee*|ensure* ~~ fresh|stale|up_to_date|consistent|in_sync|current|coheren*",
            aside,
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
