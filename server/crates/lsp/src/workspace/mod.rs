//! The workspace index: for every markdown file under the workspace folders, its headings,
//! the glossary terms it defines and the concepts it mentions, with LSP ranges.
//!
//! It answers find references, workspace symbols, the "discussed in" part of a hover and
//! the glossary layer of the knowledge. Files are indexed in the background after
//! `initialized` (those that define glossaries first, so mentions of glossary terms are
//! found), re-read when the client reports them changed on disk, and taken from the
//! editor's copy while they are open: an open document is re-indexed when a workspace
//! query needs it and its text changed since.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::RwLock;

use ropey::Rope;
use tower_lsp_server::ls_types as lsp;

use crate::line_index::{self, Encoding};

/// Markdown files over this size are not indexed (the review limit, by default).
pub const MAX_FILE_BYTES: u64 = ide::DEFAULT_MAX_REVIEW_BYTES as u64;
/// At most this many files are indexed per workspace.
pub const MAX_FILES: usize = 20_000;

mod scan;

pub(crate) use scan::schedule_rescan;

/// A file the client reported changed on disk, waiting to be indexed.
#[derive(Debug, Clone)]
pub struct ChangedFile {
    /// The file.
    pub path: PathBuf,
    /// It was deleted (else created or changed).
    pub deleted: bool,
}

/// What the index knows of one file.
#[derive(Debug, Default)]
pub struct FileIndex {
    /// The editor's version when the file is open, `None` for the copy on disk.
    pub version: Option<i32>,
    /// Its headings.
    pub headings: Vec<Heading>,
    /// Glossary terms the file defines, with the range of each term.
    pub glossary: Vec<(ide::GlossaryItem, lsp::Range)>,
    /// The knowledge entries of those terms.
    pub entries: Vec<knowledge::Entry>,
    /// Mentions of concepts: the entry ids and the range.
    pub mentions: Vec<(Vec<Box<str>>, lsp::Range)>,
}

/// A heading of an indexed file.
#[derive(Debug, Clone)]
pub struct Heading {
    /// 1 for `#`, up to 6.
    pub level: u8,
    /// Its text.
    pub title: String,
    /// The range of its text.
    pub range: lsp::Range,
}

/// A heading that matches a workspace-symbol query.
#[derive(Debug, Clone)]
pub struct HeadingMatch {
    /// The file it is in.
    pub file: PathBuf,
    /// Its text.
    pub title: String,
    /// The range of its text.
    pub range: lsp::Range,
}

/// The index of all workspace files.
#[derive(Default)]
pub struct Workspace {
    files: RwLock<BTreeMap<PathBuf, FileIndex>>,
}

/// Markdown files under `roots`, as `tradeoff check` walks them
/// ([`load::walk::markdown_files`]), minus those over [`MAX_FILE_BYTES`], at most
/// [`MAX_FILES`].
pub fn markdown_files(roots: &[PathBuf]) -> Vec<PathBuf> {
    let mut res = Vec::new();
    for root in roots {
        let walked = match load::walk::markdown_files(root) {
            Ok(it) => it,
            Err(err) => {
                tracing::warn!("not indexing {}: {err}", root.display());
                continue;
            }
        };
        for path in walked.files {
            if std::fs::metadata(&path).is_ok_and(|m| m.len() <= MAX_FILE_BYTES) {
                res.push(path);
                if res.len() >= MAX_FILES {
                    tracing::warn!("indexing the first {MAX_FILES} markdown files only");
                    return res;
                }
            }
        }
    }
    res
}

/// The path string `ide` uses for a file.
pub fn path_str(path: &Path) -> std::sync::Arc<str> {
    path.to_string_lossy().replace('\\', "/").into()
}

/// The glossary part of a file's index: what it defines. `base` is the knowledge without
/// glossaries, to link a glossary term to the entry it shadows.
pub fn index_glossary(
    base: &ide::Analysis,
    doc: &ide::Document,
    rope: &Rope,
    encoding: Encoding,
    into: &mut FileIndex,
) {
    let items = base.glossary(doc);
    let path = doc.path.as_deref().unwrap_or("");
    into.entries = ide::glossary_entries(base.knowledge(), path, &doc.text, &items);
    into.glossary = items
        .into_iter()
        .map(|item| {
            let range = line_index::range(rope, item.range.clone(), encoding);
            (item, range)
        })
        .collect();
}

