//! Project configuration: `tradeoff.toml`, found by walking up from a document, merged
//! over the editor's or command line's settings, and turned into an `ide::Analysis`.
//!
//! ```toml
//! knowledge = ["docs/glossary"]          # extra knowledge directories, relative to this file
//! design-docs = ["docs/proposals/**"]    # paths that are design docs, relative to this file
//! exclude = ["vendor/**"]                # paths `tradeoff check` skips
//! max-review-size = 4194304              # bytes; larger documents are not reviewed
//!
//! [rules]
//! missing-tradeoffs = "error"            # error, warning, info, hint or off
//! master-slave-terminology = "off"
//!
//! [sections.rfc]                         # rfc, adr or design: required sections
//! motivation = ["Motivation", "Why"]
//! tradeoffs = ["Drawbacks", "Alternatives"]
//! ```
//!
//! A config is re-read when its modification time or size changes, so edits apply without
//! a restart. A broken config is reported with its line, and the settings without it
//! stay in force.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use serde::Deserialize;

use crate::LoadProblem;

/// The file name looked for.
pub const CONFIG_FILE: &str = "tradeoff.toml";

/// The contents of a `tradeoff.toml`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ProjectConfig {
    /// Extra knowledge directories, relative to the config file.
    #[serde(default)]
    pub knowledge: Vec<String>,
    /// Globs of design-doc paths, relative to the config file.
    #[serde(default)]
    pub design_docs: Vec<String>,
    /// Globs of paths `tradeoff check` skips, relative to the config file.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Documents larger than this many bytes are not reviewed.
    #[serde(default)]
    pub max_review_size: Option<usize>,
    /// Rule code to severity or `off`.
    #[serde(default)]
    pub rules: BTreeMap<String, String>,
    /// Kind (`rfc`, `adr`, `design`) to required section name to accepted titles.
    #[serde(default)]
    pub sections: BTreeMap<String, BTreeMap<String, Vec<String>>>,
}

/// Settings that hold everywhere: from the editor or the command line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BaseSettings {
    /// Extra knowledge directories, absolute.
    pub knowledge_dirs: Vec<PathBuf>,
    /// Rule code to severity or `off`.
    pub rules: BTreeMap<String, String>,
    /// Globs of design-doc paths, absolute or starting with `**`.
    pub design_docs: Vec<String>,
    /// Documents larger than this many bytes are not reviewed.
    pub max_review_bytes: Option<usize>,
}

/// Reads and parses a config file. The error carries the line of the problem.
pub fn read_config(path: &Path) -> Result<ProjectConfig, LoadProblem> {
    let problem = |line: u32, message: String| LoadProblem {
        file: Some(path.to_owned()),
        path: CONFIG_FILE.into(),
        line,
        message,
    };
    let text =
        std::fs::read_to_string(path).map_err(|e| problem(0, format!("cannot read: {e}")))?;
    toml::from_str(&text).map_err(|e| {
        let line = e.span().map_or(0, |span| {
            text[..span.start.min(text.len())].matches('\n').count() + 1
        });
        problem(
            line as u32,
            format!(
                "{}; the settings without this file stay in force",
                e.message().trim_end()
            ),
        )
    })
}

/// The nearest `tradeoff.toml` in `dir` or a parent.
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(CONFIG_FILE))
        .find(|p| p.is_file())
}

/// Builds the diagnostics configuration from rule settings, design-doc globs (already
/// absolute or `**`-rooted) and required sections. Problems are returned as messages.
pub fn diagnostics_config(
    rules: &BTreeMap<String, String>,
    design_docs: &[String],
    sections: &BTreeMap<String, BTreeMap<String, Vec<String>>>,
) -> (ide::DiagnosticsConfig, Vec<String>) {
    let mut problems = Vec::new();
    let mut config = ide::DiagnosticsConfig::default();
    for (code, value) in rules {
        if !ide::rules().any(|r| r.code == code) {
            problems.push(format!(
                "unknown rule `{code}`; `tradeoff rules` lists them"
            ));
            continue;
        }
        let setting = match value.as_str() {
            "off" | "false" | "none" => None,
            name => match ide::Severity::from_name(name) {
                Some(severity) => Some(severity),
                None => {
                    problems.push(format!(
                        "rule `{code}`: `{name}` is not one of off, error, warning, info, hint"
                    ));
                    continue;
                }
            },
        };
        config.rules.insert(code.clone(), setting);
    }
    let mut globs = globset::GlobSetBuilder::new();
    for glob in design_docs {
        match globset::Glob::new(glob) {
            Ok(it) => {
                globs.add(it);
            }
            Err(err) => problems.push(format!("design-docs glob `{glob}`: {err}")),
        }
    }
    config.design_docs = globs.build().unwrap_or_default();
    for (kind, required) in sections {
        let kind = match kind.as_str() {
            "rfc" => ide::DocKind::Rfc,
            "adr" => ide::DocKind::Adr,
            "design" | "design-doc" => ide::DocKind::DesignDoc,
            other => {
                problems.push(format!(
                    "sections: `{other}` is not a kind of design doc (rfc, adr, design)"
                ));
                continue;
            }
        };
        let rules = required
            .iter()
            .map(|(name, accepted)| ide::SectionRule {
                name: name.clone(),
                accepted: if accepted.is_empty() {
                    vec![name.clone()]
                } else {
                    accepted.clone()
                },
            })
            .collect();
        config.sections.insert(kind, rules);
    }
    (config, problems)
}

