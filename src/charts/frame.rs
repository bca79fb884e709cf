//! A plot frame: a rectangle of pixels with linear data axes, ticks and
//! labels, drawn from plotters primitives only.
//!
//! Charts here never use plotters' `ChartBuilder`, meshes, captions or
//! legends: on wasm those measure text by inserting styled DOM elements,
//! which the page's Content-Security-Policy forbids and which forces a
//! layout per label. Plain `Text` anchored with `Pos` needs no measuring.
//! A [`Frame`] also maps pixels back to data, so pointer handling never
//! re-derives the layout.

use super::{err, DrawResult, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// A linear map from a data rectangle to a pixel rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// Pixel rectangle: left, top, right, bottom.
    pub left: f64,
    /// Top edge in pixels.
    pub top: f64,
    /// Right edge in pixels.
    pub right: f64,
    /// Bottom edge in pixels.
    pub bottom: f64,
    /// Data range on x.
    pub x: (f64, f64),
    /// Data range on y.
    pub y: (f64, f64),
}

impl Frame {
    /// A frame inside an area of `size` pixels, leaving `margins` (left,
    /// top, right, bottom) for labels.
    pub fn new(
        size: (u32, u32),
        margins: (f64, f64, f64, f64),
        x: (f64, f64),
        y: (f64, f64),
    ) -> Frame {
        let (w, h) = (size.0 as f64, size.1 as f64);
        Frame {
            left: margins.0,
            top: margins.1,
            right: (w - margins.2).max(margins.0 + 1.0),
            bottom: (h - margins.3).max(margins.1 + 1.0),
            x,
            y,
        }
    }

    /// The pixel of a data point.
    pub fn to_pixel(&self, (x, y): (f64, f64)) -> (f64, f64) {
        let fx = (x - self.x.0) / (self.x.1 - self.x.0);
        let fy = (y - self.y.0) / (self.y.1 - self.y.0);
        (
            self.left + fx * (self.right - self.left),
            self.bottom - fy * (self.bottom - self.top),
        )
    }

    /// The pixel of a data point, rounded for drawing.
    pub fn px(&self, point: (f64, f64)) -> (i32, i32) {
        let (x, y) = self.to_pixel(point);
        (x.round() as i32, y.round() as i32)
    }

    /// The data point under a pixel (not clamped).
    pub fn to_data(&self, (px, py): (f64, f64)) -> (f64, f64) {
        let fx = (px - self.left) / (self.right - self.left);
        let fy = (self.bottom - py) / (self.bottom - self.top);
        (
            self.x.0 + fx * (self.x.1 - self.x.0),
            self.y.0 + fy * (self.y.1 - self.y.0),
        )
    }

    /// Whether a pixel lies inside the frame.
    pub fn contains(&self, (px, py): (f64, f64)) -> bool {
        (self.left..=self.right).contains(&px) && (self.top..=self.bottom).contains(&py)
    }
}

/// Text style for labels: `size` CSS pixels times `scale` (and the theme's
/// [`Theme::text_size`]), anchored at `pos`.
pub fn label_style(theme: &Theme, size: f64, scale: f64, h: HPos, v: VPos) -> TextStyle<'static> {
    (FontFamily::SansSerif, size * scale * theme.text_size)
        .into_font()
        .color(&theme.text)
        .pos(Pos::new(h, v))
}

/// Ticks and how to write them, for one axis.
pub struct Axis<'a> {
    /// Data values where ticks go.
    pub ticks: &'a [f64],
    /// Axis title.
    pub title: &'a str,
}

