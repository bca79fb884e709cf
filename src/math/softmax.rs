//! Softmax, log-softmax and log-sum-exp, with and without a temperature,
//! correctly rounded.
//!
//! All three share one evaluation (`prepare.rs`): find the maximum `m`, form
//! the shifted exponents `z_i = (x_i - m) / T <= 0` exactly, exponentiate in
//! double-double, add up `s = sum_{i != argmax} e^{z_i}` (the maximum's own
//! term, exactly 1, is left out as Blanchard, Higham and Higham recommend),
//! and finish with `p_i = e^{z_i} / (1 + s)`, `log p_i = z_i - log1p(s)` and
//! `lse = m + log1p(s)`. No intermediate can overflow for finite logits.
//!
//! # Accuracy
//!
//! Each result is first known as a double-double with a relative error of
//! about `2^-100` (Dekker's and Knuth's error-free transformations, a
//! table-driven double-double exp, a pairwise double-double sum, and a
//! Newton log1p; see `dd.rs`, `exp.rs`, `sum.rs`, `log1p.rs`), and is then
//! rounded once to f64 (or f32), subnormals included ([`Scaled::to_f64`]).
//! The result is therefore the exact value correctly rounded unless the
//! exact value lies within about `2^-100` (relative) of a rounding boundary,
//! which for data not built for the purpose happens with probability near
//! `2^-47` per output. Two cases are ill-conditioned by nature and get the
//! absolute rather than the relative error bound: `logsumexp` when the
//! result is near 0 (error about `2^-100 * |m|`), and nothing else in this
//! file (log-softmax adds two non-positive numbers, so it cannot cancel).
//!
//! Speed comes from Ziv's strategy (Ziv 1991): a first pass uses a cheaper
//! exponential with a proven bound of `2^-88` (`exp::exp_fast`), and every
//! output's rounding is tested against the resulting error bound
//! ([`Output::round_checked`]); only if some output is too close to a
//! rounding boundary is the whole vector recomputed with the `2^-100`
//! kernel. For ordinary data that happens with probability near `n 2^-33`.
//!
//! The arithmetic is IEEE-754 additions, multiplications and divisions
//! only, without fused multiply-add or `libm`, so native and wasm32 builds
//! give the same bits.

use super::classify::{classify, temperature, Case, Temp};
use super::dd::{fast_two_sum, Dd};
use super::expansion::{exp_expansion, sum_terms, Expansion};
use super::log1p::{ln_count, log1p_scaled};
use super::output::Output;
use super::prepare::{prepare, shifted, Kernel, Prepared, Temperature};
use super::scaled::Scaled;
use super::Error;

/// Share the mass `1` evenly among the entries where `chosen` is true.
fn split_evenly<O: Output>(logits: &[f64], chosen: impl Fn(f64) -> bool) -> Vec<O> {
    let count = logits.iter().filter(|&&x| chosen(x)).count();
    let share = O::round(Scaled::new(
        Dd::from_f64(1.0).div(Dd::from_f64(count as f64)),
        0,
    ));
    logits
        .iter()
        .map(|&x| if chosen(x) { share } else { O::exact(0.0) })
        .collect()
}

/// `log` of [`split_evenly`]: `-ln k` on the chosen entries, `-inf` elsewhere.
fn log_split_evenly<O: Output>(logits: &[f64], chosen: impl Fn(f64) -> bool) -> Vec<O> {
    let count = logits.iter().filter(|&&x| chosen(x)).count();
    let share = O::round(ln_count(count).neg());
    logits
        .iter()
        .map(|&x| {
            if chosen(x) {
                share
            } else {
                O::exact(f64::NEG_INFINITY)
            }
        })
        .collect()
}

