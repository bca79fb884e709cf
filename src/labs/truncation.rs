//! Top-k and top-p (nucleus) truncation: the masking mechanism applied to
//! the weakest entries of one row. Entries that are cut get the score
//! `-inf`, and softmax renormalises over the rest.

use crate::softmax;

/// Which entries top-k keeps: the `k` largest scores (ties broken by the
/// earlier position; `-inf` entries are never kept; at least one entry is
/// kept when any is finite). `k = 0` is treated as 1.
pub fn top_k(scores: &[f64], k: usize) -> Vec<bool> {
    let order = ranked(scores);
    let mut keep = vec![false; scores.len()];
    for &i in order.iter().take(k.max(1)) {
        if scores[i] > f64::NEG_INFINITY {
            keep[i] = true;
        }
    }
    keep
}

/// Which entries top-p keeps: the fewest most probable entries whose
/// probabilities `softmax(scores)` add up to at least `p` (at least one,
/// `p` clamped to `[0, 1]`; entries with probability 0 are never kept).
pub fn top_p(scores: &[f64], p: f64) -> Vec<bool> {
    let probs = softmax(scores);
    let target = if p.is_nan() { 1.0 } else { p.clamp(0.0, 1.0) };
    let mut keep = vec![false; scores.len()];
    let mut total = 0.0;
    for i in ranked(scores) {
        if probs[i] <= 0.0 || (total >= target && keep.iter().any(|&k| k)) {
            break;
        }
        keep[i] = true;
        total += probs[i];
    }
    keep
}

/// `scores` with the entries not kept set to `-inf`.
pub fn truncate(scores: &[f64], keep: &[bool]) -> Vec<f64> {
    scores
        .iter()
        .zip(keep)
        .map(|(&s, &k)| if k { s } else { f64::NEG_INFINITY })
        .collect()
}

/// Positions sorted by score, largest first (earlier first on ties; NaN
/// last). An insertion sort: rows are short, and it keeps the wasm small.
fn ranked(scores: &[f64]) -> Vec<usize> {
    let before =
        |a: usize, b: usize| scores[a] > scores[b] || (scores[b].is_nan() && !scores[a].is_nan());
    let mut order: Vec<usize> = Vec::with_capacity(scores.len());
    for i in 0..scores.len() {
        let at = order
            .iter()
            .position(|&j| before(i, j))
            .unwrap_or(order.len());
        order.insert(at, i);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_k_keeps_the_largest_scores() {
        assert_eq!(
            top_k(&[1.0, 3.0, 2.0, 0.0], 2),
            vec![false, true, true, false]
        );
        assert_eq!(top_k(&[1.0, 1.0], 1), vec![true, false]);
        assert_eq!(top_k(&[f64::NEG_INFINITY, 0.0], 2), vec![false, true]);
    }

    #[test]
    fn top_p_keeps_the_smallest_nucleus() {
        // softmax(2, 1, 0) is about (0.665, 0.245, 0.090).
        assert_eq!(top_p(&[2.0, 1.0, 0.0], 0.5), vec![true, false, false]);
        assert_eq!(top_p(&[2.0, 1.0, 0.0], 0.8), vec![true, true, false]);
        assert_eq!(top_p(&[2.0, 1.0, 0.0], 1.0), vec![true, true, true]);
        assert_eq!(top_p(&[2.0, 1.0, 0.0], 0.0), vec![true, false, false]);
    }

    #[test]
    fn ranking_is_stable_and_puts_nan_last() {
        assert_eq!(ranked(&[1.0, 3.0, 1.0, f64::NAN, 3.0]), vec![1, 4, 0, 2, 3]);
    }

    #[test]
    fn truncated_entries_get_zero_weight() {
        let s = [2.0, 1.0, 0.0];
        let p = softmax(&truncate(&s, &top_k(&s, 2)));
        assert_eq!(p[2], 0.0);
        assert!((p[0] + p[1] - 1.0).abs() < 1e-15);
    }
}
