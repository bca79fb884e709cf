//! Criterion benchmark: softmax of n = 1e3, 1e5, 1e6 logits, the exact
//! (correctly rounded) core next to the naive f64 baseline, reported as
//! elements per second. `cargo bench --bench softmax`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use softmax_lesson::math::naive;

/// Deterministic pseudo-random logits in [-6, 6) (golden-ratio sequence).
fn logits(n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| ((i as f64) * 0.618_033_988_749_895).fract() * 12.0 - 6.0)
        .collect()
}

fn softmax(c: &mut Criterion) {
    let mut group = c.benchmark_group("softmax");
    group.sample_size(10);
    for n in [1_000usize, 100_000, 1_000_000] {
        let x = logits(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("exact", n), &x, |b, x| {
            b.iter(|| softmax_lesson::softmax(black_box(x)))
        });
        group.bench_with_input(BenchmarkId::new("naive", n), &x, |b, x| {
            b.iter(|| naive::softmax(black_box(x)))
        });
    }
    group.finish();
}

criterion_group!(benches, softmax);
criterion_main!(benches);
