//! Test fixtures: one string holds the knowledge files and the document.
//!
//! `//- /knowledge/<name>.md` starts a knowledge entry, `//- /<path>` starts the
//! document (the last non-knowledge file), and `$0` marks the cursor. A fixture with no
//! knowledge files runs against the repository's bundled knowledge (`knowledge/`), so the
//! rules whose checks are the entries' facts are tested against the real entries.

use std::sync::Arc;

use knowledge::{KnowledgeBase, KnowledgeFile, Origin};

use crate::Analysis;
use crate::document::Document;

/// Parses a fixture into an analysis over its knowledge and its document.
pub fn parse(fixture: &str) -> (Analysis, Document) {
    let mut files: Vec<(String, String)> = Vec::new();
    for line in fixture.split_inclusive('\n') {
        if let Some(path) = line.strip_prefix("//- ") {
            files.push((path.trim().to_owned(), String::new()));
        } else if let Some((_, text)) = files.last_mut() {
            text.push_str(line);
        }
    }
    let mut knowledge = Vec::new();
    let mut doc = None;
    for (path, text) in files {
        match path.strip_prefix("/knowledge/") {
            Some(rel) => knowledge.push(KnowledgeFile::new(rel, text, Origin::Bundled)),
            None => doc = Some((path, text)),
        }
    }
    if knowledge.is_empty() {
        knowledge = bundled_knowledge();
    }
    let (kb, errors) = KnowledgeBase::build(knowledge);
    assert!(
        errors.is_empty(),
        "fixture knowledge has errors: {errors:?}"
    );
    let (path, text) = doc.unwrap_or_default();
    let doc = Document::new(text.into(), Some(path.into()));
    // Fixtures run every rule, including those off by default.
    let mut config = crate::DiagnosticsConfig::default();
    for rule in crate::rules().filter(|r| !r.default_enabled) {
        config
            .rules
            .insert(rule.code.to_owned(), Some(rule.default_severity));
    }
    (Analysis::new(Arc::new(kb)).with_config(config), doc)
}

/// The repository's `knowledge/` directory, read once.
fn bundled_knowledge() -> Vec<KnowledgeFile> {
    static FILES: std::sync::OnceLock<Vec<KnowledgeFile>> = std::sync::OnceLock::new();
    FILES
        .get_or_init(|| {
            let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../knowledge");
            let mut res = Vec::new();
            let mut dirs = vec![std::path::PathBuf::from(root)];
            while let Some(dir) = dirs.pop() {
                let Ok(read) = std::fs::read_dir(&dir) else {
                    continue;
                };
                for item in read.flatten() {
                    let path = item.path();
                    if path.is_dir() {
                        dirs.push(path);
                    } else if path.extension().is_some_and(|e| e == "md")
                        && path
                            .file_name()
                            .is_some_and(|n| n != "README.md" && n != "CHECKLIST.md")
                    {
                        let rel = path.strip_prefix(root).unwrap_or(&path);
                        let text = std::fs::read_to_string(&path).unwrap_or_default();
                        res.push(KnowledgeFile::new(
                            rel.to_string_lossy().replace('\\', "/"),
                            text,
                            Origin::Bundled,
                        ));
                    }
                }
            }
            res
        })
        .clone()
}

/// Like [`parse`], with the `$0` cursor removed from the document and returned.
pub fn with_cursor(fixture: &str) -> (Analysis, Document, usize) {
    let (analysis, doc) = parse(fixture);
    let offset = doc.text.find("$0").expect("the fixture has a $0 cursor");
    let text = doc.text.replacen("$0", "", 1);
    let doc = Document::new(text.into(), doc.path.clone());
    (analysis, doc, offset)
}
