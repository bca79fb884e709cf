//! The labs in headless Chromium (`cargo xtask test --layer wasm`): the
//! seeded vectors give the very bits they give natively, and f16/bf16
//! rounding agrees with the native tests.
#![cfg(target_arch = "wasm32")]

use softmax_lesson::labs::attention::AttentionLab;
use softmax_lesson::labs::formats::Format;
use softmax_lesson::labs::seeded::mix;
use softmax_lesson::web::{AttentionView, CalibrationView, StabilityView};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_seeded_scores_are_the_same_bits_as_natively() {
    let mut lab = AttentionLab::default();
    lab.set_d(512).unwrap();
    let fingerprint = lab
        .raw_scores()
        .iter()
        .fold(0u64, |acc, s| mix(acc ^ s.to_bits()));
    // The value `the_seeded_scores_are_the_same_bits_on_every_platform` in
    // tests/labs_attention.rs checks natively.
    assert_eq!(fingerprint, 4790325651783307670);
}

#[wasm_bindgen_test]
fn half_precision_rounds_as_natively() {
    assert_eq!(Format::F16.exp(11.0), 59872.0);
    assert_eq!(Format::F16.exp(12.0), f64::INFINITY);
    assert_eq!(Format::Bf16.round(1001.0), 1000.0);
    assert_eq!(Format::Bf16.round(1.0 / 3.0), 0.333984375);
}

#[wasm_bindgen_test]
fn the_views_refuse_bad_input_with_a_message() {
    let mut stability = StabilityView::new();
    assert!(stability.set_logits("1, abc").is_err());
    assert!(stability.set_format("f8").is_err());
    assert_eq!(stability.logits_text(), "1000, 1001, 999");
    let mut attention = AttentionView::new();
    assert!(attention.set_d("0").is_err());
    assert!(attention.set_d("513").is_err());
    assert!(attention.set_fill("-5").is_err());
    assert!(attention.set_k("x").is_err());
    assert!(attention.set_padded(8, true).is_err());
}

#[wasm_bindgen_test]
fn the_nll_curve_fills_a_few_samples_at_a_time_and_then_stays_complete() {
    let mut view = CalibrationView::new();
    assert!(
        !view.curve_complete(),
        "a new view has computed no sample yet"
    );
    assert!(!view.extend_curve(0));
    let mut calls = 1;
    while !view.extend_curve(6) {
        calls += 1;
        assert!(calls <= 14, "81 samples take 14 calls of 6");
    }
    assert_eq!(calls, 14);
    assert!(view.curve_complete());
    assert!(view.extend_curve(6), "a complete curve stays complete");
    assert!(CalibrationView::new().extend_curve(u32::MAX));
}
