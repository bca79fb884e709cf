//! The labs: hands-on parts that each take one idea of the lesson further.
//! Each lab keeps its whole state in Rust; the `web` facade draws it and
//! hands its numbers, already written as text, to the page.
//!
//! * [`calibration`]: temperature scaling fitted on a toy validation set.
//! * [`timeline`]: the guided player, a deterministic timeline of scenes.
//! * [`stability`]: softmax in f64/f32/f16/bf16 ([`formats`]), naive,
//!   max-shifted and exact, with overflow, NaN and underflow marked.
//! * [`attention`]: scores and weights of one attention head, with causal
//!   and padding [`masking`], fill values, and top-k/top-p [`truncation`],
//!   on seeded vectors ([`seeded`]).
//!
//! [`link`] puts each lab's settings in the page's link.

pub mod attention;
pub mod calibration;
pub mod formats;
pub mod link;
pub mod masking;
pub mod seeded;
pub mod stability;
pub mod timeline;
pub mod truncation;
