//! End-to-end tests of navigation over a small multi-file workspace: go to definition,
//! workspace glossaries, find references, workspace and document symbols, completion
//! resolve and snippets, semantic tokens, inlay hints, document links and the hover's
//! "discussed in" line. Each test builds its own workspace in a temporary directory and
//! drives the built binary over stdio.

mod support;

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use support::{Server, file_uri, hover_text};

const GLOSSARY: &str = "# Glossary

- **Hot shard**: a shard that takes most of the writes.
- **Blast radius**: what one failure takes down.
";

const ADR: &str = "# ADR 1: Sessions in Redis

## Context

Reads are eventually consistent and one hot shard takes the writes.

## Decision

We target 99.95% availability behind a load balancer.

## Consequences

- Bad: eventual consistency between replicas.
";

const SEARCH: &str = "# Search design

## Alternatives considered

Eventual consistency again; the blast radius is one cell.
";

const USER_ENTRY: &str = "+++
term = \"Cell architecture\"
aliases = [\"cell\"]
category = \"ours\"
related = [\"cap-theorem\"]
+++
Independent copies of the stack, each serving a slice of the tenants.
";

struct Workspace {
    root: PathBuf,
    cache: PathBuf,
}

impl Workspace {
    fn new(name: &str) -> Workspace {
        let base = std::env::temp_dir().join(format!("tradeoff-nav-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let root = base.join("repo");
        let files = [
            ("docs/glossary.md", GLOSSARY),
            ("docs/adr/0001-sessions.md", ADR),
            ("docs/design/search.md", SEARCH),
            ("knowledge/cell-architecture.md", USER_ENTRY),
            ("tradeoff.toml", "knowledge = [\"knowledge\"]\n"),
        ];
        for (path, text) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        Workspace {
            cache: base.join("cache"),
            root,
        }
    }

    fn uri(&self, rel: &str) -> String {
        file_uri(&self.root.join(rel))
    }

    fn start(&self, capabilities: Value) -> Server {
        let cache = self.cache.to_string_lossy().into_owned();
        let (server, _) =
            Server::in_workspace(&self.root, &[("TRADEOFF_CACHE_DIR", &cache)], capabilities);
        server
    }
}

fn pos(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

/// Waits for the first scan: workspace/symbol answers once the index is built.
fn wait_indexed(server: &mut Server) {
    server.request("workspace/symbol", json!({"query": "zzzz-nothing"}));
}

/// The hover at a position, asked again for up to 5 s until it contains `want`: for what
/// the background index brings.
fn hover_until(server: &mut Server, uri: &str, line: u32, character: u32, want: &str) -> String {
    let mut hover = String::new();
    for _ in 0..50 {
        hover = hover_text(&server.hover(uri, line, character));
        if hover.contains(want) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    hover
}

fn path_of(uri: &Value) -> PathBuf {
    PathBuf::from(uri.as_str().unwrap().strip_prefix("file://").unwrap())
}

fn line_text(path: &Path, line: u64) -> String {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .nth(line as usize)
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn go_to_definition_of_bundled_user_and_glossary_terms() {
    let ws = Workspace::new("definition");
    let mut server = ws.start(json!({}));
    wait_indexed(&mut server);
    let adr = ws.uri("docs/adr/0001-sessions.md");
    server.open(&adr, ADR);

    // A bundled term opens its entry, written to the cache directory.
    let res = server.request("textDocument/definition", pos(&adr, 4, 12));
    let location = &res[0];
    let file = path_of(&location["uri"]);
    assert!(file.starts_with(&ws.cache), "{file:?}");
    assert_eq!(
        line_text(&file, location["range"]["start"]["line"].as_u64().unwrap()),
        "term = \"Eventual consistency\""
    );

    // A glossary term opens the glossary at the term.
    let res = server.request("textDocument/definition", pos(&adr, 4, 40));
    assert_eq!(res[0]["uri"], ws.uri("docs/glossary.md"), "{res}");
    assert_eq!(
        res[0]["range"],
        json!({"start": {"line": 2, "character": 4}, "end": {"line": 2, "character": 13}})
    );

    // A term of the user's knowledge directory opens its file.
    let search = ws.uri("docs/design/search.md");
    server.open(&search, SEARCH);
    let res = server.request("textDocument/definition", pos(&search, 4, 53));
    assert_eq!(
        res[0]["uri"],
        ws.uri("knowledge/cell-architecture.md"),
        "{res}"
    );
    assert_eq!(res[0]["range"]["start"]["line"], 1);

    // Nothing on a plain word.
    let res = server.request("textDocument/definition", pos(&adr, 4, 2));
    assert!(res.is_null(), "{res}");
    assert!(server.shutdown().success());
}

#[test]
fn glossary_terms_answer_hover_and_completion_and_follow_edits() {
    let ws = Workspace::new("glossary");
    let mut server = ws.start(json!({}));
    wait_indexed(&mut server);
    let adr = ws.uri("docs/adr/0001-sessions.md");
    server.open(&adr, ADR);
    server.diagnostics(&adr, 1);

    let hover = hover_text(&server.hover(&adr, 4, 40));
    assert!(
        hover.starts_with("**Hot shard** · *workspace glossary*"),
        "{hover}"
    );
    // New settings rebuild the knowledge; the glossary stays on top of it (Neovim sends
    // them right after start-up, which once dropped the glossary).
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"tradeoff": {"rules": {"master-slave-terminology": "off"}}}}),
    );
    wait_indexed(&mut server);
    let hover = hover_text(&server.hover(&adr, 4, 40));
    assert!(
        hover.starts_with("**Hot shard**"),
        "after new settings: {hover}"
    );
    assert!(
        hover.contains("a shard that takes most of the writes."),
        "{hover}"
    );
    assert!(hover.contains("*Source:* glossary.md"), "{hover}");

    // Completion offers glossary terms next to bundled ones.
    let doc = "# X\n\nThe blast r";
    let scratch = ws.uri("docs/scratch.md");
    server.open(&scratch, doc);
    let res = server.completion(&scratch, 2, 11);
    let labels: Vec<&str> = res["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels.first(), Some(&"Blast radius"), "{labels:?}");

    // A term added to the open glossary answers hover at once.
    let glossary = ws.uri("docs/glossary.md");
    server.open(&glossary, GLOSSARY);
    server.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": glossary, "version": 2},
            "contentChanges": [{
                "range": {"start": {"line": 4, "character": 0}, "end": {"line": 4, "character": 0}},
                "text": "- **Tenant**: one paying customer.\n"
            }]
        }),
    );
    server.diagnostics(&glossary, 2);
    server.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": scratch, "version": 2},
            "contentChanges": [{"text": "# X\n\nEach tenant gets a cell.\n"}]
        }),
    );
    // The glossary is re-read right after the diagnostics are published: allow it a moment.
    let hover = hover_until(&mut server, &scratch, 2, 7, "one paying customer");
    assert!(hover.contains("one paying customer"), "{hover}");
    assert!(server.shutdown().success());
}

