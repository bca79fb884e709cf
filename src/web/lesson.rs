//! The lesson's JavaScript face: worked examples (a preset or the reader's
//! own numbers) with their table, steps and per-step bar chart, and the
//! lesson's diagrams, each drawn from the value of its controls and
//! returning the sentence that describes it.

use super::{canvas, js_error};
use super::{set, strings};
use crate::charts::{curves, marks, simplex, step_bars, Theme};
use crate::format::worked::{decimals, input};
use crate::lesson::diagrams::{
    log_slider, slider_position, ShiftScale, TemperaturePath, TwoClass, BASE_LOGITS,
};
use crate::lesson::worked::{spoken_text, Piece, Quantity, Worked};
use crate::simplex::Triangle;
use js_sys::{Array, Object};
use plotters::coord::Shift;
use plotters::prelude::DrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Pieces as `[["text", "e"], ["sup", "2"], ...]`.
fn pieces(list: &[Piece]) -> JsValue {
    list.iter()
        .map(|p| {
            let (kind, text) = match p {
                Piece::Text(t) => ("text", t),
                Piece::Sub(t) => ("sub", t),
                Piece::Sup(t) => ("sup", t),
            };
            strings([kind, text.as_str()])
        })
        .collect::<Array>()
        .into()
}

fn quantity_title(q: Quantity) -> &'static str {
    match q {
        Quantity::Logits => "logits x",
        Quantity::Scaled => "scaled logits x/T",
        Quantity::Shifted => "shifted logits z",
        Quantity::Exponentials => "exponentials",
        Quantity::Probabilities => "probabilities p",
    }
}

/// Theme and device pixel ratio, shared by the lesson's views.
#[derive(Clone, Copy)]
struct Look {
    theme: Theme,
    scale: f64,
}

impl Look {
    fn new() -> Look {
        Look {
            theme: Theme::LIGHT,
            scale: 1.0,
        }
    }

    fn set(&mut self, theme: &str, ratio: f64) {
        self.theme = Theme::named(theme);
        self.scale = super::pixel_ratio(ratio);
    }
}

/// A worked example and how to draw it.
#[wasm_bindgen]
pub struct WorkedView {
    worked: Worked,
    look: Look,
}

#[wasm_bindgen]
impl WorkedView {
    /// One of the source's worked examples: `basic`, `overflow`,
    /// `temperature-2`, `temperature-1` or `temperature-0.5`.
    #[wasm_bindgen(constructor)]
    pub fn new(name: &str) -> Result<WorkedView, JsError> {
        let worked =
            Worked::preset(name).ok_or_else(|| js_error(format!("no worked example {name}")))?;
        Ok(WorkedView {
            worked,
            look: Look::new(),
        })
    }

    /// The reader's own logits and temperature; throws with a message for
    /// the field when the text cannot be read.
    pub fn own(logits: &str, temperature: &str) -> Result<WorkedView, JsError> {
        let worked = Worked::own(logits, temperature).map_err(js_error)?;
        Ok(WorkedView {
            worked,
            look: Look::new(),
        })
    }

    /// Choose the palette ("light" or "dark") and the device pixel ratio.
    #[wasm_bindgen(js_name = setLook)]
    pub fn set_look(&mut self, theme: &str, device_pixel_ratio: f64) {
        self.look.set(theme, device_pixel_ratio);
    }

    /// The table: `[{key, heading, cells, total}]`, one entry per column.
    pub fn table(&self) -> JsValue {
        self.worked
            .columns
            .iter()
            .map(|c| {
                let out = Object::new();
                set(&out, "key", JsValue::from_str(c.quantity.key()));
                set(&out, "heading", pieces(&c.heading));
                set(&out, "cells", strings(&c.cells));
                set(
                    &out,
                    "total",
                    c.total.as_deref().map_or(JsValue::NULL, JsValue::from_str),
                );
                JsValue::from(out)
            })
            .collect::<Array>()
            .into()
    }

