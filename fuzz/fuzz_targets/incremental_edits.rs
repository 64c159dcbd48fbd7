//! Any sequence of LSP edits (positions in UTF-16 or UTF-8, in or out of range) keeps the
//! server's rope equal to the text the client would hold, and the incrementally reparsed
//! tree-sitter tree equal to a parse from scratch.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use tower_lsp_server::ls_types as lsp;
use tradeoff_lsp::document::DocState;
use tradeoff_lsp::line_index::{self, Encoding};

#[derive(Arbitrary, Debug)]
struct Edit {
    start: (u8, u8),
    end: (u8, u8),
    text: String,
}

#[derive(Arbitrary, Debug)]
struct Input {
    utf8: bool,
    initial: String,
    edits: Vec<Edit>,
}

fuzz_target!(|input: Input| {
    let encoding = if input.utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
    let mut doc = DocState::new(&input.initial, 0, None);
    let mut expected = input.initial.clone();
    for (version, edit) in input.edits.iter().take(32).enumerate() {
        let start = lsp::Position { line: edit.start.0 as u32 % 8, character: edit.start.1 as u32 % 40 };
        let end = lsp::Position { line: edit.end.0 as u32 % 8, character: edit.end.1 as u32 % 40 };
        // The client's view: the same clamping applied to a plain string, through a rope.
        let rope = ropey::Rope::from_str(&expected);
        let mut a = line_index::offset(&rope, start, encoding);
        let mut b = line_index::offset(&rope, end, encoding);
        if b < a {
            std::mem::swap(&mut a, &mut b);
        }
        expected.replace_range(a..b, &edit.text);
        let change = lsp::TextDocumentContentChangeEvent {
            range: Some(lsp::Range { start, end }),
            range_length: None,
            text: edit.text.clone(),
        };
        doc.apply_changes(vec![change], version as i32 + 1, encoding);
        assert_eq!(doc.rope.to_string(), expected);
        assert_eq!(tradeoff_syntax::structure(&doc.tree, &expected), tradeoff_syntax::structure(&tradeoff_syntax::parse(&expected), &expected));
    }
});
