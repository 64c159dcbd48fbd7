//! Settings a client sends: in `initializationOptions`, in `workspace/didChangeConfiguration`
//! and in answers to `workspace/configuration`, under a `tradeoff` key or at the top level.
//!
//! ```json
//! { "tradeoff": { "knowledge": ["docs/glossary"], "rules": { "missing-tradeoffs": "error" },
//!                 "designDocs": ["docs/proposals/**"] } }
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The settings, as the client sent them.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// Extra knowledge directories, absolute or relative to the first workspace root.
    pub knowledge: Vec<String>,
    /// Rule code to severity (`error`, `warning`, `info`, `hint`) or `off`.
    pub rules: HashMap<String, String>,
    /// Globs of paths that are design docs.
    pub design_docs: Vec<String>,
    /// Documents larger than this many bytes are not reviewed.
    pub max_review_size: Option<usize>,
}

impl Settings {
    /// Reads settings from any JSON value the client sent; unknown or malformed parts are
    /// reported and ignored.
    pub fn from_json(value: &serde_json::Value) -> (Settings, Vec<String>) {
        let value = value.get("tradeoff").unwrap_or(value);
        if value.is_null() {
            return (Settings::default(), Vec::new());
        }
        match Settings::deserialize(value) {
            Ok(it) => (it, Vec::new()),
            Err(err) => (
                Settings::default(),
                vec![format!("ignoring the tradeoff settings: {err}")],
            ),
        }
    }

    /// The settings as the project loader takes them, with relative paths and globs
    /// resolved against `root`.
    pub fn base_settings(&self, root: Option<&Path>) -> load::project::BaseSettings {
        let design_docs = self
            .design_docs
            .iter()
            .map(|glob| match root {
                Some(root) => load::project::root_glob(root, glob),
                None if glob.starts_with('/') || glob.starts_with("**") => glob.clone(),
                None => format!("**/{glob}"),
            })
            .collect();
        load::project::BaseSettings {
            knowledge_dirs: self.knowledge_dirs(root),
            rules: self
                .rules
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            design_docs,
            max_review_bytes: self.max_review_size,
        }
    }

    /// The knowledge directories as paths, resolved against `root`.
    pub fn knowledge_dirs(&self, root: Option<&Path>) -> Vec<PathBuf> {
        self.knowledge
            .iter()
            .map(|dir| {
                let path = PathBuf::from(dir);
                match root {
                    Some(root) if path.is_relative() => root.join(path),
                    _ => path,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nested_or_flat_and_reports_bad_values() {
        let value = serde_json::json!({"tradeoff": {"rules": {"missing-tradeoffs": "off"}, "designDocs": ["docs/*.md"]}});
        let (s, p) = Settings::from_json(&value);
        assert!(p.is_empty());
        let base = s.base_settings(Some(Path::new("/repo")));
        assert_eq!(
            base.rules.get("missing-tradeoffs").map(String::as_str),
            Some("off")
        );
        assert_eq!(base.design_docs, ["/repo/docs/*.md"]);

        let (s, p) = Settings::from_json(&serde_json::json!({"knowledge": 3}));
        assert_eq!(s, Settings::default());
        assert_eq!(p.len(), 1);
    }
}
