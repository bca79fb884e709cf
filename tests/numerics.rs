//! Properties of the correctly rounded core that do not need the reference
//! file: the error-free transformations are exact on adversarial operands,
//! the exact path agrees with the naive baseline wherever the baseline is
//! well-conditioned, exactly shifted logits give bit-identical outputs, and
//! the f32 path rounds once.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use softmax_lesson::math::dd::{fast_two_sum, two_prod, two_sum};
use softmax_lesson::math::{
    log_softmax_f32, logsumexp_f32, naive, softmax_f32, softmax_with_temperature_f32,
};
use softmax_lesson::{jacobian, jvp, log_softmax, logsumexp, softmax, softmax_with_temperature};

/// `x = m * 2^e` exactly, with an integer mantissa.
fn decompose(x: f64) -> (i128, i32) {
    if x == 0.0 {
        return (0, 0);
    }
    let bits = x.to_bits();
    let sign = if bits >> 63 == 1 { -1 } else { 1 };
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let frac = (bits & ((1 << 52) - 1)) as i128;
    let (m, e) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), biased - 1075)
    };
    (sign * m, e)
}

/// Exact sum of f64 values whose exponents are within ~70 of each other,
/// as an integer multiple of `2^emin`.
fn exact_sum(xs: &[f64]) -> (i128, i32) {
    let parts: Vec<(i128, i32)> = xs.iter().map(|&x| decompose(x)).collect();
    let emin = parts
        .iter()
        .filter(|p| p.0 != 0)
        .map(|p| p.1)
        .min()
        .unwrap_or(0);
    let total = parts
        .iter()
        .filter(|p| p.0 != 0)
        .map(|&(m, e)| m << (e - emin))
        .sum();
    (total, emin)
}

fn same_value(a: (i128, i32), b: (i128, i32)) -> bool {
    if a.0 == 0 || b.0 == 0 {
        return a.0 == b.0;
    }
    let e = a.1.min(b.1);
    (a.0 << (a.1 - e)) == (b.0 << (b.1 - e))
}

fn ulps(got: f64, want: f64) -> f64 {
    if got == want {
        return 0.0;
    }
    let ulp = f64::from_bits(want.abs().to_bits() + 1) - want.abs();
    (got - want).abs() / ulp
}

#[test]
fn two_sum_is_exact_on_adversarial_operands() {
    let cases = [
        (1.0, 1e-16),
        (1.0, -1.0 + f64::EPSILON / 4.0),
        (1e16, 1.0),
        (1e16, -1e16 + 2.0),
        (f64::MAX / 2.0, f64::MAX / 4.0),
        (0.1, 0.2),
        (1.0 + f64::EPSILON, -1.0),
        (3.0, f64::EPSILON * 0.75),
        (f64::MIN_POSITIVE, f64::from_bits(1)),
        (-0.0, 0.0),
    ];
    for (a, b) in cases {
        let (s, e) = two_sum(a, b);
        assert_eq!(s, a + b, "s is the rounded sum for {a:e} + {b:e}");
        assert!(
            same_value(exact_sum(&[s, e]), exact_sum(&[a, b])),
            "{a:e} + {b:e}"
        );
    }
}

