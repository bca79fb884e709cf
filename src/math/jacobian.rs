//! Derivatives of `p = softmax(x / T)` with respect to the logits.
//!
//! `d p_i / d x_j = p_i (delta_ij - p_j) / T`, i.e. `J = (diag(p) - p p^T) / T`.
//! Every row of `J` sums to zero (moving all logits together changes nothing),
//! and `J` vanishes as `p` approaches a vertex of the simplex or `T -> 0`.

use super::classify::{classify, temperature, Case, Temp};
use super::softmax::softmax_with_temperature;
use super::Error;

/// Whether the derivative is identically zero or NaN rather than given by the
/// formula: the limits `T = 0` and `T = +inf`, masked rows and `+inf` logits
/// all leave the probabilities locally constant.
fn degenerate(logits: &[f64], t: Temp) -> Option<f64> {
    match (classify(logits), t) {
        (Case::HasNan, _) => Some(f64::NAN),
        (Case::Finite { .. }, Temp::Finite(_)) => None,
        _ => Some(0.0),
    }
}

/// The Jacobian of `softmax(x / T)`, row-major `n * n`:
///
/// `J_ij = d p_i / d x_j = (delta_ij p_i - p_i p_j) / T`
///
/// Special values: any NaN gives all NaN; `T = 0`, `T = +inf`, a fully masked
/// row or `+inf` logits give all zeros; a negative or NaN `T` is an [`Error`].
pub fn jacobian(logits: &[f64], temperature_t: f64) -> Result<Vec<f64>, Error> {
    let temp = temperature(temperature_t)?;
    let n = logits.len();
    if let Some(fill) = degenerate(logits, temp) {
        return Ok(vec![fill; n * n]);
    }
    let p = softmax_with_temperature(logits, temperature_t)?;
    // 1 - p_i cancels badly when p_i is close to 1; there it is the sum of
    // the other probabilities instead (at most one entry exceeds 1/2).
    let one_minus = |i: usize| -> f64 {
        if p[i] > 0.5 {
            p.iter()
                .enumerate()
                .filter(|&(k, _)| k != i)
                .map(|(_, v)| v)
                .sum()
        } else {
            1.0 - p[i]
        }
    };
    let mut j = Vec::with_capacity(n * n);
    for i in 0..n {
        for k in 0..n {
            let entry = if i == k {
                p[i] * one_minus(i)
            } else {
                -p[i] * p[k]
            };
            j.push(entry / temperature_t);
        }
    }
    Ok(j)
}

/// The Jacobian-vector product `J v` without forming `J`:
///
/// `(J v)_i = p_i (v_i - sum_j p_j v_j) / T`
///
/// The tangent must have one entry per logit, otherwise an [`Error`]. The
/// special values of [`jacobian`] apply.
pub fn jvp(logits: &[f64], temperature_t: f64, tangent: &[f64]) -> Result<Vec<f64>, Error> {
    let temp = temperature(temperature_t)?;
    if tangent.len() != logits.len() {
        return Err(Error::LengthMismatch {
            expected: logits.len(),
            found: tangent.len(),
        });
    }
    if let Some(fill) = degenerate(logits, temp) {
        return Ok(vec![fill; logits.len()]);
    }
    let p = softmax_with_temperature(logits, temperature_t)?;
    // v_i - sum_j p_j v_j = sum_{j != i} p_j (v_i - v_j); written that way for
    // the dominant entry, whose plain form cancels when p_i is close to 1.
    let top = (0..p.len()).fold(0, |best, i| if p[i] > p[best] { i } else { best });
    let (rest, rest_weighted) = p
        .iter()
        .zip(tangent)
        .enumerate()
        .filter(|&(k, _)| k != top)
        .fold((0.0, 0.0), |(s, w), (_, (p, v))| (s + p, w + p * v));
    let mean = rest_weighted + p[top] * tangent[top];
    Ok(p.iter()
        .zip(tangent)
        .enumerate()
        .map(|(i, (p, v))| {
            let centred = if i == top {
                rest * v - rest_weighted
            } else {
                v - mean
            };
            p * centred / temperature_t
        })
        .collect())
}
