//! Derivatives of `p = softmax(x / T)` with respect to the logits,
//! correctly rounded.
//!
//! `d p_i / d x_j = p_i (delta_ij - p_j) / T`, i.e. `J = (diag(p) - p p^T) / T`.
//! Every row of `J` sums to zero (moving all logits together changes nothing),
//! and `J` vanishes as `p` approaches a vertex of the simplex, and as
//! `T -> 0` when one logit is strictly the largest. When `k >= 2` logits tie
//! for the largest, the entries among the tied classes grow like `1 / T`
//! instead, and `T = 0` returns the signed infinities of that limit.
//!
//! # Accuracy
//!
//! The two places where the textbook formulas cancel are rewritten so they
//! do not (the same idea as Blanchard, Higham & Higham 2021, carried to the
//! derivative):
//!
//! * the diagonal `p_i (1 - p_i)`: with `e_i = e^{z_i}` and `1 + s` the sum
//!   of all of them, `1 - p_i = (1 + s - e_i) / (1 + s)`, and at the argmax
//!   `1 + s - e_i` is exactly `s`, which is already known to full relative
//!   accuracy. So a dominant `p ~ 1 - 1e-12` gives `p (1 - p)` to every
//!   digit instead of a few;
//! * the JVP's `v_i - sum_j p_j v_j`: the tangent is first re-centred on an
//!   f64 estimate `c` of its weighted mean (`w_j = v_j - c`, exact by
//!   TwoSum), and the mean of `w` is then taken in double-double, so a
//!   near-constant tangent loses nothing to the subtraction.
//!
//! Every product is a double-double with its own exponent ([`Scaled`]), and
//! each output is rounded once; the result is the exact value correctly
//! rounded except with probability near `2^-47` per output (see
//! `softmax.rs`). The JVP also tests each rounding and redoes an entry in
//! multi-word expansions when `v_i - mean` cancels by accident.

use super::classify::{classify, temperature, Case, Temp};
use super::dd::{exponent, ldexp, pow2, two_prod, two_sum, Dd};
use super::expansion::{exp_expansion, sum_terms, Expansion};
use super::output::Output;
use super::prepare::{prepare, shifted, Kernel, Temperature};
use super::scaled::Scaled;
use super::softmax::softmax_in;
use super::sum::Cascade;
use super::Error;

/// At `T = 0` with finite logits, the classes tied for the largest logit
/// when there are at least two of them; `None` otherwise (a unique argmax,
/// another temperature, or special values).
fn tied_block(logits: &[f64], t: Temp) -> Option<Vec<usize>> {
    let (Case::Finite { max, .. }, Temp::Zero) = (classify(logits), t) else {
        return None;
    };
    let block: Vec<usize> = (0..logits.len()).filter(|&i| logits[i] == max).collect();
    (block.len() >= 2).then_some(block)
}

/// The sign of `k v_i - sum_{j in block} v_j` (which is `v_i` minus the
/// tangent's mean over the tied block, times `k`), computed exactly with an
/// expansion: the sign of a nonoverlapping expansion is the sign of its
/// leading word. The terms are scaled by a power of two only when the
/// tangent is so large (above about `2^997`) that the sum could overflow.
fn sign_against_block_mean(v: &[f64], i: usize, block: &[usize]) -> f64 {
    let k = block.len() as f64;
    let mut terms: Vec<f64> = Vec::with_capacity(2 * block.len());
    for &j in block {
        terms.push(v[i]);
        terms.push(-v[j]);
    }
    if terms.iter().any(|x| !x.is_finite()) {
        // Outside the guarantee: IEEE arithmetic, NaN where it is undefined.
        let mean = block.iter().map(|&j| v[j]).sum::<f64>() / k;
        let d = v[i] - mean;
        return if d.is_nan() {
            f64::NAN
        } else if d == 0.0 {
            0.0
        } else {
            d.signum()
        };
    }
    let vmax = terms.iter().fold(0.0f64, |a, x| a.max(x.abs()));
    let headroom = 26 + (usize::BITS - block.len().leading_zeros()) as i32;
    let shift = if vmax == 0.0 {
        0
    } else {
        (exponent(vmax) + headroom - 1023).max(0)
    };
    if shift > 0 {
        for x in &mut terms {
            *x = ldexp(*x, -shift);
        }
    }
    let lead = sum_terms(&terms).0[0];
    if lead == 0.0 {
        0.0
    } else {
        lead.signum()
    }
}

