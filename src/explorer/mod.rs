//! The explorer's state: logits, a temperature and a few choices (the class
//! a cross-entropy is measured against, the pair whose ratio is shown, the
//! logit the Jacobian arrow nudges), shared by every linked view.
//!
//! The page never holds a number of its own: it sends edits here and reads
//! back the state, the read-outs ([`readout::Readout`]) and the URL fragment
//! ([`fragment`]). Pointer and keyboard edits on the simplex and bar views
//! go through [`interaction::Interaction`], which knows where they were
//! drawn.

pub mod fragment;
pub mod interaction;
pub mod readout;
pub mod views;

use crate::format;
use crate::input::{parse_logit, parse_number, parse_temperature};
use crate::simplex::{logits_for, Point, Triangle};
use crate::{log_softmax_with_temperature, softmax_with_temperature, Error};

/// Fewest classes the explorer shows.
pub const MIN_CLASSES: usize = 2;
/// Most classes the explorer shows.
pub const MAX_CLASSES: usize = 10;
/// Largest logit magnitude the explorer accepts, so every view can draw it.
pub const MAX_LOGIT: f64 = 1e6;
/// Smallest and largest finite temperature the explorer accepts.
pub const TEMPERATURE_RANGE: (f64, f64) = (1e-3, 1e3);
/// The slider's temperature range: `10^-2` to `10^2`.
pub const SLIDER_RANGE: (f64, f64) = (0.01, 100.0);
/// Largest nudge the Jacobian arrow accepts.
pub const MAX_NUDGE: f64 = 10.0;

/// One consistent state of the explorer.
#[derive(Debug, Clone, PartialEq)]
pub struct Explorer {
    logits: Vec<f64>,
    temperature: f64,
    /// The true class for the cross-entropy read-out (0-based).
    target: usize,
    /// The pair `(i, k)` whose ratio `p_i / p_k` is shown (0-based).
    ratio: (usize, usize),
    /// The logit nudged for the Jacobian arrow (0-based) and by how much.
    nudge: (usize, f64),
    /// Whether the triangle shows its iso-probability lines.
    iso_lines: bool,
}

impl Default for Explorer {
    fn default() -> Self {
        Explorer {
            logits: vec![2.0, 1.0, 0.0],
            temperature: 1.0,
            target: 0,
            ratio: (0, 1),
            // No nudge until the reader asks for one in the Jacobian
            // section: the arrow J dx is not drawn before it is explained.
            nudge: (0, 0.0),
            iso_lines: false,
        }
    }
}

impl Explorer {
    /// The current logits.
    pub fn logits(&self) -> &[f64] {
        &self.logits
    }

    /// The number of classes.
    pub fn classes(&self) -> usize {
        self.logits.len()
    }

    /// The current temperature (0 and +inf are the two limits).
    pub fn temperature(&self) -> f64 {
        self.temperature
    }

    /// The class the cross-entropy is measured against (0-based).
    pub fn target(&self) -> usize {
        self.target
    }

    /// The pair whose probability ratio is shown (0-based).
    pub fn ratio_pair(&self) -> (usize, usize) {
        self.ratio
    }

    /// The nudged logit (0-based) and the size of the nudge.
    pub fn nudge(&self) -> (usize, f64) {
        self.nudge
    }

    /// Whether the triangle shows its iso-probability lines (part of the
    /// state, so a link shows them too).
    pub fn iso_lines(&self) -> bool {
        self.iso_lines
    }

    /// Show or hide the iso-probability lines.
    pub fn set_iso_lines(&mut self, on: bool) {
        self.iso_lines = on;
    }

    /// `softmax(x / T)` for the current state.
    pub fn probabilities(&self) -> Vec<f64> {
        // The state only ever holds a valid temperature.
        softmax_with_temperature(&self.logits, self.temperature)
            .unwrap_or_else(|_| vec![f64::NAN; self.logits.len()])
    }

    /// `log softmax(x / T)` for the current state.
    pub fn log_probabilities(&self) -> Vec<f64> {
        log_softmax_with_temperature(&self.logits, self.temperature)
            .unwrap_or_else(|_| vec![f64::NAN; self.logits.len()])
    }

    /// Replace every logit at once, after checking them. The class choices
    /// are kept when they still exist, otherwise reset to the first classes.
    pub fn set_logits(&mut self, logits: Vec<f64>) -> Result<(), Error> {
        check_logits(&logits)?;
        let n = logits.len();
        self.logits = logits;
        if self.target >= n {
            self.target = 0;
        }
        if self.ratio.0 >= n || self.ratio.1 >= n {
            self.ratio = (0, 1);
        }
        if self.nudge.0 >= n {
            self.nudge.0 = 0;
        }
        Ok(())
    }

