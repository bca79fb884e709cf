//! The **baseline**, not the core: a plain, stable f64 softmax as most
//! libraries write it (subtract the maximum, `exp` from the platform `libm`,
//! a running sum, a division), kept only so that the accuracy table, the
//! benchmarks and the stability lab can show what the exact core gains.
//!
//! Nothing here is correctly rounded, and its results may differ between
//! targets (it calls `f64::exp` and `f64::ln_1p`). Special values of
//! non-finite inputs are whatever IEEE arithmetic gives, not the crate's
//! contract.

/// `e^{x_i - m} / sum_j e^{x_j - m}`, with `m` the maximum.
pub fn softmax(logits: &[f64]) -> Vec<f64> {
    softmax_with_temperature(logits, 1.0)
}

/// `softmax(x / T)` the usual way: `z = (x - m) / T`, `e^z / sum e^z`.
pub fn softmax_with_temperature(logits: &[f64], t: f64) -> Vec<f64> {
    let m = logits.iter().fold(f64::NEG_INFINITY, |a, &b| a.max(b));
    let e: Vec<f64> = logits.iter().map(|&x| ((x - m) / t).exp()).collect();
    let sum: f64 = e.iter().sum();
    e.iter().map(|&v| v / sum).collect()
}

/// `(x_i - m) - ln(sum_j e^{x_j - m})`.
pub fn log_softmax(logits: &[f64]) -> Vec<f64> {
    log_softmax_with_temperature(logits, 1.0)
}

/// `(x_i - m)/T - ln(sum_j e^{(x_j - m)/T})`.
pub fn log_softmax_with_temperature(logits: &[f64], t: f64) -> Vec<f64> {
    let m = logits.iter().fold(f64::NEG_INFINITY, |a, &b| a.max(b));
    let sum: f64 = logits.iter().map(|&x| ((x - m) / t).exp()).sum();
    let l = sum.ln();
    logits.iter().map(|&x| (x - m) / t - l).collect()
}

/// `m + ln(sum_j e^{x_j - m})`.
pub fn logsumexp(logits: &[f64]) -> f64 {
    let m = logits.iter().fold(f64::NEG_INFINITY, |a, &b| a.max(b));
    let sum: f64 = logits.iter().map(|&x| (x - m).exp()).sum();
    m + sum.ln()
}

/// `(diag(p) - p p^T) / T` entry by entry, from the naive `p`.
pub fn jacobian(logits: &[f64], t: f64) -> Vec<f64> {
    let p = softmax_with_temperature(logits, t);
    let n = p.len();
    let mut j = Vec::with_capacity(n * n);
    for i in 0..n {
        for k in 0..n {
            let d = if i == k { 1.0 } else { 0.0 };
            j.push(p[i] * (d - p[k]) / t);
        }
    }
    j
}

/// `p_i (v_i - sum_j p_j v_j) / T` from the naive `p`.
pub fn jvp(logits: &[f64], t: f64, tangent: &[f64]) -> Vec<f64> {
    let p = softmax_with_temperature(logits, t);
    let mean: f64 = p.iter().zip(tangent).map(|(p, v)| p * v).sum();
    p.iter()
        .zip(tangent)
        .map(|(p, v)| p * (v - mean) / t)
        .collect()
}
