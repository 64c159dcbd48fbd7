//! A tiny LSP client for the end-to-end tests: spawns `tradeoff lsp`, frames JSON-RPC
//! messages with Content-Length headers, and waits for responses and notifications.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::io::{BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub const TIMEOUT: Duration = Duration::from_secs(20);

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_tradeoff")
}

pub struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Notifications and requests from the server not consumed yet.
    backlog: VecDeque<Value>,
    next_id: i64,
}

impl Server {
    /// Spawns the server with `args` (for example `["lsp"]`).
    pub fn spawn(args: &[&str]) -> Server {
        Server::spawn_with(args, &[])
    }

    fn spawn_with(args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(bin())
            .args(args)
            .env(
                "TRADEOFF_LOG",
                std::env::var("TRADEOFF_LOG").unwrap_or("warn".into()),
            )
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the tradeoff binary starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        Server {
            child,
            stdin,
            incoming: rx,
            backlog: VecDeque::new(),
            next_id: 1,
        }
    }

    /// Spawns with extra environment variables.
    pub fn spawn_env(args: &[&str], env: &[(&str, &str)]) -> Server {
        Server::spawn_with(args, env)
    }

    /// Spawns in a workspace folder `root` and initializes with the given capabilities.
    pub fn in_workspace(
        root: &std::path::Path,
        env: &[(&str, &str)],
        capabilities: Value,
    ) -> (Server, Value) {
        let mut server = Server::spawn_with(&["lsp"], env);
        let uri = file_uri(root);
        let res = server.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri,
                "workspaceFolders": [{"uri": uri, "name": "w"}],
                "capabilities": capabilities,
            }),
        );
        server.notify("initialized", json!({}));
        (server, res)
    }

    /// Spawns and initializes with the given client capabilities.
    pub fn initialized(capabilities: Value) -> (Server, Value) {
        Server::initialized_with(capabilities, Value::Null)
    }

    /// Like [`Server::initialized`], with `initializationOptions`.
    pub fn initialized_with(capabilities: Value, options: Value) -> (Server, Value) {
        let mut server = Server::spawn(&["lsp"]);
        let res = server.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities,
                   "initializationOptions": options}),
        );
        server.notify("initialized", json!({}));
        (server, res)
    }

    pub fn send(&mut self, message: &Value) {
        let body = serde_json::to_string(message).unwrap();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its id without waiting for the answer.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Sends a request and returns its whole response message.
    pub fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends a request and returns its result, failing the test on an error response.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let res = self.request_raw(method, params);
        assert!(res.get("error").is_none(), "{method} failed: {res}");
        res["result"].clone()
    }

    /// The next message matching `pred`; earlier non-matching messages stay queued.
    pub fn wait_for(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&pred) {
            return self.backlog.remove(i).unwrap();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) if pred(&message) => return message,
                Ok(message) => self.backlog.push_back(message),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("timed out; unmatched: {:?}", self.backlog)
                }
                Err(RecvTimeoutError::Disconnected) => panic!(
                    "the server closed its output; unmatched: {:?}",
                    self.backlog
                ),
            }
        }
    }

    /// The next publishDiagnostics for `uri` with at least the given version.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let message = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"].as_i64().is_none_or(|v| v >= version)
        });
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    pub fn hover(&mut self, uri: &str, line: u32, character: u32) -> Value {
        self.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )
    }

    pub fn completion(&mut self, uri: &str, line: u32, character: u32) -> Value {
        self.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )
    }

    /// Sends shutdown and exit, and waits for the process to end; returns its exit status.
    pub fn shutdown(mut self) -> std::process::ExitStatus {
        let res = self.request_raw("shutdown", Value::Null);
        assert_eq!(res["result"], Value::Null, "{res}");
        self.notify("exit", Value::Null);
        self.stdin = None;
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

use lsp::framing::read_message;

/// The text of a hover result.
/// The `file://` URI of an absolute path.
pub fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

pub fn hover_text(hover: &Value) -> String {
    hover["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}
