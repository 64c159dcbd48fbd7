//! A document's tree as a row of tree-sitter trees, one per chunk of top-level sections.
//!
//! tree-sitter reuses little of a markdown tree after an edit when the tree is flat (a
//! long document is hundreds of sibling sections), so an incremental reparse of a 1 MB
//! document cost as much as a full parse. Instead the text is cut before top-level ATX
//! headings into chunks of at least [`TARGET`] bytes; each chunk is parsed on its own (the
//! parser's included range, so nodes keep document offsets), and an edit reparses only its
//! chunk, incrementally.
//!
//! A cut is only made where markdown's block structure is certain to restart: a line
//! `#{1,6} ` at column 0 after a blank line, outside fenced code, HTML comments and raw
//! HTML blocks, and front matter. The parse checks each cut: a chunk that ends inside an
//! unterminated fence or raw HTML block is merged with the next one. An edit that touches
//! a chunk's first line, spans two chunks or leaves its chunk unterminated falls back to a
//! full parse, so the blocks and headings are always those of a whole-document parse.
//!
//! A tree-sitter tree takes about 57 bytes per byte of text, so a chunk keeps its tree
//! only while it is among the [`KEEP`] most recently edited ones (or when the whole
//! document has no more chunks than that). Every chunk keeps a [`Summary`]: what the
//! analysis reads of it (prose blocks, headings, code blocks, table rows, front matter),
//! taken from its tree when it is parsed. An edit in a chunk without a tree parses that
//! chunk afresh.

use std::ops::Range;
use std::sync::Arc;

use tree_sitter::{InputEdit, Node, Point};

use crate::{Heading, TextBlock};

/// The smallest chunk worth a tree of its own, in bytes.
pub const TARGET: usize = 8 * 1024;

/// How many chunks keep their tree-sitter tree: the most recently edited ones.
pub const KEEP: usize = 4;

/// What the analysis reads of one chunk, with offsets relative to the chunk's start (so
/// that an edit before it moves nothing).
#[derive(Default, Debug, PartialEq, Eq)]
pub(crate) struct Summary {
    /// Prose blocks, in order.
    pub blocks: Vec<TextBlock>,
    /// Headings, in order.
    pub headings: Vec<Heading>,
    /// Fenced and indented code blocks, in order.
    pub code: Vec<Range<usize>>,
    /// Body rows of pipe tables: the row and its cells.
    pub rows: Vec<(Range<usize>, Vec<Range<usize>>)>,
    /// Pipe tables: the table and its header row's cells.
    pub tables: Vec<(Range<usize>, Vec<Range<usize>>)>,
    /// The front matter, if the chunk starts the document with one.
    pub front_matter: Option<Range<usize>>,
}

#[derive(Clone)]
pub(crate) struct Chunk {
    /// Kept only for recently edited chunks.
    pub tree: Option<tree_sitter::Tree>,
    pub summary: Arc<Summary>,
    pub range: Range<usize>,
    /// Length of the chunk's first line (its heading), which an edit must not touch.
    head: usize,
    dirty: bool,
    /// When it was last parsed (a tick of [`Tree::clock`]): the newest keep their trees.
    parsed_at: u64,
}

/// The block tree of a document.
#[derive(Clone)]
pub struct Tree {
    pub(crate) chunks: Vec<Chunk>,
    /// An edit was recorded that only a full parse handles.
    all_dirty: bool,
    /// Counts reparses, to tell the most recently edited chunks.
    clock: u64,
}

impl std::fmt::Debug for Tree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ranges: Vec<&Range<usize>> = self.chunks.iter().map(|c| &c.range).collect();
        f.debug_struct("Tree").field("chunks", &ranges).finish()
    }
}

impl Tree {
    /// The index of the chunk holding `offset` (the last chunk for the end of the text).
    pub(crate) fn chunk_at(&self, offset: usize) -> usize {
        self.chunks
            .partition_point(|c| c.range.end <= offset)
            .min(self.chunks.len().saturating_sub(1))
    }

    /// How many chunks the document is parsed in.
    pub fn chunk_count(&self) -> usize {
        self.chunks.len()
    }

    /// How many chunks hold a tree-sitter tree now.
    pub fn trees_kept(&self) -> usize {
        self.chunks.iter().filter(|c| c.tree.is_some()).count()
    }

