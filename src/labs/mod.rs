//! Labs: longer hands-on experiments, each a state in Rust with the numbers
//! its page section shows.
//!
//! * [`stability`]: softmax in f64/f32/f16/bf16 ([`formats`]), naive,
//!   max-shifted and exact, with overflow, NaN and underflow marked.
//! * [`attention`]: scores and weights of one attention head, with causal
//!   and padding [`masking`], fill values, and top-k/top-p [`truncation`],
//!   on seeded vectors ([`seeded`]).

pub mod attention;
pub mod formats;
pub mod masking;
pub mod seeded;
pub mod stability;
pub mod truncation;
