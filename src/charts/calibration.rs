//! The calibration lab's two views: the validation NLL as a function of the
//! temperature (log scale), and the ten-bin reliability diagram before
//! (`T = 1`) and at the current temperature.

use super::frame::{draw_axes, label_style, Axis, Frame};
use super::{clear, err, DrawResult, Theme};
use crate::format::short;
use crate::labs::calibration::metrics::Reliability;
use crate::labs::calibration::SLIDER_RANGE;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// The temperatures at which the NLL curve is sampled: `samples` points
/// log-spaced over the slider's range.
pub fn curve_temperatures(samples: usize) -> Vec<f64> {
    let samples = samples.max(2);
    let (lo, hi) = (SLIDER_RANGE.0.log10(), SLIDER_RANGE.1.log10());
    (0..samples)
        .map(|k| 10f64.powf(lo + (hi - lo) * k as f64 / (samples - 1) as f64))
        .collect()
}

/// What the NLL view shows.
pub struct NllScene<'a> {
    /// `(T, NLL(T))` samples, increasing in `T`.
    pub curve: &'a [(f64, f64)],
    /// `NLL(1)`, the classifier as it came.
    pub before: f64,
    /// The current temperature and its NLL.
    pub current: (f64, f64),
    /// The fitted temperature and its NLL, once fitted.
    pub fitted: Option<(f64, f64)>,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Colours.
    pub theme: Theme,
}

/// The tick temperatures of the log axis.
const T_TICKS: [f64; 7] = [0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0];

/// Draw `NLL(T)` against `log10 T`; returns the frame (x in `log10 T`).
pub fn draw_nll<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &NllScene,
) -> DrawResult<Frame> {
    let theme = &scene.theme;
    let s = scene.scale.max(0.5);
    clear(area, theme)?;
    let finite: Vec<f64> = scene
        .curve
        .iter()
        .map(|p| p.1)
        .filter(|v| v.is_finite())
        .collect();
    let low = finite.iter().copied().fold(f64::INFINITY, f64::min);
    let high_ref = scene
        .curve
        .last()
        .map(|p| p.1)
        .unwrap_or(f64::NAN)
        .max(scene.before);
    let (y0, y1) = if low.is_finite() && high_ref.is_finite() && high_ref > low {
        let span = high_ref - low;
        ((low - 0.15 * span).max(0.0), high_ref + 0.35 * span)
    } else {
        (0.0, 3.0)
    };
    let frame = Frame::new(
        area.dim_in_pixel(),
        (52.0 * s, 30.0 * s, 16.0 * s, 52.0 * s),
        (SLIDER_RANGE.0.log10(), SLIDER_RANGE.1.log10()),
        (y0, y1),
    );
    let y_ticks = nice_ticks(y0, y1, 4);
    let x_ticks: Vec<f64> = T_TICKS.iter().map(|t| t.log10()).collect();
    // The axis is in log10 T but labelled in T: draw the grid with empty
    // labels, then write the temperatures under it.
    draw_axes(
        area,
        &frame,
        &Axis {
            ticks: &[],
            title: "temperature T (log scale)",
        },
        &Axis {
            ticks: &y_ticks,
            title: "NLL",
        },
        theme,
        s,
    )?;
    for (t, x) in T_TICKS.iter().zip(&x_ticks) {
        let a = frame.px((*x, y0));
        let b = frame.px((*x, y1));
        area.draw(&PathElement::new(
            vec![a, b],
            theme.faint.stroke_width(theme.line(1.0, s)),
        ))
        .map_err(err)?;
        area.draw(&Text::new(
            short(*t),
            (a.0, a.1 + (6.0 * s) as i32),
            label_style(theme, 12.0, s, HPos::Center, VPos::Top),
        ))
        .map_err(err)?;
    }
    // The curve, clipped to the frame.
    let mut run: Vec<(i32, i32)> = Vec::new();
    let line = theme.class(0).stroke_width(theme.line(2.0, s));
    for &(t, v) in scene.curve {
        if v.is_finite() && v <= y1 && t > 0.0 {
            run.push(frame.px((t.log10(), v)));
        } else if !run.is_empty() {
            area.draw(&PathElement::new(std::mem::take(&mut run), line))
                .map_err(err)?;
        }
    }
    if !run.is_empty() {
        area.draw(&PathElement::new(run, line)).map_err(err)?;
    }
    // Markers: a vertical line per temperature, each told apart by its
    // dash pattern and named in a key at the top left (where the curve,
    // steep at cold temperatures, leaves room), so none rests on colour.
    let width = theme.line(1.5, s);
    let mut key: Vec<(String, ShapeStyle, u32)> = vec![(
        "T = 1 (as trained)".into(),
        theme.muted.stroke_width(width),
        2,
    )];
    if let Some((t, _)) = scene.fitted {
        key.push((
            format!("fitted T = {}", short(t)),
            theme.class(2).stroke_width(width + 1),
            1,
        ));
    }
    key.push((
        format!("current T = {}", short(scene.current.0)),
        theme.accent.stroke_width(width),
        0,
    ));
    let mut markers = vec![(1.0, scene.before, key[0].1, key[0].2)];
    if let Some((t, v)) = scene.fitted {
        markers.push((t, v, key[1].1, key[1].2));
    }
    markers.push((
        scene.current.0,
        scene.current.1,
        theme.accent.stroke_width(width),
        0,
    ));
    for (t, v, style, dashes) in markers {
        if !(t > 0.0 && v.is_finite()) {
            continue;
        }
        let x = t.log10().clamp(frame.x.0, frame.x.1);
        dashed(area, frame.px((x, y1)), frame.px((x, y0)), style, dashes, s)?;
        if v <= y1 {
            area.draw(&Circle::new(
                frame.px((x, v)),
                (5.0 * s) as i32,
                style.color.filled(),
            ))
            .map_err(err)?;
        }
    }
    for (k, (label, style, dashes)) in key.iter().enumerate() {
        let y = frame.top + (12.0 + 18.0 * k as f64) * s;
        let x0 = frame.left + 10.0 * s;
        dashed(area, ipt(x0, y), ipt(x0 + 24.0 * s, y), *style, *dashes, s)?;
        area.draw(&Text::new(
            label.clone(),
            ipt(x0 + 30.0 * s, y),
            label_style(theme, 12.0, s, HPos::Left, VPos::Center),
        ))
        .map_err(err)?;
    }
    area.present().map_err(err)?;
    Ok(frame)
}

