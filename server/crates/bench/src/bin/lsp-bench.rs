//! The LSP-level benchmark: drives a language server over stdio the way an editor does and
//! measures what a writer feels. Any server command works, so the same run measures peers
//! on the same documents.
//!
//! ```text
//! lsp-bench [--runs N] [--sizes 100000,1000000] [--modes push,pull] [--server NAME=COMMAND]... [--json]
//! lsp-bench --runs 5 --server tradeoff="target/release/tradeoff lsp" --server rumdl="rumdl server"
//! ```
//!
//! Per run, one fresh process: start to `initialize` response; for each size, `didOpen`
//! of a generated design doc to its diagnostics, then one-character edits in prose (the
//! first, then the median of four more in the same place, as when typing) to the next
//! diagnostics; on the largest document, 200 hovers and 200 completions (p50 and p99
//! round trip); the peak resident set (`VmHWM`); the resident set before the first open
//! and after closing every document.
//!
//! Each server runs in two modes, as two columns. `push`: the client does not offer pull
//! diagnostics and waits for `publishDiagnostics`. `pull`: the client offers
//! `textDocument/diagnostic`, as VS Code's does; a server that announces a
//! `diagnosticProvider` is asked (right after the `didOpen` or `didChange`, with the
//! previous `resultId`), one that does not is waited for as in push mode. In pull mode a
//! pull with the `resultId` of the last answer and no edit is also timed ("unchanged
//! pull"). Figures are medians over the runs; the last columns compare each column with
//! the first. The chunked parse alone, timed in this process, is printed below the table.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const TIMEOUT: Duration = Duration::from_secs(60);
/// How long to wait for diagnostics a server may never send.
const QUIET: Duration = Duration::from_secs(10);
const REQUESTS: usize = 200;

struct Server {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<(Instant, Value)>,
    next_id: i64,
}

impl Server {
    fn spawn(command: &str) -> Result<Server, String> {
        let mut parts = command.split_whitespace();
        let program = parts.next().ok_or("empty server command")?;
        let mut child = Command::new(program)
            .args(parts)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start `{command}`: {e}"))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let stdin = child.stdin.take().ok_or("no stdin")?;
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            // Timed when the whole message has arrived, before it is decoded.
            while let Some((at, message)) = read_message(&mut reader) {
                if tx.send((at, message)).is_err() {
                    break;
                }
            }
        });
        Ok(Server {
            child,
            stdin,
            incoming: rx,
            next_id: 1,
        })
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        let _ = write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len());
        let _ = self.stdin.flush();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request; answers requests from the server (configuration, registration)
    /// while waiting. Returns the result and the round trip.
    fn request(&mut self, method: &str, params: Value) -> Result<(Value, Duration), String> {
        let id = self.next_id;
        self.next_id += 1;
        let sent = Instant::now();
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let (at, message) = self
            .wait(TIMEOUT, |m| {
                m.get("id") == Some(&json!(id)) && m.get("method").is_none()
            })?
            .ok_or_else(|| format!("{method}: no answer"))?;
        Ok((
            message.get("result").cloned().unwrap_or(Value::Null),
            at - sent,
        ))
    }

    /// The next message matching `pred` within `timeout` (None on timeout).
    fn wait(
        &mut self,
        timeout: Duration,
        pred: impl Fn(&Value) -> bool,
    ) -> Result<Option<(Instant, Value)>, String> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok((at, message)) => {
                    if let (Some(id), Some(method)) = (message.get("id"), message.get("method")) {
                        // A request from the server: answer with nothing useful.
                        let result = if method == "workspace/configuration" {
                            let n = message["params"]["items"].as_array().map_or(1, Vec::len);
                            json!(vec![Value::Null; n])
                        } else {
                            Value::Null
                        };
                        let reply = json!({"jsonrpc": "2.0", "id": id, "result": result});
                        self.send(&reply);
                        continue;
                    }
                    if pred(&message) {
                        return Ok(Some((at, message)));
                    }
                }
                Err(RecvTimeoutError::Timeout) => return Ok(None),
                Err(RecvTimeoutError::Disconnected) => return Err("the server exited".into()),
            }
        }
    }

    fn diagnostics_for(&mut self, uri: &str, timeout: Duration) -> Result<Option<Instant>, String> {
        let uri = uri.to_owned();
        Ok(self
            .wait(timeout, move |m| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
            })?
            .map(|(at, _)| at))
    }

    /// Peak resident set in bytes, from /proc (Linux).
    fn peak_rss(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb * 1024)
    }

    fn stop(mut self) {
        let _ = self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The next message and when it arrived (before its JSON is parsed).
fn read_message(reader: &mut impl BufRead) -> Option<(Instant, Value)> {
    let body = lsp::framing::read_frame(reader)?;
    let at = Instant::now();
    Some((at, serde_json::from_slice(&body).ok()?))
}

/// (line, character) of a byte offset in ASCII text.
fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let character = offset - before.rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": character})
}