/// Draw the frame's box, grid lines at the ticks, tick labels and titles.
pub fn draw_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    x_axis: &Axis,
    y_axis: &Axis,
    theme: &Theme,
    scale: f64,
) -> DrawResult<()> {
    let grid = theme.faint.stroke_width(theme.line(1.0, scale));
    let axis = theme.muted.stroke_width(theme.line(1.0, scale));
    for &t in x_axis.ticks {
        let a = frame.px((t, frame.y.0));
        let b = frame.px((t, frame.y.1));
        area.draw(&PathElement::new(vec![a, b], grid))
            .map_err(err)?;
        area.draw(&Text::new(
            tick_text(t),
            (a.0, a.1 + (6.0 * scale) as i32),
            label_style(theme, 12.0, scale, HPos::Center, VPos::Top),
        ))
        .map_err(err)?;
    }
    for &t in y_axis.ticks {
        let a = frame.px((frame.x.0, t));
        let b = frame.px((frame.x.1, t));
        area.draw(&PathElement::new(vec![a, b], grid))
            .map_err(err)?;
        area.draw(&Text::new(
            tick_text(t),
            (a.0 - (6.0 * scale) as i32, a.1),
            label_style(theme, 12.0, scale, HPos::Right, VPos::Center),
        ))
        .map_err(err)?;
    }
    let corners = [
        frame.px((frame.x.0, frame.y.0)),
        frame.px((frame.x.1, frame.y.0)),
        frame.px((frame.x.1, frame.y.1)),
        frame.px((frame.x.0, frame.y.1)),
        frame.px((frame.x.0, frame.y.0)),
    ];
    area.draw(&PathElement::new(corners.to_vec(), axis))
        .map_err(err)?;
    let mid_x = ((frame.left + frame.right) / 2.0).round() as i32;
    area.draw(&Text::new(
        x_axis.title.to_owned(),
        (mid_x, (frame.bottom + 24.0 * scale).round() as i32),
        label_style(theme, 13.0, scale, HPos::Center, VPos::Top),
    ))
    .map_err(err)?;
    area.draw(&Text::new(
        y_axis.title.to_owned(),
        (
            (frame.left - 8.0 * scale).round() as i32,
            (frame.top - 8.0 * scale).round() as i32,
        ),
        label_style(theme, 13.0, scale, HPos::Right, VPos::Bottom),
    ))
    .map_err(err)?;
    Ok(())
}

/// A tick label: integers without decimals, others with up to two.
pub fn tick_text(v: f64) -> String {
    crate::format::short(v)
}

/// Draw a small legend: one row per entry, a line sample in its style and
/// its label, starting at pixel `at`.
pub fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    at: (f64, f64),
    entries: &[(String, ShapeStyle, bool)],
    theme: &Theme,
    scale: f64,
) -> DrawResult<()> {
    let row = 18.0 * scale;
    for (k, (label, style, dashed)) in entries.iter().enumerate() {
        let y = at.1 + row * k as f64;
        let (x0, x1) = (at.0, at.0 + 26.0 * scale);
        if *dashed {
            let dash = 5.0 * scale;
            let mut x = x0;
            while x < x1 {
                let end = (x + dash).min(x1);
                area.draw(&PathElement::new(
                    vec![
                        (x.round() as i32, y.round() as i32),
                        (end.round() as i32, y.round() as i32),
                    ],
                    *style,
                ))
                .map_err(err)?;
                x += 2.0 * dash;
            }
        } else {
            area.draw(&PathElement::new(
                vec![
                    (x0.round() as i32, y.round() as i32),
                    (x1.round() as i32, y.round() as i32),
                ],
                *style,
            ))
            .map_err(err)?;
        }
        area.draw(&Text::new(
            label.clone(),
            ((x1 + 6.0 * scale).round() as i32, y.round() as i32),
            label_style(theme, 12.0, scale, HPos::Left, VPos::Center),
        ))
        .map_err(err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixels_map_back_to_the_data_they_came_from() {
        let frame = Frame::new(
            (500, 300),
            (40.0, 20.0, 10.0, 30.0),
            (-6.0, 6.0),
            (0.0, 1.0),
        );
        for point in [(-6.0, 0.0), (0.0, 0.5), (6.0, 1.0), (1.25, 0.3)] {
            let back = frame.to_data(frame.to_pixel(point));
            assert!((back.0 - point.0).abs() < 1e-12 && (back.1 - point.1).abs() < 1e-12);
        }
        assert_eq!(frame.to_pixel((-6.0, 1.0)), (40.0, 20.0));
        assert!(frame.contains(frame.to_pixel((0.0, 0.5))));
    }
}
