//! Single-precision entry points for the stability lab.
//!
//! Each takes f32 logits, evaluates exactly as the f64 functions do
//! (double-double with a separate exponent), and rounds **once**, directly to
//! f32 ([`Scaled::to_f32`](super::scaled::Scaled::to_f32)), so every output
//! is the exact value correctly rounded to f32 (within 0.5 ULP of f32), with
//! no double rounding through f64. The special values are those of the f64
//! functions.

use super::jacobian::{jacobian_in, jvp_in};
use super::softmax::{log_softmax_in, logsumexp_in, softmax_in};
use super::Error;

fn widen(x: &[f32]) -> Vec<f64> {
    x.iter().map(|&v| f64::from(v)).collect()
}

/// [`softmax`](super::softmax) for f32 logits, correctly rounded to f32.
pub fn softmax_f32(logits: &[f32]) -> Vec<f32> {
    softmax_in(&widen(logits), 1.0).unwrap_or_else(|_| vec![f32::NAN; logits.len()])
}

/// [`softmax_with_temperature`](super::softmax_with_temperature) for f32,
/// correctly rounded to f32.
pub fn softmax_with_temperature_f32(logits: &[f32], temperature: f32) -> Result<Vec<f32>, Error> {
    softmax_in(&widen(logits), f64::from(temperature))
}

/// [`log_softmax`](super::log_softmax) for f32, correctly rounded to f32.
pub fn log_softmax_f32(logits: &[f32]) -> Vec<f32> {
    log_softmax_in(&widen(logits), 1.0).unwrap_or_else(|_| vec![f32::NAN; logits.len()])
}

/// [`log_softmax_with_temperature`](super::log_softmax_with_temperature)
/// for f32, correctly rounded to f32.
pub fn log_softmax_with_temperature_f32(
    logits: &[f32],
    temperature: f32,
) -> Result<Vec<f32>, Error> {
    log_softmax_in(&widen(logits), f64::from(temperature))
}

/// [`logsumexp`](super::logsumexp) for f32, correctly rounded to f32.
pub fn logsumexp_f32(logits: &[f32]) -> f32 {
    logsumexp_in(&widen(logits))
}

/// [`jacobian`](super::jacobian) for f32, correctly rounded to f32.
pub fn jacobian_f32(logits: &[f32], temperature: f32) -> Result<Vec<f32>, Error> {
    jacobian_in(&widen(logits), f64::from(temperature))
}

/// [`jvp`](super::jvp) for f32, correctly rounded to f32.
pub fn jvp_f32(logits: &[f32], temperature: f32, tangent: &[f32]) -> Result<Vec<f32>, Error> {
    jvp_in(&widen(logits), f64::from(temperature), &widen(tangent))
}
