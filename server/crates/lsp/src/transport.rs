//! A guard on the wire between the client and `tower-lsp-server`.
//!
//! `tower-lsp-server` reads stdin through a framed codec that stops for good after its
//! first decoding error, so one malformed message (bad JSON, a bad `Content-Length`) would
//! leave the server deaf. This guard reads the client's frames itself: well-formed ones
//! pass through unchanged; for a malformed one it answers the JSON-RPC parse error
//! (`-32700`, id null) and goes on with the next frame. Outgoing frames from the server and
//! the guard's own answers are merged at frame boundaries.

use serde::de::IgnoredAny;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// Bodies larger than this are refused (a client bug, not a document).
const MAX_BODY: usize = 256 * 1024 * 1024;

/// Serves `service` over `input`/`output` through the guard.
pub async fn serve<I, O>(
    input: I,
    output: O,
    service: tower_lsp_server::LspService<crate::Backend>,
    socket: tower_lsp_server::ClientSocket,
) where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (server_in, mut to_server) = tokio::io::duplex(1 << 16);
    let (mut from_server, server_out) = tokio::io::duplex(1 << 16);
    let (frames_tx, mut frames_rx) = mpsc::channel::<Vec<u8>>(64);

    let errors_tx = frames_tx.clone();
    let reader = tokio::spawn(async move {
        let mut input = BufReader::new(input);
        loop {
            match read_frame(&mut input, true).await {
                Frame::Eof => break,
                Frame::Valid(bytes) => {
                    if to_server.write_all(&bytes).await.is_err() {
                        break;
                    }
                }
                Frame::Malformed(why) => {
                    tracing::warn!("malformed message from the client: {why}");
                    let body = serde_json::json!({
                        "jsonrpc": "2.0",
                        "id": null,
                        "error": {"code": -32700, "message": format!("Parse error: {why}")},
                    })
                    .to_string();
                    if errors_tx.send(frame(body.as_bytes())).await.is_err() {
                        break;
                    }
                }
            }
        }
        // Closing the server's input ends it, as end of input would.
        drop(to_server);
    });

    let splitter = tokio::spawn(async move {
        let mut from_server = BufReader::new(&mut from_server);
        while let Frame::Valid(bytes) = read_frame(&mut from_server, false).await {
            if frames_tx.send(bytes).await.is_err() {
                break;
            }
        }
    });

    let writer = tokio::spawn(async move {
        let mut output = output;
        while let Some(bytes) = frames_rx.recv().await {
            if output.write_all(&bytes).await.is_err() || output.flush().await.is_err() {
                break;
            }
        }
    });

    tower_lsp_server::Server::new(server_in, server_out, socket)
        .serve(service)
        .await;
    // The server has stopped (exit, or end of input): flush what it said, then return
    // without waiting for more input.
    let _ = splitter.await;
    reader.abort();
    let _ = reader.await;
    let _ = writer.await;
}

enum Frame {
    Valid(Vec<u8>),
    Malformed(String),
    Eof,
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Reads one `Content-Length` framed message. Header problems and bodies that are not
/// JSON are `Malformed`; the stream is left at the start of the next message.
async fn read_frame<R: AsyncBufReadExt + Unpin>(input: &mut R, check: bool) -> Frame {
    let mut length: Option<Result<usize, String>> = None;
    let mut line = Vec::new();
    let mut saw_header = false;
    loop {
        line.clear();
        match input.read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => return Frame::Eof,
            Ok(_) => {}
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|_| format!("bad Content-Length `{}`", value.trim())),
                );
            }
        } else if length.is_none() {
            // Not a header line: garbage before a message. Skip it and resynchronise.
            saw_header = false;
        }
    }
    let length = match length {
        None => return Frame::Malformed("a message without Content-Length".into()),
        Some(Err(why)) => return Frame::Malformed(why),
        Some(Ok(n)) if n > MAX_BODY => {
            return Frame::Malformed(format!("a {n}-byte message is too large"));
        }
        Some(Ok(n)) => n,
    };
    let mut body = vec![0; length];
    if input.read_exact(&mut body).await.is_err() {
        return Frame::Eof;
    }
    if !check {
        return Frame::Valid(frame(&body));
    }
    match serde_json::from_slice::<Shape>(&body) {
        Ok(shape) if shape.is_message() => Frame::Valid(frame(&body)),
        Ok(_) => Frame::Malformed("not a JSON-RPC 2.0 request, notification or response".into()),
        Err(err) if err.is_data() => {
            Frame::Malformed("not a JSON-RPC 2.0 request, notification or response".into())
        }
        Err(err) => Frame::Malformed(format!("the body is not JSON ({err})")),
    }
}

/// The outline of a JSON-RPC message; the rest is left for the server to read. The
/// flags say whether a key is present at all (`"result": null` is a result).
#[derive(serde::Deserialize)]
struct Shape {
    jsonrpc: String,
    #[serde(default)]
    method: Option<String>,
    #[serde(default, deserialize_with = "present")]
    id: bool,
    #[serde(default, deserialize_with = "present")]
    result: bool,
    #[serde(default, deserialize_with = "present")]
    error: bool,
}

fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    <IgnoredAny as serde::Deserialize>::deserialize(d)?;
    Ok(true)
}

impl Shape {
    fn is_message(&self) -> bool {
        self.jsonrpc == "2.0" && (self.method.is_some() || (self.id && (self.result || self.error)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn frames(input: &[u8]) -> Vec<String> {
        let mut reader = BufReader::new(input);
        let mut res = Vec::new();
        loop {
            match read_frame(&mut reader, true).await {
                Frame::Eof => return res,
                Frame::Valid(bytes) => res.push(format!(
                    "ok {}",
                    String::from_utf8_lossy(&bytes)
                        .split("\r\n\r\n")
                        .nth(1)
                        .unwrap_or("")
                )),
                Frame::Malformed(why) => res.push(format!("bad {why}")),
            }
        }
    }

    #[tokio::test]
    async fn malformed_frames_are_reported_and_skipped() {
        let ok = r#"{"jsonrpc":"2.0","result":null,"id":1}"#;
        let input = format!(
            "Content-Length: {}\r\n\r\n{ok}Content-Length: 5\r\n\r\n{{bad}}Content-Length: x\r\n\r\n\
             Content-Length: 15\r\n\r\n{{\"jsonrpc\":1.0}}Content-Length: 2\r\ncontent-type: a\r\n\r\n[]",
            ok.len()
        );
        assert_eq!(
            frames(input.as_bytes()).await,
            [
                format!("ok {ok}"),
                "bad the body is not JSON (key must be a string at line 1 column 2)".to_owned(),
                "bad bad Content-Length `x`".to_owned(),
                "bad not a JSON-RPC 2.0 request, notification or response".to_owned(),
                "bad not a JSON-RPC 2.0 request, notification or response".to_owned(),
            ]
        );
    }
}
