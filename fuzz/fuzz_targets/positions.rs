//! Position conversions on any text (CRLF, lone CR, BOM, surrogate pairs): every char
//! boundary round-trips through an LSP position in both encodings, and any position maps
//! to a char boundary inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tower_lsp_server::ls_types as lsp;
use tradeoff_lsp::line_index::{self, Encoding};

fuzz_target!(|input: (String, u16, u16)| {
    let (text, line, character) = input;
    let rope = ropey::Rope::from_str(&text);
    for encoding in [Encoding::Utf8, Encoding::Utf16] {
        let offset = line_index::offset(&rope, lsp::Position { line: line as u32, character: character as u32 }, encoding);
        assert!(offset <= text.len() && text.is_char_boundary(offset));
        for (i, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))).take(2_000) {
            let position = line_index::position(&rope, i, encoding);
            let back = line_index::offset(&rope, position, encoding);
            // A position on a line break is the end of that line's content.
            let on_break = text[i..].starts_with('\n') && text[..i].ends_with('\r');
            assert_eq!(back, if on_break { i - 1 } else { i }, "offset {i} via {position:?}");
        }
    }
});
