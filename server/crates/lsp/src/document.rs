//! An open document: its rope, its incrementally parsed block tree, and its version.

use std::sync::Arc;

use ropey::Rope;
use tower_lsp_server::ls_types as lsp;

use crate::line_index::{self, Encoding};

/// The server's copy of one open document.
pub struct DocState {
    /// The text, edited in place by each change.
    pub rope: Rope,
    /// The block tree of exactly `rope`'s text.
    pub tree: syntax::Tree,
    /// The version the client gave with the last change.
    pub version: i32,
    /// The file path, for telling design docs apart.
    pub path: Option<Arc<str>>,
    /// The text as one string, made when an analysis asks for it.
    text: Option<Arc<str>>,
    /// The analysis input for this version, shared by every request on it (so what the
    /// analysis computes once per version, such as the answered review questions, is
    /// computed once). Emptied by every change.
    doc: Option<ide::Document>,
}

impl DocState {
    /// A freshly opened document.
    pub fn new(text: &str, version: i32, path: Option<Arc<str>>) -> DocState {
        let rope = Rope::from_str(text);
        let tree = syntax::parse(text);
        DocState {
            rope,
            tree,
            version,
            path,
            text: Some(text.into()),
            doc: None,
        }
    }

    /// Applies the client's changes in order, then reparses incrementally once.
    pub fn apply_changes(
        &mut self,
        changes: Vec<lsp::TextDocumentContentChangeEvent>,
        version: i32,
        encoding: Encoding,
    ) {
        for change in changes {
            match change.range {
                None => {
                    // A full replacement: start over.
                    self.rope = Rope::from_str(&change.text);
                    self.tree = syntax::parse(&change.text);
                    self.text = None;
                    self.doc = None;
                    continue;
                }
                Some(range) => self.apply_one(range, &change.text, encoding),
            }
        }
        // The analysis needs the text as one string anyway: build it once, parse it, keep it.
        let text: std::sync::Arc<str> = self.rope.to_string().into();
        self.tree = syntax::reparse(Some(&self.tree), &text);
        self.version = version;
        self.text = Some(text);
        self.doc = None;
    }

    fn apply_one(&mut self, range: lsp::Range, text: &str, encoding: Encoding) {
        let mut start = line_index::offset(&self.rope, range.start, encoding);
        let mut end = line_index::offset(&self.rope, range.end, encoding);
        if end < start {
            std::mem::swap(&mut start, &mut end);
        }
        let start_point = line_index::ts_point(&self.rope, start);
        let old_end_point = line_index::ts_point(&self.rope, end);
        let start_char = self.rope.byte_to_char(start);
        let end_char = self.rope.byte_to_char(end);
        self.rope.remove(start_char..end_char);
        self.rope.insert(start_char, text);
        let new_end = start + text.len();
        let new_end_point = line_index::ts_point(&self.rope, new_end);
        syntax::edit(
            &mut self.tree,
            &syntax::TextEdit {
                start_byte: start,
                old_end_byte: end,
                new_end_byte: new_end,
                start_point,
                old_end_point,
                new_end_point,
            },
        );
    }

    /// A snapshot for the analysis: the text as one string plus the tree. Cheap after the
    /// first call for a version.
    pub fn snapshot(&mut self) -> Snapshot {
        let text = self
            .text
            .get_or_insert_with(|| Arc::from(self.rope.to_string()))
            .clone();
        let (tree, path) = (&self.tree, &self.path);
        let doc = self
            .doc
            .get_or_insert_with(|| ide::Document::with_tree(text, tree.clone(), path.clone()))
            .clone();
        Snapshot {
            doc,
            rope: self.rope.clone(),
            version: self.version,
        }
    }
}

/// What a request works on, detached from the live document.
#[derive(Clone)]
pub struct Snapshot {
    /// The analysis input.
    pub doc: ide::Document,
    /// The rope of the same text, for position conversion.
    pub rope: Rope,
    /// Its version.
    pub version: i32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(
        sl: u32,
        sc: u32,
        el: u32,
        ec: u32,
        text: &str,
    ) -> lsp::TextDocumentContentChangeEvent {
        lsp::TextDocumentContentChangeEvent {
            range: Some(lsp::Range {
                start: lsp::Position {
                    line: sl,
                    character: sc,
                },
                end: lsp::Position {
                    line: el,
                    character: ec,
                },
            }),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn incremental_edits_keep_rope_and_tree_in_sync() {
        let mut doc = DocState::new("# T\n\nSome text.\n\n- a\n", 1, None);
        doc.apply_changes(
            vec![
                change(2, 5, 2, 5, "more 😀 "),
                change(4, 0, 4, 0, "> quoted\n\n"),
                change(0, 2, 0, 3, "Title"),
            ],
            2,
            Encoding::Utf16,
        );
        let expected = "# Title\n\nSome more 😀 text.\n\n> quoted\n\n- a\n";
        assert_eq!(doc.rope.to_string(), expected);
        assert_eq!(
            syntax::structure(&doc.tree, expected),
            syntax::structure(&syntax::parse(expected), expected)
        );
        assert_eq!(doc.version, 2);
        assert_eq!(&*doc.snapshot().doc.text, expected);
    }

    #[test]
    fn snapshots_of_one_version_share_their_document() {
        let mut doc = DocState::new("# T\n\nSome text.\n", 1, None);
        let (a, b) = (doc.snapshot(), doc.snapshot());
        assert!(Arc::ptr_eq(&a.doc.text, &b.doc.text));
        doc.apply_changes(vec![change(0, 0, 0, 0, "x")], 2, Encoding::Utf16);
        let c = doc.snapshot();
        assert_eq!(&*c.doc.text, "x# T\n\nSome text.\n");
        assert!(!Arc::ptr_eq(&a.doc.text, &c.doc.text));
    }

    #[test]
    fn out_of_range_edits_clamp() {
        let mut doc = DocState::new("ab\ncd", 1, None);
        doc.apply_changes(vec![change(9, 9, 0, 1, "X")], 2, Encoding::Utf8);
        assert_eq!(doc.rope.to_string(), "aX");
    }
}
