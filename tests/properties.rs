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

/// How many significant digits and decimals `text` shows, for a number
/// written by the page (`-0.9857`, `1.23457e6`, `0.00125`); the exponent
/// form has no decimals in this sense, only significant digits.
fn digits_shown(text: &str) -> (usize, usize) {
    let body = text.trim_start_matches(['-', '−']);
    let mantissa = body.split('e').next().unwrap_or(body);
    let decimals = if body.contains('e') {
        0
    } else {
        mantissa.split_once('.').map_or(0, |(_, d)| d.len())
    };
    let significant = mantissa
        .chars()
        .filter(char::is_ascii_digit)
        .skip_while(|&c| c == '0')
        .count();
    (significant, decimals)
}

/// The rule of `format::field`: at most 6 significant digits, and at most
/// 4 decimals unless the number is small enough to need them for its 3
/// significant digits.
fn readable(text: &str) -> bool {
    let (significant, decimals) = digits_shown(text);
    significant <= 6 && (decimals <= 4 || significant <= 3)
}

/// Half a unit of the last digit `text` shows.
fn half_unit(text: &str) -> f64 {
    let (mantissa, power) = match text.split_once('e') {
        Some((m, p)) => (m, p.parse::<i32>().unwrap()),
        None => (text, 0),
    };
    let decimals = mantissa.split_once('.').map_or(0, |(_, d)| d.len()) as i32;
    // Parsed rather than `0.5 * 10f64.powi(..)`: for subnormals `powi`
    // computes 1 / 10^322, which overflows to 0 and leaves no slack at all.
    format!("5e{}", power - decimals - 1).parse().unwrap()
}

proptest! {
    /// What the page writes into a field (and the read-outs' numbers) reads
    /// back, through the parser a person's typing goes through, to a value
    /// within half a unit of the last digit shown; it never shows more
    /// digits than the rule allows, and never NaN.
    #[test]
    fn field_text_is_readable_and_reads_back_within_its_precision(
        v in prop_oneof![
            any::<u64>().prop_map(f64::from_bits),
            -1e6f64..1e6,
            -10.0f64..10.0,
            -0.01f64..0.01,
        ],
    ) {
        prop_assume!(!v.is_nan());
        let text = softmax_lesson::format::field(v);
        prop_assert!(!text.contains("NaN"), "{}", text);
        let back = softmax_lesson::input::parse_logit(&text).unwrap();
        if v.is_infinite() {
            prop_assert_eq!(back, v);
        } else {
            prop_assert!(readable(&text), "{:e} is shown as {}", v, text);
            prop_assert!(text.len() <= 13, "{}", text);
            // Plus half the spacing of the doubles the text is read into.
            let slack = half_unit(&text) * (1.0 + 1e-9) + f64::EPSILON * v.abs() + 5e-324;
            prop_assert!((back - v).abs() <= slack, "{:e} shown as {} reads back as {:e}", v, text, back);
        }
        let pretty = softmax_lesson::format::readable(v);
        prop_assert_eq!(softmax_lesson::input::parse_logit(&pretty).unwrap().to_bits(), back.to_bits());
    }

    /// A value the page computes is snapped to exactly what its field
    /// shows: the text reads back to the very same double, snapping again
    /// changes nothing, and it moves the value by at most half of the last
    /// digit shown.
    #[test]
    fn snapped_values_are_exactly_what_is_shown(v in prop_oneof![-1e6f64..1e6, -10.0f64..10.0, -1e-3f64..1e-3]) {
        use softmax_lesson::format::{field, snap};
        let s = snap(v);
        let text = field(s);
        prop_assert!(readable(&text), "{}", text);
        prop_assert_eq!(text.parse::<f64>().unwrap().to_bits(), s.to_bits(), "{}", text);
        prop_assert_eq!(snap(s).to_bits(), s.to_bits());
        prop_assert!(digits_shown(&text).1 <= 4, "{}", text);
        prop_assert!((s - v).abs() <= half_unit(&text).max(0.5e-4) * (1.0 + 1e-9), "{} -> {}", v, text);
    }

    /// The read-outs' numbers keep to 6 significant digits (or 4 decimals
    /// below 10) and never show NaN for a number.
    #[test]
    fn read_out_numbers_are_readable(v in prop_oneof![any::<u64>().prop_map(f64::from_bits), -1e7f64..1e7]) {
        prop_assume!(v.is_finite());
        let text = softmax_lesson::format::decimals(v, 4);
        let (significant, decimals) = digits_shown(&text);
        prop_assert!(decimals <= 4 && (significant <= 6 || v.abs() < 10.0), "{:e}: {}", v, text);
        prop_assert!(!text.contains("NaN"));
    }
}

/// The subnormal that CI's proptest run found: half a unit of its last
/// shown digit must be a real, non-zero slack, and the value reads back
/// within it.
#[test]
fn a_subnormal_field_reads_back_within_half_its_last_digit() {
    let v = 7.336051e-317;
    let text = softmax_lesson::format::field(v);
    let slack = half_unit(&text);
    assert!(slack > 0.0, "{text}");
    let back = softmax_lesson::input::parse_logit(&text).unwrap();
    assert!(
        (back - v).abs() <= slack + 5e-324,
        "{v:e} shown as {text} reads back as {back:e}"
    );
}