/// Whether the derivative is identically zero or NaN rather than given by the
/// formula: the limits `T = 0` (with a unique argmax) and `T = +inf`, masked
/// rows and `+inf` logits all leave the probabilities locally constant.
fn degenerate(logits: &[f64], t: Temp) -> Option<f64> {
    match (classify(logits), t) {
        (Case::HasNan, _) => Some(f64::NAN),
        (Case::Finite { .. }, Temp::Finite(_)) => None,
        _ => Some(0.0),
    }
}

/// The sum of one row of a Jacobian returned by [`jacobian`], as a person
/// reading the matrix would state it: the plain sum, except that a row of
/// the `T = 0` limit with tied maxima (which holds `+inf` and `-inf`) sums
/// to 0, the limit of its sums (every row of `J` sums to 0 at every `T > 0`).
pub fn row_sum(row: &[f64]) -> f64 {
    if row.iter().any(|v| v.is_infinite()) && !row.iter().any(|v| v.is_nan()) {
        0.0
    } else {
        row.iter().sum()
    }
}

/// The most classes a full Jacobian is formed for: `n * n` entries must fit
/// in memory (and in a 32-bit `usize` on wasm32), so a larger `n` is an
/// [`Error`] rather than an allocation failure; [`jvp`] has no such limit.
pub const MAX_JACOBIAN_CLASSES: usize = 2048;

/// Generic Jacobian, rounded to `O`.
pub(crate) fn jacobian_in<O: Output>(logits: &[f64], temperature_t: f64) -> Result<Vec<O>, Error> {
    let temp = temperature(temperature_t)?;
    let n = logits.len();
    if n > MAX_JACOBIAN_CLASSES {
        return Err(Error::Invalid(format!(
            "a full Jacobian is formed for at most {MAX_JACOBIAN_CLASSES} classes (got {n}); use the Jacobian-vector product instead"
        )));
    }
    if let Some(block) = tied_block(logits, temp) {
        // The limit T -> 0 with tied maxima: the block's entries are
        // (delta_ij / k - 1 / k^2) / T, so +inf on its diagonal and -inf off
        // it; every other entry tends to 0.
        let mut j = vec![O::exact(0.0); n * n];
        for &a in &block {
            for &b in &block {
                j[a * n + b] = O::exact(if a == b {
                    f64::INFINITY
                } else {
                    f64::NEG_INFINITY
                });
            }
        }
        return Ok(j);
    }
    if let Some(fill) = degenerate(logits, temp) {
        return Ok(vec![O::exact(fill); n * n]);
    }
    let (Case::Finite { max, .. }, Temp::Finite(t)) = (classify(logits), temp) else {
        return Ok(vec![O::exact(f64::NAN); n * n]);
    };
    let t = Temperature::new(t);
    let prep = prepare(logits, max, &t, Kernel::Exact);
    // c = 1 / ((1 + s)^2 T); f_i = e_i c, so J_ij = -f_i e_j off the diagonal.
    let c = t.inverse().mul_dd(prep.inv_total.mul(prep.inv_total));
    let f: Vec<Scaled> = prep.exps.iter().map(|e| e.mul(c)).collect();
    let mut j = Vec::with_capacity(n * n);
    for (i, (ei, fi)) in prep.exps.iter().zip(&f).enumerate() {
        for (k, ek) in prep.exps.iter().enumerate() {
            let entry = if ei.is_zero() || ek.is_zero() {
                Scaled::ZERO
            } else if i == k {
                // p_i (1 - p_i) / T = f_i (1 + s - e_i)
                let rest = if i == prep.argmax {
                    prep.rest
                } else {
                    Scaled::new(prep.total.sub(ei.to_dd()), 0)
                };
                fi.mul(rest)
            } else {
                fi.mul(*ek).neg()
            };
            j.push(if entry.is_zero() {
                O::exact(if i == k { 0.0 } else { -0.0 })
            } else {
                O::round(entry)
            });
        }
    }
    Ok(j)
}

