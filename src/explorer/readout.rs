//! The read-outs beside the explorer: every number shown next to the views,
//! computed from one state and written as text.

use super::Explorer;
use crate::format::{decimals, fixed, readable, short};
use crate::{jacobian, jvp, logsumexp};

/// Everything the read-out panel shows, already written as text.
#[derive(Debug, Clone, PartialEq)]
pub struct Readout {
    /// `p_i` to four decimals.
    pub probabilities: Vec<String>,
    /// `log p_i` to four decimals.
    pub log_probabilities: Vec<String>,
    /// `lse(x / T)` (natural log), or a word at the limits.
    pub logsumexp: String,
    /// The sentence placing lse between its bounds.
    pub logsumexp_bounds: String,
    /// The entropy `H(p) = -sum p_i ln p_i` in nats.
    pub entropy: String,
    /// The sentence placing the entropy between 0 and `ln n`.
    pub entropy_bounds: String,
    /// `-ln p_k` for the chosen class `k`.
    pub cross_entropy: String,
    /// `p_i / p_k = e^{(x_i - x_k)/T}` for the chosen pair.
    pub ratio: String,
    /// The temperature as a short label.
    pub temperature: String,
    /// `beta = 1/T`.
    pub beta: String,
    /// The Jacobian `(diag(p) - p p^T) / T`, row by row, three decimals.
    pub jacobian: Vec<Vec<String>>,
    /// The sum of each Jacobian row (zero up to rounding).
    pub row_sums: Vec<String>,
    /// `J dx` for the chosen nudge.
    pub nudged: Vec<String>,
    /// The simplex point as text (the triangle's description):
    /// `p1 = 0.6652, p2 = 0.2447, p3 = 0.0900`.
    pub point: String,
    /// One short rounded sentence a screen reader speaks once an
    /// interaction has settled: `Logits 2, 1, 0 give probabilities 0.665,
    /// 0.245, 0.09 (T = 1).`
    pub spoken: String,
}

/// `lse(x/T)` and the bounds `max(x/T) <= lse <= max(x/T) + ln n`.
fn lse_text(state: &Explorer) -> (String, String) {
    let t = state.temperature();
    if !(t > 0.0 && t.is_finite()) {
        return (
            "not defined at this limit".to_owned(),
            "At T = 0 and T = ∞ the scaled logits x/T leave the real numbers.".to_owned(),
        );
    }
    let scaled: Vec<f64> = state.logits().iter().map(|x| x / t).collect();
    let lse = logsumexp(&scaled);
    let max = scaled.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let upper = max + (scaled.len() as f64).ln();
    (
        decimals(lse, 4),
        format!(
            "max(x/T) = {} ≤ {} ≤ max(x/T) + ln {} = {}",
            decimals(max, 4),
            decimals(lse, 4),
            scaled.len(),
            decimals(upper, 4)
        ),
    )
}

/// `H(p) = -sum p_i ln p_i`, with `0 ln 0 = 0`; `log_p` is the exact
/// log-softmax, so tiny probabilities still contribute correctly.
pub fn entropy(p: &[f64], log_p: &[f64]) -> f64 {
    -p.iter()
        .zip(log_p)
        .filter(|(p, _)| **p > 0.0)
        .map(|(p, l)| p * l)
        .sum::<f64>()
}

/// `p_i / p_k = e^{(x_i - x_k)/T}`, including its limits and the infinite
/// logits: a masked class (`-inf`) has probability 0, so the ratio over it
/// is `inf`, and over two masked classes it is 0/0, NaN; classes at `+inf`
/// share their probability equally.
pub fn ratio(state: &Explorer, i: usize, k: usize) -> f64 {
    let x = state.logits();
    let (Some(&xi), Some(&xk)) = (x.get(i), x.get(k)) else {
        return f64::NAN;
    };
    let t = state.temperature();
    if xi == xk {
        return if xi == f64::NEG_INFINITY {
            f64::NAN
        } else {
            1.0
        };
    }
    let d = xi - xk;
    if d.is_infinite() {
        // One of the two is infinite: the other class has all or nothing.
        if d > 0.0 {
            f64::INFINITY
        } else {
            0.0
        }
    } else if t == f64::INFINITY {
        1.0
    } else if t == 0.0 {
        if d > 0.0 {
            f64::INFINITY
        } else {
            0.0
        }
    } else {
        (d / t).exp()
    }
}