/// Generic softmax with a temperature, rounded to `O`.
pub(crate) fn softmax_in<O: Output>(logits: &[f64], temperature_t: f64) -> Result<Vec<O>, Error> {
    let temp = temperature(temperature_t)?;
    Ok(match classify(logits) {
        Case::Empty => Vec::new(),
        Case::HasNan => vec![O::exact(f64::NAN); logits.len()],
        Case::AllMasked => vec![O::exact(0.0); logits.len()],
        Case::PosInf { .. } => split_evenly(logits, |x| x == f64::INFINITY),
        Case::Finite { max, .. } => match temp {
            Temp::Zero => split_evenly(logits, |x| x == max),
            Temp::Infinite => split_evenly(logits, |x| x > f64::NEG_INFINITY),
            Temp::Finite(t) => {
                let t = Temperature::new(t);
                let fast = prepare(logits, max, &t, Kernel::Fast);
                match probabilities(&fast, true) {
                    Some(p) => p,
                    None => {
                        let exact = prepare(logits, max, &t, Kernel::Exact);
                        probabilities_refined(logits, max, &t, &exact)
                    }
                }
            }
        },
    })
}

/// The second and third tiers of Ziv's strategy for the probabilities:
/// every entry of the `2^-97` kernel whose rounding test passes is kept,
/// and an entry still too close to a rounding boundary is recomputed in
/// four-word expansions ([`probability_expansion`]).
fn probabilities_refined<O: Output>(
    logits: &[f64],
    max: f64,
    t: &Temperature,
    prep: &Prepared,
) -> Vec<O> {
    let mut total: Option<Expansion> = None;
    let mut out = Vec::with_capacity(prep.exps.len());
    for (i, e) in prep.exps.iter().enumerate() {
        out.push(if e.is_zero() {
            O::exact(0.0)
        } else {
            let p = Scaled::new(e.m.mul(prep.inv_total), e.e);
            match O::round_checked(p, prep.bound) {
                Some(y) => y,
                None => {
                    // The total is formed once, however many entries need it.
                    let s = *total.get_or_insert_with(|| total_expansion(logits, max, t));
                    probability_expansion(logits[i], max, t, s).unwrap_or_else(|| O::round(p))
                }
            }
        });
    }
    out
}

/// `z = (x - m) / T` as a three-word expansion (exact for `T = 1`).
fn shifted_expansion(x: f64, max: f64, t: &Temperature) -> Option<Expansion> {
    let z = shifted(x, max, t);
    z.hi.is_finite()
        .then(|| sum_terms(&[z.hi, z.lo.hi, z.lo.lo]))
}

/// `sum_j e^{z_j}` in four-word expansions (relative error near `2^-185`:
/// terms below `e^-200` are left out, which changes the total, at least 1,
/// by less than `n 2^-288`). A logit whose shift is out of the expansion
/// exponential's range is left out (its term is far below that).
fn total_expansion(logits: &[f64], max: f64, t: &Temperature) -> Expansion {
    sum_of_exponentials(logits, |x| shifted_expansion(x, max, t))
}

/// `Σ e^{z(x)}` over the finite logits, in expansions, where `exponent`
/// gives each logit's `z` (`None` leaves the logit out). The expansion
/// exponential is slow (microseconds), so it is evaluated once per
/// distinct logit, and a value that occurs `c` times adds `c e` (a count
/// below 2^53 is exact, and so is each partial product): `n` equal logits
/// cost one exponential and a sort, not `n` exponentials. Terms below
/// `e^-200 < 2^-288` are below the expansion's precision and left out.
fn sum_of_exponentials(logits: &[f64], exponent: impl Fn(f64) -> Option<Expansion>) -> Expansion {
    let mut xs: Vec<f64> = logits
        .iter()
        .copied()
        .filter(|&x| x != f64::NEG_INFINITY)
        .collect();
    xs.sort_unstable_by(f64::total_cmp);
    let mut sum = Expansion::default();
    for group in xs.chunk_by(|a, b| a == b) {
        let Some(z) = exponent(group[0]) else {
            continue;
        };
        if z.0[0] < -200.0 {
            continue;
        }
        let e = exp_expansion(z);
        sum = sum.add(if group.len() == 1 {
            e
        } else {
            e.mul(Expansion::from_f64(group.len() as f64))
        });
    }
    sum
}

/// The relative error of a probability formed in expansions: two
/// exponentials near `2^-190` each, the sum, the division (`2^-210`) and
/// the terms left out (`n 2^-288`), so `2^-185` with room to spare.
const EXPANSION_BOUND: f64 = 1.0 / (1u128 << 120) as f64 / (1u128 << 65) as f64;