fn ipt(x: f64, y: f64) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

/// A straight line from `a` to `b`: solid for `pattern` 0, long dashes for
/// 1, short dashes for 2.
fn dashed<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    a: (i32, i32),
    b: (i32, i32),
    style: ShapeStyle,
    pattern: u32,
    s: f64,
) -> DrawResult<()> {
    if pattern == 0 {
        return area.draw(&PathElement::new(vec![a, b], style)).map_err(err);
    }
    let (dx, dy) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
    let length = dx.hypot(dy);
    if length < 1.0 {
        return Ok(());
    }
    let dash = if pattern == 1 { 9.0 } else { 4.0 } * s;
    let mut at = 0.0;
    while at < length {
        let end = (at + dash).min(length);
        let p = |d: f64| {
            (
                (f64::from(a.0) + dx * d / length).round() as i32,
                (f64::from(a.1) + dy * d / length).round() as i32,
            )
        };
        area.draw(&PathElement::new(vec![p(at), p(end)], style))
            .map_err(err)?;
        at += 2.0 * dash;
    }
    Ok(())
}

/// About `count` round tick values covering `[lo, hi]`.
pub fn nice_ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    if !lo.is_finite() || !hi.is_finite() || hi <= lo {
        return Vec::new();
    }
    let raw = (hi - lo) / count.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|&st| st >= raw)
        .unwrap_or(10.0 * magnitude);
    let first = (lo / step).ceil();
    (0..20)
        .map(|i| (first + i as f64) * step)
        .take_while(|&v| v <= hi + 1e-9 * step)
        .collect()
}

/// What the reliability view shows.
pub struct ReliabilityScene<'a> {
    /// Bins at `T = 1`.
    pub before: &'a Reliability,
    /// Bins at the current temperature.
    pub now: &'a Reliability,
    /// The current temperature (for the legend).
    pub temperature: f64,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Colours.
    pub theme: Theme,
}

