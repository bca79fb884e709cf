//! The worked examples' bar chart: one list of numbers (logits, exponentials or
//! probabilities), one bar per class, with one bar picked out: the bar a
//! worked example's current step is about. The picked bar is told apart by
//! a thick outline and a marker above it, not by colour alone.

use super::frame::{draw_axes, label_style, Axis, Frame};
use super::{clear, err, DrawResult, Theme};
use crate::format::worked::decimals;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// What the bar chart shows.
pub struct BarsScene<'a> {
    /// The values, one per class (infinite or NaN values get no bar, only a
    /// word).
    pub values: &'a [f64],
    /// What the values are, written under the chart.
    pub title: &'a str,
    /// The bar the current step is about.
    pub focus: Option<usize>,
    /// Decimals of the value labels.
    pub digits: usize,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Colours.
    pub theme: Theme,
}

/// The value range shown: from 0, padded, unless the values all sit far
/// from 0 compared with their spread (logits such as 1000, 1001 and 999),
/// where bars from 0 would all look the same; the axis then starts just
/// below the smallest value and the chart says so ([`cut_axis`]).
pub fn value_range(values: &[f64]) -> (f64, f64) {
    if let Some(range) = cut_axis(values) {
        return range;
    }
    zero_based_range(values)
}

/// The range of a cut axis for `values`, when one is needed: all finite,
/// all of one sign, and a spread below a tenth of their smallest magnitude.
pub fn cut_axis(values: &[f64]) -> Option<(f64, f64)> {
    if values.len() < 2 || values.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let spread = hi - lo;
    let near = lo.abs().min(hi.abs());
    if lo * hi <= 0.0 || spread <= 0.0 || spread >= 0.1 * near {
        return None;
    }
    let step = nice_step(spread);
    let start = ((lo - 0.5 * spread) / step).floor() * step;
    Some((start, hi + 0.15 * (hi - start)))
}

fn zero_based_range(values: &[f64]) -> (f64, f64) {
    let finite = values.iter().copied().filter(|v| v.is_finite());
    let (lo, hi) = finite.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let hi = if hi <= 0.0 && lo < 0.0 {
        0.0
    } else {
        hi.max(1e-12)
    };
    let span = (hi - lo).max(1e-12);
    (
        if lo < 0.0 { lo - 0.1 * span } else { 0.0 },
        if hi > 0.0 { hi + 0.15 * span } else { 0.0 },
    )
}

/// Draw the bars; returns the frame.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &BarsScene,
) -> DrawResult<Frame> {
    let theme = &scene.theme;
    let s = scene.scale.max(0.5);
    clear(area, theme)?;
    let n = scene.values.len().max(1);
    let y = value_range(scene.values);
    let frame = Frame::new(
        area.dim_in_pixel(),
        (56.0 * s, 26.0 * s, 12.0 * s, 50.0 * s),
        (0.0, n as f64),
        y,
    );
    let ticks = nice_ticks(y);
    let cut = cut_axis(scene.values).is_some();
    let base = if cut { y.0 } else { 0.0 };
    let title = if cut {
        format!(
            "{} (the axis starts at {}, not 0)",
            scene.title,
            decimals(y.0, 0)
        )
    } else {
        scene.title.to_owned()
    };
    draw_axes(
        area,
        &frame,
        &Axis {
            ticks: &[],
            title: &title,
        },
        &Axis {
            ticks: &ticks,
            title: "",
        },
        theme,
        s,
    )?;
    let zero = frame.px((0.0, base)).1;
    area.draw(&PathElement::new(
        vec![(frame.left as i32, zero), (frame.right as i32, zero)],
        theme.muted.stroke_width(theme.line(1.0, s)),
    ))
    .map_err(err)?;
    for (i, &v) in scene.values.iter().enumerate() {
        let x0 = i as f64 + 0.2;
        let x1 = i as f64 + 0.8;
        let centre = frame.px((i as f64 + 0.5, 0.0)).0;
        let focused = scene.focus == Some(i);
        let label_y = if v.is_finite() {
            let a = frame.px((x0, base));
            let b = frame.px((x1, v));
            area.draw(&Rectangle::new([a, b], theme.class(i).filled()))
                .map_err(err)?;
            if focused {
                area.draw(&Rectangle::new(
                    [a, b],
                    theme.text.stroke_width(theme.line(3.0, s)),
                ))
                .map_err(err)?;
            }
            a.1.min(b.1) - (4.0 * s) as i32
        } else {
            frame.px((0.0, y.1)).1 + (16.0 * s) as i32
        };
        let mut label = decimals(v, scene.digits);
        if focused {
            label = format!("▼ {label}");
        }
        area.draw(&Text::new(
            label,
            (centre, label_y),
            label_style(theme, 13.0, s, HPos::Center, VPos::Bottom),
        ))
        .map_err(err)?;
        area.draw(&Text::new(
            format!("class {}", i + 1),
            (centre, (frame.bottom + 6.0 * s) as i32),
            label_style(theme, 12.0, s, HPos::Center, VPos::Top),
        ))
        .map_err(err)?;
    }
    area.present().map_err(err)?;
    Ok(frame)
}