/// `e^{z_i} / total` in expansions, rounded once if the rounding test at
/// [`EXPANSION_BOUND`] passes; `None` (the caller keeps the kernel's rounding) for a
/// shift below `-700`, where the expansion words would leave the f64 range,
/// or for a value within `2^-184` of a rounding boundary.
fn probability_expansion<O: Output>(
    x: f64,
    max: f64,
    t: &Temperature,
    total: Expansion,
) -> Option<O> {
    let z = shifted_expansion(x, max, t)?;
    if z.0[0] < -700.0 {
        return None;
    }
    let p = exp_expansion(z).div(total);
    O::round_expansion(p, EXPANSION_BOUND)
}

/// `p_i = e_i / (1 + s)`, each rounded once. With `check`, every rounding
/// is tested against `prep.bound` and `None` means "ambiguous, redo".
fn probabilities<O: Output>(prep: &Prepared, check: bool) -> Option<Vec<O>> {
    let mut out = Vec::with_capacity(prep.exps.len());
    for e in &prep.exps {
        out.push(if e.is_zero() {
            O::exact(0.0)
        } else {
            let p = Scaled::new(e.m.mul(prep.inv_total), e.e);
            if check {
                O::round_checked(p, prep.bound)?
            } else {
                O::round(p)
            }
        });
    }
    Some(out)
}

/// `log p_i = z_i - log1p(s)`, each rounded once; `check` as in
/// [`probabilities`].
fn log_probabilities<O: Output>(
    logits: &[f64],
    max: f64,
    t: &Temperature,
    prep: &Prepared,
    check: bool,
) -> Option<Vec<O>> {
    let neg_log_total = log1p_scaled(prep.rest).neg();
    let round = |v: Scaled| {
        if check {
            O::round_checked(v, prep.bound)
        } else {
            Some(O::round(v))
        }
    };
    let mut out = Vec::with_capacity(logits.len());
    for (i, &x) in logits.iter().enumerate() {
        out.push(if i == prep.argmax {
            round(neg_log_total)?
        } else {
            let z = shifted(x, max, t);
            if z.hi == f64::NEG_INFINITY {
                O::exact(f64::NEG_INFINITY)
            } else {
                round(Scaled::new(z.to_dd(), 0).add(neg_log_total))?
            }
        });
    }
    Some(out)
}

/// Generic log-softmax with a temperature, rounded to `O`.
pub(crate) fn log_softmax_in<O: Output>(
    logits: &[f64],
    temperature_t: f64,
) -> Result<Vec<O>, Error> {
    let temp = temperature(temperature_t)?;
    Ok(match classify(logits) {
        Case::Empty => Vec::new(),
        Case::HasNan => vec![O::exact(f64::NAN); logits.len()],
        Case::AllMasked => vec![O::exact(f64::NEG_INFINITY); logits.len()],
        Case::PosInf { .. } => log_split_evenly(logits, |x| x == f64::INFINITY),
        Case::Finite { max, .. } => match temp {
            Temp::Zero => log_split_evenly(logits, |x| x == max),
            Temp::Infinite => log_split_evenly(logits, |x| x > f64::NEG_INFINITY),
            Temp::Finite(t) => {
                let t = Temperature::new(t);
                let fast = prepare(logits, max, &t, Kernel::Fast);
                match log_probabilities(logits, max, &t, &fast, true) {
                    Some(l) => l,
                    None => {
                        let exact = prepare(logits, max, &t, Kernel::Exact);
                        log_probabilities(logits, max, &t, &exact, false).unwrap_or_default()
                    }
                }
            }
        },
    })
}

/// `(|m| + |log1p(s)|) / |lse|` beyond which the log-sum-exp is not
/// rounded from a double-double kernel at all but refined in expansions.
const TOO_CANCELLED: f64 = 1e9;