#[test]
fn a_glossary_term_typed_in_an_unsaved_file_reaches_hovers_when_the_client_pulls() {
    let ws = Workspace::new("glossary-pull");
    let mut server = ws.start(json!({"textDocument": {"diagnostic": {}}}));
    wait_indexed(&mut server);
    let glossary = ws.uri("docs/glossary.md");
    server.open(&glossary, GLOSSARY);
    let pull = |server: &mut Server, uri: &str| {
        server.request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
    };
    pull(&mut server, &glossary);
    server.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": glossary, "version": 2},
            "contentChanges": [{
                "range": {"start": {"line": 4, "character": 0}, "end": {"line": 4, "character": 0}},
                "text": "- **Tenant**: one paying customer.\n"
            }]
        }),
    );
    // Not saved: only the editor's copy defines the term.
    let report = pull(&mut server, &glossary);
    assert_eq!(report["kind"], "full", "{report}");
    let scratch = ws.uri("docs/scratch.md");
    server.open(&scratch, "# X\n\nEach tenant gets a cell.\n");
    pull(&mut server, &scratch);
    // The glossary is re-read right after the analysis: allow it a moment.
    let hover = hover_until(&mut server, &scratch, 2, 7, "one paying customer");
    assert!(hover.contains("one paying customer"), "{hover}");
    assert!(hover.contains("workspace glossary"), "{hover}");
    assert!(server.shutdown().success());
}

