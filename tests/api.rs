//! The public API against the source page's worked examples and the special
//! values of ARCHITECTURE.md.

use softmax_lesson::{
    jacobian, jvp, log_softmax, logsumexp, softmax, softmax_with_temperature, Error,
};

const INF: f64 = f64::INFINITY;

fn assert_close(actual: &[f64], expected: &[f64], tolerance: f64) {
    assert_eq!(actual.len(), expected.len());
    for (a, e) in actual.iter().zip(expected) {
        assert!((a - e).abs() <= tolerance, "{actual:?} vs {expected:?}");
    }
}

#[test]
fn softmax_of_2_1_0_is_0_665_0_245_0_090() {
    assert_close(&softmax(&[2.0, 1.0, 0.0]), &[0.665, 0.245, 0.090], 5e-4);
}

#[test]
fn huge_logits_1000_1001_999_do_not_overflow() {
    assert_close(
        &softmax(&[1000.0, 1001.0, 999.0]),
        &[0.2447, 0.6652, 0.0900],
        5e-5,
    );
}

#[test]
fn temperature_2_1_and_half_sharpen_the_same_logits() {
    let x = [2.0, 1.0, 0.0];
    let hot = softmax_with_temperature(&x, 2.0).unwrap();
    let one = softmax_with_temperature(&x, 1.0).unwrap();
    let cold = softmax_with_temperature(&x, 0.5).unwrap();
    assert_close(&hot, &[0.506, 0.307, 0.186], 5e-4);
    assert_close(&one, &[0.665, 0.245, 0.090], 5e-4);
    assert_close(&cold, &[0.867, 0.117, 0.016], 5e-4);
    assert!(hot[0] < one[0] && one[0] < cold[0]);
}

#[test]
fn practice_problem_3_1_minus_1_matches_the_source() {
    let x = [3.0, 1.0, -1.0];
    assert_close(
        &softmax_with_temperature(&x, 1.0).unwrap(),
        &[0.867, 0.117, 0.016],
        5e-4,
    );
    assert_close(
        &softmax_with_temperature(&x, 2.0).unwrap(),
        &[0.665, 0.245, 0.090],
        5e-4,
    );
}

#[test]
fn empty_input_gives_empty_output_and_lse_minus_infinity() {
    assert!(softmax(&[]).is_empty());
    assert!(log_softmax(&[]).is_empty());
    assert_eq!(logsumexp(&[]), -INF);
    assert!(jacobian(&[], 1.0).unwrap().is_empty());
    assert!(jvp(&[], 1.0, &[]).unwrap().is_empty());
}

#[test]
fn any_nan_makes_every_output_nan() {
    let x = [1.0, f64::NAN, INF];
    assert!(softmax(&x).iter().all(|v| v.is_nan()));
    assert!(log_softmax(&x).iter().all(|v| v.is_nan()));
    assert!(logsumexp(&x).is_nan());
    assert!(jacobian(&x, 1.0).unwrap().iter().all(|v| v.is_nan()));
    assert!(jvp(&x, 1.0, &[1.0, 0.0, 0.0])
        .unwrap()
        .iter()
        .all(|v| v.is_nan()));
    for t in [0.0, 2.0, INF] {
        assert!(softmax_with_temperature(&x, t)
            .unwrap()
            .iter()
            .all(|v| v.is_nan()));
    }
}

#[test]
fn a_fully_masked_row_gives_zeros_not_nan() {
    let x = [-INF; 4];
    assert_eq!(softmax(&x), vec![0.0; 4]);
    assert_eq!(log_softmax(&x), vec![-INF; 4]);
    assert_eq!(logsumexp(&x), -INF);
    assert_eq!(jacobian(&x, 1.0).unwrap(), vec![0.0; 16]);
    assert_eq!(jvp(&x, 1.0, &[1.0; 4]).unwrap(), vec![0.0; 4]);
    for t in [0.0, 0.5, INF] {
        assert_eq!(softmax_with_temperature(&x, t).unwrap(), vec![0.0; 4]);
    }
}

