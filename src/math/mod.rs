//! Pure numerics: softmax and its relatives. No web code lives here.
//!
//! The special values (empty input, NaN, fully masked rows, `+inf` logits, the
//! limits `T = 0` and `T = +inf`) are decided once, in `classify`, so every
//! function agrees on them.
//!
//! Every result is correctly rounded. How the parts connect:
//!
//! * `dd` — double-double arithmetic on Knuth's TwoSum and Dekker's TwoProd
//!   (no fused multiply-add, no `libm`: identical bits on x86_64 and wasm32);
//! * `scaled` — double-doubles with a separate exponent, and the one final
//!   rounding to f64 or f32 (subnormals included);
//! * `exp` — a table-driven double-double exponential; `log1p` — Newton's
//!   method on it; `sum` — pairwise double-double summation;
//! * `prepare` — shift, divide by `T`, exponentiate, add up (shared by all);
//! * `softmax`, `jacobian` — the public functions, generic over the output
//!   format; `f32` — the single-precision entry points;
//! * [`naive`] — the plain f64 baseline the accuracy table compares against.

mod classify;
pub mod dd;
mod error;
mod exp;
mod exp_table;
mod f32;
mod jacobian;
mod log1p;
pub mod naive;
mod output;
mod prepare;
pub mod scaled;
mod softmax;
mod sum;

pub use error::Error;
pub use f32::{
    jacobian_f32, jvp_f32, log_softmax_f32, log_softmax_with_temperature_f32, logsumexp_f32,
    softmax_f32, softmax_with_temperature_f32,
};
pub use jacobian::{jacobian, jvp, MAX_JACOBIAN_CLASSES};
pub use softmax::{
    log_softmax, log_softmax_with_temperature, logsumexp, softmax, softmax_with_temperature,
};
