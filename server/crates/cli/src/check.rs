//! `tradeoff check`: the editor's diagnostics for files on disk, for CI.
//!
//! Uses exactly the analysis the language server uses: the same knowledge, the same
//! `tradeoff.toml` resolution, the same `ide::Analysis::diagnostics`. Files are checked in
//! parallel and reported in path order.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::Context;

use crate::output::{self, FileReport, Finding, Format};

/// Arguments of `tradeoff check`.
#[derive(clap::Args)]
pub struct CheckArgs {
    /// Files, directories or globs to check (directories are walked for `.md` and
    /// `.markdown` files, honouring .gitignore and the `exclude` list of tradeoff.toml);
    /// `-` reads one document from stdin. Defaults to the current directory.
    #[arg(value_name = "PATH")]
    paths: Vec<String>,
    /// Extra knowledge directories, in the same format as the bundled `knowledge/`.
    #[arg(long = "knowledge", value_name = "DIR")]
    knowledge: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The lowest severity that makes the run fail (exit 1); `never` always exits 0 when
    /// every file could be read.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
    /// The path shown for stdin, also used to find its tradeoff.toml and to tell whether
    /// it is a design doc.
    #[arg(long, value_name = "PATH", default_value = "<stdin>")]
    stdin_path: String,
    /// Skip files larger than this many bytes (they are reported, and the run goes on).
    #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024 * 1024)]
    max_file_size: u64,
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

/// One thing to check.
enum Input {
    File { path: PathBuf, shown: String },
    Stdin,
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
    let mut setup_errors: Vec<String> = Vec::new();
    for problem in projects.default_resolved().problems.iter() {
        setup_errors.push(format!("knowledge: {problem}"));
    }
    let patterns = if args.paths.is_empty() {
        vec![".".to_owned()]
    } else {
        args.paths.clone()
    };
    let inputs = collect_inputs(&patterns)?;
    let n_files = inputs.len();