#[test]
fn positive_infinite_logits_share_the_mass() {
    let x = [INF, 0.0, INF, -INF];
    assert_eq!(softmax(&x), vec![0.5, 0.0, 0.5, 0.0]);
    let ln2 = -(2f64.ln());
    assert_eq!(log_softmax(&x), vec![ln2, -INF, ln2, -INF]);
    assert_eq!(logsumexp(&x), INF);
    assert_eq!(jacobian(&x, 1.0).unwrap(), vec![0.0; 16]);
    for t in [0.0, 3.0, INF] {
        assert_eq!(
            softmax_with_temperature(&x, t).unwrap(),
            vec![0.5, 0.0, 0.5, 0.0]
        );
    }
}

#[test]
fn finite_logits_never_overflow_however_large() {
    let x = [1e308, -1e308];
    assert_eq!(softmax(&x), vec![1.0, 0.0]);
    assert_eq!(log_softmax(&x)[0], 0.0);
    assert!(log_softmax(&x)[1].is_finite() || log_softmax(&x)[1] == -INF);
    assert_eq!(logsumexp(&x), 1e308);
    let p = softmax(&[f64::MAX, f64::MAX]);
    assert_eq!(p, vec![0.5, 0.5]);
    assert!(logsumexp(&[f64::MAX, f64::MAX]).is_finite());
    let tiny_t = softmax_with_temperature(&[1.0, 0.0], 1e-300).unwrap();
    assert_eq!(tiny_t, vec![1.0, 0.0]);
}

#[test]
fn temperature_zero_is_argmax_with_ties_split() {
    assert_eq!(
        softmax_with_temperature(&[1.0, 3.0, 3.0, -INF], 0.0).unwrap(),
        vec![0.0, 0.5, 0.5, 0.0]
    );
    assert_eq!(jacobian(&[1.0, 3.0], 0.0).unwrap(), vec![0.0; 4]);
    assert_eq!(jvp(&[1.0, 3.0], 0.0, &[1.0, 2.0]).unwrap(), vec![0.0; 2]);
}

#[test]
fn jacobian_at_zero_temperature_with_tied_maxima_is_the_signed_infinite_limit() {
    // (2, 2, 0): classes 1 and 2 tie; as T -> 0 their block grows like 1/(4T).
    let j0 = jacobian(&[2.0, 2.0, 0.0], 0.0).unwrap();
    assert_eq!(j0, vec![INF, -INF, 0.0, -INF, INF, 0.0, 0.0, 0.0, 0.0]);
    // The finite-T matrix approaches it: same signs, magnitudes near 1/(4T).
    for t in [1e-3, 1e-30, 1e-300] {
        let j = jacobian(&[2.0, 2.0, 0.0], t).unwrap();
        for (limit, entry) in j0.iter().zip(&j) {
            if limit.is_infinite() {
                assert_eq!(limit.signum(), entry.signum(), "T = {t}");
                assert!(
                    (entry.abs() * 4.0 * t - 1.0).abs() < 1e-6,
                    "T = {t}: {entry}"
                );
            } else {
                assert!(entry.abs() * t < 1e-12, "T = {t}: {entry}");
            }
        }
    }
    // A unique maximum still gives 0, and so does a tie below the maximum.
    assert_eq!(jacobian(&[3.0, 1.0, 1.0], 0.0).unwrap(), vec![0.0; 9]);
}

