//! The stability lab's JavaScript face: a narrow API over
//! [`crate::labs::stability::StabilityLab`] returning the routes as text.

use super::js_error;
use super::set;
use crate::labs::formats::Format;
use crate::labs::stability::{presets, Route, StabilityLab};
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

fn route_object(route: &Route, format: Format) -> JsValue {
    let out = Object::new();
    set(&out, "id", route.id.into());
    set(&out, "title", route.title.into());
    set(&out, "summary", route.summary.as_str().into());
    let stages = Array::new();
    for stage in &route.stages {
        let s = Object::new();
        set(&s, "name", stage.name.as_str().into());
        set(&s, "scalar", stage.scalar.into());
        let cells = Array::new();
        for c in &stage.cells {
            let o = Object::new();
            set(&o, "text", format.show(c.value).into());
            set(&o, "mark", c.mark.map(|m| m.id()).unwrap_or("").into());
            set(&o, "words", c.mark.map(|m| m.words()).unwrap_or("").into());
            set(&o, "first", c.first.into());
            cells.push(&o);
        }
        set(&s, "cells", cells.into());
        stages.push(&s);
    }
    set(&out, "stages", stages.into());
    out.into()
}

/// The stability lab's state, kept in Rust.
#[wasm_bindgen]
pub struct StabilityView {
    lab: StabilityLab,
}

impl Default for StabilityView {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen]
impl StabilityView {
    /// The preset shown now, or -1 for the reader's own setting.
    #[wasm_bindgen(js_name = presetIndex)]
    pub fn preset_index(&self) -> i32 {
        self.lab.preset_index().map_or(-1, |i| i as i32)
    }

    /// The first preset: (1000, 1001, 999) in f64.
    #[wasm_bindgen(constructor)]
    pub fn new() -> StabilityView {
        StabilityView {
            lab: StabilityLab::default(),
        }
    }

    /// What the preset menu lists.
    #[wasm_bindgen(js_name = presetLabels)]
    pub fn preset_labels(&self) -> Vec<String> {
        presets().into_iter().map(|p| p.label).collect()
    }

    /// Load preset `index`.
    #[wasm_bindgen(js_name = loadPreset)]
    pub fn load_preset(&mut self, index: usize) {
        self.lab.load_preset(index);
    }

    /// The format names for the format menu.
    #[wasm_bindgen(js_name = formatNames)]
    pub fn format_names(&self) -> Vec<String> {
        Format::ALL.iter().map(|f| f.name().to_owned()).collect()
    }

    /// The current format's name.
    #[wasm_bindgen(js_name = formatName)]
    pub fn format_name(&self) -> String {
        self.lab.format().name().to_owned()
    }

    /// The logits as text for their field.
    #[wasm_bindgen(js_name = logitsText)]
    pub fn logits_text(&self) -> String {
        self.lab.logits_text()
    }

    /// What the logits field was read as.
    #[wasm_bindgen(js_name = readSentence)]
    pub fn read_sentence(&self) -> String {
        self.lab.read_sentence()
    }

    /// How many logits there are.
    pub fn count(&self) -> usize {
        self.lab.logits().len()
    }

    /// The target class (0-based).
    pub fn target(&self) -> usize {
        self.lab.target()
    }

    /// Set the logits from typed text; throws (keeping the state) if bad.
    #[wasm_bindgen(js_name = setLogits)]
    pub fn set_logits(&mut self, text: &str) -> Result<(), JsError> {
        self.lab.set_logits(text).map_err(js_error)
    }

    /// Choose the format by name.
    #[wasm_bindgen(js_name = setFormat)]
    pub fn set_format(&mut self, name: &str) -> Result<(), JsError> {
        self.lab.set_format(name).map_err(js_error)
    }

    /// Choose the target class (0-based).
    #[wasm_bindgen(js_name = setTarget)]
    pub fn set_target(&mut self, index: usize) -> Result<(), JsError> {
        self.lab.set_target(index).map_err(js_error)
    }

    /// The three routes and the sentences under them.
    pub fn report(&self) -> JsValue {
        let f = self.lab.format();
        let out = Object::new();
        let routes = Array::new();
        for r in self.lab.routes() {
            routes.push(&route_object(&r, f));
        }
        set(&out, "routes", routes.into());
        set(&out, "loss", self.lab.loss_sentence().into());
        set(
            &out,
            "limits",
            format!(
                "In {} the largest finite number is {}, so exp(x) overflows for every x above {}; {} significant bits are kept.",
                f.name(),
                Format::F64.show(f.max_finite()).replace("e", " × 10^"),
                crate::labs::formats::show_digits(f.exp_overflow_threshold(), 5),
                f.significand_bits()
            )
            .into(),
        );
        out.into()
    }
}

super::link_methods!(StabilityView);