    /// Set logit `index` (0-based) from what a person typed: a number, or
    /// `-inf` to mask the class (`inf` too). The value is kept exactly as
    /// typed.
    pub fn set_logit(&mut self, index: usize, text: &str) -> Result<(), Error> {
        let value = parse_logit(text)?;
        self.set_logit_value(index, value)
    }

    /// Set logit `index` (0-based) to a value, after checking it.
    pub fn set_logit_value(&mut self, index: usize, value: f64) -> Result<(), Error> {
        check_logit(value)?;
        if index >= self.logits.len() {
            return Err(Error::Invalid(format!(
                "There is no logit {}.",
                index.saturating_add(1)
            )));
        }
        let mut logits = self.logits.clone();
        logits[index] = value;
        check_not_all_masked(&logits)?;
        self.logits = logits;
        Ok(())
    }

    /// Change the number of classes: new classes get logit 0, removed ones
    /// are dropped from the end. The count is checked before anything is
    /// allocated, so an absurd `n` is a message, not an allocation failure.
    pub fn set_classes(&mut self, n: usize) -> Result<(), Error> {
        check_class_count(n)?;
        let mut logits = self.logits.clone();
        logits.resize(n, 0.0);
        self.set_logits(logits)
    }

    /// Add `c` to every logit (`c` typed by a person; subtracted instead
    /// when `subtract`). Softmax does not notice: this is shift invariance.
    /// The sums are tidied of binary noise (`0.1 + 0.2` is held as `0.3`); a
    /// masked logit stays at `-inf`.
    pub fn shift_all(&mut self, text: &str, subtract: bool) -> Result<(), Error> {
        let c = parse_number(text)?;
        let c = if subtract { -c } else { c };
        let shifted: Vec<f64> = self
            .logits
            .iter()
            .map(|&x| format::tidy_sum(x, c))
            .collect();
        self.set_logits(shifted)
    }

    /// Set the temperature from what a person typed.
    pub fn set_temperature(&mut self, text: &str) -> Result<(), Error> {
        let t = parse_temperature(text)?;
        self.set_temperature_value(t)
    }

    /// Set the temperature to a value, after checking it.
    pub fn set_temperature_value(&mut self, t: f64) -> Result<(), Error> {
        check_temperature(t)?;
        self.temperature = t;
        Ok(())
    }

    /// Set the temperature from the log-scale slider's position `s`, where
    /// `T = 10^s` and `s` runs from -2 to 2. The slider's value arrives as
    /// text, like every other field.
    pub fn set_temperature_from_slider(&mut self, text: &str) -> Result<(), Error> {
        let s = parse_number(text)?.clamp(SLIDER_RANGE.0.log10(), SLIDER_RANGE.1.log10());
        // Round to 4 significant digits so the field shows a tidy value.
        let t = 10f64.powf(s);
        let digits = 3 - t.log10().floor() as i32;
        let factor = 10f64.powi(digits);
        self.set_temperature_value((t * factor).round() / factor)
    }

    /// The slider position for the current temperature (its limits at the
    /// two ends for T = 0 and T = inf).
    pub fn slider_position(&self) -> f64 {
        let t = self.temperature;
        if t == 0.0 {
            SLIDER_RANGE.0.log10()
        } else {
            t.log10()
                .clamp(SLIDER_RANGE.0.log10(), SLIDER_RANGE.1.log10())
        }
    }

    /// Choose the class the cross-entropy is measured against.
    pub fn set_target(&mut self, class: usize) -> Result<(), Error> {
        self.check_class(class)?;
        self.target = class;
        Ok(())
    }

    /// Choose the pair `(i, k)` whose ratio `p_i / p_k` is shown.
    pub fn set_ratio_pair(&mut self, i: usize, k: usize) -> Result<(), Error> {
        self.check_class(i)?;
        self.check_class(k)?;
        self.ratio = (i, k);
        Ok(())
    }

    /// Choose the logit the Jacobian arrow nudges.
    pub fn set_nudge_class(&mut self, class: usize) -> Result<(), Error> {
        self.check_class(class)?;
        self.nudge.0 = class;
        Ok(())
    }

    /// Set the size of the nudge from typed text.
    pub fn set_nudge_size(&mut self, text: &str) -> Result<(), Error> {
        let size = parse_number(text)?;
        if size.abs() > MAX_NUDGE {
            return Err(Error::Invalid(format!(
                "Keep the nudge between −{MAX_NUDGE} and {MAX_NUDGE}."
            )));
        }
        self.nudge.1 = size;
        Ok(())
    }