/// The rest of a file's index: headings and mentions, found with `analysis` (which
/// includes the glossaries).
pub fn index_mentions(
    analysis: &ide::Analysis,
    doc: &ide::Document,
    rope: &Rope,
    encoding: Encoding,
    into: &mut FileIndex,
) {
    into.headings = analysis
        .outline(doc)
        .into_iter()
        .map(|h| {
            let range = line_index::range(rope, h.selection, encoding);
            Heading {
                level: h.level,
                title: h.title,
                range,
            }
        })
        .collect();
    let kb = analysis.knowledge();
    into.mentions = analysis
        .terms(doc, 0..doc.text.len())
        .into_iter()
        .map(|t| {
            let ids = t.entries.iter().map(|&e| kb.entry(e).id.clone()).collect();
            (ids, line_index::range(rope, t.range, encoding))
        })
        .collect();
}

impl Workspace {
    /// Stores (or replaces) a file's index.
    pub fn insert(&self, path: PathBuf, index: FileIndex) {
        if let Ok(mut files) = self.files.write() {
            files.insert(path, index);
        }
    }

    /// True when the file's indexed glossary defines exactly `glossary` (names and
    /// definitions).
    pub fn same_glossary(&self, path: &Path, glossary: &[(ide::GlossaryItem, lsp::Range)]) -> bool {
        let Ok(files) = self.files.read() else {
            return false;
        };
        let old = files.get(path).map_or(&[][..], |f| &f.glossary[..]);
        old.len() == glossary.len()
            && old.iter().zip(glossary).all(|((a, _), (b, _))| {
                a.term == b.term && a.aliases == b.aliases && a.definition == b.definition
            })
    }

    /// Keeps only the files `keep` accepts.
    pub fn retain(&self, keep: impl Fn(&Path) -> bool) {
        if let Ok(mut files) = self.files.write() {
            files.retain(|p, _| keep(p));
        }
    }

    /// Forgets a file; true when it defined glossary terms.
    pub fn remove(&self, path: &Path) -> bool {
        self.files
            .write()
            .ok()
            .and_then(|mut files| files.remove(path))
            .is_some_and(|f| !f.glossary.is_empty())
    }

    /// The version of an open file's index.
    pub fn version(&self, path: &Path) -> Option<Option<i32>> {
        self.files.read().ok()?.get(path).map(|f| f.version)
    }

    /// Every glossary entry of the workspace, files in path order.
    pub fn glossary_entries(&self) -> Vec<knowledge::Entry> {
        let Ok(files) = self.files.read() else {
            return Vec::new();
        };
        files
            .values()
            .flat_map(|f| f.entries.iter().cloned())
            .collect()
    }

    /// Where a glossary term is defined: the file and the term's range.
    pub fn glossary_location(&self, file: &Path, term: &str) -> Option<lsp::Range> {
        let files = self.files.read().ok()?;
        let index = files.get(file)?;
        index
            .glossary
            .iter()
            .find(|(g, _)| g.term == term)
            .map(|(_, range)| *range)
    }

    /// Every mention of any of `ids`, by file.
    pub fn mentions(&self, ids: &[&str]) -> Vec<(PathBuf, Vec<lsp::Range>)> {
        let Ok(files) = self.files.read() else {
            return Vec::new();
        };
        files
            .iter()
            .filter_map(|(path, f)| {
                let ranges: Vec<lsp::Range> = f
                    .mentions
                    .iter()
                    .filter(|(e, _)| e.iter().any(|id| ids.contains(&&**id)))
                    .map(|(_, r)| *r)
                    .collect();
                (!ranges.is_empty()).then(|| (path.clone(), ranges))
            })
            .collect()
    }

