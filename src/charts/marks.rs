//! Labelled marks on the simplex triangle, drawn over the simplex view: the
//! points a lesson diagram compares (a shifted and a scaled copy of the
//! logits, the source's three temperatures). Marks are rings with a text
//! label, so they are told apart by words, not colour.

use super::frame::label_style;
use super::{err, DrawResult, Theme};
use crate::simplex::Triangle;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One labelled point of the simplex.
pub struct Mark<'a> {
    /// The probabilities (three of them).
    pub p: &'a [f64],
    /// Its label.
    pub label: String,
    /// Drawn larger and bolder.
    pub emphasised: bool,
}

/// Draw `marks` on the triangle `tri` (as returned by the simplex view).
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    tri: &Triangle,
    marks: &[Mark],
    theme: &Theme,
    scale: f64,
) -> DrawResult<()> {
    let s = scale.max(0.5);
    for mark in marks {
        if mark.p.len() != 3 || mark.p.iter().any(|v| !v.is_finite()) {
            continue;
        }
        let at = tri.point(mark.p);
        let centre = (at.x.round() as i32, at.y.round() as i32);
        let (radius, width) = if mark.emphasised {
            (12.0, 3.0)
        } else {
            (7.0, 2.0)
        };
        area.draw(&Circle::new(
            centre,
            (radius * s) as i32,
            theme.text.stroke_width(theme.line(width, s)),
        ))
        .map_err(err)?;
        area.draw(&Text::new(
            mark.label.clone(),
            (
                centre.0 + ((radius + 4.0) * s) as i32,
                centre.1 - (4.0 * s) as i32,
            ),
            label_style(theme, 13.0, s, HPos::Left, VPos::Bottom),
        ))
        .map_err(err)?;
    }
    area.present().map_err(err)
}
