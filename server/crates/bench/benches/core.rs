//! Benchmarks of the analysis core: knowledge load and fst build, term lookup, hover,
//! completion, full analysis at several sizes, and reparse plus diagnostics after a
//! one-character edit in prose, a list, a table and a code fence (with the block cache).
//! Run with `cargo bench -p tradeoff-bench`; figures are in BENCHMARKS.md.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn knowledge(c: &mut Criterion) {
    c.bench_function("knowledge/bundled load and fst build", |b| {
        b.iter(|| black_box(load::knowledge_base(&[])))
    });
    let synthetic = |n: usize| -> Vec<knowledge::KnowledgeFile> {
        (0..n)
            .map(|i| {
                let text = format!("+++\nterm = \"Concept {i} alpha\"\naliases = [\"C{i}\"]\ncategory = \"synthetic\"\n+++\nDefinition {i}.\n");
                knowledge::KnowledgeFile::new(format!("c{i}.md"), text, knowledge::Origin::User)
            })
            .collect()
    };
    let mut group = c.benchmark_group("knowledge");
    group.sample_size(10);
    for n in [10_000usize, 100_000] {
        let files = synthetic(n);
        group.bench_with_input(
            BenchmarkId::new("synthetic entries build", n),
            &files,
            |b, files| b.iter(|| black_box(knowledge::KnowledgeBase::build(files.clone()))),
        );
    }
    group.finish();
    let (kb, _) = load::knowledge_base(&[]);
    c.bench_function("knowledge/lookup", |b| {
        b.iter(|| black_box(kb.lookup("write-behind caches")))
    });
    let (big, _) = knowledge::KnowledgeBase::build(synthetic(100_000));
    c.bench_function("knowledge/lookup in 100k entries", |b| {
        b.iter(|| black_box(big.lookup("concept 51234 alpha")))
    });
}

fn analysis(c: &mut Criterion) {
    let (kb, _) = load::knowledge_base(&[]);
    let analysis = ide::Analysis::new(Arc::new(kb));
    let mut group = c.benchmark_group("analysis");
    group.sample_size(10);
    for size in [10_000usize, 100_000, 1_000_000, 10_000_000] {
        let text = tradeoff_bench::design_doc(size);
        // The reference: one tree-sitter-md tree for the whole text, on one thread.
        let mut parser = tree_sitter::Parser::new();
        parser
            .set_language(&tree_sitter_md::LANGUAGE.into())
            .expect("the grammar loads");
        group.bench_with_input(
            BenchmarkId::new("tree-sitter-md parse", size),
            &text,
            |b, text| b.iter(|| black_box(parser.parse(text, None))),
        );
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

/// A one-character insertion at `at` applied to the tree, reparsed incrementally.
fn edited(text: &str, tree: &syntax::Tree, at: usize) -> (String, syntax::Tree) {
    let mut new = String::with_capacity(text.len() + 1);
    new.push_str(&text[..at]);
    new.push('x');
    new.push_str(&text[at..]);
    let point = |offset: usize, s: &str| {
        let before = &s[..offset];
        let row = before.matches('\n').count();
        let column = offset - before.rfind('\n').map_or(0, |i| i + 1);
        syntax::TextPoint { row, column }
    };
    let mut tree = tree.clone();
    syntax::edit(
        &mut tree,
        &syntax::TextEdit {
            start_byte: at,
            old_end_byte: at,
            new_end_byte: at + 1,
            start_point: point(at, text),
            old_end_point: point(at, text),
            new_end_point: point(at + 1, &new),
        },
    );
    let tree = syntax::reparse(Some(&tree), &new);
    (new, tree)
}

fn incremental(c: &mut Criterion) {
    let (kb, _) = load::knowledge_base(&[]);
    let analysis = ide::Analysis::new(Arc::new(kb));
    let mut group = c.benchmark_group("edit");
    group.sample_size(20);
    for size in [100_000usize, 1_000_000] {
        let text = tradeoff_bench::design_doc(size);
        let path: Option<Arc<str>> = Some("/repo/design/x.md".into());
        let doc = ide::Document::new(text.as_str().into(), path.clone());
        let mut warm = ide::DiagnosticsCache::default();
        analysis.diagnostics_cached(&doc, &mut warm);
        let middle = text.len() / 2;
        let places = [
            ("prose", "Sessions live"),
            ("list", "- Reads go"),
            ("table", "| write-through"),
            ("code fence", "replicas: "),
        ];
        for (name, marker) in places {
            let at = middle + text[middle..].find(marker).unwrap_or(0) + marker.len() / 2;
            group.bench_with_input(
                BenchmarkId::new(format!("reparse + diagnostics, {name}"), size),
                &at,
                |b, &at| {
                    b.iter_batched(
                        || warm.clone(),
                        |mut cache| {
                            let (new, tree) = edited(&text, &doc.tree, at);
                            let doc = ide::Document::with_tree(new.into(), tree, path.clone());
                            black_box(analysis.diagnostics_cached(&doc, &mut cache))
                        },
                        criterion::BatchSize::LargeInput,
                    )
                },
            );
        }
    }
    group.finish();
}

criterion_group!(benches, knowledge, analysis, incremental);
criterion_main!(benches);
