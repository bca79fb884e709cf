//! A labelled heatmap of a small matrix (attention scores or weights):
//! shade by value, masked cells hatched and labelled in words, an optional
//! cursor cell, and a colour key with the real range of the values.
//!
//! [`draw`] returns the [`Grid`], which maps a pixel back to the cell under
//! it, so pointer handling never re-derives the layout.

use super::frame::label_style;
use super::theme::{contrast, mix};
use super::{clear, err, DrawResult, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// What one heatmap shows.
pub struct HeatmapScene<'a> {
    /// Labels of the rows (queries), top to bottom.
    pub row_labels: &'a [String],
    /// Labels of the columns (keys), left to right.
    pub col_labels: &'a [String],
    /// Row-major values; they set the shade of unmasked cells.
    pub values: &'a [f64],
    /// Row-major text written in each cell (when the cells are big enough).
    pub texts: &'a [String],
    /// Row-major: is the cell masked?
    pub masked: &'a [bool],
    /// What a masked cell says, e.g. `−∞`; if empty, masked cells show
    /// their own text like the others.
    pub masked_label: &'a str,
    /// The value range of the colour key.
    pub range: (f64, f64),
    /// The words at the two ends of the colour key.
    pub range_labels: (&'a str, &'a str),
    /// The cell with the keyboard cursor, if any.
    pub cursor: Option<(usize, usize)>,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Colours.
    pub theme: Theme,
}

/// Where the cells were drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    /// Left edge of the first column, in device pixels.
    pub left: f64,
    /// Top edge of the first row.
    pub top: f64,
    /// Cell width.
    pub cell_w: f64,
    /// Cell height.
    pub cell_h: f64,
    /// Number of rows.
    pub rows: usize,
    /// Number of columns.
    pub cols: usize,
}

impl Grid {
    /// The cell (row, column) under a device pixel, if any.
    pub fn cell_at(&self, (x, y): (f64, f64)) -> Option<(usize, usize)> {
        let c = ((x - self.left) / self.cell_w).floor();
        let r = ((y - self.top) / self.cell_h).floor();
        if c >= 0.0 && r >= 0.0 && (c as usize) < self.cols && (r as usize) < self.rows {
            Some((r as usize, c as usize))
        } else {
            None
        }
    }

    /// The pixel rectangle of a cell: top-left and bottom-right corners.
    pub fn rect(&self, r: usize, c: usize) -> ((i32, i32), (i32, i32)) {
        let x0 = self.left + c as f64 * self.cell_w;
        let y0 = self.top + r as f64 * self.cell_h;
        (
            (x0.round() as i32, y0.round() as i32),
            (
                (x0 + self.cell_w).round() as i32,
                (y0 + self.cell_h).round() as i32,
            ),
        )
    }
}

/// The shade of a value: from the background (low) to the first class
/// colour (high).
pub fn shade(theme: &Theme, range: (f64, f64), v: f64) -> RGBColor {
    let span = range.1 - range.0;
    let t = if span > 0.0 {
        (v - range.0) / span
    } else {
        0.5
    };
    mix(theme.background, theme.class(0), 0.08 + 0.92 * t)
}

/// Black or white text, whichever reads better on `fill` (one of them
/// always reaches 4.58:1).
fn ink(fill: RGBColor) -> RGBColor {
    let light = RGBColor(255, 255, 255);
    let dark = RGBColor(0, 0, 0);
    if contrast(fill, dark) >= contrast(fill, light) {
        dark
    } else {
        light
    }
}

