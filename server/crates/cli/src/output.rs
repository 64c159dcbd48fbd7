//! The output formats of `tradeoff check`: human, JSON, SARIF 2.1.0 and GitHub workflow
//! commands. Lines and columns are 1-based; columns count Unicode characters.

use std::io::Write;

use serde_json::{Value, json};

/// An output format.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `file:line:col: severity[rule]: message`, the line and a caret.
    Human,
    /// One JSON document; see docs/check-json.md.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
}

/// One finding, located.
pub struct Finding {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub severity: ide::Severity,
    pub rule: &'static str,
    pub message: String,
    /// Why it matters, when the rule says.
    pub related: Option<String>,
}

impl Finding {
    pub fn new(lines: &LineIndex, d: ide::Diagnostic) -> Finding {
        let (line, column) = lines.line_col(d.range.start);
        let (end_line, end_column) = lines.line_col(d.range.end);
        Finding {
            line,
            column,
            end_line,
            end_column,
            severity: d.severity,
            rule: d.code,
            message: d.message,
            related: d.related,
        }
    }
}

/// Line starts of a text, for turning byte offsets into lines and columns in O(log n).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        (
            line + 1,
            self.text[self.starts[line]..offset].chars().count() + 1,
        )
    }

    /// The text of a 1-based line, without its line break.
    pub fn line(&self, line: usize) -> Option<&'a str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self
            .starts
            .get(line)
            .map_or(self.text.len(), |&e| e.saturating_sub(1));
        Some(self.text[start..end.max(start)].trim_end_matches('\r'))
    }
}

/// What one file produced.
pub struct FileReport {
    /// The path as shown (relative when given relative).
    pub shown: String,
    /// The text, for showing the offending lines.
    pub text: String,
    /// The findings, or why the file was skipped.
    pub result: Result<Vec<Finding>, String>,
}

pub fn write(
    out: &mut impl Write,
    format: Format,
    reports: &[FileReport],
    setup_errors: &[String],
    color: bool,
) -> std::io::Result<()> {
    match format {
        Format::Human => human(out, reports, color),
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &json_report(reports, setup_errors))?;
            writeln!(out)
        }
        Format::Sarif => {
            serde_json::to_writer_pretty(&mut *out, &sarif(reports))?;
            writeln!(out)
        }
        Format::Github => github(out, reports, setup_errors),
    }
}

fn human(out: &mut impl Write, reports: &[FileReport], color: bool) -> std::io::Result<()> {
    let paint = |code: &str, s: &str| {
        if color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    };
    for report in reports {
        let Ok(findings) = &report.result else {
            continue;
        };
        let lines = LineIndex::new(&report.text);
        for f in findings {
            let severity = match f.severity {
                ide::Severity::Error => paint("1;31", "error"),
                ide::Severity::Warning => paint("1;33", "warning"),
                ide::Severity::Info => paint("1;34", "info"),
                ide::Severity::Hint => paint("1;36", "hint"),
            };
            writeln!(
                out,
                "{}:{}:{}: {severity}[{}]: {}",
                paint("1", &report.shown),
                f.line,
                f.column,
                f.rule,
                f.message
            )?;
            let Some(line) = lines.line(f.line) else {
                continue;
            };
            let width = if f.end_line == f.line {
                f.end_column.saturating_sub(f.column).max(1)
            } else {
                1
            };
            let number = f.line.to_string();
            let w = number.len();
            writeln!(out, "{number:>w$} | {line}")?;
            let indent: String = line
                .chars()
                .take(f.column - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(
                out,
                "{:>w$} | {indent}{}",
                "",
                paint("1;33", &format!("^{}", "~".repeat(width - 1)))
            )?;
        }
    }
    Ok(())
}

fn json_report(reports: &[FileReport], setup_errors: &[String]) -> Value {
    let mut findings = Vec::new();
    let mut skipped = Vec::new();
    let mut counts = [0usize; 4];
    for report in reports {
        match &report.result {
            Ok(list) => {
                for f in list {
                    counts[f.severity as usize] += 1;
                    findings.push(json!({
                        "path": report.shown,
                        "line": f.line,
                        "column": f.column,
                        "end_line": f.end_line,
                        "end_column": f.end_column,
                        "severity": f.severity.name(),
                        "rule": f.rule,
                        "message": f.message,
                        "related": f.related,
                    }));
                }
            }
            Err(message) => skipped.push(json!({"path": report.shown, "message": message})),
        }
    }
    json!({
        "version": 1,
        "tool": {"name": "tradeoff", "version": env!("CARGO_PKG_VERSION")},
        "files_checked": reports.len(),
        "summary": {"error": counts[0], "warning": counts[1], "info": counts[2], "hint": counts[3]},
        "findings": findings,
        "skipped": skipped,
        "errors": setup_errors,
    })
}

fn sarif_level(severity: ide::Severity) -> &'static str {
    match severity {
        ide::Severity::Error => "error",
        ide::Severity::Warning => "warning",
        ide::Severity::Info | ide::Severity::Hint => "note",
    }
}