/// A glob as written relative to `base`, made absolute (globs starting with `/` or `**`
/// stay as they are).
pub fn root_glob(base: &Path, glob: &str) -> String {
    if glob.starts_with('/') || glob.starts_with("**") {
        glob.to_owned()
    } else {
        let base = base.to_string_lossy().replace('\\', "/");
        format!(
            "{}/{}",
            base.trim_end_matches('/'),
            glob.trim_start_matches("./")
        )
    }
}

/// What a document is analysed with.
#[derive(Clone)]
pub struct Resolved {
    /// The analysis.
    pub analysis: ide::Analysis,
    /// The config file in force, if any.
    pub config: Option<PathBuf>,
    /// Problems with that config and the knowledge it names (empty when there are none).
    pub problems: Arc<Vec<LoadProblem>>,
}

struct Cached {
    stamp: (Option<SystemTime>, u64),
    resolved: Resolved,
}

/// The analyses of a workspace: one for documents without a `tradeoff.toml`, and one per
/// config file, rebuilt when the file changes.
pub struct Projects {
    base: BaseSettings,
    default: Resolved,
    cache: Mutex<HashMap<PathBuf, Cached>>,
    /// The workspace's glossary entries, laid over every project's knowledge.
    glossary: Mutex<Glossary>,
}

#[derive(Default)]
struct Glossary {
    generation: u64,
    entries: Arc<Vec<knowledge::Entry>>,
    /// Per base knowledge base (by [`knowledge::KnowledgeBase::generation`]): the glossary
    /// generation it was layered at, and the result.
    layered: HashMap<u64, (u64, Arc<knowledge::KnowledgeBase>)>,
}

impl Projects {
    /// Loads the knowledge and settings that hold everywhere.
    pub fn new(base: BaseSettings) -> Projects {
        let (kb, mut problems) = crate::knowledge_base(&base.knowledge_dirs);
        let (mut config, messages) =
            diagnostics_config(&base.rules, &base.design_docs, &BTreeMap::new());
        config.max_review_bytes = base.max_review_bytes;
        problems.extend(messages.into_iter().map(|message| LoadProblem {
            file: None,
            path: "settings".into(),
            line: 0,
            message,
        }));
        let default = Resolved {
            analysis: ide::Analysis::new(Arc::new(kb)).with_config(config),
            config: None,
            problems: Arc::new(problems),
        };
        Projects {
            base,
            default,
            cache: Mutex::new(HashMap::new()),
            glossary: Mutex::default(),
        }
    }

    /// Lays the workspace's glossary entries over every project's knowledge from now on.
    pub fn set_glossary(&self, entries: Vec<knowledge::Entry>) {
        if let Ok(mut glossary) = self.glossary.lock() {
            glossary.generation += 1;
            glossary.entries = Arc::new(entries);
            glossary.layered.clear();
        }
    }

    /// `resolved` with the glossary laid over its knowledge.
    fn with_glossary(&self, mut resolved: Resolved) -> Resolved {
        let Ok(mut glossary) = self.glossary.lock() else {
            return resolved;
        };
        if glossary.entries.is_empty() {
            return resolved;
        }
        let base = resolved.analysis.knowledge();
        let key = base.generation();
        let generation = glossary.generation;
        let kb = match glossary.layered.get(&key) {
            Some((g, kb)) if *g == generation => kb.clone(),
            _ => {
                let kb = Arc::new(base.with_glossary(glossary.entries.to_vec()));
                glossary.layered.insert(key, (generation, kb.clone()));
                kb
            }
        };
        resolved.analysis = resolved.analysis.with_glossary(kb);
        resolved
    }

    /// The analysis for documents with no config file, and the problems of the base settings.
    pub fn default_resolved(&self) -> &Resolved {
        &self.default
    }

    /// The analysis for a document at `path` (absolute), workspace glossaries included.
    pub fn resolve(&self, path: Option<&Path>) -> Resolved {
        self.with_glossary(self.resolve_base(path))
    }

