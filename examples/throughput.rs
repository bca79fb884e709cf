//! Softmax throughput, the exact core against the naive baseline, in one
//! run: elements per second for n = 1e3, 1e5, 1e6.
//!
//! `cargo run --release --example throughput` (part of `cargo xtask bench`).
//! The inputs are a fixed pseudo-random normal vector (sigma = 3), so runs
//! are comparable; each figure is the best of several timed repetitions.
//!
//! A second table sets, for each function, the hardest input we know how
//! to build beside random input of the same size (n = 1e6; 2048 for the
//! full Jacobian), so a slow path that crawls shows up as a large ratio.

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
    worst_cases();
}

/// One row of the worst-case table: time per call on random input and on
/// the constructed one, and the ratio.
fn compare(name: &str, n: usize, random: &mut dyn FnMut() -> f64, worst: &mut dyn FnMut() -> f64) {
    let budget = Duration::from_millis(300);
    let r = best_time(random, budget);
    let w = best_time(worst, budget);
    let per = |d: Duration| d.as_secs_f64() * 1e9 / n as f64;
    println!(
        "| {name} | {n} | {:.1} | {:.1} | {:.2}x |",
        per(r),
        per(w),
        w.as_secs_f64() / r.as_secs_f64()
    );
}

/// The slow paths' inputs: results next to a rounding midpoint (the exact
/// kernel reruns the whole vector), equal logits whose log-sum-exp cancels
/// to near 0 (the expansion refinement), and tangents of +-1e300 that
/// cancel in the JVP's weighted mean (the expansion fallback).
fn worst_cases() {
    use softmax_lesson::math::{jacobian, jvp, log_softmax, logsumexp, logsumexp_f32, softmax};
    println!(
        "\nworst constructed input beside random input (ns per element, best of repeated runs)\n"
    );
    println!("| function | n | random | worst | worst / random |");
    println!("|---|---:|---:|---:|---:|");
    let n = 1_000_000;
    let x = logits(n, 3.0);
    // softmax([0, 6.661338147750939e-16]) lies within 1e-48 of a midpoint;
    // the other logits, 1000 below, cannot move it off.
    let mut mid: Vec<f64> = x.iter().map(|v| v - 1000.0).collect();
    mid[0] = 0.0;
    mid[1] = 6.661_338_147_750_939e-16;
    compare(
        "softmax (near-midpoint result)",
        n,
        &mut || softmax(black_box(&x))[0],
        &mut || softmax(black_box(&mid))[1],
    );
    // log_softmax([0, -b])[1] = -b - e^-b - ...; with b = fl(48 ln 2) in
    // [32, 64), e^-b is half an ulp of b times (1 + about 2^-48): the result
    // lies within about 2^-96 (absolute) of a midpoint.
    let mut lmid = mid.clone();
    lmid[1] = -48.0 * std::f64::consts::LN_2;
    compare(
        "log_softmax (near-midpoint result)",
        n,
        &mut || log_softmax(black_box(&x))[0],
        &mut || log_softmax(black_box(&lmid))[1],
    );
    // n equal logits at fl(-ln n): the log-sum-exp is x + ln n, about 1e-17.
    let equal = vec![-(n as f64).ln(); n];
    compare(
        "logsumexp (equal logits near -ln n)",
        n,
        &mut || logsumexp(black_box(&x)),
        &mut || logsumexp(black_box(&equal)),
    );
    let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
    let equal32 = vec![-(n as f32).ln(); n];
    compare(
        "logsumexp_f32 (equal logits near -ln n)",
        n,
        &mut || f64::from(logsumexp_f32(black_box(&x32))),
        &mut || f64::from(logsumexp_f32(black_box(&equal32))),
    );
    let tangent: Vec<f64> = x.iter().map(|v| 0.5 * v + 0.25).collect();
    let mut cancel = vec![0.0; n];
    cancel[0] = 1e300;
    cancel[1] = -1e300;
    compare(
        "jvp (equal logits, tangents +-1e300 cancelling)",
        n,
        &mut || jvp(black_box(&x), 1.0, &tangent).map_or(0.0, |v| v[0]),
        &mut || jvp(black_box(&equal), 1.0, &cancel).map_or(0.0, |v| v[2]),
    );
    let m = 2048;
    let xs = logits(m, 3.0);
    let mut mids: Vec<f64> = xs.iter().map(|v| v - 1000.0).collect();
    mids[0] = 0.0;
    mids[1] = 6.661_338_147_750_939e-16;
    compare(
        "jacobian (near-midpoint softmax; n^2 entries)",
        m * m,
        &mut || jacobian(black_box(&xs), 1.0).map_or(0.0, |v| v[0]),
        &mut || jacobian(black_box(&mids), 1.0).map_or(0.0, |v| v[1]),
    );
    // Distinct logits reach the expansion exponential once per logit, which
    // costs tens of microseconds; shown at n = 1000 so the run stays short.
    let k = 1000;
    let xk = logits(k, 3.0);
    let lse = logsumexp(&xk);
    let shifted: Vec<f64> = xk.iter().map(|v| v - lse).collect();
    compare(
        "logsumexp (distinct logits shifted by their lse)",
        k,
        &mut || logsumexp(black_box(&xk)),
        &mut || logsumexp(black_box(&shifted)),
    );
    let mut tied = xk.clone();
    tied[1] = tied[0];
    let tk: Vec<f64> = xk.iter().map(|v| 0.5 * v + 0.25).collect();
    let mut ck = vec![0.0; k];
    ck[0] = 1e300;
    ck[1] = -1e300;
    compare(
        "jvp (distinct logits, tangents +-1e300 cancelling)",
        k,
        &mut || jvp(black_box(&xk), 1.0, &tk).map_or(0.0, |v| v[0]),
        &mut || jvp(black_box(&tied), 1.0, &ck).map_or(0.0, |v| v[2]),
    );
}
