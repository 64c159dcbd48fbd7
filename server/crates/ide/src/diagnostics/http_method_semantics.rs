//! Diagnostic: http-method-semantics
//!
//! The family of the HTTP methods' facts: GET and HEAD are safe, idempotent and
//! cacheable; PUT and DELETE idempotent and unsafe; POST and PATCH neither. The checks are
//! the `[facts]` of the method entries (`knowledge/apis/http-*.md`), run by the claim
//! engine (`crate::facts`); this file holds the rule's description and its tests.

use crate::diagnostics::{RuleInfo, Severity};

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
