//! End-to-end tests of `tradeoff lsp`: the built binary, driven over stdio by a JSON-RPC
//! client, with the bundled knowledge base.

mod support;

use serde_json::{Value, json};
use support::{Server, hover_text};

const DESIGN_DOC: &str = "# Move sessions to Redis

## Motivation

Sessions live in each web server's memory, so sticky sessions pin users to servers.

## Proposal

Store sessions in Redis with eventual consistency between replicas,
behind an L7 load balancer.

```yaml
cache: write-behind
```
";

const URI: &str = "file:///repo/design/sessions.md";

fn utf16_client() -> (Server, Value) {
    Server::initialized(json!({}))
}

/// A client whose settings turn on the review questions, which are off by default.
fn review_client() -> Server {
    Server::initialized_with(
        json!({}),
        json!({"tradeoff": {"rules": {"review-questions": "info"}}}),
    )
    .0
}

#[test]
fn initialize_advertises_capabilities() {
    let (server, res) = utf16_client();
    let caps = &res["capabilities"];
    assert_eq!(
        caps["textDocumentSync"]["change"], 2,
        "incremental sync: {caps}"
    );
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["completionProvider"]["resolveProvider"], true);
    for provider in [
        "definitionProvider",
        "referencesProvider",
        "documentSymbolProvider",
        "workspaceSymbolProvider",
        "inlayHintProvider",
    ] {
        assert_eq!(caps[provider], true, "{provider}: {caps}");
    }
    assert_eq!(
        caps["semanticTokensProvider"]["legend"]["tokenTypes"],
        json!(["concept"])
    );
    assert!(caps["documentLinkProvider"].is_object());
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(res["serverInfo"]["name"], "tradeoff");
    assert!(server.shutdown().success());
}

#[test]
fn negotiates_utf8_when_offered() {
    let (server, res) = Server::initialized(
        json!({"general": {"positionEncodings": ["utf-8", "utf-32", "utf-16"]}}),
    );
    assert_eq!(res["capabilities"]["positionEncoding"], "utf-8");
    assert!(server.shutdown().success());
}

#[test]
fn did_open_publishes_the_missing_tradeoffs_warning() {
    let (mut server, _) = utf16_client();
    server.open(URI, DESIGN_DOC);
    let diagnostics = server.diagnostics(URI, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "missing-tradeoffs");
    assert_eq!(d["severity"], 2);
    assert_eq!(d["source"], "tradeoff");
    assert_eq!(d["range"]["start"], json!({"line": 0, "character": 2}));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("design doc has no tradeoffs section"),
        "{d}"
    );

    // Adding the section clears it.
    let end_line = DESIGN_DOC.lines().count() as u32;
    server.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": URI, "version": 2},
            "contentChanges": [{
                "range": {"start": {"line": end_line, "character": 0}, "end": {"line": end_line, "character": 0}},
                "text": "\n## Alternatives considered\n\nSticky sessions stay; losing a server logs users out.\n"
            }]
        }),
    );
    assert_eq!(server.diagnostics(URI, 2), Vec::<Value>::new());
    assert!(server.shutdown().success());
}

#[test]
fn hover_on_multi_word_term_alias_unknown_word_and_code() {
    let (mut server, _) = utf16_client();
    server.open(URI, DESIGN_DOC);
    // "eventual consistency" on line 8, cursor inside "consistency".
    let line8 = DESIGN_DOC.lines().nth(8).unwrap();
    let col = line8.find("consistency").unwrap() as u32 + 3;
    let hover = server.hover(URI, 8, col);
    let text = hover_text(&hover);
    assert!(text.starts_with("**Eventual consistency**"), "{text}");
    assert!(text.contains("replicas converge"), "{text}");
    let start = line8.find("eventual").unwrap() as u32;
    assert_eq!(
        hover["range"]["start"],
        json!({"line": 8, "character": start})
    );
    assert_eq!(
        hover["range"]["end"],
        json!({"line": 8, "character": start + 20})
    );

    // An alias: "L7 load balancer" names layer 7 load balancing.
    let line9 = DESIGN_DOC.lines().nth(9).unwrap();
    let hover = server.hover(URI, 9, line9.find("L7").unwrap() as u32 + 1);
    assert!(
        hover_text(&hover).starts_with("**Layer 7 load balancing**"),
        "{hover}"
    );

    // A plural alias: "sticky sessions".
    let line4 = DESIGN_DOC.lines().nth(4).unwrap();
    let hover = server.hover(URI, 4, line4.find("sticky").unwrap() as u32);
    assert!(
        hover_text(&hover).starts_with("**Session persistence**"),
        "{hover}"
    );

    // An unknown word, and a known term inside a code fence.
    assert_eq!(
        server.hover(URI, 4, line4.find("pin").unwrap() as u32),
        Value::Null
    );
    assert_eq!(server.hover(URI, 12, 10), Value::Null);
    assert!(server.shutdown().success());
}

