//! Diagnostic: whitelist-blacklist-terminology
//!
//! Suggests "allowlist" for "whitelist" and "denylist" for "blacklist", in every form
//! ("whitelisted", "Blacklists", ...). A hint by default; its quick fix replaces the word,
//! keeping its capital and its ending. Words in code, in identifiers (`ip_whitelist`,
//! `--blacklist`, `whitelist=`), in paths and in capitals (`WHITELIST`) are left alone.

use std::ops::Range;

use crate::diagnostics::{Finding, Fix, RuleCtx, RuleInfo, Severity};

pub(crate) const INFO: RuleInfo = RuleInfo {
    code: "whitelist-blacklist-terminology",
    default_severity: Severity::Hint,
    default_enabled: true,
    summary: "\"whitelist\" or \"blacklist\" where \"allowlist\" or \"denylist\" says the same",
    explanation: "Many projects and style guides now write allowlist and denylist (or \
blocklist) instead of whitelist and blacklist: the new words say what the list does. The \
quick fix replaces the word and keeps its form (\"Blacklisted\" becomes \"Denylisted\"). \
Identifiers, code spans and paths are not flagged, since renaming them is a code change. \
This is a hint, not a warning; turn it off with \
`\"rules\": {\"whitelist-blacklist-terminology\": \"off\"}`.",
};

pub(crate) fn check(ctx: &RuleCtx, acc: &mut Vec<Finding>) {
    let text = &*ctx.doc.text;
    for clause in ctx.clauses {
        for w in &clause.words {
            let Some(new) = replacement(&w.raw) else {
                continue;
            };
            if in_identifier(text, w.range.clone()) {
                continue;
            }
            let fix = Fix::replace(
                format!("Replace with \"{new}\""),
                w.range.clone(),
                new.clone(),
            );
            acc.push(
                Finding::new(
                    w.range.clone(),
                    format!("Say \"{new}\" instead of \"{}\"", w.raw),
                )
                .with_fix(Some(fix)),
            );
        }
    }
}

/// The word with "white"/"black" replaced by "allow"/"deny", keeping a leading capital and
/// the ending; `None` for other words and for words in capitals.
fn replacement(word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    let (new, rest) = if let Some(rest) = lower.strip_prefix("whitelist") {
        ("allow", rest)
    } else if let Some(rest) = lower.strip_prefix("blacklist") {
        ("deny", rest)
    } else {
        return None;
    };
    if !matches!(rest, "" | "s" | "ed" | "ing") || word.chars().all(|c| c.is_uppercase()) {
        return None;
    }
    let new = if word.starts_with(char::is_uppercase) {
        let mut chars = new.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        new.to_owned()
    };
    Some(format!("{new}list{rest}"))
}

/// True when the word at `range` is part of an identifier, option or path rather than
/// prose: the run of non-blank text around it has `_`, `=` or `::`, or starts with `-`,
/// `/`, `.` or `~`.
fn in_identifier(text: &str, range: Range<usize>) -> bool {
    let start = text
        .get(..range.start)
        .and_then(|before| before.rfind(char::is_whitespace))
        .map_or(0, |i| i + 1);
    let end = text
        .get(range.end..)
        .and_then(|after| after.find(char::is_whitespace))
        .map_or(text.len(), |i| range.end + i);
    let token = text
        .get(start..end)
        .unwrap_or("")
        .trim_start_matches(['(', '[', '"', '\'', '*']);
    token.contains(['_', '=']) || token.contains("::") || token.starts_with(['-', '/', '.', '~'])
}

#[cfg(test)]
mod tests {
    use super::replacement;
    use crate::diagnostics::tests::check_rule;
    use crate::fixture;

    #[test]
    fn suggests_allowlist_and_denylist() {
        check_rule(
            "whitelist-blacklist-terminology",
            &[
                "Requests from IPs on the whitelist are let through.",
                "Blacklisted tokens are rejected at the gateway.",
                "We keep whitelist/blacklist pairs per tenant.",
                "Whitelisting is done by the admin.",
            ],
            &[
                "Requests from IPs on the allowlist are let through.",
                "Set `ip_whitelist` in the config.",
                "Set ip_whitelist in the config.",
                "Pass --blacklist to the proxy.",
                "Edit /etc/whitelist.conf first.",
                "The WHITELIST constant holds them.",
                "The whitelister role is new.",
            ],
        );
        assert_eq!(replacement("whitelist").as_deref(), Some("allowlist"));
        assert_eq!(replacement("Blacklisted").as_deref(), Some("Denylisted"));
        assert_eq!(replacement("blacklists").as_deref(), Some("denylists"));
        assert_eq!(replacement("whitelister"), None);
        assert_eq!(replacement("BLACKLIST"), None);
    }

    #[test]
    fn the_fix_replaces_the_word_keeping_its_form() {
        let (analysis, doc, offset) = fixture::with_cursor(
            "//- /docs/x.md\n# Access\n\nSome intro.\n\n- Admins edit the list.\n- Black$0listed tokens are rejected.\n",
        );
        let assists = analysis.assists(&doc, offset..offset);
        let fix = assists
            .iter()
            .find(|a| a.label == "Replace with \"Denylisted\"")
            .unwrap_or_else(|| panic!("{assists:?}"));
        assert!(fix.preferred);
        let mut text = doc.text.to_string();
        for (range, new) in fix.edits.iter().rev() {
            text.replace_range(range.clone(), new);
        }
        assert_eq!(
            text,
            "# Access\n\nSome intro.\n\n- Admins edit the list.\n- Denylisted tokens are rejected.\n"
        );
        // Plain diagnostics runs attach no fix; the finding is a hint.
        let found = analysis.diagnostics(&doc);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].severity, crate::Severity::Hint);
        assert_eq!(found[0].fix, None);
    }
}
