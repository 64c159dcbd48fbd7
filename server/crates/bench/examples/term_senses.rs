//! Lists every term the bundled knowledge marks in the given markdown files, one per line
//! as TSV: file, byte offset, the words, the entry ids, the sentence around them. A
//! development aid for judging whether each word means the concept its hover shows.
//!
//! `cargo run -p tradeoff-bench --example term_senses -- docs/*.md > terms.tsv` (`gen:100000`
//! for the benchmarks' generated design doc of 100 KB)
#![allow(clippy::print_stdout, clippy::print_stderr)]
use std::sync::Arc;

fn main() {
    let (kb, _) = load::knowledge_base(&[]);
    let kb = Arc::new(kb);
    let analysis = ide::Analysis::new(kb.clone());
    let mut n_words = 0;
    let mut n_terms = 0;
    let mut elapsed = std::time::Duration::ZERO;
    for path in std::env::args().skip(1) {
        // `gen:BYTES` stands for the benchmarks' generated design doc of that size.
        let generated = path
            .strip_prefix("gen:")
            .and_then(|n| n.parse().ok())
            .map(tradeoff_bench::design_doc);
        let Some(text) = generated.or_else(|| std::fs::read_to_string(&path).ok()) else {
            eprintln!("cannot read {path}");
            continue;
        };
        n_words += text.split_whitespace().count();
        let name = path.rsplit('/').next().unwrap_or(&path);
        let doc = ide::Document::new(text.as_str().into(), Some("/repo/design/x.md".into()));
        let started = std::time::Instant::now();
        let terms = analysis.terms(&doc, 0..text.len());
        elapsed += started.elapsed();
        for term in terms {
            n_terms += 1;
            let ids: Vec<&str> = term.entries.iter().map(|&e| &*kb.entry(e).id).collect();
            println!(
                "{name}\t{}\t{}\t{}\t{}",
                term.range.start,
                one_line(&text[term.range.clone()]),
                ids.join("|"),
                one_line(sentence(&text, term.range.clone()))
            );
        }
    }
    eprintln!("{n_terms} terms in {n_words} words, found in {elapsed:?}");
}

/// The sentence around `range`: back to the previous `. ` or blank line, forward to the
/// next, at most about 300 bytes each way.
fn sentence(text: &str, range: std::ops::Range<usize>) -> &str {
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let before = &text[floor(range.start.saturating_sub(300))..range.start];
    let start = [". ", ".\n", "\n\n", "? ", "! "]
        .iter()
        .filter_map(|p| before.rfind(p).map(|i| i + p.len()))
        .max()
        .map_or(range.start - before.len(), |i| {
            range.start - before.len() + i
        });
    let after = &text[range.end..floor((range.end + 300).min(text.len()))];
    let end = [". ", ".\n", "\n\n", "? ", "! "]
        .iter()
        .filter_map(|p| after.find(p).map(|i| i + 1))
        .min()
        .map_or(range.end + after.len(), |i| range.end + i);
    &text[start..end]
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
