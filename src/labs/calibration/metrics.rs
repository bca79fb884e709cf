//! How well probabilities match outcomes: the negative log-likelihood, the
//! reliability diagram and the expected calibration error (ECE).

use super::dataset::ValidationSet;
use crate::{log_softmax_with_temperature, softmax_with_temperature};

/// Number of equal-width confidence bins of the reliability diagram.
pub const BINS: usize = 10;

/// The mean negative log-likelihood of the labels under `softmax(l / T)`:
///
/// `NLL(T) = -(1/n) sum_i log softmax(l_i / T)_{y_i}`
///
/// computed with `log_softmax` (never `ln` of a rounded probability), so it
/// stays finite where a probability underflows. An empty set, a temperature
/// that is not finite and positive, or NaN logits give NaN.
pub fn nll(set: &ValidationSet, temperature: f64) -> f64 {
    if set.is_empty() || !(temperature > 0.0 && temperature.is_finite()) {
        return f64::NAN;
    }
    let mut total = 0.0;
    for (row, label) in set.examples() {
        match log_softmax_with_temperature(row, temperature) {
            Ok(log_p) => total -= log_p.get(label).copied().unwrap_or(f64::NAN),
            Err(_) => return f64::NAN,
        }
    }
    total / set.len() as f64
}

/// One bin of a reliability diagram.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bin {
    /// Lower edge of the bin's confidence range.
    pub low: f64,
    /// Upper edge.
    pub high: f64,
    /// Number of predictions whose confidence falls in the bin.
    pub count: usize,
    /// Fraction of those predictions that were right (0 when empty).
    pub accuracy: f64,
    /// Their mean confidence (0 when empty).
    pub confidence: f64,
}

/// A reliability diagram: predictions grouped by confidence into [`BINS`]
/// equal bins `[k/10, (k+1)/10)` (the last one closed at 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Reliability {
    /// The bins, lowest confidence first.
    pub bins: Vec<Bin>,
    /// Number of predictions in all.
    pub total: usize,
}

impl Reliability {
    /// Group `(confidence, correct)` pairs. Confidences outside `[0, 1]` or
    /// NaN are left out.
    pub fn from_predictions(predictions: &[(f64, bool)]) -> Reliability {
        let mut count = [0usize; BINS];
        let mut right = [0usize; BINS];
        let mut sum = [0f64; BINS];
        let mut total = 0;
        for &(confidence, correct) in predictions {
            if !(0.0..=1.0).contains(&confidence) {
                continue;
            }
            let k = ((confidence * BINS as f64) as usize).min(BINS - 1);
            count[k] += 1;
            right[k] += usize::from(correct);
            sum[k] += confidence;
            total += 1;
        }
        let bins = (0..BINS)
            .map(|k| {
                let n = count[k];
                let share = |v: f64| if n == 0 { 0.0 } else { v / n as f64 };
                Bin {
                    low: k as f64 / BINS as f64,
                    high: (k + 1) as f64 / BINS as f64,
                    count: n,
                    accuracy: share(right[k] as f64),
                    confidence: share(sum[k]),
                }
            })
            .collect();
        Reliability { bins, total }
    }

    /// The predictions of `set` at temperature `T`: confidence `max_j p_j`
    /// of `p = softmax(l / T)`, correct when the (first) argmax is the label.
    pub fn of(set: &ValidationSet, temperature: f64) -> Reliability {
        let predictions: Vec<(f64, bool)> =
            set.examples()
                .filter_map(|(row, label)| {
                    let p = softmax_with_temperature(row, temperature).ok()?;
                    let (best, confidence) = p.iter().copied().enumerate().fold(
                        (0, f64::NEG_INFINITY),
                        |acc, (j, v)| {
                            if v > acc.1 {
                                (j, v)
                            } else {
                                acc
                            }
                        },
                    );
                    Some((confidence, best == label))
                })
                .collect();
        Reliability::from_predictions(&predictions)
    }

    /// The expected calibration error, the count-weighted mean gap between
    /// accuracy and confidence over the bins:
    ///
    /// `ECE = sum_k (n_k / n) |acc_k - conf_k|`
    ///
    /// It lies in `[0, 1]`; 0 for no predictions.
    pub fn ece(&self) -> f64 {
        if self.total == 0 {
            return 0.0;
        }
        self.bins
            .iter()
            .map(|b| b.count as f64 / self.total as f64 * (b.accuracy - b.confidence).abs())
            .sum()
    }

    /// The overall accuracy: the fraction of right predictions.
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            return 0.0;
        }
        let right: f64 = self.bins.iter().map(|b| b.accuracy * b.count as f64).sum();
        right / self.total as f64
    }
}
