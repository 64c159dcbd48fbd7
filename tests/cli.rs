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

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tradeoff-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn check_reports_findings_and_exits_1() {
    let dir = temp_dir("findings");
    std::fs::create_dir_all(dir.join("adr")).unwrap();
    std::fs::write(
        dir.join("adr/0001-queue.md"),
        "# Use a queue\n\n## Context\n\nX.\n\n## Decision\n\nY.\n",
    )
    .unwrap();
    std::fs::write(dir.join("README.md"), "# Tool\n\nA cache.\n").unwrap();
    let (code, stdout, stderr) = tradeoff(&["check", "."], &dir);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert_eq!(
        stdout,
        "adr/0001-queue.md:1:3: warning[missing-tradeoffs]: This ADR has no tradeoffs section: add one (for example \"## Tradeoffs\", \"## Alternatives considered\" or \"## Drawbacks\") that says what the design gives up and what else was considered\n"
    );
    assert!(stderr.contains("checked 2 files"), "{stderr}");
}

#[test]
fn check_is_silent_and_exits_0_on_good_docs() {
    let dir = temp_dir("clean");
    std::fs::create_dir_all(dir.join("rfcs")).unwrap();
    std::fs::write(
        dir.join("rfcs/0001-x.md"),
        "# X\n\n## Drawbacks\n\nMore moving parts.\n",
    )
    .unwrap();
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
    std::fs::create_dir_all(dir.join("adr")).unwrap();
    std::fs::write(dir.join("adr/1.md"), "# Use a queue\n\n## Decision\n\nY.\n").unwrap();
    assert_eq!(tradeoff(&["check", ".", "--fail-on", "never"], &dir).0, 0);
    assert_eq!(tradeoff(&["check", ".", "--fail-on", "error"], &dir).0, 0);
    assert_eq!(tradeoff(&["check", ".", "--fail-on", "hint"], &dir).0, 1);
    let (code, _, stderr) = tradeoff(&["check", ".", "--fail-on", "loud"], &dir);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn check_reads_stdin_and_skips_bad_files() {
    let dir = temp_dir("stdin");
    std::fs::write(dir.join("bad.md"), b"# X\n\xff\xfe\n").unwrap();
    let (code, _, stderr) = tradeoff(&["check", "bad.md"], &dir);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("bad.md: not UTF-8 text; skipped"),
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
    std::fs::create_dir_all(dir.join("docs/adr")).unwrap();
    std::fs::write(
        dir.join("docs/adr/1.md"),
        "# Use a queue\n\n## Decision\n\nPOST is idempotent.\n",
    )
    .unwrap();
    let (code, stdout, _) = tradeoff(&["check", "."], &dir);
    assert_eq!(code, 1);
    assert_eq!(stdout.lines().count(), 2, "{stdout}");

    std::fs::write(
        dir.join("tradeoff.toml"),
        "[rules]\nmissing-tradeoffs = \"off\"\nhttp-method-semantics = \"info\"\n",
    )
    .unwrap();
    let (code, stdout, stderr) = tradeoff(&["check", "docs"], &dir);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("info[http-method-semantics]"), "{stdout}");

    std::fs::write(
        dir.join("tradeoff.toml"),
        "[rules]\nmissing-tradeoffs = \"off\"\n[bogus\n",
    )
    .unwrap();
    let (code, _, stderr) = tradeoff(&["check", "docs"], &dir);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("tradeoff.toml:3:"), "{stderr}");
}
