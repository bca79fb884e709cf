//! The Jacobian heatmap: `J = (diag(p) - p p^T) / T` as a grid of cells with
//! their values, and each row's sum beside it (always zero: moving every
//! logit together changes nothing).

use super::frame::label_style;
use super::theme::{contrast, mix};
use super::{clear, err, DrawResult, Theme};
use crate::format::fixed;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// What the heatmap shows.
pub struct JacobianScene<'a> {
    /// Row-major `n * n` entries.
    pub entries: &'a [f64],
    /// `n`.
    pub n: usize,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Colours.
    pub theme: Theme,
}

/// The colour of a cell: positive entries towards the first class colour,
/// negative towards the accent, zero the background; `scale` is the largest
/// magnitude shown.
pub fn cell_color(theme: &Theme, value: f64, largest: f64) -> RGBColor {
    let t = if value.is_infinite() {
        1.0
    } else if largest > 0.0 && value.is_finite() {
        (value.abs() / largest).min(1.0)
    } else {
        0.0
    };
    let target = if value >= 0.0 {
        theme.class(0)
    } else {
        theme.accent
    };
    mix(theme.background, target, 0.6 * t)
}

/// The theme's text or background colour, whichever reads better on `fill`.
pub fn text_on(theme: &Theme, fill: RGBColor) -> RGBColor {
    if contrast(theme.text, fill) >= contrast(theme.background, fill) {
        theme.text
    } else {
        theme.background
    }
}

/// Draw the grid; returns the cell size in pixels.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &JacobianScene,
) -> DrawResult<f64> {
    let theme = &scene.theme;
    let s = scene.scale.max(0.5);
    clear(area, theme)?;
    let n = scene.n.max(1);
    let (w, h) = area.dim_in_pixel();
    let left = 34.0 * s;
    let top = 30.0 * s;
    let sum_width = 64.0 * s;
    let cell = ((w as f64 - left - sum_width - 8.0 * s) / n as f64)
        .min((h as f64 - top - 8.0 * s) / n as f64)
        .max(4.0);
    let largest = scene
        .entries
        .iter()
        .filter(|v| v.is_finite())
        .fold(0.0f64, |m, v| m.max(v.abs()));
    let font = (cell / 4.2).clamp(8.0 * s, 13.0 * s) / s;
    let show_values = cell >= 30.0 * s;
    for i in 0..n {
        let y = top + i as f64 * cell;
        area.draw(&Text::new(
            format!("p{}", i + 1),
            ((left - 6.0 * s) as i32, (y + cell / 2.0) as i32),
            label_style(theme, 12.0, s, HPos::Right, VPos::Center),
        ))
        .map_err(err)?;
        let row: Vec<f64> = (0..n)
            .map(|k| scene.entries.get(i * n + k).copied().unwrap_or(f64::NAN))
            .collect();
        let row_sum = crate::math::row_sum(&row);
        for (k, &v) in row.iter().enumerate() {
            let x = left + k as f64 * cell;
            let fill = cell_color(theme, v, largest);
            area.draw(&Rectangle::new(
                [(x as i32, y as i32), ((x + cell) as i32, (y + cell) as i32)],
                fill.filled(),
            ))
            .map_err(err)?;
            area.draw(&Rectangle::new(
                [(x as i32, y as i32), ((x + cell) as i32, (y + cell) as i32)],
                theme.muted.stroke_width(1),
            ))
            .map_err(err)?;
            if show_values {
                area.draw(&Text::new(
                    fixed(v, 3),
                    ((x + cell / 2.0) as i32, (y + cell / 2.0) as i32),
                    label_style(theme, font, s, HPos::Center, VPos::Center)
                        .color(&text_on(theme, fill)),
                ))
                .map_err(err)?;
            }
        }
        area.draw(&Text::new(
            format!("Σ {}", fixed(row_sum, 3)),
            (
                (left + n as f64 * cell + 8.0 * s) as i32,
                (y + cell / 2.0) as i32,
            ),
            label_style(theme, 12.0, s, HPos::Left, VPos::Center),
        ))
        .map_err(err)?;
    }
    for k in 0..n {
        area.draw(&Text::new(
            format!("x{}", k + 1),
            (
                (left + (k as f64 + 0.5) * cell) as i32,
                (top - 6.0 * s) as i32,
            ),
            label_style(theme, 12.0, s, HPos::Center, VPos::Bottom),
        ))
        .map_err(err)?;
    }
    area.present().map_err(err)?;
    Ok(cell)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jacobian;

    #[test]
    fn each_row_shows_a_zero_sum_and_every_value() {
        let j = jacobian(&[2.0, 1.0, 0.0], 1.0).unwrap();
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (360, 240)).into_drawing_area();
            draw(
                &area,
                &JacobianScene {
                    entries: &j,
                    n: 3,
                    scale: 1.0,
                    theme: Theme::LIGHT,
                },
            )
            .unwrap();
        }
        assert_eq!(svg.matches("Σ 0.000").count(), 3);
        assert!(svg.contains(&fixed(j[0], 3)));
        assert!(svg.contains(&fixed(j[1], 3)));
    }

    #[test]
    fn cell_text_keeps_a_contrast_of_four_and_a_half() {
        for theme in [Theme::LIGHT, Theme::DARK] {
            for v in [-1.0, -0.6, -0.3, 0.0, 0.3, 0.6, 1.0] {
                let fill = cell_color(&theme, v, 1.0);
                let ratio = contrast(text_on(&theme, fill), fill);
                assert!(ratio >= 4.5, "value {v}: contrast {ratio:.2}");
            }
        }
    }

    #[test]
    fn zero_is_the_background_and_sign_picks_the_hue() {
        let theme = Theme::LIGHT;
        assert_eq!(cell_color(&theme, 0.0, 1.0), theme.background);
        assert_ne!(cell_color(&theme, 0.5, 1.0), cell_color(&theme, -0.5, 1.0));
    }
}
