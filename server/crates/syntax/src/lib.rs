//! The markdown structure Tradeoff reads, from tree-sitter-md's block grammar.
//!
//! The block grammar is parsed incrementally: the caller keeps the [`Tree`] of the
//! previous version, applies each [`TextEdit`] to it with [`edit`] and reparses with
//! [`reparse`], which reads the new text through a chunk callback (a rope, typically).
//! The inline grammar is run only on the blocks a feature asks about, by
//! [`inline_exclusions`], which finds the spans that are not prose (code spans, links'
//! destinations, autolinks, HTML).
//!
//! Parsing never fails: any text is a document, and broken markdown is just text.
//!
//! ```
//! let text = "# Design\n\nWe use a `cache`.\n";
//! let tree = tradeoff_syntax::parse(text);
//! let blocks = tradeoff_syntax::text_blocks(&tree);
//! assert_eq!(blocks.len(), 2);
//! assert_eq!(&text[blocks[1].range.clone()], "We use a `cache`.");
//! assert_eq!(tradeoff_syntax::inline_exclusions(&text[blocks[1].range.clone()]), vec![9..16]);
//! ```

#![deny(missing_docs)]

mod chunks;

use std::cell::RefCell;
use std::ops::Range;

pub use crate::chunks::{KEEP as TREES_KEPT, TARGET as CHUNK_BYTES, Tree, parallel_map};
use tree_sitter::{InputEdit, Node, Parser, Point};

thread_local! {
    static BLOCK_PARSER: RefCell<Parser> = RefCell::new(new_parser(tree_sitter_md::LANGUAGE.into()));
    static INLINE_PARSER: RefCell<Parser> =
        RefCell::new(new_parser(tree_sitter_md::INLINE_LANGUAGE.into()));
}

fn new_parser(language: tree_sitter::Language) -> Parser {
    let mut parser = Parser::new();
    // The grammar is compiled in with a matching ABI, so this cannot fail at run time;
    // `tests::grammars_load` checks it.
    let _ = parser.set_language(&language);
    parser
}

/// Parses a whole document from scratch.
pub fn parse(text: &str) -> Tree {
    chunks::parse_full(text)
}

/// Parses `text`, reusing `old`, which must already have had every edit that turned its
/// text into `text` applied with [`edit`]: only the chunks the edits touched are
/// reparsed (see the `chunks` module).
pub fn reparse(old: Option<&Tree>, text: &str) -> Tree {
    match old {
        Some(old) => chunks::reparse(old, text),
        None => chunks::parse_full(text),
    }
}

/// Runs `f` with this thread's block parser; `None` from `f` (a parse that tree-sitter
/// gave up on, which we never ask it to) is replaced by the tree of the empty document.
fn with_block_parser(
    f: impl FnOnce(&mut Parser) -> Option<tree_sitter::Tree>,
) -> tree_sitter::Tree {
    BLOCK_PARSER.with(|parser| {
        let mut parser = parser.borrow_mut();
        f(&mut parser)
            .or_else(|| {
                parser.reset();
                let _ = parser.set_included_ranges(&[]);
                parser.parse("", None)
            })
            .expect("tree-sitter parses the empty document")
    })
}

/// A position as tree-sitter counts it: zero-based row and byte column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextPoint {
    /// Row.
    pub row: usize,
    /// Byte offset from the start of the row.
    pub column: usize,
}

/// One replacement of `start_byte..old_end_byte` by text that ends at `new_end_byte`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextEdit {
    /// Where the replaced text starts.
    pub start_byte: usize,
    /// Where the replaced text ended, in the old text.
    pub old_end_byte: usize,
    /// Where the inserted text ends, in the new text.
    pub new_end_byte: usize,
    /// `start_byte` as a point.
    pub start_point: TextPoint,
    /// `old_end_byte` as a point in the old text.
    pub old_end_point: TextPoint,
    /// `new_end_byte` as a point in the new text.
    pub new_end_point: TextPoint,
}

/// Records an edit in `tree` so that the next [`reparse`] reuses what did not change.
pub fn edit(tree: &mut Tree, edit: &TextEdit) {
    let point = |p: TextPoint| Point {
        row: p.row,
        column: p.column,
    };
    chunks::edit(
        tree,
        &InputEdit {
            start_byte: edit.start_byte,
            old_end_byte: edit.old_end_byte,
            new_end_byte: edit.new_end_byte,
            start_position: point(edit.start_point),
            old_end_position: point(edit.old_end_point),
            new_end_position: point(edit.new_end_point),
        },
    );
}

/// What kind of prose a [`TextBlock`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading of level 1 to 6.
    Heading(u8),
    /// A paragraph, in a list item, a quote or at the top level.
    Paragraph,
    /// One cell of a pipe table.
    TableCell,
}

