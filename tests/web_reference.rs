//! The reference vectors in the browser (wasm32, headless Chromium): every
//! output within 0.501 ULP, and the FNV-1a digest of all output bits equal to
//! the committed one that the native test (`tests/reference.rs`) also checks,
//! which proves the wasm build gives the same bits as x86_64.
//!
//! Run by the xtask: `cargo test --target wasm32-unknown-unknown --test web_reference`.
#![cfg(target_arch = "wasm32")]

#[path = "reference/harness.rs"]
mod harness;

use harness::{digest, errors, parse, run_core, EXPECTED_DIGEST, VECTORS};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn every_reference_output_is_correctly_rounded_in_the_browser() {
    let cases = parse(VECTORS);
    let mut failures = Vec::new();
    for (k, case) in cases.iter().enumerate() {
        let (max, _, _) = errors(&run_core(case), case);
        if max > 0.501 {
            failures.push(format!(
                "case {k} ({} {}): {max} ULP",
                case.class, case.func
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[wasm_bindgen_test]
fn the_browser_computes_the_same_bits_as_native() {
    let cases = parse(VECTORS);
    let d = digest(&cases);
    assert_eq!(d, EXPECTED_DIGEST, "digest is {d:#018x}");
}

/// The page's budget: softmax of a 50 000-entry vector (a language model's
/// vocabulary) well under one 16 ms frame. Prints milliseconds per call for
/// the exact core and the naive baseline (`cargo xtask bench` collects the
/// line; meaningful with `--release`).
#[wasm_bindgen_test]
fn softmax_of_fifty_thousand_logits_fits_in_a_frame() {
    let n = 50_000;
    let x: Vec<f64> = (0..n)
        .map(|i| ((i as f64) * 0.618_033_988_749_895).fract() * 12.0 - 6.0)
        .collect();
    let time = |f: &dyn Fn() -> f64| {
        let _ = f(); // warm up
        let mut reps = 0u32;
        let start = js_sys::Date::now();
        let mut sink = 0.0;
        while reps < 5 || js_sys::Date::now() - start < 500.0 {
            sink += f();
            reps += 1;
        }
        assert!(sink.is_finite());
        (js_sys::Date::now() - start) / f64::from(reps)
    };
    let exact = time(&|| softmax_lesson::softmax(&x)[0]);
    let naive = time(&|| softmax_lesson::math::naive::softmax(&x)[0]);
    console_log!(
        "wasm softmax n = 50000: exact {exact:.2} ms per call, naive {naive:.2} ms per call"
    );
    if cfg!(not(debug_assertions)) {
        assert!(exact < 16.0, "exact softmax took {exact} ms");
    }
}
