//! The labs in headless Chromium (`cargo xtask test --layer wasm`): the
//! seeded vectors give the very bits they give natively, and f16/bf16
//! rounding agrees with the native tests.
#![cfg(target_arch = "wasm32")]

use softmax_lesson::labs::attention::AttentionLab;
use softmax_lesson::labs::formats::Format;
use softmax_lesson::labs::seeded::mix;
use softmax_lesson::web::{AttentionView, StabilityView};
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
