//! The `#[wasm_bindgen]` facade: the only part of the crate that knows about
//! JavaScript. Each export converts its arguments, calls the core, and turns
//! an [`crate::Error`] into a thrown JS `Error` carrying the same message.

mod canvas;
#[cfg(feature = "page-core")]
mod explorer;
#[cfg(feature = "page-extras")]
mod export;
#[cfg(feature = "page-extras")]
mod labs_attention;
#[cfg(feature = "page-extras")]
mod labs_calibration;
#[cfg(feature = "page-extras")]
mod labs_stability;
#[cfg(feature = "page-core")]
mod lesson;
#[cfg(feature = "page-extras")]
mod player;
#[cfg(feature = "page-extras")]
mod practice;

#[cfg(feature = "page-core")]
pub use explorer::ExplorerView;
#[cfg(feature = "page-extras")]
pub use labs_attention::AttentionView;
#[cfg(feature = "page-extras")]
pub use labs_calibration::CalibrationView;
#[cfg(feature = "page-extras")]
pub use labs_stability::StabilityView;
#[cfg(feature = "page-core")]
pub use lesson::{LessonDiagrams, WorkedView};
#[cfg(feature = "page-extras")]
pub use practice::PracticeView;

use wasm_bindgen::prelude::*;

/// A lab view's two link methods, `linkText` and `loadLink` (its settings
/// in the page's link, see [`crate::labs::link`]), for a view that keeps
/// its lab in a field called `lab`.
#[cfg(feature = "page-extras")]
macro_rules! link_methods {
    ($view:ident) => {
        #[wasm_bindgen::prelude::wasm_bindgen]
        impl $view {
            /// The lab's settings for the page's link (`attn-d=64&...`);
            /// empty when all are the defaults.
            #[wasm_bindgen(js_name = linkText)]
            pub fn link_text(&self) -> String {
                crate::labs::link::write(&self.lab)
            }

            /// Take the lab's settings from a link's fragment; returns the
            /// notice to show when they could not be used (empty otherwise).
            #[wasm_bindgen(js_name = loadLink)]
            pub fn load_link(&mut self, fragment: &str) -> String {
                crate::labs::link::load(&mut self.lab, fragment)
            }
        }
    };
}
#[cfg(feature = "page-extras")]
pub(crate) use link_methods;

/// Set a property of a plain JS object built for a read-out.
pub(crate) fn set(target: &js_sys::Object, key: &str, value: JsValue) {
    // Setting a plain property on a fresh object cannot fail.
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), &value);
}

/// A JS array of strings.
pub(crate) fn strings<S: AsRef<str>>(values: impl IntoIterator<Item = S>) -> JsValue {
    values
        .into_iter()
        .map(|v| JsValue::from_str(v.as_ref()))
        .collect::<js_sys::Array>()
        .into()
}

/// The drawing scale for a device pixel ratio reported by the page: the
/// ratio itself, capped at 4, or 1 when it is not a positive number.
pub(crate) fn pixel_ratio(device_pixel_ratio: f64) -> f64 {
    if device_pixel_ratio.is_finite() && device_pixel_ratio > 0.0 {
        device_pixel_ratio.min(4.0)
    } else {
        1.0
    }
}

/// Convert the core's error into a JS `Error` (one conversion point).
pub(crate) fn js_error(error: impl std::fmt::Display) -> JsError {
    JsError::new(&error.to_string())
}

/// Runs once when the module is instantiated: install the panic hook, which
/// logs the panic and shows it in the page's `#fatal-error` banner, so a bug
/// shows a message instead of a dead page.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let shown = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("fatal-error"));
        if let Some(banner) = shown {
            banner.set_text_content(Some(&format!(
                "Something went wrong inside the lesson ({info}). Reload the page to start again."
            )));
            let _ = banner.remove_attribute("hidden");
        }
    }));
}

/// Check that typed text is a usable number; throws the message to show
/// beside the field when it is not.
#[cfg(feature = "page-core")]
#[wasm_bindgen(js_name = checkNumber)]
pub fn check_number(text: &str) -> Result<(), JsError> {
    crate::input::parse_number(text)
        .map(|_| ())
        .map_err(js_error)
}

/// `softmax(x)_i = e^{x_i} / sum_j e^{x_j}`.
#[cfg(feature = "page-core")]
#[wasm_bindgen]
pub fn softmax(logits: &[f64]) -> Vec<f64> {
    crate::softmax(logits)
}

/// `softmax(x / T)`; throws for a negative or NaN temperature.
#[cfg(feature = "page-core")]
#[wasm_bindgen(js_name = softmaxWithTemperature)]
pub fn softmax_with_temperature(logits: &[f64], temperature: f64) -> Result<Vec<f64>, JsError> {
    crate::softmax_with_temperature(logits, temperature).map_err(js_error)
}

/// `log softmax(x)_i = x_i - lse(x)`.
#[cfg(feature = "page-core")]
#[wasm_bindgen(js_name = logSoftmax)]
pub fn log_softmax(logits: &[f64]) -> Vec<f64> {
    crate::log_softmax(logits)
}

/// `lse(x) = log sum_j e^{x_j}`.
#[cfg(feature = "page-core")]
#[wasm_bindgen(js_name = logSumExp)]
pub fn logsumexp(logits: &[f64]) -> f64 {
    crate::logsumexp(logits)
}

/// The row-major Jacobian `(diag(p) - p p^T) / T` of `p = softmax(x / T)`.
#[cfg(feature = "page-core")]
#[wasm_bindgen]
pub fn jacobian(logits: &[f64], temperature: f64) -> Result<Vec<f64>, JsError> {
    crate::jacobian(logits, temperature).map_err(js_error)
}

/// The Jacobian-vector product `J v`; throws when the lengths differ.
#[cfg(feature = "page-core")]
#[wasm_bindgen]
pub fn jvp(logits: &[f64], temperature: f64, tangent: &[f64]) -> Result<Vec<f64>, JsError> {
    crate::jvp(logits, temperature, tangent).map_err(js_error)
}
