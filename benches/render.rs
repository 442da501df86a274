//! Rendering one item's Markdown body (pulldown-cmark + sanitising) at the
//! sizes of a learning summary and of a long report.
//!
//!     cargo bench --bench render

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use clearhouse::corpus::{body, Rng};
use clearhouse::render::markdown::render_markdown;

fn render_one_item(c: &mut Criterion) {
    let mut group = c.benchmark_group("render item body");
    for words in [1_500, 8_000] {
        let markdown = body(&mut Rng(11), words);
        group.throughput(Throughput::Bytes(markdown.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(words), &markdown, |b, md| {
            b.iter(|| render_markdown(md, "/", &[]))
        });
    }
    group.finish();
}

criterion_group!(benches, render_one_item);
criterion_main!(benches);
