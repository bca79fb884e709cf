//! Graded practice: the lesson's own three problems, seeded variants of
//! them, a forgiving answer parser, a checker that names the likely mistake,
//! and the learner's progress with a spaced-repetition schedule.
//!
//! How the parts connect:
//!
//! * [`generate()`] builds a [`Problem`] for a [`Level`] and a seed (seed 0 is
//!   the lesson's own problem); every expected answer is computed by
//!   the core ([`crate::softmax_with_temperature`], [`crate::log_softmax`]).
//! * [`parse::parse_answer`] turns what a person typed (`1/4`, `[0.25; 0.25]`,
//!   `e^2/(e^2+e+1)`) into an [`parse::Answer`], or says why it cannot.
//! * [`check::check`] compares an answer with a [`problem::Task`] and returns
//!   a [`check::Verdict`]: correct, close, one of the named
//!   [`misconception::Misconception`]s (each recognised by redoing the wrong
//!   computation on every legitimate form of the problem's logits), or a
//!   plain "not right" that says only what holds of the answer.
//! * [`derivation`] is the "show that" problem, checked step by step.
//! * [`progress`] reads and writes the stored record (validating every
//!   field), and [`schedule`] decides which variants to revisit and when;
//!   [`place`] keeps where the learner is in each problem across reloads.

pub mod assignment;
pub mod check;
pub mod derivation;
pub mod generate;
pub mod misconception;
pub mod parse;
pub mod place;
pub mod problem;
pub mod progress;
mod rng;
pub mod schedule;

pub use check::{check, Verdict};
pub use generate::generate;
pub use problem::{Level, Problem, Task};
