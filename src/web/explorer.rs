//! The explorer's JavaScript face: a narrow API over
//! [`crate::explorer::Explorer`] that draws the linked views and returns the
//! numbers the page shows.

use super::{canvas, js_error};
use super::{set, strings};
use crate::charts::Theme;
use crate::explorer::fragment;
use crate::explorer::interaction::Interaction;
use crate::explorer::readout::Readout;
use crate::explorer::views::View;
use crate::explorer::Explorer;
use crate::format;
use crate::simplex::Point;
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// The explorer's state, kept in Rust, with the geometry of the last drawn
/// views so pointer positions map back to data.
#[wasm_bindgen]
pub struct ExplorerView {
    state: Explorer,
    /// Trail, bar axis, chosen bar and the views' geometry (device pixels).
    interaction: Interaction,
    scale: f64,
    theme: Theme,
}

impl Default for ExplorerView {
    fn default() -> Self {
        Self::new()
    }
}

impl ExplorerView {
    fn draw_on(&mut self, view: View, canvas: HtmlCanvasElement) -> Result<(), JsError> {
        let area = canvas::area(canvas)?;
        self.interaction
            .draw(
                &self.state,
                view,
                self.state.iso_lines(),
                self.scale,
                self.theme,
                &area,
            )
            .map_err(js_error)
    }

    /// A CSS-pixel position on a canvas, in the device pixels it is drawn in.
    fn device(&self, x: f64, y: f64) -> Point {
        Point {
            x: x * self.scale,
            y: y * self.scale,
        }
    }
}

#[wasm_bindgen]
impl ExplorerView {
    /// The default state: logits (2, 1, 0) at T = 1.
    #[wasm_bindgen(constructor)]
    pub fn new() -> ExplorerView {
        ExplorerView {
            state: Explorer::default(),
            interaction: Interaction::new(),
            scale: 1.0,
            theme: Theme::LIGHT,
        }
    }

    /// Back to the default state (the trail is cleared too).
    pub fn reset(&mut self) {
        self.interaction.reset(&mut self.state);
    }

    /// Choose the palette ("light" or "dark") and the device pixel ratio.
    #[wasm_bindgen(js_name = setLook)]
    pub fn set_look(&mut self, theme: &str, device_pixel_ratio: f64) {
        self.theme = Theme::named(theme);
        self.scale = super::pixel_ratio(device_pixel_ratio);
    }

    /// Show or hide the iso-probability lines on the simplex (part of the
    /// state and of its link).
    #[wasm_bindgen(js_name = setContours)]
    pub fn set_contours(&mut self, on: bool) {
        self.state.set_iso_lines(on);
    }

    /// Set logit `index` (0-based) from typed text; throws with a message
    /// and keeps the state when the text is not an acceptable number.
    #[wasm_bindgen(js_name = setLogit)]
    pub fn set_logit(&mut self, index: usize, text: &str) -> Result<(), JsError> {
        self.state.set_logit(index, text).map_err(js_error)
    }

    /// Set the number of classes (2 to 10) from the selector's text.
    #[wasm_bindgen(js_name = setClasses)]
    pub fn set_classes(&mut self, text: &str) -> Result<(), JsError> {
        let n = text
            .trim()
            .parse::<usize>()
            .map_err(|_| js_error("Choose a number of classes from 2 to 10."))?;
        self.interaction
            .set_classes(&mut self.state, n)
            .map_err(js_error)
    }

    /// The number of classes.
    pub fn classes(&self) -> usize {
        self.state.classes()
    }

    /// Add `c` (typed) to every logit, or subtract it.
    #[wasm_bindgen(js_name = shiftAll)]
    pub fn shift_all(&mut self, text: &str, subtract: bool) -> Result<(), JsError> {
        self.state.shift_all(text, subtract).map_err(js_error)
    }

    /// Set the temperature from typed text (`0`, `inf` accepted).
    #[wasm_bindgen(js_name = setTemperature)]
    pub fn set_temperature(&mut self, text: &str) -> Result<(), JsError> {
        self.state.set_temperature(text).map_err(js_error)
    }

    /// Set the temperature from the log-scale slider's position text.
    #[wasm_bindgen(js_name = setTemperatureFromSlider)]
    pub fn set_temperature_from_slider(&mut self, text: &str) -> Result<(), JsError> {
        self.state
            .set_temperature_from_slider(text)
            .map_err(js_error)
    }

    /// What the temperature slider announces: the temperature itself
    /// (`T = 0.389`), not its position on the log scale, and the two limits
    /// by name, since the slider's ends stand for them.
    #[wasm_bindgen(js_name = sliderValueText)]
    pub fn slider_value_text(&self) -> String {
        let t = self.state.temperature();
        if t == 0.0 {
            "T = 0 (argmax limit)".to_owned()
        } else if t == f64::INFINITY {
            // In words: Chromium hands the sign to the accessibility tree
            // garbled (as Latin-1), and "infinity" is what it is read as.
            "T = infinity (uniform limit)".to_owned()
        } else {
            format!("T = {}", format::short(t))
        }
    }