/// Figures of one run, by name; `None` where the server did not answer.
type Figures = Vec<(String, Option<f64>)>;

/// How many one-character edits each document gets per run.
const EDITS: usize = 5;

/// Resident set now, in bytes, from /proc (Linux).
fn rss_now(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

impl Server {
    /// The document's diagnostics after an open or an edit: pulled when `pull`, else
    /// the next publication. Returns when they arrived and the pull's `resultId`.
    fn diagnostics_after(
        &mut self,
        uri: &str,
        pull: bool,
        previous: Option<&str>,
    ) -> Result<Option<(Instant, Option<String>)>, String> {
        if !pull {
            return Ok(self.diagnostics_for(uri, QUIET)?.map(|at| (at, None)));
        }
        let mut params = json!({"textDocument": {"uri": uri}});
        if let Some(id) = previous {
            params["previousResultId"] = json!(id);
        }
        let sent_id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": sent_id, "method": "textDocument/diagnostic", "params": params}));
        let answer = self.wait(TIMEOUT, |m| {
            m.get("id") == Some(&json!(sent_id)) && m.get("method").is_none()
        })?;
        Ok(answer.map(|(at, m)| {
            let id = m["result"]["resultId"].as_str().map(str::to_owned);
            (at, id)
        }))
    }
}

fn one_run(
    command: &str,
    pull_mode: bool,
    docs: &[(usize, String, String)],
) -> Result<Figures, String> {
    let mut figures = Figures::new();
    let mut put = |k: String, v: Option<f64>| figures.push((k, v));
    let root = std::env::temp_dir().join("lsp-bench-root");
    std::fs::create_dir_all(&root).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let mut server = Server::spawn(command)?;
    let mut capabilities = json!({
        "textDocument": {
            "publishDiagnostics": {"versionSupport": true},
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "completion": {"completionItem": {"snippetSupport": true}},
            "synchronization": {"didSave": true}
        },
        "general": {"positionEncodings": ["utf-16"]}
    });
    if pull_mode {
        capabilities["textDocument"]["diagnostic"] = json!({"dynamicRegistration": false});
    }
    let (init, _) = server.request(
        "initialize",
        json!({"processId": std::process::id(), "rootUri": format!("file://{}", root.display()),
               "capabilities": capabilities}),
    )?;
    put("initialize".into(), Some(ms(started.elapsed())));
    server.notify("initialized", json!({}));
    let caps = init["capabilities"].clone();
    let pull = pull_mode && caps.get("diagnosticProvider").is_some_and(|d| !d.is_null());
    // Let the server settle after start-up (knowledge, workspace scan) before measuring
    // the memory an open document takes.
    let _ = server.wait(Duration::from_millis(500), |_| false)?;
    let rss_before = rss_now(server.child.id());

    for (size, uri, text) in docs {
        let label = size_label(*size);
        let sent = Instant::now();
        server.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
        let first = server.diagnostics_after(uri, pull, None)?;
        put(
            format!("didOpen to diagnostics, {label}"),
            first.as_ref().map(|(at, _)| ms(*at - sent)),
        );
        let mut result_id = first.and_then(|(_, id)| id);
        // Let any second publication of the opening settle.
        while server
            .diagnostics_for(uri, Duration::from_millis(300))?
            .is_some()
        {}

        let middle = text.len() / 2;
        let at = middle + text[middle..].find("Sessions live").unwrap_or(0) + 3;
        let mut typing = Vec::new();
        for edit in 0..EDITS {
            let pos = position(text, at + edit);
            let sent = Instant::now();
            server.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": 2 + edit},
                       "contentChanges": [{"range": {"start": pos, "end": pos}, "text": "x"}]}),
            );
            let after = server.diagnostics_after(uri, pull, result_id.as_deref())?;
            let took = after.as_ref().map(|(at, _)| ms(*at - sent));
            if let Some((_, Some(id))) = &after {
                result_id = Some(id.clone());
            }
            if edit == 0 {
                put(format!("first edit to diagnostics, {label}"), took);
            } else if let Some(took) = took {
                typing.push(took);
            }
            while server
                .diagnostics_for(uri, Duration::from_millis(100))?
                .is_some()
            {}
        }
        put(format!("edit to diagnostics, {label}"), median(typing));
        if pull_mode {
            let unchanged = if pull {
                let sent = Instant::now();
                server
                    .diagnostics_after(uri, true, result_id.as_deref())?
                    .map(|(at, _)| ms(at - sent))
            } else {
                None
            };
            put(format!("unchanged pull, {label}"), unchanged);
        }
    }

    if let Some((size, uri, text)) = docs.last() {
        let label = size_label(*size);
        let middle = text.len() / 2;
        for (what, marker, shift, method, cap) in [
            (
                "hover",
                "eventual",
                3,
                "textDocument/hover",
                "hoverProvider",
            ),
            (
                "completion",
                "write-b",
                7,
                "textDocument/completion",
                "completionProvider",
            ),
        ] {
            if caps
                .get(cap)
                .is_none_or(|c| c.is_null() || *c == json!(false))
            {
                put(format!("{what} p50, {label}"), None);
                put(format!("{what} p99, {label}"), None);
                continue;
            }
            let mut times = Vec::with_capacity(REQUESTS);
            let mut from = middle;
            for _ in 0..REQUESTS {
                let found = text[from..].find(marker).map(|i| from + i);
                let offset = found.unwrap_or(middle);
                from = if found.is_some() {
                    offset + marker.len()
                } else {
                    middle
                };
                let params = json!({"textDocument": {"uri": uri}, "position": position(text, offset + shift)});
                let (_, rtt) = server.request(method, params)?;
                times.push(ms(rtt));
            }
            times.sort_by(f64::total_cmp);
            put(format!("{what} p50, {label}"), Some(times[times.len() / 2]));
            put(
                format!("{what} p99, {label}"),
                Some(times[times.len() * 99 / 100]),
            );
        }
    }
    put(
        "peak RSS (MB)".into(),
        server.peak_rss().map(|b| b as f64 / 1e6),
    );
    for (_, uri, _) in docs {
        server.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
    }
    let _ = server.wait(Duration::from_millis(500), |_| false)?;
    let rss_after = rss_now(server.child.id());
    put(
        "RSS before opening (MB)".into(),
        rss_before.map(|b| b as f64 / 1e6),
    );
    put(
        "RSS after closing (MB)".into(),
        rss_after.map(|b| b as f64 / 1e6),
    );
    server.stop();
    Ok(figures)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn size_label(size: usize) -> String {
    if size >= 1_000_000 {
        format!("{} MB", size / 1_000_000)
    } else {
        format!("{} KB", size / 1000)
    }
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    Some(values[values.len() / 2])
}