#[test]
fn two_prod_is_exact_on_adversarial_operands() {
    let cases = [
        (1.0 + f64::EPSILON, 1.0 - f64::EPSILON / 2.0),
        (0.1, 0.1),
        (134_217_729.0, 134_217_729.0), // the splitter itself
        (3.0, 1.0 / 3.0),
        ((1u64 << 53) as f64 - 1.0, (1u64 << 53) as f64 - 1.0),
        (1e300, 1e-300),
        (-7.0e-100, 3.0e-100), // (products near 2^-1022 lose the exactness of e)
    ];
    for (a, b) in cases {
        let (p, e) = two_prod(a, b);
        assert_eq!(p, a * b);
        let (ma, ea) = decompose(a);
        let (mb, eb) = decompose(b);
        assert!(
            same_value(exact_sum(&[p, e]), (ma * mb, ea + eb)),
            "{a:e} * {b:e}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn two_sum_is_exact(a in -1e30f64..1e30, b in -1e30f64..1e30, shift in 0i32..60) {
        let b = b * 2f64.powi(-shift);
        let (s, e) = two_sum(a, b);
        prop_assert!(same_value(exact_sum(&[s, e]), exact_sum(&[a, b])));
        if a.abs() >= b.abs() {
            prop_assert_eq!(fast_two_sum(a, b), (s, e));
        }
    }

    #[test]
    fn two_prod_is_exact(a in -1e100f64..1e100, b in -1e100f64..1e100) {
        let (p, e) = two_prod(a, b);
        let (ma, ea) = decompose(a);
        let (mb, eb) = decompose(b);
        prop_assert!(same_value(exact_sum(&[p, e]), (ma * mb, ea + eb)));
    }

    #[test]
    fn softmax_agrees_with_the_baseline_where_it_is_well_conditioned(
        x in prop::collection::vec(-5.0f64..5.0, 1..60),
    ) {
        let ours = softmax(&x);
        let plain = naive::softmax(&x);
        for (a, b) in ours.iter().zip(&plain) {
            // Naive: exp, sum and division errors, up to about n/2 + 2 ULP.
            prop_assert!(ulps(*b, *a) <= 8.0 + x.len() as f64, "{} vs {}", a, b);
        }
        let s: f64 = ours.iter().sum();
        prop_assert!((s - 1.0).abs() <= x.len() as f64 * f64::EPSILON);
    }

    #[test]
    fn log_softmax_and_logsumexp_agree_with_the_baseline(
        x in prop::collection::vec(-5.0f64..5.0, 2..60),
    ) {
        let ours = log_softmax(&x);
        let plain = naive::log_softmax(&x);
        for (a, b) in ours.iter().zip(&plain) {
            if a.abs() > 0.5 {
                prop_assert!(ulps(*b, *a) <= 8.0, "{} vs {}", a, b);
            }
        }
        let (a, b) = (logsumexp(&x), naive::logsumexp(&x));
        if a.abs() > 0.5 {
            prop_assert!(ulps(b, a) <= 8.0, "{} vs {}", a, b);
        }
    }

    #[test]
    fn temperature_and_derivatives_agree_with_the_baseline(
        x in prop::collection::vec(-2.0f64..2.0, 2..12),
        t in 0.5f64..4.0,
    ) {
        let ours = softmax_with_temperature(&x, t).unwrap();
        let plain = naive::softmax_with_temperature(&x, t);
        // The baseline rounds z_j = (x_j - m) / T twice before e^{z_j}: an
        // absolute error of about 2|z_j| eps in the exponent, so a relative
        // error of up to 2|z_j| ULP in each exponential and in their sum,
        // plus about 1 ULP for exp, n/2 for the sum and 1 for the division.
        // (A fixed 8 ULP failed for x = (0.295.., 0.394.., 1.774.., -1.006..),
        // T = 0.58, whose largest |z| is 4.8.)
        let m = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let z_max = x.iter().map(|v| (m - v) / t).fold(0.0, f64::max);
        let bound = 4.0 + x.len() as f64 + 4.0 * z_max;
        for (a, b) in ours.iter().zip(&plain) {
            prop_assert!(ulps(*b, *a) <= bound, "{} vs {} (bound {} ULP)", a, b, bound);
        }
        let j = jacobian(&x, t).unwrap();
        let jn = naive::jacobian(&x, t);
        let n = x.len();
        for (k, (a, b)) in j.iter().zip(&jn).enumerate() {
            // Off-diagonal entries and moderate diagonals are well-conditioned.
            let p = ours[k / n];
            // Each is a product of two of the probabilities above (and 1/T),
            // so it carries both of their errors.
            if k % (n + 1) != 0 || p < 0.9 {
                prop_assert!(ulps(*b, *a) <= 2.0 * bound + 2.0, "entry {}: {} vs {}", k, a, b);
            }
        }
        let v: Vec<f64> = (0..n).map(|i| if i % 2 == 0 { 1.0 } else { -0.5 }).collect();
        let ours = jvp(&x, t, &v).unwrap();
        let plain = naive::jvp(&x, t, &v);
        for (a, b) in ours.iter().zip(&plain) {
            // The baseline's error is absolute, of the order of eps max|v| / T.
            prop_assert!((a - b).abs() <= 16.0 * f64::EPSILON / t, "{} vs {}", a, b);
        }
    }

    #[test]
    fn shifting_all_logits_exactly_leaves_every_output_bit_identical(
        x in prop::collection::vec(-4000i32..4000, 1..40),
        shift in -1000i32..1000,
    ) {
        // Multiples of 1/8 shifted by an integer: the shift is exact, so the
        // exact outputs are equal, and so are their correct roundings.
        let a: Vec<f64> = x.iter().map(|&k| f64::from(k) / 8.0).collect();
        let b: Vec<f64> = a.iter().map(|&v| v + f64::from(shift)).collect();
        prop_assert_eq!(softmax(&a), softmax(&b));
        prop_assert_eq!(log_softmax(&a), log_softmax(&b));
    }

    #[test]
    fn the_f32_path_rounds_once(
        x in prop::collection::vec(-20.0f32..20.0, 1..50),
        t in 0.05f32..20.0,
    ) {
        // The f64 core's result is within 2^-53 of the exact value, so the
        // f32 result must be within 0.5 ULP of f32 plus a hair of it.
        let wide: Vec<f64> = x.iter().map(|&v| f64::from(v)).collect();
        let p32 = softmax_with_temperature_f32(&x, t).unwrap();
        let p64 = softmax_with_temperature(&wide, f64::from(t)).unwrap();
        for (a, b) in p32.iter().zip(&p64) {
            if *b > 1e-37 {
                let r = *b as f32;
                let ulp = f64::from(f32::from_bits(r.abs().to_bits() + 1)) - f64::from(r.abs());
                prop_assert!((f64::from(*a) - b).abs() <= ulp * (0.5 + 1e-6), "{} vs {}", a, b);
            }
        }
        let l32 = log_softmax_f32(&x);
        let l64 = log_softmax(&wide);
        for (a, b) in l32.iter().zip(&l64) {
            let r = *b as f32;
            let ulp = f64::from(f32::from_bits(r.abs().to_bits() + 1)) - f64::from(r.abs());
            prop_assert!((f64::from(*a) - b).abs() <= ulp * (0.5 + 1e-6));
        }
        let a = logsumexp_f32(&x);
        let b = logsumexp(&wide);
        let ulp = f64::from(f32::from_bits((b as f32).abs().to_bits() + 1)) - f64::from((b as f32).abs());
        prop_assert!((f64::from(a) - b).abs() <= ulp * (0.5 + 1e-6));
    }
}

#[test]
fn the_f32_path_keeps_the_special_values() {
    assert!(softmax_f32(&[1.0, f32::NAN]).iter().all(|p| p.is_nan()));
    assert_eq!(softmax_f32(&[f32::NEG_INFINITY; 2]), vec![0.0, 0.0]);
    assert_eq!(
        softmax_f32(&[f32::INFINITY, 0.0, f32::INFINITY]),
        vec![0.5, 0.0, 0.5]
    );
    assert_eq!(softmax_f32(&[0.0; 3]), vec![1.0 / 3.0; 3]);
    assert_eq!(log_softmax_f32(&[0.0; 4]), vec![-(4.0f32.ln()); 4]);
    assert_eq!(logsumexp_f32(&[]), f32::NEG_INFINITY);
    // Subnormal f32 outputs are produced, not flushed.
    let p = softmax_f32(&[0.0, -100.0]);
    assert!(p[1] > 0.0 && p[1] < f32::MIN_POSITIVE);
}

#[test]
fn subnormal_probabilities_are_not_flushed() {
    let p = softmax(&[0.0, -740.0, -745.0, -746.0]);
    assert!(p[1] > 0.0 && p[1] < f64::MIN_POSITIVE);
    assert_eq!(p[2], f64::from_bits(1)); // e^-745 = 0.98 * 2^-1074
    assert_eq!(p[3], 0.0); // e^-746 < 2^-1075
}

#[test]
fn log_softmax_at_a_dominant_element_keeps_its_tiny_value() {
    // log p_0 = -log1p(e^-40) = -4.248354255291589e-18 (not 0).
    let l = log_softmax(&[0.0, -40.0]);
    assert_eq!(l[0], -4.248_354_255_291_589e-18);
    assert_eq!(logsumexp(&[0.0, -40.0]), 4.248_354_255_291_589e-18);
}

#[test]
fn a_constant_tangent_has_an_exactly_zero_jvp() {
    let x = [0.3, -1.2, 2.5, 0.0];
    let out = jvp(&x, 0.7, &[1.25; 4]).unwrap();
    assert!(out.iter().all(|&v| v == 0.0), "{out:?}");
}

#[test]
fn the_jacobian_diagonal_at_a_dominant_p_is_exact() {
    // p_0 = 1/(1 + e^-30); p_0 (1 - p_0) = e^-30 / (1 + e^-30)^2.
    let j = jacobian(&[0.0, -30.0], 1.0).unwrap();
    assert_eq!(j[0], 9.357_622_968_838_423e-14);
    assert_eq!(j[0], -j[1]);
}

#[test]
fn extreme_finite_inputs_never_panic_or_give_nan() {
    use softmax_lesson::log_softmax_with_temperature;
    let vectors: [&[f64]; 5] = [
        &[f64::MAX, -f64::MAX],
        &[-f64::MAX, f64::MAX, 0.0],
        &[f64::MIN_POSITIVE, -f64::from_bits(1), 0.0],
        &[1e300, 1e300, -1e300, f64::NEG_INFINITY],
        &[-745.0, -1e-300, 0.0, -2000.0],
    ];
    let temperatures = [f64::from_bits(1), 1e-300, 1e-3, 1.0, 7.5, 1e300, f64::MAX];
    for x in vectors {
        assert!(logsumexp(x).is_finite());
        for &t in &temperatures {
            let p = softmax_with_temperature(x, t).unwrap();
            assert!(
                p.iter().all(|v| (0.0..=1.0).contains(v)),
                "{x:?} T={t}: {p:?}"
            );
            let l = log_softmax_with_temperature(x, t).unwrap();
            assert!(
                l.iter().all(|v| !v.is_nan() && *v <= 0.0),
                "{x:?} T={t}: {l:?}"
            );
            let j = jacobian(x, t).unwrap();
            assert!(j.iter().all(|v| !v.is_nan()), "{x:?} T={t}: {j:?}");
            let v: Vec<f64> = (0..x.len())
                .map(|i| [1e308, -3.0, 1e-310, 0.5][i % 4])
                .collect();
            let jv = jvp(x, t, &v).unwrap();
            assert!(jv.iter().all(|v| !v.is_nan()), "{x:?} T={t}: {jv:?}");
        }
    }
}
