//! The calibration lab's promises: fitting T recovers a known temperature,
//! the ECE matches hand-computed cases, and fitting lowers the error.

use softmax_lesson::labs::calibration::dataset::{Recipe, ValidationSet};
use softmax_lesson::labs::calibration::fit::fit_temperature;
use softmax_lesson::labs::calibration::metrics::{nll, Reliability};
use softmax_lesson::labs::calibration::CalibrationLab;

#[test]
fn fitting_recovers_the_true_temperature_within_two_percent() {
    for (seed, true_t) in [(1, 2.5), (2, 1.6), (3, 0.6)] {
        let set = ValidationSet::generate(&Recipe {
            seed,
            examples: 20_000,
            true_temperature: true_t,
            ..Recipe::PRESET
        });
        let fit = fit_temperature(&set).unwrap();
        let error = (fit.temperature - true_t).abs() / true_t;
        eprintln!("true T = {true_t}: fitted {:.4}", fit.temperature);
        assert!(
            error < 0.02,
            "true T = {true_t}, fitted {} ({:.2} % off)",
            fit.temperature,
            100.0 * error
        );
    }
}

#[test]
fn the_fitted_temperature_has_the_lowest_nll() {
    let set = ValidationSet::generate(&Recipe::PRESET);
    let fit = fit_temperature(&set).unwrap();
    for factor in [0.9, 0.99, 1.01, 1.1] {
        assert!(nll(&set, fit.temperature * factor) > fit.nll);
    }
    assert!((nll(&set, fit.temperature) - fit.nll).abs() < 1e-12);
}

#[test]
fn ece_of_perfectly_calibrated_bins_is_zero() {
    // Bin 0.7-0.8: four predictions at 0.75, three right.
    let predictions = [(0.75, true), (0.75, true), (0.75, true), (0.75, false)];
    let r = Reliability::from_predictions(&predictions);
    assert_eq!(r.bins[7].count, 4);
    assert!(r.ece().abs() < 1e-15);
}

#[test]
fn ece_matches_a_hand_computed_example() {
    // Bin 0.9-1.0: confidences 0.9 and 1.0, one right: acc 0.5, conf 0.95,
    // gap 0.45, weight 2/5. Bin 0.6-0.7: 0.6, 0.6, 0.66, all right: acc 1,
    // conf 0.62, gap 0.38, weight 3/5.
    // ECE = 0.4 * 0.45 + 0.6 * 0.38 = 0.18 + 0.228 = 0.408.
    let predictions = [
        (0.9, true),
        (1.0, false),
        (0.6, true),
        (0.6, true),
        (0.66, true),
    ];
    let r = Reliability::from_predictions(&predictions);
    assert_eq!(r.bins[9].count, 2);
    assert_eq!(r.bins[6].count, 3);
    assert!((r.bins[6].confidence - 0.62).abs() < 1e-12);
    assert!((r.ece() - 0.408).abs() < 1e-12, "{}", r.ece());
    assert!((r.accuracy() - 0.8).abs() < 1e-12);
}

#[test]
fn ece_of_an_always_wrong_sure_classifier_is_its_confidence() {
    let predictions = [(0.95, false); 8];
    assert!((Reliability::from_predictions(&predictions).ece() - 0.95).abs() < 1e-12);
    assert_eq!(Reliability::from_predictions(&[]).ece(), 0.0);
    // Out-of-range confidences are ignored, not binned.
    let odd = Reliability::from_predictions(&[(f64::NAN, true), (1.5, true), (-0.1, false)]);
    assert_eq!(odd.total, 0);
}

#[test]
fn fitting_t_lowers_the_calibration_error() {
    let mut lab = CalibrationLab::default();
    let (before, _) = lab.reliability();
    let (nll_before, _) = lab.nll();
    let fit = lab.fit().unwrap();
    let (_, after) = lab.reliability();
    let (_, nll_after) = lab.nll();
    assert!(
        fit.temperature > 1.5,
        "the preset is over-confident: {fit:?}"
    );
    assert!(
        after.ece() < before.ece() / 2.0,
        "{} -> {}",
        before.ece(),
        after.ece()
    );
    assert!(nll_after < nll_before);
    // Temperature never changes which class is predicted.
    assert!((after.accuracy() - before.accuracy()).abs() < 1e-12);
}

#[test]
fn the_preset_classifier_is_over_confident() {
    let lab = CalibrationLab::default();
    let (before, _) = lab.reliability();
    let mean_confidence: f64 = before
        .bins
        .iter()
        .map(|b| b.confidence * b.count as f64)
        .sum::<f64>()
        / before.total as f64;
    assert!(mean_confidence > before.accuracy() + 0.1);
}

/// The preset's scores as the page must show them. The end-to-end test
/// `lab-calibration.test.mjs` reads the same strings from the wasm build, so
/// the two together check that native and wasm agree on the seeded data.
pub const PRESET_SHOWN: [(&str, &str); 5] = [
    ("nll_before", "1.296"),
    ("ece_before", "19.2 %"),
    ("nll_after_fit", "0.977"),
    ("ece_after_fit", "7.0 %"),
    ("fitted", "2.511"),
];

#[test]
fn the_preset_shows_the_same_scores_as_the_page() {
    let mut lab = CalibrationLab::default();
    let before = lab.readout();
    lab.fit().unwrap();
    let after = lab.readout();
    let shown = [
        ("nll_before", before.nll_before),
        ("ece_before", before.ece_before),
        ("nll_after_fit", after.nll_now),
        ("ece_after_fit", after.ece_now),
        ("fitted", after.fitted),
    ];
    for ((name, expected), (_, got)) in PRESET_SHOWN.iter().zip(shown) {
        assert_eq!(&got, expected, "{name}");
    }
}

#[test]
fn the_spoken_summary_compares_only_when_there_is_something_to_compare() {
    let mut lab = CalibrationLab::default();
    let before = lab.readout().spoken;
    assert_eq!(before.matches("T = 1").count(), 1, "{before}");
    lab.fit().unwrap();
    let after = lab.readout().spoken;
    assert!(after.contains("at T = 1, as trained"), "{after}");
    assert_eq!(after.matches("T = ").count(), 2, "{after}");
}
