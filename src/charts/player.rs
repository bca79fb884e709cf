//! The guided player's canvas: logit bars, exponential bars, probability
//! bars and the simplex with the point and its path, as each scene of the
//! timeline needs. Everything drawn comes from one [`Frame`] of
//! [`crate::labs::timeline`]; this module only lays it out.
//!
//! Every bar panel has a value axis with labelled ticks. The logit and
//! probability axes never change; the exponential axis is fixed for a whole
//! scene ([`exp_axis`]), so a bar's height can be read against its ticks
//! and compared within a scene, and the scale is written on the axis when
//! it moves between scenes. [`marks`] names every mark drawn, for the
//! legend beside the stage.

use super::frame::{label_style, Frame as PlotFrame};
use super::simplex::{draw_triangle, temperature_path};
use super::{clear, err, DrawResult, Theme};
use crate::format::{fixed, short};
use crate::labs::timeline::{exp_peak, Frame};
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

impl Rect {
    /// Whether `other` lies inside this rectangle (edges included).
    pub fn contains(&self, other: &Rect) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.x + other.w <= self.x + self.w
            && other.y + other.h <= self.y + self.h
    }
}

/// Where the three bar panels and the simplex go.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    /// Logits, exponentials, probabilities.
    pub panels: [Rect; 3],
    /// The simplex.
    pub simplex: Rect,
    /// Whether the bars and the simplex sit side by side.
    pub wide: bool,
}

/// The width (in CSS pixels of the unzoomed drawing) from which the bars
/// and the simplex sit side by side; narrower drawings stack them.
pub const WIDE_FROM: f64 = 620.0;
/// The narrowest width the drawing is laid out for: zooming never lays it
/// out narrower than this, so a zoomed picture always shows every part.
pub const MIN_WIDTH: f64 = 300.0;
/// The height of the row of bar panels when the layout is stacked.
pub const BAR_ROW: f64 = 180.0;

/// The zoom actually applied to a stage `css_width` CSS pixels wide when
/// `zoom` is chosen: as asked, unless the drawing would then be laid out
/// narrower than [`MIN_WIDTH`] (on a phone), and never below 1.
pub fn effective_zoom(css_width: f64, zoom: f64) -> f64 {
    if !(css_width.is_finite() && zoom.is_finite()) {
        return 1.0;
    }
    zoom.min(css_width / MIN_WIDTH).max(1.0)
}

/// The height of the drawing laid out `width` CSS pixels wide (unzoomed):
/// about half its width side by side, the bar row plus room for the
/// triangle when stacked.
pub fn natural_height(width: f64) -> f64 {
    let width = if width.is_finite() { width } else { MIN_WIDTH };
    if width >= WIDE_FROM {
        (0.45 * width).clamp(280.0, 460.0)
    } else {
        BAR_ROW + (0.62 * width).clamp(190.0, 300.0)
    }
}

/// The stage's height in CSS pixels for a stage `css_width` wide at zoom
/// `zoom`: the unzoomed drawing of width `css_width / z`, scaled by the
/// effective zoom `z`. The width never changes, so nothing is cropped.
pub fn stage_height(css_width: f64, zoom: f64) -> f64 {
    let z = effective_zoom(css_width, zoom);
    (natural_height(css_width / z) * z).round()
}

/// Lay out a `w` x `h` canvas drawn at `s` pixels per CSS pixel (device
/// pixel ratio times zoom): side by side when it is at least [`WIDE_FROM`]
/// CSS pixels wide at that scale (bars on the left, simplex on the right),
/// stacked otherwise.
pub fn layout(w: f64, h: f64, s: f64) -> Layout {
    let s = if s.is_finite() && s > 0.0 { s } else { 1.0 };
    let wide = w / s >= WIDE_FROM;
    let (bars, simplex) = if wide {
        let split = (0.6 * w).round();
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
        let split = (BAR_ROW * s).min(0.5 * h).round();
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
        wide,
    }
}

/// A value axis: from `bottom` to `top`, with a labelled tick every `step`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValueAxis {
    /// The lowest value on the axis.
    pub bottom: f64,
    /// The highest value on the axis.
    pub top: f64,
    /// The distance between ticks.
    pub step: f64,
}

impl ValueAxis {
    /// The tick values, `bottom` to `top`.
    pub fn ticks(&self) -> Vec<f64> {
        let n = ((self.top - self.bottom) / self.step).round().max(0.0) as usize;
        (0..=n)
            .map(|k| self.bottom + self.step * k as f64)
            .collect()
    }