    /// The slider position (log10 T, clamped to [-2, 2]) as text.
    #[wasm_bindgen(js_name = sliderPosition)]
    pub fn slider_position(&self) -> String {
        format!("{:.2}", self.state.slider_position())
    }

    /// Choose the true class for the cross-entropy (0-based).
    #[wasm_bindgen(js_name = setTarget)]
    pub fn set_target(&mut self, class: usize) -> Result<(), JsError> {
        self.state.set_target(class).map_err(js_error)
    }

    /// Choose the pair (i, k) whose ratio p_i / p_k is shown (0-based).
    #[wasm_bindgen(js_name = setRatioPair)]
    pub fn set_ratio_pair(&mut self, i: usize, k: usize) -> Result<(), JsError> {
        self.state.set_ratio_pair(i, k).map_err(js_error)
    }

    /// Choose which logit the Jacobian arrow nudges (0-based).
    #[wasm_bindgen(js_name = setNudgeClass)]
    pub fn set_nudge_class(&mut self, class: usize) -> Result<(), JsError> {
        self.state.set_nudge_class(class).map_err(js_error)
    }

    /// Set the size of the nudge from typed text.
    #[wasm_bindgen(js_name = setNudgeSize)]
    pub fn set_nudge_size(&mut self, text: &str) -> Result<(), JsError> {
        self.state.set_nudge_size(text).map_err(js_error)
    }

    /// The current choices, 0-based: [target, ratio i, ratio k, nudge class].
    pub fn choices(&self) -> Vec<usize> {
        let (i, k) = self.state.ratio_pair();
        vec![self.state.target(), i, k, self.state.nudge().0]
    }

    /// The nudge size as it should appear in its field.
    #[wasm_bindgen(js_name = nudgeText)]
    pub fn nudge_text(&self) -> String {
        format::field(self.state.nudge().1)
    }

    /// Load a URL fragment; throws (keeping the state) if it is invalid.
    #[wasm_bindgen(js_name = loadFragment)]
    pub fn load_fragment(&mut self, hash: &str) -> Result<(), JsError> {
        self.state = fragment::parse(hash, &self.state).map_err(js_error)?;
        Ok(())
    }

    /// Load a history entry's fragment as a whole state: what it leaves
    /// out has its default value (the page writes only what differs from
    /// the default), so Back undoes a choice of classes or the iso-lines
    /// too. Throws (keeping the state) if it is invalid.
    #[wasm_bindgen(js_name = loadEntry)]
    pub fn load_entry(&mut self, hash: &str) -> Result<(), JsError> {
        self.state = fragment::parse(hash, &Explorer::default()).map_err(js_error)?;
        Ok(())
    }

    /// The fragment (without `#`) describing the current state.
    pub fn fragment(&self) -> String {
        fragment::write(&self.state)
    }

    /// The fragment (without `#`) for the current state at section
    /// `section_id` of the page (`jacobian&logits=2,1,0&T=0.5`); the state
    /// alone when `section_id` is empty or not a plain id.
    #[wasm_bindgen(js_name = fragmentIn)]
    pub fn fragment_in(&self, section_id: &str) -> String {
        fragment::write_with_section(section_id, &self.state)
    }

    /// The section a fragment names (`jacobian` in
    /// `#jacobian&logits=2,1,0`), if it names a plain id.
    #[wasm_bindgen(js_name = sectionOf)]
    pub fn section_of(hash: &str) -> Option<String> {
        fragment::section(hash).map(str::to_owned)
    }

    /// The logits as the fields show them: at most 6 significant digits
    /// and 4 decimals (see [`format::plain_decimals`]), `-inf` for a masked
    /// class. The values the page computes are held at exactly these digits;
    /// a typed value keeps all its digits in the state and the link.
    #[wasm_bindgen(js_name = logitTexts)]
    pub fn logit_texts(&self) -> Vec<String> {
        self.state
            .logits()
            .iter()
            .map(|&v| format::field(v))
            .collect()
    }