/// A run of inline content: the text of a heading, a paragraph or a table cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBlock {
    /// What it is.
    pub kind: BlockKind,
    /// Its bytes in the document.
    pub range: Range<usize>,
    /// Continuation markers inside the range (a quote's `> `, a list's indent): not prose.
    pub continuations: Vec<Range<usize>>,
    /// Inside a block quote: somebody else's words.
    pub quoted: bool,
    /// Inside a list item.
    pub in_list: bool,
}

/// A heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The whole heading, markers included.
    pub range: Range<usize>,
    /// The heading's text.
    pub title: Range<usize>,
}

/// The byte ranges of the chunks the document is parsed in, in order. Blocks and
/// headings never cross a chunk's end.
pub fn chunk_ranges(tree: &Tree) -> Vec<Range<usize>> {
    tree.chunks.iter().map(|c| c.range.clone()).collect()
}

/// Moves a range of chunk-relative offsets to document offsets.
fn moved(r: &Range<usize>, by: usize) -> Range<usize> {
    r.start.wrapping_add(by)..r.end.wrapping_add(by)
}

fn moved_block(b: &TextBlock, by: usize) -> TextBlock {
    TextBlock {
        kind: b.kind,
        range: moved(&b.range, by),
        continuations: b.continuations.iter().map(|c| moved(c, by)).collect(),
        quoted: b.quoted,
        in_list: b.in_list,
    }
}

fn moved_heading(h: &Heading, by: usize) -> Heading {
    Heading {
        level: h.level,
        range: moved(&h.range, by),
        title: moved(&h.title, by),
    }
}

/// The prose blocks of chunk `i` (see [`chunk_ranges`]), in order.
pub fn chunk_text_blocks(tree: &Tree, i: usize) -> Vec<TextBlock> {
    match tree.chunks.get(i) {
        Some(chunk) => chunk
            .summary
            .blocks
            .iter()
            .map(|b| moved_block(b, chunk.range.start))
            .collect(),
        None => Vec::new(),
    }
}

/// True when the document has a heading. Cheap: a document of several chunks has one at
/// every cut, so only a lone chunk is walked.
pub fn has_heading(tree: &Tree, text: &str) -> bool {
    tree.chunks.len() > 1 || !chunk_headings(tree, 0, text).is_empty()
}

/// The headings of chunk `i`, in order. (`text` is the document's; the headings were
/// read when the chunk was parsed.)
pub fn chunk_headings(tree: &Tree, i: usize, text: &str) -> Vec<Heading> {
    let _ = text;
    match tree.chunks.get(i) {
        Some(chunk) => chunk
            .summary
            .headings
            .iter()
            .map(|h| moved_heading(h, chunk.range.start))
            .collect(),
        None => Vec::new(),
    }
}

/// Every prose block of the document, in order.
pub fn text_blocks(tree: &Tree) -> Vec<TextBlock> {
    let mut res = Vec::new();
    for chunk in &tree.chunks {
        let by = chunk.range.start;
        res.extend(chunk.summary.blocks.iter().map(|b| moved_block(b, by)));
    }
    res
}

#[derive(Default, Clone, Copy)]
pub(crate) struct Ctx {
    quoted: bool,
    in_list: bool,
}

/// Walks with a cursor, handing each node its parent and grandparent: `Node::parent`
/// searches down from the root, which costs a lot in the flat trees of long documents.
#[cfg(test)]
fn collect_blocks<'t>(
    cursor: &mut tree_sitter::TreeCursor<'t>,
    ctx: &mut Ctx,
    ancestors: [Option<Node<'t>>; 2],
    acc: &mut Vec<TextBlock>,
) {
    let node = cursor.node();
    if let Some(block) = as_text_block(node, *ctx, ancestors) {
        acc.push(block);
        return;
    }
    if is_opaque(node.kind()) {
        return;
    }
    let saved = *ctx;
    ctx.quoted |= node.kind() == "block_quote";
    ctx.in_list |= node.kind() == "list_item";
    if cursor.goto_first_child() {
        loop {
            collect_blocks(cursor, ctx, [Some(node), ancestors[0]], acc);
            if !cursor.goto_next_sibling() {
                break;
            }
        }
        cursor.goto_parent();
    }
    *ctx = saved;
}

/// Blocks whose content is never prose.
pub(crate) fn is_opaque(kind: &str) -> bool {
    matches!(
        kind,
        "fenced_code_block"
            | "indented_code_block"
            | "html_block"
            | "minus_metadata"
            | "plus_metadata"
            | "link_reference_definition"
            | "pipe_table_delimiter_row"
    )
}

