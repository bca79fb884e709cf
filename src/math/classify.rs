//! Sorting a logit vector into the cases that decide its special values.
//!
//! Every public function first asks [`classify`] which case it is in, so the
//! special values of the API (empty input, NaN, fully masked rows, +inf
//! logits, the T = 0 and T = +inf limits) are decided in exactly one place.

use super::Error;

/// The case a logit vector falls into.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Case {
    /// No entries at all.
    Empty,
    /// At least one NaN: every output is NaN.
    HasNan,
    /// Every entry is -inf (a fully masked row): probabilities are all 0.
    AllMasked,
    /// `count` entries are +inf (and none is NaN): they share the mass.
    PosInf { count: usize },
    /// The ordinary case: a finite maximum `max`, attained `ties` times.
    Finite { max: f64, ties: usize },
}

/// Decide which [`Case`] `logits` is in.
pub(crate) fn classify(logits: &[f64]) -> Case {
    if logits.is_empty() {
        return Case::Empty;
    }
    let mut max = f64::NEG_INFINITY;
    let mut ties = 0usize;
    let mut pos_inf = 0usize;
    for &x in logits {
        if x.is_nan() {
            return Case::HasNan;
        }
        if x == f64::INFINITY {
            pos_inf += 1;
        }
        if x > max {
            max = x;
            ties = 1;
        } else if x == max {
            ties += 1;
        }
    }
    if pos_inf > 0 {
        Case::PosInf { count: pos_inf }
    } else if max == f64::NEG_INFINITY {
        Case::AllMasked
    } else {
        Case::Finite { max, ties }
    }
}

/// How a temperature acts on the logits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Temp {
    /// T = 0: the argmax limit.
    Zero,
    /// 0 < T < inf.
    Finite(f64),
    /// T = +inf: the uniform limit over the entries that are not -inf.
    Infinite,
}

/// Validate a temperature: T < 0 and NaN are errors.
pub(crate) fn temperature(t: f64) -> Result<Temp, Error> {
    if t.is_nan() || t < 0.0 {
        Err(Error::InvalidTemperature(t))
    } else if t == 0.0 {
        Ok(Temp::Zero)
    } else if t == f64::INFINITY {
        Ok(Temp::Infinite)
    } else {
        Ok(Temp::Finite(t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_are_recognised() {
        assert_eq!(classify(&[]), Case::Empty);
        assert_eq!(classify(&[1.0, f64::NAN, f64::INFINITY]), Case::HasNan);
        assert_eq!(classify(&[f64::NEG_INFINITY; 3]), Case::AllMasked);
        assert_eq!(
            classify(&[f64::INFINITY, 0.0, f64::INFINITY]),
            Case::PosInf { count: 2 }
        );
        assert_eq!(
            classify(&[2.0, f64::NEG_INFINITY, 2.0]),
            Case::Finite { max: 2.0, ties: 2 }
        );
    }

    #[test]
    fn temperatures_are_validated() {
        assert_eq!(temperature(0.0), Ok(Temp::Zero));
        assert_eq!(temperature(-0.0), Ok(Temp::Zero));
        assert_eq!(temperature(f64::INFINITY), Ok(Temp::Infinite));
        assert!(temperature(-1.0).is_err());
        assert!(temperature(f64::NAN).is_err());
        assert!(temperature(f64::NEG_INFINITY).is_err());
    }
}