/// Generic log-sum-exp, rounded to `O`.
pub(crate) fn logsumexp_in<O: Output>(logits: &[f64]) -> O {
    match classify(logits) {
        Case::Empty | Case::AllMasked => O::exact(f64::NEG_INFINITY),
        Case::HasNan => O::exact(f64::NAN),
        Case::PosInf { .. } => O::exact(f64::INFINITY),
        Case::Finite { max, .. } => {
            let t = Temperature::new(1.0);
            for kernel in [Kernel::Fast, Kernel::Exact] {
                let prep = prepare(logits, max, &t, kernel);
                let l = log1p_scaled(prep.rest);
                let lse = Scaled::from_f64(max).add(l);
                // m + log1p(s) may cancel: the error bound is absolute,
                // relative to log1p(s) and |m|, so scale it to the result.
                let lse_mag = lse.to_dd().hi.abs();
                let scale = (l.to_dd().hi.abs() + max.abs()) / lse_mag;
                let tested = lse_mag > 0.0 && scale < TOO_CANCELLED;
                if tested {
                    if let Some(y) = O::round_checked(lse, prep.bound * scale) {
                        return y;
                    }
                }
                // Too cancelled to test here means (but for values straddling
                // the threshold, where either route is right) too cancelled
                // with the exact kernel too: refine now, around the fast
                // estimate (`logsumexp_refined` says why it is close enough).
                if kernel == Kernel::Exact || !tested {
                    return O::round(logsumexp_refined(logits, lse.to_dd()));
                }
            }
            O::exact(f64::NAN) // not reached: the exact kernel always returns
        }
    }
}

/// The last resort for a log-sum-exp that cancels to near 0: with `y0`
/// the double-double estimate, `lse = y0 + log(sum_i e^{x_i - y0})`, where
/// the sum is `1 + d` with `d` tiny, so `log(1 + d) = d - d^2/2` to far
/// beyond f64. When the sum cancels (`|lse| <= 1e-9 (|m| + log1p(s))`),
/// `|m| + log1p(s) <= 2.1 ln n`, so even the fast kernel's `y0` is within
/// `2^-87 * 2.1 ln n < 2^-80` of `lse` (`n < 2^64`): `|d| < 2^-79` and the
/// `d^3/3` left out is below `2^-238`. The sum is formed in four-word expansions (about 2^-190),
/// which is what makes `d`, and so the result, accurate relative to itself.
///
/// The sum is [`sum_of_exponentials`], one expansion exponential per
/// distinct logit.
fn logsumexp_refined(logits: &[f64], y0: Dd) -> Scaled {
    let sum = sum_of_exponentials(logits, |x| Some(sum_terms(&[x, -y0.hi, -y0.lo])));
    let d = sum.add(Expansion::from_f64(-1.0));
    let mut terms = vec![y0.hi, y0.lo, -0.5 * d.0[0] * d.0[0]];
    terms.extend_from_slice(&d.0);
    let r = sum_terms(&terms);
    let (hi, lo) = fast_two_sum(r.0[0], r.0[1] + (r.0[2] + r.0[3]));
    Scaled::new(Dd { hi, lo }, 0)
}

/// The softmax of a logit vector:
///
/// `softmax(x)_i = e^{x_i} / sum_j e^{x_j}`
///
/// The result is a probability vector: every entry in `[0, 1]`, summing to 1
/// up to the rounding of each entry.
///
/// **Accuracy**: every entry is the exact value correctly rounded to f64
/// (within 0.5 ULP), subnormal entries included; identical bits on every
/// target. How: the maximum's term is left out of the sum (Blanchard, Higham
/// & Higham 2021), `x_i - m` is exact (TwoSum), `e^{x_i - m}` comes from a
/// table-driven double-double exponential (Tang 1989; Dekker 1971), the sum
/// is a pairwise double-double sum, and the quotient is rounded once. A fast
/// exponential with a `2^-88` bound is tried first and every rounding is
/// tested; an ambiguous one recomputes with the `2^-100` kernel (Ziv 1991).
/// The residual chance of a misrounding is near `2^-47` per output.
///
/// Special values: an empty input gives an empty output; any NaN makes every
/// output NaN; a fully masked row (all `-inf`) gives all zeros; `k` entries of
/// `+inf` share the mass as `1/k` each. Finite logits never overflow, however
/// large (the maximum is subtracted first).
pub fn softmax(logits: &[f64]) -> Vec<f64> {
    match softmax_in(logits, 1.0) {
        Ok(p) => p,
        // T = 1 is always a valid temperature.
        Err(_) => vec![f64::NAN; logits.len()],
    }
}

