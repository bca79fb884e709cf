//! Drawing the explorer's linked views for one state, on any plotters
//! backend: the canvas on the page, SVG for downloads and native tests.

use super::Explorer;
use crate::charts::{bars, curves, jacobian, simplex, Theme};
use crate::simplex::Triangle;
use crate::Error;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One of the explorer's views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The probability simplex (three classes).
    Simplex,
    /// Logits, exponentials and probabilities as bars.
    Bars,
    /// The two-class temperature curves.
    Curves,
    /// The Jacobian heatmap.
    Jacobian,
}

impl View {
    /// The view called `name` ("simplex", "bars", "curves", "jacobian").
    pub fn named(name: &str) -> Result<View, Error> {
        match name {
            "simplex" => Ok(View::Simplex),
            "bars" => Ok(View::Bars),
            "curves" => Ok(View::Curves),
            "jacobian" => Ok(View::Jacobian),
            _ => Err(Error::Invalid(format!("There is no view called {name:?}."))),
        }
    }
}

/// How the views look, beyond the state itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Look<'a> {
    /// Recent simplex positions, oldest first.
    pub trail: &'a [[f64; 3]],
    /// Draw the iso-probability lines on the simplex.
    pub contours: bool,
    /// The logit axis of the bar view runs from `-bar_range` to `bar_range`.
    pub bar_range: f64,
    /// The bar with keyboard focus.
    pub selected_bar: Option<usize>,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Colours.
    pub theme: Theme,
}

/// What a drawn view tells the pointer code about its geometry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Drawn {
    /// The simplex's triangle.
    Simplex(Triangle),
    /// The bar view's layout.
    Bars(bars::BarsLayout),
    /// Nothing to map back.
    Other,
}

/// Draw `view` of `state` into `area`.
pub fn draw<DB: DrawingBackend>(
    state: &Explorer,
    view: View,
    look: &Look,
    area: &DrawingArea<DB, Shift>,
) -> Result<Drawn, Error> {
    let p = state.probabilities();
    let t = state.temperature();
    let drawn = match view {
        View::Simplex => {
            let arrow = crate::jvp(state.logits(), t, &state.nudge_vector()).ok();
            simplex::draw(
                area,
                &simplex::SimplexScene {
                    logits: state.logits(),
                    probabilities: &p,
                    trail: if p.len() == 3 { look.trail } else { &[] },
                    arrow: arrow.as_deref(),
                    contours: look.contours,
                    scale: look.scale,
                    theme: look.theme,
                },
            )
            .map(Drawn::Simplex)
        }
        View::Bars => bars::draw(
            area,
            &bars::BarsScene {
                logits: state.logits(),
                temperature: t,
                range: look.bar_range,
                selected: look.selected_bar,
                scale: look.scale,
                theme: look.theme,
            },
        )
        .map(Drawn::Bars),
        View::Curves => {
            let x = state.logits();
            let d = x.first().copied().unwrap_or(0.0) - x.get(1).copied().unwrap_or(0.0);
            // Two logits at the same infinity (both masked, or both +inf)
            // share equally, as two equal logits do: the difference is 0.
            let d = if d.is_nan() { 0.0 } else { d };
            curves::draw(
                area,
                &curves::CurvesScene {
                    temperature: t,
                    d,
                    scale: look.scale,
                    theme: look.theme,
                },
            )
            .map(|_| Drawn::Other)
        }
        View::Jacobian => {
            let j = crate::jacobian(state.logits(), t)?;
            jacobian::draw(
                area,
                &jacobian::JacobianScene {
                    entries: &j,
                    n: state.classes(),
                    scale: look.scale,
                    theme: look.theme,
                },
            )
            .map(|_| Drawn::Other)
        }
    };
    drawn.map_err(Error::Invalid)
}

/// `view` of `state` as an SVG document of `width` x `height` pixels.
pub fn svg(
    state: &Explorer,
    view: View,
    look: &Look,
    width: u32,
    height: u32,
) -> Result<String, Error> {
    let size = (width.clamp(100, 4000), height.clamp(100, 4000));
    let mut out = String::new();
    {
        let area = SVGBackend::with_string(&mut out, size).into_drawing_area();
        draw(state, view, look, &area)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn look() -> Look<'static> {
        Look {
            trail: &[],
            contours: false,
            bar_range: 5.0,
            selected_bar: None,
            scale: 1.0,
            theme: Theme::LIGHT,
        }
    }

    #[test]
    fn every_view_exports_as_svg() {
        let state = Explorer::default();
        for name in ["simplex", "bars", "curves", "jacobian"] {
            let view = View::named(name).unwrap();
            let text = svg(&state, view, &look(), 480, 320).unwrap();
            assert!(text.starts_with("<svg"), "{name}");
            assert!(text.contains("width=\"480\""), "{name}");
        }
        assert!(View::named("teapot").is_err());
    }

    #[test]
    fn every_view_draws_masked_and_infinite_logits() {
        let ni = f64::NEG_INFINITY;
        for logits in [
            vec![2.0, ni, 0.0],
            vec![ni, ni, 0.0],
            vec![f64::INFINITY, 1.0, ni],
        ] {
            let mut state = Explorer::default();
            state.set_logits(logits.clone()).unwrap();
            for t in [0.0, 1.0, f64::INFINITY] {
                state.set_temperature_value(t).unwrap();
                for name in ["simplex", "bars", "curves", "jacobian"] {
                    let view = View::named(name).unwrap();
                    let text = svg(&state, view, &look(), 480, 320).unwrap();
                    assert!(!text.contains("NaN"), "{name} {logits:?} T = {t}");
                }
            }
        }
    }
}
