//! The server survives what clients and workspaces throw at it: protocol faults, nasty
//! documents and load. Each test ends by checking the server still answers.

mod support;

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::{Server, hover_text};

fn alive(server: &mut Server) {
    let uri = "file:///alive.md";
    server.open(uri, "A write-behind cache.\n");
    let hover = server.hover(uri, 0, 5);
    assert!(
        hover_text(&hover).starts_with("**Write-behind cache**"),
        "server not answering: {hover}"
    );
}

fn change(uri: &str, version: i64, range: Value, text: &str) -> Value {
    json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": range, "text": text}]})
}

fn range(sl: u64, sc: u64, el: u64, ec: u64) -> Value {
    json!({"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}})
}

#[test]
fn out_of_range_positions_and_edits_are_clamped() {
    let (mut server, _) = Server::initialized(json!({}));
    let uri = "file:///repo/a.md";
    server.open(uri, "We use CAP.\n");
    assert_eq!(server.hover(uri, 999, 999), Value::Null);
    assert_eq!(server.hover(uri, 0, 99_999), Value::Null);
    let res = server.completion(uri, 500, 0);
    assert!(
        res.is_null() || res["items"].as_array().is_some_and(|i| i.is_empty()),
        "{res}"
    );
    // An edit past the end appends; a reversed range is normalised.
    server.notify(
        "textDocument/didChange",
        change(uri, 2, range(50, 0, 60, 0), "POST is idempotent.\n"),
    );
    server.notify(
        "textDocument/didChange",
        change(uri, 3, range(0, 10, 0, 7), "the CAP theorem"),
    );
    let diagnostics = server.diagnostics(uri, 3);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "http-method-semantics");
    let hover = server.hover(uri, 0, 12);
    assert!(hover_text(&hover).starts_with("**CAP theorem**"), "{hover}");
    alive(&mut server);
    assert!(server.shutdown().success());
}

#[test]
fn unknown_documents_duplicates_and_unknown_methods() {
    let (mut server, _) = Server::initialized(json!({}));
    // A change to a document never opened is ignored.
    server.notify(
        "textDocument/didChange",
        change("file:///nope.md", 2, range(0, 0, 0, 0), "x"),
    );
    assert_eq!(server.hover("file:///nope.md", 0, 0), Value::Null);
    // A second didOpen replaces the first.
    let uri = "file:///repo/dup.md";
    server.open(uri, "Our database is CA.\n");
    server.diagnostics(uri, 1);
    server.open(uri, "Nothing to see.\n");
    assert_eq!(server.diagnostics(uri, 1), Vec::<Value>::new());
    // Unknown requests get MethodNotFound; unknown notifications are ignored.
    let res = server.request_raw("tradeoff/noSuchMethod", json!({}));
    assert_eq!(res["error"]["code"], -32601, "{res}");
    server.notify("$/noSuchNotification", json!({}));
    server.notify("$/cancelRequest", json!({"id": 12345}));
    alive(&mut server);
    assert!(server.shutdown().success());
}

#[test]
fn malformed_json_and_framing_get_errors_and_the_server_goes_on() {
    let (mut server, _) = Server::initialized(json!({}));
    server.send_raw(b"Content-Length: 12\r\n\r\n{not json!!}");
    let err = server.wait_for(|m| m["error"]["code"] == -32700);
    assert_eq!(err["id"], Value::Null);
    server.send_raw(b"Content-Length: 15\r\n\r\n{\"jsonrpc\":1.0}");
    alive(&mut server);
    assert!(server.shutdown().success());
}

#[test]
fn requests_after_shutdown_are_refused() {
    let (mut server, _) = Server::initialized(json!({}));
    let res = server.request_raw("shutdown", Value::Null);
    assert_eq!(res["result"], Value::Null);
    let res = server.request_raw(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///x.md"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(res["error"]["code"], -32600, "{res}");
}

fn nasty_documents() -> Vec<(&'static str, String)> {
    let design =
        "# Title\n\n## Motivation\n\nWe need eventual consistency, and POST is idempotent.\n\n";
    vec![
        ("10 MB", design.repeat(10 * 1024 * 1024 / design.len())),
        (
            "a 1 MB line",
            format!(
                "{}\n",
                "write-behind cache and CAP theorem ".repeat(1024 * 1024 / 35)
            ),
        ),
        (
            "deep quote nesting",
            format!("{} POST is idempotent.\n", "> ".repeat(5_000)),
        ),
        (
            "deep list nesting",
            (0..2_000)
                .map(|i| format!("{}- level {i}\n", "  ".repeat(i)))
                .collect(),
        ),
        (
            "thousands of headings",
            (0..10_000)
                .map(|i| format!("## Heading {i}\n\nText.\n\n"))
                .collect(),
        ),
        (
            "a huge table",
            format!(
                "| a | b |\n|---|---|\n{}",
                "| POST is idempotent | CAP |\n".repeat(20_000)
            ),
        ),
        (
            "HTML blocks",
            "<div>\n<p>POST is idempotent</p>\n</div>\n\n<!-- comment -->\n".repeat(5_000),
        ),
        ("NUL bytes", "Our database\0 is CA.\0\0\n\0".repeat(1_000)),
        // One paragraph of possessives and asides: each starts a claim of its own.
        (
            "possessives in one paragraph",
            "We rely on UDP's retransmission and UDP, a reliable transport, and ".repeat(10_000),
        ),
        (
            "bad front matter",
            "---\n: : [unclosed\n\tkey: {\n---\n# Title\n\nText.\n".to_owned(),
        ),
        (
            "only markup",
            "```\n".repeat(1_001) + &"|".repeat(10_000) + &"#".repeat(10_000),
        ),
        (
            "combining and wide characters",
            "e\u{301}\u{301}😀数据 CAP theorem 🇺🇸\r\n\r".repeat(20_000),
        ),
    ]
}

#[test]
fn nasty_documents_get_answers_in_time() {
    // With every rule on, the opt-in review questions too: a hang there is a hang.
    let (mut server, _) = Server::initialized_with(
        json!({}),
        json!({"tradeoff": {"rules": {"review-questions": "info"}}}),
    );
    for (i, (name, text)) in nasty_documents().into_iter().enumerate() {
        let uri = format!("file:///nasty/{i}.md");
        let started = Instant::now();
        server.open(&uri, &text);
        server.diagnostics(&uri, 1);
        // One edit at the start, then a hover: the incremental path on the same text.
        server.notify(
            "textDocument/didChange",
            change(&uri, 2, range(0, 0, 0, 0), "x"),
        );
        server.diagnostics(&uri, 2);
        server.hover(&uri, 0, 3);
        server.completion(&uri, 0, 1);
        let took = started.elapsed();
        eprintln!(
            "{name}: {} bytes, open + edit + hover in {took:?}",
            text.len()
        );
        // A guard against hangs and quadratic blow-ups, not a speed target (lsp-bench
        // measures speed): generous, because CI machines are shared and slow.
        assert!(took < Duration::from_secs(120), "{name} took {took:?}");
        server.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
    }
    alive(&mut server);
    assert!(server.shutdown().success());
}

#[test]
fn requests_under_streaming_edits_answer_for_their_version() {
    let (mut server, _) = Server::initialized(json!({}));
    // A design doc with a wrong claim on every line, so quick fixes have work to do.
    let uri = "file:///repo/adr/0001-load.md";
    let line = "We rely on eventual consistency, and POST is idempotent.\n";
    server.open(uri, &line.repeat(200));
    let rss_before = rss_kb(&server);
    let mut ids = Vec::new();
    let mut version = 1;
    for i in 0..1_000 {
        if i % 10 == 0 {
            version += 1;
            server.notify(
                "textDocument/didChange",
                change(uri, version, range(0, 0, 0, 0), "x"),
            );
        }
        // Hover, completion and quick fixes each answer for the text they saw, or say the
        // content was modified: a quick fix's edits must never target newer text.
        let (method, params) = match i % 3 {
            0 => (
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": {"line": 150, "character": 14}}),
            ),
            1 => (
                "textDocument/completion",
                json!({"textDocument": {"uri": uri}, "position": {"line": 150, "character": 7}}),
            ),
            _ => (
                "textDocument/codeAction",
                json!({"textDocument": {"uri": uri}, "range": range(150, 40, 150, 45), "context": {"diagnostics": []}}),
            ),
        };
        ids.push(server.send_request(method, params));
    }
    let (mut answered, mut modified) = (0, 0);
    for id in ids {
        let res = server.wait_for(|m| m["id"] == json!(id) && m.get("method").is_none());
        match res.get("error") {
            Some(err) => {
                assert_eq!(
                    err["code"], -32801,
                    "only ContentModified is acceptable: {res}"
                );
                modified += 1;
            }
            None => {
                assert!(!res["result"].is_null(), "{res}");
                answered += 1;
            }
        }
    }
    eprintln!(
        "1000 hover, completion and code action requests under 100 edits: {answered} answered, {modified} content-modified"
    );
    assert!(answered > 0);
    server.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    alive(&mut server);
    if let (Some(before), Some(after)) = (rss_before, rss_kb(&server)) {
        eprintln!("RSS with the document open {before} kB, after closing {after} kB");
        assert!(
            after < before + 64 * 1024,
            "memory grew from {before} kB to {after} kB"
        );
    }
    assert!(server.shutdown().success());
}

fn rss_kb(server: &Server) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.pid())).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