/// The kind of prose block `node` is, if it is one; `ancestors` are its parent and
/// grandparent.
pub(crate) fn text_block_kind(node: Node, ancestors: [Option<Node>; 2]) -> Option<BlockKind> {
    Some(match node.kind() {
        "inline" => {
            let parent = ancestors[0]?;
            match parent.kind() {
                "atx_heading" => BlockKind::Heading(atx_level(parent)),
                "paragraph" => match ancestors[1] {
                    Some(grand) if grand.kind() == "setext_heading" => {
                        BlockKind::Heading(setext_level(grand))
                    }
                    _ => BlockKind::Paragraph,
                },
                _ => BlockKind::Paragraph,
            }
        }
        "pipe_table_cell" => BlockKind::TableCell,
        _ => return None,
    })
}

/// The prose block `node` is, if it is one; `ancestors` are its parent and grandparent.
#[cfg(test)]
fn as_text_block(node: Node, ctx: Ctx, ancestors: [Option<Node>; 2]) -> Option<TextBlock> {
    let kind = text_block_kind(node, ancestors)?;
    let mut continuations = Vec::new();
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        if child.kind() == "block_continuation" && !child.byte_range().is_empty() {
            continuations.push(child.byte_range());
        }
    }
    Some(TextBlock {
        kind,
        range: node.byte_range(),
        continuations,
        quoted: ctx.quoted,
        in_list: ctx.in_list,
    })
}

fn atx_level(heading: Node) -> u8 {
    let marker = heading.child(0).map(|it| it.kind()).unwrap_or("");
    match marker {
        "atx_h1_marker" => 1,
        "atx_h2_marker" => 2,
        "atx_h3_marker" => 3,
        "atx_h4_marker" => 4,
        "atx_h5_marker" => 5,
        _ => 6,
    }
}

fn setext_level(heading: Node) -> u8 {
    let mut cursor = heading.walk();
    let underline = heading
        .children(&mut cursor)
        .any(|it| it.kind() == "setext_h1_underline");
    if underline { 1 } else { 2 }
}

/// Where `offset` falls in the block structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockAt {
    /// In prose.
    Text(TextBlock),
    /// In code, HTML, front matter or anything else that is not prose.
    Other,
}

/// The prose block that contains `offset` (inclusive at both ends, so a cursor just after
/// the last word still counts), or [`BlockAt::Other`].
pub fn block_at(tree: &Tree, offset: usize) -> BlockAt {
    block_at_with(|o| block_at_exact(tree, o), offset)
}

fn block_at_with(exact: impl Fn(usize) -> Option<BlockAt>, offset: usize) -> BlockAt {
    match exact(offset) {
        Some(BlockAt::Other) | None if offset > 0 => match exact(offset - 1) {
            Some(BlockAt::Text(block)) if block.range.end == offset => BlockAt::Text(block),
            _ => BlockAt::Other,
        },
        Some(res) => res,
        None => BlockAt::Other,
    }
}

/// The prose block whose bytes hold `offset`, from the chunk's summary: the same answer
/// as a walk up from the tree's smallest node at `offset` (a test compares them), since
/// prose blocks never hold or sit inside code, HTML or front matter.
fn block_at_exact(tree: &Tree, offset: usize) -> Option<BlockAt> {
    let chunk = tree.chunks.get(tree.chunk_at(offset))?;
    let rel = offset.checked_sub(chunk.range.start)?;
    let blocks = &chunk.summary.blocks;
    let i = blocks.partition_point(|b| b.range.start <= rel);
    Some(match i.checked_sub(1).map(|i| &blocks[i]) {
        Some(b) if rel < b.range.end => BlockAt::Text(moved_block(b, chunk.range.start)),
        _ => BlockAt::Other,
    })
}

/// [`block_at_exact`] from a tree-sitter tree, for tests that check the summaries.
#[cfg(test)]
fn block_at_exact_in(tree: &tree_sitter::Tree, offset: usize) -> Option<BlockAt> {
    let node = tree.root_node().descendant_for_byte_range(offset, offset)?;
    let mut ctx = Ctx::default();
    let mut found = None;
    let mut cur = Some(node);
    while let Some(n) = cur {
        if is_opaque(n.kind()) {
            return Some(BlockAt::Other);
        }
        if found.is_none() && matches!(n.kind(), "inline" | "pipe_table_cell") {
            found = Some(n);
        }
        ctx.quoted |= n.kind() == "block_quote";
        ctx.in_list |= n.kind() == "list_item";
        cur = n.parent();
    }
    Some(
        match found.and_then(|n| as_text_block(n, ctx, ancestors(n))) {
            Some(block) => BlockAt::Text(block),
            None => BlockAt::Other,
        },
    )
}

#[cfg(test)]
fn ancestors(node: Node<'_>) -> [Option<Node<'_>>; 2] {
    let parent = node.parent();
    [parent, parent.and_then(|p| p.parent())]
}