/// Generic JVP, rounded to `O`.
pub(crate) fn jvp_in<O: Output>(
    logits: &[f64],
    temperature_t: f64,
    tangent: &[f64],
) -> Result<Vec<O>, Error> {
    let temp = temperature(temperature_t)?;
    if tangent.len() != logits.len() {
        return Err(Error::LengthMismatch {
            expected: logits.len(),
            found: tangent.len(),
        });
    }
    if let Some(block) = tied_block(logits, temp) {
        // (J v)_i = (v_i - mean of v over the block) / (k T) in the block in
        // the limit, so an infinity of that sign (0 where they are equal);
        // every entry outside the block tends to 0.
        let mut out = vec![O::exact(0.0); logits.len()];
        for &i in &block {
            let sign = sign_against_block_mean(tangent, i, &block);
            if sign != 0.0 {
                out[i] = O::exact(sign * f64::INFINITY);
            }
        }
        return Ok(out);
    }
    if let Some(fill) = degenerate(logits, temp) {
        return Ok(vec![O::exact(fill); logits.len()]);
    }
    let (Case::Finite { max, .. }, Temp::Finite(tf)) = (classify(logits), temp) else {
        return Ok(vec![O::exact(f64::NAN); logits.len()]);
    };
    if tangent.iter().any(|v| !v.is_finite()) {
        // Outside the guarantee: plain IEEE evaluation on the exact p.
        let p: Vec<f64> = softmax_in(logits, tf)?;
        let mean: f64 = p.iter().zip(tangent).map(|(p, v)| p * v).sum();
        return Ok(p
            .iter()
            .zip(tangent)
            .map(|(p, v)| O::exact(p * (v - mean) / tf))
            .collect());
    }
    let t = Temperature::new(tf);
    let prep = prepare(logits, max, &t, Kernel::Exact);
    // Keep the tangent's magnitudes moderate (exact power-of-two scaling).
    let vmax = tangent.iter().fold(0.0f64, |a, v| a.max(v.abs()));
    if vmax == 0.0 {
        return Ok(vec![O::exact(0.0); logits.len()]);
    }
    let ve = exponent(vmax);
    let sv = if ve.abs() > 500 { ve } else { 0 };
    let v: Vec<f64> = tangent.iter().map(|&x| ldexp(x, -sv)).collect();
    let weights: Vec<Dd> = prep.exps.iter().map(|e| e.to_dd()).collect();
    // First estimate of the weighted mean, then re-centre on it.
    let mut sum = Cascade::mixed();
    for (w, &x) in weights.iter().zip(&v) {
        sum.push(w.mul_f64(x));
    }
    let center = sum.total().mul(prep.inv_total).hi;
    let centred: Vec<Dd> = v
        .iter()
        .map(|&x| {
            let (h, l) = two_sum(x, -center);
            Dd { hi: h, lo: l }
        })
        .collect();
    // The weighted mean with each product's exponent kept apart: a
    // subnormal weight times a large tangent is formed from the weight's
    // normal mantissa, so it never passes through a subnormal.
    // With every weight above 2^-600 and every centred tangent above
    // 2^-300, no product comes near the subnormal range and the plain
    // double-double dot product is exact enough (and fastest).
    const SMALL_C: f64 =
        1.0 / (1u128 << 100) as f64 / (1u128 << 100) as f64 / (1u128 << 100) as f64;
    let plain_sum = prep
        .exps
        .iter()
        .zip(&centred)
        .all(|(e, c)| e.is_zero() || c.hi == 0.0 || (e.e >= -600 && c.hi.abs() >= SMALL_C));
    let (mean, spread) = if plain_sum {
        let mut sum = Cascade::mixed();
        let mut spread_m = 0.0;
        for (w, c) in weights.iter().zip(&centred) {
            sum.push(w.mul(*c));
            spread_m += w.hi * c.hi.abs();
        }
        (
            Scaled::new(sum.total().mul(prep.inv_total), 0),
            Scaled::from_f64(spread_m * prep.inv_total.hi),
        )
    } else {
        let terms: Vec<Scaled> = prep
            .exps
            .iter()
            .zip(&centred)
            .filter(|(e, c)| !e.is_zero() && c.hi != 0.0)
            .map(|(e, c)| e.mul_dd(*c))
            .collect();
        let top = terms.iter().map(|t| t.e).max().unwrap_or(0);
        let mut sum = Cascade::mixed();
        let mut spread_m = 0.0;
        for t in &terms {
            let shift = t.e - top;
            if shift >= -1022 {
                // Bits lost here are below 2^-1074 of the largest product,
                // far inside the 2^-96 share of the spread allowed below.
                let scale = pow2(shift);
                sum.push(Dd {
                    hi: t.m.hi * scale,
                    lo: t.m.lo * scale,
                });
                spread_m += t.m.hi.abs() * scale;
            }
        }
        let mean = Scaled::new(sum.total(), top).mul_dd(prep.inv_total);
        let spread = Scaled::new(Dd::from_f64(spread_m), top).mul_dd(prep.inv_total);
        (mean, spread)
    };
    if centred.iter().all(|c| c.hi == 0.0) {
        // A constant tangent: J v = 0 exactly.
        return Ok(vec![O::exact(0.0); logits.len()]);
    }
    let scale = t.inverse().mul_dd(prep.inv_total);
    let scale = Scaled::new(scale.m, scale.e + sv);
    // Ziv's test: v_i - mean has an absolute error near 2^-96 times the
    // weighted spread of the centred tangent (plus |w_i|), so its relative
    // error grows as it cancels. Ambiguous entries are redone in expansions.
    const UNIT: f64 = 1.0 / (1u128 << 96) as f64;
    const TINY: f64 = 1.0 / (1u128 << 120) as f64 / (1u128 << 120) as f64 / (1u128 << 120) as f64; // 2^-360
    let in_range = |x: Scaled| {
        let x = x.normalized();
        x.is_zero() || (-360..=360).contains(&x.e)
    };
    let plain = (in_range(mean) && in_range(spread)).then(|| (mean.to_dd(), spread.to_dd().hi));
    let mut fallback: Option<ExactMean> = None;
    let mut out = Vec::with_capacity(logits.len());
    for (i, (e, c)) in prep.exps.iter().zip(&centred).enumerate() {
        if e.is_zero() {
            out.push(O::exact(0.0));
            continue;
        }
        // The common case: mean and spread well inside the f64 range, so
        // plain double-double arithmetic loses nothing (as fast as before).
        if let Some((mean, spread)) = plain {
            let d = c.sub(mean);
            if d.hi.abs() > TINY {
                let rel = UNIT * (1.0 + (spread + c.hi.abs()) / d.hi.abs());
                if let Some(y) = O::round_checked(e.mul(scale).mul_dd(d), rel) {
                    out.push(y);
                    continue;
                }
            }
        }
        let d = Scaled::new(*c, 0).add(mean.neg());
        let checked = if d.is_zero() {
            None
        } else {
            // (spread + |c_i|) / |d| with the exponents apart.
            let size = spread.add(Scaled::from_f64(c.hi.abs()));
            let (a, b) = (size.normalized(), d.normalized());
            let k = a.e - b.e;
            let rel = if k > 900 {
                f64::INFINITY
            } else if k < -900 {
                UNIT
            } else {
                UNIT * (1.0 + a.m.hi.abs() * pow2(k) / b.m.hi.abs())
            };
            if rel < 1e-20 {
                O::round_checked(e.mul(scale).mul(d), rel)
            } else {
                None
            }
        };
        out.push(match checked {
            Some(y) => y,
            None => {
                let exact =
                    fallback.get_or_insert_with(|| ExactMean::new(logits, max, &t, &centred));
                let d = exact.difference(i);
                if d.is_zero() {
                    O::exact(0.0)
                } else {
                    O::round(e.mul(scale).mul(d))
                }
            }
        });
    }
    Ok(out)
}