    /// Headings whose title contains the letters of `query` in order (case-insensitive),
    /// at most `limit`.
    pub fn headings(&self, query: &str, limit: usize) -> Vec<HeadingMatch> {
        let Ok(files) = self.files.read() else {
            return Vec::new();
        };
        let query: Vec<char> = query
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let mut res = Vec::new();
        for (path, f) in files.iter() {
            for heading in &f.headings {
                if subsequence(&query, &heading.title) {
                    res.push(HeadingMatch {
                        file: path.clone(),
                        title: heading.title.clone(),
                        range: heading.range,
                    });
                    if res.len() >= limit {
                        return res;
                    }
                }
            }
        }
        res
    }

    /// How many files are indexed.
    pub fn len(&self) -> usize {
        self.files.read().map_or(0, |f| f.len())
    }

    /// True when no file is indexed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn subsequence(query: &[char], title: &str) -> bool {
    let mut want = query.iter().peekable();
    for c in title.chars().flat_map(char::to_lowercase) {
        if want.peek() == Some(&&c) {
            want.next();
        }
    }
    want.peek().is_none()
}

/// One file of the hover's "discussed in" line.
#[derive(Debug, Clone, PartialEq)]
pub struct Discussion {
    /// The file.
    pub file: PathBuf,
    /// Its first mention.
    pub first: lsp::Range,
    /// How many mentions it has.
    pub count: usize,
}

/// Groups mentions for the hover's "discussed in" line: files other than `except`, most
/// mentions first.
pub fn discussed_in(
    mentions: Vec<(PathBuf, Vec<lsp::Range>)>,
    except: Option<&Path>,
) -> Vec<Discussion> {
    let mut res: Vec<Discussion> = mentions
        .into_iter()
        .filter(|(p, _)| Some(p.as_path()) != except)
        .filter_map(|(file, ranges)| {
            Some(Discussion {
                file,
                first: *ranges.first()?,
                count: ranges.len(),
            })
        })
        .collect();
    res.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.file.cmp(&b.file)));
    res
}

/// A file's path for display: relative to the first root that contains it.
pub fn display_path(path: &Path, roots: &[PathBuf]) -> String {
    roots
        .iter()
        .find_map(|r| path.strip_prefix(r).ok())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Counts for tests and logs.
pub fn summary(workspace: &Workspace) -> HashMap<&'static str, usize> {
    let mut res = HashMap::new();
    if let Ok(files) = workspace.files.read() {
        res.insert("files", files.len());
        res.insert(
            "glossary terms",
            files.values().map(|f| f.glossary.len()).sum(),
        );
        res.insert("mentions", files.values().map(|f| f.mentions.len()).sum());
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The editor's index and `tradeoff check` walk with the same walker: the same files,
    /// `exclude` and `.gitignore` (outside git too) honoured.
    #[test]
    fn the_index_sees_the_files_check_sees() {
        let dir = std::env::temp_dir().join(format!("tradeoff-index-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, text) in [
            ("tradeoff.toml", "exclude = [\"notes/**\"]\n"),
            (".gitignore", "build/\n"),
            ("rfc.md", "# RFC\n"),
            ("notes/n.md", "# N\n"),
            ("build/b.md", "# B\n"),
            ("docs/adr.markdown", "# ADR\n"),
        ] {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let mut index = markdown_files(std::slice::from_ref(&dir));
        let mut check = load::walk::markdown_files(&dir).unwrap().files;
        let _ = std::fs::remove_dir_all(&dir);
        index.sort();
        check.sort();
        assert_eq!(index, check);
        let names: Vec<_> = index
            .iter()
            .map(|p| p.strip_prefix(&dir).unwrap())
            .collect();
        assert_eq!(names, [Path::new("docs/adr.markdown"), Path::new("rfc.md")]);
    }

    #[test]
    fn subsequence_matches_letters_in_order() {
        let q: Vec<char> = "altcons".chars().collect();
        assert!(subsequence(&q, "Alternatives considered"));
        assert!(!subsequence(&q, "Considered alternatives"));
        assert!(subsequence(&[], "anything"));
    }
}
