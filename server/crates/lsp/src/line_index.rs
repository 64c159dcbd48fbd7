//! Conversions between LSP positions and byte offsets, through the document's rope.
//!
//! LSP counts lines split at `\n`, `\r\n` or `\r`, and columns in the negotiated encoding:
//! UTF-8 bytes or UTF-16 code units. Every conversion clamps: a line past the end maps to
//! the end of the text, a column past the end of its line to the end of the line (before
//! the line break), and a column inside a character to the start of that character.

use ropey::Rope;
use tower_lsp_server::ls_types as lsp;

/// The position encoding agreed with the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// Columns count UTF-8 bytes.
    Utf8,
    /// Columns count UTF-16 code units (the LSP default).
    #[default]
    Utf16,
}

/// The byte offset of `pos`, clamped into the text.
pub fn offset(rope: &Rope, pos: lsp::Position, encoding: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let slice = rope.line(line);
    let content_chars = slice.len_chars() - line_break_chars(&slice);
    let line_start = rope.line_to_char(line);
    let col = pos.character as usize;
    let chars_in = match encoding {
        Encoding::Utf16 => {
            let content_units = slice.char_to_utf16_cu(content_chars);
            slice.utf16_cu_to_char(col.min(content_units))
        }
        Encoding::Utf8 => {
            let content_bytes = slice.char_to_byte(content_chars);
            slice.byte_to_char(col.min(content_bytes))
        }
    };
    rope.char_to_byte(line_start + chars_in.min(content_chars))
}

/// The LSP position of a byte offset (clamped, and moved back onto a character start).
pub fn position(rope: &Rope, offset: usize, encoding: Encoding) -> lsp::Position {
    let offset = offset.min(rope.len_bytes());
    let char_idx = rope.byte_to_char(offset);
    let line = rope.char_to_line(char_idx);
    let line_start = rope.line_to_char(line);
    let col = match encoding {
        Encoding::Utf16 => rope.char_to_utf16_cu(char_idx) - rope.char_to_utf16_cu(line_start),
        Encoding::Utf8 => rope.char_to_byte(char_idx) - rope.line_to_byte(line),
    };
    lsp::Position {
        line: line as u32,
        character: col as u32,
    }
}

/// The LSP range of a byte range.
pub fn range(rope: &Rope, range: std::ops::Range<usize>, encoding: Encoding) -> lsp::Range {
    lsp::Range {
        start: position(rope, range.start, encoding),
        end: position(rope, range.end, encoding),
    }
}

/// The byte range of an LSP range, start and end in order.
pub fn offsets(rope: &Rope, range: lsp::Range, encoding: Encoding) -> std::ops::Range<usize> {
    let start = offset(rope, range.start, encoding);
    let end = offset(rope, range.end, encoding);
    start.min(end)..start.max(end)
}

/// How many chars at the end of the line are its line break.
fn line_break_chars(slice: &ropey::RopeSlice) -> usize {
    let n = slice.len_chars();
    if n == 0 {
        return 0;
    }
    match slice.char(n - 1) {
        '\n' if n >= 2 && slice.char(n - 2) == '\r' => 2,
        '\n' | '\r' => 1,
        _ => 0,
    }
}

/// The tree-sitter point of a byte offset: its row, and its byte column counted from the
/// previous `\n`, which is how tree-sitter's lexer counts columns.
pub fn ts_point(rope: &Rope, offset: usize) -> syntax::TextPoint {
    let offset = offset.min(rope.len_bytes());
    let row = rope.byte_to_line(offset);
    // Walk back through the chunks to the previous '\n' (usually in the same chunk).
    let mut column = 0;
    let mut at = offset;
    while at > 0 {
        let (chunk, chunk_start, _, _) = rope.chunk_at_byte(at - 1);
        let bytes = &chunk.as_bytes()[..at - chunk_start];
        match bytes.iter().rposition(|&b| b == b'\n') {
            Some(i) => {
                column += bytes.len() - i - 1;
                break;
            }
            None => {
                column += bytes.len();
                at = chunk_start;
            }
        }
    }
    syntax::TextPoint { row, column }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> lsp::Position {
        lsp::Position { line, character }
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let rope = Rope::from_str("a😀b\nxé\n");
        assert_eq!(offset(&rope, pos(0, 3), Encoding::Utf16), 5); // after the emoji
        assert_eq!(offset(&rope, pos(0, 2), Encoding::Utf16), 1); // inside the pair: its start
        assert_eq!(position(&rope, 5, Encoding::Utf16), pos(0, 3));
        assert_eq!(position(&rope, 5, Encoding::Utf8), pos(0, 5));
        assert_eq!(offset(&rope, pos(1, 2), Encoding::Utf16), 10);
        assert_eq!(offset(&rope, pos(1, 2), Encoding::Utf8), 8); // inside é: its start
    }

    #[test]
    fn clamps_past_line_and_text_ends() {
        let rope = Rope::from_str("ab\r\ncd\rxy");
        assert_eq!(offset(&rope, pos(0, 99), Encoding::Utf16), 2);
        assert_eq!(offset(&rope, pos(1, 99), Encoding::Utf16), 6);
        assert_eq!(offset(&rope, pos(2, 1), Encoding::Utf16), 8);
        assert_eq!(offset(&rope, pos(99, 0), Encoding::Utf16), 9);
        assert_eq!(position(&rope, 999, Encoding::Utf16), pos(2, 2));
    }

    #[test]
    fn round_trips_every_char_boundary() {
        let text = "# Ti😀tle\r\n\n中文 CAP\rlast";
        let rope = Rope::from_str(text);
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            for enc in [Encoding::Utf8, Encoding::Utf16] {
                let p = position(&rope, i, enc);
                let back = offset(&rope, p, enc);
                // A position on a line break maps to the end of the line's content.
                let expected = if text[i..].starts_with('\n') && text[..i].ends_with('\r') {
                    i - 1
                } else {
                    i
                };
                assert_eq!(back, expected, "offset {i} {enc:?} via {p:?}");
            }
        }
    }

    #[test]
    fn ts_points_count_from_newlines() {
        let rope = Rope::from_str("ab\ncd\ref");
        assert_eq!(ts_point(&rope, 4), syntax::TextPoint { row: 1, column: 1 });
        assert_eq!(ts_point(&rope, 7), syntax::TextPoint { row: 2, column: 4 });
        assert_eq!(ts_point(&rope, 0), syntax::TextPoint { row: 0, column: 0 });
    }
}
