//! The calibration lab's JavaScript face: a narrow API over
//! [`crate::labs::calibration::CalibrationLab`] that draws its two charts
//! and returns the numbers the page shows, already written as text.

use super::set;
use super::{canvas, js_error};
use crate::charts::calibration::{
    curve_temperatures, draw_nll, draw_reliability, NllScene, ReliabilityScene,
};
use crate::charts::Theme;
use crate::labs::calibration::metrics::nll;
use crate::labs::calibration::{CalibrationLab, SLIDER_STEPS};
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Temperatures at which the NLL curve is sampled.
const CURVE_SAMPLES: usize = 81;

/// The lab's state, the NLL curve (which does not depend on the current
/// temperature, so it is computed once, a few samples at a time: all of it
/// at once would block the page for about 100 ms) and the look of the
/// drawing.
#[wasm_bindgen]
pub struct CalibrationView {
    lab: CalibrationLab,
    temperatures: Vec<f64>,
    curve: Vec<(f64, f64)>,
    scale: f64,
    theme: Theme,
}

impl Default for CalibrationView {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen]
impl CalibrationView {
    /// The preset validation set at `T = 1`, not fitted. The NLL curve is
    /// empty until [`CalibrationView::extend_curve`] has filled it.
    #[wasm_bindgen(constructor)]
    pub fn new() -> CalibrationView {
        CalibrationView {
            lab: CalibrationLab::default(),
            temperatures: curve_temperatures(CURVE_SAMPLES),
            curve: Vec::with_capacity(CURVE_SAMPLES),
            scale: 1.0,
            theme: Theme::LIGHT,
        }
    }

    /// Compute up to `count` more samples of the NLL curve; true once the
    /// curve is complete (the NLL chart is drawn only then).
    #[wasm_bindgen(js_name = extendCurve)]
    pub fn extend_curve(&mut self, count: u32) -> bool {
        let done = self.curve.len();
        let end = done
            .saturating_add(count as usize)
            .min(self.temperatures.len());
        for &t in &self.temperatures[done..end] {
            self.curve.push((t, nll(self.lab.set(), t)));
        }
        self.curve_complete()
    }

    /// Whether every sample of the NLL curve has been computed.
    #[wasm_bindgen(js_name = curveComplete)]
    pub fn curve_complete(&self) -> bool {
        self.curve.len() == self.temperatures.len()
    }

    /// Choose the palette ("light" or "dark") and the device pixel ratio.
    #[wasm_bindgen(js_name = setLook)]
    pub fn set_look(&mut self, theme: &str, device_pixel_ratio: f64) {
        self.theme = Theme::named(theme);
        self.scale = super::pixel_ratio(device_pixel_ratio);
    }

    /// The slider's largest position (its smallest is 0).
    #[wasm_bindgen(js_name = sliderSteps)]
    pub fn slider_steps(&self) -> u32 {
        SLIDER_STEPS
    }

    /// The slider position showing the current temperature.
    #[wasm_bindgen(js_name = sliderPosition)]
    pub fn slider_position(&self) -> u32 {
        self.lab.slider_position()
    }

    /// Set the temperature from the slider's value; throws (keeping the
    /// state) if it is not a slider position.
    #[wasm_bindgen(js_name = setSlider)]
    pub fn set_slider(&mut self, text: &str) -> Result<(), JsError> {
        self.lab.set_slider(text).map_err(js_error)
    }

    /// Fit `T` by minimising the validation NLL and move the slider there.
    pub fn fit(&mut self) -> Result<(), JsError> {
        self.lab.fit().map(|_| ()).map_err(js_error)
    }

    /// Back to `T = 1`, forgetting the fit.
    pub fn reset(&mut self) {
        self.lab.reset();
    }

    /// Every number the lab shows, as an object of strings (and `bins`, an
    /// array of rows of strings).
    pub fn readout(&self) -> JsValue {
        let r = self.lab.readout();
        let out = Object::new();
        for (key, value) in [
            ("temperature", &r.temperature),
            ("set", &r.set),
            ("trueTemperature", &r.true_temperature),
            ("nllBefore", &r.nll_before),
            ("nllNow", &r.nll_now),
            ("eceBefore", &r.ece_before),
            ("eceNow", &r.ece_now),
            ("accuracy", &r.accuracy),
            ("fitted", &r.fitted),
            ("spoken", &r.spoken),
        ] {
            set(&out, key, JsValue::from_str(value));
        }
        set(
            &out,
            "sliderText",
            JsValue::from_str(&format!("T = {}", r.temperature)),
        );
        let rows: Array = r
            .bins
            .iter()
            .map(|row| {
                row.iter()
                    .map(|cell| JsValue::from_str(cell))
                    .collect::<Array>()
            })
            .collect();
        set(&out, "bins", rows.into());
        out.into()
    }

    /// Draw `NLL(T)` with the markers for `T = 1`, the current and the
    /// fitted temperature.
    #[wasm_bindgen(js_name = drawNll)]
    pub fn draw_nll(&self, canvas: HtmlCanvasElement) -> Result<(), JsError> {
        let area = canvas::area(canvas)?;
        let (before, now) = self.lab.nll();
        draw_nll(
            &area,
            &NllScene {
                curve: &self.curve,
                before,
                current: (self.lab.temperature(), now),
                fitted: self.lab.fitted().map(|f| (f.temperature, f.nll)),
                scale: self.scale,
                theme: self.theme,
            },
        )
        .map(|_| ())
        .map_err(js_error)
    }

    /// Draw the reliability diagram at `T = 1` and at the current `T`.
    #[wasm_bindgen(js_name = drawReliability)]
    pub fn draw_reliability(&self, canvas: HtmlCanvasElement) -> Result<(), JsError> {
        let area = canvas::area(canvas)?;
        let (before, now) = self.lab.reliability();
        draw_reliability(
            &area,
            &ReliabilityScene {
                before: &before,
                now: &now,
                temperature: self.lab.temperature(),
                scale: self.scale,
                theme: self.theme,
            },
        )
        .map(|_| ())
        .map_err(js_error)
    }
}

super::link_methods!(CalibrationView);