/// The softmax of the logits divided by a temperature `T`:
///
/// `softmax_T(x)_i = e^{x_i / T} / sum_j e^{x_j / T}`
///
/// `T = 0` is the argmax limit (one-hot, ties split evenly) and `T = +inf`
/// the uniform limit over the entries that are not `-inf`. A negative or NaN
/// temperature is an [`Error`]. The special values of [`softmax`] apply, and
/// `+inf` logits keep their `1/k` share at every temperature.
///
/// **Accuracy**: correctly rounded, by the method of [`softmax`]. The
/// division by `T` is carried out in triple precision (long division with
/// Dekker's error-free products), so a low temperature does not magnify its
/// rounding error into the exponential.
pub fn softmax_with_temperature(logits: &[f64], temperature_t: f64) -> Result<Vec<f64>, Error> {
    softmax_in(logits, temperature_t)
}

/// The logarithm of the softmax, computed without forming the softmax:
///
/// `log_softmax(x)_i = x_i - log sum_j e^{x_j} = (x_i - m) - log1p(s)`
///
/// Unlike `ln(softmax(x))`, this stays finite where the probability
/// underflows to 0, and at a dominant element it returns the tiny
/// `-log1p(s)` to full relative accuracy instead of 0.
///
/// **Accuracy**: correctly rounded; identical bits on every target. How:
/// `log1p(s)` of the sum without the maximal term (Blanchard, Higham & Higham
/// 2021) is found by Newton's method on the double-double exponential to a
/// relative `2^-100`, and `(x_i - m) - log1p(s)` adds two non-positive
/// numbers, so it cannot cancel; one final rounding, with Ziv's rounding
/// test and fallback as in [`softmax`].
///
/// Special values: empty gives empty; any NaN gives all NaN;
/// all `-inf` gives all `-inf`; `k` entries of `+inf` give `-ln k` there and
/// `-inf` elsewhere.
pub fn log_softmax(logits: &[f64]) -> Vec<f64> {
    match log_softmax_in(logits, 1.0) {
        Ok(p) => p,
        Err(_) => vec![f64::NAN; logits.len()],
    }
}

/// `log softmax(x / T)`, with the limits and errors of
/// [`softmax_with_temperature`]: `-ln k` on the `k` entries that share the
/// mass, `-inf` on the others.
///
/// **Accuracy**: correctly rounded, by the method of [`log_softmax`] with
/// the exact division of [`softmax_with_temperature`].
pub fn log_softmax_with_temperature(logits: &[f64], temperature_t: f64) -> Result<Vec<f64>, Error> {
    log_softmax_in(logits, temperature_t)
}