    /// The steps: `[{pieces, cells}]`.
    pub fn steps(&self) -> JsValue {
        self.worked
            .steps
            .iter()
            .map(|s| {
                let out = Object::new();
                set(&out, "pieces", pieces(&s.pieces));
                set(&out, "spoken", JsValue::from_str(&spoken_text(&s.pieces)));
                set(&out, "cells", strings(&s.cells));
                JsValue::from(out)
            })
            .collect::<Array>()
            .into()
    }

    /// Draw the bars of step `index` on `canvas`; returns the chart in words.
    #[wasm_bindgen(js_name = drawStep)]
    pub fn draw_step(&self, canvas: HtmlCanvasElement, index: usize) -> Result<String, JsError> {
        let step = self
            .worked
            .steps
            .get(index)
            .ok_or_else(|| js_error(format!("no step {}", index + 1)))?;
        let values = self.worked.values(step.chart);
        let area = canvas::area(canvas)?;
        let title = quantity_title(step.chart);
        step_bars::draw(
            &area,
            &step_bars::BarsScene {
                values,
                title,
                focus: step.focus,
                digits: self.worked.setup.digits,
                scale: self.look.scale,
                theme: self.look.theme,
            },
        )
        .map_err(js_error)?;
        let listed: Vec<String> = values
            .iter()
            .enumerate()
            .map(|(i, &v)| format!("class {} {}", i + 1, decimals(v, self.worked.setup.digits)))
            .collect();
        let focus = step
            .focus
            .map(|i| format!(" The bar of class {} is marked.", i + 1))
            .unwrap_or_default();
        Ok(format!(
            "Bars of the {title}: {}.{focus}",
            listed.join(", ")
        ))
    }
}

/// The lesson's diagrams (shift versus scale, the temperature path, the
/// two-class curves).
#[wasm_bindgen]
pub struct LessonDiagrams {
    look: Look,
}

impl Default for LessonDiagrams {
    fn default() -> Self {
        Self::new()
    }
}

impl LessonDiagrams {
    /// The simplex of the base logits (2, 1, 0) with the point `p`; returns
    /// the triangle, for the marks drawn over it.
    fn draw_base_simplex(
        &self,
        area: &DrawingArea<CanvasBackend, Shift>,
        p: &[f64],
    ) -> Result<Triangle, JsError> {
        simplex::draw(
            area,
            &simplex::SimplexScene {
                logits: &BASE_LOGITS,
                probabilities: p,
                trail: &[],
                arrow: None,
                contours: false,
                scale: self.look.scale,
                theme: self.look.theme,
            },
        )
        .map_err(js_error)
    }
}

#[wasm_bindgen]
impl LessonDiagrams {
    /// Diagrams in the light theme at ratio 1 until told otherwise.
    #[wasm_bindgen(constructor)]
    pub fn new() -> LessonDiagrams {
        LessonDiagrams { look: Look::new() }
    }

    /// Choose the palette ("light" or "dark") and the device pixel ratio.
    #[wasm_bindgen(js_name = setLook)]
    pub fn set_look(&mut self, theme: &str, device_pixel_ratio: f64) {
        self.look.set(theme, device_pixel_ratio);
    }

    /// The value of a log-scale slider at position `k` (-100..100), as text.
    #[wasm_bindgen(js_name = sliderText)]
    pub fn slider_text(k: f64) -> String {
        input(log_slider(k))
    }

    /// The log-scale slider position (-100..100) nearest to the value `t`.
    #[wasm_bindgen(js_name = sliderFor)]
    pub fn slider_for(t: f64) -> f64 {
        slider_position(t)
    }

    /// A number (such as a shift) as the lesson writes it.
    #[wasm_bindgen(js_name = numberText)]
    pub fn number_text(v: f64) -> String {
        input(v)
    }