    /// Whether `v` can be drawn on this axis without running past an end.
    pub fn covers(&self, v: f64) -> bool {
        (self.bottom..=self.top).contains(&v)
    }
}

/// The logit axis; lower logits are drawn at its floor with a mark that
/// says the bar runs on.
pub const LOGIT_AXIS: ValueAxis = ValueAxis {
    bottom: -4.0,
    top: 6.0,
    step: 2.0,
};

/// The probability axis.
pub const PROBABILITY_AXIS: ValueAxis = ValueAxis {
    bottom: 0.0,
    top: 1.0,
    step: 0.25,
};

/// An axis from 0 that covers `peak` with at most five round steps
/// (1, 2 or 5 times a power of ten): 7.39 gets 0 to 8 by 2, 2981 gets 0
/// to 3000 by 1000. A peak that is not a positive number gets 0 to 1.
pub fn nice_axis(peak: f64) -> ValueAxis {
    if !(peak.is_finite() && peak > 0.0) {
        return ValueAxis {
            bottom: 0.0,
            top: 1.0,
            step: 0.25,
        };
    }
    let start = peak.log10().floor() as i32 - 1;
    for e in start..start + 3 {
        for m in [1.0, 2.0, 5.0] {
            // m / 10^k is correctly rounded, unlike m * 10^-k.
            let step = if e >= 0 {
                m * 10f64.powi(e)
            } else {
                m / 10f64.powi(-e)
            };
            let n = (peak / step).ceil();
            if n <= 5.0 {
                let top = if e >= 0 {
                    n * m * 10f64.powi(e)
                } else {
                    n * m / 10f64.powi(-e)
                };
                return ValueAxis {
                    bottom: 0.0,
                    top: top.max(peak),
                    step,
                };
            }
        }
    }
    ValueAxis {
        bottom: 0.0,
        top: peak,
        step: peak,
    }
}

/// The exponential panel's axis in scene `k`: the same for the whole scene
/// (it covers the largest exponential the scene shows), and so the same
/// for every scene whose exponentials stay as small.
pub fn exp_axis(k: usize) -> ValueAxis {
    nice_axis(exp_peak(k))
}

/// A sentence for the legend about the exponential axis of scene `k`: where
/// it ends, and why when it ends elsewhere than in the first scene.
pub fn scale_note(k: usize) -> String {
    let axis = exp_axis(k);
    let first = exp_axis(0);
    let mut note = format!(
        "In this scene the exp(x/T) axis runs from 0 to {}.",
        short(axis.top)
    );
    if axis.top != first.top {
        note.push_str(&format!(
            " That is further than the {} of the first scene, because the exponentials here reach {}: read their heights against the ticks.",
            short(first.top),
            short(exp_peak(k))
        ));
    }
    note
}

/// A mark the stage can show, for the legend beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// The ▸ and thick frame on the parts the scene is about.
    Focus,
    /// The coloured bars, one per class.
    Bars,
    /// The centre of the triangle, where all three probabilities are 1/3.
    Centre,
    /// The ringed point: the probabilities as a position.
    Point,
    /// The temperature path.
    Path,
    /// The part of the path swept so far.
    Trail,
    /// A masked class's bar, drawn as an outline.
    MaskedBar,
    /// The edge where the masked class has probability 0.
    MaskedEdge,
    /// The ▼ at the end of a bar that runs past its axis.
    PastAxis,
}

impl Mark {
    /// The key the page's legend uses for this mark (its `data-mark`).
    pub fn key(self) -> &'static str {
        match self {
            Mark::Focus => "focus",
            Mark::Bars => "bars",
            Mark::Centre => "centre",
            Mark::Point => "point",
            Mark::Path => "path",
            Mark::Trail => "trail",
            Mark::MaskedBar => "masked-bar",
            Mark::MaskedEdge => "masked-edge",
            Mark::PastAxis => "past-axis",
        }
    }
}

/// The marks drawn for frame `f`, in the legend's order.
pub fn marks(f: &Frame) -> Vec<Mark> {
    let mut out = vec![Mark::Focus, Mark::Bars, Mark::Centre];
    if f.point_reveal > 0.0 {
        out.push(Mark::Point);
    }
    if f.path {
        out.push(Mark::Path);
    }
    if f.trail.is_some() {
        out.push(Mark::Trail);
    }
    if f.mask.is_some() {
        out.push(Mark::MaskedBar);
        out.push(Mark::MaskedEdge);
    }
    if f.logits.iter().any(|&x| !LOGIT_AXIS.covers(x)) {
        out.push(Mark::PastAxis);
    }
    out
}

