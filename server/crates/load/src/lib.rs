//! The only I/O below Tradeoff's binaries: the bundled knowledge base and the user's
//! knowledge directories, handed to [`knowledge::KnowledgeBase::build`] as plain data.
//!
//! The bundled entries are compiled into the binary by `build.rs`, so `tradeoff` runs
//! with no files beside it. Knowledge directories are walked with the `ignore` crate
//! (hidden files and `.gitignore`d files are skipped, symbolic links are not followed).
//! [`project`] finds and reads `tradeoff.toml` and builds the analysis for a document.

#![deny(missing_docs)]

use std::path::{Path, PathBuf};

use knowledge::{EntryError, KnowledgeBase, KnowledgeFile, Origin};

pub mod project;
pub mod walk;

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

/// Files over this size in a knowledge directory are skipped: an entry is a page, not a book.
pub const MAX_ENTRY_BYTES: u64 = 256 * 1024;

/// The bundled knowledge files.
pub fn bundled_files() -> Vec<KnowledgeFile> {
    bundled::BUNDLED
        .iter()
        .map(|(path, text)| KnowledgeFile::new(*path, *text, Origin::Bundled))
        .collect()
}

/// The directory the bundled entries are written to so that editors can open them (go to
/// definition, workspace symbols): `$TRADEOFF_CACHE_DIR`, else `$XDG_CACHE_HOME/tradeoff`,
/// else `~/.cache/tradeoff`, then `<version>/knowledge`. Files are written once per process
/// and only when missing or different, read-only, as they are a copy, not the source.
/// `None` when no directory can be written (the reason is logged).
pub fn bundled_dir() -> Option<&'static Path> {
    static DIR: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let base = std::env::var_os("TRADEOFF_CACHE_DIR")
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("tradeoff"))
            })
            .or_else(|| {
                std::env::var_os("HOME").map(|d| PathBuf::from(d).join(".cache/tradeoff"))
            })?;
        let dir = base.join(env!("CARGO_PKG_VERSION")).join("knowledge");
        match write_bundled(&dir) {
            Ok(()) => Some(dir),
            Err(err) => {
                tracing::warn!(
                    "cannot write the bundled knowledge to {}: {err}",
                    dir.display()
                );
                None
            }
        }
    })
    .as_deref()
}

fn write_bundled(dir: &Path) -> std::io::Result<()> {
    for (path, text) in bundled::BUNDLED {
        let file = dir.join(path);
        if std::fs::read(&file).is_ok_and(|old| old == text.as_bytes()) {
            continue;
        }
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if file.exists() {
            let mut perms = std::fs::metadata(&file)?.permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            perms.set_readonly(false);
            std::fs::set_permissions(&file, perms)?;
        }
        std::fs::write(&file, text)?;
        let mut perms = std::fs::metadata(&file)?.permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&file, perms)?;
    }
    Ok(())
}

/// The file an entry can be opened at: its own file, or its copy in [`bundled_dir`].
pub fn entry_file(entry: &knowledge::Entry) -> Option<PathBuf> {
    match &entry.file {
        Some(file) => Some(PathBuf::from(&**file)),
        None => bundled_dir().map(|dir| dir.join(&*entry.path)),
    }
}

/// A problem found while loading knowledge: a file that could not be read, or a bad entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadProblem {
    /// The file on disk, when there is one (bundled entries have none).
    pub file: Option<PathBuf>,
    /// The path relative to its knowledge directory.
    pub path: String,
    /// 1-based line, 0 when the problem concerns the whole file.
    pub line: u32,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for LoadProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = self.file.as_ref().map_or_else(
            || format!("knowledge/{}", self.path),
            |it| it.display().to_string(),
        );
        if self.line > 0 {
            write!(f, "{shown}:{}: {}", self.line, self.message)
        } else {
            write!(f, "{shown}: {}", self.message)
        }
    }
}