    /// The analysis for a document at `path`, without the workspace glossaries.
    pub fn resolve_base(&self, path: Option<&Path>) -> Resolved {
        let Some(config) = path.and_then(Path::parent).and_then(find_config) else {
            return self.default.clone();
        };
        let meta = std::fs::metadata(&config).ok();
        let stamp = (
            meta.as_ref().and_then(|m| m.modified().ok()),
            meta.as_ref().map_or(0, |m| m.len()),
        );
        let Ok(mut cache) = self.cache.lock() else {
            return self.default.clone();
        };
        if let Some(cached) = cache.get(&config)
            && cached.stamp == stamp
        {
            return cached.resolved.clone();
        }
        let resolved = self.load(&config);
        cache.insert(
            config,
            Cached {
                stamp,
                resolved: resolved.clone(),
            },
        );
        resolved
    }

    fn load(&self, config_path: &Path) -> Resolved {
        let project = match read_config(config_path) {
            Ok(it) => it,
            Err(problem) => {
                return Resolved {
                    analysis: self.default.analysis.clone(),
                    config: Some(config_path.to_owned()),
                    problems: Arc::new(vec![problem]),
                };
            }
        };
        let dir = config_path.parent().unwrap_or(Path::new("/"));
        let mut problems = Vec::new();
        let analysis = {
            let mut rules = self.base.rules.clone();
            rules.extend(project.rules.clone());
            let mut globs = self.base.design_docs.clone();
            globs.extend(project.design_docs.iter().map(|g| root_glob(dir, g)));
            let (mut config, messages) = diagnostics_config(&rules, &globs, &project.sections);
            config.max_review_bytes = project.max_review_size.or(self.base.max_review_bytes);
            problems.extend(messages.into_iter().map(|message| LoadProblem {
                file: Some(config_path.to_owned()),
                path: CONFIG_FILE.into(),
                line: 0,
                message,
            }));
            if project.knowledge.is_empty() {
                self.default.analysis.with_config(config)
            } else {
                let mut dirs = self.base.knowledge_dirs.clone();
                dirs.extend(project.knowledge.iter().map(|d| dir.join(d)));
                let (kb, more) = crate::knowledge_base(&dirs);
                problems.extend(more);
                ide::Analysis::new(Arc::new(kb)).with_config(config)
            }
        };
        Resolved {
            analysis,
            config: Some(config_path.to_owned()),
            problems: Arc::new(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("tradeoff-project-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("docs/rfcs")).unwrap();
        dir
    }

    #[test]
    fn config_applies_below_its_directory_and_reloads_on_change() {
        let dir = temp("reload");
        let doc = dir.join("docs/rfcs/0001-x.md");
        let projects = Projects::new(BaseSettings::default());
        assert!(projects.resolve(Some(&doc)).config.is_none());

        std::fs::write(
            dir.join(CONFIG_FILE),
            "[rules]\nmissing-tradeoffs = \"off\"\n",
        )
        .unwrap();
        let resolved = projects.resolve(Some(&doc));
        assert_eq!(
            resolved.config.as_deref(),
            Some(dir.join(CONFIG_FILE).as_path())
        );
        assert!(resolved.problems.is_empty(), "{:?}", resolved.problems);
        let text = ide::Document::new(
            "# X\n\n## Motivation\n\nA.\n".into(),
            Some(doc.to_string_lossy().into()),
        );
        assert!(resolved.analysis.diagnostics(&text).is_empty());

        // A broken edit is reported with its line, and the defaults apply.
        std::fs::write(
            dir.join(CONFIG_FILE),
            "[rules]\nmissing-tradeoffs = \"off\"\nbogus = 3\n# longer\n",
        )
        .unwrap();
        let resolved = projects.resolve(Some(&doc));
        assert_eq!(resolved.problems.len(), 1);
        assert_eq!(resolved.problems[0].line, 3, "{}", resolved.problems[0]);
        assert_eq!(resolved.analysis.diagnostics(&text).len(), 1);
    }

    #[test]
    fn unknown_rules_and_kinds_are_reported() {
        let dir = temp("unknown");
        std::fs::write(
            dir.join(CONFIG_FILE),
            "[rules]\nnope = \"error\"\n[sections.memo]\nx = []\n",
        )
        .unwrap();
        let projects = Projects::new(BaseSettings::default());
        let resolved = projects.resolve(Some(&dir.join("docs/a.md")));
        let messages: Vec<String> = resolved
            .problems
            .iter()
            .map(|p| p.message.clone())
            .collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
    }

    #[test]
    fn globs_are_rooted_at_the_config() {
        assert_eq!(root_glob(Path::new("/r"), "docs/*.md"), "/r/docs/*.md");
        assert_eq!(root_glob(Path::new("/r"), "**/x.md"), "**/x.md");
    }
}
