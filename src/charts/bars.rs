//! The bar view: logits, their exponentials and the probabilities side by
//! side, so "exponentiate, then normalise" reads as two steps.
//!
//! The middle panel shows `e^{(x_i - max)/T}`, the exponentials after the
//! max trick: the largest is exactly 1 and nothing can overflow. The last
//! panel divides them by their sum.

use super::frame::{draw_axes, label_style, Axis, Frame};
use super::{clear, err, DrawResult, Theme};
use crate::format::{fixed, short};
use crate::softmax_with_temperature;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// What the bar view shows.
pub struct BarsScene<'a> {
    /// The logits.
    pub logits: &'a [f64],
    /// The temperature.
    pub temperature: f64,
    /// The logit axis runs from `-range` to `range`.
    pub range: f64,
    /// The bar with keyboard focus, if any (0-based).
    pub selected: Option<usize>,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Colours.
    pub theme: Theme,
}

/// Where the bars were drawn, to map pointer positions back.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BarsLayout {
    /// The logit panel's frame (x in bar slots, y in logit units).
    pub logits: Frame,
    /// Number of bars.
    pub count: usize,
}

impl BarsLayout {
    /// The bar (0-based) under pixel `x`, if it is over the logit panel.
    pub fn bar_at(&self, px: f64, py: f64) -> Option<usize> {
        if !self.logits.contains((px, py)) && !(self.logits.left..=self.logits.right).contains(&px)
        {
            return None;
        }
        let (slot, _) = self.logits.to_data((px, py));
        let index = slot.floor();
        (index >= 0.0 && (index as usize) < self.count).then_some(index as usize)
    }

    /// The logit value at pixel height `y`, clamped to the axis.
    pub fn value_at(&self, py: f64) -> f64 {
        let (_, value) = self.logits.to_data((self.logits.left, py));
        value.clamp(self.logits.y.0, self.logits.y.1)
    }
}

/// A tidy axis range that holds every logit: 5, 10, 20, 50, 100, ...
pub fn nice_range(logits: &[f64]) -> f64 {
    let largest = logits.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    let mut range = 5.0;
    for step in [2.0, 2.0, 2.5].iter().cycle() {
        if range >= largest || range >= 1e7 {
            break;
        }
        range *= step;
    }
    range
}

/// `e^{(x_i - max)/T}` for the middle panel, from the core's probabilities
/// (`p_i / p_max`), so no exponential is taken here.
pub fn relative_weights(logits: &[f64], t: f64) -> Vec<f64> {
    let p = softmax_with_temperature(logits, t).unwrap_or_default();
    let top = p.iter().copied().fold(0.0f64, f64::max);
    p.iter()
        .map(|v| if top > 0.0 { v / top } else { 0.0 })
        .collect()
}

fn bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    values: &[f64],
    scene: &BarsScene,
    show_values: bool,
) -> DrawResult<()> {
    let s = scene.scale;
    let theme = &scene.theme;
    let base = 0.0f64.clamp(frame.y.0, frame.y.1);
    for (i, &v) in values.iter().enumerate() {
        let x0 = i as f64 + 0.18;
        let x1 = i as f64 + 0.82;
        let top = v.clamp(frame.y.0, frame.y.1);
        let color = theme.class(i);
        // A masked logit (−∞) runs off the axis: an empty bar, so it never
        // looks like a finite logit at the bottom of the range.
        let style = if v.is_infinite() {
            color.stroke_width(theme.line(2.0, s))
        } else {
            color.filled()
        };
        area.draw(&Rectangle::new(
            [frame.px((x0, base)), frame.px((x1, top))],
            style,
        ))
        .map_err(err)?;
        if scene.selected == Some(i) {
            area.draw(&Rectangle::new(
                [
                    frame.px((x0 - 0.1, frame.y.0)),
                    frame.px((x1 + 0.1, frame.y.1)),
                ],
                theme.accent.stroke_width(theme.line(2.0, s)),
            ))
            .map_err(err)?;
        }
        if show_values {
            let (cx, cy) = frame.px((i as f64 + 0.5, top.max(base)));
            area.draw(&Text::new(
                if frame.y.0 < 0.0 {
                    short(v)
                } else if v > 0.0 && v < 0.005 {
                    // Positive but below what two decimals show: not "0.00".
                    "<0.01".to_owned()
                } else {
                    fixed(v, 2)
                },
                (cx, cy - (4.0 * s) as i32),
                label_style(theme, 11.0, s, HPos::Center, VPos::Bottom),
            ))
            .map_err(err)?;
        }
    }
    Ok(())
}