    /// The nudge as a vector `dx`: the chosen size on the chosen logit.
    pub fn nudge_vector(&self) -> Vec<f64> {
        let mut dx = vec![0.0; self.logits.len()];
        if let Some(slot) = dx.get_mut(self.nudge.0) {
            *slot = self.nudge.1;
        }
        dx
    }

    fn check_class(&self, class: usize) -> Result<(), Error> {
        if class < self.logits.len() {
            Ok(())
        } else {
            Err(Error::Invalid(format!(
                "There is no class {}.",
                class.saturating_add(1)
            )))
        }
    }

    /// Put the simplex point under the pixel `q` of the triangle `tri`
    /// (three classes only): the logits become the mean-centred
    /// `T ln p` of the probabilities at that pixel, snapped to the digits
    /// the fields show ([`format::snap`]), so what is shown, linked and
    /// computed is one and the same value. (Below T = 0.01 the snapping can
    /// move the point visibly off the pointer: four decimals of a logit are
    /// then a coarse step of x/T.)
    pub fn drag_to(&mut self, tri: &Triangle, q: Point) -> Result<(), Error> {
        if self.logits.len() != 3 {
            return Err(Error::Invalid(
                "The simplex triangle needs exactly three classes.".to_owned(),
            ));
        }
        let p = tri.probabilities_at(q);
        let logits = logits_for(&p, self.temperature)
            .into_iter()
            .map(format::snap)
            .collect();
        self.set_logits(logits)
    }

    /// Put the simplex point at the centre, uniform probabilities: every
    /// logit exactly 0 (three classes only).
    pub fn centre(&mut self) -> Result<(), Error> {
        if self.logits.len() != 3 {
            return Err(Error::Invalid(
                "The simplex triangle needs exactly three classes.".to_owned(),
            ));
        }
        self.set_logits(vec![0.0; 3])
    }
}

/// A logit is a number no larger than [`MAX_LOGIT`] in size, or one of the
/// two infinities the core's contract defines: `-inf` masks its class
/// (probability 0), and the classes at `+inf` share all the probability.
fn check_logit(value: f64) -> Result<(), Error> {
    if value.is_infinite() || (value.is_finite() && value.abs() <= MAX_LOGIT) {
        Ok(())
    } else if value.is_nan() {
        Err(Error::Invalid("A logit must be a number.".to_owned()))
    } else {
        Err(Error::Invalid(format!(
            "Keep logits between −{MAX_LOGIT:e} and {MAX_LOGIT:e} so every view can draw them, or type -inf to mask the class."
        )))
    }
}

/// With every logit at `-inf` (a fully masked row) the core gives every
/// class probability 0: no distribution, so no point on the simplex and no
/// entropy to show. The explorer keeps at least one class unmasked.
fn check_not_all_masked(logits: &[f64]) -> Result<(), Error> {
    if logits.iter().all(|&v| v == f64::NEG_INFINITY) {
        Err(Error::Invalid(
            "At least one class must stay unmasked: with every logit at −∞ softmax gives 0 to every class, which is no distribution.".to_owned(),
        ))
    } else {
        Ok(())
    }
}

fn check_class_count(n: usize) -> Result<(), Error> {
    if (MIN_CLASSES..=MAX_CLASSES).contains(&n) {
        Ok(())
    } else {
        Err(Error::Invalid(format!(
            "The explorer takes between {MIN_CLASSES} and {MAX_CLASSES} logits; got {n}."
        )))
    }
}

fn check_logits(logits: &[f64]) -> Result<(), Error> {
    check_class_count(logits.len())?;
    logits.iter().try_for_each(|&v| check_logit(v))?;
    check_not_all_masked(logits)
}