    /// The fragment that opens the explorer at the logits `a x` and T = 1
    /// (for the shift/scale diagram's "open in the explorer" link).
    #[wasm_bindgen(js_name = scaledFragment)]
    pub fn scaled_fragment(k: f64) -> String {
        let a = log_slider(k);
        // Held at the digits the explorer's fields show, so the link is as
        // short as what it opens (10^0.37 = 2.344228815319922...).
        let logits: Vec<String> = BASE_LOGITS
            .iter()
            .map(|x| crate::format::field(crate::format::snap(x * a)))
            .collect();
        format!("logits={}&T=1", logits.join(","))
    }

    /// Shift versus scale: add `shift` to every logit (point A stays) and
    /// multiply them by the log-slider factor at `k` (point B moves).
    #[wasm_bindgen(js_name = drawShiftScale)]
    pub fn draw_shift_scale(
        &self,
        canvas: HtmlCanvasElement,
        shift: f64,
        k: f64,
    ) -> Result<String, JsError> {
        let state = ShiftScale {
            shift: if shift.is_finite() { shift } else { 0.0 },
            scale: log_slider(k),
        };
        let area = canvas::area(canvas)?;
        let a = state.shifted_point();
        let b = state.scaled_point();
        let tri = self.draw_base_simplex(&area, &b)?;
        marks::draw(
            &area,
            &tri,
            &[
                marks::Mark {
                    p: &a,
                    label: "A: x and x + c·1".to_owned(),
                    emphasised: true,
                },
                marks::Mark {
                    p: &b,
                    label: format!("B: {}·x", input(state.scale)),
                    emphasised: false,
                },
            ],
            &self.look.theme,
            self.look.scale,
        )
        .map_err(js_error)?;
        Ok(state.describe())
    }

    /// The temperature path of (2, 1, 0) with T = 2, 1, 0.5 marked and the
    /// current point at `temperature`.
    #[wasm_bindgen(js_name = drawTemperaturePath)]
    pub fn draw_temperature_path(
        &self,
        canvas: HtmlCanvasElement,
        temperature: f64,
    ) -> Result<String, JsError> {
        let state = TemperaturePath {
            temperature: if temperature > 0.0 && temperature.is_finite() {
                temperature
            } else {
                1.0
            },
        };
        let area = canvas::area(canvas)?;
        let p = state.point();
        let tri = self.draw_base_simplex(&area, &p)?;
        let marked = state.marks();
        let list: Vec<marks::Mark> = marked
            .iter()
            .map(|(t, q)| marks::Mark {
                p: q,
                label: format!("T = {}", input(*t)),
                emphasised: (*t / state.temperature - 1.0).abs() < 0.02,
            })
            .collect();
        marks::draw(&area, &tri, &list, &self.look.theme, self.look.scale).map_err(js_error)?;
        Ok(state.describe())
    }

    /// The temperature path at the log-slider temperature `k`.
    #[wasm_bindgen(js_name = drawTemperaturePathAt)]
    pub fn draw_temperature_path_at(
        &self,
        canvas: HtmlCanvasElement,
        k: f64,
    ) -> Result<String, JsError> {
        self.draw_temperature_path(canvas, log_slider(k))
    }

    /// The two-class curves at the log-slider temperature `k` and the
    /// difference `d`.
    #[wasm_bindgen(js_name = drawTwoClass)]
    pub fn draw_two_class(
        &self,
        canvas: HtmlCanvasElement,
        k: f64,
        d: f64,
    ) -> Result<String, JsError> {
        let state = TwoClass {
            temperature: log_slider(k),
            d: if d.is_finite() { d } else { 0.0 },
        };
        let area = canvas::area(canvas)?;
        curves::draw(
            &area,
            &curves::CurvesScene {
                temperature: state.temperature,
                d: state.d,
                scale: self.look.scale,
                theme: self.look.theme,
            },
        )
        .map_err(js_error)?;
        Ok(state.describe())
    }
}
