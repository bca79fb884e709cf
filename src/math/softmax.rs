//! Softmax, log-softmax and log-sum-exp, with and without a temperature.
//!
//! All three share one evaluation: find the maximum `m`, form the shifted
//! exponents `z_i = (x_i - m) / T`, add up `s = sum_{i != argmax} e^{z_i}`
//! (the maximum's own term, exactly 1, is left out as Blanchard, Higham and
//! Higham recommend), and finish with `p_i = e^{z_i} / (1 + s)`,
//! `log p_i = z_i - log1p(s)` and `lse = m / T + log1p(s)`. No intermediate
//! can overflow for finite logits, because every exponent is `<= 0`.

use super::classify::{classify, temperature, Case, Temp};
use super::Error;

/// The shifted exponents of a finite-case vector and their sum without the
/// argmax term.
struct Shifted {
    /// `e^{(x_i - m) / T}` for every entry.
    exps: Vec<f64>,
    /// `sum e^{z_i}` over every entry but one maximal one.
    rest: f64,
    /// `(x_i - m) / T` for every entry.
    z: Vec<f64>,
}

fn shifted(logits: &[f64], max: f64, t: f64) -> Shifted {
    let z: Vec<f64> = logits.iter().map(|&x| (x - max) / t).collect();
    let exps: Vec<f64> = z.iter().map(|&z| z.exp()).collect();
    let argmax = logits.iter().position(|&x| x == max).unwrap_or(0);
    let rest = exps
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != argmax)
        .map(|(_, &e)| e)
        .sum();
    Shifted { exps, rest, z }
}

/// Share the mass `1` evenly among the entries where `chosen` is true.
fn split_evenly(logits: &[f64], chosen: impl Fn(f64) -> bool) -> Vec<f64> {
    let count = logits.iter().filter(|&&x| chosen(x)).count();
    logits
        .iter()
        .map(|&x| if chosen(x) { 1.0 / count as f64 } else { 0.0 })
        .collect()
}

/// `log` of [`split_evenly`]: `-ln k` on the chosen entries, `-inf` elsewhere.
fn log_split_evenly(logits: &[f64], chosen: impl Fn(f64) -> bool) -> Vec<f64> {
    let count = logits.iter().filter(|&&x| chosen(x)).count();
    let share = -(count as f64).ln();
    logits
        .iter()
        .map(|&x| if chosen(x) { share } else { f64::NEG_INFINITY })
        .collect()
}

/// The softmax of a logit vector:
///
/// `softmax(x)_i = e^{x_i} / sum_j e^{x_j}`
///
/// The result is a probability vector: every entry in `[0, 1]`, summing to 1.
///
/// Special values: an empty input gives an empty output; any NaN makes every
/// output NaN; a fully masked row (all `-inf`) gives all zeros; `k` entries of
/// `+inf` share the mass as `1/k` each. Finite logits never overflow, however
/// large (the maximum is subtracted first).
pub fn softmax(logits: &[f64]) -> Vec<f64> {
    match softmax_with_temperature(logits, 1.0) {
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
pub fn softmax_with_temperature(logits: &[f64], temperature_t: f64) -> Result<Vec<f64>, Error> {
    let temp = temperature(temperature_t)?;
    Ok(match classify(logits) {
        Case::Empty => Vec::new(),
        Case::HasNan => vec![f64::NAN; logits.len()],
        Case::AllMasked => vec![0.0; logits.len()],
        Case::PosInf { .. } => split_evenly(logits, |x| x == f64::INFINITY),
        Case::Finite { max, .. } => match temp {
            Temp::Zero => split_evenly(logits, |x| x == max),
            Temp::Infinite => split_evenly(logits, |x| x > f64::NEG_INFINITY),
            Temp::Finite(t) => {
                let s = shifted(logits, max, t);
                let total = 1.0 + s.rest;
                s.exps.iter().map(|&e| e / total).collect()
            }
        },
    })
}

/// The logarithm of the softmax, computed without forming the softmax:
///
/// `log_softmax(x)_i = x_i - log sum_j e^{x_j}`
///
/// Unlike `ln(softmax(x))`, this stays finite where the probability
/// underflows to 0. Special values: empty gives empty; any NaN gives all NaN;
/// all `-inf` gives all `-inf`; `k` entries of `+inf` give `-ln k` there and
/// `-inf` elsewhere.
pub fn log_softmax(logits: &[f64]) -> Vec<f64> {
    match log_softmax_with_temperature(logits, 1.0) {
        Ok(p) => p,
        Err(_) => vec![f64::NAN; logits.len()],
    }
}

/// `log softmax(x / T)`, with the limits and errors of
/// [`softmax_with_temperature`]: `-ln k` on the `k` entries that share the
/// mass, `-inf` on the others.
pub fn log_softmax_with_temperature(logits: &[f64], temperature_t: f64) -> Result<Vec<f64>, Error> {
    let temp = temperature(temperature_t)?;
    Ok(match classify(logits) {
        Case::Empty => Vec::new(),
        Case::HasNan => vec![f64::NAN; logits.len()],
        Case::AllMasked => vec![f64::NEG_INFINITY; logits.len()],
        Case::PosInf { .. } => log_split_evenly(logits, |x| x == f64::INFINITY),
        Case::Finite { max, .. } => match temp {
            Temp::Zero => log_split_evenly(logits, |x| x == max),
            Temp::Infinite => log_split_evenly(logits, |x| x > f64::NEG_INFINITY),
            Temp::Finite(t) => {
                let s = shifted(logits, max, t);
                let log_total = s.rest.ln_1p();
                s.z.iter().map(|&z| z - log_total).collect()
            }
        },
    })
}

/// The log-sum-exp, the log-domain normaliser of softmax:
///
/// `lse(x) = log sum_j e^{x_j} = m + log1p(sum_{j != argmax} e^{x_j - m})`
///
/// with `m = max_j x_j`. It lies between `m` and `m + ln n`. Special values:
/// empty or all `-inf` gives `-inf`; any NaN gives NaN; any `+inf` gives
/// `+inf`.
pub fn logsumexp(logits: &[f64]) -> f64 {
    match classify(logits) {
        Case::Empty | Case::AllMasked => f64::NEG_INFINITY,
        Case::HasNan => f64::NAN,
        Case::PosInf { .. } => f64::INFINITY,
        Case::Finite { max, .. } => max + shifted(logits, max, 1.0).rest.ln_1p(),
    }
}
