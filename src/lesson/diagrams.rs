//! The lesson's diagrams as states: what each one shows for the values of
//! its controls, and the sentence that describes it (each canvas's text
//! twin). Drawing lives in `crate::charts`; this module only computes.

use crate::charts::curves::p1;
use crate::format::fixed;
use crate::format::worked::{input, tuple};
use crate::softmax_with_temperature;

/// The logits every diagram starts from, as in the source: `(2, 1, 0)`.
pub const BASE_LOGITS: [f64; 3] = [2.0, 1.0, 0.0];

/// The temperatures marked on the temperature path, as in the source.
pub const MARKED_TEMPERATURES: [f64; 3] = [2.0, 1.0, 0.5];

/// Read a slider position `k` in `[-100, 100]` as `10^(k/100)`, a scale
/// factor or temperature from 0.1 to 10 on a log scale, rounded to two
/// significant digits so that a reader sees 2, not 1.995.
pub fn log_slider(k: f64) -> f64 {
    let v = 10f64.powf(k.clamp(-100.0, 100.0) / 100.0);
    // Divide by a power of ten (exact as an integer) rather than multiply
    // by its inverse, so that 0.7 is the double nearest 0.7.
    let scale = 10f64.powi(1 - v.log10().floor() as i32);
    (v * scale).round() / scale
}

/// The slider position `k` whose [`log_slider`] value is nearest to `t`.
pub fn slider_position(t: f64) -> f64 {
    if t > 0.0 && t.is_finite() {
        (100.0 * t.log10()).round().clamp(-100.0, 100.0)
    } else {
        0.0
    }
}

fn probabilities(logits: &[f64], t: f64) -> Vec<f64> {
    softmax_with_temperature(logits, t).unwrap_or_else(|_| vec![f64::NAN; logits.len()])
}

fn p_text(p: &[f64]) -> String {
    tuple(p, |v| fixed(v, 3))
}

/// Shift versus scale: `x + c 1` stays at the point of `x`; `a x` moves
/// along the temperature path (it is `x / T` with `T = 1/a`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShiftScale {
    /// The constant `c` added to every logit.
    pub shift: f64,
    /// The factor `a` every logit is multiplied by.
    pub scale: f64,
}

impl ShiftScale {
    /// `x + c 1`.
    pub fn shifted(&self) -> Vec<f64> {
        BASE_LOGITS.iter().map(|x| x + self.shift).collect()
    }

    /// `a x`.
    pub fn scaled(&self) -> Vec<f64> {
        BASE_LOGITS.iter().map(|x| x * self.scale).collect()
    }

    /// `softmax(x + c 1)`, the same point as `softmax(x)`.
    pub fn shifted_point(&self) -> Vec<f64> {
        probabilities(&self.shifted(), 1.0)
    }

    /// `softmax(a x)`.
    pub fn scaled_point(&self) -> Vec<f64> {
        probabilities(&self.scaled(), 1.0)
    }

    /// The diagram in words.
    pub fn describe(&self) -> String {
        format!(
            "Shift: x + c·1 = {} gives p = {}, the same point A as x = (2, 1, 0). Scale: {}·x = {} gives p = {}, point B, which slides along the path towards the class 1 corner as the factor grows and towards the centre as it shrinks.",
            tuple(&self.shifted(), input),
            p_text(&self.shifted_point()),
            input(self.scale),
            tuple(&self.scaled(), input),
            p_text(&self.scaled_point()),
        )
    }
}

/// The temperature path of `(2, 1, 0)` with the source's three temperatures
/// marked and a current temperature.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TemperaturePath {
    /// The current temperature.
    pub temperature: f64,
}

impl TemperaturePath {
    /// `softmax(x / T)` at the current temperature.
    pub fn point(&self) -> Vec<f64> {
        probabilities(&BASE_LOGITS, self.temperature)
    }

    /// The marked points `(T, softmax(x / T))`.
    pub fn marks(&self) -> Vec<(f64, Vec<f64>)> {
        MARKED_TEMPERATURES
            .iter()
            .map(|&t| (t, probabilities(&BASE_LOGITS, t)))
            .collect()
    }

    /// The diagram in words.
    pub fn describe(&self) -> String {
        let marks: Vec<String> = self
            .marks()
            .iter()
            .map(|(t, p)| format!("T = {}: {}", input(*t), p_text(p)))
            .collect();
        format!(
            "At T = {} the point is p = {}. Marked on the path: {}. Lower T moves the point towards the class 1 corner, higher T towards the centre.",
            input(self.temperature),
            p_text(&self.point()),
            marks.join("; ")
        )
    }
}

/// The two-class curves with a current temperature and difference.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TwoClass {
    /// The temperature.
    pub temperature: f64,
    /// The difference `d = x1 - x2`.
    pub d: f64,
}

impl TwoClass {
    /// `p1(d; T)`.
    pub fn p1(&self) -> f64 {
        p1(self.d, self.temperature)
    }

    /// The diagram in words.
    pub fn describe(&self) -> String {
        format!(
            "At d = {} and T = {}, p₁ = 1 / (1 + e^(−d/T)) = {} and p₂ = {}.",
            input(self.d),
            input(self.temperature),
            fixed(self.p1(), 3),
            fixed(1.0 - self.p1(), 3)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifting_all_logits_leaves_the_point_still() {
        let d = ShiftScale {
            shift: 10.0,
            scale: 1.0,
        };
        let a = probabilities(&BASE_LOGITS, 1.0);
        for (p, q) in d.shifted_point().iter().zip(&a) {
            assert!((p - q).abs() < 1e-15);
        }
        assert!(d.describe().contains("(12, 11, 10)"));
    }

    #[test]
    fn scaling_the_logits_is_a_temperature() {
        let d = ShiftScale {
            shift: 0.0,
            scale: 2.0,
        };
        let cold = probabilities(&BASE_LOGITS, 0.5);
        for (p, q) in d.scaled_point().iter().zip(&cold) {
            assert!((p - q).abs() < 1e-15);
        }
    }

    #[test]
    fn the_path_marks_the_three_source_temperatures() {
        let path = TemperaturePath { temperature: 1.0 };
        let text = path.describe();
        for t in ["T = 2", "T = 1", "T = 0.5"] {
            assert!(text.contains(t), "{text}");
        }
        assert_eq!(log_slider(0.0), 1.0);
        // Two significant digits: 10^0.3 = 1.995... reads as 2.
        assert_eq!(log_slider(30.0), 2.0);
        assert_eq!(log_slider(-15.0), 0.71);
        for k in -100..=100 {
            let v = log_slider(f64::from(k));
            let text = format!("{v}");
            assert!(
                text.trim_start_matches("0.").trim_start_matches('0').len() <= 3,
                "{k}: {text}"
            );
        }
        assert_eq!(slider_position(2.0), 30.0);
        assert_eq!(slider_position(0.5), -30.0);
        assert!((log_slider(-100.0) - 0.1).abs() < 1e-15);
    }

    #[test]
    fn the_two_class_diagram_reads_its_point() {
        let c = TwoClass {
            temperature: 1.0,
            d: 0.0,
        };
        assert!(c.describe().contains("p₁ = 1 / (1 + e^(−d/T)) = 0.500"));
    }
}
