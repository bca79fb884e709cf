//! The probability simplex for three classes, drawn as a triangle.
//!
//! A probability vector `(p1, p2, p3)` is the point `p1 V1 + p2 V2 + p3 V3`
//! of the triangle with vertices `V1` (bottom left, "class 1 certain"), `V2`
//! (bottom right) and `V3` (top). [`Triangle`] maps probabilities to pixels
//! and back, so pointer handling never re-derives the layout.

/// A point in pixel coordinates (x to the right, y down).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Horizontal position.
    pub x: f64,
    /// Vertical position (downwards).
    pub y: f64,
}

/// The smallest probability a dragged point is given, so the logits that
/// produce it stay finite.
pub const MIN_PROBABILITY: f64 = 1e-4;

/// An equilateral triangle placed in a rectangle of pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Triangle {
    /// The vertices for classes 1, 2 and 3.
    pub vertices: [Point; 3],
}

impl Triangle {
    /// The largest equilateral triangle that fits a `width` x `height` area
    /// with `margin` pixels on every side, centred horizontally.
    pub fn fit(width: f64, height: f64, margin: f64) -> Triangle {
        let tri_height_per_side = 3f64.sqrt() / 2.0;
        let side = (width - 2.0 * margin)
            .min((height - 2.0 * margin) / tri_height_per_side)
            .max(1.0);
        let tri_height = side * tri_height_per_side;
        let left = (width - side) / 2.0;
        let bottom = margin + (height - 2.0 * margin + tri_height) / 2.0;
        Triangle {
            vertices: [
                Point { x: left, y: bottom },
                Point {
                    x: left + side,
                    y: bottom,
                },
                Point {
                    x: left + side / 2.0,
                    y: bottom - tri_height,
                },
            ],
        }
    }

    /// The pixel position of a probability vector (its first three entries).
    pub fn point(&self, p: &[f64]) -> Point {
        let [a, b, c] = self.vertices;
        let (p1, p2, p3) = (
            p.first().copied().unwrap_or(0.0),
            p.get(1).copied().unwrap_or(0.0),
            p.get(2).copied().unwrap_or(0.0),
        );
        Point {
            x: p1 * a.x + p2 * b.x + p3 * c.x,
            y: p1 * a.y + p2 * b.y + p3 * c.y,
        }
    }

    /// The barycentric coordinates of a pixel, unclamped (entries may be
    /// negative outside the triangle).
    pub fn barycentric(&self, q: Point) -> [f64; 3] {
        let [a, b, c] = self.vertices;
        let det = (b.y - c.y) * (a.x - c.x) + (c.x - b.x) * (a.y - c.y);
        let l1 = ((b.y - c.y) * (q.x - c.x) + (c.x - b.x) * (q.y - c.y)) / det;
        let l2 = ((c.y - a.y) * (q.x - c.x) + (a.x - c.x) * (q.y - c.y)) / det;
        [l1, l2, 1.0 - l1 - l2]
    }

    /// The probability vector under a pixel: the barycentric coordinates,
    /// clamped into the triangle with every entry at least
    /// [`MIN_PROBABILITY`]. Inside that inner region the point maps back to
    /// exactly the same pixel.
    pub fn probabilities_at(&self, q: Point) -> [f64; 3] {
        let raw = self.barycentric(q);
        if raw.iter().any(|v| !v.is_finite()) {
            return [1.0 / 3.0; 3];
        }
        clamp_to_simplex(raw, MIN_PROBABILITY)
    }

    /// Length of one side, in pixels.
    pub fn side(&self) -> f64 {
        self.vertices[1].x - self.vertices[0].x
    }
}

/// The point of `{p : sum p = 1, p_i >= floor}` nearest to `raw` (Euclidean
/// projection), which for a point outside the triangle is the closest point
/// on its (slightly shrunk) edge.
pub fn clamp_to_simplex(raw: [f64; 3], floor: f64) -> [f64; 3] {
    // Project onto {sum = 1 - 3 floor, q_i >= 0}, then add floor back.
    let budget = 1.0 - 3.0 * floor;
    let shifted = raw.map(|v| v - floor);
    let mut sorted = shifted;
    sorted.sort_by(|a, b| b.total_cmp(a));
    let mut cumulative = 0.0;
    let mut theta = 0.0;
    for (k, value) in sorted.iter().enumerate() {
        cumulative += value;
        let candidate = (cumulative - budget) / (k as f64 + 1.0);
        if value - candidate > 0.0 {
            theta = candidate;
        }
    }
    shifted.map(|v| (v - theta).max(0.0) + floor)
}

/// The logits that put the softmax at `p` for temperature `t`, centred to
/// mean zero: `x_i = T ln p_i - mean_j(T ln p_j)`. At the limits `T = 0` and
/// `T = +inf`, where no logits can place the point freely, `T = 1` is used.
pub fn logits_for(p: &[f64], t: f64) -> Vec<f64> {
    let scale = if t > 0.0 && t.is_finite() { t } else { 1.0 };
    let logs: Vec<f64> = p.iter().map(|v| scale * v.ln()).collect();
    let mean = logs.iter().sum::<f64>() / logs.len().max(1) as f64;
    logs.iter().map(|v| v - mean).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::softmax_with_temperature;

    #[test]
    fn vertices_and_centre_map_both_ways() {
        let tri = Triangle::fit(400.0, 360.0, 20.0);
        for (i, vertex) in tri.vertices.iter().enumerate() {
            let mut p = [0.0; 3];
            p[i] = 1.0;
            assert_eq!(tri.point(&p), *vertex);
        }
        let centre = tri.point(&[1.0 / 3.0; 3]);
        let back = tri.probabilities_at(centre);
        for v in back {
            assert!((v - 1.0 / 3.0).abs() < 1e-12);
        }
    }

    #[test]
    fn a_point_outside_is_pulled_to_the_nearest_edge() {
        let tri = Triangle::fit(400.0, 360.0, 20.0);
        let below = Point {
            x: (tri.vertices[0].x + tri.vertices[1].x) / 2.0,
            y: tri.vertices[0].y + 50.0,
        };
        let p = tri.probabilities_at(below);
        assert!((p[0] - p[1]).abs() < 1e-9);
        assert!((p[2] - MIN_PROBABILITY).abs() < 1e-12);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn dragged_logits_put_the_point_under_the_pointer() {
        let tri = Triangle::fit(300.0, 280.0, 16.0);
        let target = Point { x: 140.0, y: 200.0 };
        for t in [0.25, 1.0, 7.0] {
            let p = tri.probabilities_at(target);
            let logits = logits_for(&p, t);
            assert!(logits.iter().sum::<f64>().abs() < 1e-9);
            let back = softmax_with_temperature(&logits, t).unwrap();
            let q = tri.point(&back);
            assert!((q.x - target.x).abs() < 1e-9 && (q.y - target.y).abs() < 1e-9);
        }
    }
}
