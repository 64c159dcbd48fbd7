//! Property tests of the invariants the fuzz targets check, small enough for every test run:
//! edits keep the rope equal to the client's text and the incremental tree equal to a full
//! parse; positions round-trip in both encodings.

use proptest::prelude::*;
use ropey::Rope;
use tower_lsp_server::ls_types as lsp;

use crate::document::DocState;
use crate::line_index::{self, Encoding};

fn text() -> impl Strategy<Value = String> {
    // Markdown-ish pieces and the awkward characters: CRLF, lone CR, BOM, emoji, CJK.
    let piece = prop_oneof![
        Just("# ".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\r".to_owned()),
        Just("- ".to_owned()),
        Just("> ".to_owned()),
        Just("```\n".to_owned()),
        Just("| a | b |\n".to_owned()),
        Just("`code`".to_owned()),
        Just("CAP theorem ".to_owned()),
        Just("POST is idempotent. ".to_owned()),
        Just("😀".to_owned()),
        Just("数据".to_owned()),
        Just("\u{feff}".to_owned()),
        "[a-z ]{0,8}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

fn position() -> impl Strategy<Value = lsp::Position> {
    (0u32..10, 0u32..30).prop_map(|(line, character)| lsp::Position { line, character })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn edits_keep_rope_and_tree_in_sync(
        initial in text(),
        edits in prop::collection::vec((position(), position(), text()), 1..6),
        utf8 in any::<bool>(),
    ) {
        let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
        let mut doc = DocState::new(&initial, 0, None);
        let mut expected = initial.clone();
        for (version, (start, end, new_text)) in edits.into_iter().enumerate() {
            let rope = Rope::from_str(&expected);
            let mut a = line_index::offset(&rope, start, encoding);
            let mut b = line_index::offset(&rope, end, encoding);
            if b < a {
                std::mem::swap(&mut a, &mut b);
            }
            expected.replace_range(a..b, &new_text);
            let change = lsp::TextDocumentContentChangeEvent {
                range: Some(lsp::Range { start, end }),
                range_length: None,
                text: new_text,
            };
            doc.apply_changes(vec![change], version as i32 + 1, encoding);
            prop_assert_eq!(doc.rope.to_string(), expected.clone());
            prop_assert_eq!(syntax::structure(&doc.tree, &expected), syntax::structure(&syntax::parse(&expected), &expected));
        }
    }

    #[test]
    fn positions_round_trip(text in text(), pos in position()) {
        let rope = Rope::from_str(&text);
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let offset = line_index::offset(&rope, pos, encoding);
            prop_assert!(offset <= text.len() && text.is_char_boundary(offset));
            for (i, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
                let p = line_index::position(&rope, i, encoding);
                let back = line_index::offset(&rope, p, encoding);
                let on_break = text[i..].starts_with('\n') && text[..i].ends_with('\r');
                prop_assert_eq!(back, if on_break { i - 1 } else { i });
            }
        }
    }

    #[test]
    fn analysis_never_panics(text in text(), offset in 0usize..400) {
        let analysis = ide::Analysis::default();
        let doc = ide::Document::new(text.as_str().into(), Some("/r/rfcs/0001-x.md".into()));
        let _ = analysis.diagnostics(&doc);
        let _ = analysis.hover(&doc, offset);
        let _ = analysis.completions(&doc, offset);
        let _ = analysis.assists(&doc, offset..offset + 5);
    }
}
