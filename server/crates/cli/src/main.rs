//! `tradeoff`: the language server (`tradeoff lsp`), the CI checker (`tradeoff check`) and
//! the knowledge browser (`tradeoff explain`), in one binary.

mod check;
mod output;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

/// A language server for design docs that knows system design.
///
/// Tradeoff reads markdown RFCs, ADRs and design docs, explains the system-design terms in
/// them, and flags what a careful reviewer would: a missing tradeoffs section, misused CAP
/// claims, wrong availability arithmetic and more.
#[derive(Parser)]
#[command(name = "tradeoff", version, about, long_about = None, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Speak LSP over stdio (what `tradeoff lsp` does; editors often append this flag).
    #[arg(long, global = false)]
    stdio: bool,
}

const EXAMPLES: &str = "Examples:
  tradeoff check docs/            Review every markdown file under docs/
  tradeoff explain 'CAP theorem'  Print what Tradeoff knows about a term
  tradeoff explain missing-tradeoffs
  tradeoff check --format sarif . > tradeoff.sarif
  tradeoff rules                  List the rules and what applies here
  tradeoff lsp                    Run the language server on stdio (for editors)";

#[derive(Subcommand)]
enum Command {
    /// Run the language server over stdio.
    Lsp {
        /// Accepted and ignored: stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Check markdown files and print the diagnostics the editor would show.
    ///
    /// Exits 0 when there are no findings at warning level or above, 1 when there are,
    /// 2 when a path or the knowledge could not be read.
    Check(check::CheckArgs),
    /// Print the knowledge entry for a term, or the explanation of a rule.
    /// List the rules with their codes, default severities and whether they are on here.
    Rules,
    /// Count the knowledge entries by category and validate knowledge directories.
    ///
    /// Exits 2 when an entry in the bundled knowledge or a `--knowledge` directory has a
    /// problem.
    Knowledge {
        /// Extra knowledge directories to validate and count.
        #[arg(long = "knowledge", value_name = "DIR")]
        knowledge: Vec<PathBuf>,
    },
    Explain {
        /// A term ("write-behind cache", "RPO"), an entry id, or a rule code.
        #[arg(required = true, num_args = 1..)]
        term: Vec<String>,
        /// Extra knowledge directories.
        #[arg(long = "knowledge", value_name = "DIR")]
        knowledge: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    init_logging();
    let cli = Cli::parse();
    let result = match cli.command {
        None if cli.stdio => run_lsp(),
        None => {
            let _ = <Cli as clap::CommandFactory>::command().print_help();
            return ExitCode::from(2);
        }
        Some(Command::Lsp { stdio: _ }) => run_lsp(),
        Some(Command::Check(args)) => check::run(args),
        Some(Command::Explain { term, knowledge }) => explain(&term.join(" "), &knowledge),
        Some(Command::Rules) => rules(),
        Some(Command::Knowledge { knowledge }) => knowledge_summary(&knowledge),
    };
    match result {
        Ok(code) => code,
        // The reader went away (`tradeoff explain X | head`): nothing left to say, like
        // ripgrep.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("tradeoff: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// True when `err` comes from writing to a pipe whose reader closed it.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Logs go to stderr (stdout carries the protocol) or to `TRADEOFF_LOG_FILE`, filtered by
/// `TRADEOFF_LOG` (default `warn`).
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("TRADEOFF_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false);
    let file = std::env::var_os("TRADEOFF_LOG_FILE").and_then(|path| {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .ok()
    });
    match file {
        Some(file) => builder.with_writer(std::sync::Mutex::new(file)).init(),
        None => builder.with_writer(std::io::stderr).init(),
    }
}

fn run_lsp() -> anyhow::Result<ExitCode> {
    lsp::tune_allocator();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(lsp::run_stdio());
    // A read of stdin may still be blocked in a worker thread: do not wait for it.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    Ok(ExitCode::SUCCESS)
}

/// The rules and their settings in the current directory's tradeoff.toml.
fn rules() -> anyhow::Result<ExitCode> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let projects = load::project::Projects::new(Default::default());
    let resolved = projects.resolve(Some(&cwd.join("_.md")));
    for problem in resolved.problems.iter() {
        eprintln!("tradeoff: {problem}");
    }
    let config = resolved.analysis.config();
    let mut out = std::io::stdout().lock();
    let source = resolved
        .config
        .as_ref()
        .map_or("defaults".to_owned(), |p| p.display().to_string());
    writeln!(out, "{:<26} {:<8} {:<8} summary", "rule", "default", "here")?;
    for rule in ide::rules() {
        let default = if rule.default_enabled {
            rule.default_severity.name()
        } else {
            "off"
        };
        let here = config.severity(rule).map_or("off", |s| s.name());
        writeln!(
            out,
            "{:<26} {default:<8} {here:<8} {}",
            rule.code, rule.summary
        )?;
    }
    writeln!(
        out,
        "\n(\"here\" is what applies in this directory: {source})"
    )?;
    Ok(if resolved.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// Entry counts per category, and the problems of the knowledge directories.
fn knowledge_summary(dirs: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let (kb, problems) = load::knowledge_base(dirs);
    let mut by_category: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
    for entry in kb.entries() {
        let origin = match entry.origin {
            knowledge::Origin::Bundled => "bundled",
            knowledge::Origin::User => "yours",
            knowledge::Origin::Glossary => "glossary",
        };
        *by_category.entry((&entry.category, origin)).or_default() += 1;
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{:<22} {:<8} entries", "category", "origin")?;
    for ((category, origin), n) in &by_category {
        writeln!(out, "{category:<22} {origin:<8} {n}")?;
    }
    writeln!(
        out,
        "{} entries, {} names indexed",
        kb.entries().len(),
        kb.n_keys()
    )?;
    for problem in &problems {
        eprintln!("tradeoff: {problem}");
    }
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn explain(name: &str, dirs: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    if let Some(rule) = ide::rules().find(|r| r.code == name) {
        writeln!(
            out,
            "{} ({}, {} by default)\n",
            rule.code,
            rule.summary,
            rule.default_severity.name()
        )?;
        writeln!(out, "{}", rule.explanation)?;
        return Ok(ExitCode::SUCCESS);
    }
    let (kb, problems) = load::knowledge_base(dirs);
    for problem in &problems {
        eprintln!("tradeoff: {problem}");
    }
    if let Some(entry) = kb.lookup(name) {
        writeln!(out, "{}", ide::render_entry(&kb, entry).trim_end())?;
        return Ok(ExitCode::SUCCESS);
    }
    let key = knowledge::normalize::normalize(name);
    let mut suggestions: Vec<&str> = Vec::new();
    for hit in kb.fuzzy_search(&key, 2, 20) {
        for target in hit.targets {
            let term = &*kb.entry(target.entry).term;
            if !suggestions.contains(&term) {
                suggestions.push(term);
            }
        }
    }
    eprint!("tradeoff: no entry or rule named `{name}`");
    if suggestions.is_empty() {
        eprintln!("; `tradeoff rules` lists the rules");
    } else {
        suggestions.truncate(5);
        eprintln!("; did you mean: {}?", suggestions.join(", "));
    }
    Ok(ExitCode::from(1))
}
