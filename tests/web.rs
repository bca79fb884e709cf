//! The JavaScript boundary and canvas drawing, in headless Chromium
//! (`cargo xtask test --layer wasm`).
#![cfg(target_arch = "wasm32")]

use softmax_lesson::charts::Theme;
use softmax_lesson::simplex::Triangle;
use softmax_lesson::web::{self, ExplorerView};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Bit patterns of results computed natively on x86_64 for the same inputs
/// (see `expected_bits_are_the_native_results` in tests/api.rs).
fn expected_softmax_2_1_0() -> [u64; 3] {
    let p = softmax_lesson::softmax(&[2.0, 1.0, 0.0]);
    [p[0].to_bits(), p[1].to_bits(), p[2].to_bits()]
}

#[wasm_bindgen_test]
fn exported_functions_match_the_core() {
    let x = [1000.0, 1001.0, 999.0];
    assert_eq!(web::softmax(&x), softmax_lesson::softmax(&x));
    assert_eq!(web::log_softmax(&x), softmax_lesson::log_softmax(&x));
    assert_eq!(
        web::logsumexp(&x).to_bits(),
        softmax_lesson::logsumexp(&x).to_bits()
    );
    let p = web::softmax(&[2.0, 1.0, 0.0]);
    let bits: Vec<u64> = p.iter().map(|v| v.to_bits()).collect();
    assert_eq!(bits, expected_softmax_2_1_0());
    assert!((p[0] - 0.665).abs() < 5e-4);
    let j = web::jacobian(&[2.0, 1.0, 0.0], 1.0).unwrap_or_default();
    assert_eq!(j, softmax_lesson::jacobian(&[2.0, 1.0, 0.0], 1.0).unwrap());
    let v = web::jvp(&[2.0, 1.0, 0.0], 2.0, &[1.0, 0.0, -1.0]).unwrap_or_default();
    assert_eq!(
        v,
        softmax_lesson::jvp(&[2.0, 1.0, 0.0], 2.0, &[1.0, 0.0, -1.0]).unwrap()
    );
}

#[wasm_bindgen_test]
fn the_native_results_are_reproduced_bit_for_bit() {
    // Written down from a native x86_64 run: softmax(2, 1, 0).
    let native: [u64; 3] = [
        0x3fe5_49a7_66a0_6791,
        0x3fcf_5343_35ca_4bcf,
        0x3fb7_0c3e_5f68_2bda,
    ];
    let p = web::softmax(&[2.0, 1.0, 0.0]);
    let bits: Vec<u64> = p.iter().map(|v| v.to_bits()).collect();
    assert_eq!(bits, native.to_vec());
}

#[wasm_bindgen_test]
fn a_bad_temperature_is_thrown_as_a_js_error_with_the_message() {
    let thrown = web::softmax_with_temperature(&[1.0, 2.0], -1.0).err();
    let value: JsValue = thrown.map(JsValue::from).unwrap_or(JsValue::NULL);
    let error: js_sys::Error = value.dyn_into().expect("a JS Error");
    let message: String = error.message().into();
    assert!(message.contains("temperature"), "{message}");
    let thrown = web::jvp(&[1.0, 2.0], 1.0, &[1.0]).err();
    let error: js_sys::Error = thrown
        .map(JsValue::from)
        .unwrap_or(JsValue::NULL)
        .dyn_into()
        .expect("a JS Error");
    assert!(String::from(error.message()).contains("expected 2"));
}

fn canvas(width: u32, height: u32) -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    canvas.set_width(width);
    canvas.set_height(height);
    canvas
}

fn pixel(canvas: &HtmlCanvasElement, x: f64, y: f64) -> [u8; 4] {
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let data = context
        .get_image_data(x.round(), y.round(), 1.0, 1.0)
        .unwrap()
        .data();
    [data[0], data[1], data[2], data[3]]
}

#[wasm_bindgen_test]
fn drawing_the_simplex_paints_the_point_where_it_belongs() {
    let (w, h) = (400, 360);
    let target = canvas(w, h);
    let mut view = ExplorerView::new();
    view.load_fragment("#logits=2,1,0&T=1").unwrap();
    view.draw_simplex(target.clone()).unwrap();
    let tri = Triangle::fit(w as f64, h as f64, 34.0);
    let p = softmax_lesson::softmax(&[2.0, 1.0, 0.0]);
    let at = tri.point(&p);
    let accent = Theme::LIGHT.accent;
    let [r, g, b, a] = pixel(&target, at.x, at.y);
    assert_eq!((r, g, b, a), (accent.0, accent.1, accent.2, 255));
    // Far from the point, inside the triangle, is the faint fill, not the accent.
    let elsewhere = tri.point(&[0.05, 0.05, 0.9]);
    let [r, g, b, _] = pixel(&target, elsewhere.x, elsewhere.y);
    assert_ne!((r, g, b), (accent.0, accent.1, accent.2));
}

#[wasm_bindgen_test]
fn dragging_on_the_canvas_moves_the_point_under_the_pointer() {
    let (w, h) = (300, 270);
    let target = canvas(w, h);
    let mut view = ExplorerView::new();
    view.draw_simplex(target.clone()).unwrap();
    let tri = Triangle::fit(w as f64, h as f64, 34.0);
    let goal = tri.point(&[0.2, 0.2, 0.6]);
    view.drag_simplex(goal.x, goal.y).unwrap();
    view.draw_simplex(target.clone()).unwrap();
    let accent = Theme::LIGHT.accent;
    let [r, g, b, _] = pixel(&target, goal.x, goal.y);
    assert_eq!((r, g, b), (accent.0, accent.1, accent.2));
    assert!(view.fragment().starts_with("logits="));
}
