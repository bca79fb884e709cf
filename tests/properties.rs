//! Properties every softmax must have, checked on random inputs.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use softmax_lesson::{jacobian, jvp, logsumexp, softmax, softmax_with_temperature};

fn logits() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-50.0f64..50.0, 1..12)
}

fn temperature() -> impl Strategy<Value = f64> {
    (-2.0f64..2.0).prop_map(|e| 10f64.powf(e))
}

proptest! {
    #[test]
    fn outputs_are_probabilities_summing_to_one(x in logits(), t in temperature()) {
        let p = softmax_with_temperature(&x, t).unwrap();
        for v in &p {
            prop_assert!((0.0..=1.0).contains(v));
        }
        // Each output is within a few ulps; the sum of n of them within n ulps of 1.
        let sum: f64 = p.iter().sum();
        prop_assert!((sum - 1.0).abs() <= 4.0 * x.len() as f64 * f64::EPSILON);
    }

    #[test]
    fn shifting_all_logits_leaves_the_probabilities_unchanged(
        x in logits(), c in -1e3f64..1e3,
    ) {
        let shifted: Vec<f64> = x.iter().map(|v| v + c).collect();
        // x + c is rounded, so compare with a tolerance scaled to |c|.
        let p = softmax(&x);
        let q = softmax(&shifted);
        let tolerance = 1e-12 * (1.0 + c.abs());
        for (a, b) in p.iter().zip(&q) {
            prop_assert!((a - b).abs() <= tolerance, "{a} vs {b}");
        }
    }

    #[test]
    fn every_positive_temperature_keeps_the_argmax(x in logits(), t in temperature()) {
        let p = softmax_with_temperature(&x, t).unwrap();
        let argmax_x = x.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)).unwrap().0;
        let top = p.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        prop_assert_eq!(p[argmax_x], top);
    }

    #[test]
    fn two_class_softmax_is_the_sigmoid_of_the_difference(a in -30.0f64..30.0, b in -30.0f64..30.0) {
        let p = softmax(&[a, b]);
        let sigmoid = 1.0 / (1.0 + (b - a).exp());
        prop_assert!((p[0] - sigmoid).abs() <= 4.0 * f64::EPSILON);
    }

    #[test]
    fn logsumexp_lies_between_the_max_and_max_plus_log_n(x in logits()) {
        let m = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let lse = logsumexp(&x);
        prop_assert!(m <= lse && lse <= m + (x.len() as f64).ln() + 1e-12);
    }

    #[test]
    fn the_jacobian_matches_central_finite_differences(
        x in prop::collection::vec(-5.0f64..5.0, 2..6), t in 0.3f64..3.0,
    ) {
        let n = x.len();
        let j = jacobian(&x, t).unwrap();
        let h = 1e-6;
        for col in 0..n {
            let mut up = x.clone();
            let mut down = x.clone();
            up[col] += h;
            down[col] -= h;
            let pu = softmax_with_temperature(&up, t).unwrap();
            let pd = softmax_with_temperature(&down, t).unwrap();
            for row in 0..n {
                let fd = (pu[row] - pd[row]) / (2.0 * h);
                prop_assert!((j[row * n + col] - fd).abs() < 1e-7, "J[{row},{col}]");
            }
        }
    }

    #[test]
    fn every_jacobian_row_sums_to_zero(x in logits(), t in temperature()) {
        let n = x.len();
        let j = jacobian(&x, t).unwrap();
        for row in j.chunks(n) {
            let scale: f64 = row.iter().map(|v| v.abs()).sum::<f64>().max(f64::MIN_POSITIVE);
            prop_assert!(row.iter().sum::<f64>().abs() <= 8.0 * n as f64 * f64::EPSILON * scale);
        }
    }

    #[test]
    fn jvp_equals_the_jacobian_times_the_vector(
        x in logits(), t in temperature(), seed in prop::collection::vec(-3.0f64..3.0, 12),
    ) {
        let n = x.len();
        let v = &seed[..n];
        let j = jacobian(&x, t).unwrap();
        let fast = jvp(&x, t, v).unwrap();
        for i in 0..n {
            let slow: f64 = (0..n).map(|k| j[i * n + k] * v[k]).sum();
            let scale: f64 = (0..n).map(|k| (j[i * n + k] * v[k]).abs()).sum::<f64>();
            prop_assert!((fast[i] - slow).abs() <= 1e-12 * (scale + 1e-300), "entry {i}");
        }
    }
}

proptest! {
    /// What the page writes back into a field is read back by the same
    /// parser a person's typing goes through, to the very same double, and
    /// stays short.
    #[test]
    fn field_text_reads_back_to_the_same_double(bits in any::<u64>()) {
        let v = f64::from_bits(bits);
        prop_assume!(v.is_finite());
        let text = softmax_lesson::explorer::format::field(v);
        prop_assert!(text.len() <= 25, "{}", text);
        let back = softmax_lesson::input::parse_number(&text).unwrap();
        prop_assert_eq!(back.to_bits(), if v == 0.0 { 0 } else { v.to_bits() }, "{}", text);
    }
}