    /// Drops every tree-sitter tree: views keep working from the summaries, and the next
    /// edit of a chunk parses it afresh. For tests and for documents nobody edits.
    pub fn drop_trees(&mut self) {
        for chunk in &mut self.chunks {
            chunk.tree = None;
        }
    }

    /// Keeps the trees of the [`KEEP`] most recently parsed chunks.
    fn drop_old_trees(&mut self) {
        let mut kept: Vec<u64> = self
            .chunks
            .iter()
            .filter(|c| c.tree.is_some())
            .map(|c| c.parsed_at)
            .collect();
        if kept.len() <= KEEP {
            return;
        }
        kept.sort_unstable_by(|a, b| b.cmp(a));
        let oldest_kept = kept[KEEP - 1];
        for chunk in &mut self.chunks {
            if chunk.parsed_at < oldest_kept {
                chunk.tree = None;
            }
        }
    }
}

/// Reads what the analysis needs from the tree of the chunk `range`, in one walk. The
/// views it gives are those of `collect_blocks`, `collect_headings` and the old tree
/// walks, which the tests keep and compare with it.
fn summarize(tree: &tree_sitter::Tree, text: &str, range: &Range<usize>) -> Summary {
    let mut walk = SummaryWalk {
        start: range.start,
        text,
        acc: Summary::default(),
    };
    let mut cursor = tree.walk();
    walk.visit(&mut cursor, crate::Ctx::default(), [None, None]);
    let mut acc = walk.acc;
    if range.start == 0 {
        acc.front_matter = crate::front_matter_node(tree.root_node());
    }
    acc
}

struct SummaryWalk<'a> {
    start: usize,
    text: &'a str,
    acc: Summary,
}

impl SummaryWalk<'_> {
    /// Chunk-relative; wrapping, so that even a node outside its chunk (tree-sitter never
    /// gives one) comes back exactly through `moved` instead of panicking.
    fn rel(&self, r: Range<usize>) -> Range<usize> {
        r.start.wrapping_sub(self.start)..r.end.wrapping_sub(self.start)
    }

    fn visit<'t>(
        &mut self,
        cursor: &mut tree_sitter::TreeCursor<'t>,
        mut ctx: crate::Ctx,
        ancestors: [Option<Node<'t>>; 2],
    ) {
        let node = cursor.node();
        let kind = node.kind();
        if let Some(block_kind) = crate::text_block_kind(node, ancestors) {
            // Continuation markers are the block's children: read them with this cursor
            // rather than a new one per block.
            let mut continuations = Vec::new();
            if cursor.goto_first_child() {
                loop {
                    let child = cursor.node();
                    if child.kind() == "block_continuation" && !child.byte_range().is_empty() {
                        continuations.push(self.rel(child.byte_range()));
                    }
                    if !cursor.goto_next_sibling() {
                        break;
                    }
                }
                cursor.goto_parent();
            }
            self.acc.blocks.push(TextBlock {
                kind: block_kind,
                range: self.rel(node.byte_range()),
                continuations,
                quoted: ctx.quoted,
                in_list: ctx.in_list,
            });
            return;
        }
        match kind {
            "fenced_code_block" | "indented_code_block" => {
                self.acc.code.push(self.rel(node.byte_range()));
                return;
            }
            _ if crate::is_opaque(kind) => return,
            "atx_heading" | "setext_heading" => {
                let mut h = crate::heading(node, self.text);
                h.range = self.rel(h.range);
                h.title = self.rel(h.title);
                self.acc.headings.push(h);
            }
            "pipe_table_row" | "pipe_table_header" => {
                let mut c = node.walk();
                let cells = node
                    .children(&mut c)
                    .filter(|c| c.kind() == "pipe_table_cell")
                    .map(|c| self.rel(c.byte_range()))
                    .collect();
                match ancestors[0].filter(|_| kind == "pipe_table_header") {
                    Some(table) => self.acc.tables.push((self.rel(table.byte_range()), cells)),
                    None => self.acc.rows.push((self.rel(node.byte_range()), cells)),
                }
            }
            "block_quote" => ctx.quoted = true,
            "list_item" => ctx.in_list = true,
            _ => {}
        }
        if cursor.goto_first_child() {
            loop {
                self.visit(cursor, ctx, [Some(node), ancestors[0]]);
                if !cursor.goto_next_sibling() {
                    break;
                }
            }
            cursor.goto_parent();
        }
    }
}

