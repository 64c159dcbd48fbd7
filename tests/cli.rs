//! End-to-end tests of the `tradeoff` command line: `check`, `explain`, `--help`.

use std::path::Path;
use std::process::Command;

fn tradeoff(args: &[&str], cwd: &Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tradeoff"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Writes a file below `dir`, creating its folders.
fn write(dir: &Path, rel: &str, contents: impl AsRef<[u8]>) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tradeoff-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn check_reports_findings_and_exits_1() {
    let dir = temp_dir("findings");
    write(
        &dir,
        "adr/0001-queue.md",
        "# Use a queue\n\n## Context\n\nX.\n\n## Decision\n\nY.\n",
    );
    write(&dir, "README.md", "# Tool\n\nA cache.\n");
    let (code, stdout, stderr) = tradeoff(&["check", "."], &dir);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert_eq!(
        stdout,
        "adr/0001-queue.md:1:3: warning[missing-tradeoffs]: This ADR has no tradeoffs section: add one (for example \"## Tradeoffs\", \"## Alternatives considered\" or \"## Drawbacks\") that says what the design gives up and what else was considered\n\
         1 | # Use a queue\n  |   ^~~~~~~~~~~\n"
    );
    assert!(stderr.contains("checked 2 files"), "{stderr}");
}

#[test]
fn check_is_silent_and_exits_0_on_good_docs() {
    let dir = temp_dir("clean");
    write(
        &dir,
        "rfcs/0001-x.md",
        "# X\n\n## Drawbacks\n\nMore moving parts.\n",
    );
    let (code, stdout, stderr) = tradeoff(&["check", "rfcs"], &dir);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    assert!(stderr.contains("no findings"), "{stderr}");
}

#[test]
fn check_missing_path_exits_2() {
    let dir = temp_dir("missing");
    let (code, _, stderr) = tradeoff(&["check", "nope"], &dir);
    assert_eq!(code, 2);
    assert!(stderr.starts_with("tradeoff: cannot read nope"), "{stderr}");
}

#[test]
fn explain_prints_an_entry_a_rule_or_suggestions() {
    let dir = temp_dir("explain");
    let (code, stdout, _) = tradeoff(&["explain", "RPO"], &dir);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("**Recovery point objective**"),
        "{stdout}"
    );
    // What the checks hold sentences against: the facts and the corrections of the
    // entry's misconceptions, each correction once.
    let (code, stdout, _) = tradeoff(&["explain", "CAP theorem"], &dir);
    assert_eq!(code, 0);
    assert!(stdout.contains("**Checked facts**"), "{stdout}");
    assert_eq!(
        stdout
            .matches("- Corrects: A distributed system cannot be CA")
            .count(),
        1,
        "{stdout}"
    );
    let (code, stdout, _) = tradeoff(&["explain", "missing-tradeoffs"], &dir);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("missing-tradeoffs"), "{stdout}");
    let (code, _, stderr) = tradeoff(&["explain", "write", "behnd", "cache"], &dir);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("did you mean: Write-behind cache"),
        "{stderr}"
    );
}

#[test]
fn help_and_version_are_readable() {
    let dir = temp_dir("help");
    let (code, stdout, _) = tradeoff(&["--help"], &dir);
    assert_eq!(code, 0);
    for word in ["lsp", "check", "explain", "Examples:"] {
        assert!(stdout.contains(word), "{stdout}");
    }
    let (code, stdout, _) = tradeoff(&["--version"], &dir);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("tradeoff "), "{stdout}");
}

