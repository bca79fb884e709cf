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
    /// Recent positions, oldest first, drawn as a fading trail.
    pub trail: &'a [[f64; 3]],
    /// The first-order change `J dx` of the probabilities for the chosen
    /// nudge, drawn as an arrow from the current point.
    pub arrow: Option<&'a [f64]>,
    /// Draw the lines `p_i = 1/4, 1/2, 3/4`.
    pub contours: bool,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Colours.
    pub theme: Theme,
}

fn px(p: Point) -> (i32, i32) {
    (p.x.round() as i32, p.y.round() as i32)
}

/// The triangle itself: a faint fill and an outline, `s` device pixels per
/// CSS pixel.
pub fn draw_triangle<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    tri: &Triangle,
    theme: &Theme,
    s: f64,
) -> DrawResult<()> {
    let corners: Vec<(i32, i32)> = tri.vertices.iter().map(|&v| px(v)).collect();
    area.draw(&Polygon::new(corners.clone(), theme.faint.filled()))
        .map_err(err)?;
    let mut outline = corners.clone();
    outline.push(corners[0]);
    area.draw(&PathElement::new(
        outline,
        theme.muted.stroke_width(theme.line(1.0, s)),
    ))
    .map_err(err)?;
    Ok(())
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
    draw_triangle(area, &tri, theme, s)?;

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
        // Each corner in its class's colour, as in the bars and the fields.
        let colour = theme.class(i);
        let style = label_style(theme, 14.0, s, h, vpos).color(&colour);
        area.draw(&Text::new(label.to_string(), at, style))
            .map_err(err)?;
    }

    if scene.contours {
        draw_contours(area, &tri, theme, s)?;
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
            theme.muted.stroke_width(theme.line(1.5, s)),
        ))
        .map_err(err)?;
    }

    // Where the point has been: small dots, fading with age.
    let count = scene.trail.len();
    for (age, p) in scene.trail.iter().enumerate() {
        let alpha = 0.15 + 0.5 * (age + 1) as f64 / count.max(1) as f64;
        area.draw(&Circle::new(
            px(tri.point(p)),
            (2.5 * s) as i32,
            theme.accent.mix(alpha).filled(),
        ))
        .map_err(err)?;
    }

    if let (Some(dp), true) = (scene.arrow, scene.probabilities.len() == 3) {
        draw_arrow(area, &tri, scene.probabilities, dp, theme, s)?;
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
            theme.accent.stroke_width(theme.line(2.0, s)),
        ))
        .map_err(err)?;
        area.draw(&Circle::new(at, (4.0 * s) as i32, theme.accent.filled()))
            .map_err(err)?;
    }
    area.present().map_err(err)?;
    Ok(tri)
}

/// The pixel end of the nudge arrow: `p + dp`, with the arrow's length
/// capped at half a side so a huge derivative stays on the canvas.
pub fn arrow_end(tri: &Triangle, p: &[f64], dp: &[f64]) -> Point {
    let start = tri.point(p);
    let moved: Vec<f64> = p.iter().zip(dp).map(|(p, d)| p + d).collect();
    let end = tri.point(&moved);
    let (dx, dy) = (end.x - start.x, end.y - start.y);
    let length = dx.hypot(dy);
    let cap = tri.side() / 2.0;
    if length > cap {
        Point {
            x: start.x + dx * cap / length,
            y: start.y + dy * cap / length,
        }
    } else {
        end
    }
}

fn draw_arrow<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    tri: &Triangle,
    p: &[f64],
    dp: &[f64],
    theme: &Theme,
    s: f64,
) -> DrawResult<()> {
    if dp.iter().any(|v| !v.is_finite()) {
        return Ok(());
    }
    let start = tri.point(p);
    let end = arrow_end(tri, p, dp);
    let (dx, dy) = (end.x - start.x, end.y - start.y);
    let length = dx.hypot(dy);
    let style = theme.class(3).stroke_width(theme.line(2.5, s));
    area.draw(&PathElement::new(vec![px(start), px(end)], style))
        .map_err(err)?;
    if length > 1.0 {
        let head = (8.0 * s).min(length);
        let (ux, uy) = (dx / length, dy / length);
        for side in [-1.0, 1.0] {
            let wing = Point {
                x: end.x - head * (ux - side * 0.5 * uy),
                y: end.y - head * (uy + side * 0.5 * ux),
            };
            area.draw(&PathElement::new(vec![px(end), px(wing)], style))
                .map_err(err)?;
        }
    }
    Ok(())
}

/// Lines of constant `p_i` (1/4, 1/2, 3/4): each is parallel to the edge
/// opposite vertex `i`.
fn draw_contours<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    tri: &Triangle,
    theme: &Theme,
    s: f64,
) -> DrawResult<()> {
    let style = theme.muted.mix(0.6).stroke_width(theme.line(1.0, s));
    for i in 0..3 {
        let (j, k) = ((i + 1) % 3, (i + 2) % 3);
        for c in [0.25, 0.5, 0.75] {
            let mut a = [0.0; 3];
            let mut b = [0.0; 3];
            a[i] = c;
            a[j] = 1.0 - c;
            b[i] = c;
            b[k] = 1.0 - c;
            area.draw(&PathElement::new(
                vec![px(tri.point(&a)), px(tri.point(&b))],
                style,
            ))
            .map_err(err)?;
        }
    }
    Ok(())
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
                    trail: &[],
                    arrow: None,
                    contours: true,
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
    fn nudging_a_logit_points_the_arrow_towards_its_vertex() {
        let tri = Triangle::fit(400.0, 360.0, 20.0);
        let x = [0.3, 0.1, -0.2];
        for class in 0..3 {
            let p = softmax(&x);
            let mut dx = [0.0; 3];
            dx[class] = 0.5;
            let dp = crate::jvp(&x, 1.0, &dx).unwrap();
            let start = tri.point(&p);
            let end = arrow_end(&tri, &p, &dp);
            let vertex = tri.vertices[class];
            let before = (vertex.x - start.x).hypot(vertex.y - start.y);
            let after = (vertex.x - end.x).hypot(vertex.y - end.y);
            assert!(
                after < before,
                "class {class}: the arrow must approach its vertex"
            );
        }
    }

    #[test]
    fn the_arrow_shrinks_near_a_corner_and_as_t_goes_to_zero() {
        let tri = Triangle::fit(400.0, 360.0, 20.0);
        let length = |x: &[f64], t: f64| {
            let p = crate::softmax_with_temperature(x, t).unwrap();
            let dp = crate::jvp(x, t, &[0.5, 0.0, 0.0]).unwrap();
            let a = tri.point(&p);
            let b = arrow_end(&tri, &p, &dp);
            (b.x - a.x).hypot(b.y - a.y)
        };
        let middle = length(&[0.0, 0.0, 0.0], 1.0);
        let corner = length(&[6.0, 0.0, 0.0], 1.0);
        let cold = length(&[1.0, 0.0, -1.0], 0.05);
        assert!(corner < middle / 10.0, "{corner} vs {middle}");
        assert!(cold < 1.0, "{cold}");
    }

    #[test]
    fn every_vertex_is_labelled_in_words() {
        let (svg, _) = render(&[0.0, 0.0, 0.0]);
        for k in 1..=3 {
            assert!(svg.contains(&format!("class {k}")));
        }
    }
}