    /// The temperature as it should appear in its field.
    #[wasm_bindgen(js_name = temperatureText)]
    pub fn temperature_text(&self) -> String {
        let t = self.state.temperature();
        if t == f64::INFINITY {
            "inf".to_owned()
        } else {
            format::field(t)
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
        set(&out, "entropy", JsValue::from_str(&r.entropy));
        set(&out, "entropyBounds", JsValue::from_str(&r.entropy_bounds));
        set(&out, "crossEntropy", JsValue::from_str(&r.cross_entropy));
        set(&out, "ratio", JsValue::from_str(&r.ratio));
        set(&out, "temperature", JsValue::from_str(&r.temperature));
        set(&out, "beta", JsValue::from_str(&r.beta));
        let rows: Array = r.jacobian.iter().map(strings).collect();
        set(&out, "jacobian", rows.into());
        set(&out, "rowSums", strings(&r.row_sums));
        set(&out, "nudged", strings(&r.nudged));
        set(&out, "point", JsValue::from_str(&r.point));
        set(&out, "spoken", JsValue::from_str(&r.spoken));
        out.into()
    }

    /// Draw every linked view at once: one call per update.
    #[wasm_bindgen(js_name = drawAll)]
    pub fn draw_all(
        &mut self,
        simplex: HtmlCanvasElement,
        bars: HtmlCanvasElement,
        curves: HtmlCanvasElement,
        jacobian: HtmlCanvasElement,
    ) -> Result<(), JsError> {
        if self.state.classes() == 3 {
            self.draw_on(View::Simplex, simplex)?;
        }
        self.draw_on(View::Bars, bars)?;
        self.draw_on(View::Curves, curves)?;
        self.draw_on(View::Jacobian, jacobian)
    }

    /// Draw one view ("simplex", "bars", "curves", "jacobian") on `canvas`;
    /// the page calls this for the views that are on screen.
    #[wasm_bindgen(js_name = drawView)]
    pub fn draw_view(&mut self, name: &str, canvas: HtmlCanvasElement) -> Result<(), JsError> {
        let view = View::named(name).map_err(js_error)?;
        self.draw_on(view, canvas)
    }

    /// Draw the simplex view on `canvas`.
    #[wasm_bindgen(js_name = drawSimplex)]
    pub fn draw_simplex(&mut self, canvas: HtmlCanvasElement) -> Result<(), JsError> {
        self.draw_on(View::Simplex, canvas)
    }

    /// Whether the iso-probability lines are shown (for exports).
    #[wasm_bindgen(js_name = contoursShown)]
    pub fn contours_shown(&self) -> bool {
        self.state.iso_lines()
    }

    /// Whether the CSS-pixel position (x, y) of the simplex canvas is within
    /// `radius` CSS pixels of the point (where a finger may grab it).
    #[wasm_bindgen(js_name = nearPoint)]
    pub fn near_point(&self, x: f64, y: f64, radius: f64) -> bool {
        let at = self.device(x, y);
        self.interaction
            .near_point(&self.state, at, radius * self.scale)
    }

    /// Move the simplex point under the CSS-pixel position (x, y) of the
    /// simplex canvas (as drawn last).
    #[wasm_bindgen(js_name = dragSimplex)]
    pub fn drag_simplex(&mut self, x: f64, y: f64) -> Result<(), JsError> {
        let at = self.device(x, y);
        self.interaction
            .drag_simplex(&mut self.state, at)
            .map_err(js_error)
    }

    /// Move the simplex point with a key: the arrows (`large`, for Shift
    /// held, moves five times as far), PageUp and PageDown, Home (the
    /// centre) and End (the leading class's corner). Returns whether the key
    /// was used.
    #[wasm_bindgen(js_name = simplexKey)]
    pub fn simplex_key(&mut self, key: &str, large: bool) -> Result<bool, JsError> {
        self.interaction
            .simplex_key(&mut self.state, key, large)
            .map_err(js_error)
    }

    /// Start dragging the bar under CSS-pixel (x, y) of the bar canvas;
    /// returns whether a bar was grabbed (and moves it to the pointer).
    #[wasm_bindgen(js_name = grabBar)]
    pub fn grab_bar(&mut self, x: f64, y: f64) -> Result<bool, JsError> {
        let at = self.device(x, y);
        self.interaction
            .grab_bar(&mut self.state, at)
            .map_err(js_error)
    }

    /// Move the grabbed bar to the CSS-pixel height `y`.
    #[wasm_bindgen(js_name = dragBar)]
    pub fn drag_bar(&mut self, x: f64, y: f64) -> Result<(), JsError> {
        let at = self.device(x, y);
        self.interaction
            .drag_bar(&mut self.state, at)
            .map_err(js_error)
    }

    /// Let go of the dragged bar.
    #[wasm_bindgen(js_name = releaseBar)]
    pub fn release_bar(&mut self) {
        self.interaction.release_bar();
    }

    /// The bar with keyboard focus (1-based, 0 for none).
    #[wasm_bindgen(js_name = selectedBar)]
    pub fn selected_bar(&self) -> usize {
        self.interaction.selected_bar().map_or(0, |b| b + 1)
    }

    /// Keyboard control of the bars: Left/Right choose a bar, Up/Down change
    /// its logit by 0.1 (1 with Shift), PageUp/PageDown by 1, Home/End send
    /// it to the bottom or top of the axis. Returns whether the key was used.
    #[wasm_bindgen(js_name = barKey)]
    pub fn bar_key(&mut self, key: &str, large: bool) -> Result<bool, JsError> {
        self.interaction
            .bar_key(&mut self.state, key, large)
            .map_err(js_error)
    }
}
