//! The labs: hands-on pages that each take one idea of the lesson further.
//! Each lab keeps its whole state in Rust; the `web` facade draws it and
//! hands its numbers, already written as text, to the page.
//!
//! * [`calibration`]: temperature scaling fitted on a toy validation set.
//! * [`timeline`]: the guided player, a deterministic timeline of scenes.

pub mod calibration;
pub mod timeline;
