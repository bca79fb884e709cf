//! SVG downloads, in the extras module: the explorer's state travels as its
//! URL fragment and is drawn again by the same code through plotters' SVG
//! backend, so the first view does not carry the SVG renderer.

use super::js_error;
use crate::charts::Theme;
use crate::explorer::views::{self, Look, View};
use crate::explorer::{fragment, Explorer};
use wasm_bindgen::prelude::*;

/// The named explorer view ("simplex", "bars", "curves", "jacobian") of the
/// state in `fragment`, as an SVG document of `width` x `height`.
#[wasm_bindgen(js_name = explorerSvg)]
pub fn explorer_svg(
    fragment_text: &str,
    view: &str,
    width: u32,
    height: u32,
    theme: &str,
    contours: bool,
) -> Result<String, JsError> {
    let state = fragment::parse(fragment_text, &Explorer::default()).map_err(js_error)?;
    let view = View::named(view).map_err(js_error)?;
    let look = Look {
        trail: &[],
        contours,
        bar_range: crate::charts::bars::nice_range(state.logits()),
        selected_bar: None,
        scale: 1.0,
        theme: Theme::named(theme),
    };
    views::svg(&state, view, &look, width, height).map_err(js_error)
}
