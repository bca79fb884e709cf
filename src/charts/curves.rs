//! The two-class temperature curves `p1(d; T) = 1 / (1 + e^{-d/T})`, the
//! softmax of two logits as a sigmoid of their difference `d = x1 - x2`.

use super::frame::{draw_axes, draw_legend, Axis, Frame};
use super::{clear, err, DrawResult, Theme};
use crate::format::short;
use crate::softmax_with_temperature;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The range of `d` shown.
pub const D_RANGE: (f64, f64) = (-6.0, 6.0);
/// The reference temperatures always drawn.
pub const REFERENCE_TEMPERATURES: [f64; 3] = [0.5, 1.0, 2.0];

/// `p1(d; T)`, computed by the core as the first entry of
/// `softmax((d, 0) / T)`.
pub fn p1(d: f64, t: f64) -> f64 {
    softmax_with_temperature(&[d, 0.0], t)
        .ok()
        .and_then(|p| p.first().copied())
        .unwrap_or(f64::NAN)
}

/// Samples `(d, p1(d; T))` across [`D_RANGE`].
pub fn curve(t: f64, samples: usize) -> Vec<(f64, f64)> {
    let (lo, hi) = D_RANGE;
    let samples = samples.max(2);
    (0..samples)
        .map(|k| {
            let d = lo + (hi - lo) * k as f64 / (samples - 1) as f64;
            (d, p1(d, t))
        })
        .collect()
}

/// What the curves view shows.
pub struct CurvesScene {
    /// The current temperature.
    pub temperature: f64,
    /// The current difference `x1 - x2`.
    pub d: f64,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Colours.
    pub theme: Theme,
}

fn t_label(t: f64) -> String {
    format!("T = {}", short(t))
}

/// Draw the family of curves and the current `d` into `area`; returns the
/// frame, which maps pixels back to `(d, p1)`.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &CurvesScene,
) -> DrawResult<Frame> {
    let theme = &scene.theme;
    let s = scene.scale.max(0.5);
    clear(area, theme)?;
    let frame = Frame::new(
        area.dim_in_pixel(),
        (46.0 * s, 26.0 * s, 14.0 * s, 50.0 * s),
        D_RANGE,
        (0.0, 1.0),
    );
    draw_axes(
        area,
        &frame,
        &Axis {
            ticks: &[-6.0, -4.0, -2.0, 0.0, 2.0, 4.0, 6.0],
            title: "d = x₁ − x₂",
        },
        &Axis {
            ticks: &[0.0, 0.25, 0.5, 0.75, 1.0],
            title: "p₁",
        },
        theme,
        s,
    )?;
    let line = |points: Vec<(f64, f64)>| -> Vec<(i32, i32)> {
        points.into_iter().map(|p| frame.px(p)).collect()
    };
    let width = |w: f64| theme.line(w, s);
    let mut legend = Vec::new();
    for (i, &t) in REFERENCE_TEMPERATURES.iter().enumerate() {
        let style = theme.class(i).stroke_width(width(1.5));
        let points = line(curve(t, 121));
        // Dashed: every other short run of segments, so the reference curves
        // differ from the current one by pattern as well as colour.
        // One path per dash: every other run of `2 + i` segments.
        let run = 2 + i;
        let (mut from, mut on) = (0, true);
        while from + 1 < points.len() {
            let to = (from + run).min(points.len() - 1);
            if on {
                area.draw(&PathElement::new(points[from..=to].to_vec(), style))
                    .map_err(err)?;
            }
            on = !on;
            from = to;
        }
        legend.push((t_label(t), style, true));
    }
    let current = theme.accent.stroke_width(width(3.0));
    area.draw(&PathElement::new(
        line(curve(scene.temperature, 241)),
        current,
    ))
    .map_err(err)?;
    legend.push((
        format!("{} (current)", t_label(scene.temperature)),
        current,
        false,
    ));

    let d = scene.d.clamp(D_RANGE.0, D_RANGE.1);
    let y = p1(scene.d, scene.temperature);
    area.draw(&PathElement::new(
        vec![frame.px((d, 0.0)), frame.px((d, 1.0))],
        theme.muted.stroke_width(width(1.0)),
    ))
    .map_err(err)?;
    if y.is_finite() {
        area.draw(&Circle::new(
            frame.px((d, y)),
            (5.0 * s) as i32,
            theme.accent.filled(),
        ))
        .map_err(err)?;
    }
    draw_legend(
        area,
        (frame.left + 12.0 * s, frame.top + 14.0 * s),
        &legend,
        theme,
        s,
    )?;
    area.present().map_err(err)?;
    Ok(frame)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_class_softmax_is_the_sigmoid_of_the_difference() {
        for (d, t) in [(1.0f64, 1.0f64), (-2.0, 0.5), (3.0, 2.0)] {
            let sigmoid = 1.0 / (1.0 + (-d / t).exp());
            assert!((p1(d, t) - sigmoid).abs() < 1e-15);
        }
    }

    #[test]
    fn the_curves_render_with_every_label() {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (480, 300)).into_drawing_area();
            draw(
                &area,
                &CurvesScene {
                    temperature: 1.5,
                    d: 1.0,
                    scale: 1.0,
                    theme: Theme::DARK,
                },
            )
            .unwrap();
        }
        for label in ["T = 0.5", "T = 1", "T = 2", "T = 1.5 (current)"] {
            assert!(svg.contains(label), "missing {label}");
        }
    }
}