#[test]
fn completion_on_a_prefix() {
    let (mut server, _) = utf16_client();
    server.open("file:///repo/notes.md", "We need a write-beh\n");
    let res = server.completion("file:///repo/notes.md", 0, 19);
    let items = res["items"].as_array().unwrap();
    let first = &items[0];
    assert_eq!(first["label"], "Write-behind cache", "{res}");
    assert_eq!(
        first["textEdit"]["range"],
        json!({"start": {"line": 0, "character": 10}, "end": {"line": 0, "character": 19}})
    );
    assert_eq!(first["textEdit"]["newText"], "Write-behind cache");
    // A concept: kind Constant (21), not Text (1); the definition is in the
    // documentation only, the detail names the category.
    assert_eq!(first["kind"], 21, "{first}");
    let detail = first["detail"].as_str().unwrap();
    assert!(!detail.contains("asynchronously"), "{detail}");
    assert!(!detail.is_empty(), "{first}");
    assert!(
        first["documentation"]["value"]
            .as_str()
            .unwrap()
            .contains("asynchronously")
    );
    assert!(server.shutdown().success());
}

#[test]
fn incremental_change_with_emoji_and_cjk_then_hover_at_new_utf16_column() {
    let (mut server, _) = utf16_client();
    let uri = "file:///repo/notes.md";
    server.open(uri, "Intro line.\nWe accept eventual consistency here.\n");
    // Insert an emoji (2 UTF-16 units, 4 UTF-8 bytes) and CJK (1 unit, 3 bytes each)
    // before the term.
    let inserted = "😀 数据库 ";
    server.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{
                "range": {"start": {"line": 1, "character": 10}, "end": {"line": 1, "character": 10}},
                "text": inserted
            }]
        }),
    );
    let shift = inserted.encode_utf16().count() as u32;
    assert_eq!(shift, 7);
    let hover = server.hover(uri, 1, 10 + shift + 2);
    assert!(
        hover_text(&hover).starts_with("**Eventual consistency**"),
        "{hover}"
    );
    assert_eq!(
        hover["range"]["start"],
        json!({"line": 1, "character": 10 + shift})
    );
    // Just before the term there is no hover.
    assert_eq!(server.hover(uri, 1, 10), Value::Null);
    assert!(server.shutdown().success());
}

#[test]
fn utf8_columns_after_multibyte_text() {
    let (mut server, _) =
        Server::initialized(json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}));
    let uri = "file:///repo/notes.md";
    server.open(uri, "数据 CAP theorem\n");
    // "数据 " is 7 UTF-8 bytes.
    let hover = server.hover(uri, 0, 8);
    assert!(hover_text(&hover).starts_with("**CAP theorem**"), "{hover}");
    assert_eq!(hover["range"]["start"], json!({"line": 0, "character": 7}));
    assert!(server.shutdown().success());
}

#[test]
fn stdio_flag_is_accepted() {
    for args in [&["lsp", "--stdio"][..], &["--stdio"][..]] {
        let mut server = Server::spawn(args);
        let res = server.request("initialize", json!({"capabilities": {}}));
        assert_eq!(res["serverInfo"]["name"], "tradeoff");
        assert!(server.shutdown().success());
    }
}

#[test]
fn claim_diagnostics_carry_code_and_documentation_link() {
    let (mut server, _) = utf16_client();
    let uri = "file:///repo/notes.md";
    server.open(
        uri,
        "# Notes\n\nClients retry because POST is idempotent.\n",
    );
    let diagnostics = server.diagnostics(uri, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "http-method-semantics");
    assert_eq!(d["range"]["start"], json!({"line": 2, "character": 22}));
    assert!(
        d["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("docs/rules.md#http-method-semantics"),
        "{d}"
    );
    assert!(server.shutdown().success());
}

#[test]
fn quick_fixes_insert_a_section_and_suppress_a_line() {
    let (mut server, _) = utf16_client();
    let uri = "file:///repo/adr/0001-kafka.md";
    server.open(uri, "# Use Kafka\n\n## Decision\n\nKafka.\n");
    server.diagnostics(uri, 1);
    let actions = server.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 3}, "end": {"line": 0, "character": 3}},
            "context": {"diagnostics": []}
        }),
    );
    let actions = actions.as_array().unwrap();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Add a \"Consequences\" section",
            "Disable missing-tradeoffs for this line"
        ]
    );
    let edit = &actions[0]["edit"]["changes"][uri][0];
    assert_eq!(edit["range"]["start"], json!({"line": 5, "character": 0}));
    assert!(
        edit["newText"]
            .as_str()
            .unwrap()
            .starts_with("\n## Consequences\n"),
        "{edit}"
    );
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["isPreferred"], true);
    assert!(server.shutdown().success());
}

