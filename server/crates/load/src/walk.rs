//! The one markdown walker: `tradeoff check` and the editor's workspace index see the same
//! files under a folder.
//!
//! Rules: files ending in `.md` or `.markdown`; `.gitignore`d and hidden files skipped
//! (inside a git repository or not); symbolic links not followed; and the `exclude` globs
//! of the `tradeoff.toml` that governs the folder, relative to that file's directory.
//! Sizes are the caller's business: `check` reports a file over its limit, the editor
//! leaves it out of the index.

use std::path::{Path, PathBuf};

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walked {
    /// The markdown files, in walk order.
    pub files: Vec<PathBuf>,
    /// Directories that could not be read, loops, and the like: the walk went on.
    pub errors: Vec<String>,
}

/// The markdown files under `root`. Fails only when the governing `tradeoff.toml` has an
/// invalid `exclude` glob.
pub fn markdown_files(root: &Path) -> Result<Walked, String> {
    let excludes = excludes_for(root)?;
    let mut res = Walked::default();
    let walker = ignore::WalkBuilder::new(root)
        .follow_links(false)
        .require_git(false)
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(it) => it,
            Err(err) => {
                res.errors.push(err.to_string());
                continue;
            }
        };
        let path = entry.path();
        let markdown = path
            .extension()
            .is_some_and(|e| e == "md" || e == "markdown");
        if !markdown || !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        if excludes.as_ref().is_some_and(|(base, set)| {
            let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
            abs.strip_prefix(base).is_ok_and(|rel| set.is_match(rel))
        }) {
            continue;
        }
        res.files.push(path.to_owned());
    }
    Ok(res)
}

/// The `exclude` globs of the tradeoff.toml that governs `root`, and its directory.
fn excludes_for(root: &Path) -> Result<Option<(PathBuf, globset::GlobSet)>, String> {
    let abs = std::path::absolute(root).unwrap_or_else(|_| root.to_owned());
    let Some(config) = crate::project::find_config(&abs) else {
        return Ok(None);
    };
    let Ok(project) = crate::project::read_config(&config) else {
        return Ok(None);
    };
    if project.exclude.is_empty() {
        return Ok(None);
    }
    let mut builder = globset::GlobSetBuilder::new();
    for glob in &project.exclude {
        let glob = globset::Glob::new(glob)
            .map_err(|err| format!("{}: invalid exclude glob `{glob}`: {err}", config.display()))?;
        builder.add(glob);
    }
    let set = builder.build().map_err(|err| err.to_string())?;
    let base = config.parent().map(Path::to_owned).unwrap_or_default();
    Ok(Some((base, set)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gitignore_hidden_exclude_and_extensions() {
        let dir = std::env::temp_dir().join(format!("tradeoff-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, text) in [
            ("tradeoff.toml", "exclude = [\"drafts/**\"]\n"),
            (".gitignore", "vendor/\n"),
            ("a.md", "# A\n"),
            ("b.markdown", "# B\n"),
            ("c.txt", "C\n"),
            ("drafts/d.md", "# D\n"),
            ("vendor/e.md", "# E\n"),
            (".hidden/f.md", "# F\n"),
            ("docs/g.md", "# G\n"),
        ] {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let mut found: Vec<String> = markdown_files(&dir)
            .unwrap()
            .files
            .iter()
            .map(|p| {
                p.strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        found.sort();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(found, ["a.md", "b.markdown", "docs/g.md"]);
    }
}
