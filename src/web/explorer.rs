//! The explorer's JavaScript face: a narrow API over
//! [`crate::explorer::Explorer`] that draws the linked views and returns the
//! numbers the page shows.

use super::{canvas, js_error};
use crate::charts::{curves, simplex, Theme};
use crate::explorer::fragment;
use crate::explorer::readout::Readout;
use crate::explorer::Explorer;
use crate::simplex::{Point, Triangle};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// The explorer's state, kept in Rust, with the geometry of the last drawn
/// simplex so pointer positions map back to probabilities.
#[wasm_bindgen]
pub struct ExplorerView {
    state: Explorer,
    triangle: Option<Triangle>,
    scale: f64,
    theme: Theme,
}

impl Default for ExplorerView {
    fn default() -> Self {
        Self::new()
    }
}

fn set(target: &Object, key: &str, value: JsValue) {
    // Setting a plain property on a fresh object cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), &value);
}

fn strings(values: &[String]) -> JsValue {
    values
        .iter()
        .map(|v| JsValue::from_str(v))
        .collect::<Array>()
        .into()
}

#[wasm_bindgen]
impl ExplorerView {
    /// The default state: logits (2, 1, 0) at T = 1.
    #[wasm_bindgen(constructor)]
    pub fn new() -> ExplorerView {
        ExplorerView {
            state: Explorer::default(),
            triangle: None,
            scale: 1.0,
            theme: Theme::LIGHT,
        }
    }

    /// Choose the palette ("light" or "dark") and the device pixel ratio.
    #[wasm_bindgen(js_name = setLook)]
    pub fn set_look(&mut self, theme: &str, device_pixel_ratio: f64) {
        self.theme = Theme::named(theme);
        self.scale = if device_pixel_ratio.is_finite() && device_pixel_ratio > 0.0 {
            device_pixel_ratio.min(4.0)
        } else {
            1.0
        };
    }

    /// Set logit `index` (0-based) from typed text; throws with a message
    /// and keeps the state when the text is not an acceptable number.
    #[wasm_bindgen(js_name = setLogit)]
    pub fn set_logit(&mut self, index: usize, text: &str) -> Result<(), JsError> {
        self.state.set_logit(index, text).map_err(js_error)
    }

    /// Set the temperature from typed text (`0`, `inf` accepted).
    #[wasm_bindgen(js_name = setTemperature)]
    pub fn set_temperature(&mut self, text: &str) -> Result<(), JsError> {
        self.state.set_temperature(text).map_err(js_error)
    }

    /// Load a URL fragment; throws (keeping the state) if it is invalid.
    #[wasm_bindgen(js_name = loadFragment)]
    pub fn load_fragment(&mut self, hash: &str) -> Result<(), JsError> {
        self.state = fragment::parse(hash, &self.state).map_err(js_error)?;
        Ok(())
    }

    /// The fragment (without `#`) describing the current state.
    pub fn fragment(&self) -> String {
        fragment::write(&self.state)
    }

    /// The logits, written so they read back exactly.
    #[wasm_bindgen(js_name = logitTexts)]
    pub fn logit_texts(&self) -> Vec<String> {
        self.state.logits().iter().map(|v| format!("{v}")).collect()
    }

    /// The temperature as it should appear in its field.
    #[wasm_bindgen(js_name = temperatureText)]
    pub fn temperature_text(&self) -> String {
        let t = self.state.temperature();
        if t == f64::INFINITY {
            "inf".to_owned()
        } else {
            format!("{t}")
        }
    }

    /// Every read-out, as an object of strings and arrays of strings.
    pub fn readout(&self) -> JsValue {
        let r = Readout::of(&self.state);
        let out = Object::new();
        set(&out, "probabilities", strings(&r.probabilities));
        set(&out, "logProbabilities", strings(&r.log_probabilities));
        set(&out, "logSumExp", JsValue::from_str(&r.logsumexp));
        set(
            &out,
            "logSumExpBounds",
            JsValue::from_str(&r.logsumexp_bounds),
        );
        set(&out, "temperature", JsValue::from_str(&r.temperature));
        set(&out, "beta", JsValue::from_str(&r.beta));
        set(&out, "spoken", JsValue::from_str(&r.spoken));
        out.into()
    }

    /// Draw the simplex view on `canvas`.
    #[wasm_bindgen(js_name = drawSimplex)]
    pub fn draw_simplex(&mut self, canvas: HtmlCanvasElement) -> Result<(), JsError> {
        let area = canvas::area(canvas)?;
        let p = self.state.probabilities();
        let tri = simplex::draw(
            &area,
            &simplex::SimplexScene {
                logits: self.state.logits(),
                probabilities: &p,
                scale: self.scale,
                theme: self.theme,
            },
        )
        .map_err(js_error)?;
        self.triangle = Some(tri);
        Ok(())
    }

    /// Draw the two-class temperature curves on `canvas`.
    #[wasm_bindgen(js_name = drawCurves)]
    pub fn draw_curves(&self, canvas: HtmlCanvasElement) -> Result<(), JsError> {
        let area = canvas::area(canvas)?;
        let logits = self.state.logits();
        let d = logits.first().copied().unwrap_or(0.0) - logits.get(1).copied().unwrap_or(0.0);
        curves::draw(
            &area,
            &curves::CurvesScene {
                temperature: self.state.temperature(),
                d,
                scale: self.scale,
                theme: self.theme,
            },
        )
        .map(|_| ())
        .map_err(js_error)
    }

    /// Move the simplex point under the CSS-pixel position (x, y) of the
    /// simplex canvas (as drawn last).
    #[wasm_bindgen(js_name = dragSimplex)]
    pub fn drag_simplex(&mut self, x: f64, y: f64) -> Result<(), JsError> {
        let tri = self
            .triangle
            .ok_or_else(|| js_error("the simplex has not been drawn yet"))?;
        let q = Point {
            x: x * self.scale,
            y: y * self.scale,
        };
        self.state.drag_to(&tri, q).map_err(js_error)
    }

    /// Move the simplex point with an arrow key (`ArrowUp`, ...); `large`
    /// (Shift held) moves five times as far. Returns whether the key was used.
    #[wasm_bindgen(js_name = simplexKey)]
    pub fn simplex_key(&mut self, key: &str, large: bool) -> Result<bool, JsError> {
        let tri = self
            .triangle
            .ok_or_else(|| js_error("the simplex has not been drawn yet"))?;
        let step = tri.side() * if large { 0.1 } else { 0.02 };
        let (dx, dy) = match key {
            "ArrowLeft" => (-step, 0.0),
            "ArrowRight" => (step, 0.0),
            "ArrowUp" => (0.0, -step),
            "ArrowDown" => (0.0, step),
            _ => return Ok(false),
        };
        let at = tri.point(&self.state.probabilities());
        let q = Point {
            x: at.x + dx,
            y: at.y + dy,
        };
        self.state.drag_to(&tri, q).map_err(js_error)?;
        Ok(true)
    }
}
