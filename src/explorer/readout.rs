//! The read-outs under the explorer: every number shown next to the views,
//! computed from one state.

use super::format::{fixed, short};
use super::Explorer;
use crate::{log_softmax_with_temperature, logsumexp};

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
    /// The temperature as typed back, and `beta = 1/T`.
    pub temperature: String,
    /// `beta = 1/T`.
    pub beta: String,
    /// A sentence a screen reader speaks after each change.
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
        fixed(lse, 4),
        format!(
            "max(x/T) = {} ≤ {} ≤ max(x/T) + ln {} = {}",
            fixed(max, 4),
            fixed(lse, 4),
            scaled.len(),
            fixed(upper, 4)
        ),
    )
}

impl Readout {
    /// The read-outs of `state`.
    pub fn of(state: &Explorer) -> Readout {
        let p = state.probabilities();
        let log_p = log_softmax_with_temperature(state.logits(), state.temperature())
            .unwrap_or_else(|_| vec![f64::NAN; p.len()]);
        let (lse, bounds) = lse_text(state);
        let t = state.temperature();
        let spoken = p
            .iter()
            .enumerate()
            .map(|(i, v)| format!("p{} = {}", i + 1, fixed(*v, 3)))
            .collect::<Vec<_>>()
            .join(", ");
        Readout {
            probabilities: p.iter().map(|v| fixed(*v, 4)).collect(),
            log_probabilities: log_p.iter().map(|v| fixed(*v, 4)).collect(),
            logsumexp: lse,
            logsumexp_bounds: bounds,
            temperature: short(t),
            beta: if t == 0.0 {
                "∞".to_owned()
            } else {
                short(1.0 / t)
            },
            spoken,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_worked_example_reads_out_its_probabilities() {
        let readout = Readout::of(&Explorer::default());
        assert_eq!(readout.probabilities, vec!["0.6652", "0.2447", "0.0900"]);
        assert_eq!(readout.logsumexp, "2.4076");
        assert!(readout.logsumexp_bounds.contains("ln 3"));
        assert_eq!(readout.beta, "1");
    }
}