/// Reads every `.md` file below `dir` as a user knowledge file.
pub fn read_knowledge_dir(dir: &Path) -> (Vec<KnowledgeFile>, Vec<LoadProblem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    if !dir.is_dir() {
        problems.push(LoadProblem {
            file: Some(dir.to_owned()),
            path: String::new(),
            line: 0,
            message: "not a directory; check the `knowledge` setting".into(),
        });
        return (files, problems);
    }
    let walker = ignore::WalkBuilder::new(dir)
        .follow_links(false)
        .require_git(false)
        .build();
    for item in walker {
        let item = match item {
            Ok(it) => it,
            Err(err) => {
                problems.push(LoadProblem {
                    file: Some(dir.to_owned()),
                    path: String::new(),
                    line: 0,
                    message: err.to_string(),
                });
                continue;
            }
        };
        let path = item.path();
        if !item.file_type().is_some_and(|t| t.is_file())
            || path.extension().is_none_or(|e| e != "md")
        {
            continue;
        }
        if path.file_name().is_some_and(|n| n == "README.md") {
            continue;
        }
        let rel = path
            .strip_prefix(dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let problem = |message: String| LoadProblem {
            file: Some(path.to_owned()),
            path: rel.clone(),
            line: 0,
            message,
        };
        match item.metadata() {
            Ok(meta) if meta.len() > MAX_ENTRY_BYTES => {
                problems.push(problem(format!(
                    "skipped: {} bytes is over the {MAX_ENTRY_BYTES}-byte limit for an entry",
                    meta.len()
                )));
                continue;
            }
            _ => {}
        }
        match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    let mut file = KnowledgeFile::new(rel.clone(), text, Origin::User);
                    file.root = Some(dir.to_string_lossy().into_owned());
                    files.push(file);
                }
                Err(_) => problems.push(problem("skipped: not UTF-8 text".into())),
            },
            Err(err) => problems.push(problem(format!("cannot read: {err}"))),
        }
    }
    (files, problems)
}

/// The bundled knowledge plus every directory in `dirs`, later directories first in
/// precedence after the bundled entries. Never fails: problems are returned.
pub fn knowledge_base(dirs: &[PathBuf]) -> (KnowledgeBase, Vec<LoadProblem>) {
    let mut files = bundled_files();
    let mut problems = Vec::new();
    for dir in dirs {
        let (more, errs) = read_knowledge_dir(dir);
        files.extend(more);
        problems.extend(errs);
    }
    let roots: Vec<(String, Option<String>)> = files
        .iter()
        .map(|f| (f.path.clone(), f.root.clone()))
        .collect();
    let (kb, errors) = KnowledgeBase::build(files);
    problems.extend(errors.into_iter().map(|e| entry_problem(e, &roots)));
    (kb, problems)
}

fn entry_problem(err: EntryError, roots: &[(String, Option<String>)]) -> LoadProblem {
    let root = roots
        .iter()
        .rev()
        .find(|(p, _)| **p == *err.path)
        .and_then(|(_, r)| r.clone());
    LoadProblem {
        file: root.map(|r| Path::new(&r).join(&*err.path)),
        path: err.path.to_string(),
        line: err.line,
        message: err.message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_entries_know_their_file() {
        let dir = std::env::temp_dir().join(format!("tradeoff-load-file-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(
            dir.join("sub/hot-shard.md"),
            "+++\nterm = \"Hot shard\"\ncategory = \"ours\"\n+++\nA busy shard.\n",
        )
        .unwrap();
        let (kb, problems) = knowledge_base(std::slice::from_ref(&dir));
        assert!(problems.is_empty(), "{problems:?}");
        let entry = kb.by_id("hot-shard").unwrap();
        assert_eq!(entry_file(entry).unwrap(), dir.join("sub/hot-shard.md"));
        assert_eq!(entry.line, 2);
    }

    #[test]
    fn bundled_knowledge_is_valid() {
        let (kb, problems) = knowledge_base(&[]);
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            shown.is_empty(),
            "bundled knowledge has problems:\n{}",
            shown.join("\n")
        );
        assert!(
            kb.entries().len() >= 30,
            "only {} bundled entries",
            kb.entries().len()
        );
    }
}