#[test]
fn jvp_at_zero_temperature_with_tied_maxima_follows_the_tangent_against_the_block_mean() {
    let x = [5.0, -1.0, 5.0, 5.0];
    // Block {0, 2, 3}, tangent mean over it (1 + 4 + 1) / 3 = 2.
    assert_eq!(
        jvp(&x, 0.0, &[1.0, 9.0, 4.0, 1.0]).unwrap(),
        vec![-INF, 0.0, INF, -INF]
    );
    // Exactly at the mean: 0, decided exactly even when the values cancel
    // only in their last bits or span the whole range.
    assert_eq!(
        jvp(&x, 0.0, &[2.0, 0.0, 3.0, 1.0]).unwrap(),
        vec![0.0, 0.0, INF, -INF]
    );
    let v = [1e300, 7.0, -1e300, 1e-300];
    // The mean is 1e-300 / 3, so the last entry lies above it.
    assert_eq!(jvp(&x, 0.0, &v).unwrap(), vec![INF, 0.0, -INF, INF]);
    let tiny = [5e-324, 0.0, 0.0, 0.0];
    assert_eq!(jvp(&x, 0.0, &tiny).unwrap(), vec![INF, 0.0, -INF, -INF]);
    let huge = [f64::MAX, 0.0, f64::MAX, -f64::MAX];
    assert_eq!(jvp(&x, 0.0, &huge).unwrap(), vec![INF, 0.0, INF, -INF]);
    // The same signs as a small positive temperature.
    let near = jvp(&x, 1e-200, &[1.0, 9.0, 4.0, 1.0]).unwrap();
    for i in [0, 2, 3] {
        assert_eq!(
            near[i].signum(),
            jvp(&x, 0.0, &[1.0, 9.0, 4.0, 1.0]).unwrap()[i].signum()
        );
    }
    assert!(near[1].abs() < 1e-100);
    // The f32 entry points agree.
    assert_eq!(
        softmax_lesson::math::jacobian_f32(&[2.0, 2.0], 0.0).unwrap(),
        vec![
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NEG_INFINITY,
            f32::INFINITY
        ]
    );
}

#[test]
fn infinite_temperature_is_uniform_over_unmasked_entries() {
    assert_eq!(
        softmax_with_temperature(&[1.0, -INF, 7.0, 2.0], INF).unwrap(),
        vec![1.0 / 3.0, 0.0, 1.0 / 3.0, 1.0 / 3.0]
    );
    assert_eq!(jacobian(&[1.0, 2.0], INF).unwrap(), vec![0.0; 4]);
}

#[test]
fn negative_or_nan_temperature_is_an_error_with_a_message() {
    for t in [-1.0, -0.001, f64::NAN, -INF] {
        let error = softmax_with_temperature(&[1.0, 2.0], t).unwrap_err();
        assert!(matches!(error, Error::InvalidTemperature(_)));
        assert!(error.to_string().contains("temperature"));
        assert!(jacobian(&[1.0], t).is_err());
        assert!(jvp(&[1.0], t, &[1.0]).is_err());
    }
}

#[test]
fn a_tangent_of_the_wrong_length_is_an_error() {
    let error = jvp(&[1.0, 2.0, 3.0], 1.0, &[1.0]).unwrap_err();
    assert_eq!(
        error,
        Error::LengthMismatch {
            expected: 3,
            found: 1
        }
    );
    assert!(error.to_string().contains("expected 3"));
}

#[test]
fn the_jacobian_of_2_1_0_is_diag_p_minus_p_p_transpose() {
    let p = softmax(&[2.0, 1.0, 0.0]);
    let j = jacobian(&[2.0, 1.0, 0.0], 1.0).unwrap();
    for i in 0..3 {
        for k in 0..3 {
            let expected = if i == k {
                p[i] - p[i] * p[i]
            } else {
                -p[i] * p[k]
            };
            assert!((j[i * 3 + k] - expected).abs() < 1e-16);
        }
    }
    let halved = jacobian(&[4.0, 2.0, 0.0], 2.0).unwrap();
    for (a, b) in halved.iter().zip(&j) {
        assert!((a - b / 2.0).abs() < 1e-16);
    }
}

#[test]
fn expected_bits_are_the_native_results() {
    // The correctly rounded values (checked against mpmath at 200 bits).
    // The same constants are asserted in the browser (tests/web.rs), which
    // proves native and wasm agree bit for bit on this input.
    let bits: Vec<u64> = softmax(&[2.0, 1.0, 0.0])
        .iter()
        .map(|v| v.to_bits())
        .collect();
    assert_eq!(
        bits,
        vec![
            0x3fe5_49a7_66a0_6791,
            0x3fcf_5343_35ca_4bcf,
            0x3fb7_0c3e_5f68_2bda
        ]
    );
}
