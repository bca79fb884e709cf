//! The guided player's canvas: logit bars, exponential bars, probability
//! bars and the simplex with the point and its path, as each scene of the
//! timeline needs. Everything drawn comes from one [`Frame`] of
//! [`crate::labs::timeline`]; this module only lays it out.

use super::frame::{label_style, Frame as PlotFrame};
use super::simplex::{draw_triangle, temperature_path};
use super::{clear, err, DrawResult, Theme};
use crate::explorer::format::{fixed, short};
use crate::labs::timeline::Frame;
use crate::simplex::{Point, Triangle};
use crate::softmax_with_temperature;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// A rectangle of pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// Where the three bar panels and the simplex go.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    /// Logits, exponentials, probabilities.
    pub panels: [Rect; 3],
    /// The simplex.
    pub simplex: Rect,
}

/// The range of the logit axis; lower logits are drawn at its floor.
pub const LOGIT_RANGE: (f64, f64) = (-4.0, 6.0);

/// Lay out a `w` x `h` canvas: side by side when it is wide (bars on the
/// left, simplex on the right), stacked when it is narrow.
pub fn layout(w: f64, h: f64) -> Layout {
    let wide = w >= 1.25 * h;
    let (bars, simplex) = if wide {
        let split = 0.58 * w;
        (
            Rect {
                x: 0.0,
                y: 0.0,
                w: split,
                h,
            },
            Rect {
                x: split,
                y: 0.0,
                w: w - split,
                h,
            },
        )
    } else {
        let split = 0.45 * h;
        (
            Rect {
                x: 0.0,
                y: 0.0,
                w,
                h: split,
            },
            Rect {
                x: 0.0,
                y: split,
                w,
                h: h - split,
            },
        )
    };
    let third = bars.w / 3.0;
    let panel = |k: f64| Rect {
        x: bars.x + k * third,
        y: bars.y,
        w: third,
        h: bars.h,
    };
    Layout {
        panels: [panel(0.0), panel(1.0), panel(2.0)],
        simplex,
    }
}

fn ipt(x: f64, y: f64) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

/// One bar panel's content.
struct Bars<'a> {
    title: &'a str,
    values: [f64; 3],
    labels: [String; 3],
    range: (f64, f64),
    reveal: f64,
    highlighted: bool,
    mask: Option<usize>,
}

fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    r: Rect,
    bars: &Bars,
    theme: &Theme,
    s: f64,
) -> DrawResult<()> {
    let pad = 6.0 * s;
    let border = if bars.highlighted {
        theme.accent.stroke_width((2.5 * s).ceil() as u32)
    } else {
        theme.faint.stroke_width(s.ceil() as u32)
    };
    area.draw(&Rectangle::new(
        [
            ipt(r.x + pad, r.y + pad),
            ipt(r.x + r.w - pad, r.y + r.h - pad),
        ],
        border,
    ))
    .map_err(err)?;
    let title = if bars.highlighted {
        format!("▸ {}", bars.title)
    } else {
        bars.title.to_owned()
    };
    // Narrow panels (a phone) get a smaller title so it stays inside.
    let size = if r.w < 150.0 * s { 11.0 } else { 13.0 };
    area.draw(&Text::new(
        title,
        ipt(r.x + r.w / 2.0, r.y + pad + 6.0 * s),
        label_style(theme, size, s, HPos::Center, VPos::Top),
    ))
    .map_err(err)?;
    let f = PlotFrame {
        left: r.x + pad + 8.0 * s,
        top: r.y + pad + 44.0 * s,
        right: r.x + r.w - pad - 8.0 * s,
        bottom: r.y + r.h - pad - 26.0 * s,
        x: (0.0, 3.0),
        y: bars.range,
    };
    let zero = bars.range.0.max(0.0).min(bars.range.1);
    area.draw(&PathElement::new(
        vec![f.px((0.0, zero)), f.px((3.0, zero))],
        theme.muted.stroke_width(s.ceil() as u32),
    ))
    .map_err(err)?;
    for i in 0..3 {
        let x0 = i as f64 + 0.18;
        let x1 = i as f64 + 0.82;
        let masked = bars.mask == Some(i);
        let v = bars.values[i];
        let shown = if v.is_finite() {
            (zero + (v - zero) * bars.reveal).clamp(bars.range.0, bars.range.1)
        } else if v < 0.0 {
            bars.range.0
        } else {
            bars.range.1
        };
        if bars.reveal > 0.0 {
            let a = f.px((x0, shown));
            let b = f.px((x1, zero));
            if masked {
                area.draw(&Rectangle::new(
                    [a, b],
                    theme.class(i).stroke_width((1.5 * s).ceil() as u32),
                ))
                .map_err(err)?;
            } else {
                area.draw(&Rectangle::new([a, b], theme.class(i).filled()))
                    .map_err(err)?;
            }
            if bars.reveal >= 1.0 {
                // Above the bar's top; a bar that hangs below zero is
                // labelled just above the zero line, clear of the class names.
                let at = f.px((i as f64 + 0.5, shown.max(zero)));
                let (anchor, dy) = (VPos::Bottom, -4.0);
                area.draw(&Text::new(
                    bars.labels[i].clone(),
                    (at.0, at.1 + (dy * s) as i32),
                    label_style(theme, 12.0, s, HPos::Center, anchor),
                ))
                .map_err(err)?;
            }
        }
        let name = if masked {
            format!("{} (masked)", i + 1)
        } else {
            format!("{}", i + 1)
        };
        area.draw(&Text::new(
            name,
            ipt(f.to_pixel((i as f64 + 0.5, 0.0)).0, f.bottom + 6.0 * s),
            label_style(theme, 12.0, s, HPos::Center, VPos::Top),
        ))
        .map_err(err)?;
    }
    Ok(())
}