fn check_temperature(t: f64) -> Result<(), Error> {
    let (low, high) = TEMPERATURE_RANGE;
    if t == 0.0 || t == f64::INFINITY || (low..=high).contains(&t) {
        Ok(())
    } else {
        Err(Error::Invalid(format!(
            "Use a temperature between {low} and {high}, or 0 (argmax) or inf (uniform)."
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_field_keeps_the_last_good_state() {
        let mut explorer = Explorer::default();
        let before = explorer.clone();
        assert!(explorer.set_logit(0, "abc").is_err());
        assert!(explorer.set_logit(5, "1").is_err());
        assert!(explorer.set_temperature("-1").is_err());
        assert!(explorer.set_temperature("1e-9").is_err());
        assert!(explorer.set_logit(1, "1e999").is_err());
        assert!(explorer.shift_all("NaN", false).is_err());
        assert!(explorer.set_classes(11).is_err());
        assert!(explorer.set_classes(1).is_err());
        assert!(explorer.set_target(3).is_err());
        assert!(explorer.set_nudge_size("100").is_err());
        assert_eq!(explorer, before);
    }

    #[test]
    fn minus_infinity_masks_a_class_but_not_every_class() {
        let mut explorer = Explorer::default();
        for text in ["-inf", "−inf", "-Infinity", "-∞", "−∞"] {
            explorer.set_logit(1, text).unwrap();
            assert_eq!(explorer.logits()[1], f64::NEG_INFINITY, "{text}");
            assert_eq!(explorer.probabilities()[1], 0.0, "{text}");
        }
        explorer.set_logit(0, "-inf").unwrap();
        assert_eq!(explorer.probabilities(), vec![0.0, 0.0, 1.0]);
        let before = explorer.clone();
        let error = explorer.set_logit(2, "-inf").unwrap_err().to_string();
        assert!(
            error.contains("At least one class must stay unmasked"),
            "{error}"
        );
        assert_eq!(explorer, before, "the last good state stays");
        assert!(explorer.set_logits(vec![f64::NEG_INFINITY; 4]).is_err());
        // A shift leaves a masked class masked.
        explorer.shift_all("10", false).unwrap();
        assert_eq!(
            explorer.logits(),
            &[f64::NEG_INFINITY, f64::NEG_INFINITY, 10.0]
        );
    }

    #[test]
    fn plus_infinity_takes_all_the_probability_as_the_core_defines() {
        let mut explorer = Explorer::default();
        explorer.set_logit(0, "inf").unwrap();
        explorer.set_logit(1, "∞").unwrap();
        for t in ["0", "0.5", "inf"] {
            explorer.set_temperature(t).unwrap();
            assert_eq!(explorer.probabilities(), vec![0.5, 0.5, 0.0], "T = {t}");
        }
    }

    #[test]
    fn shifting_tidies_the_binary_noise_of_a_sum() {
        let mut explorer = Explorer::default();
        explorer.set_logits(vec![0.1, 1.0, 0.0]).unwrap();
        explorer.shift_all("0.2", false).unwrap();
        assert_eq!(explorer.logits(), &[0.3, 1.2, 0.2]);
        explorer.set_logit(2, "0.123456789").unwrap();
        explorer.shift_all("1", false).unwrap();
        assert_eq!(explorer.logits()[2], 1.123456789, "typed digits are kept");
    }

    #[test]
    fn the_limits_of_temperature_are_reachable() {
        let mut explorer = Explorer::default();
        explorer.set_temperature("0").unwrap();
        assert_eq!(explorer.probabilities(), vec![1.0, 0.0, 0.0]);
        explorer.set_temperature("inf").unwrap();
        assert_eq!(explorer.probabilities(), vec![1.0 / 3.0; 3]);
    }

    #[test]
    fn the_slider_is_logarithmic_from_a_hundredth_to_a_hundred() {
        let mut explorer = Explorer::default();
        for (position, t) in [
            ("-2", 0.01),
            ("0", 1.0),
            ("2", 100.0),
            ("0.30103", 2.0),
            ("-5", 0.01),
        ] {
            explorer.set_temperature_from_slider(position).unwrap();
            assert_eq!(explorer.temperature(), t, "position {position}");
        }
        explorer.set_temperature_value(0.0).unwrap();
        assert_eq!(explorer.slider_position(), -2.0);
        explorer.set_temperature_value(f64::INFINITY).unwrap();
        assert_eq!(explorer.slider_position(), 2.0);
    }

    #[test]
    fn shifting_all_logits_leaves_the_probabilities_still() {
        let mut explorer = Explorer::default();
        let before = explorer.probabilities();
        explorer.shift_all("10", false).unwrap();
        assert_eq!(explorer.logits(), &[12.0, 11.0, 10.0]);
        assert_eq!(explorer.probabilities(), before);
        explorer.shift_all("10", true).unwrap();
        assert_eq!(explorer.logits(), &[2.0, 1.0, 0.0]);
    }

    #[test]
    fn changing_the_number_of_classes_keeps_valid_choices() {
        let mut explorer = Explorer::default();
        explorer.set_target(2).unwrap();
        explorer.set_ratio_pair(2, 1).unwrap();
        explorer.set_classes(5).unwrap();
        assert_eq!(explorer.logits(), &[2.0, 1.0, 0.0, 0.0, 0.0]);
        assert_eq!(explorer.target(), 2);
        explorer.set_classes(2).unwrap();
        assert_eq!(explorer.target(), 0);
        assert_eq!(explorer.ratio_pair(), (0, 1));
    }
}