fn ratio_text(v: f64) -> String {
    if v.is_nan() {
        return "undefined: both classes are masked (0 / 0)".to_owned();
    }
    if v.is_finite() && v != 0.0 && !(1e-3..1e6).contains(&v.abs()) {
        format!("{v:.3e}").replace('-', "−")
    } else {
        fixed(v, 4)
    }
}

impl Readout {
    /// The read-outs of `state`.
    pub fn of(state: &Explorer) -> Readout {
        let p = state.probabilities();
        let log_p = state.log_probabilities();
        let n = p.len();
        let (lse, bounds) = lse_text(state);
        let t = state.temperature();
        let h = entropy(&p, &log_p);
        let target = state.target();
        let (i, k) = state.ratio_pair();
        let j = jacobian(state.logits(), t).unwrap_or_else(|_| vec![f64::NAN; n * n]);
        let nudged =
            jvp(state.logits(), t, &state.nudge_vector()).unwrap_or_else(|_| vec![f64::NAN; n]);
        let point = p
            .iter()
            .enumerate()
            // The same digits as the table beside it (0.9998, not 1.000).
            .map(|(i, v)| format!("p{} = {}", i + 1, fixed(*v, 4)))
            .collect::<Vec<_>>()
            .join(", ");
        let spoken = summary(state, &p);
        Readout {
            probabilities: p.iter().map(|v| fixed(*v, 4)).collect(),
            log_probabilities: log_p.iter().map(|v| decimals(*v, 4)).collect(),
            logsumexp: lse,
            logsumexp_bounds: bounds,
            entropy: fixed(h, 4),
            entropy_bounds: format!(
                "0 ≤ H = {} ≤ ln {n} = {} nats",
                fixed(h, 4),
                fixed((n as f64).ln(), 4)
            ),
            cross_entropy: decimals(-log_p.get(target).copied().unwrap_or(f64::NAN), 4),
            ratio: ratio_text(ratio(state, i, k)),
            temperature: short(t),
            beta: if t == 0.0 {
                "∞".to_owned()
            } else {
                short(1.0 / t)
            },
            jacobian: j
                .chunks(n.max(1))
                .map(|row| row.iter().map(|v| fixed(*v, 3)).collect())
                .collect(),
            row_sums: j
                .chunks(n.max(1))
                .map(|row| fixed(crate::math::row_sum(row), 3))
                .collect(),
            nudged: nudged.iter().map(|v| fixed(*v, 4)).collect(),
            point,
            spoken,
        }
    }
}