/// A parsed chunk: its summary, and its tree when it is kept.
fn chunk(
    tree: tree_sitter::Tree,
    text: &str,
    range: Range<usize>,
    keep: bool,
    parsed_at: u64,
) -> Chunk {
    let summary = Arc::new(summarize(&tree, text, &range));
    Chunk {
        tree: keep.then_some(tree),
        summary,
        head: first_line(text, range.start),
        range,
        dirty: false,
        parsed_at,
    }
}

/// Parses `text` from scratch, in chunks.
pub(crate) fn parse_full(text: &str) -> Tree {
    let cuts = cuts(text);
    let mut starts: Vec<usize> = vec![0];
    for cut in cuts {
        if cut - starts[starts.len() - 1] >= TARGET && text.len() - cut >= TARGET / 2 {
            starts.push(cut);
        }
    }
    // Rows of the starts (line starts, so column 0), counted in one pass.
    let mut rows = Vec::with_capacity(starts.len());
    let (mut row, mut counted) = (0, 0);
    for &start in &starts {
        row += memchr_count(&text.as_bytes()[counted..start]);
        counted = start;
        rows.push(Point { row, column: 0 });
    }
    let end_point = point_at(text, text.len());
    let span = |i: usize, end_index: usize| {
        let end = starts.get(end_index).copied().unwrap_or(text.len());
        let points = (rows[i], rows.get(end_index).copied().unwrap_or(end_point));
        (starts[i]..end, points)
    };
    // A short document keeps all its trees; a long one none until it is edited.
    let keep = starts.len() <= KEEP;
    // Each chunk on its own, on every core for a long document; its tree is summarized
    // and dropped at once, so that a long document never holds all of its trees.
    let mut first_try: Vec<Option<(Chunk, bool)>> =
        parallel_map(starts.len(), text.len() >= PARALLEL_BYTES, |i| {
            let (range, points) = span(i, i + 1);
            let tree = parse_range(text, range.clone(), points, None);
            let clean = range.end == text.len() || ends_cleanly(&tree, text);
            // A chunk that does not end cleanly is parsed again with the next one.
            let chunk = if clean {
                chunk(tree, text, range, keep, 0)
            } else {
                Chunk {
                    tree: None,
                    summary: Arc::default(),
                    head: 0,
                    range,
                    dirty: false,
                    parsed_at: 0,
                }
            };
            (chunk, clean)
        })
        .into_iter()
        .map(Some)
        .collect();
    let mut chunks: Vec<Chunk> = Vec::with_capacity(starts.len());
    let mut i = 0;
    while i < starts.len() {
        if let Some((chunk, true)) = first_try[i].take() {
            chunks.push(chunk);
            i += 1;
            continue;
        }
        let mut end_index = i + 2;
        loop {
            let (range, points) = span(i, end_index);
            let parsed = parse_range(text, range.clone(), points, None);
            if range.end == text.len() || ends_cleanly(&parsed, text) {
                chunks.push(chunk(parsed, text, range, keep, 0));
                break;
            }
            // The chunk ends inside a fence or raw HTML: the cut was wrong, take the next too
            // (after a few tries, the rest of the text, so this never turns quadratic).
            end_index = if end_index - i >= 4 {
                starts.len()
            } else {
                end_index + 1
            };
        }
        i = end_index;
    }
    Tree {
        chunks,
        all_dirty: false,
        clock: 0,
    }
}

/// Documents at least this long are parsed on several threads.
const PARALLEL_BYTES: usize = 64 * 1024;

