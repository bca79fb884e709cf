//! The lesson's live content: the worked examples, computed step by step
//! by the core when the page loads (and again for the reader's own numbers),
//! the states of the lesson's diagrams, and the list of concepts the lesson
//! teaches with the anchor where each is taught.
//!
//! The page's sections (`www/sections/`) hold the prose and the typeset
//! formulas; every number they show comes from here.

pub mod concepts;
pub mod diagrams;
pub mod worked;
