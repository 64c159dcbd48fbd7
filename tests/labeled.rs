//! Precision and recall of the claim checks on labeled sentences, with the bundled
//! knowledge base:
//!
//! - `tests/labeled/dev.tsv` is the set the checks were tuned on;
//! - `tests/labeled/blind-c.tsv` (session 6) and `blind-d.tsv` (session 9) were written blind
//!   and are scored for precision; both are now tuned on;
//! - `tests/labeled/blind-e.tsv` was written blind in session 9, `blind-f.tsv` in session
//!   10 and `blind-g.tsv` (twelve sentence shapes) in session 14; all three are held out
//!   like the test set;
//! - blind set H (session 16) was split by topic: `blind-h-dev.tsv` is tuned on,
//!   `blind-h-test.tsv` is held out; so was blind set I (session 18, the numbers in
//!   design docs: estimates, Little's law, budgets, quorums), into `blind-i-dev.tsv` and
//!   `blind-i-test.tsv`;
//! - `tests/labeled/test.tsv` was written apart from the code, before the claim engine was
//!   tuned, and is never used to tune it.
//!
//! Precision must stay at 0.95 or more on every set. Recall is held just below what the
//! engine reaches now, so that it cannot silently fall back: issue 13 asks for 0.85 on the
//! test set, which the engine does not reach yet (0.651 on the test set, 0.557 on blind set
//! E, 0.631 on blind set F and 0.877 on the dev set when these floors were set in session
//! 13; blind set G, added in session 14 at 0.448, was at 0.500 when its floor was set;
//! blind set H arrived in session 16 at 0.390 on its dev half and 0.346 on its test half;
//! floors raised in session 16 to test 0.65, E 0.56, F 0.63, H's dev half 0.62, and in
//! session 17 to dev 0.87, test 0.66, G 0.53, H's halves 0.67 and 0.36; blind set I
//! arrived in session 18 at 0.410 on its dev half and 0.430 on its test half).
//!
//! Scoring is per sentence: a wrong sentence counts as found when any claim rule flags it
//! (the family that flags it may differ from its label: "HTTP/2 runs over UDP" is a
//! transport claim or a knowledge claim); a correct sentence with any finding is a false
//! alarm. Per-family figures use the label. Only the claim rules are scored (not the
//! terminology hint or the document-level rules).

use std::collections::BTreeMap;

/// The rules that check claims; terminology hints and document-level rules are not
/// scored here.
const CLAIM_RULES: &[&str] = &[
    "cap-misuse",
    "consistency-confusion",
    "availability-math",
    "http-method-semantics",
    "transport-guarantees",
    "l4-content-routing",
    "service-level-terms",
    "cache-strategy-claims",
    "contradicts-knowledge",
];

struct Score {
    n: usize,
    tp: usize,
    fp: usize,
    fn_: usize,
    exact: usize,
    per_family: BTreeMap<String, [usize; 3]>,
    report: Vec<String>,
}

impl Score {
    fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }

    fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
}

fn score(name: &str, data: &str) -> Score {
    let projects = load::project::Projects::new(Default::default());
    let analysis = &projects.default_resolved().analysis;
    let mut s = Score {
        n: 0,
        tp: 0,
        fp: 0,
        fn_: 0,
        exact: 0,
        per_family: BTreeMap::new(),
        report: Vec::new(),
    };
    for line in data
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let Some((labels, text)) = line.split_once('\t') else {
            panic!("{name}: a line without a tab: {line}");
        };
        let wanted: Vec<&str> = labels
            .split(',')
            .map(str::trim)
            .filter(|l| CLAIM_RULES.contains(l))
            .collect();
        s.n += 1;
        let doc = ide::Document::new(format!("{text}\n").into(), Some("/docs/notes.md".into()));
        let got: Vec<(String, String)> = analysis
            .diagnostics(&doc)
            .iter()
            .filter(|d| CLAIM_RULES.contains(&d.code))
            .map(|d| (d.code.to_owned(), d.message.clone()))
            .collect();
        let family = wanted.first().copied().unwrap_or("-").to_owned();
        match (wanted.is_empty(), got.is_empty()) {
            (false, false) => {
                s.tp += 1;
                s.per_family.entry(family).or_default()[0] += 1;
                if got.iter().any(|(c, _)| wanted.contains(&c.as_str())) {
                    s.exact += 1;
                }
            }
            (false, true) => {
                s.fn_ += 1;
                s.per_family.entry(family).or_default()[2] += 1;
                s.report.push(format!("missed {labels}: {text}"));
            }
            (true, false) => {
                s.fp += 1;
                let code = got[0].0.clone();
                s.per_family.entry(code.clone()).or_default()[1] += 1;
                s.report
                    .push(format!("false alarm {code}: {text}\n      -> {}", got[0].1));
            }
            (true, true) => {}
        }
    }
    eprintln!(
        "{name}: {} sentences, precision {:.3}, recall {:.3} ({} found, {} false, {} missed; {} found under their own family)",
        s.n,
        s.precision(),
        s.recall(),
        s.tp,
        s.fp,
        s.fn_,
        s.exact
    );
    for (family, [t, f, m]) in &s.per_family {
        eprintln!("  {family:<26} found {t:>3}  false {f:>3}  missed {m:>3}");
    }
    s
}