/// A round step (1, 2 or 5 times a power of ten) giving at most six steps
/// over `span`.
fn nice_step(span: f64) -> f64 {
    let raw = span / 5.0;
    let power = 10f64.powi(raw.log10().floor() as i32);
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| span / s <= 6.0)
        .unwrap_or(10.0 * power)
}

/// Ticks at a round step (1, 2 or 5 times a power of ten), at most six.
pub fn nice_ticks((lo, hi): (f64, f64)) -> Vec<f64> {
    let span = hi - lo;
    if !(span.is_finite() && span > 0.0) {
        return vec![0.0];
    }
    let step = nice_step(span);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last).map(|k| k as f64 * step).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chart of `values` as SVG text.
    fn svg_of(values: &[f64], title: &str, focus: Option<usize>, digits: usize) -> String {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (420, 280)).into_drawing_area();
            draw(
                &area,
                &BarsScene {
                    values,
                    title,
                    focus,
                    digits,
                    scale: 1.0,
                    theme: Theme::LIGHT,
                },
            )
            .unwrap();
        }
        svg
    }

    #[test]
    fn the_picked_bar_is_marked_in_words() {
        let svg = svg_of(&[7.5, 2.75, 1.0], "exponentials", Some(1), 3);
        assert!(svg.contains("▼ 2.750"));
        assert!(svg.contains("class 3"));
        assert!(svg.contains("exponentials"));
    }

    #[test]
    fn logits_far_from_zero_get_a_cut_axis_that_says_so() {
        let (lo, hi) = value_range(&[1000.0, 1001.0, 999.0]);
        assert!(lo > 990.0 && lo < 999.0 && hi > 1001.0, "({lo}, {hi})");
        // The gaps of 1 and 2 are now a visible part of the axis.
        assert!(2.0 / (hi - lo) > 0.3);
        let svg = svg_of(&[1000.0, 1001.0, 999.0], "logits", None, 0);
        assert!(
            svg.contains("the axis starts at"),
            "the cut is said in words"
        );
        // Values near 0, mixed signs or a wide spread keep the axis at 0.
        assert!(cut_axis(&[2.0, 1.0, 0.0]).is_none());
        assert!(cut_axis(&[-1.0, 0.0, -2.0]).is_none());
        assert!(cut_axis(&[0.7, 0.2, 0.1]).is_none());
        assert!(cut_axis(&[f64::INFINITY, 1000.0]).is_none());
    }

    #[test]
    fn negative_values_and_overflow_still_draw() {
        assert_eq!(value_range(&[0.0, 0.0]).0, 0.0);
        let (lo, hi) = value_range(&[-1.0, 0.0, -2.0]);
        assert!(lo < -2.0 && hi == 0.0);
        let (lo, hi) = value_range(&[f64::INFINITY, 1.0]);
        assert!(lo == 0.0 && hi > 1.0);
        assert_eq!(nice_ticks((0.0, 2.3)), vec![0.0, 0.5, 1.0, 1.5, 2.0]);
        assert_eq!(nice_ticks((-2.3, 0.0)), vec![-2.0, -1.5, -1.0, -0.5, 0.0]);
    }
}