fn main() {
    let mut runs = 5;
    let mut sizes = vec![100_000usize, 1_000_000];
    let mut modes = vec!["push".to_owned(), "pull".to_owned()];
    let mut servers: Vec<(String, String)> = Vec::new();
    let mut as_json = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()).unwrap_or(runs),
            "--sizes" => {
                sizes = args
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|s| s.trim().parse().ok())
                    .collect()
            }
            "--modes" => {
                modes = args
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .map(|m| m.trim().to_owned())
                    .filter(|m| m == "push" || m == "pull")
                    .collect()
            }
            "--server" => {
                let spec = args.next().unwrap_or_default();
                let (name, command) = spec.split_once('=').unwrap_or((&spec, &spec));
                servers.push((name.to_owned(), command.to_owned()));
            }
            "--json" => as_json = true,
            "-h" | "--help" => {
                println!(
                    "lsp-bench [--runs N] [--sizes 100000,1000000] [--modes push,pull] [--server NAME=COMMAND]... [--json]"
                );
                return;
            }
            other => {
                eprintln!("lsp-bench: unknown argument `{other}`; see --help");
                std::process::exit(2);
            }
        }
    }
    if servers.is_empty() {
        servers.push(("tradeoff".into(), "target/release/tradeoff lsp".into()));
    }
    let dir = std::env::temp_dir().join("lsp-bench-docs");
    let _ = std::fs::create_dir_all(&dir);
    let docs: Vec<(usize, String, String)> = sizes
        .iter()
        .map(|&size| {
            let path = dir.join(format!("design-{size}.md"));
            let text = tradeoff_bench::design_doc(size);
            let _ = std::fs::write(&path, &text);
            (size, format!("file://{}", path.display()), text)
        })
        .collect();

    let mut results: Vec<(String, BTreeMap<String, Option<f64>>)> = Vec::new();
    let mut order: Vec<String> = Vec::new();
    let columns: Vec<(String, &String, bool)> = modes
        .iter()
        .flat_map(|mode| {
            servers
                .iter()
                .map(move |(name, command)| (format!("{name} ({mode})"), command, mode == "pull"))
        })
        .collect();
    // The runs of all columns interleave, so that a machine that gets busier or quieter
    // during the benchmark weighs on every column alike.
    let mut all: Vec<BTreeMap<String, Vec<f64>>> = vec![BTreeMap::new(); columns.len()];
    for run in 0..runs {
        for (c, (name, command, pull)) in columns.iter().enumerate() {
            eprintln!("{name}: run {} of {runs}", run + 1);
            match one_run(command, *pull, &docs) {
                Ok(figures) => {
                    for (k, v) in figures {
                        if !order.contains(&k) {
                            order.push(k.clone());
                        }
                        if let Some(v) = v {
                            all[c].entry(k).or_default().push(v);
                        }
                    }
                }
                Err(err) => eprintln!("{name}: run {} failed: {err}", run + 1),
            }
        }
    }
    for ((name, _, _), all) in columns.iter().zip(&all) {
        let medians = order
            .iter()
            .map(|k| (k.clone(), all.get(k).cloned().and_then(median)))
            .collect();
        results.push((name.clone(), medians));
    }
    // The chunked parse alone, in this process, for the ratio of didOpen to it.
    let parse_alone: Vec<(String, Option<f64>)> = docs
        .iter()
        .map(|(size, _, text)| {
            let times = (0..runs.max(1))
                .map(|_| {
                    let t = Instant::now();
                    let tree = syntax::parse(text);
                    let took = ms(t.elapsed());
                    drop(tree);
                    took
                })
                .collect();
            (
                format!("chunked parse alone, {}", size_label(*size)),
                median(times),
            )
        })
        .collect();

    if as_json {
        let parse: BTreeMap<String, Option<f64>> = parse_alone.iter().cloned().collect();
        let mut out: BTreeMap<&str, &BTreeMap<String, Option<f64>>> =
            results.iter().map(|(n, r)| (n.as_str(), r)).collect();
        out.insert("parse", &parse);
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        return;
    }
    let mut header = String::from("| figure (median of runs) |");
    let mut rule = String::from("| --- |");
    for (name, _) in &results {
        header.push_str(&format!(" {name} |"));
        rule.push_str(" --- |");
    }
    if results.len() > 1 {
        for (name, _) in &results[1..] {
            header.push_str(&format!(" {name} / {} |", results[0].0));
            rule.push_str(" --- |");
        }
    }
    println!("{header}\n{rule}");
    for key in &order {
        let mut line = format!("| {} |", key.replace(" (MB)", ""));
        for (_, r) in &results {
            line.push_str(&match r.get(key).copied().flatten() {
                Some(v) if key.contains("RSS") => format!(" {v:.0} MB |"),
                Some(v) => format!(" {} |", show_ms(v)),
                None => " - |".into(),
            });
        }
        if results.len() > 1 {
            let base = results[0].1.get(key).copied().flatten();
            for (_, r) in &results[1..] {
                line.push_str(&match (base, r.get(key).copied().flatten()) {
                    (Some(b), Some(v)) if b > 0.0 => format!(" {:.1}x |", v / b),
                    _ => " - |".into(),
                });
            }
        }
        println!("{line}");
    }
    println!();
    for (what, v) in &parse_alone {
        println!(
            "{what} (in lsp-bench's process): {}",
            v.map_or("-".into(), show_ms)
        );
    }
}

fn show_ms(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0} ms")
    } else if v >= 1.0 {
        format!("{v:.1} ms")
    } else {
        format!("{v:.2} ms")
    }
}