#[test]
fn pull_diagnostics_for_clients_that_ask() {
    let (mut server, res) = Server::initialized(json!({"textDocument": {"diagnostic": {}}}));
    assert!(
        res["capabilities"]["diagnosticProvider"].is_object(),
        "{res}"
    );
    let uri = "file:///repo/notes.md";
    server.open(uri, "Our database is CA.\n");
    let report = server.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(report["kind"], "full");
    assert_eq!(report["items"][0]["code"], "cap-misuse", "{report}");
    // Pull results carry an id; asking again with it answers "unchanged".
    let id = report["resultId"].as_str().expect("a resultId").to_owned();
    let again = server.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}, "previousResultId": id}),
    );
    assert_eq!(again["kind"], "unchanged", "{again}");
    assert_eq!(again["resultId"], id.as_str(), "{again}");
    // Without the id, the same result in full.
    let full = server.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(full["kind"], "full", "{full}");
    assert_eq!(full["resultId"], id.as_str(), "{full}");
    // After an edit the pull waits for the analysis of the new text.
    server.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 18}},
                "text": "We use master-slave replication."
            }]
        }),
    );
    let edited = server.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}, "previousResultId": id}),
    );
    assert_eq!(edited["kind"], "full", "{edited}");
    assert_ne!(edited["resultId"], id.as_str(), "{edited}");
    let codes: Vec<&str> = edited["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["master-slave-terminology"], "{edited}");
    server.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let closed = server.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(closed["items"], json!([]), "{closed}");
    assert!(server.shutdown().success());
}

#[test]
fn pulls_during_edits_answer_for_the_newest_text() {
    let (mut server, _) = Server::initialized(json!({"textDocument": {"diagnostic": {}}}));
    let uri = "file:///repo/many.md";
    server.open(uri, "# Notes\n\nNothing yet.\n");
    // Many edits in a row, each followed by a pull sent without waiting for the answer.
    let mut ids = Vec::new();
    for version in 2..=30 {
        server.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": format!("# Notes\n\nOur database is CA, take {version}.\n")}]
            }),
        );
        ids.push(server.send_request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        ));
    }
    for id in ids {
        let res = server.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none());
        // Each answer is for the text the client had when it was answered: a full report,
        // or ContentModified for a text that changed under it.
        if let Some(result) = res.get("result") {
            assert_eq!(result["kind"], "full", "{res}");
            assert_eq!(result["items"][0]["code"], "cap-misuse", "{res}");
        } else {
            assert_eq!(res["error"]["code"], -32801, "{res}");
        }
    }
    let last = server.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(last["items"][0]["code"], "cap-misuse", "{last}");
    assert!(server.shutdown().success());
}

#[test]
fn tradeoff_toml_applies_and_a_broken_one_is_reported_on_the_file() {
    let dir = std::env::temp_dir().join(format!("tradeoff-lsp-config-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("rfcs")).unwrap();
    std::fs::write(
        dir.join("tradeoff.toml"),
        "[rules]\nhttp-method-semantics = \"error\"\n",
    )
    .unwrap();
    let doc_uri = format!("file://{}/rfcs/0001-x.md", dir.display());
    let config_uri = format!("file://{}/tradeoff.toml", dir.display());

    let (mut server, _) = utf16_client();
    server.open(&doc_uri, "# X\n\n## Drawbacks\n\nPOST is idempotent.\n");
    let diagnostics = server.diagnostics(&doc_uri, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["severity"], 1, "the config made it an error");
    assert_eq!(
        server.diagnostics(&config_uri, 0),
        Vec::<Value>::new(),
        "a good config has no problems"
    );

    // Break the config; the next analysis reports it on the file and uses the defaults.
    std::fs::write(
        dir.join("tradeoff.toml"),
        "[rules]\nhttp-method-semantics = \"error\"\nnope = 1\n",
    )
    .unwrap();
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc_uri, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 0, "character": 3}, "end": {"line": 0, "character": 3}}, "text": "Y"}]}),
    );
    let problems = server.diagnostics(&config_uri, 0);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0]["range"]["start"]["line"], 2);
    let diagnostics = server.diagnostics(&doc_uri, 2);
    assert_eq!(
        diagnostics[0]["severity"], 2,
        "defaults again: {diagnostics:?}"
    );
    assert!(server.shutdown().success());
}