fn shifted(tri: &Triangle, r: Rect) -> Triangle {
    Triangle {
        vertices: tri.vertices.map(|v| Point {
            x: v.x + r.x,
            y: v.y + r.y,
        }),
    }
}

fn draw_simplex<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    r: Rect,
    f: &Frame,
    theme: &Theme,
    s: f64,
) -> DrawResult<Triangle> {
    let pad = 6.0 * s;
    if f.highlight.simplex {
        area.draw(&Rectangle::new(
            [
                ipt(r.x + pad, r.y + pad),
                ipt(r.x + r.w - pad, r.y + r.h - pad),
            ],
            theme.accent.stroke_width((2.5 * s).ceil() as u32),
        ))
        .map_err(err)?;
    }
    let title = if f.highlight.simplex {
        "▸ the simplex"
    } else {
        "the simplex"
    };
    area.draw(&Text::new(
        title.to_owned(),
        ipt(r.x + r.w / 2.0, r.y + pad + 6.0 * s),
        label_style(theme, 13.0, s, HPos::Center, VPos::Top),
    ))
    .map_err(err)?;
    let inner = Rect {
        x: r.x,
        y: r.y + 22.0 * s,
        w: r.w,
        h: r.h - 22.0 * s,
    };
    let tri = shifted(&Triangle::fit(inner.w, inner.h, 34.0 * s), inner);
    draw_triangle(area, &tri, theme, s)?;
    if let Some(k) = f.mask {
        // The edge where the masked class has probability 0.
        let ends: Vec<(i32, i32)> = (0..3)
            .filter(|&j| j != k)
            .map(|j| ipt(tri.vertices[j].x, tri.vertices[j].y))
            .collect();
        area.draw(&PathElement::new(
            ends,
            theme.accent.stroke_width((4.0 * s).ceil() as u32),
        ))
        .map_err(err)?;
    }
    let anchors = [
        (HPos::Left, VPos::Top, 8.0),
        (HPos::Right, VPos::Top, 8.0),
        (HPos::Center, VPos::Bottom, -8.0),
    ];
    for (i, (h, v, dy)) in anchors.into_iter().enumerate() {
        let at = tri.vertices[i];
        area.draw(&Text::new(
            format!("class {}", i + 1),
            ipt(at.x, at.y + dy * s),
            label_style(theme, 12.0, s, h, v),
        ))
        .map_err(err)?;
    }
    let centre = tri.point(&[1.0 / 3.0; 3]);
    area.draw(&Cross::new(
        ipt(centre.x, centre.y),
        (4.0 * s) as i32,
        theme.muted.stroke_width(1),
    ))
    .map_err(err)?;
    if f.path {
        let path: Vec<(i32, i32)> = temperature_path(&f.logits, 60)
            .iter()
            .map(|p| {
                let q = tri.point(p);
                ipt(q.x, q.y)
            })
            .collect();
        area.draw(&PathElement::new(
            path,
            theme.muted.stroke_width((1.5 * s).ceil() as u32),
        ))
        .map_err(err)?;
    }
    if let Some((hot, now)) = f.trail {
        let (a, b) = (hot.log10(), now.log10());
        let trail: Vec<(i32, i32)> = (0..=40)
            .filter_map(|k| {
                let t = 10f64.powf(a + (b - a) * k as f64 / 40.0);
                softmax_with_temperature(&f.logits, t).ok()
            })
            .map(|p| {
                let q = tri.point(&p);
                ipt(q.x, q.y)
            })
            .collect();
        area.draw(&PathElement::new(
            trail,
            theme.accent.stroke_width((3.0 * s).ceil() as u32),
        ))
        .map_err(err)?;
    }
    if f.point_reveal > 0.0 && f.probabilities.iter().all(|p| p.is_finite()) {
        let target = tri.point(&f.probabilities);
        let start_y = inner.y + 4.0 * s;
        let y = start_y + (target.y - start_y) * f.point_reveal;
        let at = ipt(target.x, y);
        area.draw(&Circle::new(
            at,
            (9.0 * s) as i32,
            theme.background.filled(),
        ))
        .map_err(err)?;
        area.draw(&Circle::new(
            at,
            (9.0 * s) as i32,
            theme.accent.stroke_width((2.0 * s).ceil() as u32),
        ))
        .map_err(err)?;
        area.draw(&Circle::new(at, (4.0 * s) as i32, theme.accent.filled()))
            .map_err(err)?;
    }
    Ok(tri)
}

