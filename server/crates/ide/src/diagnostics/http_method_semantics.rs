//! Diagnostic: http-method-semantics
//!
//! Flags statements that get the HTTP methods' properties backwards: POST or PATCH
//! called idempotent, GET or HEAD said to change state, PUT or DELETE said not to be
//! idempotent.

use std::ops::Range;
use std::sync::LazyLock;

use crate::claims::Pattern;
use crate::diagnostics::{RuleCtx, RuleInfo, Severity, check_claims, compile};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "http-method-semantics",
    default_severity: Severity::Warning,
    default_enabled: true,
    summary: "An HTTP method described with the wrong idempotency or safety",
    explanation: "Retries, caches and proxies rely on the HTTP methods' properties. GET and HEAD \
are safe (they must not change state) and idempotent; PUT and DELETE are idempotent but not \
safe; POST and PATCH are neither. A design that retries POST because it is \"idempotent\" \
creates duplicates; make such retries safe with an idempotency key, or use PUT.",
};

static CLAIMS: LazyLock<Vec<(Pattern, &'static str)>> = LazyLock::new(|| {
    compile(&[
        (
            "=POST ~ idempoten*",
            "POST is not idempotent: repeating it can create a second resource or charge twice. Make retries safe with an idempotency key, or use PUT",
        ),
        (
            "=PATCH ~ idempoten*",
            "PATCH is not guaranteed to be idempotent (\"append an item\" applied twice differs from once); say how retries are made safe",
        ),
        (
            "=GET|=HEAD ~ change*|modif*|mutat*|alter*|updat*|writ*|delet*|creat* ~~ state|server_state|resource|resources|record|records|row|rows|database|the_database",
            "GET and HEAD are safe methods: they must not change server state. Use POST, PUT, PATCH or DELETE for changes",
        ),
        (
            "=GET|=HEAD ~ is|are not? unsafe|non_safe",
            "GET and HEAD are safe methods: they only read",
        ),
        (
            "=PUT|=DELETE ~ not|isn't|aren't|isnt|arent idempoten*",
            "PUT and DELETE are idempotent: repeating one leaves the same state as doing it once",
        ),
        (
            "=PUT|=DELETE ~ non_idempoten*|nonidempoten*",
            "PUT and DELETE are idempotent: repeating one leaves the same state as doing it once",
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
    fn flags_wrong_method_properties() {
        check_rule(
            "http-method-semantics",
            &[
                "Clients retry because POST is idempotent.",
                "Our POST endpoints are idempotent by design.",
                "PATCH is idempotent, so retries are fine.",
                "The GET endpoint updates the user's record.",
                "HEAD requests modify state on the server.",
                "PUT is not idempotent, so retries are unsafe.",
                "DELETE requests aren't idempotent.",
                "PUT calls are non-idempotent.",
            ],
            &[
                "POST is not idempotent.",
                "PUT is idempotent, but POST is not.",
                "POST isn't idempotent, so we add an idempotency key.",
                "We make POST retries safe with idempotency keys.",
                "GET is safe and idempotent.",
                "Use POST to create and PUT to replace; PUT is idempotent.",
                "If POST were idempotent we could retry blindly.",
                "Is PATCH idempotent?",
                "The post about idempotent consumers.",
                "It is wrong to say PUT is not idempotent.",
                "GET requests read the data.",
            ],
        );
    }
}