#[test]
fn settings_sent_at_start_up_keep_the_glossary() {
    // Neovim sends its settings right after `initialized`, while the workspace is being
    // indexed; the rebuilt knowledge once came without the glossary.
    let ws = Workspace::new("settings");
    let mut server = ws.start(json!({}));
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"tradeoff": {"rules": {"master-slave-terminology": "off"}}}}),
    );
    wait_indexed(&mut server);
    let adr = ws.uri("docs/adr/0001-sessions.md");
    server.open(&adr, ADR);
    let hover = hover_until(&mut server, &adr, 4, 40, "**Hot shard**");
    assert!(hover.starts_with("**Hot shard**"), "{hover}");
    assert!(server.shutdown().success());
}

#[test]
fn find_references_across_files_and_after_changes_on_disk() {
    let ws = Workspace::new("references");
    let mut server = ws.start(json!({
        "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": false}}
    }));
    wait_indexed(&mut server);
    let adr = ws.uri("docs/adr/0001-sessions.md");
    server.open(&adr, ADR);
    let params = |declaration: bool, line: u32, character: u32| {
        let mut p = pos(&adr, line, character);
        p["context"] = json!({"includeDeclaration": declaration});
        p
    };
    let shown = |res: &Value| -> Vec<String> {
        let mut v: Vec<String> = res
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                let uri = l["uri"].as_str().unwrap();
                let file = uri.rsplit('/').next().unwrap();
                format!("{file}:{}", l["range"]["start"]["line"])
            })
            .collect();
        v.sort();
        v
    };
    // "eventually consistent" (an alias), "eventual consistency" twice in two files.
    let res = server.request("textDocument/references", params(false, 4, 12));
    assert_eq!(
        shown(&res),
        ["0001-sessions.md:12", "0001-sessions.md:4", "search.md:4"]
    );
    // A glossary term, with its declaration.
    let res = server.request("textDocument/references", params(true, 4, 40));
    assert_eq!(shown(&res), ["0001-sessions.md:4", "glossary.md:2"]);

    // A new file on disk, reported by the client's watcher.
    let new = ws.root.join("docs/new.md");
    std::fs::write(&new, "# New\n\nAnother hot shard.\n").unwrap();
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&new), "type": 1}]}),
    );
    let res = server.request("textDocument/references", params(false, 4, 40));
    assert_eq!(shown(&res), ["0001-sessions.md:4", "new.md:2"]);
    std::fs::remove_file(&new).unwrap();
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&new), "type": 3}]}),
    );
    let res = server.request("textDocument/references", params(false, 4, 40));
    assert_eq!(shown(&res), ["0001-sessions.md:4"]);

    // The hover lists the other files that discuss the concept.
    let hover = hover_text(&server.hover(&adr, 4, 12));
    assert!(
        hover.contains("*Discussed in:* [docs/design/search.md]("),
        "{hover}"
    );
    assert!(server.shutdown().success());
}

#[test]
fn workspace_symbols_find_concepts_and_headings_fuzzily() {
    let ws = Workspace::new("symbols");
    let mut server = ws.start(json!({}));
    wait_indexed(&mut server);
    let names = |server: &mut Server, query: &str| -> Vec<String> {
        let res = server.request("workspace/symbol", json!({"query": query}));
        res.as_array()
            .unwrap()
            .iter()
            .map(|s| format!("{} ({})", s["name"].as_str().unwrap(), s["kind"]))
            .collect()
    };
    // Prefix, subsequence and typo.
    assert_eq!(
        names(&mut server, "eventual c")[0],
        "Eventual consistency (14)"
    );
    assert!(names(&mut server, "evcons").contains(&"Eventual consistency (14)".to_owned()));
    assert!(names(&mut server, "eventaul").contains(&"Eventual consistency (14)".to_owned()));
    // Glossary terms and headings of workspace documents.
    assert!(names(&mut server, "hot sh").contains(&"Hot shard (20)".to_owned()));
    assert!(names(&mut server, "altcons").contains(&"Alternatives considered (15)".to_owned()));
    assert!(server.shutdown().success());
}