#[test]
fn fail_on_sets_the_threshold() {
    let dir = temp_dir("fail-on");
    write(
        &dir,
        "adr/0001-q.md",
        "# Use a queue\n\n## Decision\n\nY.\n",
    );
    assert_eq!(tradeoff(&["check", ".", "--fail-on", "never"], &dir).0, 0);
    assert_eq!(tradeoff(&["check", ".", "--fail-on", "error"], &dir).0, 0);
    assert_eq!(tradeoff(&["check", ".", "--fail-on", "hint"], &dir).0, 1);
    let (code, _, stderr) = tradeoff(&["check", ".", "--fail-on", "loud"], &dir);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn check_reads_stdin_and_skips_bad_files() {
    let dir = temp_dir("stdin");
    write(&dir, "bad.md", b"# X\n\xff\xfe\n");
    let (code, _, stderr) = tradeoff(&["check", "bad.md"], &dir);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("bad.md: not UTF-8 text (invalid byte at offset 4); skipped"),
        "{stderr}"
    );

    let mut child = Command::new(env!("CARGO_BIN_EXE_tradeoff"))
        .args(["check", "-"])
        .current_dir(&dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"# T\n\n## Motivation\n\nA.\n\n## Proposal\n\nB.\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("<stdin>:1:3: warning[missing-tradeoffs]")
    );
}

#[test]
fn tradeoff_toml_configures_rules_and_reports_errors_with_a_line() {
    let dir = temp_dir("config");
    write(
        &dir,
        "docs/adr/0001-q.md",
        "# Use a queue\n\n## Decision\n\nPOST is idempotent.\n",
    );
    let (code, stdout, _) = tradeoff(&["check", "."], &dir);
    assert_eq!(code, 1);
    assert_eq!(
        stdout.lines().filter(|l| l.contains("]: ")).count(),
        2,
        "{stdout}"
    );

    write(
        &dir,
        "tradeoff.toml",
        "[rules]\nmissing-tradeoffs = \"off\"\nhttp-method-semantics = \"info\"\n",
    );
    let (code, stdout, stderr) = tradeoff(&["check", "docs"], &dir);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("info[http-method-semantics]"), "{stdout}");

    write(
        &dir,
        "tradeoff.toml",
        "[rules]\nmissing-tradeoffs = \"off\"\n[bogus\n",
    );
    let (code, _, stderr) = tradeoff(&["check", "docs"], &dir);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("tradeoff.toml:3:"), "{stderr}");
}

fn fixture_tree(name: &str) -> std::path::PathBuf {
    let dir = temp_dir(name);
    write(
        &dir,
        "docs/adr/0001-queue.md",
        "# Use a queue\n\n## Decision\n\nRetries are safe: POST is idempotent.\n",
    );
    write(&dir, "docs/notes.md", "Our database is CA.\n");
    write(&dir, "vendor/ignored.md", "Our database is CA.\n");
    write(&dir, ".gitignore", "vendor/\n");
    // The ignore crate honours .gitignore inside a git repository.
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    dir
}

#[test]
fn json_format_has_a_stable_schema() {
    let dir = fixture_tree("json");
    let (code, stdout, stderr) = tradeoff(&["check", "--format", "json", "."], &dir);
    assert_eq!(code, 1, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["version"], 1);
    assert_eq!(
        report["files_checked"], 2,
        "vendor/ is gitignored: {report}"
    );
    assert_eq!(report["summary"]["warning"], 3);
    let first = &report["findings"][0];
    for key in [
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "severity",
        "rule",
        "message",
    ] {
        assert!(!first[key].is_null(), "{key} missing in {first}");
    }
    assert_eq!(first["path"], "docs/adr/0001-queue.md");
}

