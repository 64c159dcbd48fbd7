//! Inline suppression of diagnostics, with HTML comments the rendered doc does not show:
//!
//! - `<!-- tradeoff-disable-next-line RULE ... -->` silences the rules on the next line;
//! - `<!-- tradeoff-disable RULE ... -->` ... `<!-- tradeoff-enable RULE ... -->` silences
//!   them in between (to the end of the file without an enable);
//! - with no rule named, every rule is silenced;
//! - `tradeoff: off` in the front matter silences the whole file.
//!
//! Comments inside code blocks are examples, not switches.

use std::ops::Range;

use crate::document::Document;

/// The suppressions of one document.
#[derive(Debug, Default)]
pub(crate) struct Suppressions {
    whole_file: bool,
    /// Line number (0-based) and the rules it silences (`None`: all).
    lines: Vec<(usize, Option<Vec<String>>)>,
    /// Byte ranges and the rules they silence.
    ranges: Vec<(Range<usize>, Option<Vec<String>>)>,
    line_starts: Vec<usize>,
}

impl Suppressions {
    pub fn new(doc: &Document) -> Suppressions {
        let text = &*doc.text;
        let mut res = Suppressions {
            line_starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
            ..Default::default()
        };
        if let Some(front) = syntax::front_matter(&doc.tree).and_then(|r| text.get(r)) {
            res.whole_file = front.lines().any(|line| {
                let Some((key, value)) = line.split_once([':', '=']) else {
                    return false;
                };
                key.trim() == "tradeoff"
                    && matches!(
                        value.trim().trim_matches(['"', '\'']),
                        "off" | "false" | "ignore"
                    )
            });
        }
        if !text.contains("tradeoff-") {
            return res;
        }
        let mut open: Vec<(usize, Option<Vec<String>>)> = Vec::new();
        let mut at = 0;
        while let Some(start) = text[at..].find("<!--").map(|i| at + i) {
            let Some(end) = text[start..].find("-->").map(|i| start + i + 3) else {
                break;
            };
            at = end;
            if syntax::in_code_block(&doc.tree, start) {
                continue;
            }
            let body = text[start + 4..end - 3].trim();
            let mut parts = body
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|s| !s.is_empty());
            let directive = parts.next().unwrap_or("");
            let rules: Vec<String> = parts.map(str::to_owned).collect();
            let rules = if rules.is_empty() { None } else { Some(rules) };
            match directive {
                "tradeoff-disable-next-line" => {
                    let line = res.line_of(end) + 1;
                    res.lines.push((line, rules));
                }
                "tradeoff-disable-line" => res.lines.push((res.line_of(start), rules)),
                "tradeoff-disable" => open.push((end, rules)),
                "tradeoff-enable" => {
                    // Close the matching open ranges: all of them for a bare enable.
                    let mut still_open = Vec::new();
                    for (from, open_rules) in open.drain(..) {
                        let closes = match (&rules, &open_rules) {
                            (None, _) => true,
                            (Some(enable), Some(disabled)) => {
                                disabled.iter().all(|r| enable.contains(r))
                            }
                            (Some(_), None) => false,
                        };
                        if closes {
                            res.ranges.push((from..start, open_rules));
                        } else {
                            still_open.push((from, open_rules));
                        }
                    }
                    open = still_open;
                }
                _ => {}
            }
        }
        for (from, rules) in open {
            res.ranges.push((from..text.len(), rules));
        }
        res
    }

    fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// True when a diagnostic of `code` starting at `offset` is silenced.
    pub fn silences(&self, code: &str, offset: usize) -> bool {
        let names = |rules: &Option<Vec<String>>| {
            rules.as_ref().is_none_or(|r| r.iter().any(|r| r == code))
        };
        if self.whole_file {
            return true;
        }
        let line = self.line_of(offset);
        self.lines
            .iter()
            .any(|(l, rules)| *l == line && names(rules))
            || self
                .ranges
                .iter()
                .any(|(range, rules)| range.contains(&offset) && names(rules))
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::tests::show;

    #[test]
    fn next_line_range_and_file_switches() {
        let text = "//- /docs/x.md
POST is idempotent.
<!-- tradeoff-disable-next-line http-method-semantics -->
PATCH is idempotent.
<!-- tradeoff-disable-next-line cap-misuse -->
POST is idempotent here too.
<!-- tradeoff-disable -->
Our database is CA.
<!-- tradeoff-enable -->
The database cluster is CA.
```
<!-- tradeoff-disable -->
```
UDP retransmits lost packets.
";
        expect_test::expect![[r#"
            1 "POST is idempotent" "http-method-semantics": POST is neither safe nor idempotent: a retry can create a second resource or charge twice; make retries safe with an idempotency key, or use PUT (see “POST”)
            5 "POST is idempotent" "http-method-semantics": POST is neither safe nor idempotent: a retry can create a second resource or charge twice; make retries safe with an idempotency key, or use PUT (see “POST”)
            9 "cluster is CA" "cap-misuse": A distributed system cannot be CA: network partitions happen, so it must choose between consistency (CP) and availability (AP) when one does
            13 "UDP retransmits" "transport-guarantees": UDP is a connectionless, best-effort transport-layer (layer 4) protocol: no handshake, no retransmission, no ordering, no flow or congestion control; each datagram arrives whole or not at all, so message boundaries are kept; the application (or QUIC) must add what it needs (see “User Datagram Protocol”)
        "#]]
        .assert_eq(&show(text));
        assert_eq!(
            show("//- /docs/x.md\n---\ntradeoff: off\n---\nPOST is idempotent.\n"),
            ""
        );
    }
}