/// True when `offset` is inside a fenced or indented code block.
pub fn in_code_block(tree: &Tree, offset: usize) -> bool {
    let Some(chunk) = tree.chunks.get(tree.chunk_at(offset)) else {
        return false;
    };
    let Some(rel) = offset.checked_sub(chunk.range.start) else {
        return false;
    };
    let code = &chunk.summary.code;
    let i = code.partition_point(|c| c.start <= rel);
    i.checked_sub(1).is_some_and(|i| rel < code[i].end)
}

/// [`in_code_block`] from a tree-sitter tree, for tests that check the summaries.
#[cfg(test)]
fn in_code_block_in(tree: &tree_sitter::Tree, offset: usize) -> bool {
    let mut node = tree.root_node().descendant_for_byte_range(offset, offset);
    while let Some(n) = node {
        if matches!(n.kind(), "fenced_code_block" | "indented_code_block") {
            return true;
        }
        node = n.parent();
    }
    false
}

/// Every heading, in order. (`text` is the document's; the headings were read when
/// each chunk was parsed.)
pub fn headings(tree: &Tree, text: &str) -> Vec<Heading> {
    let _ = text;
    let mut res = Vec::new();
    for chunk in &tree.chunks {
        let by = chunk.range.start;
        res.extend(chunk.summary.headings.iter().map(|h| moved_heading(h, by)));
    }
    res
}

#[cfg(test)]
fn collect_headings(cursor: &mut tree_sitter::TreeCursor, text: &str, acc: &mut Vec<Heading>) {
    let node = cursor.node();
    match node.kind() {
        "atx_heading" | "setext_heading" => acc.push(heading(node, text)),
        kind if is_opaque(kind) => {}
        // Headings are blocks: they are never inside paragraphs, tables or inline content.
        "paragraph" | "pipe_table" | "inline" => {}
        _ => {
            if cursor.goto_first_child() {
                loop {
                    collect_headings(cursor, text, acc);
                    if !cursor.goto_next_sibling() {
                        break;
                    }
                }
                cursor.goto_parent();
            }
        }
    }
}

/// The heading an `atx_heading` or `setext_heading` node is.
pub(crate) fn heading(node: Node, text: &str) -> Heading {
    let atx = node.kind() == "atx_heading";
    let title = if atx {
        node.child_by_field_name("heading_content")
            .map(|it| it.byte_range())
    } else {
        node.child(0)
            .and_then(|p| p.child(0))
            .map(|it| it.byte_range())
    };
    let level = if atx {
        atx_level(node)
    } else {
        setext_level(node)
    };
    let title = title.unwrap_or(node.end_byte()..node.end_byte());
    Heading {
        level,
        range: node.byte_range(),
        title: trim_closing_hashes(text, title),
    }
}

/// Drops an ATX heading's optional closing sequence ("Two ##" → "Two").
fn trim_closing_hashes(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(title) = text.get(range.clone()) else {
        return range;
    };
    let without = title.trim_end_matches('#');
    if without.len() < title.len() && (without.is_empty() || without.ends_with([' ', '\t'])) {
        let trimmed = without.trim_end();
        return range.start..range.start + trimmed.len();
    }
    range
}

/// The range of the front matter block (`---` YAML or `+++` TOML), fences included.
pub fn front_matter(tree: &Tree) -> Option<Range<usize>> {
    tree.chunks.first()?.summary.front_matter.clone()
}

/// The front matter node under the root of the first chunk's tree.
pub(crate) fn front_matter_node(root: Node) -> Option<Range<usize>> {
    let first = root.child(0)?;
    let node = if matches!(first.kind(), "minus_metadata" | "plus_metadata") {
        first
    } else {
        let inner = first.child(0)?;
        if !matches!(inner.kind(), "minus_metadata" | "plus_metadata") {
            return None;
        }
        inner
    };
    Some(node.byte_range())
}

/// Spans of a block's text, relative to it, that are not prose: code spans, autolinks,
/// inline HTML, the destinations and titles of links and images, and LaTeX spans.
/// Runs the inline grammar only when the text has a character that can start one.
pub fn inline_exclusions(text: &str) -> Vec<Range<usize>> {
    if !text.bytes().any(|b| matches!(b, b'`' | b'<' | b'[' | b'$')) {
        return Vec::new();
    }
    INLINE_PARSER.with(|parser| {
        let mut parser = parser.borrow_mut();
        let Some(tree) = parser.parse(text, None) else {
            return Vec::new();
        };
        let mut res = Vec::new();
        let mut stack = vec![tree.root_node()];
        while let Some(node) = stack.pop() {
            match node.kind() {
                "code_span" | "uri_autolink" | "email_autolink" | "html_tag"
                | "link_destination" | "link_title" | "latex_block" => res.push(node.byte_range()),
                _ => {
                    let mut cursor = node.walk();
                    stack.extend(node.children(&mut cursor));
                }
            }
        }
        res.sort_by_key(|it| it.start);
        res
    })
}

