//! Pure numerics: softmax and its relatives. No web code lives here.
//!
//! The special values (empty input, NaN, fully masked rows, `+inf` logits, the
//! limits `T = 0` and `T = +inf`) are decided once, in `classify`, so every
//! function agrees on them.

mod classify;
mod error;
mod jacobian;
mod softmax;

pub use error::Error;
pub use jacobian::{jacobian, jvp};
pub use softmax::{
    log_softmax, log_softmax_with_temperature, logsumexp, softmax, softmax_with_temperature,
};
