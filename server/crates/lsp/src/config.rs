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

    /// The diagnostics configuration these settings ask for, plus problems with them.
    pub fn diagnostics_config(&self) -> (ide::DiagnosticsConfig, Vec<String>) {
        let mut problems = Vec::new();
        let mut config = ide::DiagnosticsConfig::default();
        for (code, value) in &self.rules {
            if !ide::rules().any(|r| r.code == code) {
                problems.push(format!(
                    "unknown rule `{code}` in the settings; `tradeoff rules` lists them"
                ));
                continue;
            }
            let setting = match value.as_str() {
                "off" | "false" | "none" => None,
                name => {
                    match ide::Severity::from_name(name) {
                        Some(severity) => Some(severity),
                        None => {
                            problems.push(format!("rule `{code}`: `{name}` is not one of off, error, warning, info, hint"));
                            continue;
                        }
                    }
                }
            };
            config.rules.insert(code.clone(), setting);
        }
        let mut globs = globset::GlobSetBuilder::new();
        for glob in &self.design_docs {
            let pattern = if glob.starts_with('/') || glob.starts_with("**") {
                glob.clone()
            } else {
                format!("**/{glob}")
            };
            match globset::Glob::new(&pattern) {
                Ok(it) => {
                    globs.add(it);
                }
                Err(err) => problems.push(format!("design doc glob `{glob}`: {err}")),
            }
        }
        config.design_docs = globs.build().unwrap_or_default();
        (config, problems)
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
        let (s, p) = Settings::from_json(
            &serde_json::json!({"tradeoff": {"rules": {"missing-tradeoffs": "off"}}}),
        );
        assert!(p.is_empty());
        let (config, problems) = s.diagnostics_config();
        assert!(problems.is_empty());
        assert_eq!(config.rules.get("missing-tradeoffs"), Some(&None));

        let (s, _) = Settings::from_json(
            &serde_json::json!({"rules": {"nope": "error", "missing-tradeoffs": "loud"}}),
        );
        let (_, problems) = s.diagnostics_config();
        assert_eq!(problems.len(), 2, "{problems:?}");

        let (s, p) = Settings::from_json(&serde_json::json!({"knowledge": 3}));
        assert_eq!(s, Settings::default());
        assert_eq!(p.len(), 1);
    }
}
