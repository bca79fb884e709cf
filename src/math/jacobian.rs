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
    let mut j = Vec::with_capacity(n * n);
    for i in 0..n {
        for k in 0..n {
            let entry = if i == k {
                p[i] * (1.0 - p[i])
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
    let mean: f64 = p.iter().zip(tangent).map(|(p, v)| p * v).sum();
    Ok(p.iter()
        .zip(tangent)
        .map(|(p, v)| p * (v - mean) / temperature_t)
        .collect())
}
