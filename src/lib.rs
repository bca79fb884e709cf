//! # softmax-lesson
//!
//! The core of an interactive lesson on the softmax function. Everything the
//! page shows is computed here and handed to JavaScript by a thin
//! `wasm-bindgen` facade (the `web` module, compiled only for `wasm32`).
//!
//! The modules, by layer (each uses only its own layer and those below;
//! `cargo xtask tidy` checks it):
//!
//! * [`math`]: softmax, temperature, log-softmax, log-sum-exp, the Jacobian
//!   and Jacobian-vector products, with one set of special values; [`input`]
//!   reads typed numbers; [`format`](mod@format) writes numbers for the page.
//! * [`simplex`]: the triangle's geometry; `mathtext` (feature `mathtext`):
//!   LaTeX in practice texts typeset as MathML.
//! * [`charts`]: the drawing code, generic over plotters' backends.
//! * The features: [`explorer`] (the playground's state and its link),
//!   [`lesson`] (worked examples, diagrams, the concept list), [`practice`]
//!   (problems, checking, progress, assignments) and [`labs`] (stability,
//!   attention, calibration, the guided player's timeline).
//! * `web` (wasm32 only): the `wasm-bindgen` facade.
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
pub mod format;
pub mod input;
pub mod labs;
pub mod lesson;
#[cfg(feature = "mathtext")]
pub mod mathtext;
pub mod practice;
pub mod simplex;
#[cfg(target_arch = "wasm32")]
pub mod web;
