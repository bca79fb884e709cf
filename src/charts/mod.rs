//! Drawing code for the page's views, generic over plotters'
//! `DrawingBackend`: the canvas backend on the page, the SVG backend in
//! native tests and for downloads. Charts ask the core for every number they
//! draw and return the geometry needed to map pointer positions back.

pub mod bars;
pub mod calibration;
pub mod curves;
pub mod frame;
pub mod jacobian;
pub mod player;
pub mod simplex;
pub mod theme;

pub use theme::Theme;

use plotters::coord::Shift;
use plotters::prelude::*;

/// The error of a drawing call, as text (backends have their own types).
pub type DrawResult<T> = Result<T, String>;

pub(crate) fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("drawing failed: {e:?}")
}

/// Clear `area` to the theme's background.
pub(crate) fn clear<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    theme: &Theme,
) -> DrawResult<()> {
    area.fill(&theme.background).map_err(err)
}