#[test]
fn document_symbols_nest_headings() {
    let ws = Workspace::new("outline");
    let mut server = ws.start(json!({}));
    let adr = ws.uri("docs/adr/0001-sessions.md");
    server.open(&adr, ADR);
    let res = server.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": adr}}),
    );
    assert_eq!(res.as_array().unwrap().len(), 1, "{res}");
    assert_eq!(res[0]["name"], "ADR 1: Sessions in Redis");
    let children: Vec<&str> = res[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(children, ["Context", "Decision", "Consequences"]);
    assert!(server.shutdown().success());
}

#[test]
fn semantic_tokens_inlay_hints_and_document_links() {
    let ws = Workspace::new("tokens");
    let mut server = ws.start(json!({}));
    wait_indexed(&mut server);
    let adr = ws.uri("docs/adr/0001-sessions.md");
    server.open(&adr, ADR);

    let res = server.request(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": adr}}),
    );
    let data: Vec<u64> = res["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    let (mut line, mut start) = (0, 0);
    let mut tokens = Vec::new();
    for t in data.chunks(5) {
        if t[0] > 0 {
            start = 0;
        }
        line += t[0];
        start += t[1];
        let text =
            &ADR.lines().nth(line as usize).unwrap()[start as usize..(start + t[2]) as usize];
        tokens.push(format!("{text}/{}", t[4]));
    }
    assert!(
        tokens.contains(&"eventually consistent/1".to_owned()),
        "{tokens:?}"
    );
    assert!(tokens.contains(&"hot shard/0".to_owned()), "{tokens:?}");
    assert!(tokens.contains(&"load balancer/1".to_owned()), "{tokens:?}");

    let res = server.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": adr}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 14, "character": 0}}}),
    );
    assert_eq!(res.as_array().unwrap().len(), 1, "{res}");
    assert_eq!(res[0]["label"], "~4h 23m/yr");
    assert_eq!(res[0]["position"], json!({"line": 8, "character": 16}));

    // In a knowledge entry, the ids of related entries link to their files.
    let entry = ws.uri("knowledge/cell-architecture.md");
    server.open(&entry, USER_ENTRY);
    let res = server.request(
        "textDocument/documentLink",
        json!({"textDocument": {"uri": entry}}),
    );
    assert_eq!(res.as_array().unwrap().len(), 1, "{res}");
    assert_eq!(
        res[0]["range"]["start"],
        json!({"line": 4, "character": 12})
    );
    let target = path_of(&res[0]["target"]);
    assert!(
        target.ends_with("cap-theorem.md") && target.is_file(),
        "{target:?}"
    );
    assert!(server.shutdown().success());
}

#[test]
fn completion_resolves_documentation_and_offers_section_snippets() {
    let ws = Workspace::new("completion");
    let mut server = ws.start(json!({
        "textDocument": {"completion": {"completionItem": {
            "snippetSupport": true,
            "resolveSupport": {"properties": ["documentation"]}
        }}}
    }));
    let doc = ws.uri("docs/new-design.md");
    server.open(&doc, "# Design\n\nA write-beh\n\n## Alt");
    let res = server.completion(&doc, 2, 11);
    let item = res["items"][0].clone();
    assert_eq!(item["label"], "Write-behind cache");
    assert!(item.get("documentation").is_none(), "{item}");
    let resolved = server.request("completionItem/resolve", item);
    let docs = resolved["documentation"]["value"].as_str().unwrap();
    assert!(docs.starts_with("**Write-behind cache**"), "{docs}");

    let res = server.completion(&doc, 4, 6);
    let item = &res["items"][0];
    assert_eq!(item["label"], "Alternatives considered", "{res}");
    assert_eq!(item["insertTextFormat"], 2);
    let text = item["textEdit"]["newText"].as_str().unwrap();
    assert!(
        text.starts_with("Alternatives considered\n\n- ${1:Alternative}"),
        "{text}"
    );

    // A client without snippet support gets plain text.
    let mut plain = ws.start(json!({}));
    plain.open(&doc, "adr");
    let res = plain.completion(&doc, 0, 3);
    let item = &res["items"][0];
    assert_eq!(item["label"], "ADR template (Nygard)", "{res}");
    assert_eq!(item["insertTextFormat"], 1);
    let text = item["textEdit"]["newText"].as_str().unwrap();
    assert!(
        text.starts_with("# ADR: Title\n\n## Status\n\nProposed\n"),
        "{text}"
    );
    assert!(plain.shutdown().success());
    assert!(server.shutdown().success());
}
