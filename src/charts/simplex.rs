//! The simplex view: the triangle of all three-class probability vectors,
//! its labelled vertices, the temperature path and the current point.

use super::frame::label_style;
use super::{clear, err, DrawResult, Theme};
use crate::simplex::{Point, Triangle};
use crate::softmax_with_temperature;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Temperatures sampled for the path, log-spaced from 0.01 to 100.
pub fn path_temperatures(samples: usize) -> Vec<f64> {
    let samples = samples.max(2);
    (0..samples)
        .map(|k| 10f64.powf(-2.0 + 4.0 * k as f64 / (samples - 1) as f64))
        .collect()
}

/// The points `softmax(x / T)` for T from 0.01 (near the argmax vertex) to
/// 100 (near the centre).
pub fn temperature_path(logits: &[f64], samples: usize) -> Vec<Vec<f64>> {
    path_temperatures(samples)
        .into_iter()
        .filter_map(|t| softmax_with_temperature(logits, t).ok())
        .collect()
}

/// What the simplex view shows.
pub struct SimplexScene<'a> {
    /// The current logits (three of them).
    pub logits: &'a [f64],
    /// The current probabilities.
    pub probabilities: &'a [f64],
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Colours.
    pub theme: Theme,
}

fn px(p: Point) -> (i32, i32) {
    (p.x.round() as i32, p.y.round() as i32)
}

/// Draw the simplex view filling `area` and return the triangle, so pointer
/// positions can be mapped back to probabilities.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &SimplexScene,
) -> DrawResult<Triangle> {
    let theme = &scene.theme;
    let s = scene.scale.max(0.5);
    let (w, h) = area.dim_in_pixel();
    let tri = Triangle::fit(w as f64, h as f64, 34.0 * s);
    clear(area, theme)?;
    let corners: Vec<(i32, i32)> = tri.vertices.iter().map(|&v| px(v)).collect();
    area.draw(&Polygon::new(corners.clone(), theme.faint.filled()))
        .map_err(err)?;
    let mut outline = corners.clone();
    outline.push(corners[0]);
    area.draw(&PathElement::new(
        outline,
        theme.muted.stroke_width(s.ceil() as u32),
    ))
    .map_err(err)?;

    // Vertex labels: text, not colour, says which corner is which.
    let labels = ["class 1 (p₁ = 1)", "class 2 (p₂ = 1)", "class 3 (p₃ = 1)"];
    let anchors = [
        (HPos::Left, VPos::Top, 8.0),
        (HPos::Right, VPos::Top, 8.0),
        (HPos::Center, VPos::Bottom, -8.0),
    ];
    for (i, label) in labels.iter().enumerate() {
        let v = tri.vertices[i];
        let (h, vpos, dy) = anchors[i];
        let at = (v.x.round() as i32, (v.y + dy * s).round() as i32);
        let style = label_style(theme, 14.0, s, h, vpos);
        area.draw(&Text::new(label.to_string(), at, style))
            .map_err(err)?;
    }

    // The centre (uniform distribution).
    let centre = px(tri.point(&[1.0 / 3.0; 3]));
    area.draw(&Cross::new(
        centre,
        (4.0 * s) as i32,
        theme.muted.stroke_width(1),
    ))
    .map_err(err)?;

    // The temperature path through the current point.
    if scene.logits.len() == 3 {
        let path: Vec<(i32, i32)> = temperature_path(scene.logits, 80)
            .iter()
            .map(|p| px(tri.point(p)))
            .collect();
        area.draw(&PathElement::new(
            path,
            theme.muted.stroke_width((1.5 * s).ceil() as u32),
        ))
        .map_err(err)?;
    }

    // The current point: a ring and a dot, large enough to grab.
    if scene.probabilities.iter().all(|v| v.is_finite()) && scene.probabilities.len() == 3 {
        let at = px(tri.point(scene.probabilities));
        area.draw(&Circle::new(
            at,
            (9.0 * s) as i32,
            theme.background.filled(),
        ))
        .map_err(err)?;
        area.draw(&Circle::new(
            at,
            (9.0 * s) as i32,
            theme.accent.stroke_width((2.0 * s) as u32),
        ))
        .map_err(err)?;
        area.draw(&Circle::new(at, (4.0 * s) as i32, theme.accent.filled()))
            .map_err(err)?;
    }
    area.present().map_err(err)?;
    Ok(tri)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::softmax;

    fn render(logits: &[f64]) -> (String, Triangle) {
        let p = softmax(logits);
        let mut svg = String::new();
        let tri;
        {
            let area = SVGBackend::with_string(&mut svg, (400, 360)).into_drawing_area();
            tri = draw(
                &area,
                &SimplexScene {
                    logits,
                    probabilities: &p,
                    scale: 1.0,
                    theme: Theme::LIGHT,
                },
            )
            .unwrap();
        }
        (svg, tri)
    }

    #[test]
    fn the_point_is_drawn_at_its_barycentric_position() {
        let logits = [2.0, 1.0, 0.0];
        let (svg, tri) = render(&logits);
        let at = tri.point(&softmax(&logits));
        let needle = format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"4\"",
            at.x.round() as i32,
            at.y.round() as i32
        );
        assert!(svg.contains(&needle), "no dot {needle} in the SVG");
    }

    #[test]
    fn the_temperature_path_runs_from_the_argmax_vertex_to_the_centre() {
        let path = temperature_path(&[0.5, 2.0, -1.0], 50);
        let cold = path.first().unwrap();
        let hot = path.last().unwrap();
        assert!(cold[1] > 0.999);
        assert!(hot.iter().all(|p| (p - 1.0 / 3.0).abs() < 0.02));
    }

    #[test]
    fn every_vertex_is_labelled_in_words() {
        let (svg, _) = render(&[0.0, 0.0, 0.0]);
        for k in 1..=3 {
            assert!(svg.contains(&format!("class {k}")));
        }
    }
}