fn ipt(x: f64, y: f64) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

/// A bar's value label in a narrow panel: three significant digits at
/// most, so neighbouring labels never run into each other.
fn compact(v: f64) -> String {
    if !v.is_finite() {
        return fixed(v, 0);
    }
    let digits = if v.abs() >= 100.0 {
        0
    } else if v.abs() >= 10.0 {
        1
    } else {
        2
    };
    let text = fixed(v, digits);
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// One bar panel's content.
struct Bars<'a> {
    title: &'a str,
    note: Option<String>,
    values: [f64; 3],
    /// Labels for wide and for narrow panels.
    labels: [[String; 3]; 2],
    axis: ValueAxis,
    reveal: f64,
    highlighted: bool,
    mask: Option<usize>,
}

/// An estimate of a label's width: sans-serif digits and letters average
/// at most 0.6 em.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * 0.6 * size
}

fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    r: Rect,
    bars: &Bars,
    theme: &Theme,
    s: f64,
) -> DrawResult<()> {
    let pad = 4.0 * s;
    let narrow = r.w < 150.0 * s;
    let (title_size, small) = if narrow { (12.0, 10.0) } else { (13.0, 11.0) };
    let border = if bars.highlighted {
        theme.accent.stroke_width(theme.line(2.5, s))
    } else {
        theme.faint.stroke_width(theme.line(1.0, s))
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
    let mid = r.x + r.w / 2.0;
    area.draw(&Text::new(
        title,
        ipt(mid, r.y + pad + 5.0 * s),
        label_style(theme, title_size, s, HPos::Center, VPos::Top),
    ))
    .map_err(err)?;
    if let Some(note) = &bars.note {
        area.draw(&Text::new(
            note.clone(),
            ipt(mid, r.y + pad + 21.0 * s),
            label_style(theme, small, s, HPos::Center, VPos::Top),
        ))
        .map_err(err)?;
    }
    let ticks = bars.axis.ticks();
    let tick_labels: Vec<String> = ticks.iter().map(|&t| short(t)).collect();
    let label_w = tick_labels
        .iter()
        .map(|t| text_width(t, small * s))
        .fold(0.0, f64::max);
    let f = PlotFrame {
        left: r.x + pad + 5.0 * s + label_w + 4.0 * s,
        // Room above the plot for the title, the note and two lines of
        // value labels.
        top: r.y + pad + 50.0 * s + if narrow { (small + 2.0) * s } else { 0.0 },
        right: r.x + r.w - pad - 6.0 * s,
        bottom: r.y + r.h - pad - 20.0 * s,
        x: (0.0, 3.0),
        y: (bars.axis.bottom, bars.axis.top),
    };
    let line = theme.line(1.0, s);
    for (&t, label) in ticks.iter().zip(tick_labels) {
        let a = f.px((0.0, t));
        let b = f.px((3.0, t));
        area.draw(&PathElement::new(
            vec![a, b],
            theme.faint.stroke_width(line),
        ))
        .map_err(err)?;
        area.draw(&PathElement::new(
            vec![a, (a.0 - (3.0 * s) as i32, a.1)],
            theme.muted.stroke_width(line),
        ))
        .map_err(err)?;
        area.draw(&Text::new(
            label,
            (a.0 - (4.0 * s) as i32, a.1),
            label_style(theme, small, s, HPos::Right, VPos::Center),
        ))
        .map_err(err)?;
    }
    area.draw(&PathElement::new(
        vec![f.px((0.0, bars.axis.bottom)), f.px((0.0, bars.axis.top))],
        theme.muted.stroke_width(line),
    ))
    .map_err(err)?;
    let zero = bars.axis.bottom.max(0.0).min(bars.axis.top);
    area.draw(&PathElement::new(
        vec![f.px((0.0, zero)), f.px((3.0, zero))],
        theme.muted.stroke_width(line),
    ))
    .map_err(err)?;
    // The value labels drawn so far: left, right, top, bottom.
    let mut placed: Vec<(f64, f64, f64, f64)> = Vec::new();
    for i in 0..3 {
        let x0 = i as f64 + 0.2;
        let x1 = i as f64 + 0.8;
        let masked = bars.mask == Some(i);
        let v = bars.values[i];
        let target = if v.is_finite() {
            v
        } else if v < 0.0 {
            f64::MIN
        } else {
            f64::MAX
        };
        let grown = zero + (target - zero) * bars.reveal;
        let shown = grown.clamp(bars.axis.bottom, bars.axis.top);
        if bars.reveal > 0.0 {
            let a = f.px((x0, shown));
            let b = f.px((x1, zero));
            if masked {
                area.draw(&Rectangle::new(
                    [a, b],
                    theme.class(i).stroke_width(theme.line(1.5, s)),
                ))
                .map_err(err)?;
            } else {
                area.draw(&Rectangle::new([a, b], theme.class(i).filled()))
                    .map_err(err)?;
            }
            if grown != shown {
                // The bar runs on past the end of its axis: a ▼ (or ▲)
                // at the end, in the text colour.
                let (cx, cy) = f.to_pixel((i as f64 + 0.5, shown));
                let dir = if grown < shown { 1.0 } else { -1.0 };
                let half = 5.0 * s;
                area.draw(&Polygon::new(
                    vec![
                        ipt(cx - half, cy - dir * half),
                        ipt(cx + half, cy - dir * half),
                        ipt(cx, cy + dir * 2.0 * s),
                    ],
                    theme.text.filled(),
                ))
                .map_err(err)?;
            }
            if bars.reveal >= 1.0 {
                // Above the bar's top; a bar that hangs below zero is
                // labelled just above the zero line, clear of the class
                // names. A label that would touch its left neighbour's
                // moves up a line (narrow panels).
                let label = bars.labels[usize::from(narrow)][i].clone();
                let half = text_width(&label, small * s) / 2.0;
                let (x, y) = f.to_pixel((i as f64 + 0.5, shown.max(zero)));
                // Kept over the plot, clear of the tick labels on its left.
                let at = (x.max(f.left + half).min(r.x + r.w - pad - half), y);
                let line_h = (small + 2.0) * s;
                let mut bottom = at.1 - 3.0 * s;
                while placed.iter().any(|&(x0, x1, y0, y1)| {
                    at.0 - half < x1 && x0 < at.0 + half && bottom - small * s < y1 && y0 < bottom
                }) {
                    bottom -= line_h;
                }
                placed.push((at.0 - half, at.0 + half, bottom - small * s, bottom));
                area.draw(&Text::new(
                    label,
                    ipt(at.0, bottom),
                    label_style(theme, small, s, HPos::Center, VPos::Bottom),
                ))
                .map_err(err)?;
            }
        }
        area.draw(&Text::new(
            format!("{}", i + 1),
            ipt(f.to_pixel((i as f64 + 0.5, 0.0)).0, f.bottom + 4.0 * s),
            label_style(theme, small, s, HPos::Center, VPos::Top),
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
    let pad = 4.0 * s;
    if f.highlight.simplex {
        area.draw(&Rectangle::new(
            [
                ipt(r.x + pad, r.y + pad),
                ipt(r.x + r.w - pad, r.y + r.h - pad),
            ],
            theme.accent.stroke_width(theme.line(2.5, s)),
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
        ipt(r.x + r.w / 2.0, r.y + pad + 5.0 * s),
        label_style(theme, 13.0, s, HPos::Center, VPos::Top),
    ))
    .map_err(err)?;
    let inner = Rect {
        x: r.x,
        y: r.y + 22.0 * s,
        w: r.w,
        h: r.h - 22.0 * s,
    };
    let tri = shifted(&Triangle::fit(inner.w, inner.h, 30.0 * s), inner);
    draw_triangle(area, &tri, theme, s)?;
    if let Some(k) = f.mask {
        // The edge where the masked class has probability 0.
        let ends: Vec<(i32, i32)> = (0..3)
            .filter(|&j| j != k)
            .map(|j| ipt(tri.vertices[j].x, tri.vertices[j].y))
            .collect();
        area.draw(&PathElement::new(
            ends,
            theme.accent.stroke_width(theme.line(4.0, s)),
        ))
        .map_err(err)?;
    }
    let anchors = [
        // Below the bottom corners by more than the point's ring, so a
        // point on the bottom edge never covers its corner's name.
        (HPos::Left, VPos::Top, 12.0),
        (HPos::Right, VPos::Top, 12.0),
        (HPos::Center, VPos::Bottom, -6.0),
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
        theme.muted.stroke_width(theme.line(1.0, s)),
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
            theme.muted.stroke_width(theme.line(1.5, s)),
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
            theme.accent.stroke_width(theme.line(3.0, s)),
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
            theme.accent.stroke_width(theme.line(2.0, s)),
        ))
        .map_err(err)?;
        area.draw(&Circle::new(at, (4.0 * s) as i32, theme.accent.filled()))
            .map_err(err)?;
    }
    Ok(tri)
}

/// What [`draw`] laid out: the panels and the triangle, in the area's
/// pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Drawn {
    /// Where the panels went.
    pub layout: Layout,
    /// The triangle inside the simplex panel.
    pub triangle: Triangle,
}

/// Draw frame `f` filling `area` (whose scale is `scale` pixels per CSS
/// pixel, zoom included); returns the layout used.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    f: &Frame,
    scale: f64,
    theme: Theme,
) -> DrawResult<Drawn> {
    let s = scale.max(0.5);
    clear(area, &theme)?;
    let (w, h) = area.dim_in_pixel();
    let lay = layout(f64::from(w), f64::from(h), s);
    let logit_label = |x: f64| {
        if x == f64::NEG_INFINITY {
            "−∞".to_owned()
        } else {
            short(x)
        }
    };
    let panels = [
        Bars {
            title: "logits x",
            note: Some(format!("T = {}", short(f.temperature))),
            values: f.logits,
            labels: [f.logits.map(logit_label), f.logits.map(compact)],
            axis: LOGIT_AXIS,
            reveal: 1.0,
            highlighted: f.highlight.logits,
            mask: f.mask,
        },
        Bars {
            title: "exp(x/T)",
            // The normaliser, once the exponentials are up.
            note: (f.exp_reveal >= 1.0).then(|| format!("sum = {}", short(f.exp_sum))),
            values: f.exps,
            labels: [f.exps.map(short), f.exps.map(compact)],
            axis: exp_axis(f.scene),
            reveal: f.exp_reveal,
            highlighted: f.highlight.exps,
            mask: f.mask,
        },
        Bars {
            title: "softmax p",
            note: (f.prob_reveal >= 1.0)
                .then(|| format!("sum = {}", short(f.probabilities.iter().sum()))),
            values: f.probabilities,
            labels: [
                f.probabilities.map(|p| fixed(p, 3)),
                f.probabilities.map(|p| fixed(p, 2)),
            ],
            axis: PROBABILITY_AXIS,
            reveal: f.prob_reveal,
            highlighted: f.highlight.probabilities,
            mask: f.mask,
        },
    ];
    for (r, bars) in lay.panels.iter().zip(&panels) {
        draw_panel(area, *r, bars, &theme, s)?;
    }
    let triangle = draw_simplex(area, lay.simplex, f, &theme, s)?;
    area.present().map_err(err)?;
    Ok(Drawn {
        layout: lay,
        triangle,
    })
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
        assert!(marks(&frame(duration())).contains(&Mark::MaskedBar));
    }

    #[test]
    fn the_layout_is_side_by_side_when_wide_and_stacked_when_narrow() {
        let wide = layout(960.0, 540.0, 1.0);
        assert!(wide.wide && wide.simplex.x > wide.panels[2].x);
        let narrow = layout(390.0, 560.0, 1.0);
        assert!(!narrow.wide && narrow.simplex.y > narrow.panels[0].y);
        assert_eq!(narrow.simplex.x, 0.0);
        // The same canvas at twice the scale is laid out as if half as wide.
        assert!(!layout(960.0, 540.0, 2.0).wide);
    }

    #[test]
    fn nice_axes_cover_their_peak_with_few_round_steps() {
        for (peak, top, step) in [
            (7.389, 8.0, 2.0),
            (148.4, 150.0, 50.0),
            (2981.0, 3000.0, 1000.0),
            (1.0, 1.0, 0.2),
            (0.3, 0.3, 0.1),
        ] {
            let axis = nice_axis(peak);
            assert_eq!((axis.top, axis.step), (top, step), "peak {peak}");
            assert!(axis.ticks().len() <= 6);
        }
        assert_eq!(nice_axis(f64::NAN).top, 1.0);
        assert_eq!(nice_axis(0.0).top, 1.0);
    }
}
