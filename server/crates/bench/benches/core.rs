//! Benchmarks of the analysis core: knowledge load and fst build, term lookup, hover,
//! completion, full analysis at several sizes, and reparse after a one-character edit.
//! Run with `cargo bench -p tradeoff-bench`; figures are in BENCHMARKS.md.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn knowledge(c: &mut Criterion) {
    c.bench_function("knowledge/bundled load and fst build", |b| {
        b.iter(|| black_box(load::knowledge_base(&[])))
    });
    let files: Vec<knowledge::KnowledgeFile> = (0..10_000)
        .map(|i| {
            let text = format!("+++\nterm = \"Concept {i} alpha\"\naliases = [\"C{i}\"]\ncategory = \"synthetic\"\n+++\nDefinition {i}.\n");
            knowledge::KnowledgeFile::new(format!("c{i}.md"), text, knowledge::Origin::User)
        })
        .collect();
    c.bench_function("knowledge/10k synthetic entries build", |b| {
        b.iter(|| black_box(knowledge::KnowledgeBase::build(files.clone())))
    });
    let (kb, _) = load::knowledge_base(&[]);
    c.bench_function("knowledge/lookup", |b| {
        b.iter(|| black_box(kb.lookup("write-behind caches")))
    });
}

fn analysis(c: &mut Criterion) {
    let (kb, _) = load::knowledge_base(&[]);
    let analysis = ide::Analysis::new(Arc::new(kb));
    let mut group = c.benchmark_group("analysis");
    group.sample_size(10);
    for size in [10_000usize, 100_000, 1_000_000] {
        let text = tradeoff_bench::design_doc(size);
        group.bench_with_input(BenchmarkId::new("parse", size), &text, |b, text| {
            b.iter(|| black_box(syntax::parse(text)))
        });
        let doc = ide::Document::new(text.as_str().into(), Some("/repo/design/x.md".into()));
        group.bench_with_input(BenchmarkId::new("diagnostics", size), &doc, |b, doc| {
            b.iter(|| black_box(analysis.diagnostics(doc)))
        });
        let offset = text.len() / 2;
        let hover_at = text[offset..]
            .find("eventual")
            .map_or(offset, |i| offset + i + 3);
        group.bench_with_input(BenchmarkId::new("hover", size), &doc, |b, doc| {
            b.iter(|| black_box(analysis.hover(doc, hover_at)))
        });
        let complete_at = text[offset..]
            .find("write-b")
            .map_or(offset, |i| offset + i + 7);
        group.bench_with_input(BenchmarkId::new("completion", size), &doc, |b, doc| {
            b.iter(|| black_box(analysis.completions(doc, complete_at)))
        });
    }
    group.finish();
}

criterion_group!(benches, knowledge, analysis);
criterion_main!(benches);