/// The slow exact route for JVP entries whose `w_i - mean` cancels:
/// `mean = sum_j e_j w_j / S` with `S = sum_j e_j`, every `e_j` an
/// expansion of about 190 bits (`expansion.rs`), formed once in four words,
/// and `w_i - mean` then taken exactly, so the difference is accurate
/// relative to itself down to about `2^-190` of the weighted magnitudes.
struct ExactMean {
    mean: Expansion,
    centred: Vec<Dd>,
    /// Per run of equal logits: its exponential, its size, and the exact
    /// sum of its centred tangents.
    groups: Vec<(Expansion, f64, Expansion)>,
    total: Expansion,
    /// `sum_j e_j |c_j| / S`, the scale of the mean's rounding errors.
    spread: f64,
}

impl ExactMean {
    fn new(logits: &[f64], max: f64, t: &Temperature, centred: &[Dd]) -> ExactMean {
        // One (slow) expansion exponential per distinct logit: sort the
        // indices by logit, and let each run of equal logits add
        // `e * count` to the total and `e * (sum of its centred tangents)`
        // to the weighted sum, the tangents added exactly in an expansion.
        let mut order: Vec<usize> = (0..logits.len())
            .filter(|&i| logits[i] != f64::NEG_INFINITY)
            .collect();
        order.sort_unstable_by(|&a, &b| logits[a].total_cmp(&logits[b]));
        let mut total = Expansion::default();
        let mut weighted = Expansion::default();
        let mut groups = Vec::new();
        let mut spread = 0.0;
        for group in order.chunk_by(|&a, &b| logits[a] == logits[b]) {
            let z = shifted(logits[group[0]], max, t);
            if z.hi < -700.0 {
                continue; // e^-700 < 2^-1009: below anything that matters here
            }
            let e = exp_expansion(sum_terms(&[z.hi, z.lo.hi, z.lo.lo]));
            let mut w = Expansion::default();
            let mut size = 0.0;
            for &j in group {
                let c = centred[j];
                w = w.add(sum_terms(&[c.hi, c.lo]));
                size += c.hi.abs();
            }
            // A count below 2^53 is exact, and so is each partial product.
            let count = Expansion::from_f64(group.len() as f64);
            total = total.add(if group.len() == 1 { e } else { e.mul(count) });
            weighted = weighted.add(e.mul(w));
            spread += e.0[0] * size;
            groups.push((e, group.len() as f64, w));
        }
        // The total is at least 1 (the maximum's own term), so the mean
        // is formed once, to about 2^-200 relative, and each ambiguous
        // entry costs one short exact sum.
        ExactMean {
            mean: weighted.div(total),
            centred: centred.to_vec(),
            groups,
            spread: spread / total.0[0],
            total,
        }
    }