/// `v` rounded to `places` decimals for speech, trailing zeros dropped
/// (`0.090` is said as `0.09`), minus as a real minus sign, `−∞` for a
/// masked logit; large values as the fields write them.
fn spoken_number(v: f64, places: usize) -> String {
    if !v.is_finite() || v.abs() >= 1e4 {
        return readable(v);
    }
    let text = fixed(v, places);
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// A probability as it is spoken: three decimals, but a probability that
/// is not exactly 0 or 1 never sounds like one (the lesson teaches that a
/// finite logit never gives exactly 0): "below 0.001", "above 0.999".
fn spoken_probability(v: f64) -> String {
    if v > 0.0 && v < 0.0005 {
        "below 0.001".to_owned()
    } else if v < 1.0 && v > 0.9995 {
        "above 0.999".to_owned()
    } else {
        spoken_number(v, 3)
    }
}

/// The sentence a listener hears once an interaction has settled: the
/// logits to two decimals, the probabilities to three, and the temperature.
fn summary(state: &Explorer, p: &[f64]) -> String {
    let join = |values: Vec<String>| values.join(", ");
    let logits = join(
        state
            .logits()
            .iter()
            .map(|v| spoken_number(*v, 2))
            .collect(),
    );
    let probabilities = join(p.iter().map(|v| spoken_probability(*v)).collect());
    format!(
        "Logits {logits} give probabilities {probabilities} (T = {}).",
        short(state.temperature())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spoken_probability_is_never_a_false_zero_or_one() {
        assert_eq!(spoken_probability(0.0), "0");
        assert_eq!(spoken_probability(1.0), "1");
        assert_eq!(spoken_probability(1e-4), "below 0.001");
        assert_eq!(spoken_probability(0.9998), "above 0.999");
        assert_eq!(spoken_probability(0.6652), "0.665");
        let mut state = Explorer::default();
        state.set_logits(vec![20.0, 0.0, 0.0]).unwrap();
        let p = crate::softmax(state.logits());
        assert!(summary(&state, &p)
            .contains("give probabilities above 0.999, below 0.001, below 0.001"));
    }

    #[test]
    fn the_first_worked_example_reads_out_its_probabilities() {
        let readout = Readout::of(&Explorer::default());
        assert_eq!(readout.probabilities, vec!["0.6652", "0.2447", "0.0900"]);
        assert_eq!(readout.logsumexp, "2.4076");
        assert!(readout.logsumexp_bounds.contains("ln 3"));
        assert_eq!(readout.beta, "1");
        assert_eq!(readout.cross_entropy, "0.4076");
        // p1 / p2 = e^(2 - 1) = e.
        assert_eq!(readout.ratio, "2.7183");
        assert!(readout.row_sums.iter().all(|s| s == "0.000"));
        assert_eq!(
            readout.spoken,
            "Logits 2, 1, 0 give probabilities 0.665, 0.245, 0.09 (T = 1)."
        );
        assert_eq!(readout.point, "p1 = 0.6652, p2 = 0.2447, p3 = 0.0900");
    }

    #[test]
    fn a_masked_class_reads_out_as_probability_zero() {
        let mut state = Explorer::default();
        state.set_logit(1, "-inf").unwrap();
        state.set_ratio_pair(0, 1).unwrap();
        state.set_target(1).unwrap();
        let r = Readout::of(&state);
        assert_eq!(r.probabilities, vec!["0.8808", "0.0000", "0.1192"]);
        assert_eq!(r.log_probabilities[1], "−∞");
        assert_eq!(r.cross_entropy, "∞");
        assert_eq!(r.ratio, "∞");
        assert_eq!(
            r.spoken,
            "Logits 2, −∞, 0 give probabilities 0.881, 0, 0.119 (T = 1)."
        );
        state.set_logit(0, "-inf").unwrap();
        state.set_ratio_pair(0, 1).unwrap();
        assert!(Readout::of(&state)
            .ratio
            .starts_with("undefined: both classes are masked"));
        state.set_temperature_value(f64::INFINITY).unwrap();
        state.set_ratio_pair(2, 1).unwrap();
        assert_eq!(
            Readout::of(&state).ratio,
            "∞",
            "uniform over the unmasked only"
        );
    }

    #[test]
    fn large_logits_read_out_in_six_significant_digits() {
        let mut state = Explorer::default();
        state.set_logits(vec![1e6, 0.0, -1e6]).unwrap();
        state.set_temperature_value(0.001).unwrap();
        let r = Readout::of(&state);
        assert_eq!(r.logsumexp, "1e9");
        assert_eq!(r.log_probabilities[1], "−1e9");
        assert_eq!(r.log_probabilities[2], "−2e9");
    }

    #[test]
    fn entropy_runs_from_zero_to_log_n() {
        let mut state = Explorer::default();
        state.set_temperature_value(f64::INFINITY).unwrap();
        let uniform = Readout::of(&state);
        assert_eq!(uniform.entropy, fixed(3f64.ln(), 4));
        state.set_temperature_value(0.0).unwrap();
        let one_hot = Readout::of(&state);
        assert_eq!(one_hot.entropy, "0.0000");
        assert_eq!(one_hot.jacobian[0][0], "0.000");
    }

    #[test]
    fn the_ratio_is_exponential_in_the_gap_over_t() {
        let mut state = Explorer::default();
        state.set_temperature_value(0.5).unwrap();
        assert!((ratio(&state, 0, 2) - 4f64.exp()).abs() < 1e-12);
        state.set_temperature_value(0.0).unwrap();
        assert_eq!(ratio(&state, 0, 1), f64::INFINITY);
        assert_eq!(ratio(&state, 2, 1), 0.0);
    }
}