#[test]
fn sarif_has_what_github_code_scanning_requires() {
    let dir = fixture_tree("sarif");
    let (code, stdout, _) = tradeoff(&["check", "--format", "sarif", "docs"], &dir);
    assert_eq!(code, 1);
    let sarif: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(sarif["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &sarif["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "tradeoff");
    let rules = driver["rules"].as_array().unwrap();
    assert!(rules.iter().all(|r| r["id"].is_string()
        && r["shortDescription"]["text"].is_string()
        && r["help"]["text"].is_string()));
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    for result in results {
        let rule_index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[rule_index]["id"], result["ruleId"]);
        assert!(result["message"]["text"].is_string());
        let location = &result["locations"][0]["physicalLocation"];
        assert!(
            location["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .starts_with("docs/")
        );
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(location["region"]["startColumn"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn github_format_writes_annotations() {
    let dir = fixture_tree("github");
    let (_, stdout, _) = tradeoff(&["check", "--format", "github", "docs/notes.md"], &dir);
    assert_eq!(
        stdout,
        "::warning file=docs/notes.md,line=1,col=5,endLine=1,endColumn=19,title=tradeoff cap-misuse::A distributed system cannot be CA: network partitions happen, so it must choose between consistency (CP) and availability (AP) when one does\n"
    );
}

#[test]
fn excludes_globs_and_stdin_path() {
    let dir = fixture_tree("exclude");
    write(&dir, "tradeoff.toml", "exclude = [\"docs/notes.md\"]\n");
    let (_, stdout, stderr) = tradeoff(&["check", "--format", "json", "."], &dir);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["files_checked"], 1, "{stderr}");

    let (_, stdout, _) = tradeoff(&["check", "--format", "json", "docs/**/*.md"], &dir);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        report["findings"][0]["path"], "docs/adr/0001-queue.md",
        "{report}"
    );

    let mut child = Command::new(env!("CARGO_BIN_EXE_tradeoff"))
        .args(["check", "--stdin-path", "docs/adr/0002-x.md", "-"])
        .current_dir(&dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"# Use X\n\n## Decision\n\nX.\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("docs/adr/0002-x.md:1:3: warning[missing-tradeoffs]: This ADR"),
        "{stdout}"
    );
}

#[test]
fn oversized_files_are_reported_and_skipped() {
    let dir = fixture_tree("size");
    let (code, _, stderr) = tradeoff(&["check", "--max-file-size", "10", "docs/notes.md"], &dir);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("docs/notes.md: 20 bytes is over the 10-byte limit"),
        "{stderr}"
    );
}

#[test]
fn rules_and_knowledge_commands() {
    let dir = fixture_tree("rules");
    write(&dir, "tradeoff.toml", "[rules]\ncap-misuse = \"off\"\n");
    let (code, stdout, _) = tradeoff(&["rules"], &dir);
    assert_eq!(code, 0);
    let cap = stdout
        .lines()
        .find(|l| l.starts_with("cap-misuse"))
        .unwrap();
    assert!(cap.contains("warning  off"), "{cap}");
    write(
        &dir,
        "kb/widget.md",
        "+++\nterm = \"Widget\"\ncategory = \"ours\"\n+++\nA thing we build.\n",
    );
    write(&dir, "kb/broken.md", "+++\nterm = \"Broken\"\n");
    let (code, stdout, stderr) = tradeoff(&["knowledge", "--knowledge", "kb"], &dir);
    assert_eq!(code, 2);
    assert!(
        stdout.contains("ours                   yours    1"),
        "{stdout}"
    );
    assert!(
        stderr.contains("broken.md:1: the front matter has no closing"),
        "{stderr}"
    );
}

#[test]
fn a_closed_pipe_ends_output_quietly() {
    use std::process::Stdio;
    // `tradeoff explain X | head`: the reader goes away before the output is written.
    for args in [
        &["explain", "CAP theorem"][..],
        &["explain", "cap-misuse"][..],
        &["rules"][..],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tradeoff"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
        assert!(out.status.success(), "{args:?}: {:?}", out.status);
    }
}

#[test]
fn review_questions_are_counted_but_do_not_fail_check() {
    let dir = temp_dir("review");
    write(
        &dir,
        "design/orders.md",
        "# Orders\n\n## Proposal\n\nWe put a write-behind cache in front of the orders table.\n\n## Tradeoffs\n\nMore memory.\n",
    );
    // Off by default; the project turns them on.
    write(
        &dir,
        "tradeoff.toml",
        "[rules]\nreview-questions = \"info\"\n",
    );
    let (code, stdout, stderr) = tradeoff(&["check", "--format", "json", "."], &dir);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["summary"]["info"], 1, "{report}");
    let f = &report["findings"][0];
    assert_eq!(f["rule"], "review-questions");
    assert!(
        f["related"].as_str().unwrap().contains("acknowledges"),
        "{f}"
    );
    let (code, _, _) = tradeoff(&["check", "--fail-on", "info", "."], &dir);
    assert_eq!(code, 1);
    let (code, stdout, _) = tradeoff(&["explain", "write-behind cache"], &dir);
    assert_eq!(code, 0);
    assert!(stdout.contains("**Review questions**"), "{stdout}");
}