/// The log-sum-exp, the log-domain normaliser of softmax:
///
/// `lse(x) = log sum_j e^{x_j} = m + log1p(sum_{j != argmax} e^{x_j - m})`
///
/// with `m = max_j x_j` (Blanchard, Higham & Higham 2021). It lies between
/// `m` and `m + ln n`.
///
/// **Accuracy**: correctly rounded (0.5 ULP), including results near 0.
/// How: `m + log1p(s)` (Blanchard, Higham & Higham 2021) with `s` a pairwise
/// double-double sum of double-double exponentials and `log1p` by Newton's
/// method, one final rounding, under Ziv's strategy (Ziv 1991): the rounding
/// is tested against the error bound, which is absolute where `m +
/// log1p(s)` cancels (near `2^-100 (|m| + log1p(s))`); if it is ambiguous
/// the sum is redone with the `2^-100` kernel, and then, if still
/// ambiguous, as `y0 + log(sum e^{x_i - y0})` around that estimate `y0` in
/// four-word expansions (Shewchuk 1997; about `2^-190`), which is accurate
/// relative to the result itself. That last step costs tens of
/// microseconds per *distinct* logit (equal logits share one exponential)
/// and only runs for results within about `2^-40 |m|` of 0.
///
/// Special values: empty or all `-inf` gives `-inf`; any NaN gives NaN; any
/// `+inf` gives `+inf`.
pub fn logsumexp(logits: &[f64]) -> f64 {
    logsumexp_in(logits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vector(seed: u64, n: usize, sigma: f64) -> Vec<f64> {
        let mut state = seed | 1;
        (0..n)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                ((state >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * sigma
            })
            .collect()
    }

    #[test]
    fn the_fast_path_agrees_with_the_exact_kernel_whenever_it_answers() {
        for seed in 1..40u64 {
            let x = vector(seed, 1 + (seed as usize * 37) % 500, 10.0 * seed as f64);
            let max = x.iter().fold(f64::NEG_INFINITY, |a, &b| a.max(b));
            let t = Temperature::new(if seed % 2 == 0 { 1.0 } else { 0.37 });
            let fast = prepare(&x, max, &t, Kernel::Fast);
            let exact = prepare(&x, max, &t, Kernel::Exact);
            let a: Vec<f64> = probabilities(&fast, true).expect("no ambiguity here");
            let b: Vec<f64> = probabilities(&exact, false).expect("unchecked");
            assert_eq!(a, b);
            let a: Vec<f64> = log_probabilities(&x, max, &t, &fast, true).expect("clear");
            let b: Vec<f64> = log_probabilities(&x, max, &t, &exact, false).expect("unchecked");
            assert_eq!(a, b);
        }
    }

    #[test]
    fn results_next_to_a_midpoint_round_to_the_right_side() {
        // Regression cases near a rounding midpoint (exact values from
        // mpmath at 80+ digits): each lies within far less than 2^-97 of a
        // midpoint.
        assert_eq!(
            softmax(&[0.0, 6.661338147750939e-16])[1],
            0.5000000000000001
        );
        assert_eq!(softmax(&[1.0, 1.0000000000000007])[1], 0.5000000000000001);
        assert_eq!(
            softmax(&[1.0000000000000018, 1.000000000000001])[0],
            0.5000000000000001
        );
        let p = softmax_with_temperature(&[0.0, 1.0, 0.0, 0.0], 4503599627370496.0).unwrap();
        assert_eq!(p[0], 0.24999999999999997);
    }

    #[test]
    fn the_rounding_test_refuses_a_value_at_a_midpoint() {
        // 1 + 2^-53 is exactly halfway between 1 and its successor.
        let mid = Scaled::new(
            Dd {
                hi: 1.0,
                lo: f64::EPSILON / 2.0,
            },
            0,
        );
        assert_eq!(<f64 as Output>::round_checked(mid, 1e-25), None);
        let clear = Scaled::new(Dd::from_f64(1.25), 0);
        assert_eq!(<f64 as Output>::round_checked(clear, 1e-25), Some(1.25));
        assert_eq!(<f32 as Output>::round_checked(clear, 1e-25), Some(1.25f32));
    }

    #[test]
    fn equal_logits_that_cancel_cost_one_expansion_exponential() {
        use super::super::expansion::op_counts;
        use super::super::log1p::ln_count;
        // n equal logits at fl(-ln n): lse = x + ln n is about 1e-16, so the
        // expansion refinement runs; it must evaluate one exponential, not n.
        for n in [3usize << 10, 1 << 12] {
            let x = -(n as f64).ln();
            let logits = vec![x; n];
            let (_, before) = op_counts();
            let y = logsumexp(&logits);
            let (_, after) = op_counts();
            assert_eq!(after - before, 1, "expansion exponentials for n = {n}");
            // Independently: x + ln n, a double-double sum rounded once.
            let want = Scaled::from_f64(x).add(ln_count(n)).to_f64();
            assert_eq!(y, want, "n = {n}");
            assert!(y != 0.0 && y.abs() < 1e-14);
        }
    }

    #[test]
    fn distinct_values_each_cost_one_expansion_exponential() {
        use super::super::expansion::op_counts;
        // Three distinct values repeated many times: three exponentials.
        let n = 3 * 512;
        let x = -(n as f64).ln();
        let step = f64::EPSILON * 4.0;
        let logits: Vec<f64> = (0..n).map(|i| x + step * ((i % 3) as f64 - 1.0)).collect();
        let (_, before) = op_counts();
        let y = logsumexp(&logits);
        let (_, after) = op_counts();
        assert_eq!(after - before, 3);
        assert!(y.abs() < 1e-14);
    }
}