/// Draw the reliability diagram: for each confidence bin, the accuracy at
/// `T = 1` (outlined bar) and at the current `T` (filled bar), against the
/// diagonal of perfect calibration. Empty bins draw no bar.
pub fn draw_reliability<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &ReliabilityScene,
) -> DrawResult<Frame> {
    let theme = &scene.theme;
    let s = scene.scale.max(0.5);
    clear(area, theme)?;
    let frame = Frame::new(
        area.dim_in_pixel(),
        (46.0 * s, 36.0 * s, 16.0 * s, 52.0 * s),
        (0.0, 1.0),
        (0.0, 1.0),
    );
    let ticks = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0];
    draw_axes(
        area,
        &frame,
        &Axis {
            ticks: &ticks,
            title: "confidence (top probability)",
        },
        &Axis {
            ticks: &ticks,
            title: "",
        },
        theme,
        s,
    )?;
    // The y title, left-aligned above the frame so it is never cut off.
    area.draw(&Text::new(
        "accuracy in the bin".to_owned(),
        ipt(frame.left, frame.top - 10.0 * s),
        label_style(theme, 13.0, s, HPos::Left, VPos::Bottom),
    ))
    .map_err(err)?;
    let now_color = theme.class(0);
    for (b, n) in scene.before.bins.iter().zip(&scene.now.bins) {
        let width = b.high - b.low;
        if n.count > 0 {
            let a = frame.px((b.low + 0.12 * width, n.accuracy));
            let c = frame.px((b.high - 0.12 * width, 0.0));
            area.draw(&Rectangle::new([a, c], now_color.mix(0.55).filled()))
                .map_err(err)?;
        }
        if b.count > 0 {
            let a = frame.px((b.low + 0.04 * width, b.accuracy));
            let c = frame.px((b.high - 0.04 * width, 0.0));
            area.draw(&Rectangle::new(
                [a, c],
                theme.text.stroke_width(theme.line(1.5, s)),
            ))
            .map_err(err)?;
        }
    }
    // The diagonal, dashed.
    let dash = 0.025_f64;
    let mut x = 0.0_f64;
    while x < 1.0 {
        let end = (x + dash).min(1.0);
        area.draw(&PathElement::new(
            vec![frame.px((x, x)), frame.px((end, end))],
            theme.accent.stroke_width(theme.line(1.5, s)),
        ))
        .map_err(err)?;
        x += 2.0 * dash;
    }
    // Legend: swatches that differ by shape (outline, fill, dashes).
    let row = 18.0 * s;
    let at = (frame.left + 10.0 * s, frame.top + 10.0 * s);
    let entries: [(String, u8); 3] = [
        ("outline: T = 1 (as trained)".into(), 0),
        (
            format!("filled: T = {} (current)", short(scene.temperature)),
            1,
        ),
        ("dashes: perfect calibration".into(), 2),
    ];
    for (k, (label, kind)) in entries.iter().enumerate() {
        let y = at.1 + row * k as f64;
        let a = (at.0.round() as i32, (y - 6.0 * s).round() as i32);
        let c = (
            (at.0 + 20.0 * s).round() as i32,
            (y + 6.0 * s).round() as i32,
        );
        match kind {
            0 => area
                .draw(&Rectangle::new(
                    [a, c],
                    theme.text.stroke_width(theme.line(1.0, s)),
                ))
                .map_err(err)?,
            1 => area
                .draw(&Rectangle::new([a, c], now_color.mix(0.55).filled()))
                .map_err(err)?,
            _ => {
                for d in 0..3 {
                    let x0 = at.0 + 8.0 * s * d as f64;
                    area.draw(&PathElement::new(
                        vec![
                            (x0.round() as i32, y.round() as i32),
                            ((x0 + 4.0 * s).round() as i32, y.round() as i32),
                        ],
                        theme.accent.stroke_width(theme.line(1.5, s)),
                    ))
                    .map_err(err)?;
                }
            }
        }
        area.draw(&Text::new(
            label.clone(),
            ((at.0 + 28.0 * s).round() as i32, y.round() as i32),
            label_style(theme, 12.0, s, HPos::Left, VPos::Center),
        ))
        .map_err(err)?;
    }
    area.present().map_err(err)?;
    Ok(frame)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::calibration::CalibrationLab;

    #[test]
    fn the_nll_curve_and_its_markers_are_labelled() {
        let mut lab = CalibrationLab::default();
        let fit = lab.fit().unwrap();
        let curve: Vec<(f64, f64)> = curve_temperatures(41)
            .into_iter()
            .map(|t| (t, crate::labs::calibration::metrics::nll(lab.set(), t)))
            .collect();
        let (before, now) = lab.nll();
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (520, 300)).into_drawing_area();
            draw_nll(
                &area,
                &NllScene {
                    curve: &curve,
                    before,
                    current: (lab.temperature(), now),
                    fitted: Some((fit.temperature, fit.nll)),
                    scale: 1.0,
                    theme: Theme::LIGHT,
                },
            )
            .unwrap();
        }
        for label in [
            "T = 1 (as trained)",
            "fitted T = ",
            "current T = ",
            "NLL",
            "0.1",
            "10",
        ] {
            assert!(svg.contains(label), "missing {label}");
        }
    }

    #[test]
    fn the_reliability_diagram_draws_one_bar_per_filled_bin() {
        let lab = CalibrationLab::default();
        let (before, now) = lab.reliability();
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (400, 400)).into_drawing_area();
            draw_reliability(
                &area,
                &ReliabilityScene {
                    before: &before,
                    now: &now,
                    temperature: 1.0,
                    scale: 1.0,
                    theme: Theme::DARK,
                },
            )
            .unwrap();
        }
        let filled = before.bins.iter().filter(|b| b.count > 0).count();
        // Two bars per filled bin, plus three legend swatches and the
        // background and frame, all drawn as <rect>.
        assert!(svg.matches("<rect").count() >= 2 * filled + 2);
        assert!(svg.contains("perfect calibration"));
    }

    #[test]
    fn nice_ticks_are_round_and_cover_the_range() {
        let ticks = nice_ticks(0.0, 1.0, 5);
        assert_eq!(ticks.len(), 6);
        assert_eq!((ticks[0], ticks[5]), (0.0, 1.0));
        let labels: Vec<String> = nice_ticks(1.13, 1.87, 4).into_iter().map(short).collect();
        assert_eq!(labels, ["1.2", "1.4", "1.6", "1.8"]);
        assert!(nice_ticks(1.0, 1.0, 4).is_empty());
        assert!(nice_ticks(f64::NAN, 1.0, 4).is_empty());
    }
}
