//! Precision and recall of the rules on the labeled sentences in `tests/labeled/claims.tsv`,
//! with the bundled knowledge base (so knowledge-driven checks count too). Fails below
//! precision 0.95 or recall 0.85.

#[test]
fn labeled_set_precision_and_recall() {
    let data = include_str!("labeled/claims.tsv");
    let projects = load::project::Projects::new(Default::default());
    let analysis = &projects.default_resolved().analysis;
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut per_rule: std::collections::BTreeMap<&str, [usize; 3]> = Default::default();
    let mut report = Vec::new();
    let mut n = 0;
    for line in data
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (labels, text) = line.split_once('\t').expect("labels<TAB>sentence");
        let wanted: Vec<&str> = labels.split(',').filter(|l| *l != "-").collect();
        n += 1;
        let doc = ide::Document::new(format!("{text}\n").into(), Some("/docs/notes.md".into()));
        let got: Vec<&str> = analysis.diagnostics(&doc).iter().map(|d| d.code).collect();
        for code in &got {
            if wanted.contains(code) {
                tp += 1;
                per_rule.entry(code).or_default()[0] += 1;
            } else {
                fp += 1;
                per_rule.entry(code).or_default()[1] += 1;
                report.push(format!("false alarm {code}: {text}"));
            }
        }
        for want in &wanted {
            if !got.contains(want) {
                fn_ += 1;
                per_rule.entry(want).or_default()[2] += 1;
                report.push(format!("missed {want}: {text}"));
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    eprintln!(
        "labeled set: {n} sentences, precision {precision:.3}, recall {recall:.3} ({tp} found, {fp} false, {fn_} missed)"
    );
    for (rule, [t, f, m]) in &per_rule {
        eprintln!("  {rule:<26} found {t:>3}  false {f:>3}  missed {m:>3}");
    }
    for line in &report {
        eprintln!("  {line}");
    }
    assert!(n >= 150, "the labeled set has {n} sentences");
    assert!(
        precision >= 0.95,
        "precision {precision:.3} < 0.95:\n{}",
        report.join("\n")
    );
    assert!(
        recall >= 0.85,
        "recall {recall:.3} < 0.85:\n{}",
        report.join("\n")
    );
}