/// Draw the three panels; returns the layout for pointer mapping.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &BarsScene,
) -> DrawResult<BarsLayout> {
    let theme = &scene.theme;
    let s = scene.scale.max(0.5);
    clear(area, theme)?;
    let (w, h) = area.dim_in_pixel();
    let n = scene.logits.len().max(1);
    let third = w / 3;
    let slots: Vec<f64> = (0..n).map(|i| i as f64 + 0.5).collect();
    // The top margin leaves room for a value label above a full bar, clear
    // of the panel's title.
    let margins = (40.0 * s, 48.0 * s, 10.0 * s, 30.0 * s);
    let panel = |k: u32, y: (f64, f64)| -> Frame {
        let mut f = Frame::new((third, h), margins, (0.0, n as f64), y);
        f.left += (k * third) as f64;
        f.right += (k * third) as f64;
        f
    };
    let r = scene.range;
    let frames = [
        panel(0, (-r, r)),
        panel(1, (0.0, 1.0)),
        panel(2, (0.0, 1.0)),
    ];
    let titles = ["logits x", "e^((x − max)/T)", "p = softmax"];
    let weights = relative_weights(scene.logits, scene.temperature);
    let p = softmax_with_temperature(scene.logits, scene.temperature).unwrap_or_default();
    let ticks_logit = [-r, -r / 2.0, 0.0, r / 2.0, r];
    let ticks_unit = [0.0, 0.5, 1.0];
    // Value labels only where they fit side by side (about five
    // characters per slot); otherwise they would run into each other.
    let slot = (frames[0].right - frames[0].left) / n as f64;
    let show_values = slot >= 36.0 * s;
    for (k, frame) in frames.iter().enumerate() {
        // Tick labels under each slot: the class numbers, in text.
        for (i, &x) in slots.iter().enumerate() {
            let (cx, cy) = frame.px((x, frame.y.0));
            area.draw(&Text::new(
                format!("{}", i + 1),
                (cx, cy + (4.0 * s) as i32),
                label_style(theme, 12.0, s, HPos::Center, VPos::Top),
            ))
            .map_err(err)?;
        }
        let y_ticks: &[f64] = if k == 0 { &ticks_logit } else { &ticks_unit };
        draw_axes(
            area,
            frame,
            &Axis {
                ticks: &[],
                title: "",
            },
            &Axis {
                ticks: y_ticks,
                title: "",
            },
            theme,
            s,
        )?;
        let title = titles[k];
        area.draw(&Text::new(
            title.to_owned(),
            (((frame.left + frame.right) / 2.0) as i32, (12.0 * s) as i32),
            label_style(theme, 13.0, s, HPos::Center, VPos::Top),
        ))
        .map_err(err)?;
    }
    bars(area, &frames[0], scene.logits, scene, show_values)?;
    bars(area, &frames[1], &weights, scene, show_values)?;
    bars(area, &frames[2], &p, scene, show_values)?;
    area.present().map_err(err)?;
    Ok(BarsLayout {
        logits: frames[0],
        count: n,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(logits: &[f64]) -> (String, BarsLayout) {
        let mut svg = String::new();
        let layout;
        {
            let area = SVGBackend::with_string(&mut svg, (720, 260)).into_drawing_area();
            layout = draw(
                &area,
                &BarsScene {
                    logits,
                    temperature: 1.0,
                    range: nice_range(logits),
                    selected: Some(1),
                    scale: 1.0,
                    theme: Theme::LIGHT,
                },
            )
            .unwrap();
        }
        (svg, layout)
    }

    #[test]
    fn the_tallest_exponential_is_exactly_one() {
        let w = relative_weights(&[1000.0, 1001.0, 999.0], 1.0);
        assert_eq!(w[1], 1.0);
        assert!((w[0] - (-1f64).exp()).abs() < 1e-15);
    }

    #[test]
    fn a_pointer_over_a_bar_names_that_bar_and_its_value() {
        let (_, layout) = render(&[2.0, 1.0, 0.0]);
        let f = layout.logits;
        let (px, py) = f.to_pixel((1.5, 3.0));
        assert_eq!(layout.bar_at(px, py), Some(1));
        assert!((layout.value_at(py) - 3.0).abs() < 1e-9);
        assert_eq!(layout.value_at(f.top - 50.0), f.y.1);
    }

    #[test]
    fn axis_ranges_are_tidy_and_hold_every_logit() {
        assert_eq!(nice_range(&[2.0, 1.0, 0.0]), 5.0);
        assert_eq!(nice_range(&[12.0, -3.0]), 20.0);
        assert_eq!(nice_range(&[1000.0, 1001.0, 999.0]), 2000.0);
    }

    #[test]
    fn a_tiny_positive_bar_reads_below_one_hundredth_not_zero() {
        let (svg, _) = render(&[10.0, 0.0, 0.0]);
        assert!(
            svg.contains("&lt;0.01"),
            "p = 4.5e-5 is not written as 0.00"
        );
        assert!(!svg.contains(">0.00<") && !svg.contains(">\n0.00\n<"));
    }

    #[test]
    fn every_panel_and_class_is_labelled() {
        let (svg, _) = render(&[2.0, 1.0, 0.0, -1.0]);
        for label in ["logits x", "p = softmax", ">\n4\n<"] {
            assert!(svg.contains(label), "missing {label}");
        }
    }
}
