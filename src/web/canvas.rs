//! Drawing onto page canvases with plotters-canvas.

use super::js_error;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsError;
use web_sys::HtmlCanvasElement;

/// A plotters drawing area over `canvas` (whose backing store the page has
/// already sized to CSS size x devicePixelRatio).
pub fn area(canvas: HtmlCanvasElement) -> Result<DrawingArea<CanvasBackend, Shift>, JsError> {
    CanvasBackend::with_canvas_object(canvas)
        .map(|backend| backend.into_drawing_area())
        .ok_or_else(|| js_error("this canvas has no 2D context"))
}