    /// `w_i - mean`, with its exponent apart. First the exact difference
    /// of `w_i` and the four-word mean (error near `2^-200` of the spread);
    /// if that cancels below `2^-150` of the spread, the difference is
    /// rebuilt as `sum_g e_g (count_g w_i - W_g) / S` over the runs of
    /// equal logits, with `count_g w_i - W_g` exact: tangents that cancel
    /// inside a run (equal weights) then cancel exactly, and a result in
    /// the subnormal range keeps its digits.
    fn difference(&self, i: usize) -> Scaled {
        let c = self.centred[i];
        let m = self.mean.0;
        let n = sum_terms(&[c.hi, c.lo, -m[0], -m[1], -m[2], -m[3]]);
        let scale = self.spread + c.hi.abs();
        if n.0[0].abs() > scale * (1.0 / (1u128 << 100) as f64 / (1u64 << 50) as f64) {
            return Scaled::new(Dd::new(n.0[0], n.0[1] + (n.0[2] + n.0[3])), 0).normalized();
        }
        let diffs: Vec<Expansion> = self
            .groups
            .iter()
            .map(|(_, count, w)| {
                let (a, b) = two_prod(*count, c.hi);
                let (p, q) = two_prod(*count, c.lo);
                sum_terms(&[a, b, p, q, -w.0[0], -w.0[1], -w.0[2], -w.0[3]])
            })
            .collect();
        let top = diffs
            .iter()
            .filter(|d| d.0[0] != 0.0)
            .map(|d| exponent(d.0[0]))
            .max();
        let Some(top) = top else {
            return Scaled::ZERO;
        };
        let mut num = Expansion::default();
        for ((e, _, _), d) in self.groups.iter().zip(&diffs) {
            if d.0[0] != 0.0 {
                num = num.add(e.mul(d.ldexp(-top)));
            }
        }
        let q = num.div(self.total);
        Scaled::new(Dd::new(q.0[0], q.0[1] + (q.0[2] + q.0[3])), top).normalized()
    }
}

/// The Jacobian of `softmax(x / T)`, row-major `n * n`:
///
/// `J_ij = d p_i / d x_j = (delta_ij p_i - p_i p_j) / T`
///
/// **Accuracy**: every entry is the exact value correctly rounded to f64,
/// including the diagonal at a dominant `p` (evaluated as `p_i s_i / (1 +
/// s)` with `s_i` the mass of the other entries, never as `p (1 - p)`), and
/// subnormal entries; identical bits on every target. How: the exponentials
/// and their sum as in [`softmax`](super::softmax) (Blanchard, Higham &
/// Higham 2021; double-double arithmetic after Dekker 1971), products in
/// double-double with a separate exponent, one rounding per entry. The
/// residual chance of a misrounding is near `2^-47` per entry.
///
/// Special values: any NaN gives all NaN; `T = 0` with a unique largest
/// logit, `T = +inf`, a fully masked row or `+inf` logits give all zeros;
/// `T = 0` with `k >= 2` logits tied for the largest gives the limit of
/// `J` as `T -> 0`: `+inf` on the diagonal of the tied block, `-inf` between
/// two tied classes, 0 everywhere else (those entries grow like `1 / (k T)`); a negative or NaN `T` is an [`Error`],
/// and so is more than [`MAX_JACOBIAN_CLASSES`] logits (the `n * n` matrix
/// would not fit in memory).
pub fn jacobian(logits: &[f64], temperature_t: f64) -> Result<Vec<f64>, Error> {
    jacobian_in(logits, temperature_t)
}