#[test]
fn cli_and_server_report_the_same_diagnostics() {
    let dir = std::env::temp_dir().join(format!("tradeoff-parity-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("adr")).unwrap();
    let text = "# Use Kafka\n\n## Decision\n\nWe use master-slave replication, and POST is idempotent.\n\n\
                Four nines allows about an hour of downtime a year.\n\n| layer | note |\n|---|---|\n| L4 | The L4 load balancer routes by cookie. |\n";
    let path = dir.join("adr/0001-kafka.md");
    std::fs::write(&path, text).unwrap();

    let out = std::process::Command::new(support::bin())
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut from_cli: Vec<(u64, u64, String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap() - 1,
                f["column"].as_u64().unwrap() - 1,
                f["rule"].as_str().unwrap().to_owned(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();

    let (mut server, _) = utf16_client();
    let uri = format!("file://{}", path.display());
    server.open(&uri, text);
    let mut from_server: Vec<(u64, u64, String, String)> = server
        .diagnostics(&uri, 1)
        .iter()
        .map(|d| {
            (
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["range"]["start"]["character"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    from_cli.sort();
    from_server.sort();
    // The review questions are off by default, in both.
    assert_eq!(from_cli.len(), 4, "{from_cli:?}");
    assert_eq!(from_cli, from_server);
    assert!(server.shutdown().success());
}

#[test]
fn settings_from_workspace_configuration_and_did_change_configuration() {
    let mut server = Server::spawn(&["lsp"]);
    server.request(
        "initialize",
        json!({"capabilities": {"workspace": {"configuration": true, "didChangeConfiguration": {}}}}),
    );
    server.notify("initialized", json!({}));
    // The server asks for its section; we turn a rule off.
    let ask = server.wait_for(|m| m["method"] == "workspace/configuration");
    assert_eq!(ask["params"]["items"][0]["section"], "tradeoff");
    server.send(&json!({"jsonrpc": "2.0", "id": ask["id"], "result": [{"rules": {"http-method-semantics": "off"}}]}));

    let uri = "file:///repo/notes.md";
    server.open(uri, "POST is idempotent.\n");
    // The document may be analysed once before the answer is applied; once it is, the
    // server re-analyses open documents and the finding disappears.
    let mut diagnostics = server.diagnostics(uri, 1);
    while !diagnostics.is_empty() {
        diagnostics = server.diagnostics(uri, 1);
    }

    // A pushed change applies without a restart.
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"tradeoff": {"rules": {"http-method-semantics": "error"}}}}),
    );
    // Runs started before the change may still report the old result; wait for the new one.
    let mut diagnostics = server.diagnostics(uri, 1);
    while diagnostics.is_empty() {
        diagnostics = server.diagnostics(uri, 1);
    }
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["severity"], 1);
    assert!(server.shutdown().success());
}

#[test]
fn user_knowledge_extends_hover_and_its_errors_land_on_the_file() {
    let dir = std::env::temp_dir().join(format!("tradeoff-user-kb-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("glossary")).unwrap();
    std::fs::write(
        dir.join("glossary/ledger.md"),
        "+++\nterm = \"Ledger service\"\naliases = [\"ledger\"]\ncategory = \"ours\"\n+++\nOur double-entry book of record.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("glossary/broken.md"),
        "+++\nterm = \"Broken\"\ncategory = 3\n+++\nText.\n",
    )
    .unwrap();
    let mut server = Server::spawn(&["lsp"]);
    server.request(
        "initialize",
        json!({"capabilities": {}, "rootUri": format!("file://{}", dir.display()),
               "initializationOptions": {"tradeoff": {"knowledge": ["glossary"]}}}),
    );
    server.notify("initialized", json!({}));
    let broken = format!("file://{}/glossary/broken.md", dir.display());
    let problems = server.diagnostics(&broken, 0);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0]["range"]["start"]["line"], 2);
    assert!(
        problems[0]["message"]
            .as_str()
            .unwrap()
            .contains("front matter")
    );

    let uri = "file:///repo/notes.md";
    server.open(uri, "The ledger posts entries.\n");
    let hover = server.hover(uri, 0, 6);
    assert!(
        hover_text(&hover).starts_with("**Ledger service**"),
        "{hover}"
    );
    assert!(server.shutdown().success());
}

const ORDERS: &str = "# Orders cache

## Motivation

Order pages are slow. Our old system used sharding by region.

## Proposal

We put a write-behind cache in front of the orders table.

## Alternatives considered

Read replicas: rejected, too much lag.
";

#[test]
fn review_questions_hover_and_the_open_item_fix() {
    let mut server = review_client();
    let uri = "file:///repo/design/orders.md";
    server.open(uri, ORDERS);
    let diagnostics = server.diagnostics(uri, 1);
    let questions: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "review-questions")
        .collect();
    // Only the adopted concept: not the sharding of the background nor the rejected
    // read replicas.
    assert_eq!(questions.len(), 1, "{diagnostics:?}");
    let d = questions[0];
    assert_eq!(d["severity"], 3);
    assert_eq!(
        d["message"],
        "Write-behind cache: what happens to writes acknowledged but not yet flushed when a cache node fails?"
    );
    assert_eq!(d["range"]["start"], json!({"line": 8, "character": 9}));
    let related = &d["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri);
    assert!(
        related["message"]
            .as_str()
            .unwrap()
            .contains("acknowledges before the database has the write"),
        "{related}"
    );

    // Hover on the concept lists the question as open.
    let hover = hover_text(&server.hover(uri, 8, 20));
    assert!(
        hover.contains("**Review questions**\n\n- ☐ what happens to writes acknowledged"),
        "{hover}"
    );

    // The quick fix adds it as an open item; the doc has no such section, so one is made.
    let actions = server.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 8, "character": 12}, "end": {"line": 8, "character": 12}},
            "context": {"diagnostics": []}
        }),
    );
    let action = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Add the question to the open questions")
        .unwrap_or_else(|| panic!("{actions}"));
    let edit = &action["edit"]["changes"][uri][0];
    assert_eq!(
        edit["newText"],
        "\n## Open questions\n\n- [ ] Write-behind cache: what happens to writes acknowledged but not yet flushed when a cache node fails?\n"
    );
    server.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": edit["range"], "text": edit["newText"]}]
        }),
    );
    let after = server.diagnostics(uri, 2);
    assert!(
        !after.iter().any(|d| d["code"] == "review-questions"),
        "{after:?}"
    );

    // An answer anywhere in the doc also settles it, and the hover marks it answered.
    server.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 3},
            "contentChanges": [{"text": ORDERS.replace("lag.\n", "lag.\n\nThe cache flushes to a replicated log before it acknowledges.\n")}]
        }),
    );
    let after = server.diagnostics(uri, 3);
    assert!(
        !after.iter().any(|d| d["code"] == "review-questions"),
        "{after:?}"
    );
    let hover = hover_text(&server.hover(uri, 8, 20));
    assert!(hover.contains("- ✓ what happens to writes"), "{hover}");
    assert!(server.shutdown().success());
}