/// Scores a set that is tuned on: its misses are printed.
fn tuned(name: &str, data: &str, min_sentences: usize, min_recall: f64) {
    let s = score(name, data);
    for line in &s.report {
        eprintln!("  {line}");
    }
    check(name, &s, min_sentences, min_recall);
}

/// Scores a held-out set: its misses and false alarms are not printed, so that nobody
/// tunes on them by reading the test output; set `TRADEOFF_SHOW_TEST_SET=1` to see them.
fn held_out(name: &str, data: &str, min_sentences: usize, min_recall: f64) {
    let s = score(name, data);
    if std::env::var_os("TRADEOFF_SHOW_TEST_SET").is_some() {
        for line in &s.report {
            eprintln!("  {line}");
        }
    }
    check(name, &s, min_sentences, min_recall);
}

fn check(name: &str, s: &Score, min_sentences: usize, min_recall: f64) {
    assert!(s.n >= min_sentences, "{name} has {} sentences", s.n);
    assert!(
        s.precision() >= 0.95,
        "{name} precision {:.3}",
        s.precision()
    );
    assert!(s.recall() >= min_recall, "{name} recall {:.3}", s.recall());
}

#[test]
fn dev_set_precision_and_recall() {
    tuned("dev", include_str!("labeled/dev.tsv"), 700, 0.87);
}

/// Blind set C: written apart from the code over 80 concepts, scored before any tuning on
/// it (recall 0.148, precision 1.000). Now a set to tune on; only its precision is held.
#[test]
fn blind_set_c_precision() {
    tuned("blind-c", include_str!("labeled/blind-c.tsv"), 450, 0.0);
}

/// Blind set D: written apart from the code over the families with rules of their own,
/// scored before any tuning on it (recall 0.577, precision 0.994). Now a set to tune on.
#[test]
fn blind_set_d_precision() {
    tuned("blind-d", include_str!("labeled/blind-d.tsv"), 400, 0.0);
}

/// Blind set E: written like set D and independently of it, and held out like the test
/// set (first scored at recall 0.459, precision 0.993).
#[test]
fn held_out_blind_set_e_precision_and_recall() {
    held_out("blind-e", include_str!("labeled/blind-e.tsv"), 500, 0.56);
}

/// Blind set F: written apart from the code over the eight families with rules of their
/// own, and held out (first scored at recall 0.522, precision 0.987).
#[test]
fn held_out_blind_set_f_precision_and_recall() {
    held_out("blind-f", include_str!("labeled/blind-f.tsv"), 500, 0.63);
}

/// Blind set G: twelve sentence shapes the engine was not built from, written apart from
/// the code by someone who never ran the checker (half of the set; the other half is in
/// the dev set), and held out (first scored at recall 0.448, precision 0.981).
#[test]
fn held_out_blind_set_g_precision_and_recall() {
    held_out("blind-g", include_str!("labeled/blind-g.tsv"), 230, 0.53);
}

/// Blind set H, the half to tune on: written apart from the code over about 125
/// concepts, split by topic from the held-out half (first scored at recall 0.390,
/// precision 0.918).
#[test]
fn blind_set_h_dev_half() {
    tuned(
        "blind-h-dev",
        include_str!("labeled/blind-h-dev.tsv"),
        300,
        0.67,
    );
}

/// Blind set H, the held-out half (first scored at recall 0.346, precision 0.955).
#[test]
fn held_out_blind_set_h_test_half() {
    held_out(
        "blind-h-test",
        include_str!("labeled/blind-h-test.tsv"),
        300,
        0.36,
    );
}

/// Blind set I, the half to tune on: the numbers in design docs, written apart from the
/// code (first scored at recall 0.410, precision 0.971).
#[test]
fn blind_set_i_dev_half() {
    tuned(
        "blind-i-dev",
        include_str!("labeled/blind-i-dev.tsv"),
        150,
        0.41,
    );
}

/// Blind set I, the held-out half (first scored at recall 0.430, precision 1.000).
#[test]
fn held_out_blind_set_i_test_half() {
    held_out(
        "blind-i-test",
        include_str!("labeled/blind-i-test.tsv"),
        150,
        0.44,
    );
}

/// The held-out test set. Issue 13's bar is recall 0.85; see the module documentation.
#[test]
fn held_out_test_set_precision_and_recall() {
    held_out("test", include_str!("labeled/test.tsv"), 500, 0.66);
}
