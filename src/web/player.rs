//! The guided player's JavaScript face. The page runs
//! `requestAnimationFrame` and hands the clock to [`PlayerView::tick`];
//! everything else (the time, the frame, the drawing, the read-outs, what
//! each key does) is decided here.

use super::set;
use super::{canvas, js_error};
use crate::charts::{player, Theme};
use crate::format::fixed;
use crate::labs::timeline::player::{Player, SPEEDS, ZOOMS};
use crate::labs::timeline::scenes::SCENES;
use crate::labs::timeline::{describe, duration, frame, time_text};
use js_sys::Object;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// The player's clock and the look of its canvas.
#[wasm_bindgen]
pub struct PlayerView {
    player: Player,
    zoom: usize,
    scale: f64,
    theme: Theme,
}

impl Default for PlayerView {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen]
impl PlayerView {
    /// Paused at `t = 0`, speed 1x, zoom 1x.
    #[wasm_bindgen(constructor)]
    pub fn new() -> PlayerView {
        PlayerView {
            player: Player::new(),
            zoom: 0,
            scale: 1.0,
            theme: Theme::LIGHT,
        }
    }

    /// Choose the palette ("light" or "dark") and the device pixel ratio.
    #[wasm_bindgen(js_name = setLook)]
    pub fn set_look(&mut self, theme: &str, device_pixel_ratio: f64) {
        self.theme = Theme::named(theme);
        self.scale = super::pixel_ratio(device_pixel_ratio);
    }

    /// The labels of the speeds, in order ("0.25×", ...).
    #[wasm_bindgen(js_name = speedLabels)]
    pub fn speed_labels(&self) -> Vec<String> {
        SPEEDS.iter().map(|(_, l)| (*l).to_owned()).collect()
    }

    /// The labels of the zoom levels, in order ("1×", ...).
    #[wasm_bindgen(js_name = zoomLabels)]
    pub fn zoom_labels(&self) -> Vec<String> {
        ZOOMS.iter().map(|(_, l)| (*l).to_owned()).collect()
    }

    /// The index of the current speed.
    pub fn speed(&self) -> usize {
        self.player.speed()
    }

    /// The index of the current zoom level.
    pub fn zoom(&self) -> usize {
        self.zoom
    }

    /// Choose speed `index`; throws if there is no such speed.
    #[wasm_bindgen(js_name = setSpeed)]
    pub fn set_speed(&mut self, index: usize) -> Result<(), JsError> {
        self.player.set_speed(index).map_err(js_error)
    }

    /// Choose zoom level `index`; throws if there is no such level.
    #[wasm_bindgen(js_name = setZoom)]
    pub fn set_zoom(&mut self, index: usize) -> Result<(), JsError> {
        if index < ZOOMS.len() {
            self.zoom = index;
            Ok(())
        } else {
            Err(js_error(format!("There is no zoom level {index}.")))
        }
    }

    /// Follow the reader's reduced-motion setting.
    #[wasm_bindgen(js_name = setReducedMotion)]
    pub fn set_reduced_motion(&mut self, on: bool) {
        self.player.set_reduced_motion(on);
    }

    /// The length of the walk-through in milliseconds (the scrubber's max).
    #[wasm_bindgen(js_name = durationMs)]
    pub fn duration_ms(&self) -> u32 {
        duration()
    }

    /// The current time in milliseconds (the scrubber's value).
    #[wasm_bindgen(js_name = timeMs)]
    pub fn time_ms(&self) -> u32 {
        self.player.time()
    }

    /// Whether the clock is running.
    pub fn playing(&self) -> bool {
        self.player.playing()
    }

    /// Play if paused, pause if playing.
    #[wasm_bindgen(js_name = togglePlay)]
    pub fn toggle_play(&mut self) {
        self.player.toggle();
    }

    /// Back to `t = 0`, paused.
    pub fn restart(&mut self) {
        self.player.restart();
    }

    /// To the next scene boundary, paused.
    #[wasm_bindgen(js_name = stepForward)]
    pub fn step_forward(&mut self) {
        self.player.step_forward();
    }

