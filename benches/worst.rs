//! Worst cases beside random input: one timed call per row at
//! n = 1e6 (`WORST_N` to change), in ns per element. `cargo bench --bench
//! worst`. Inputs: random logits in [-6, 6); the same shifted by their own
//! log-sum-exp (many outputs near a rounding boundary of the fast path);
//! n equal logits at fl(-ln n) (log-sum-exp cancels to ~1e-16); for the JVP,
//! tangents +-1e300 cancelling on pairs of equal logits.

use std::hint::black_box;
use std::time::Instant;

fn logits(n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| ((i as f64) * 0.618_033_988_749_895).fract() * 12.0 - 6.0)
        .collect()
}

fn time<T>(label: &str, n: usize, f: impl Fn() -> T) -> f64 {
    let start = Instant::now();
    black_box(f());
    let ns = start.elapsed().as_nanos() as f64 / n as f64;
    println!("{label:<44} {ns:>12.1} ns/element");
    ns
}

fn main() {
    use softmax_lesson::math::{jvp, logsumexp, softmax};
    let n: usize = std::env::var("WORST_N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    println!("n = {n}");
    let random = logits(n);
    let lse = logsumexp(&random);
    let shifted: Vec<f64> = random.iter().map(|x| x - lse).collect();
    let equal = vec![-(n as f64).ln(); n];
    let pairs: Vec<f64> = (0..n).map(|i| random[i / 2 * 2]).collect();
    let cancel: Vec<f64> = (0..n)
        .map(|i| if i % 2 == 0 { 1e300 } else { -1e300 })
        .collect();
    let small: Vec<f64> = (0..n).map(|i| random[(i * 7) % n] * 0.01).collect();
    let r = time("softmax random", n, || softmax(&random));
    time("softmax shifted by its own logsumexp", n, || {
        softmax(&shifted)
    });
    time("softmax equal logits at -ln n", n, || softmax(&equal));
    time("logsumexp random", n, || logsumexp(&random));
    time("logsumexp shifted by its own logsumexp", n, || {
        logsumexp(&shifted)
    });
    time("logsumexp equal logits at -ln n", n, || logsumexp(&equal));
    let j = time("jvp random (small tangent)", n, || {
        jvp(&random, 1.0, &small)
    });
    time("jvp +-1e300 on pairs of equal logits", n, || {
        jvp(&pairs, 1.0, &cancel)
    });
    println!("(softmax random {r:.1} ns, jvp random {j:.1} ns per element)");
}
