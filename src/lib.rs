//! # softmax-lesson
//!
//! The core of an interactive lesson on the softmax function. Everything the
//! page shows is computed here and handed to JavaScript by a thin
//! `wasm-bindgen` facade (the `web` module, compiled only for `wasm32`).
//!
//! * [`math`]: softmax, temperature, log-softmax, log-sum-exp, the Jacobian
//!   and Jacobian-vector products, with one set of special values.
//!
//! ```
//! let p = softmax_lesson::softmax(&[2.0, 1.0, 0.0]);
//! assert!((p[0] - 0.665).abs() < 5e-4);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod math;

pub use math::{
    jacobian, jvp, log_softmax, log_softmax_with_temperature, logsumexp, softmax,
    softmax_with_temperature, Error,
};
pub mod charts;
pub mod explorer;
pub mod input;
pub mod labs;
pub mod lesson;
#[cfg(feature = "mathtext")]
pub mod mathtext;
pub mod practice;
pub mod simplex;
#[cfg(target_arch = "wasm32")]
pub mod web;
