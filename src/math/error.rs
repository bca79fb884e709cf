//! The crate's error type.

use std::fmt;

/// Why a computation was refused. Every message is written for a person
/// reading it next to an input field.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The temperature was negative or NaN. T = 0 (the argmax limit) and
    /// T = +inf (the uniform limit) are accepted.
    InvalidTemperature(f64),
    /// Two vectors that must have the same length did not.
    LengthMismatch {
        /// Length of the logits.
        expected: usize,
        /// Length of the other vector.
        found: usize,
    },
    /// A free-form message from a parser or a validator.
    Invalid(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidTemperature(t) if t.is_nan() => {
                write!(f, "the temperature must be a number; got NaN")
            }
            Error::InvalidTemperature(t) => write!(
                f,
                "the temperature must be zero or positive (T = 0 is the argmax limit); got {t}"
            ),
            Error::LengthMismatch { expected, found } => write!(
                f,
                "the tangent must have one entry per logit: expected {expected}, got {found}"
            ),
            Error::Invalid(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}
