//! `tradeoff check`: the editor's diagnostics for files on disk, for CI.
//!
//! Uses exactly the analysis the language server uses: the same knowledge, the same
//! `ide::Analysis::diagnostics`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

/// Arguments of `tradeoff check`.
#[derive(clap::Args)]
pub struct CheckArgs {
    /// Files or directories to check (directories are walked for `.md` files, honouring
    /// .gitignore); `-` reads one document from stdin. Defaults to the current directory.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Extra knowledge directories, in the same format as the bundled `knowledge/`.
    #[arg(long = "knowledge", value_name = "DIR")]
    knowledge: Vec<PathBuf>,
    /// The lowest severity that makes the run fail (exit 1); `never` always exits 0 when
    /// every file could be read.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
}

/// When findings fail the run.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Hint,
    Never,
}

impl FailOn {
    fn fails(self, severity: ide::Severity) -> bool {
        let threshold = match self {
            FailOn::Error => ide::Severity::Error,
            FailOn::Warning => ide::Severity::Warning,
            FailOn::Info => ide::Severity::Info,
            FailOn::Hint => ide::Severity::Hint,
            FailOn::Never => return false,
        };
        severity <= threshold
    }
}

/// Files larger than this are reported and skipped.
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

struct Input {
    shown: String,
    path: Option<PathBuf>,
    text: Result<String, String>,
}

pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let started = std::time::Instant::now();
    let base = load::project::BaseSettings {
        knowledge_dirs: args
            .knowledge
            .iter()
            .map(|d| std::path::absolute(d).unwrap_or_else(|_| d.clone()))
            .collect(),
        ..Default::default()
    };
    let projects = load::project::Projects::new(base);
    let mut io_errors = 0usize;
    for problem in projects.default_resolved().problems.iter() {
        eprintln!("tradeoff: knowledge: {problem}");
        io_errors += 1;
    }
    let mut reported_configs = std::collections::HashSet::new();
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let inputs = collect_inputs(&paths)?;

    let mut out = std::io::stdout().lock();
    let mut n_findings = [0usize; 4];
    let mut failing = 0usize;
    let n_files = inputs.len();
    for input in inputs {
        let text = match input.text {
            Ok(text) => text,
            Err(message) => {
                eprintln!("tradeoff: {}: {message}; skipped", input.shown);
                io_errors += 1;
                continue;
            }
        };
        let path = input.path.as_ref().map(|p| absolute(p));
        // stdin is checked as if it were a file in the current directory.
        let config_anchor = path
            .clone()
            .unwrap_or_else(|| absolute(Path::new("stdin.md")));
        let resolved = projects.resolve(Some(Path::new(&config_anchor)));
        if let Some(config) = &resolved.config
            && reported_configs.insert(config.clone())
        {
            for problem in resolved.problems.iter() {
                eprintln!("tradeoff: {problem}");
                io_errors += 1;
            }
        }
        let doc = ide::Document::new(text.into(), path.map(Into::into));
        for d in resolved.analysis.diagnostics(&doc) {
            let (line, col) = line_col(&doc.text, d.range.start);
            writeln!(
                out,
                "{}:{line}:{col}: {}[{}]: {}",
                input.shown,
                d.severity.name(),
                d.code,
                d.message
            )?;
            n_findings[d.severity as usize] += 1;
            if args.fail_on.fails(d.severity) {
                failing += 1;
            }
        }
    }
    out.flush()?;
    let names = ["error", "warning", "info", "hint"];
    let counts: Vec<String> = n_findings
        .iter()
        .zip(names)
        .filter(|(n, _)| **n > 0)
        .map(|(n, name)| format!("{n} {name}{}", if *n == 1 { "" } else { "s" }))
        .collect();
    eprintln!(
        "tradeoff: checked {n_files} file{} in {:.2?}: {}",
        if n_files == 1 { "" } else { "s" },
        started.elapsed(),
        if counts.is_empty() {
            "no findings".to_owned()
        } else {
            counts.join(", ")
        }
    );
    Ok(if io_errors > 0 {
        ExitCode::from(2)
    } else if failing > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn collect_inputs(paths: &[PathBuf]) -> anyhow::Result<Vec<Input>> {
    let mut res = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let mut text = String::new();
            let read = std::io::stdin()
                .read_to_string(&mut text)
                .map(|_| text)
                .map_err(|e| e.to_string());
            res.push(Input {
                shown: "<stdin>".into(),
                path: None,
                text: read,
            });
            continue;
        }
        let meta =
            std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
        if meta.is_file() {
            res.push(read_input(path));
            continue;
        }
        let walker = ignore::WalkBuilder::new(path).follow_links(false).build();
        let mut found: Vec<PathBuf> = walker
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
            .map(|e| e.into_path())
            .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "markdown"))
            .collect();
        found.sort();
        res.extend(found.iter().map(|p| read_input(p)));
    }
    Ok(res)
}

fn read_input(path: &Path) -> Input {
    let shown = path
        .strip_prefix("./")
        .unwrap_or(path)
        .display()
        .to_string();
    let text = match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_FILE_BYTES => Err(format!(
            "{} bytes is over the {MAX_FILE_BYTES}-byte limit",
            meta.len()
        )),
        _ => match std::fs::read(path) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_owned()),
            Err(err) => Err(format!("cannot read: {err}")),
        },
    };
    Input {
        shown,
        path: Some(path.to_owned()),
        text,
    }
}

fn absolute(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    abs.to_string_lossy().replace('\\', "/")
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}