/// `f(0..n)` in order, split over the available cores (at most four) when `parallel`.
/// Chunks are independent, so the analysis uses it too.
pub fn parallel_map<T: Send>(n: usize, parallel: bool, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = if parallel {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(4)
    } else {
        1
    };
    if threads <= 1 || n < 2 {
        return (0..n).map(f).collect();
    }
    let per = n.div_ceil(threads);
    std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> = (0..n)
            .step_by(per)
            .map(|start| {
                scope.spawn(move || (start..(start + per).min(n)).map(f).collect::<Vec<T>>())
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(part) => part,
                // A panic in a parse thread is a bug; surface it on this thread.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

/// Records an edit: the chunk it falls in is reparsed next time, later chunks move.
pub(crate) fn edit(tree: &mut Tree, edit: &InputEdit) {
    if tree.all_dirty || tree.chunks.is_empty() {
        tree.all_dirty = true;
        return;
    }
    let start = edit.start_byte;
    let k = tree
        .chunks
        .partition_point(|c| c.range.end <= start)
        .min(tree.chunks.len() - 1);
    let chunk = &tree.chunks[k];
    let at_end = k + 1 == tree.chunks.len();
    if (k > 0 && start < chunk.range.start + chunk.head)
        || (edit.old_end_byte > chunk.range.end)
        || (edit.old_end_byte == chunk.range.end && !at_end)
    {
        tree.all_dirty = true;
        return;
    }
    let delta = edit.new_end_byte as isize - edit.old_end_byte as isize;
    for (j, chunk) in tree.chunks.iter_mut().enumerate().skip(k) {
        if let Some(t) = chunk.tree.as_mut() {
            t.edit(edit);
        }
        if j == k {
            chunk.range.end = (chunk.range.end as isize + delta) as usize;
            chunk.dirty = true;
        } else {
            chunk.range.start = (chunk.range.start as isize + delta) as usize;
            chunk.range.end = (chunk.range.end as isize + delta) as usize;
        }
    }
}

/// Reparses the chunks edits touched, or the whole text when that is the only safe way.
pub(crate) fn reparse(old: &Tree, text: &str) -> Tree {
    let consistent = old.chunks.last().is_some_and(|c| c.range.end == text.len());
    if old.all_dirty || !consistent {
        return parse_full(text);
    }
    let mut tree = old.clone();
    let last = tree.chunks.len() - 1;
    let mut reparsed = false;
    let mut clock = tree.clock;
    for (k, chunk) in tree.chunks.iter_mut().enumerate() {
        if !chunk.dirty {
            continue;
        }
        let Some(_) = text.get(chunk.range.clone()) else {
            return parse_full(text);
        };
        let points = (
            point_at(text, chunk.range.start),
            point_at(text, chunk.range.end),
        );
        // Incremental when the chunk still has its tree, afresh otherwise.
        let new = parse_range(text, chunk.range.clone(), points, chunk.tree.as_ref());
        let starts_with_heading = k == 0 || first_block_is_heading(&new);
        if !starts_with_heading || (k != last && !ends_cleanly(&new, text)) {
            return parse_full(text);
        }
        clock += 1;
        *chunk = self::chunk(new, text, chunk.range.clone(), true, clock);
        reparsed = true;
    }
    tree.clock = clock;
    if reparsed {
        tree.drop_old_trees();
    }
    tree
}

fn first_line(text: &str, start: usize) -> usize {
    text[start..]
        .find('\n')
        .map_or(text.len() - start, |i| i + 1)
}

fn memchr_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

fn point_at(text: &str, offset: usize) -> Point {
    let before = &text.as_bytes()[..offset];
    let row = memchr_count(before);
    let column = offset
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
    Point { row, column }
}

/// Parses the bytes `range` of `text` with the block grammar; nodes carry offsets into
/// the whole text.
fn parse_range(
    text: &str,
    range: Range<usize>,
    (start_point, end_point): (Point, Point),
    old: Option<&tree_sitter::Tree>,
) -> tree_sitter::Tree {
    let whole = range.start == 0 && range.end == text.len();
    let included = tree_sitter::Range {
        start_byte: range.start,
        end_byte: range.end,
        start_point,
        end_point,
    };
    crate::with_block_parser(|parser| {
        // Setting ranges fails only for unordered or overlapping ranges; one range is neither.
        let _ = if whole {
            parser.set_included_ranges(&[])
        } else {
            parser.set_included_ranges(&[included])
        };
        let bytes = text.as_bytes();
        let tree = parser.parse_with_options(
            &mut |offset, _| bytes.get(offset..range.end.max(offset)).unwrap_or_default(),
            old,
            None,
        );
        let _ = parser.set_included_ranges(&[]);
        tree
    })
}

/// True when the chunk's text ends outside any fence or raw HTML block, so the next
/// chunk's heading is a heading in the whole document too.
fn ends_cleanly(tree: &tree_sitter::Tree, text: &str) -> bool {
    let mut node = tree.root_node();
    // The last top-level block: sections nest, so descend through them.
    loop {
        let Some(last) = last_named_child(node) else {
            return true;
        };
        if last.kind() == "section" {
            node = last;
            continue;
        }
        return match last.kind() {
            "fenced_code_block" => {
                let mut cursor = last.walk();
                last.children(&mut cursor)
                    .filter(|c| c.kind() == "fenced_code_block_delimiter")
                    .count()
                    >= 2
            }
            "html_block" => {
                let html = text.get(last.byte_range()).unwrap_or("").trim_start();
                let lower = html.get(..10).unwrap_or(html).to_ascii_lowercase();
                // Raw HTML that runs to its end marker, not to a blank line.
                !["<!--", "<script", "<pre", "<style", "<textarea", "<?", "<!"]
                    .iter()
                    .any(|p| lower.starts_with(p))
            }
            _ => true,
        };
    }
}

fn last_named_child(node: Node) -> Option<Node> {
    let n = node.named_child_count();
    (n > 0).then(|| node.named_child(n - 1)).flatten()
}

fn first_block_is_heading(tree: &tree_sitter::Tree) -> bool {
    let mut node = tree.root_node();
    loop {
        let Some(first) = node.named_child(0) else {
            return false;
        };
        match first.kind() {
            "section" => node = first,
            "atx_heading" => return true,
            _ => return false,
        }
    }
}

/// Offsets of lines where a chunk may start: `#` to `######` and a space at column 0,
/// after a blank line, outside fences, HTML comments, raw HTML and front matter.
fn cuts(text: &str) -> Vec<usize> {
    let mut res = Vec::new();
    let mut offset = 0;
    let mut fence: Option<(u8, usize)> = None;
    let mut raw_html: Option<&'static str> = None;
    let mut front_matter: Option<&str> = None;
    let mut prev_blank = true;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if n == 0 && (content == "---" || content == "+++") {
            front_matter = Some(if content == "---" { "---" } else { "+++" });
            continue;
        }
        if let Some(close) = front_matter {
            if content == close || (close == "---" && content == "...") {
                front_matter = None;
            }
            prev_blank = false;
            continue;
        }
        if let Some(end) = raw_html {
            if content.to_ascii_lowercase().contains(end) {
                raw_html = None;
            }
            prev_blank = false;
            continue;
        }
        let indent = content.len() - content.trim_start_matches(' ').len();
        let trimmed = &content[indent..];
        if let Some((ch, len)) = fence {
            let run = trimmed.bytes().take_while(|&b| b == ch).count();
            if indent <= 3 && run >= len && trimmed[run..].trim().is_empty() {
                fence = None;
            }
            prev_blank = false;
            continue;
        }
        let first = trimmed.bytes().next();
        if let Some(ch @ (b'`' | b'~')) = first {
            let run = trimmed.bytes().take_while(|&b| b == ch).count();
            if run >= 3 && (ch == b'~' || !trimmed[run..].contains('`')) {
                fence = Some((ch, run));
                prev_blank = false;
                continue;
            }
        }
        if first == Some(b'<') {
            let lower = trimmed.to_ascii_lowercase();
            let end = if lower.starts_with("<!--") {
                Some("-->")
            } else if lower.starts_with("<script") {
                Some("</script>")
            } else if lower.starts_with("<pre") {
                Some("</pre>")
            } else if lower.starts_with("<style") {
                Some("</style>")
            } else if lower.starts_with("<textarea") {
                Some("</textarea>")
            } else if lower.starts_with("<?") {
                Some("?>")
            } else if lower.starts_with("<!") {
                Some(">")
            } else {
                None
            };
            if let Some(end) = end {
                // The end marker may be on the opening line, after the opener.
                let opener = if end == "-->" { 4 } else { 2 };
                if !lower[opener.min(lower.len())..].contains(end) {
                    raw_html = Some(end);
                }
                prev_blank = false;
                continue;
            }
        }
        if indent == 0 && prev_blank && start > 0 {
            let hashes = content.bytes().take_while(|&b| b == b'#').count();
            if (1..=6).contains(&hashes) && content[hashes..].starts_with([' ', '\t']) {
                res.push(start);
            }
        }
        prev_blank = content.trim().is_empty();
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_only_where_blocks_restart() {
        let text = "---\n# not: front matter\n---\n# Title\n\n## A\n\ntext\n## B\n\n```\n\n# code\n```\n\n<!--\n\n# comment\n-->\n\n## C\n";
        let found: Vec<&str> = cuts(text)
            .into_iter()
            .map(|c| text[c..].lines().next().unwrap())
            .collect();
        assert_eq!(found, ["## A", "## C"]);
    }
}
