//! Softmax throughput, the exact core against the naive baseline, in one
//! run: elements per second for n = 1e3, 1e5, 1e6.
//!
//! `cargo run --release --example throughput` (part of `cargo xtask bench`).
//! The inputs are a fixed pseudo-random normal vector (sigma = 3), so runs
//! are comparable; each figure is the best of several timed repetitions.

use std::hint::black_box;
use std::time::{Duration, Instant};

use softmax_lesson::math::naive;

/// A small deterministic generator (SplitMix64) and Box-Muller normals, so
/// the example needs no dependency.
fn logits(n: usize, sigma: f64) -> Vec<f64> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..n)
        .map(|_| {
            let u = next().max(1e-300);
            let v = next();
            sigma * (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
        })
        .collect()
}

/// Best time per call over repetitions lasting at least `budget` in total.
fn best_time(f: &mut dyn FnMut() -> f64, budget: Duration) -> Duration {
    let mut best = Duration::MAX;
    let start = Instant::now();
    let mut reps = 0;
    while reps < 3 || start.elapsed() < budget {
        let t = Instant::now();
        black_box(f());
        best = best.min(t.elapsed());
        reps += 1;
    }
    best
}

fn main() {
    println!("softmax throughput (elements per second; best of repeated runs)\n");
    println!("| n | exact core | naive f64 | exact / naive time |");
    println!("|---:|---:|---:|---:|");
    for n in [1_000usize, 100_000, 1_000_000] {
        let x = logits(n, 3.0);
        let budget = Duration::from_millis(if n >= 1_000_000 { 1500 } else { 700 });
        let exact = best_time(&mut || softmax_lesson::softmax(black_box(&x))[0], budget);
        let plain = best_time(&mut || naive::softmax(black_box(&x))[0], budget);
        let rate = |d: Duration| n as f64 / d.as_secs_f64();
        println!(
            "| {n} | {:.3e} | {:.3e} | {:.1}x |",
            rate(exact),
            rate(plain),
            exact.as_secs_f64() / plain.as_secs_f64()
        );
    }
    let x = logits(50_000, 3.0);
    let t = best_time(
        &mut || softmax_lesson::softmax(black_box(&x))[0],
        Duration::from_millis(700),
    );
    println!(
        "\nexact softmax, n = 50 000 (the page's vocabulary size): {:.2} ms per call (native)",
        t.as_secs_f64() * 1e3
    );
}