    // Check in parallel; each worker takes the next input.
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let reports: Mutex<Vec<Option<FileReport>>> = Mutex::new((0..n_files).map(|_| None).collect());
    let config_problems: Mutex<Vec<(PathBuf, Vec<String>)>> = Mutex::new(Vec::new());
    let progress = std::io::stderr().is_terminal() && n_files > 200;
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(n_files.max(1));
    let mut stdin_text = None;
    if inputs.iter().any(|i| matches!(i, Input::Stdin)) {
        let mut text = String::new();
        stdin_text = Some(
            std::io::stdin()
                .read_to_string(&mut text)
                .map(|_| text)
                .map_err(|e| format!("cannot read stdin: {e}")),
        );
    }
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(input) = inputs.get(i) else { break };
                    let report = check_one(
                        input,
                        &args,
                        &projects,
                        stdin_text.as_ref(),
                        &config_problems,
                    );
                    if let Ok(mut reports) = reports.lock() {
                        reports[i] = Some(report);
                    }
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if progress && (n.is_multiple_of(50) || n == n_files) {
                        eprint!("\rtradeoff: checked {n}/{n_files} files");
                    }
                }
            });
        }
    });
    if progress {
        eprintln!();
    }
    let reports: Vec<FileReport> = reports
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect();
    for (config, problems) in config_problems.into_inner().unwrap_or_default() {
        for problem in problems {
            setup_errors.push(format!("{}: {problem}", config.display()));
        }
    }

    let mut out = std::io::stdout().lock();
    let color = args.format == Format::Human
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    output::write(&mut out, args.format, &reports, &setup_errors, color)?;
    out.flush()?;

    let mut counts = [0usize; 4];
    let mut failing = 0usize;
    let mut unreadable = 0usize;
    for report in &reports {
        match &report.result {
            Ok(findings) => {
                for f in findings {
                    counts[f.severity as usize] += 1;
                    failing += usize::from(args.fail_on.fails(f.severity));
                }
            }
            Err(_) => unreadable += 1,
        }
    }
    if args.format == Format::Human {
        for report in &reports {
            if let Err(message) = &report.result {
                eprintln!("tradeoff: {}: {message}; skipped", report.shown);
            }
        }
        for error in &setup_errors {
            eprintln!("tradeoff: {error}");
        }
    }
    let names = ["error", "warning", "info", "hint"];
    let summary: Vec<String> = counts
        .iter()
        .zip(names)
        .filter(|(n, _)| **n > 0)
        .map(|(n, name)| format!("{n} {name}{}", if *n == 1 { "" } else { "s" }))
        .collect();
    eprintln!(
        "tradeoff: checked {n_files} file{} in {:.2?}: {}{}",
        if n_files == 1 { "" } else { "s" },
        started.elapsed(),
        if summary.is_empty() {
            "no findings".to_owned()
        } else {
            summary.join(", ")
        },
        if unreadable > 0 {
            format!("; {unreadable} skipped")
        } else {
            String::new()
        },
    );
    Ok(if unreadable > 0 || !setup_errors.is_empty() {
        ExitCode::from(2)
    } else if failing > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn check_one(
    input: &Input,
    args: &CheckArgs,
    projects: &load::project::Projects,
    stdin: Option<&Result<String, String>>,
    config_problems: &Mutex<Vec<(PathBuf, Vec<String>)>>,
) -> FileReport {
    let (shown, path, text) = match input {
        Input::Stdin => {
            let text = stdin
                .cloned()
                .unwrap_or_else(|| Err("stdin was not read".into()));
            let path = (args.stdin_path != "<stdin>").then(|| PathBuf::from(&args.stdin_path));
            (args.stdin_path.clone(), path, text)
        }
        Input::File { path, shown } => (
            shown.clone(),
            Some(path.clone()),
            read_text(path, args.max_file_size),
        ),
    };
    let text = match text {
        Ok(text) => text,
        Err(message) => {
            return FileReport {
                shown,
                text: String::new(),
                result: Err(message),
            };
        }
    };
    let absolute = path.as_ref().map(|p| absolute(p));
    // stdin without a path is checked as if it were a file in the current directory.
    let anchor = absolute
        .clone()
        .unwrap_or_else(|| absolute_str(Path::new("stdin.md")));
    let resolved = projects.resolve(Some(Path::new(&anchor)));
    if let Some(config) = &resolved.config
        && !resolved.problems.is_empty()
        && let Ok(mut seen) = config_problems.lock()
        && !seen.iter().any(|(c, _)| c == config)
    {
        seen.push((
            config.clone(),
            resolved.problems.iter().map(|p| p.to_string()).collect(),
        ));
    }
    let doc = ide::Document::new(text.as_str().into(), absolute.map(Into::into));
    let lines = output::LineIndex::new(&text);
    let findings = resolved
        .analysis
        .diagnostics(&doc)
        .into_iter()
        .map(|d| Finding::new(&lines, d))
        .collect();
    FileReport {
        shown,
        text,
        result: Ok(findings),
    }
}

fn collect_inputs(patterns: &[String]) -> anyhow::Result<Vec<Input>> {
    let mut res = Vec::new();
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    for pattern in patterns {
        if pattern == "-" {
            res.push(Input::Stdin);
            continue;
        }
        let path = Path::new(pattern);
        if path.is_file() {
            files.push((path.to_owned(), shown(path)));
            continue;
        }
        if path.is_dir() {
            walk(path, None, &mut files)?;
            continue;
        }
        if pattern.contains(['*', '?', '[']) {
            // A glob: walk from its literal prefix and keep the matches.
            let glob = globset::Glob::new(pattern)
                .with_context(|| format!("invalid glob `{pattern}`"))?
                .compile_matcher();
            let root: PathBuf = Path::new(pattern)
                .components()
                .take_while(|c| !c.as_os_str().to_string_lossy().contains(['*', '?', '[']))
                .collect();
            let root = if root.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                root
            };
            walk(&root, Some(&glob), &mut files)?;
            continue;
        }
        anyhow::bail!("cannot read {pattern}: no such file or directory");
    }
    files.sort();
    files.dedup();
    res.splice(
        0..0,
        files
            .into_iter()
            .map(|(path, shown)| Input::File { path, shown }),
    );
    Ok(res)
}

/// Walks `root` for markdown files with the walker the editor uses too
/// ([`load::walk::markdown_files`]: .gitignore, hidden files, tradeoff.toml excludes).
fn walk(
    root: &Path,
    glob: Option<&globset::GlobMatcher>,
    acc: &mut Vec<(PathBuf, String)>,
) -> anyhow::Result<()> {
    let walked = load::walk::markdown_files(root).map_err(|err| anyhow::anyhow!(err))?;
    for err in walked.errors {
        // A loop or an unreadable directory: say so, keep going.
        eprintln!("tradeoff: {err}");
    }
    for path in walked.files {
        let shown = shown(&path);
        if glob.is_some_and(|g| !g.is_match(&shown) && !g.is_match(&path)) {
            continue;
        }
        acc.push((path, shown));
    }
    Ok(())
}

fn shown(path: &Path) -> String {
    let shown = path.strip_prefix("./").unwrap_or(path);
    shown.to_string_lossy().replace('\\', "/")
}

fn read_text(path: &Path, max: u64) -> Result<String, String> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > max => {
            return Err(format!(
                "{} bytes is over the {max}-byte limit (--max-file-size)",
                meta.len()
            ));
        }
        Err(err) => return Err(format!("cannot read: {err}")),
        Ok(_) => {}
    }
    match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|e| {
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            )
        }),
        Err(err) => Err(format!("cannot read: {err}")),
    }
}

fn absolute(path: &Path) -> String {
    absolute_str(path)
}

fn absolute_str(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    abs.to_string_lossy().replace('\\', "/")
}