/// Draw the heatmap filling `area`; returns the grid of cells.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &HeatmapScene,
) -> DrawResult<Grid> {
    let theme = &scene.theme;
    let s = scene.scale.max(0.5);
    clear(area, theme)?;
    let (w, h) = area.dim_in_pixel();
    let rows = scene.row_labels.len();
    let cols = scene.col_labels.len();
    let (left, top, right, bottom) = (52.0 * s, 40.0 * s, 6.0 * s, 44.0 * s);
    let grid = Grid {
        left,
        top,
        cell_w: ((w as f64 - left - right) / cols.max(1) as f64).max(1.0),
        cell_h: ((h as f64 - top - bottom) / rows.max(1) as f64).max(1.0),
        rows,
        cols,
    };
    let font = (grid.cell_w / s / 3.4).clamp(9.0, 13.0);
    let show_text = grid.cell_w >= 30.0 * s;

    // Axis words and labels.
    area.draw(&Text::new(
        "key →".to_owned(),
        (left.round() as i32, (4.0 * s) as i32),
        label_style(theme, 12.0, s, HPos::Left, VPos::Top),
    ))
    .map_err(err)?;
    area.draw(&Text::new(
        "query ↓".to_owned(),
        ((4.0 * s) as i32, (4.0 * s) as i32),
        label_style(theme, 12.0, s, HPos::Left, VPos::Top),
    ))
    .map_err(err)?;
    for (c, label) in scene.col_labels.iter().enumerate() {
        let x = left + (c as f64 + 0.5) * grid.cell_w;
        area.draw(&Text::new(
            label.clone(),
            (x.round() as i32, (top - 4.0 * s).round() as i32),
            label_style(theme, font, s, HPos::Center, VPos::Bottom),
        ))
        .map_err(err)?;
    }
    for (r, label) in scene.row_labels.iter().enumerate() {
        let y = top + (r as f64 + 0.5) * grid.cell_h;
        area.draw(&Text::new(
            label.clone(),
            ((left - 4.0 * s).round() as i32, y.round() as i32),
            label_style(theme, font, s, HPos::Right, VPos::Center),
        ))
        .map_err(err)?;
    }

    // Cells.
    // Hatching stays thin in every theme: heavier, it would hide the value
    // written over it.
    let hatch = theme.muted.stroke_width(s.ceil().max(1.0) as u32);
    for r in 0..rows {
        for c in 0..cols {
            let k = r * cols + c;
            let (a, b) = grid.rect(r, c);
            let masked = scene.masked.get(k).copied().unwrap_or(false);
            let v = scene.values.get(k).copied().unwrap_or(f64::NAN);
            let fill = if masked || !v.is_finite() {
                theme.faint
            } else {
                shade(theme, scene.range, v)
            };
            area.draw(&Rectangle::new([a, b], fill.filled()))
                .map_err(err)?;
            if masked {
                // Diagonal hatching, clipped to the cell by construction.
                let step = (7.0 * s).max(3.0) as i32;
                let (cw, ch) = (b.0 - a.0, b.1 - a.1);
                let mut t = step;
                while t < cw + ch {
                    let start = (a.0 + t.min(cw), a.1 + (t - cw).max(0));
                    let end = (a.0 + (t - ch).max(0), a.1 + t.min(ch));
                    area.draw(&PathElement::new(vec![start, end], hatch))
                        .map_err(err)?;
                    t += step;
                }
            }
            let labelled = masked && !scene.masked_label.is_empty();
            let text = if labelled {
                Some(scene.masked_label.to_owned())
            } else if show_text {
                scene.texts.get(k).cloned()
            } else {
                None
            };
            if let Some(text) = text {
                let centre = ((a.0 + b.0) / 2, (a.1 + b.1) / 2);
                let color = if masked { theme.text } else { ink(fill) };
                if masked {
                    // A plate behind the text keeps it readable over the hatching.
                    let pad = (font * 0.9 * s) as i32;
                    area.draw(&Rectangle::new(
                        [
                            (centre.0 - pad, centre.1 - pad / 2 - 2),
                            (centre.0 + pad, centre.1 + pad / 2 + 2),
                        ],
                        theme.background.filled(),
                    ))
                    .map_err(err)?;
                }
                area.draw(&Text::new(
                    text,
                    centre,
                    // Larger for a projector, never wider than the cell allows.
                    (
                        FontFamily::SansSerif,
                        (font * theme.text_size).min(grid.cell_w / s / 3.0) * s,
                    )
                        .into_font()
                        .color(&color)
                        .pos(plotters::style::text_anchor::Pos::new(
                            HPos::Center,
                            VPos::Center,
                        )),
                ))
                .map_err(err)?;
            }
            area.draw(&Rectangle::new([a, b], theme.background.stroke_width(1)))
                .map_err(err)?;
        }
    }

    // The cursor.
    if let Some((r, c)) = scene.cursor {
        if r < rows && c < cols {
            let (a, b) = grid.rect(r, c);
            let wide = theme.line(3.0, s);
            area.draw(&Rectangle::new([a, b], theme.accent.stroke_width(wide)))
                .map_err(err)?;
        }
    }

    // Colour key: a strip from low to high, and a hatched swatch for masked.
    let key_top = h as f64 - bottom + 12.0 * s;
    let key_h = 12.0 * s;
    let key_left = left + 40.0 * s;
    let key_w = ((w as f64 - right - left) * 0.45).max(40.0 * s);
    let steps = 24;
    for i in 0..steps {
        let t = i as f64 / (steps - 1) as f64;
        let v = scene.range.0 + t * (scene.range.1 - scene.range.0);
        let x0 = key_left + key_w * i as f64 / steps as f64;
        let x1 = key_left + key_w * (i + 1) as f64 / steps as f64;
        area.draw(&Rectangle::new(
            [
                (x0.round() as i32, key_top.round() as i32),
                (x1.round() as i32, (key_top + key_h).round() as i32),
            ],
            shade(theme, scene.range, v).filled(),
        ))
        .map_err(err)?;
    }
    let mid = (key_top + key_h / 2.0).round() as i32;
    area.draw(&Text::new(
        scene.range_labels.0.to_owned(),
        ((key_left - 4.0 * s).round() as i32, mid),
        label_style(theme, 11.0, s, HPos::Right, VPos::Center),
    ))
    .map_err(err)?;
    area.draw(&Text::new(
        scene.range_labels.1.to_owned(),
        ((key_left + key_w + 4.0 * s).round() as i32, mid),
        label_style(theme, 11.0, s, HPos::Left, VPos::Center),
    ))
    .map_err(err)?;
    Ok(grid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(cursor: Option<(usize, usize)>) -> (String, Grid) {
        let labels: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let values = vec![0.5, 0.0, 0.0, 0.2, 0.8, 0.0, 0.1, 0.3, 0.6];
        let texts: Vec<String> = values.iter().map(|v| format!("{v:.2}")).collect();
        let masked = vec![false, true, true, false, false, true, false, false, false];
        let mut svg = String::new();
        let grid;
        {
            let area = SVGBackend::with_string(&mut svg, (300, 260)).into_drawing_area();
            grid = draw(
                &area,
                &HeatmapScene {
                    row_labels: &labels,
                    col_labels: &labels,
                    values: &values,
                    texts: &texts,
                    masked: &masked,
                    masked_label: "−∞",
                    range: (0.0, 1.0),
                    range_labels: ("0", "1"),
                    cursor,
                    scale: 1.0,
                    theme: Theme::LIGHT,
                },
            )
            .unwrap();
        }
        (svg, grid)
    }

    #[test]
    fn masked_cells_are_labelled_in_words_not_colour_alone() {
        let (svg, _) = render(None);
        assert_eq!(svg.matches("−∞").count(), 3);
        assert!(svg.contains("0.80"));
        assert!(svg.contains("query") && svg.contains("key"));
    }

    #[test]
    fn a_pixel_maps_back_to_its_cell() {
        let (_, grid) = render(Some((1, 2)));
        for r in 0..3 {
            for c in 0..3 {
                let (a, b) = grid.rect(r, c);
                let centre = ((a.0 + b.0) as f64 / 2.0, (a.1 + b.1) as f64 / 2.0);
                assert_eq!(grid.cell_at(centre), Some((r, c)));
            }
        }
        assert_eq!(grid.cell_at((0.0, 0.0)), None);
    }

    #[test]
    fn cell_text_keeps_its_contrast_on_every_shade() {
        for theme in [Theme::LIGHT, Theme::DARK] {
            for k in 0..=10 {
                let fill = shade(&theme, (0.0, 1.0), k as f64 / 10.0);
                assert!(contrast(fill, ink(fill)) >= 4.5, "{theme:?} {k}");
            }
        }
    }
}