/// The body rows of the pipe tables that start inside `range`: each row's cells' byte
/// ranges, header and delimiter rows left out.
pub fn table_rows(tree: &Tree, range: Range<usize>) -> Vec<Vec<Range<usize>>> {
    let mut res = Vec::new();
    for chunk in &tree.chunks {
        if chunk.range.end <= range.start || chunk.range.start >= range.end {
            continue;
        }
        let by = chunk.range.start;
        for (row, cells) in &chunk.summary.rows {
            let row = moved(row, by);
            if row.end > range.start && row.start < range.end {
                res.push(cells.iter().map(|c| moved(c, by)).collect());
            }
        }
    }
    res
}

/// Where a cell of a pipe table's body stands: its column, the row's first cell and the
/// column's header cell. A row is read with its headings: "| UDP | yes |" under
/// "| Protocol | Ordered |" says that UDP is ordered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCell {
    /// 0 for the first column.
    pub column: usize,
    /// The row's first cell.
    pub first: Range<usize>,
    /// The header cell of the column, if the header has that many.
    pub header: Option<Range<usize>>,
}

/// The body cell of a pipe table that holds `offset`, if there is one.
pub fn table_cell(tree: &Tree, offset: usize) -> Option<TableCell> {
    let i = tree
        .chunks
        .partition_point(|c| c.range.end <= offset)
        .min(tree.chunks.len().checked_sub(1)?);
    let chunk = &tree.chunks[i];
    let at = offset.checked_sub(chunk.range.start)?;
    let summary = &chunk.summary;
    let row = summary.rows.partition_point(|(r, _)| r.end <= at);
    let (row, cells) = summary.rows.get(row).filter(|(r, _)| r.start <= at)?;
    let column = cells.iter().position(|c| c.start <= at && at < c.end)?;
    let header = summary
        .tables
        .iter()
        .rev()
        .find(|(t, _)| t.start <= row.start && row.end <= t.end)
        .and_then(|(_, head)| head.get(column));
    let by = chunk.range.start;
    Some(TableCell {
        column,
        first: moved(&cells[0], by),
        header: header.map(|h| moved(h, by)),
    })
}

/// [`table_rows`] from tree-sitter trees, for tests that check the summaries.
#[cfg(test)]
fn table_rows_in(trees: &[tree_sitter::Tree], range: Range<usize>) -> Vec<Vec<Range<usize>>> {
    let mut res = Vec::new();
    let mut stack: Vec<Node> = trees.iter().map(|t| t.root_node()).rev().collect();
    while let Some(node) = stack.pop() {
        if node.end_byte() <= range.start || node.start_byte() >= range.end {
            continue;
        }
        match node.kind() {
            "pipe_table_row" => {
                let mut cursor = node.walk();
                let cells = node
                    .children(&mut cursor)
                    .filter(|c| c.kind() == "pipe_table_cell")
                    .map(|c| c.byte_range())
                    .collect();
                res.push(cells);
            }
            kind if is_opaque(kind) || kind == "pipe_table_header" => {}
            _ => {
                let mut cursor = node.walk();
                let children: Vec<Node> = node.children(&mut cursor).collect();
                stack.extend(children.into_iter().rev());
            }
        }
    }
    res
}

