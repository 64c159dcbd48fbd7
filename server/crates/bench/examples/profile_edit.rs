//! Splits the cost of one edit at 1 MB into its parts (a development aid; figures printed).
#![allow(clippy::print_stdout)]
use std::sync::Arc;
use std::time::Instant;

fn main() {
    let size: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let (kb, _) = load::knowledge_base(&[]);
    let mut analysis = ide::Analysis::new(Arc::new(kb));
    // `TRADEOFF_BENCH_OFF=rule,rule` turns rules off, to measure what one costs.
    if let Ok(off) = std::env::var("TRADEOFF_BENCH_OFF") {
        let mut config = ide::DiagnosticsConfig::default();
        for rule in off.split(',').filter(|r| !r.is_empty()) {
            config.rules.insert(rule.to_owned(), None);
        }
        analysis = analysis.with_config(config);
    }
    let text = tradeoff_bench::design_doc(size);
    println!("rss before parse (now, peak MB) {:?}", rss());
    let t = Instant::now();
    let tree = syntax::parse(&text);
    println!("parse {:?}", t.elapsed());
    println!("rss after parse {:?}", rss());
    let doc = ide::Document::with_tree(
        text.as_str().into(),
        tree.clone(),
        Some("/repo/design/x.md".into()),
    );
    let mut cache = ide::DiagnosticsCache::default();
    let t = Instant::now();
    analysis.diagnostics_cached(&doc, &mut cache);
    println!("full diagnostics {:?}", t.elapsed());
    println!("rss after diagnostics {:?}", rss());
    let t = Instant::now();
    analysis.diagnostics_cached(&doc, &mut cache);
    println!(
        "cached diagnostics, no edit {:?} {:?}",
        t.elapsed(),
        cache.last_run
    );
    let t = Instant::now();
    let blocks = syntax::text_blocks(&doc.tree);
    println!("text_blocks {:?} ({} blocks)", t.elapsed(), blocks.len());
    let t = Instant::now();
    let h = syntax::headings(&doc.tree, &doc.text);
    println!("headings {:?} ({})", t.elapsed(), h.len());
    println!("chunks {}", doc.tree.chunk_count());
    let t = Instant::now();
    let terms = analysis.terms(&doc, 0..doc.text.len());
    println!(
        "all terms (semantic tokens, index) {:?} ({})",
        t.elapsed(),
        terms.len()
    );
    let mut terms_cache = ide::TermsCache::default();
    analysis.all_terms(&doc, &mut terms_cache);
    let t = Instant::now();
    let items = analysis.glossary(&doc);
    println!("glossary {:?} ({})", t.elapsed(), items.len());
    let t = Instant::now();
    let v = analysis.doc_kind(&doc);
    println!("doc kind {:?} {v:?}", t.elapsed());
    // incremental reparse
    let at = text.len() / 2;
    let mut new = text.clone();
    new.insert(at, 'x');
    let mut edited = tree.clone();
    let row = text[..at].matches('\n').count();
    let column = at - text[..at].rfind('\n').map_or(0, |i| i + 1);
    syntax::edit(
        &mut edited,
        &syntax::TextEdit {
            start_byte: at,
            old_end_byte: at,
            new_end_byte: at + 1,
            start_point: syntax::TextPoint { row, column },
            old_end_point: syntax::TextPoint { row, column },
            new_end_point: syntax::TextPoint {
                row,
                column: column + 1,
            },
        },
    );
    let t = Instant::now();
    let re = syntax::reparse(Some(&edited), &new);
    println!("incremental reparse {:?}", t.elapsed());
    let doc2 = ide::Document::with_tree(new.as_str().into(), re, Some("/repo/design/x.md".into()));
    let t = Instant::now();
    analysis.diagnostics_cached(&doc2, &mut cache);
    println!(
        "cached diagnostics after edit {:?} {:?}",
        t.elapsed(),
        cache.last_run
    );
    let t = Instant::now();
    analysis.all_terms(&doc2, &mut terms_cache);
    println!("cached terms after edit {:?}", t.elapsed());
}

/// Resident set now and at its peak, in MB (Linux).
#[allow(dead_code)]
fn rss() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let get = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 1024.0
    };
    (get("VmRSS:"), get("VmHWM:"))
}