#[test]
fn missing_tradeoffs_fix_drafts_the_section_and_suppression_silences_questions() {
    let mut server = review_client();
    let uri = "file:///repo/adr/0002-events.md";
    let text = "# Publish order events\n\n## Context\n\nServices poll the orders table.\n\n## Decision\n\nWe will publish order events to Kafka for the billing service to consume.\n\n<!-- tradeoff-disable-next-line review-questions -->\nConsumers read through a read-through cache.\n";
    server.open(uri, text);
    let diagnostics = server.diagnostics(uri, 1);
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    // Two Kafka questions, none for the suppressed line, and the missing section.
    assert_eq!(
        codes,
        ["missing-tradeoffs", "review-questions", "review-questions"],
        "{diagnostics:?}"
    );
    let actions = server.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 3}, "end": {"line": 0, "character": 3}},
            "context": {"diagnostics": []}
        }),
    );
    let action = &actions[0];
    assert_eq!(action["title"], "Add a \"Consequences\" section");
    let new_text = action["edit"]["changes"][uri][0]["newText"]
        .as_str()
        .unwrap();
    assert!(
        new_text.contains("- Apache Kafka: Delivery is at-least-once")
            && new_text.contains("- Read-through cache: ")
            && new_text.contains(
                "Open questions:\n\n- [ ] Apache Kafka: how do consumers avoid reprocessing"
            ),
        "{new_text}"
    );
    server.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": action["edit"]["changes"][uri][0]["range"], "text": new_text}]
        }),
    );
    assert_eq!(server.diagnostics(uri, 2), Vec::<Value>::new());
    assert!(server.shutdown().success());
}