    /// To the previous scene boundary, paused.
    #[wasm_bindgen(js_name = stepBack)]
    pub fn step_back(&mut self) {
        self.player.step_back();
    }

    /// Jump to the scrubber's value; throws (keeping the time) if it is not
    /// a moment of the walk-through.
    pub fn scrub(&mut self, text: &str) -> Result<(), JsError> {
        self.player.scrub(text).map_err(js_error)
    }

    /// Apply the keyboard shortcut for `key` (Space, arrows, Home, End);
    /// returns whether the key was used.
    pub fn key(&mut self, key: &str) -> bool {
        self.player.key(key)
    }

    /// Advance to the page clock `clock_ms`; returns whether the time moved.
    pub fn tick(&mut self, clock_ms: f64) -> bool {
        self.player.tick(clock_ms)
    }

    /// The read-outs: `time` ("t = 3.2 s"), `total`, `scene` (0-based index,
    /// also the caption's), `sceneName`, `sceneCount`, `spoken` (the canvas's
    /// text twin), `playing`.
    pub fn readout(&self) -> JsValue {
        let f = frame(self.player.time());
        let out = Object::new();
        set(
            &out,
            "time",
            JsValue::from_str(&time_text(self.player.time())),
        );
        set(
            &out,
            "total",
            JsValue::from_str(&format!(
                "of {}",
                time_text(duration()).trim_start_matches("t = ")
            )),
        );
        set(&out, "scene", JsValue::from_f64(f.scene as f64));
        set(&out, "sceneName", JsValue::from_str(SCENES[f.scene].name));
        set(&out, "sceneCount", JsValue::from_f64(SCENES.len() as f64));
        set(&out, "spoken", JsValue::from_str(&describe(&f)));
        set(&out, "playing", JsValue::from_bool(self.player.playing()));
        let marks: Vec<&str> = player::marks(&f).into_iter().map(|m| m.key()).collect();
        set(&out, "marks", JsValue::from_str(&marks.join(" ")));
        set(
            &out,
            "scaleNote",
            JsValue::from_str(&player::scale_note(f.scene)),
        );
        out.into()
    }

    /// The stage's height in CSS pixels for a stage `css_width` wide at
    /// the chosen zoom (the zoom makes the drawing taller, never wider).
    #[wasm_bindgen(js_name = stageHeight)]
    pub fn stage_height(&self, css_width: f64) -> f64 {
        player::stage_height(css_width, ZOOMS[self.zoom].0)
    }

    /// A sentence for beside the zoom menu when a stage `css_width` wide
    /// cannot show the chosen zoom in full (on a phone), else "".
    #[wasm_bindgen(js_name = zoomNote)]
    pub fn zoom_note(&self, css_width: f64) -> String {
        let asked = ZOOMS[self.zoom].0;
        let z = player::effective_zoom(css_width, asked);
        if z + 1e-9 >= asked {
            String::new()
        } else {
            format!(
                "This screen is too narrow to show the whole drawing at {}, so it is shown at {}×; pinch to zoom the page for more.",
                ZOOMS[self.zoom].1,
                fixed(z, 1)
            )
        }
    }

    /// Draw the current frame on `canvas` (backing store already sized to
    /// its CSS box times the device pixel ratio) and return the simplex
    /// panel's box in CSS pixels from the canvas's top left, as
    /// `[x, y, width, height]`.
    pub fn draw(&self, canvas: HtmlCanvasElement) -> Result<Vec<f64>, JsError> {
        let css_width = f64::from(canvas.width()) / self.scale;
        let area = canvas::area(canvas)?;
        let zoom = player::effective_zoom(css_width, ZOOMS[self.zoom].0);
        let drawn = player::draw(
            &area,
            &frame(self.player.time()),
            self.scale * zoom,
            self.theme,
        )
        .map_err(js_error)?;
        let r = drawn.layout.simplex;
        Ok([r.x, r.y, r.w, r.h]
            .iter()
            .map(|v| v / self.scale)
            .collect())
    }
}
