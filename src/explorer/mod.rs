//! The explorer's state: logits and a temperature, shared by every linked
//! view, plus everything the read-outs show about it.
//!
//! The page never holds a number of its own: it sends edits here
//! ([`Explorer::set_logit`], [`Explorer::set_temperature`], a drag on the
//! simplex) and reads back the state, the read-outs and the URL fragment.

pub mod format;
pub mod fragment;
pub mod readout;

use crate::input::{parse_number, parse_temperature};
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

/// One consistent state of the explorer.
#[derive(Debug, Clone, PartialEq)]
pub struct Explorer {
    logits: Vec<f64>,
    temperature: f64,
}

impl Default for Explorer {
    fn default() -> Self {
        Explorer {
            logits: vec![2.0, 1.0, 0.0],
            temperature: 1.0,
        }
    }
}

impl Explorer {
    /// The current logits.
    pub fn logits(&self) -> &[f64] {
        &self.logits
    }

    /// The current temperature (0 and +inf are the two limits).
    pub fn temperature(&self) -> f64 {
        self.temperature
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

    /// Replace every logit at once, after checking them.
    pub fn set_logits(&mut self, logits: Vec<f64>) -> Result<(), Error> {
        check_logits(&logits)?;
        self.logits = logits;
        Ok(())
    }

    /// Set logit `index` (0-based) from what a person typed.
    pub fn set_logit(&mut self, index: usize, text: &str) -> Result<(), Error> {
        let value = parse_number(text)?;
        check_logit(value)?;
        match self.logits.get_mut(index) {
            Some(slot) => {
                *slot = value;
                Ok(())
            }
            None => Err(Error::Invalid(format!("There is no logit {}.", index + 1))),
        }
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

    /// Put the simplex point under the pixel `q` of the triangle `tri`
    /// (three classes only): the logits become the mean-centred
    /// `T ln p` of the probabilities at that pixel.
    pub fn drag_to(&mut self, tri: &Triangle, q: Point) -> Result<(), Error> {
        if self.logits.len() != 3 {
            return Err(Error::Invalid(
                "The simplex triangle needs exactly three classes.".to_owned(),
            ));
        }
        let p = tri.probabilities_at(q);
        self.set_logits(logits_for(&p, self.temperature))
    }
}

fn check_logit(value: f64) -> Result<(), Error> {
    if value.is_finite() && value.abs() <= MAX_LOGIT {
        Ok(())
    } else {
        Err(Error::Invalid(format!(
            "Keep logits between -{MAX_LOGIT:e} and {MAX_LOGIT:e} so every view can draw them."
        )))
    }
}

fn check_logits(logits: &[f64]) -> Result<(), Error> {
    if !(MIN_CLASSES..=MAX_CLASSES).contains(&logits.len()) {
        return Err(Error::Invalid(format!(
            "The explorer takes between {MIN_CLASSES} and {MAX_CLASSES} logits; got {}.",
            logits.len()
        )));
    }
    logits.iter().try_for_each(|&v| check_logit(v))
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
        assert_eq!(explorer, before);
    }

    #[test]
    fn the_limits_of_temperature_are_reachable() {
        let mut explorer = Explorer::default();
        explorer.set_temperature("0").unwrap();
        assert_eq!(explorer.probabilities(), vec![1.0, 0.0, 0.0]);
        explorer.set_temperature("inf").unwrap();
        assert_eq!(explorer.probabilities(), vec![1.0 / 3.0; 3]);
    }
}