/// Draw frame `f` filling `area` (whose scale is `scale` device pixels per
/// CSS pixel, zoom included); returns the layout used.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    f: &Frame,
    scale: f64,
    theme: Theme,
) -> DrawResult<Layout> {
    let s = scale.max(0.5);
    clear(area, &theme)?;
    let (w, h) = area.dim_in_pixel();
    let lay = layout(f64::from(w), f64::from(h));
    let logit_label = |x: f64| {
        if x == f64::NEG_INFINITY {
            "−∞".to_owned()
        } else {
            short(x)
        }
    };
    let max_exp = f.exps.iter().copied().fold(0.0, f64::max);
    let panels = [
        Bars {
            title: "logits x",
            values: f.logits,
            labels: f.logits.map(logit_label),
            range: LOGIT_RANGE,
            reveal: 1.0,
            highlighted: f.highlight.logits,
            mask: f.mask,
        },
        Bars {
            title: "exp(x/T)",
            values: f.exps,
            labels: f.exps.map(short),
            range: (0.0, if max_exp > 0.0 { 1.2 * max_exp } else { 1.0 }),
            reveal: f.exp_reveal,
            highlighted: f.highlight.exps,
            mask: f.mask,
        },
        Bars {
            title: "softmax p",
            values: f.probabilities,
            labels: f.probabilities.map(|p| fixed(p, 3)),
            range: (0.0, 1.0),
            reveal: f.prob_reveal,
            highlighted: f.highlight.probabilities,
            mask: f.mask,
        },
    ];
    for (r, bars) in lay.panels.iter().zip(&panels) {
        draw_panel(area, *r, bars, &theme, s)?;
    }
    // The normaliser, once the exponentials are up.
    if f.exp_reveal >= 1.0 {
        let r = lay.panels[1];
        area.draw(&Text::new(
            format!("sum = {}", short(f.exp_sum)),
            ipt(r.x + r.w / 2.0, r.y + 26.0 * s),
            label_style(&theme, 12.0, s, HPos::Center, VPos::Top),
        ))
        .map_err(err)?;
    }
    let r = lay.panels[0];
    area.draw(&Text::new(
        format!("T = {}", short(f.temperature)),
        ipt(r.x + r.w / 2.0, r.y + 26.0 * s),
        label_style(&theme, 12.0, s, HPos::Center, VPos::Top),
    ))
    .map_err(err)?;
    draw_simplex(area, lay.simplex, f, &theme, s)?;
    area.present().map_err(err)?;
    Ok(lay)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::timeline::{duration, frame, settled};

    fn render(t: u32, size: (u32, u32)) -> String {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
            draw(&area, &frame(t), 1.0, Theme::LIGHT).unwrap();
        }
        svg
    }

    #[test]
    fn every_scene_draws_in_both_layouts() {
        for k in 0..6 {
            for size in [(960, 540), (390, 560)] {
                let svg = render(settled(k), size);
                assert!(svg.contains("the simplex"), "scene {k}");
                assert!(svg.contains("logits x"));
            }
        }
    }

    #[test]
    fn the_masked_logit_is_labelled_minus_infinity() {
        let svg = render(duration(), (960, 540));
        assert!(svg.contains("−∞"));
        assert!(svg.contains("3 (masked)"));
    }

    #[test]
    fn the_layout_is_side_by_side_when_wide_and_stacked_when_narrow() {
        let wide = layout(960.0, 540.0);
        assert!(wide.simplex.x > wide.panels[2].x);
        let narrow = layout(390.0, 560.0);
        assert!(narrow.simplex.y > narrow.panels[0].y);
        assert_eq!(narrow.simplex.x, 0.0);
    }
}