fn docs_url(code: &str) -> String {
    format!(
        "{}/blob/main/docs/rules.md#{code}",
        env!("CARGO_PKG_REPOSITORY")
    )
}

fn sarif(reports: &[FileReport]) -> Value {
    let rules: Vec<&ide::RuleInfo> = ide::rules().collect();
    let rule_objects: Vec<Value> = rules
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.code,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.explanation},
                "help": {"text": r.explanation, "markdown": r.explanation},
                "helpUri": docs_url(r.code),
                "defaultConfiguration": {"level": sarif_level(r.default_severity), "enabled": r.default_enabled},
            })
        })
        .collect();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for report in reports {
        match &report.result {
            Ok(list) => {
                for f in list {
                    let index = rules.iter().position(|r| r.code == f.rule).unwrap_or(0);
                    results.push(json!({
                        "ruleId": f.rule,
                        "ruleIndex": index,
                        "level": sarif_level(f.severity),
                        "message": {"text": f.message},
                        "locations": [{
                            "physicalLocation": {
                                "artifactLocation": {"uri": report.shown, "uriBaseId": "%SRCROOT%"},
                                "region": {
                                    "startLine": f.line,
                                    "startColumn": f.column,
                                    "endLine": f.end_line,
                                    "endColumn": f.end_column,
                                },
                            },
                        }],
                    }));
                }
            }
            Err(message) => notifications.push(json!({
                "level": "warning",
                "message": {"text": format!("{}: {message}; skipped", report.shown)},
            })),
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "tradeoff",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": rule_objects,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "invocations": [{"executionSuccessful": true, "toolExecutionNotifications": notifications}],
        }],
    })
}

/// Escapes data for a workflow command: `%`, CR and LF; properties also `:` and `,`.
fn escape(s: &str, property: bool) -> String {
    let mut out = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        out = out.replace(':', "%3A").replace(',', "%2C");
    }
    out
}

fn github(
    out: &mut impl Write,
    reports: &[FileReport],
    setup_errors: &[String],
) -> std::io::Result<()> {
    for report in reports {
        match &report.result {
            Ok(list) => {
                for f in list {
                    let kind = match f.severity {
                        ide::Severity::Error => "error",
                        ide::Severity::Warning => "warning",
                        ide::Severity::Info | ide::Severity::Hint => "notice",
                    };
                    writeln!(
                        out,
                        "::{kind} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                        escape(&report.shown, true),
                        f.line,
                        f.column,
                        f.end_line,
                        f.end_column,
                        escape(&format!("tradeoff {}", f.rule), true),
                        escape(&f.message, false)
                    )?;
                }
            }
            Err(message) => writeln!(
                out,
                "::warning file={}::{}",
                escape(&report.shown, true),
                escape(&format!("skipped: {message}"), false)
            )?,
        }
    }
    for error in setup_errors {
        writeln!(out, "::error::{}", escape(error, false))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let lines = LineIndex::new("a😀b\nxy");
        assert_eq!(lines.line_col(5), (1, 3));
        assert_eq!(lines.line_col(8), (2, 2));
        assert_eq!(LineIndex::new("ab").line_col(99), (1, 3));
        let lines = LineIndex::new("one\r\ntwo\n");
        assert_eq!(lines.line(1), Some("one"));
        assert_eq!(lines.line(2), Some("two"));
        assert_eq!(lines.line(3), Some(""));
        assert_eq!(lines.line(4), None);
    }

    #[test]
    fn workflow_commands_are_escaped() {
        assert_eq!(escape("a:b,c%\n", true), "a%3Ab%2Cc%25%0A");
        assert_eq!(escape("a:b,c", false), "a:b,c");
    }
}