/// The Jacobian-vector product `J v` without forming `J`:
///
/// `(J v)_i = p_i (v_i - sum_j p_j v_j) / T`
///
/// **Accuracy**: correctly rounded. How: `p` as in [`jacobian`]; the tangent
/// is re-centred on an f64 estimate of its weighted mean with TwoSum
/// (exact), and the remaining mean is a pairwise double-double dot product
/// (the double-double analogue of Ogita, Rump & Oishi 2005), so
/// near-constant tangents keep every digit; one rounding per entry. Each
/// rounding is tested against the error bound of `v_i - mean` (Ziv 1991);
/// an entry where it cancels by accident (`v_i` equal to the weighted mean
/// up to rounding) is recomputed as `sum_j e_j (v_i - v_j) / sum_j e_j`
/// with four-word expansions (Shewchuk 1997), accurate relative to itself.
/// A tangent containing an infinity or NaN is evaluated with plain IEEE
/// arithmetic on the correctly rounded `p`, outside the guarantee.
///
/// The tangent must have one entry per logit, otherwise an [`Error`]. The
/// special values of [`jacobian`] apply; at `T = 0` with tied largest
/// logits, entry `i` of the tied block is the limit `sign(v_i - m) * inf`,
/// with `m` the tangent's mean over the block (exactly 0 when `v_i = m`,
/// decided in exact arithmetic), and every other entry is 0.
pub fn jvp(logits: &[f64], temperature_t: f64, tangent: &[f64]) -> Result<Vec<f64>, Error> {
    jvp_in(logits, temperature_t, tangent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::expansion::op_counts;

    #[test]
    fn jvps_of_cancelling_huge_tangents_and_subnormal_weights_are_correctly_rounded() {
        // Regression cases: cancelling and huge tangents, subnormal weights
        // (exact values from mpmath).
        let a = -3.607834229870926;
        let y = jvp(&[a, a, -1.8963550861794796], 1.0, &[1e300, -1e300, 2.0]).unwrap();
        let y1 = jvp(&[0.0, -722.58940125645], 1.0, &[0.0, 1e50]).unwrap()[0];
        let y2 = jvp(&[0.0, -738.0548908031703], 1.0, &[0.0, 1e300]).unwrap()[0];
        let y3 = jvp(
            &[0.0, -7.554073765912594e-298],
            1e-300,
            &[-0.1388313955529214, 1.512841419316997],
        )
        .unwrap()[0];
        let s = -0.1452187417778158;
        let y4 = jvp(&[s, s, 2.0103690623845214], 1.0, &[3.5, -3.5, 2.5e-323]).unwrap()[2];
        assert_eq!(y[2], 0.389881046314104);
        assert_eq!(y1, -1.5254934685945972e-264);
        assert_eq!(y2, -2.9297703699245574e-21);
        assert_eq!(y3, -1.4082143907726679e-28);
        assert_eq!(y4, 5e-324);
    }

    #[test]
    fn cancelling_tangents_on_equal_logits_cost_one_expansion_exponential() {
        // p_0 = p_1, so the weighted mean of [1e300, -1e300, 0, ...] is
        // exactly 0 and every zero entry takes the expansion fallback; the
        // n equal logits must share one exponential.
        let n = 3 << 10;
        let logits = vec![-(n as f64).ln(); n];
        let mut tangent = vec![0.0; n];
        tangent[0] = 1e300;
        tangent[1] = -1e300;
        let (ops_before, before) = op_counts();
        let y: Vec<f64> = jvp_in(&logits, 1.0, &tangent).expect("valid");
        let (ops_after, after) = op_counts();
        assert_eq!(after - before, 1);
        // A few exact sums per entry (one exponential is about 150): adding
        // the tangent into its group, and one short sum per ambiguous entry.
        let ops = ops_after - ops_before;
        assert!(
            ops <= 4 * n as u64 + 1000,
            "{ops} expansion sums for n = {n}"
        );
        // (J v)_0 = (1/n) (1e300 - 0): one IEEE division, correctly rounded.
        assert_eq!(y[0], 1e300 / n as f64);
        assert_eq!(y[1], -1e300 / n as f64);
        assert!(y[2..].iter().all(|&v| v == 0.0));
    }
}