/// The kept trees as S-expressions (chunks without a tree show as `(dropped)`), for
/// tests that compare trees.
pub fn to_sexp(tree: &Tree) -> String {
    tree.chunks
        .iter()
        .map(|c| {
            c.tree
                .as_ref()
                .map_or("(dropped)".into(), |t| t.root_node().to_sexp())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What the analysis reads of a tree: its prose blocks and headings, one per line. Two
/// trees of the same text give the same structure however they were chunked, which is
/// what tests of incremental parsing compare.
pub fn structure(tree: &Tree, text: &str) -> String {
    let mut out = String::new();
    for b in text_blocks(tree) {
        out.push_str(&format!(
            "{:?} {:?} {:?} quoted={} list={}\n",
            b.kind, b.range, b.continuations, b.quoted, b.in_list
        ));
    }
    for h in headings(tree, text) {
        out.push_str(&format!("h{} {:?} {:?}\n", h.level, h.range, h.title));
    }
    out.push_str(&format!("front matter {:?}\n", front_matter(tree)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grammars_load() {
        let mut parser = Parser::new();
        assert!(
            parser
                .set_language(&tree_sitter_md::LANGUAGE.into())
                .is_ok()
        );
        assert!(
            parser
                .set_language(&tree_sitter_md::INLINE_LANGUAGE.into())
                .is_ok()
        );
    }

    fn show_blocks(text: &str) -> String {
        let tree = parse(text);
        text_blocks(&tree)
            .into_iter()
            .map(|b| {
                let flags = format!(
                    "{}{}",
                    if b.quoted { " quoted" } else { "" },
                    if b.in_list { " list" } else { "" }
                );
                format!("{:?}{flags} {:?}\n", b.kind, &text[b.range])
            })
            .collect()
    }

    #[test]
    fn blocks_skip_code_html_and_front_matter() {
        let text = "---\nstatus: draft\n---\n# Title\n\nProse `x`.\n\n```\ncode CAP\n```\n\n<div>CAP</div>\n\n> quoted\n> more\n\n- item\n\n| a | b |\n|---|---|\n| c | d |\n\nSetext\n===\n";
        expect_test::expect![[r#"
            Heading(1) "Title"
            Paragraph "Prose `x`."
            Paragraph quoted "quoted\n> more"
            Paragraph list "item"
            TableCell "a "
            TableCell "b "
            TableCell "c "
            TableCell "d "
            Heading(1) "Setext"
        "#]]
        .assert_eq(&show_blocks(text));
        assert_eq!(front_matter(&parse(text)), Some(0..22));
    }

    #[test]
    fn table_cells_know_their_row_and_header() {
        let text = "Intro.\n\n| Protocol | Ordered |\n| --- | --- |\n| UDP | no |\n| TCP | yes | extra |\n\nAfter.\n";
        let tree = parse(text);
        let cell = |needle: &str| {
            let at = text.find(needle).unwrap() + 1;
            table_cell(&tree, at).map(|c| {
                (
                    c.column,
                    text[c.first].trim().to_owned(),
                    c.header.map(|h| text[h].trim().to_owned()),
                )
            })
        };
        assert_eq!(cell(" no"), Some((1, "UDP".into(), Some("Ordered".into()))));
        assert_eq!(cell(" UDP").map(|c| c.0), Some(0));
        assert_eq!(cell(" extra"), Some((2, "TCP".into(), None)));
        assert_eq!(cell("Ordered"), None, "a header cell is no body cell");
        assert_eq!(cell("Intro"), None);
        assert_eq!(cell("After"), None);
        assert_eq!(table_cell(&tree, text.len() + 10), None);
        assert_eq!(table_cell(&parse(""), 0), None);
    }

    #[test]
    fn table_rows_skip_the_header() {
        let text =
            "# T\n\n| Term | Meaning |\n|---|---|\n| RPO | data loss |\n| RTO | down time |\n";
        let tree = parse(text);
        let rows: Vec<Vec<&str>> = table_rows(&tree, 0..text.len())
            .into_iter()
            .map(|row| row.into_iter().map(|c| text[c].trim()).collect())
            .collect();
        assert_eq!(rows, [["RPO", "data loss"], ["RTO", "down time"]]);
        assert!(table_rows(&tree, 0..3).is_empty());
    }

    #[test]
    fn headings_have_levels_and_titles() {
        let text = "# One\n\n## Two ##\n\nThree\n---\n\n```\n# not\n```\n";
        let tree = parse(text);
        let got: Vec<(u8, &str)> = headings(&tree, text)
            .into_iter()
            .map(|h| (h.level, &text[h.title]))
            .collect();
        assert_eq!(got, [(1, "One"), (2, "Two"), (2, "Three")]);
    }

    #[test]
    fn block_at_finds_prose_and_refuses_code() {
        let text = "Para one.\n\n```\ncode\n```\n";
        let tree = parse(text);
        assert!(matches!(block_at(&tree, 2), BlockAt::Text(b) if b.range == (0..9)));
        assert!(matches!(block_at(&tree, 9), BlockAt::Text(b) if b.range == (0..9)));
        assert_eq!(block_at(&tree, 16), BlockAt::Other);
        assert_eq!(block_at(&tree, 10_000), BlockAt::Other);
    }

    #[test]
    fn exclusions_cover_code_links_and_html() {
        let text = "See `CAP` and [the theorem](https://x.io/cap \"CAP\") <b>x</b> <https://a.b>";
        let got: Vec<&str> = inline_exclusions(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            got,
            [
                "`CAP`",
                "https://x.io/cap",
                "\"CAP\"",
                "<b>",
                "</b>",
                "<https://a.b>"
            ]
        );
    }

    #[test]
    fn incremental_reparse_equals_full_parse() {
        let old_text = "# Title\n\nSome text.\n\n- a\n- b\n";
        let mut tree = parse(old_text);
        // Insert "more " before "text".
        let at = old_text.find("text").unwrap();
        let new_text = format!("{}more {}", &old_text[..at], &old_text[at..]);
        let point = TextPoint { row: 2, column: 5 };
        edit(
            &mut tree,
            &TextEdit {
                start_byte: at,
                old_end_byte: at,
                new_end_byte: at + 5,
                start_point: point,
                old_end_point: point,
                new_end_point: TextPoint { row: 2, column: 10 },
            },
        );
        let tree = reparse(Some(&tree), &new_text);
        assert_eq!(to_sexp(&tree), to_sexp(&parse(&new_text)));
    }

    /// Replaces `old` by `new` at `at` in `text` and `tree`, reparsing incrementally.
    fn apply(text: &mut String, tree: &mut Tree, at: usize, old: usize, new: &str) {
        let point = |s: &str, o: usize| TextPoint {
            row: s[..o].matches('\n').count(),
            column: o - s[..o].rfind('\n').map_or(0, |i| i + 1),
        };
        let start_point = point(text, at);
        let old_end_point = point(text, at + old);
        text.replace_range(at..at + old, new);
        let e = TextEdit {
            start_byte: at,
            old_end_byte: at + old,
            new_end_byte: at + new.len(),
            start_point,
            old_end_point,
            new_end_point: point(text, at + new.len()),
        };
        edit(tree, &e);
        *tree = reparse(Some(tree), text);
    }

    /// The blocks of one tree for the whole text, as before chunking.
    fn whole(text: &str) -> String {
        let mut parser = new_parser(tree_sitter_md::LANGUAGE.into());
        let t = parser.parse(text, None).unwrap();
        let mut res = Vec::new();
        let mut cursor = t.walk();
        collect_blocks(&mut cursor, &mut Ctx::default(), [None, None], &mut res);
        format!("{res:?}")
    }

    /// Every view the analysis reads, at every offset: the block there, whether it is
    /// code, the table rows of a few ranges, the front matter, the headings.
    fn views_at_every_offset(
        text: &str,
        block_at: impl Fn(usize) -> BlockAt,
        in_code: impl Fn(usize) -> bool,
        rows: impl Fn(Range<usize>) -> Vec<Vec<Range<usize>>>,
    ) -> Vec<String> {
        let mut res = Vec::new();
        for offset in 0..=text.len() + 1 {
            res.push(format!(
                "{offset}: {:?} code={}",
                block_at(offset),
                in_code(offset)
            ));
        }
        let n = text.len();
        for range in [0..n, n / 3..n / 2, n / 2..n / 2 + 1, n..n] {
            res.push(format!("rows {range:?}: {:?}", rows(range.clone())));
        }
        res
    }

    /// [`views_at_every_offset`] of one whole-document tree, as before chunking.
    fn whole_views(text: &str) -> Vec<String> {
        let mut parser = new_parser(tree_sitter_md::LANGUAGE.into());
        let t = parser.parse(text, None).unwrap();
        let mut res = views_at_every_offset(
            text,
            |o| block_at_with(|o| block_at_exact_in(&t, o), o),
            |o| in_code_block_in(&t, o),
            |r| table_rows_in(std::slice::from_ref(&t), r),
        );
        res.push(format!(
            "front matter {:?}",
            front_matter_node(t.root_node())
        ));
        let mut headings = Vec::new();
        collect_headings(&mut t.walk(), text, &mut headings);
        res.push(format!("{headings:?}"));
        res
    }

    fn chunked_views(tree: &Tree, text: &str) -> Vec<String> {
        let mut res = views_at_every_offset(
            text,
            |o| block_at(tree, o),
            |o| in_code_block(tree, o),
            |r| table_rows(tree, r),
        );
        res.push(format!("front matter {:?}", front_matter(tree)));
        res.push(format!("{:?}", headings(tree, text)));
        res
    }

    /// Compares line by line, so that a failure shows the first difference.
    fn assert_same_views(tree: &Tree, text: &str, context: &str) {
        let (got, want) = (chunked_views(tree, text), whole_views(text));
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g, w, "{context}");
        }
        assert_eq!(got.len(), want.len(), "{context}");
    }

    #[test]
    fn summaries_answer_like_trees_at_every_offset() {
        let texts = [
            "---\ntitle: x\n---\n# T\n\nProse `x` here.\n\n```\ncode\n```\n\n    indented\n\n> quoted\n> more\n\n- item\n  - nested\n\n| a | b |\n|---|---|\n| c | d |\n| e |\n\nSetext\n===\n\n<div>\nhtml\n</div>\n\n[ref]: https://x.io\n\n#\n\n## Closed ##\n",
            "",
            "x",
            "\n\n",
            "- \n",
            "| a |\n|---|\n|  |\n",
            "> ```\n> code\n",
            "para\n```",
            "# H\r\n\r\ntext\r\n",
        ];
        for text in texts {
            let mut tree = parse(text);
            assert_same_views(&tree, text, text);
            tree.drop_trees();
            assert_same_views(&tree, text, text);
        }
    }

    #[test]
    fn random_edits_to_chunked_documents_keep_the_whole_document_structure() {
        let mut text = String::new();
        for i in 0..300 {
            text.push_str(&format!(
                "## S{i}\n\nText {i} with *em* and `code`.\n\n- a\n- b\n\n```\n# c\n```\n\n"
            ));
        }
        let snippets = [
            "x",
            "\n",
            "\n\n",
            "```",
            "~~~\n",
            "<!--",
            "-->",
            "\n# H\n\n",
            "<pre>\n",
            "</pre>",
            "> ",
            "- ",
            "|a|b|\n|-|-|\n",
            "",
        ];
        let mut tree = parse(&text);
        assert!(tree.chunk_count() > 1, "{tree:?}");
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for step in 0..150 {
            let mut at = next(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut old = next(40).min(text.len() - at);
            while !text.is_char_boundary(at + old) {
                old -= 1;
            }
            let new = snippets[next(snippets.len())];
            // Now and then every tree is dropped, as for a long document: the next edit
            // parses its chunk afresh.
            if step % 7 == 3 {
                tree.drop_trees();
            }
            apply(&mut text, &mut tree, at, old, new);
            assert!(tree.trees_kept() <= TREES_KEPT.max(tree.chunk_count().min(TREES_KEPT)));
            if step % 10 == 0 || step > 140 {
                let fresh = parse(&text);
                assert_eq!(
                    format!("{:?}", text_blocks(&tree)),
                    whole(&text),
                    "step {step}"
                );
                assert_eq!(
                    structure(&tree, &text),
                    structure(&fresh, &text),
                    "step {step}"
                );
            }
            if step % 25 == 0 {
                assert_same_views(&tree, &text, &format!("step {step}"));
            }
        }
    }

    #[test]
    fn chunked_documents_parse_like_whole_ones_through_edits() {
        let mut text = String::from("---\ntitle: x\n---\n# Doc\n\n");
        for i in 0..400 {
            text.push_str(&format!(
                "## Part {i}\n\nProse about caches, part {i}, with `code` and [a link](x).\n\n- item\n  > quoted\n\n| a | b |\n|---|---|\n| {i} | y |\n\n```sh\n# comment {i}\n```\n\n"
            ));
        }
        let mut tree = parse(&text);
        assert!(tree.chunk_count() > TREES_KEPT, "{tree:?}");
        // A long document keeps no tree until it is edited.
        assert_eq!(tree.trees_kept(), 0);
        assert_eq!(format!("{:?}", text_blocks(&tree)), whole(&text));
        assert_same_views(&tree, &text, "opened");
        // Edits in prose, across a chunk's heading, opening and closing a fence, an HTML
        // comment, deleting a whole region, and at the very end.
        let at = |text: &String, needle: &str| text.find(needle).unwrap();
        let steps: Vec<(String, usize, String)> = vec![
            ("Prose about caches, part 60".into(), 0, "x".into()),
            ("## Part 70".into(), 0, "y".into()),
            ("Prose about caches, part 80".into(), 0, "```\n".into()),
            ("Prose about caches, part 90".into(), 0, "<!--\n".into()),
            ("Prose about caches, part 30".into(), 400, String::new()),
        ];
        for (needle, old, new) in steps {
            let pos = at(&text, &needle);
            apply(&mut text, &mut tree, pos, old, &new);
            assert_eq!(
                structure(&tree, &text),
                structure(&parse(&text), &text),
                "{needle}"
            );
            assert_eq!(
                format!("{:?}", text_blocks(&tree)),
                whole(&text),
                "{needle}"
            );
            assert!(tree.trees_kept() <= TREES_KEPT, "{needle}");
        }
        // Edits in more chunks than keep trees: the oldest trees go.
        for part in [100, 150, 200, 250, 300, 350] {
            let pos = at(&text, &format!("Prose about caches, part {part},"));
            apply(&mut text, &mut tree, pos, 0, "y");
            assert!(tree.trees_kept() <= TREES_KEPT);
            assert!(tree.trees_kept() >= 1);
        }
        assert_same_views(&tree, &text, "edited in many chunks");
        let end = text.len();
        apply(&mut text, &mut tree, end, 0, "\n## Tail\n\nmore\n");
        assert_eq!(format!("{:?}", text_blocks(&tree)), whole(&text));
        // Undo the fence: the chunks split again on a full parse.
        let pos = at(&text, "```\nProse about caches, part 80");
        apply(&mut text, &mut tree, pos, 4, "");
        assert_eq!(format!("{:?}", text_blocks(&tree)), whole(&text));
    }
}
