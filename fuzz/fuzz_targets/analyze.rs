//! Any bytes, as a document: diagnostics, quick fixes, hover and completion at a few
//! offsets never panic, and every range they return lies inside the text on char
//! boundaries.
#![no_main]

use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;

fn analysis() -> &'static tradeoff_ide::Analysis {
    static ANALYSIS: OnceLock<tradeoff_ide::Analysis> = OnceLock::new();
    ANALYSIS.get_or_init(|| {
        let (kb, _) = tradeoff_load::knowledge_base(&[]);
        tradeoff_ide::Analysis::new(Arc::new(kb))
    })
}

fn check_range(text: &str, range: &std::ops::Range<usize>) {
    assert!(range.start <= range.end && range.end <= text.len(), "{range:?} in {} bytes", text.len());
    assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let path = if data.first().is_some_and(|b| b % 2 == 0) { "/repo/rfcs/0001-x.md" } else { "/repo/notes.md" };
    let doc = tradeoff_ide::Document::new(text.as_str().into(), Some(path.into()));
    let analysis = analysis();
    for d in analysis.diagnostics(&doc) {
        check_range(&text, &d.range);
    }
    for offset in [0, text.len() / 3, text.len() / 2, text.len(), text.len() + 7] {
        if let Some(hover) = analysis.hover(&doc, offset) {
            check_range(&text, &hover.range);
        }
        for item in analysis.completions(&doc, offset).items {
            check_range(&text, &item.replace);
        }
        for assist in analysis.assists(&doc, offset..offset + 3) {
            for (range, _) in &assist.edits {
                check_range(&text, range);
            }
        }
    }
});
