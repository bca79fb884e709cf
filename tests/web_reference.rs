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
