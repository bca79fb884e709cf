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
//!
//! # Accuracy
//!
//! Every f64 output of [`softmax`], [`softmax_with_temperature`],
//! [`log_softmax`], [`log_softmax_with_temperature`], [`logsumexp`],
//! [`jacobian`] and [`jvp`] is the exact value correctly rounded (round to
//! nearest, ties to even; within 0.5 ULP), subnormals included, and the f32
//! entry points round once to f32. `cargo xtask accuracy` measures this
//! against 60+-digit references (`tests/reference/`), next to [`naive`].
//!
//! # References
//!
//! * P. Blanchard, D. J. Higham, N. J. Higham, "Accurately computing the
//!   log-sum-exp and softmax functions", IMA J. Numer. Anal. 41(4), 2021:
//!   shift by the maximum and leave its term out of the sum.
//! * T. J. Dekker, "A floating-point technique for extending the available
//!   precision", Numer. Math. 18, 1971 (TwoProd, double-double); D. E. Knuth,
//!   TAOCP vol. 2 (TwoSum); Y. Hida, X. S. Li, D. H. Bailey, "Algorithms for
//!   quad-double precision floating point arithmetic", ARITH 15, 2001;
//!   M. Joldes, J.-M. Muller, V. Popescu, "Tight and rigorous error bounds
//!   for basic building blocks of double-word arithmetic", ACM TOMS 44(2),
//!   2017.
//! * P. T. P. Tang, "Table-driven implementation of the exponential function
//!   in IEEE floating-point arithmetic", ACM TOMS 15(2), 1989.
//! * A. Ziv, "Fast evaluation of elementary mathematical functions with
//!   correctly rounded last bit", ACM TOMS 17(3), 1991.
//! * T. Ogita, S. M. Rump, S. Oishi, "Accurate sum and dot product", SIAM J.
//!   Sci. Comput. 26(6), 2005; N. J. Higham, "Accuracy and Stability of
//!   Numerical Algorithms", 2nd ed., SIAM 2002, ch. 4 (pairwise summation).

mod classify;
pub mod dd;
mod error;
mod exp;
mod exp_table;
mod expansion;
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
pub use jacobian::{jacobian, jvp, row_sum, MAX_JACOBIAN_CLASSES};
pub use softmax::{
    log_softmax, log_softmax_with_temperature, logsumexp, softmax, softmax_with_temperature,
};
