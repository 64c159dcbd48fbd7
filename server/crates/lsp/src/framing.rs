//! The client's side of LSP framing, blocking: reads one `Content-Length` framed message.
//! The end-to-end tests and `lsp-bench` read the server's output with it.

use std::io::BufRead;

/// The body of the next message, or `None` at the end of the stream or on a bad frame.
pub fn read_frame(reader: &mut impl BufRead) -> Option<Vec<u8>> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    Some(body)
}

/// The next message as JSON.
pub fn read_message(reader: &mut impl BufRead) -> Option<serde_json::Value> {
    serde_json::from_slice(&read_frame(reader)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_one_message_after_another() {
        let input = "Content-Length: 2\r\n\r\n{}Content-Length:4\r\n\r\nnull";
        let mut reader = std::io::BufReader::new(input.as_bytes());
        assert_eq!(read_message(&mut reader), Some(serde_json::json!({})));
        assert_eq!(read_frame(&mut reader).as_deref(), Some(&b"null"[..]));
        assert_eq!(read_frame(&mut reader), None);
    }
}
